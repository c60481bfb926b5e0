"""`is_handle` reads the characters around a span off its tokens, not off `doc.text`."""

from __future__ import annotations

from newsgraph.stages.entity_mentions import is_handle


def test_handles_are_found_from_the_tokens_as_from_the_text(parse) -> None:
    text = ("Follow @janedoe and #VoteEarly today, said Jane Doe of Ohio (@ohiogov) "
            "while Mark#Smith and Ann @ Lee watched.")
    doc = parse(text).doc
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 3) + 1):
            span = doc[start:end]
            first = span.start_char
            expected = text[first:first + 1] in {"@", "#"} or (
                first > 0 and text[first - 1] in {"@", "#"})
            assert is_handle(span) == expected, span.text
    assert is_handle(doc[0:0]) == (text[:1] in {"@", "#"})  # an empty span: the text rule
