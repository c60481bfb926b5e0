"""Bytes into text: UTF-8 first, else the legacy charset that reads as a real language.

Text that is not UTF-8 is decoded with every candidate charset that accepts the bytes;
each result is then judged on two things a reader would notice:

1. **code points** (`implausibility`): a wrong single-byte table turns letters into
   symbols inside words ("Gen×ve"), C1 control characters, capitals in the middle of a
   lowercase word ("HÚlene"), or words that mix scripts;
2. **language**: among the results with the fewest such oddities, the one whose text is
   most likely (py3langid's naive-Bayes log-likelihood) in a language that the charset
   is actually used for wins: "Hélène Lefèvre" read as cp1250 ("Hélčne Lefčvre") is
   English with odd letters, not Czech, so cp1252 wins; Czech bytes read as cp1252 are
   neither Czech nor any Western language, so cp1250 wins.

Byte-frequency detectors (charset-normalizer) guess poorly between cp1250, cp1252 and
the DOS code pages on short texts, so none is used. Any guess is reported as a warning.
Between the East Asian multi-byte charsets the model cannot tell well (their byte ranges
overlap and a misread gives real, if rare, characters): ties go to the first listed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

#: Single-byte charsets tried, most common on the web first (the order breaks ties), with
#: the languages (py3langid codes) written in each.
SINGLE_BYTE: dict[str, tuple[str, ...]] = {
    "cp1252": ("en", "fr", "de", "es", "it", "pt", "nl", "ca", "da", "sv", "no", "nn", "fi",
               "is", "fo", "ga", "gd", "cy", "br", "eu", "gl", "oc", "af", "lb", "fy", "la",
               "wa", "an", "id", "ms", "sw", "tl", "so", "eo", "vec", "lij", "ht", "et"),
    "cp1250": ("cs", "sk", "pl", "hu", "sl", "hr", "bs", "ro", "sq"),
    "cp1251": ("ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba"),
    "koi8_r": ("ru", "bg", "be"),
    "cp1253": ("el",),
    "cp1254": ("tr", "az", "ku"),
    "cp1257": ("lt", "lv", "et", "ltg"),
    "cp1255": ("he",),
    "cp1256": ("ar", "fa", "ur", "arz", "ary", "ps", "sdh"),
}
#: East Asian multi-byte charsets, with their languages. The base standards, not their
#: supersets (cp949, gb18030, ...): the supersets map almost any byte pair to a rare
#: character, so wrong readings would look as plausible as the right one.
MULTI_BYTE: dict[str, tuple[str, ...]] = {
    "shift_jis": ("ja",), "euc_jp": ("ja",), "gb2312": ("zh", "wuu", "yue"),
    "big5": ("zh", "yue"), "euc_kr": ("ko",),
}
#: Readable names for the warning.
CHARSET_NAMES = {
    "cp1252": "Western European", "cp1250": "Central European", "cp1251": "Cyrillic",
    "koi8_r": "Russian KOI8-R", "cp1253": "Greek", "cp1254": "Turkish", "cp1257": "Baltic",
    "cp1255": "Hebrew", "cp1256": "Arabic", "latin-1": "ISO-8859-1",
}
#: Declared charsets that browsers read as windows-1252 (WHATWG Encoding Standard).
WINDOWS_1252_LABELS = frozenset({
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
    "cp819", "ibm819", "iso-ir-100", "windows-1252", "x-cp1252", "cp1252",
})
#: Candidates with this much more implausibility than the best are out.
IMPLAUSIBILITY_MARGIN = 0.02
#: Characters of the text read for the language test (enough for a stable likelihood).
LANGUAGE_SAMPLE = 4000
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
#: A file whose first 8 KiB has this share of control bytes is treated as binary.
BINARY_CONTROL_SHARE = 0.10

_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "CJK": "CJK",
                  "HALFWIDTH": "CJK", "FULLWIDTH": "CJK"}


@dataclass
class Decoded:
    """Text decoded from bytes, the charset used, and warnings for a guessed charset."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)

    @property
    def guessed(self) -> bool:
        return bool(self.warnings)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any common encoding (NULs, many control bytes)."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return control / len(head) > BINARY_CONTROL_SHARE


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is NUL (ASCII-range UTF-16), else None."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    head = name.split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(head, head)


