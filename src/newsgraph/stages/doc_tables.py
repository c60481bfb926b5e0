"""Readings of one parse that several stages share, made once per `Doc`.

spaCy joins every token again on each read of `Doc.text`, and makes a new `Token` (and looks
its strings up) on every token access; stages that walk the tokens pay that each time. Here
the text, and each token column a stage asks for, are read once per `Doc` (from
`Doc.to_array`, one string look-up per distinct value, remembered across parses) and kept
while the `Doc` lives: the cache holds the `Doc` only weakly, and a table only a weak
reference back to it.

Columns are plain lists indexed by token position (`doc[i]` has `table.texts[i]`, ...).
"""

from __future__ import annotations

import operator
import weakref
from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["TokenTable", "doc_text", "sentence_bounds", "sentence_of", "token_table"]

_tables: weakref.WeakKeyDictionary[Doc, TokenTable] = weakref.WeakKeyDictionary()
#: The table asked for last, with the weak reference to its `Doc`: stages ask for the same
#: parse's table many times in a row, and a weak dictionary makes a new reference per query.
_last: tuple[weakref.ref[Doc], TokenTable] | None = None
#: Strings of the hashes looked up so far, across parses (a hash always names the same
#: string); replaced by an empty one when it would grow past `KNOWN_STRINGS_LIMIT`.
_known_strings: dict[int, str] = {}
KNOWN_STRINGS_LIMIT = 100_000


def token_table(doc: Doc) -> TokenTable:
    """The shared `TokenTable` of `doc` (made at the first request)."""
    global _last
    last = _last
    if last is not None and last[0]() is doc:
        return last[1]
    table = _tables.get(doc)
    if table is None:
        table = _tables[doc] = TokenTable(doc)
    _last = (table._doc, table)
    return table


def _look_up(hashes: list[int], doc: Doc) -> list[str]:
    """The strings of `hashes`, each distinct one looked up in the vocabulary at most once
    while the shared store of known strings holds it."""
    global _known_strings
    known = _known_strings
    missing = set(hashes).difference(known)
    if missing:
        if len(known) + len(missing) > KNOWN_STRINGS_LIMIT:
            # A fresh store (not cleared in place: a reader in another thread keeps its own).
            known = _known_strings = {}
            missing = set(hashes)
        strings = doc.vocab.strings
        for key in missing:
            known[key] = strings[key]
    return list(map(known.__getitem__, hashes))


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per `Doc`."""
    return token_table(doc).text


def sentence_bounds(doc: Doc, index: int) -> tuple[int, int]:
    """Token positions [start, end) of the sentence of `doc[index]` (`Token.sent`), found
    by bisection in the sentence starts read once per `Doc`: spaCy's `Token.sent` first
    checks the whole parse for sentence bounds and walks token by token to both ends."""
    starts = token_table(doc).sentence_starts
    if starts is None or "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks \
            or "sents" in doc.user_hooks:
        sentence = doc[index].sent  # spaCy's own answer (or its error)
        return sentence.start, sentence.end
    found = bisect_right(starts, index)
    return starts[found - 1], starts[found] if found < len(starts) else len(doc)


def sentence_of(token: Token) -> Span:
    """`token.sent`, the same span, found as `sentence_bounds` finds it."""
    doc = token.doc
    start, end = sentence_bounds(doc, token.i)
    return doc[start:end]


class TokenTable:
    """Token columns of one `Doc`, each read at its first use: `texts` (`Token.text`),
    `lowers` (`lower_`), `lemmas` (`lemma_`), `folded_lemmas` (`lemma_.lower()`), `tags`
    (`pos_`), `fine_tags` (`tag_`), `deps` (`dep_`), `spaces` (`whitespace_`), `starts`
    (`idx`), `heads` (`head.i`), `blanks` (`is_space`), `puncts` (`is_punct`),
    `sentence_starts` (where `Doc.sents` begins each sentence); and the
    document's `text`."""

    def __init__(self, doc: Doc) -> None:
        self._doc = weakref.ref(doc)

    @property
    def doc(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the parse this table was read from is gone")
        return doc

    def _strings(self, attribute: str) -> list[str]:
        """A string column: the attribute's hashes, each distinct one looked up once."""
        doc = self.doc
        return _look_up(doc.to_array(attribute).tolist(), doc)

    @cached_property
    def text(self) -> str:
        """`Doc.text` joined from the columns (spaCy's own join makes a `Token` per word)."""
        return "".join(map(operator.add, self.texts, self.spaces))

    @cached_property
    def texts(self) -> list[str]:
        return self._strings("ORTH")

    @cached_property
    def lowers(self) -> list[str]:
        return self._strings("LOWER")

    @cached_property
    def lemmas(self) -> list[str]:
        return self._strings("LEMMA")

    @cached_property
    def folded_lemmas(self) -> list[str]:
        """Lower-case lemmas (`lemma_.lower()`), each distinct lemma lowered once."""
        lemmas = self.lemmas
        folded = {lemma: lemma.lower() for lemma in set(lemmas)}
        return [folded[lemma] for lemma in lemmas]

    @cached_property
    def tags(self) -> list[str]:
        """Coarse parts of speech (`pos_`)."""
        return self._strings("POS")

    @cached_property
    def fine_tags(self) -> list[str]:
        """Fine-grained tags (`tag_`)."""
        return self._strings("TAG")

    @cached_property
    def deps(self) -> list[str]:
        """Dependency labels (`dep_`)."""
        return self._strings("DEP")

    @cached_property
    def spaces(self) -> list[str]:
        return [" " if space else "" for space in self.doc.to_array("SPACY").tolist()]

    @cached_property
    def starts(self) -> list[int]:
        return self.doc.to_array("IDX").tolist()

    @cached_property
    def heads(self) -> list[int]:
        """Each token's head position (`head.i`; spaCy stores the offset to it)."""
        offsets = self.doc.to_array("HEAD").astype("int64").tolist()
        return [index + offset for index, offset in enumerate(offsets)]

    @cached_property
    def blanks(self) -> list[bool]:
        return [bool(flag) for flag in self.doc.to_array("IS_SPACE").tolist()]

    @cached_property
    def puncts(self) -> list[bool]:
        return [bool(flag) for flag in self.doc.to_array("IS_PUNCT").tolist()]

    @cached_property
    def sentence_starts(self) -> list[int] | None:
        """The first position of each sentence, as `Doc.sents` splits the parse (0, then
        each token whose `SENT_START` is 1); None when the parse has no sentence bounds
        (`Doc.has_annotation("SENT_START")` is false)."""
        flags = self.doc.to_array("SENT_START").tolist()
        if len(flags) > 1 and not any(flags[1:]):
            return None
        return [0, *(i for i in range(1, len(flags)) if flags[i] == 1)]
