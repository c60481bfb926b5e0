"""Article tone (`newsgraph.stages.tone`): GDELT's V2Tone numbers from VADER's word list."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, SentenceTone, Tone
from newsgraph.stages.tone import article_tone, load_tone_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return load_tone_lexicon()


def test_shares_of_words_and_the_seven_numbers(parse, lexicon) -> None:
    text = "The brutal attack killed three people. Residents praised the brave rescuers."
    tone = article_tone(parse(text).doc.sents, lexicon)
    # words: 6 + 5 = 11; negative: brutal, attack, killed; positive: praised, brave
    assert tone.words == 11
    assert tone.negative == pytest.approx(100 * 3 / 11, abs=1e-4)
    assert tone.positive == pytest.approx(100 * 2 / 11, abs=1e-4)
    assert tone.tone == pytest.approx(100 * (2 - 3) / 11, abs=1e-4)
    assert tone.polarity == pytest.approx(100 * 5 / 11, abs=1e-4)
    assert tone.activity == pytest.approx(100 * 2 / 11, abs=1e-4)  # killed, praised
    assert tone.self_group == 0
    assert len(tone.v2tone()) == 7 and tone.v2tone()[-1] == 11
    first, second = tone.sentences
    assert text[first.start:first.end] == "The brutal attack killed three people."
    assert first.tone < 0 < second.tone and first.compound < 0 < second.compound
    assert first.words == 6 and second.words == 5


def test_a_negator_flips_the_next_rated_words(parse, lexicon) -> None:
    plain = article_tone(parse("The deal is good for us.").doc.sents, lexicon)
    negated = article_tone(parse("The deal is not good for us.").doc.sents, lexicon)
    assert plain.positive > 0 and plain.negative == 0
    assert negated.positive == 0 and negated.negative > 0
    assert plain.self_group > 0  # "us"


def test_numbers_and_punctuation_are_not_words(parse, lexicon) -> None:
    tone = article_tone(parse("Prices rose 12 % in 2024 .").doc.sents, lexicon)
    assert tone.words == 3  # Prices, rose, in: no number or sign


def test_empty_text_has_zero_tone(parse, lexicon) -> None:
    tone = article_tone(parse("...").doc.sents, lexicon)
    assert (tone.words, tone.tone, tone.sentences) == (0, 0.0, [])


def test_the_pipeline_adds_tone_and_old_json_still_reads(nlp) -> None:
    from newsgraph.model import Source
    from newsgraph.pipeline import Analyzer
    from newsgraph.settings import Settings

    (article,) = Analyzer(Settings(stages=("tone",))).analyze_batch(
        [Source(text="Rescuers saved a happy child. Floods destroyed the town.", origin="t")])
    assert article.tone is not None and article.tone.words == 9
    assert len(article.tone.sentences) == 2
    again = Article.model_validate_json(article.model_dump_json())
    assert again.tone == article.tone
    old = Article.model_validate_json('{"schema_version": 1, "id": "a", "text": "x"}')
    assert old.tone is None


def test_a_reader_of_the_old_schema_ignores_the_new_field() -> None:
    from pydantic import BaseModel

    class OldArticle(BaseModel):  # schema 1 as a reader written before `tone` knew it
        schema_version: int
        id: str
        text: str

    tone = Tone(tone=-1, positive=1, negative=2, polarity=3, activity=4, self_group=5, words=9,
                sentences=[SentenceTone(start=0, end=1, tone=-1, positive=1, negative=2,
                                        words=9, compound=-0.3)])
    article = Article(id="a", text="x", tone=tone)
    assert OldArticle.model_validate_json(article.model_dump_json()).id == "a"


def test_sentence_offsets_leave_out_surrounding_blank_lines(parse, lexicon) -> None:
    text = "“We have no choice,” he said.\n\nThe talks failed badly."
    tone = article_tone(parse(text).doc.sents, lexicon)
    assert [text[s.start:s.end] for s in tone.sentences] == [
        "“We have no choice,” he said.", "The talks failed badly."]
