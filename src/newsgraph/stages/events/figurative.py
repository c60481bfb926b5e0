"""Contests that borrow the words of political events.

- *Games and elections*: "the Rangers host the Falcons", "fended off a challenger in the
  primary", "trounced his rival at the polls" are sport or electoral contests, not meetings
  or assaults (PLOVER codes interactions between political actors, not their competition).
- *Votes cast*: "voters rejected the ruling party", "voters backed the challenger" tell an
  election's result, not a rejection or support one party gives another.
- *Sport pages*: in a report of games, "beat", "threatened", "strike" and "welcomed" are play
  and signings; only a political participant (a government, the police, a party ...) or a
  protest makes an event there (see `sport_document`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.stages.events.lexicon import Code

#: Words that only sport uses: its games, scores and players.
SPORT_WORDS = frozenset("""
tournament championship playoff playoffs inning innings touchdown quarterback football
soccer basketball baseball hockey cricket rugby tennis golf olympics stadium semifinal
""".split())
#: Words that only sport pages use, beside SPORT_WORDS: positions, officials and leagues.
SPORT_TERMS = SPORT_WORDS | frozenset("""
quarterfinal halftime referee goalkeeper midfielder postseason preseason pitcher wicket nfl
nba mlb nhl mls uefa fifa olympic
""".split())
#: Words a report of games uses throughout, though each has other senses ("the team", "a
#: season"): lemmas.
GAME_WORDS = frozenset("""
season coach league match goal team club player game score fan cup champion striker
""".split())
#: A sport page: at least one sport term, and game words making this share of its words
#: (news of politics reads under 1.5% even on a golf course's finances; game reports 2–8%).
GAME_SHARE = 0.02
GAME_MINIMUM = 5


def sport_document(doc: Doc) -> bool:
    """Is the document a report of sport (games, players, signings)? Decided from its
    vocabulary, so that a single sentence never counts as one."""
    words = [t for t in doc if t.is_alpha]
    terms = sum(t.lower_ in SPORT_TERMS for t in words)
    games = sum(t.lemma_.lower() in GAME_WORDS for t in words)
    return terms > 0 and games >= GAME_MINIMUM and games >= GAME_SHARE * len(words)


#: Words of an electoral contest.
ELECTION_WORDS = frozenset("""
primary primaries election caucus caucuses ballot poll polls vote votes nomination race
runoff candidacy electorate voter campaign contest matchup referendum
""".split())
#: Verbs of winning that name a contest's outcome among candidates or teams.
CONTEST_VERBS = frozenset("beat defeat trounce crush rout".split())
#: Who is beaten in a contest: a rival or a challenge, not a victim.
RIVAL_WORDS = frozenset("""
rival opponent challenger challenge incumbent candidate contender nominee team
""".split())
#: Types a sport or election sentence cannot carry with these words.
CONTEST_TYPES = frozenset("ASSAULT CONSULT AGREE".split())
#: Those who vote, as a body: what they reject or back is a ballot's outcome.
ELECTORATE_NOUNS = frozenset("voter electorate constituent caucusgoer".split())
#: Types an electorate's vote reads as ("voters rejected", "voters embraced").
VOTE_TYPES = frozenset("REJECT SUPPORT".split())


def contest(token: Token, lemma: str, code: Code) -> bool:
    """A game or an election told in the words of a meeting or an assault, or a vote cast."""
    if code.type in VOTE_TYPES:
        return _vote_cast(token)
    if code.type not in CONTEST_TYPES or token.pos_ != "VERB":
        return False
    words = {t.lemma_.lower() for t in token.sent}
    if code.type in {"CONSULT", "AGREE"}:
        return lemma in {"host", "meet", "visit", "play"} and bool(words & SPORT_WORDS)
    if lemma not in CONTEST_VERBS or not words & (SPORT_WORDS | ELECTION_WORDS):
        return False
    if _won_in_contest(token):
        return True
    beaten = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    beaten += [g for c in token.children if c.dep_ == "prt" for g in c.children]
    return bool(beaten) and all(b.lemma_.lower() in RIVAL_WORDS or b.ent_type_ == "PERSON"
                                or (b.pos_ == "PROPN" and not b.ent_type_) for b in beaten)


def _vote_cast(token: Token) -> bool:
    """"voters have rejected incumbents", "constituents backed her": the electorate's verdict
    at the polls ("voters marched", "voters demanded a recount" are other types)."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    subjects += [g for s in subjects for g in s.children if g.dep_ == "conj"]
    return bool(subjects) and all(s.lemma_.lower() in ELECTORATE_NOUNS for s in subjects)


def _won_in_contest(token: Token) -> bool:
    """"beat him in a two-way race", "crushed them at the polls": the contest is named where
    the win happened, whoever was beaten (a name the tagger took for a place included)."""
    return any(g.lemma_.lower() in ELECTION_WORDS | SPORT_WORDS
               for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}
               for g in c.children if g.dep_ == "pobj")
