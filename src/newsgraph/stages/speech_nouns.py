"""Attributions carried by nouns of speech and stance: "his claim that …", "Doe's
warning that …", "the mayor made a promise to …", "her criticism of the plan". Part of
the quotes stage's reported speech."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.quote_syntax import (
    SUBJECTS,
    Attribution,
    SpeechFinder,
    clause_span,
    is_animate,
    with_predicate,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


#: Nouns naming a speech act or a held view, with what they take: a "that" clause,
#: an infinitive, or an object of a preposition.
CLAUSE_NOUNS = frozenset("""
claim assertion statement warning allegation charge accusation argument suggestion
promise pledge vow threat announcement acknowledgment acknowledgement admission
insistence contention belief view hope fear concern prediction denial complaint
declaration message assurance insinuation notion
""".split())
INFINITIVE_NOUNS = frozenset("""
promise pledge vow threat call proposal demand offer refusal bid determination
intention desire push appeal request
""".split())
#: (noun, preposition) pairs whose object is what the noun's owner said or holds.
PREPOSITION_NOUNS = frozenset(tuple(pair.split(":")) for pair in """
criticism:of critique:of call:for demand:for endorsement:of praise:for praise:of
comment:on comment:about remark:about question:about warning:about warning:against
denial:of condemnation:of objection:to
""".split())
ALL_NOUNS = CLAUSE_NOUNS | INFINITIVE_NOUNS | {noun for noun, _ in PREPOSITION_NOUNS}
#: Verbs whose object noun is a speech act of their subject: "made the claim that".
LIGHT_VERBS = {"make", "issue", "repeat", "voice", "express", "offer", "renew", "level",
               "reiterate", "deliver", "give", "raise", "have", "share", "stand", "double"}


def noun_attribution(finder: SpeechFinder, noun: Token
                     ) -> tuple[tuple[int, int], Attribution] | None:
    """The attribution a speech noun carries, when its owner is named."""
    if noun.lemma_.lower() not in ALL_NOUNS or noun.i in finder.in_marks:
        return None
    content = finder.within_paragraph(noun, noun_content(noun))
    if content is not None and finder.after_odd_marks(noun):
        return None
    if content is None or finder.quoted(*content):
        return None
    speaker = noun_owner(noun)
    if speaker is None or not is_animate(speaker) or speaker.lower_ in {"i", "we", "you",
                                                                        "my", "our", "your"}:
        return None
    return content, Attribution(noun, speaker)


def noun_content(noun: Token) -> tuple[int, int] | None:
    """The "that" clause, the infinitive or the prepositional object of a speech noun."""
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if child.i < noun.i:
            continue
        if lemma in CLAUSE_NOUNS and child.dep_ in {"acl", "ccomp"} and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            return clause_span(child)
        if lemma in INFINITIVE_NOUNS and child.dep_ == "acl" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return clause_span(child)
        if child.dep_ == "prep" and (lemma, child.lower_) in PREPOSITION_NOUNS:
            target = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if target is not None:
                return with_predicate(noun, target, list(target.subtree))
    return None


def noun_owner(noun: Token) -> Token | None:
    """Who holds the speech act: the possessor ("her claim", "Doe's warning"), the agent
    after "by"/"from" ("a warning from the agency"), or the subject of a verb that makes
    it ("made the claim", "issued a warning")."""
    verb = noun.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None) \
        if noun.dep_ == "dobj" else None
    for child in noun.children:
        if child.dep_ == "poss":
            # "The mayor renewed her call for …": the subject, not the pronoun.
            return subject if child.pos_ == "PRON" and subject is not None else child
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
            agent = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    return subject if verb.lemma_.lower() in LIGHT_VERBS else None
