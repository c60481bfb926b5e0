"""Language identification with a packaged model (py3langid), no downloads."""

from __future__ import annotations

from functools import lru_cache

#: Enough text for a stable guess; longer texts are cut to keep it fast.
SAMPLE_CHARS = 4000
#: Below this many letters the guess is too weak; such texts count as English.
MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _classify():
    import py3langid

    return py3langid.classify


def detect_language(text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of the text's language, e.g. "en". For too little text to tell, the
    `hint` (the language the source is known to publish in), else "en"."""
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return hint or "en"
    language, _probability = _classify()(sample)
    return language
