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
        return self.valence.get(token.lower_) or self.valence.get(token.lemma_.lower(), 0.0)

    def negates(self, token: Token) -> bool:
        return token.lower_ in self.negators or token.lower_ in ("n't", "nt", "never")


def load_tone_lexicon() -> ToneLexicon:
    """VADER's lexicon, from the installed `vaderSentiment` package (no download)."""
    from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return ToneLexicon(valence=dict(analyzer.lexicon), negators=frozenset(NEGATE),
                       compound=lambda text: analyzer.polarity_scores(text)["compound"])
