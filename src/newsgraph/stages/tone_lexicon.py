"""VADER's word list (`vaderSentiment`, MIT) as the tone stage reads it: ratings and negators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class ToneLexicon:
    """VADER's word ratings and negators, and its analyser for sentence compound scores."""

    valence: dict[str, float]
    negators: frozenset[str]
    compound: Callable[[str], float]

    def rating(self, token: Token) -> float:
        """The VADER rating of the token's form, else of its lemma; 0 when unrated."""
        return self.word_rating(token.lower_, token.lemma_.lower())

    def word_rating(self, lower: str, lemma: str) -> float:
        """`rating` of a token given its lowercase form and lowercase lemma."""
        return self.valence.get(lower) or self.valence.get(lemma, 0.0)

    def negates(self, token: Token) -> bool:
        return self.word_negates(token.lower_)

    def word_negates(self, lower: str) -> bool:
        """`negates` of a token given its lowercase form."""
        return lower in self.negators or lower in ("n't", "nt", "never")


def load_tone_lexicon() -> ToneLexicon:
    """VADER's lexicon, from the installed `vaderSentiment` package (no download)."""
    from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return ToneLexicon(valence=dict(analyzer.lexicon), negators=frozenset(NEGATE),
                       compound=lambda text: analyzer.polarity_scores(text)["compound"])
