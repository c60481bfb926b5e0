"""`statements.asserted` (speed pass nine: the question-mark test reads the token table and
walks the clause only when a "?" lies between its edges) must judge every verb as the plain
walk over the clause does, on sentences written for these tests."""

from __future__ import annotations

from newsgraph.stages.events.statements import UNASSERTED_MARKS, asserted


def plain_asserted(predicate) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in predicate.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in UNASSERTED_MARKS for c in predicate.children):
        return False
    after = predicate.right_edge.i + 1
    question = after < len(predicate.doc) and predicate.doc[after].text == "?"
    return not (question or any(t.text == "?" for t in predicate.subtree))


TEXT = ("The mayor praised the firefighters. Did the council blame the mayor? "
        "She asked whether the budget was fair, and why did nobody object? "
        "The union never trusted the board. If the ferry sails late, the captain pays. "
        "He wondered: is the bridge safe? The port reopened on Friday, officials said.")


def test_asserted_equals_the_plain_walk_for_every_verb(nlp) -> None:
    doc = nlp(TEXT)
    verbs = [t for t in doc if t.pos_ in {"VERB", "AUX"}]
    judged = [asserted(v) for v in verbs]
    assert judged == [plain_asserted(v) for v in verbs]
    assert True in judged and False in judged
