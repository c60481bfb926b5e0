"""Stance adjectives: attributions carried by "be" and an adjective of belief or
feeling ("she is confident that …", "they were critical of the plan", "he is determined
to …"). Part of the quotes stage's reported speech."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.quote_syntax import (
    Attribution,
    SpeechFinder,
    clause_span,
    is_animate,
    with_predicate,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


#: Adjectives of belief, certainty, feeling and attitude that take a clause, an infinitive
#: or an object of "of"/"about"/"with" as what a person holds ("sure that", "eager to",
#: "critical of", "worried about").
STANCE_ADJECTIVES = frozenset("""
sure certain confident convinced positive doubtful skeptical sceptical unsure uncertain
afraid fearful worried concerned anxious nervous alarmed hopeful optimistic pessimistic
upbeat bullish bearish glad happy pleased proud thankful grateful unhappy angry furious
upset frustrated disappointed outraged dismayed troubled aware adamant determined eager
keen willing reluctant unwilling insistent critical supportive dismissive wary mindful
opposed tired fond hostile sympathetic loyal committed enthusiastic cautious leery
suspicious resistant receptive averse
""".split())
PREPOSITIONS = {"of", "about", "with", "over", "on", "toward", "towards"}
COPULAS = {"be", "seem", "appear", "remain", "become", "sound", "feel", "look", "grow"}


def adjective_attribution(finder: SpeechFinder, adjective: Token
                          ) -> tuple[tuple[int, int], Attribution] | None:
    """The attribution a stance adjective carries after a copula, or None: its
    content in the adjective's paragraph, its speaker the copula's subject (a person,
    group or organisation, not the writer's "I" or "we")."""
    if adjective.lemma_.lower() not in STANCE_ADJECTIVES or adjective.dep_ != "acomp" or \
            adjective.head.lemma_.lower() not in COPULAS or adjective.i in finder.in_marks:
        return None
    content = finder.within_paragraph(adjective, stance_content(adjective))
    if content is None:
        return None
    speaker = finder.speaker_of(adjective.head)
    if speaker is None or not is_animate(speaker) or speaker.lower_ in {"i", "we", "you", "us"}:
        return None
    return content, Attribution(adjective, speaker)


def stance_content(adjective: Token) -> tuple[int, int] | None:
    """A clause ("sure that …"), an infinitive ("eager to …") or the object of a
    preposition ("critical of the plan") after the adjective."""
    for head in (adjective, adjective.head):
        for child in head.children:
            if child.dep_ == "ccomp" and child.i > adjective.i:
                return clause_span(child)
            if child.dep_ == "xcomp" and child.i > adjective.i and any(
                    g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                return clause_span(child)
    for prep in adjective.children:
        if prep.dep_ == "prep" and prep.lower_ in PREPOSITIONS:
            target = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            if target is not None:
                return with_predicate(adjective, target, list(target.subtree))
    return None