def implausibility(text: str) -> float:
    """Share of the non-ASCII characters that a wrong charset table would explain best.

    Counted: C1 controls and unassigned code points anywhere; symbols, superscripts and
    format characters between letters ("Gen×ve", "Za¿ó³æ"); a non-ASCII capital after a
    lowercase letter, or after a letter and before a lowercase one ("HÚlene", KOI8-R read
    as cp1251: "оПХБЕР"); half-width katakana; letters of a script foreign to the rest of
    their word; Latin words of three letters or more with no unaccented letter ("Ïðèâåò":
    another script read through a Latin table).
    """
    non_ascii = [i for i, char in enumerate(text) if ord(char) > 127]
    if not non_ascii:
        return 0.0
    odd = sum(_odd_character(text, i) for i in non_ascii)
    odd += sum(_odd_letters(word) for word in _words(text))
    return odd / len(non_ascii)


def _odd_character(text: str, i: int) -> bool:
    """Whether the non-ASCII character at `i` is out of place where it stands."""
    char = text[i]
    category = unicodedata.category(char)
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if category in ("Cc", "Cn", "Co", "Cs") or "\uff61" <= char <= "\uff9f":
        return True  # controls, unassigned, and half-width katakana (legacy, not news)
    if category[0] in "SN" or category in ("Po", "Cf"):
        return before.isalpha() and after.isalpha()
    if category == "Lu":
        return before.islower() or (before.isalpha() and after.islower())
    return False


def _words(text: str) -> Iterator[str]:
    """Runs of letters and combining marks."""
    start = None
    for i, char in enumerate(text + " "):
        inside = unicodedata.category(char)[0] in "LM"
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            yield text[start:i]
            start = None


def _odd_letters(word: str) -> int:
    """Non-ASCII letters of a script foreign to the rest of the word, or every letter of
    a Latin word without one plain ASCII letter."""
    letters = [char for char in word if char.isalpha()]
    if not letters:
        return 0
    scripts = [_script(char) for char in letters]
    majority = max(set(scripts), key=scripts.count)
    odd = sum(1 for char, script in zip(letters, scripts, strict=True)
              if script != majority and ord(char) > 127)
    if majority == "LATIN" and len(letters) >= 3 and all(ord(c) > 127 for c in letters):
        odd += len(letters)
    return odd


@lru_cache(maxsize=1)
def _ranker():
    from py3langid.langid import rank

    return rank


def language_fit(text: str, languages: tuple[str, ...]) -> tuple[float, float]:
    """How well `text` reads as one of `languages` (py3langid's naive-Bayes model):
    the log-likelihood of the likeliest of them less that of the likeliest language of
    all (0 when a language of the charset is the best reading), then the likelihood."""
    ranked = _ranker()(text[:LANGUAGE_SAMPLE])
    best = ranked[0][1] if ranked else 0.0
    own = max((score for lang, score in ranked if lang in languages), default=float("-inf"))
    return own - best, own


