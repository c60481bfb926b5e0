"""Tests for the page-chrome cleaner: chrome goes, every body sentence stays."""

from __future__ import annotations

import re

import pytest

from newsgraph.ingest.clean import clean_text

HEADLINE = "Floods Force Thousands From Homes in River Valley"
BODY = (
    "Heavy rain has driven thousands of people from their houses in the river valley, "
    "officials said on Tuesday.\n\n"
    "“The water rose faster than anyone expected,” said the regional governor, who will sign up "
    "for the national relief programme.\n\n"
    "The minister said she would sign up for the programme. Emergency crews worked through the "
    "night to reinforce the banks.\n\n"
    "Residents were told to accept the cookies and tea handed out at shelters, a volunteer "
    "said.\n\n"
    "Forecasters expect more rain later in the week."
)
TOP_CHROME = "Skip to content\nHome | World | Politics | Business\n\n"
BOTTOM_CHROME = (
    "\n\n\nShare this article\n\n"
    "We're offline at the moment. Leave us a message and we'll reply soon.\n\n"
    "Sign in with your account\n\n"
    "Forgot your password?\n\n"
    "Subscribe to our newsletter\n"
    "Accept all cookies\n"
    "© 2024 Example Media Ltd. All rights reserved.\n"
)
NEWS = TOP_CHROME + HEADLINE + "\n\n" + BODY + BOTTOM_CHROME

GERMAN = (
    "Hochwasser im Flusstal\n\n"
    "Starker Regen hat Tausende Menschen gezwungen, ihre Häuser zu verlassen, teilte die "
    "Behörde am Dienstag mit.\n\n"
    "Die Einsatzkräfte arbeiteten die ganze Nacht, um die Deiche zu sichern.\n"
)


def sentences(text: str) -> list[str]:
    """Body sentences of a fixture (split after final punctuation)."""
    return [s for s in re.split(r"(?<=[.!?”])\s+", text) if s.strip()]


def check_offsets(original: str, cleaned) -> None:
    for block in cleaned.removed:
        assert original[block.start:block.end] == block.text
        assert block.reason


def test_news_page_chrome_removed_and_body_intact() -> None:
    cleaned = clean_text(NEWS)
    check_offsets(NEWS, cleaned)
    assert cleaned.text == HEADLINE + "\n\n" + BODY
    for sentence in sentences(BODY):
        assert sentence in cleaned.text
    removed = [block.text for block in cleaned.removed]
    assert removed[:2] == ["Skip to content", "Home | World | Politics | Business"]
    assert "Forgot your password?" in removed
    assert removed[-1].startswith("©")
    reasons = {block.reason for block in cleaned.removed}
    assert reasons <= {"ui-phrase", "menu", "no-sentence-structure"}


def test_body_line_with_ui_word_stays_at_the_end() -> None:
    text = "Officials met on Monday.\n\nThe minister said she would sign up for the programme."
    assert clean_text(text).text == text


def test_no_chrome_unchanged() -> None:
    text = HEADLINE + "\n\n" + BODY + "\n"
    cleaned = clean_text(text)
    assert cleaned.text == text
    assert cleaned.removed == []


def test_german_text_unchanged() -> None:
    cleaned = clean_text(GERMAN)
    assert cleaned.text == GERMAN
    assert cleaned.removed == []


def test_empty_text() -> None:
    cleaned = clean_text("")
    assert cleaned.text == ""
    assert cleaned.removed == []


def test_all_chrome() -> None:
    text = "Skip to content\nSign in with your account\nForgot your password?\n" \
           "Subscribe to our newsletter\nAccept all cookies\n"
    cleaned = clean_text(text)
    assert cleaned.text == ""
    assert len(cleaned.removed) == 5
    check_offsets(text, cleaned)


def test_markup_and_script_lines_removed_anywhere() -> None:
    text = (
        "<script>\nwindow.dataLayer = window.dataLayer || [];\n</script>\n"
        "Rain fell all day, officials said.\n\n"
        "<div class=\"ad-slot\"></div>\n\n"
        "Crews worked through the night.\n"
        "window.dataLayer.push({\"event\": \"pageview\"});\n"
    )
    cleaned = clean_text(text)
    check_offsets(text, cleaned)
    assert cleaned.text == "Rain fell all day, officials said.\n\nCrews worked through the night."
    assert {block.reason for block in cleaned.removed} == {"markup"}


def test_standalone_ui_phrase_in_the_middle() -> None:
    text = "First paragraph here.\n\nAdvertisement\n\nSecond paragraph here.\n\n" \
           "Share this article\n\nThird paragraph here."
    cleaned = clean_text(text)
    assert cleaned.text == \
        "First paragraph here.\n\nSecond paragraph here.\n\nThird paragraph here."
    assert [block.reason for block in cleaned.removed] == ["ui-phrase", "ui-phrase"]


def test_headline_kept_but_trailing_fragment_removed() -> None:
    text = "Markets Rally After Rate Cut\n\nShares rose sharply on Friday.\n\nTags Markets Economy"
    cleaned = clean_text(text)
    assert cleaned.text == "Markets Rally After Rate Cut\n\nShares rose sharply on Friday."
    assert cleaned.removed[0].reason == "no-sentence-structure"


def test_speech_at_the_end_is_not_chrome() -> None:
    text = "Talks stalled.\n\n“We will get back to you on that,” the spokesman told reporters."
    assert clean_text(text).text == text


@pytest.mark.parametrize("line", ["Read more", "Related articles", "Follow us on X",
                                  "Click here to see the full gallery", "Advertisement"])
def test_strong_phrases(line: str) -> None:
    text = f"Body sentence one.\n\n{line}\n\nBody sentence two."
    assert clean_text(text).text == "Body sentence one.\n\nBody sentence two."
