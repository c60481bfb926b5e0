"""The portrayal head features' sums (speed pass nine) must equal the plain sums over every
token: `vout` over the tokens outside the head's clause, `vunder` over the clause without
the target, on sentences written for these tests."""

from __future__ import annotations


def test_outside_and_under_sums_equal_the_plain_sums(parse) -> None:
    from newsgraph.stages.portrayal_features import SentenceReading, mention_features
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    lexicon = load_tone_lexicon()
    doc = parse("Cheerful crowds praised the brave nurse, but the angry senator blamed the "
                "corrupt mayor for the awful flooding, and nobody trusted him.").doc
    sentence = next(iter(doc.sents))
    reading = SentenceReading.of(sentence, lexicon)
    ratings = reading.ratings
    assert sum(1 for r in ratings if r) >= 4
    checked = 0
    for token in sentence:
        if token.pos_ not in {"NOUN", "PROPN", "PRON"} or token.head.i == token.i:
            continue
        start = token.i - sentence.start
        features = mention_features(sentence, start, start + 1, lexicon, 0.0, reading=reading)
        anchor = token
        while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
            anchor = anchor.head
        clause = [t.i - sentence.start for t in anchor.head.subtree]
        under = [ratings[k] for k in clause if not start <= k < start + 1]
        outside = [r for k, r in enumerate(ratings) if k not in set(clause)]
        assert features["vout"] == sum(outside) / 4
        assert features["vunder"] == sum(under) / 4
        assert features[f"vunder:{anchor.dep_}"] == sum(under) / 4
        checked += 1
    assert checked >= 5