def _candidates(data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """(charset, decoded text, languages) for every candidate that accepts the bytes."""
    found = []
    for encoding, languages in (SINGLE_BYTE | MULTI_BYTE).items():
        try:
            found.append((encoding, data.decode(encoding), languages))
        except UnicodeDecodeError:
            continue
    if not found:  # latin-1 maps every byte; it is only the last resort
        found.append(("latin-1", data.decode("latin-1"), SINGLE_BYTE["cp1252"]))
    return found


def guess_charset(data: bytes) -> tuple[str, str]:
    """(charset, text) for bytes that are not UTF-8: see the module docstring."""
    candidates = _candidates(data)
    odd = {encoding: implausibility(text[:LANGUAGE_SAMPLE * 4])
           for encoding, text, _ in candidates}
    floor = min(odd.values()) + IMPLAUSIBILITY_MARGIN
    plausible = [c for c in candidates if odd[c[0]] <= floor]
    if len(plausible) == 1:
        return plausible[0][0], plausible[0][1]
    # max() keeps the first of equal scores: the earlier (more common) charset
    encoding, text, _ = max(plausible, key=lambda c: language_fit(c[1], c[2]))
    return encoding, text


def decode_text(data: bytes) -> Decoded:
    """Decode text bytes: a BOM, else UTF-8, else the likeliest legacy charset (with a warning)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                          (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(encoding, errors="replace"), encoding,
                           _replaced_warning(data[len(bom):], encoding))
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16,
                       [f"no byte-order mark; decoded as {utf16} (every other byte is NUL)"])
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    if _mostly_utf8(data):
        text = data.decode("utf-8", errors="replace")
        return Decoded(text, "utf-8", [
            f"invalid UTF-8 at byte {first_bad}; {text.count(chr(0xFFFD))} bad byte "
            "sequence(s) replaced with U+FFFD"])
    encoding, text = guess_charset(data)
    name = CHARSET_NAMES.get(encoding, encoding)
    return Decoded(text, encoding, [
        f"not valid UTF-8 (first bad byte at {first_bad}); charset guessed: {encoding} "
        f"({name}) - check accented letters"])


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken sequences (a cut multi-byte character, one stray byte)."""
    valid = 0
    bad = 0
    for chunk in data.decode("utf-8", errors="replace").split("\ufffd"):
        valid += sum(1 for char in chunk if ord(char) > 127)
        bad += 1
    bad -= 1
    return valid >= 2 * bad and valid > 0


def _replaced_warning(data: bytes, encoding: str) -> list[str]:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        return [f"invalid {encoding} at byte {error.start}; bad sequences replaced with U+FFFD"]
    return []


def decode_declared(data: bytes, declared: str) -> str | None:
    """Bytes in the charset a page declares (Latin-1 labels read as windows-1252, as
    browsers do); None when the label is unknown or the bytes do not fit it."""
    label = declared.strip().lower()
    encodings = ["cp1252", "latin-1"] if label in WINDOWS_1252_LABELS else [label]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type header value declares, lower case ("text/html;
    charset=ISO-8859-1" -> "iso-8859-1"), or None."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1).lower() if match else None


def decode_html(data: bytes, charset: str | None = None) -> Decoded:
    """Page bytes as text: a BOM, UTF-8, the declared charset, else the guess of `decode_text`.
    `charset` is the one the HTTP answer declared; it comes before the page's own `<meta>`,
    as in browsers."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                          (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(encoding, errors="replace"), encoding)
    match = _CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", "ignore").lower() if match else None
    if declared and declared.startswith(("utf-16", "utf-32", "utf16", "utf32", "ucs", "unicode")):
        declared = None  # a declaration readable as ASCII cannot be UTF-16/32 (WHATWG: ignore)
    declared = charset or declared
    try:
        # Valid UTF-8 with non-ASCII bytes is almost never another charset by accident,
        # so it wins over a (wrong) declaration.
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        decoded = Decoded(text, "utf-8")
        if declared and declared not in ("utf-8", "utf8") and not data.isascii():
            decoded.warnings.append(
                f"page declares charset {declared!r} but is UTF-8; decoded as UTF-8")
        return decoded
    if declared:
        text = decode_declared(data, declared)
        if text is not None:
            return Decoded(text, declared)
    decoded = decode_text(data)
    if declared:
        decoded.warnings = [f"declared charset {declared!r} does not fit the bytes; " + w
                            for w in decoded.warnings]
    return decoded
