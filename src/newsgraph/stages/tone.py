"""Article tone as GDELT's V2Tone: seven numbers from an open word list, and a score per sentence.

GDELT's tone dictionaries are closed, so the word list is VADER's (`vaderSentiment` 3.3.2,
MIT: 7,500 words and emoticons rated -4 … +4 by people). Our documented choices:

- a *word* is a token with a letter in it (numbers and punctuation are not words);
- a word is *positive* (*negative*) when VADER rates its form, else its lemma, above (below)
  zero; a negator ("not", "never", "n't" …, VADER's own list) up to three words before it
  flips the side ("not good" counts as negative);
- **tone** = positive − negative, **positive** / **negative** = their share of the words in
  percent (0–100), **polarity** = positive + negative (how charged the text is);
- **activity** = share of words that are verbs (GDELT's "activity reference density", whose
  list of active words is closed); **self_group** = share of words that are pronouns (GDELT's
  "self/group reference density"); **words** = the word count;
- each sentence keeps its offsets, its own tone, positive and negative shares and VADER's
  compound score (−1 … +1, with VADER's rules for boosters, "but" and capitals), so a reader
  can see where an article's tone comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.model import Document, SentenceTone, Tone
from newsgraph.stages.doc_tables import token_table
from newsgraph.stages.tone_lexicon import ToneLexicon, load_tone_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from newsgraph.resources import Resources

__all__ = ["ToneLexicon", "add_tone", "article_tone", "load_tone_lexicon", "make_tone"]

#: How many words before a rated word a negator flips it (VADER looks back three words).
NEGATION_WINDOW = 3
DIGITS = 4


@dataclass
class _Counts:
    words: int = 0
    positive: int = 0
    negative: int = 0
    verbs: int = 0
    pronouns: int = 0

    def add(self, other: _Counts) -> None:
        for name in ("words", "positive", "negative", "verbs", "pronouns"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def share(self, count: int) -> float:
        return round(100 * count / self.words, DIGITS) if self.words else 0.0


def _has_letter(text: str) -> bool:
    """Whether a token is a word: it has a letter (the common all-letter case first)."""
    return text.isalpha() or any(char.isalpha() for char in text)


def count_columns(texts: list[str], lowers: list[str], lemmas: list[str], tags: list[str],
                  lexicon: ToneLexicon) -> _Counts:
    """Words, positive and negative words (negation flips), verbs and pronouns of tokens
    given as columns: each token's text, lowercase form, lowercase lemma and coarse part of
    speech."""
    counts = _Counts()
    recent: list[bool] = []  # whether each of the last words is a negator
    valence = lexicon.valence
    for text, lower, lemma, pos in zip(texts, lowers, lemmas, tags, strict=True):
        if not _has_letter(text):
            continue
        counts.words += 1
        counts.verbs += pos == "VERB"
        counts.pronouns += pos == "PRON"
        # `lexicon.rating(token)`, the lemma read only when the form has no rating
        rating = valence.get(lower) or valence.get(lemma, 0.0)
        if rating and any(recent[-NEGATION_WINDOW:]):
            rating = -rating
        counts.positive += rating > 0
        counts.negative += rating < 0
        recent.append(lexicon.word_negates(lower))
    return counts


def sentence_tone(sentence: SpacySpan, lexicon: ToneLexicon) -> tuple[SentenceTone, _Counts]:
    table, first, last = token_table(sentence.doc), sentence.start, sentence.end
    counts = count_columns(table.texts[first:last], table.lowers[first:last],
                           table.folded_lemmas[first:last], table.tags[first:last], lexicon)
    text = table.text[sentence.start_char:sentence.end_char]  # `sentence.text`, sliced
    start = sentence.start_char + len(text) - len(text.lstrip())
    end = sentence.start_char + len(text.rstrip())  # no blank lines parsed into the sentence
    scored = SentenceTone(start=start, end=max(start, end),
                          tone=counts.share(counts.positive - counts.negative),
                          positive=counts.share(counts.positive),
                          negative=counts.share(counts.negative), words=counts.words,
                          compound=lexicon.compound(text) if counts.words else 0.0)
    return scored, counts


def article_tone(sentences: Iterable[SpacySpan], lexicon: ToneLexicon) -> Tone:
    """The seven V2Tone numbers of the whole text, with each sentence's own scores."""
    total = _Counts()
    scored = []
    for sentence in sentences:
        one, counts = sentence_tone(sentence, lexicon)
        total.add(counts)
        if counts.words:
            scored.append(one)
    return Tone(tone=total.share(total.positive - total.negative),
                positive=total.share(total.positive), negative=total.share(total.negative),
                polarity=total.share(total.positive + total.negative),
                activity=total.share(total.verbs),
                self_group=total.share(total.pronouns), words=total.words, sentences=scored)


def make_tone(resources: Resources) -> Callable[[Document], None]:
    """The tone stage, with VADER's lexicon loaded once per worker."""
    lexicon = resources.tone_lexicon
    return lambda document: add_tone(document, lexicon)


def add_tone(document: Document, lexicon: ToneLexicon) -> None:
    """Set `article.tone` from the parse (English only: the word list is English)."""
    article = document.article
    if article.language and not article.language.startswith("en"):
        return
    article.tone = article_tone(document.doc.sents, lexicon)
