"""Accounts in a real browser: register, log in and out, reset the password by an e-mailed
link (read from a local SMTP server), and CSRF: a form posted without its token gets 403."""

from __future__ import annotations

import re
import secrets
from typing import Any

from tests.browser import require_browser

require_browser()

from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.conftest import Mailbox  # noqa: E402

EMAIL_LABEL = re.compile(r"e-?mail", re.I)
PASSWORD_LABEL = re.compile(r"^\s*(new\s+)?password\s*$", re.I)
CONFIRM_LABEL = re.compile(r"(confirm|repeat|again)", re.I)
LINK = re.compile(r"https?://127\.0\.0\.1:\d+(/[^\s<>\"]*)")


def new_address() -> str:
    return f"reader-{secrets.token_hex(4)}@example.org"


def fill_passwords(page: Page, password: str) -> None:
    page.get_by_label(PASSWORD_LABEL).first.fill(password)
    confirm = page.get_by_label(CONFIRM_LABEL)
    if confirm.count():
        confirm.first.fill(password)


def submit(page: Page) -> None:
    """Press the form's submit button and wait for the answer page."""
    with page.expect_navigation():
        page.locator("main form button[type=submit], main form input[type=submit]").first.click()


def mailed_link(mailbox: Mailbox, to: str, after: int) -> str:
    """The path of the first 127.0.0.1 link in the next mail to `to`."""
    message = mailbox.wait_for(to, after=after)
    found = LINK.search(Mailbox.body(message))
    assert found, f"no link in the mail: {Mailbox.body(message)!r}"
    return found.group(1)


def register(page: Page, mailbox: Mailbox, address: str, password: str) -> None:
    """Register `address`; follow the e-mailed confirmation link when the server sends one."""
    before = len(mailbox.messages)
    page.goto("/register")
    page.get_by_label(EMAIL_LABEL).first.fill(address)
    if page.get_by_label(PASSWORD_LABEL).count():
        fill_passwords(page, password)
        submit(page)
        return
    submit(page)  # registration by e-mailed link: the password is chosen there
    page.goto(mailed_link(mailbox, address, before))
    fill_passwords(page, password)
    submit(page)
    # Choosing the password finishes the registration and signs in.
    shown = page.locator("main").inner_text()
    assert address in shown, f"registering did not sign in; {page.url} says {shown[:300]!r}"


def log_in(page: Page, address: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label(EMAIL_LABEL).first.fill(address)
    page.get_by_label(PASSWORD_LABEL).first.fill(password)
    submit(page)


def signed_in_as(page: Page, address: str) -> bool:
    page.goto("/account")
    return address in page.locator("main").inner_text()


def log_out(page: Page) -> None:
    logout = page.locator("form[action='/logout'] button, form[action='/logout'] "
                          "input[type=submit]").first
    with page.expect_navigation():
        logout.click()


def test_register_login_reset_by_mail(page: Page, mailbox: Mailbox) -> None:
    address, first, second = new_address(), "correct horse battery", "staple ringing bell 42"
    register(page, mailbox, address, first)
    log_in(page, address, first)
    assert signed_in_as(page, address)
    log_out(page)
    assert not signed_in_as(page, address)

    # Forgotten password: the reset page says the same for any address (no enumeration).
    page.goto("/reset")
    nobody = f"nobody-{secrets.token_hex(3)}@example.org"
    page.get_by_label(EMAIL_LABEL).first.fill(nobody)
    submit(page)
    unknown_answer = page.locator("main").inner_text().replace(nobody, "ADDRESS")
    before = len(mailbox.messages)
    page.goto("/reset")
    page.get_by_label(EMAIL_LABEL).first.fill(address)
    submit(page)
    assert page.locator("main").inner_text().replace(address, "ADDRESS") == unknown_answer
    link = mailed_link(mailbox, address, before)
    assert link.startswith("/reset/")
    page.goto(link)
    fill_passwords(page, second)
    submit(page)
    assert signed_in_as(page, address)  # a finished reset signs in
    log_out(page)

    log_in(page, address, first)  # the old password no longer works
    expect(page.get_by_role("alert")).to_be_visible()
    assert not signed_in_as(page, address)
    log_in(page, address, second)
    assert signed_in_as(page, address)
    # The reset link died with the password change.
    response = page.goto(link)
    assert response is not None
    assert response.status >= 400 or page.get_by_label(PASSWORD_LABEL).count() == 0


def test_form_without_csrf_token_gets_403(page: Page, mailbox: Mailbox) -> None:
    address, password = new_address(), "correct horse battery"
    register(page, mailbox, address, password)
    page.goto("/account")
    log_out(page)
    page.goto("/login")
    token = page.locator("main form input[name=csrf_token]")
    expect(token).to_have_count(1)
    assert len(token.input_value()) >= 16
    # The same form, with its token taken out by a hostile page or a stale tab.
    page.get_by_label(EMAIL_LABEL).first.fill(address)
    page.get_by_label(PASSWORD_LABEL).first.fill(password)
    token.evaluate("input => input.remove()")
    with page.expect_navigation() as answer:
        page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    response = answer.value
    assert response is not None and response.status == 403
    assert not signed_in_as(page, address)


def test_every_form_carries_a_csrf_token(page: Page) -> None:
    for path in ("/login", "/register", "/reset", "/contact"):
        page.goto(path)
        forms = page.locator("form[method=post], form[method=POST]")
        assert forms.count() >= 1, path
        for form in forms.all():
            expect(form.locator("input[type=hidden][name=csrf_token]")).to_have_count(1)


def test_posts_without_or_with_a_wrong_token_get_403(page: Page, live_server: Any) -> None:
    page.goto("/login")  # get the anonymous CSRF cookie first
    for path, form in [("/login", {"email": "a@example.org", "password": "x" * 12}),
                       ("/register", {"email": "b@example.org", "password": "x" * 12}),
                       ("/reset", {"email": "a@example.org"}),
                       ("/contact", {"email": "a@example.org", "message": "hello"})]:
        missing = page.request.post(path, form=form, max_redirects=0)
        assert missing.status == 403, (path, missing.status)
        wrong = page.request.post(path, form={**form, "csrf_token": "0" * 64},
                                  max_redirects=0)
        assert wrong.status == 403, (path, wrong.status)


def test_contact_form_mails_the_operators(page: Page, mailbox: Mailbox) -> None:
    before = len(mailbox.messages)
    page.goto("/contact")
    page.get_by_label(EMAIL_LABEL).first.fill("visitor@example.org")
    page.get_by_label(re.compile(r"message", re.I)).first.fill("The map page is lovely.")
    submit(page)
    message = mailbox.wait_for("operators@127.0.0.1", after=before)
    assert "The map page is lovely." in Mailbox.body(message)
