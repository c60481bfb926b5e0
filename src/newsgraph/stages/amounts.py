"""The amounts stage: counted and measured quantities ("more than 1 million people").

One linear scan over the tokens finds each number - digits ("100,000", "1.5"),
words ("twenty-five", "two hundred and fifty", "a dozen", "half a million"),
scales ("4 billion", "€3.5m") - and reads around it:

* before it: currency symbols ("$", "US$", "€") and a qualifier ("more than",
  "nearly", "an estimated"; lowercased); "between X and Y" / "X to Y" is a
  range: qualifier "between", value the lower bound;
* after it: "%"/"percent"/"per cent" (unit "percent"), a currency word
  ("dollars" -> "USD"), or the noun the number modifies (its `nummod` head)
  with that noun's compound modifiers ("3,000 aid trucks" -> "aid trucks");
  inside a QUANTITY entity, the measure words ("10 square kilometres").

spaCy's entities are used as hints only (the small model mislabels numbers):
QUANTITY for measure words, DATE/TIME to skip times and dates.

Not amounts: numbers in a DATE entity that names a time (a year, "three days")
or in a TIME entity; year-like bare numbers; ordinals; numbers glued into
identifiers, times, scores or phone numbers ("F-16", "3-1", "555-1234");
labels after a noun ("page 3", "Flight 370"); small numbers after a definite
determiner, which refer back to a known set ("the two allies"; from
`DEFINITE_MAX` on, "the 1,200 people killed" is a count); bare "one" as a
pronoun ("one of them"); unit-less numbers in verbless lines (page chrome);
vague plurals ("thousands", "dozens") and texts that are not English. Every
`Amount` has a value: numbers that cannot be parsed are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from newsgraph.model import Amount
from newsgraph.stages.doc_tables import sentence_of, token_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsgraph.model import Document
    from newsgraph.resources import Resources

_SMALL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_SMALL = {word: n for n, word in enumerate(_SMALL_WORDS.split())}
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS = {word: 10 * n for n, word in enumerate(_TENS_WORDS, start=2)}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "lakh": 10**5, "crore": 10**7}
#: Scale abbreviations, only when glued to digits: "4bn", "€3.5m".
_SCALE_ABBREVIATIONS = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9,
                        "b": 10**9, "tn": 10**12, "trn": 10**12}
_NUMBER_WORDS = frozenset({*_SMALL, *_TENS, *_SCALES, "hundred", "dozen"})
#: Words that open a number before a scale: "a dozen", "half a million".
_OPENERS = frozenset({"a", "an", "half"})
_OPENABLE = frozenset({*_SCALES, "hundred", "dozen", "half", "a", "an"})

_QUALIFIER_PHRASES = (
    "more than", "over", "at least", "nearly", "almost", "about", "around", "roughly",
    "approximately", "approx.", "some", "up to", "fewer than", "less than", "under",
    "as many as", "as few as", "as much as", "as little as", "an estimated", "estimated",
    "close to", "just over", "just under", "well over", "upwards of", "in excess of",
    "at most", "no more than", "no fewer than", "no less than", "not more than", "only",
    "just", "exactly", "precisely", "circa", "barely", "below", "above", "nigh on",
    "between",
)
_QUALIFIERS = sorted((tuple(q.split()) for q in _QUALIFIER_PHRASES), key=len, reverse=True)
_QUALIFIER_MAX = len(_QUALIFIERS[0])

_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                     "₪": "ILS", "c$": "CAD", "a$": "AUD", "₽": "RUB", "rs": "INR",
                     "rs.": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "rupee": "INR", "rupees": "INR",
    "shekel": "ILS", "shekels": "ILS", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "franc": "CHF", "francs": "CHF",
}
_ISO_CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CNY", "INR", "ILS", "RUB", "CHF",
                             "CAD", "AUD"})
_DEFINITE = frozenset({"the", "these", "those", "this", "that", "both"})
_RANGE_LINKS = frozenset({"to", "and", "or", "-", "–", "—"})

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_DIGITS_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|bn|b|tn|trn)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[6-9]\d\d|20\d\d)$")
_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.I)
_TEMPORAL = re.compile(
    r"\b(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|minutes?|seconds?|"
    r"ago|today|yesterday|tomorrow|nights?|mornings?|evenings?|afternoons?|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d{4}s?|'\d\ds)", re.IGNORECASE)
_GLUE_BEFORE = re.compile(r"[\w#/:\-]|\.(?=\d)")
_GLUE_AFTER = re.compile(r"^(?:\w|[-/:.]\w)")

#: Below this value, "the N <noun>" refers back to a known set rather than counting.
DEFINITE_MAX = 100
#: A text whose English stop-word share is below this is not English (for long texts).
MIN_ENGLISH_STOP_SHARE = 0.15


@dataclass
class _Number:
    """Token indices of one number: [first, last] inclusive, and its value."""

    first: int
    last: int
    value: int | float


def make_amounts(resources: Resources) -> Callable[[Document], None]:
    """The amounts stage (its number words and units are module tables)."""
    return add_amounts


def add_amounts(document: Document) -> None:
    """Append an `Amount` to the article for each counted or measured quantity."""
    doc, article = document.doc, document.article
    if (article.language and not article.language.startswith("en")) or not _looks_english(doc):
        return
    starts = _possible_starts(doc)
    i = 0
    while i < len(doc):
        number = _read_number(doc, i) if starts[i] else None
        if number is None:
            i += 1
            continue
        amount, i = _amount(doc, article.text, number)
        if amount is not None:
            article.amounts.append(amount)


def _looks_english(doc: Doc) -> bool:
    """False for a text (of 8+ words) with almost no English stop words."""
    from spacy.attrs import IS_ALPHA, IS_STOP

    flags = doc.to_array([IS_ALPHA, IS_STOP])
    words = int(flags[:, 0].sum())
    if words < 8:
        return True
    return int((flags[:, 0] & flags[:, 1]).sum()) / words >= MIN_ENGLISH_STOP_SHARE


def _possible_starts(doc: Doc) -> list[bool]:
    """For each token, whether `_starts_number` can hold there (its first tests, on one
    pass over the tokens), so that the scan skips the other tokens without reading them."""
    table = token_table(doc)
    # Both patterns start with a digit (`\d`: a decimal digit) or a dot: other words skip them.
    return [bool((text[:1].isdecimal() or text[:1] == ".")
                 and (_DIGITS.match(text) or _DIGITS_SCALE.match(text)))
            or lower in _OPENERS or lower in _NUMBER_WORDS
            for text, lower in zip(table.texts, table.lowers, strict=True)]


# -- reading a number -------------------------------------------------------------


def _is_number_word(token: Token) -> bool:
    return token.lower_ in _NUMBER_WORDS


def _starts_number(doc: Doc, i: int) -> bool:
    """Can a number start at token `i`?"""
    token = doc[i]
    if _DIGITS.match(token.text) or _DIGITS_SCALE.match(token.text):
        return True
    if token.lower_ in _OPENERS:
        return i + 1 < len(doc) and doc[i + 1].lower_ in _OPENABLE and (
            token.lower_ == "half" or doc[i + 1].lower_ != "a") and _continues_to_value(doc, i)
    return _is_number_word(token) and token.lower_ not in _SCALES
    # a bare scale word ("million") starts nothing; "a million" starts at "a"


def _continues_to_value(doc: Doc, i: int) -> bool:
    """An opener run ("a", "half a") reaches a real number word."""
    j = i
    while j < len(doc) and doc[j].lower_ in _OPENERS:
        j += 1
    return j < len(doc) and doc[j].lower_ in _NUMBER_WORDS


def _continues(doc: Doc, j: int, last_is_digits: bool) -> bool:
    """Does token `j` continue the number ending at token `j - 1`?"""
    token, previous = doc[j], doc[j - 1]
    lower = token.lower_
    if lower in _SCALES or lower in {"hundred", "dozen"}:
        return True
    if lower in _SCALE_ABBREVIATIONS:
        return last_is_digits and not previous.whitespace_
    if last_is_digits:
        return False
    if lower in _SMALL or lower in _TENS or lower in _OPENERS:
        return True
    if lower == "-" and not previous.whitespace_ and not token.whitespace_:
        return j + 1 < len(doc) and (doc[j + 1].lower_ in _SMALL)
    if lower == "and" and previous.lower_ in {"hundred", *_SCALES}:
        return j + 1 < len(doc) and (doc[j + 1].lower_ in _SMALL or doc[j + 1].lower_ in _TENS)
    return False


def _read_number(doc: Doc, i: int) -> _Number | None:
    """The number starting at token `i`, or None."""
    if not _starts_number(doc, i):
        return None
    j = i + 1
    while j < len(doc) and _continues(doc, j, bool(_DIGITS.match(doc[j - 1].text))):
        j += 1
    value = parse_value([t.text for t in doc[i:j]])
    return None if value is None else _Number(i, j - 1, value)


def parse_value(words: list[str]) -> int | float | None:
    """The value of a number written as tokens: ["1.5", "million"], ["a", "dozen"], ["4bn"]."""
    total, current, found = Decimal(0), Decimal(0), False
    for raw in words:
        word = raw.lower().replace(",", "")
        glued = _DIGITS_SCALE.match(word)
        if glued:
            word = glued.group(1)
        if word in {"a", "an"}:
            current = current or Decimal(1)
        elif re.fullmatch(r"\d*\.?\d+", word):
            current += Decimal(word)
        elif word == "half":
            current += Decimal("0.5")
        elif word in _SMALL or word in _TENS:
            current += _SMALL.get(word) or _TENS.get(word, 0)
        elif word in {"hundred", "dozen"}:
            current = (current or 1) * (100 if word == "hundred" else 12)
        elif word in _SCALES or word in _SCALE_ABBREVIATIONS:
            total += (current or 1) * {**_SCALES, **_SCALE_ABBREVIATIONS}[word]
            current = Decimal(0)
        elif word not in {"and", "-"}:
            return None
        found = found or word not in {"a", "an", "and", "-"}
        if glued:
            total += current * _SCALE_ABBREVIATIONS[glued.group(2)]
            current = Decimal(0)
    if not found:
        return None
    value = total + current
    return int(value) if value == value.to_integral_value() else float(value)


# -- around the number ------------------------------------------------------------


def _qualifier(doc: Doc, first: int) -> tuple[int, str | None]:
    """The qualifier ending just before token `first`: (its first token, its text)."""
    before = tuple(t.lower_ for t in doc[max(0, first - _QUALIFIER_MAX):first])
    for phrase in _QUALIFIERS:
        if len(phrase) <= len(before) and before[len(before) - len(phrase):] == phrase:
            return first - len(phrase), " ".join(phrase)
    return first, None


def _currency_before(doc: Doc, first: int) -> tuple[int, str | None]:
    """Currency symbols or codes just before the number: "$", "US$", "USD"."""
    if first > 0:
        token = doc[first - 1]
        code = _CURRENCY_SYMBOLS.get(token.lower_) or (
            token.text if token.text in _ISO_CURRENCIES else None)
        if code:
            return first - 1, code
    return first, None


def _range_end(doc: Doc, number: _Number, between: bool) -> _Number | None:
    """The upper bound of "20 to 30" / "between 20 and 30", if there is one."""
    link = number.last + 1
    if link + 1 >= len(doc) or doc[link].lower_ not in _RANGE_LINKS:
        return None
    if doc[link].lower_ == "and" and not between:
        return None
    if doc[link].lower_ in {"-", "–"} and not doc[link - 1].whitespace_:
        return None  # "3-1" is a score, not a range
    start = link + 1
    if doc[start].text in _CURRENCY_SYMBOLS or doc[start].text in _ISO_CURRENCIES:
        start += 1
    return _read_number(doc, start) if start < len(doc) else None


def _after(doc: Doc, last: int) -> tuple[str | None, int]:
    """Unit read after the number: percent, currency word or measure (unit, last token)."""
    if last + 1 >= len(doc):
        return None, last
    nxt = doc[last + 1]
    lower = nxt.lower_
    if lower in {"%", "percent", "pct"}:
        return "percent", last + 1
    if lower == "per" and last + 2 < len(doc) and doc[last + 2].lower_ == "cent":
        return "percent", last + 2
    if lower == "percentage" and last + 2 < len(doc) and doc[last + 2].lower_ in {"point",
                                                                                  "points"}:
        return "percentage points", last + 2
    if lower in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[lower], last + 1
    if nxt.ent_type_ == "QUANTITY" and doc[last].ent_type_ == "QUANTITY":
        end = last + 1
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and not doc[end + 1].is_punct:
            end += 1
        return doc[last + 1:end + 1].text, end
    return None, last


def _unit_noun(doc: Doc, first: int, last: int) -> tuple[str | None, int]:
    """The noun the number in tokens [first, last] modifies, with its compounds."""
    for token in doc[first:last + 1]:
        head = token.head
        if token.dep_ == "nummod" and head.i > last and head.pos_ in {"NOUN", "PROPN"}:
            words = [t.text for t in head.lefts
                     if t.dep_ == "compound" and t.i > last and t.pos_ in {"NOUN", "PROPN"}]
            unit = " ".join([*words, head.text])
            return _CURRENCY_WORDS.get(head.lower_, unit), head.i
    return None, last


# -- exclusions -------------------------------------------------------------------


def _is_date_or_time(doc: Doc, number: _Number) -> bool:
    """Inside a TIME entity, or a DATE entity that names a time (not a mislabel)."""
    for token in doc[number.first:number.last + 1]:
        if token.ent_type_ == "TIME":
            return True
        if token.ent_type_ == "DATE" and _TEMPORAL.search(_entity_around(doc, token.i).text):
            return True
    return False


def _entity_around(doc: Doc, index: int) -> Span:
    """The entity token `index` lies in, found from its IOB tags (not `doc.ents`, which
    builds every entity of the document on each read)."""
    first = index
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = index + 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    return doc[first:last]


def _glued(text: str, start: int, end: int) -> bool:
    """Is the number part of an identifier, time, score or phone number?"""
    before = text[start - 1:start + 1] if start > 0 else ""
    return bool(before and _GLUE_BEFORE.match(before)) or bool(_GLUE_AFTER.match(text[end:end + 2]))


def _definite(doc: Doc, number: _Number) -> bool:
    """A definite determiner right before the number: "the two allies"."""
    return number.first > 0 and doc[number.first - 1].lower_ in _DEFINITE


def _excluded(doc: Doc, text: str, number: _Number, qualifier: str | None,
              unit: str | None) -> bool:
    """The non-quantity cases listed in the module docstring."""
    first, last = doc[number.first], doc[number.last]
    if _is_date_or_time(doc, number) or _glued(text, first.idx, last.idx + len(last.text)):
        return True
    previous = doc[number.first - 1] if number.first > 0 else None
    if previous is not None and not qualifier and (
            _MONTH.match(previous.text) or previous.pos_ in {"NOUN", "PROPN"}):
        return True  # "Oct. 7", "page 3", "Flight 370"
    if not qualifier and not unit and number.first == number.last and _YEAR.match(first.text):
        return True
    if not qualifier and number.value < DEFINITE_MAX and _definite(doc, number):
        return True
    if first.lower_ == "one" and number.first == number.last and not qualifier and not unit:
        return True
    return not unit and not any(t.pos_ in {"VERB", "AUX"} for t in sentence_of(first))


def _amount(doc: Doc, text: str, number: _Number) -> tuple[Amount | None, int]:
    """The `Amount` around one number (or None) and the token index to scan on from."""
    lead, currency = _currency_before(doc, number.first)
    start, qualifier = _qualifier(doc, lead)
    upper = _range_end(doc, number, qualifier == "between")
    tail = upper or number
    unit, end = _after(doc, tail.last)
    if currency:
        unit = currency if unit in {None, currency} else unit
    elif unit is None:
        unit, end = _unit_noun(doc, number.first, tail.last)
    if _excluded(doc, text, number, qualifier, unit):
        return None, tail.last + 1
    if upper is not None:
        qualifier = "between"
    begin, finish = doc[start].idx, doc[end].idx + len(doc[end].text)
    amount = Amount(start=begin, end=finish, text=text[begin:finish], value=number.value,
                    qualifier=qualifier, unit=unit)
    return amount, max(end, tail.last) + 1
