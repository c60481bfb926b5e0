"""`newsgraph users ...` (accounts of the web server) and `newsgraph digest` (e-mails)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.base import app
from newsgraph.cli.options import DbOption, fail

if TYPE_CHECKING:
    from newsgraph.store import Store

users_app = typer.Typer(help="Accounts of `newsgraph serve`: add, list, change, remove.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")


class RoleName(StrEnum):
    reader = "reader"
    editor = "editor"
    admin = "admin"


Email = Annotated[str, typer.Argument(help="The user's e-mail address.")]


def _open(db: str | None, create: bool = False) -> Store:
    try:
        import pwdlib  # noqa: F401
    except ImportError as error:
        raise fail(f"{error.name} is missing: pip install 'newsgraph[web]'", 2) from error
    from newsgraph.store import Store, StoreError, StoreNotFound, default_db

    try:
        return Store.open(db or default_db(), create=create)
    except StoreNotFound as error:
        raise fail(f"{error} (pass --db or set NEWSGRAPH_DB)", 2) from error
    except StoreError as error:
        raise fail(str(error), 2) from error


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def add_user(
    email: Email,
    role: Annotated[RoleName, typer.Option(help="What the user may do.")] = RoleName.reader,
    name: Annotated[str, typer.Option(help="Name shown on the pages.")] = "",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input "
        "instead of prompting.")] = False,
    db: DbOption = None,
) -> None:
    """Create a user (the store is created if missing); the password is prompted for."""
    from newsgraph.serve.accounts.config import AccountSettings, Argon2Cost
    from newsgraph.serve.accounts.passwords import PasswordError, Passwords, check_new_password
    from newsgraph.serve.accounts.users import Role, UserError, add

    password = _read_password(password_stdin)
    try:
        check_new_password(password, AccountSettings().min_password_length)
    except PasswordError as error:
        raise fail(str(error)) from error
    with _open(db, create=True) as store:
        try:
            user = add(store.engine, email, Passwords(Argon2Cost()).hash(password),
                       Role(role.value), name)
        except UserError as error:
            raise fail(str(error)) from error
    typer.echo(f"added {user.email} ({user.role})")


@users_app.command("list")
def list_users(db: DbOption = None) -> None:
    """Every user: e-mail, role, name, created."""
    from newsgraph.serve.accounts.users import all_users

    with _open(db) as store:
        for user in all_users(store.engine):
            created = user.created_at.strftime("%Y-%m-%d") if user.created_at else ""
            typer.echo(f"{user.email}\t{user.role}\t{user.name}\t{created}")


@users_app.command("set-role")
def set_role(email: Email, role: Annotated[RoleName, typer.Argument(help="The new role.")],
             db: DbOption = None) -> None:
    """Change what a user may do."""
    from newsgraph.serve.accounts.users import Role, UserError
    from newsgraph.serve.accounts.users import set_role as change

    with _open(db) as store:
        try:
            user = change(store.engine, email, Role(role.value))
        except UserError as error:
            raise fail(str(error)) from error
    typer.echo(f"{user.email} is now {user.role}")


@users_app.command("remove")
def remove_user(email: Email, db: DbOption = None) -> None:
    """Delete a user with their sessions, saved searches and follows."""
    from newsgraph.serve.accounts.users import UserError, remove

    with _open(db) as store:
        try:
            remove(store.engine, email)
        except UserError as error:
            raise fail(str(error)) from error
    typer.echo(f"removed {email.strip().lower()}")


@users_app.command("revoke-sessions")
def revoke_sessions(email: Email, db: DbOption = None) -> None:
    """Log a user out everywhere (every session ends at once)."""
    from newsgraph.serve.accounts.sessions import end_all
    from newsgraph.serve.accounts.users import find

    with _open(db) as store:
        found = find(store.engine, email)
        if found is None:
            raise fail(f"no user {email.strip().lower()}")
        ended = end_all(store.engine, found[0].id)
    typer.echo(f"ended {ended} session{'s' if ended != 1 else ''} of {found[0].email}")


@app.command()
def digest(
    db: DbOption = None,
    smtp_url: Annotated[str | None, typer.Option(
        envvar="NEWSGRAPH_SMTP_URL", show_envvar=True,
        help="smtp://host:port, smtp+starttls://user:pass@host:587 or smtps://…")] = None,
    mail_from: Annotated[str, typer.Option(
        envvar="NEWSGRAPH_MAIL_FROM", help="Sender of the e-mails.")] =
        "newsgraph <newsgraph@localhost>",
    base_url: Annotated[str, typer.Option(
        envvar="NEWSGRAPH_BASE_URL", help="Where the server is, for links in the e-mails.")] =
        "http://127.0.0.1:8000",
) -> None:
    """E-mail each follower the new quotes by the people and topics they follow."""
    from newsgraph.serve.accounts.digest import send_digests
    from newsgraph.serve.accounts.mail import Mailer, MailError

    if not smtp_url:
        raise fail("no SMTP server: pass --smtp-url or set NEWSGRAPH_SMTP_URL", 2)
    try:
        mailer = Mailer(smtp_url, mail_from)
    except MailError as error:
        raise fail(str(error), 2) from error
    with _open(db) as store:
        report = send_digests(store.engine, mailer, base_url)
    typer.echo(f"digests sent: {len(report.sent)}, nothing new: {len(report.nothing_new)}, "
               f"failed: {len(report.failed)}", err=True)
    for address, reason in report.failed.items():
        typer.echo(f"  {address}: {reason}", err=True)
    if report.failed:
        raise typer.Exit(1)
