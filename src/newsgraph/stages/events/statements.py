"""Statements told by what they say: a neutral report ("said", "told", "wrote") whose
content judges a named party is that party's praise or blame by the speaker.

PLOVER codes criticism (ACCUSE, CAMEO 111) and praise (SUPPORT, CAMEO 051) made in words,
whatever verb reports them. When the reporting verb is itself a judgement ("criticised",
"praised") the trigger lexicon codes it; here the verb is neutral and the content decides,
precision first: a clause of the quote (or reported clause) must predicate a clearly rated
word (VADER's word list, the tone stage's) of a named person, organisation or group, or of
that party's conduct ("her plan", "his remarks"), and the speaker must be someone a reader
can hold to it (a named entity, a resolved pronoun, or a sector noun such as "officials").
A judgement the speaker makes of their own feeling about a party counts too ("we are
delighted with the tribunal's ruling"). Negated, conditional and questioned judgements are left
out ("he is not a liar" says little about who blames whom).

Where no clause rates a party with a listed word, the portrayal stage's learned model
(trained on NewsMTSC: how news sentences portray each person or organisation) decides: a
named party mentioned in the content whose portrayal there is negative (or positive) with
a probability of at least `PORTRAYED` is blamed (or praised) by the speaker, one row per
party and quote, the quote its evidence; never the speaker or a party named in the
speaker's own description ("Ann Lee, who speaks for the union"), and never from a clause
negated, conditional or asked as a question. The portrayal stage must run before events (it
does in the default order); without it only the word list decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.resources import shared_tone_lexicon
from newsgraph.stages.doc_tables import token_table
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events import statement_gate
from newsgraph.stages.events.arguments import ArgumentCoder, sector_of
from newsgraph.stages.events.lexicon import Code

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token

    from newsgraph.model import Entity, Quote
    from newsgraph.stages.events.mentions import Argument

#: Reporting verbs that say nothing of the speaker's stance: the content decides.
NEUTRAL_CUES = frozenset("""
say tell add write tweet post declare argue insist note explain contend claim state remark
conclude observe reply respond answer recall told
""".split())
#: How strongly (VADER rating, -4 .. +4) the judging word must praise or blame.
LEANING = 1.5
#: Entity types of a party that can be praised or blamed in words (a country's name is
#: too often a place or an economy: "Mexico is great for business").
JUDGED_TYPES = frozenset("PERSON ORG NORP".split())
#: Nouns of a party's conduct: judging them judges their owner ("his remarks were
#: reckless", "her plan is a disaster").
CONDUCT_NOUNS = frozenset("""
plan proposal policy policies remark remarks comment comments statement statements
decision decisions record campaign response handling behavior behaviour conduct attempt
leadership words claim claims speech rhetoric answer answers tenure performance
administration agenda approach strategy stance position idea ideas experience judgment
judgement temperament
""".split())
#: Verbs that link a subject to what it is said to be ("was", "seems", "remains").
COPULAS = frozenset("be seem appear remain become sound look stay prove grow turn".split())
#: Verbs that say what their subject stands for, like a copula with an object.
STANDING_VERBS = frozenset("represent embody symbolize symbolise personify epitomize".split())
#: Prepositions through which one's feeling names its object: "pleased with", "proud of".
FEELING_PREPOSITIONS = frozenset("with of about by at".split())
#: Dependencies of the words that say what a subject is or does.
JUDGING_DEPS = frozenset("acomp attr oprd".split())
#: Verbs of wrongdoing that blame their subject whatever VADER rates them ("overstepped
#: its powers", "misled the voters"): a speaker who says a party did this accuses it.
WRONGDOING_VERBS = frozenset("""
overstep overreach breach mislead misrepresent distort falsify exaggerate discriminate
defraud embezzle mismanage obstruct collude flout disregard evade renege stonewall whitewash
misuse squander
""".split())
#: The rating given to a verb of wrongdoing (a clear blame, as VADER's "cheat" or "abuse").
WRONGDOING_RATING = -2.0
#: Verbs of privation: lacking a good quality is blame ("lacks the courage to lead").
PRIVATIVE_VERBS = frozenset("lack".split())
#: Verbs of one's own stance toward a party, said in the first person ("I support her",
#: "we back the mayor", "I don't trust him"): the speaker takes the stance in saying it.
OWN_STANCE_VERBS = frozenset("support back trust respect".split())
#: Nouns of a person by their stance toward a party, said of oneself with "of" ("I am a
#: big fan of the mayor", "we have been critics of this board", "I'm no fan of his").
STANCE_AGENT_NOUNS = {
    "fan": "SUPPORT", "supporter": "SUPPORT", "admirer": "SUPPORT", "backer": "SUPPORT",
    "champion": "SUPPORT", "critic": "ACCUSE", "opponent": "ACCUSE", "detractor": "ACCUSE",
}
#: Marks of a clause that does not assert its judgement.
UNASSERTED_MARKS = frozenset("if unless whether".split())
#: Modals that make a clause a possibility, a wish or a duty, not a judgement of what a
#: party is or did ("they could win", "she should resign", "he must go").
UNASSERTING_MODALS = lex.HYPOTHETICAL_MODALS | {"must"}
#: How sure the portrayal model must be that a quoted party is portrayed negatively (or
#: positively) for the quote to blame (or praise) it; chosen on the news set's dev half
#: (docs/benchmarks.md, "Issue 16, eighth pass").
PORTRAYED = 0.9

ACCUSE = Code("ACCUSE", "111", "disapprove")
SUPPORT = Code("SUPPORT", "051")


@dataclass
class Judgement:
    """One clause of a statement that praises or blames a party."""

    code: Code
    word: Token
    target: Token
    evidence: tuple[int, int] | None = None
    """The characters that show the judgement when not its sentence (the whole quote)."""
    reason: str = ""
    """What decided it, for `newsgraph events --explain`."""


@dataclass(frozen=True)
class Portrayed:
    """A party's mention that the portrayal stage found portrayed one way."""

    entity: str
    code: Code
    probability: float


def portrayals(doc: Doc, entities: Iterable[Entity]) -> dict[int, Portrayed]:
    """Token index of each mention's root -> how the portrayal stage portrays the party
    there, for persons, organisations and groups portrayed negatively or positively."""
    found: dict[int, Portrayed] = {}
    for entity in entities:
        if entity.type not in JUDGED_TYPES:
            continue
        for mention in entity.mentions:
            if mention.polarity not in {"negative", "positive"} or (
                    mention.polarity_score is None):
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span) or span.root.lower_ in lex.FIRST_PERSON:
                continue
            code = ACCUSE if mention.polarity == "negative" else SUPPORT
            found[span.root.i] = Portrayed(entity.id, code, mention.polarity_score)
    return found


def same_side(actor: Argument, target: Argument) -> bool:
    """Coded as the same country and sector ("a ministry spokesman" and "the
    government's envoys"): one side speaking of its own."""
    return actor.country is not None and (actor.country, actor.sector) == (
        target.country, target.sector)


def judged_party(token: Token) -> bool:
    """Is the mention what its clause judges: the clause's active subject ("the board
    misled us"), or the owner of it ("her plan is a mess")? A party acted upon, talked
    about or named in passing ("a fine for the firm", "they met the mayor") is not."""
    if token.dep_ == "poss":
        token = token.head
    return token.dep_ == "nsubj"


def candidate_features(token: Token, negative: bool, probability: float, direct: bool,
                       inside: set[int]) -> dict[str, float]:
    """The learned gate's features of one portrayed party's mention `token` in a quote's
    content (`inside`: the content's token indices); see `statement_gate.FEATURES`."""
    doc = token.doc
    clause = clause_of(token)
    in_clause = [rating(t) for t in clause.subtree if t.i != token.i]
    in_quote = [rating(doc[i]) for i in inside]
    return {
        "probability": probability, "negative": float(negative),
        "judged": float(judged_party(token)), "asserted": float(asserted_above(token)),
        "subject": float(token.dep_ == "nsubj"), "owner": float(token.dep_ == "poss"),
        "object": float(token.dep_ in {"dobj", "pobj"}), "direct": float(direct),
        "clause_min": min(in_clause, default=0.0), "clause_max": max(in_clause, default=0.0),
        "quote_min": min(in_quote, default=0.0), "quote_max": max(in_quote, default=0.0),
        "negated": float(negated(clause)),
        "modal": float(any(c.dep_ == "aux" and c.lower_ in UNASSERTING_MODALS
                           for c in clause.children)),
        "question": float("?" in doc.text[token.sent.start_char:token.sent.end_char]),
        "first_person": float(any(t.lower_ in lex.FIRST_PERSON for t in clause.subtree)),
        "length": len(inside) / 40.0,
    }


def acted_on_by_another(token: Token) -> bool:
    """The party is what someone else's act is done to or aimed at ("the farmers wrote to
    the board", "the storm cost the board two pumps"): the clause is about its subject,
    unless that subject is the speaker ("I" or "we") telling what they did, not will do."""
    if token.dep_ not in {"dobj", "pobj", "dative", "iobj"}:
        return False
    clause = clause_of(token)
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in lex.FIRST_PERSON:
        # one's own act on a party is blame only when done: "we will defeat them" threatens
        return any(c.dep_ == "aux" and c.lower_ in lex.FUTURE_MODALS for c in clause.children)
    return subject is not None


def asserted_above(token: Token) -> bool:
    """Every clause from the word's own up to the sentence's root asserts what it says:
    none negated, conditional, a question or said with a modal of possibility or duty
    ("we never said she was", "if the bid fails", "the council should act")."""
    current = token
    while True:
        if current.pos_ in {"VERB", "AUX"} and (not asserted(current) or any(
                c.dep_ == "aux" and c.lower_ in UNASSERTING_MODALS
                for c in current.children)):
            return False
        if current.head.i == current.i:
            return True
        current = current.head


def clause_of(token: Token) -> Token:
    """The predicate of the clause a word is in: its nearest verb above it (or the root)."""
    current = token
    while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
        current = current.head
    return current


def rating(token: Token) -> float:
    """The VADER rating of a word (the tone stage's list); a verb of wrongdoing blames."""
    if token.pos_ == "VERB" and token.lemma_.lower() in WRONGDOING_VERBS:
        return WRONGDOING_RATING
    lexicon = shared_tone_lexicon()
    found = lexicon.rating(token)
    if not found and token.pos_ == "ADV" and token.lower_.endswith("ly"):
        # an adverb of manner rates as its adjective: "unfairly" as "unfair"
        base = token.lower_[:-2]
        other = base[:-1] + "y" if base.endswith("i") else base + "e"  # "angrily", "feebly"
        found = lexicon.word_rating(base, base) or lexicon.word_rating(other, other)
    return found


def judging_words(predicate: Token) -> list[Token]:
    """What a clause says its subject is: a copula's attribute with its modifiers ("a
    terrible mayor", "dishonest"). What it says the subject did is left to the trigger
    lexicon: a rated verb in reported speech mostly tells a happening ("said the guards
    fired", "said two died"), not a judgement."""
    if predicate.lemma_.lower() in COPULAS:
        if any(c.dep_ == "xcomp" for c in predicate.children):
            return []  # ("would be wrong to leave" judges a possible act, not the party)
        words = []
        for child in predicate.children:
            if child.dep_ in JUDGING_DEPS and not any(
                    c.dep_ in {"xcomp", "ccomp"} for c in child.children):
                words.append(child)
                words.extend(c for c in child.children if c.dep_ in {"amod", "advmod", "compound"}
                             and c.i < child.i)
        return words
    if predicate.lemma_.lower() in STANDING_VERBS:  # "represents a corrupt system"
        return [w for child in predicate.children if child.dep_ == "dobj"
                for w in (child, *(c for c in child.children if c.dep_ == "amod"))]
    if predicate.pos_ == "VERB" and predicate.lemma_.lower() not in lex.VERBS and \
            rating(predicate) < 0:
        return [predicate]  # ("lied", "cheated"; a verb VADER rates well is rarely praise)
    if predicate.pos_ == "VERB" and predicate.lemma_.lower() not in lex.VERBS:
        # the manner of what the party does, when it blames: "treats them unfairly"
        manner = [c for c in predicate.children if c.dep_ == "advmod" and c.pos_ == "ADV"
                  and c.lower_.endswith("ly") and rating(c) < 0]
        if manner:
            return manner
    return []


def excess(word: Token) -> bool:
    """"too cautious", "too close to the lobby": more than it should be is blame,
    whatever the adjective (not "too early to tell", whose clause is left out above)."""
    return word.pos_ == "ADJ" and any(c.dep_ == "advmod" and c.lower_ == "too"
                                      for c in word.children)


def leaning(words: list[Token]) -> Code | None:
    """ACCUSE or SUPPORT when the rated words lean one way, strongly enough."""
    ratings = [r for r in map(rating, words) if r]
    if not ratings or (min(ratings) < 0 < max(ratings)):
        return None
    strongest = max(ratings, key=abs)
    if strongest <= -LEANING:
        return ACCUSE
    if strongest >= LEANING:
        return SUPPORT
    return None


def negated(predicate: Token) -> bool:
    """The clause is negated ("is not", "never was", "isn't")."""
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"}
               for c in predicate.children)


def asserted(predicate: Token) -> bool:
    """The clause asserts its judgement: no negation, no "if", not a question."""
    return not negated(predicate) and put_forward(predicate)


def put_forward(predicate: Token) -> bool:
    """The clause is said as so (affirmed or denied): no "if", not a question."""
    if any(c.dep_ == "mark" and c.lower_ in UNASSERTED_MARKS for c in predicate.children):
        return False
    doc, after = predicate.doc, predicate.right_edge.i + 1
    texts = token_table(doc).texts
    if after < len(doc) and texts[after] == "?":
        return False
    # the subtree lies between its edges: walk it only when a "?" stands there
    return "?" not in texts[predicate.left_edge.i:after] or not any(
        t.text == "?" for t in predicate.subtree)


def named(subject: Token) -> bool:
    """A subject that names one party (a name or "he", "she"), not a group noun."""
    return subject.pos_ == "PROPN" or subject.ent_type_ in JUDGED_TYPES or (
        subject.lower_ in {"he", "she"})


def clause_judgement(subject: Token, first_person: bool) -> Judgement | None:
    """The judgement of one clause whose subject is `subject` (see the module docstring).
    A denied praise is blame ("she is not honest", "he is not fit to lead"); a denied blame
    says little ("he is not a liar")."""
    predicate = subject.head
    if predicate.i == subject.i or not put_forward(predicate):
        return None
    denied = negated(predicate)
    if first_person:
        found = own_stance(predicate, denied)
        return found if found is not None or denied else feeling_judgement(predicate)
    words = judging_words(predicate)
    code = ACCUSE if any(excess(w) for w in words) else leaning(words)
    code, privation = privation_judged(predicate, code)
    if denied:
        code = ACCUSE if code is SUPPORT and not privation else None
    if code is None or (predicate.lemma_.lower() not in COPULAS and (
            subject.dep_ == "nsubjpass" or not named(subject))):
        return None  # (a deed told of a group or done to someone is a happening)
    said = ' '.join(w.text for w in sorted(words, key=lambda w: w.i))
    return Judgement(code, predicate, subject,
                     reason=f"{'denied ' if denied else ''}rated words said of "
                            f"{subject.text!r}: {said or predicate.text}")


def privation_judged(predicate: Token, code: Code | None) -> tuple[Code | None, bool]:
    """"lacks the courage", "lacks integrity": a good quality its subject is said to lack
    blames it (the quality's VADER rating, turned). Returns the code and whether the
    predicate was such a verb."""
    if predicate.pos_ != "VERB" or predicate.lemma_.lower() not in PRIVATIVE_VERBS:
        return code, False
    qualities = [w for c in predicate.children if c.dep_ == "dobj"
                 for w in (c, *(g for g in c.children if g.dep_ in {"amod", "conj"}))]
    turned = leaning(qualities)
    return (ACCUSE if turned is SUPPORT else None), True


def own_stance(predicate: Token, denied: bool) -> Judgement | None:
    """The speaker's own stance toward a party, said in the first person: a stance verb
    with the party as object ("I support her", "we don't trust him") or a stance noun of
    oneself ("I am a big fan of the mayor", "I'm no fan of his"). A denied good stance is
    blame; a denied bad one says little."""
    lemma = predicate.lemma_.lower()
    if lemma in OWN_STANCE_VERBS:
        party = next((c for c in predicate.children if c.dep_ == "dobj"), None)
        found = SUPPORT
    elif lemma in COPULAS:
        noun = next((c for c in predicate.children if c.dep_ == "attr"
                     and c.lemma_.lower() in STANCE_AGENT_NOUNS), None)
        if noun is None:
            return None
        denied = denied or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
        party = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        found = SUPPORT if STANCE_AGENT_NOUNS[noun.lemma_.lower()] == "SUPPORT" else ACCUSE
    else:
        return None
    if party is None or (denied and found is ACCUSE):
        return None
    code = ACCUSE if denied else found
    return Judgement(code, predicate, party,
                     reason=f"one's own stance: {'denied ' if denied else ''}{predicate.text!r}")


def feeling_judgement(predicate: Token) -> Judgement | None:
    """"we are delighted with the ruling", "I am proud of her": one's own feeling about a
    party or its conduct, named by a preposition of the feeling word."""
    if predicate.lemma_.lower() not in COPULAS:
        return None
    for feeling in (c for c in predicate.children if c.dep_ == "acomp"):
        code = leaning([feeling])
        if code is None:
            continue
        for prep in feeling.children:
            if prep.dep_ == "prep" and prep.lower_ in FEELING_PREPOSITIONS:
                about = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if about is not None:
                    return Judgement(code, feeling, about,
                                     reason=f"one's own feeling {feeling.text!r} about it")
    return None


class StatementCoder:
    """Codes the judgements in the quotes of one document (see the module docstring)."""

    def __init__(self, doc: Doc, arguments: ArgumentCoder,
                 entities: Iterable[Entity] = ()) -> None:
        self.doc = doc
        self.arguments = arguments
        self.portrayed = portrayals(doc, entities)

    def party(self, token: Token) -> Argument | None:
        """The judged party: a named person, organisation or group, a pronoun resolved to
        one, or the owner of the judged conduct ("her plan")."""
        entities = self.arguments.entities
        if token.pos_ == "NOUN" and (token.lemma_.lower() in CONDUCT_NOUNS
                                     or token.lower_ in CONDUCT_NOUNS):
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None:
                return None
            token = owner
        entity = entities.of_token.get(token.i)
        if entity is None or entities.type.get(entity) not in JUDGED_TYPES:
            return None
        return self.arguments.argument(token)

    def speaker(self, quote: Quote) -> Argument | None:
        """The quote's speaker as an actor a reader can hold to the statement."""
        if quote.speaker is None:
            return None
        span = self.doc.char_span(quote.speaker.start, quote.speaker.end,
                                  alignment_mode="expand")
        if span is None or not len(span):
            return None
        actor = self.arguments.argument(span.root)
        if actor is None:
            return None
        if actor.entity is None and quote.speaker.entity is not None:
            actor.entity = quote.speaker.entity
        if actor.entity is None and sector_of(span.root) is None:
            return None
        return actor

    def content(self, quote: Quote) -> set[int]:
        """The token indices of what the quote says (with the reported clause around
        quoted words)."""
        inside: set[int] = set()
        for start, end in quote.fragments or [[quote.start, quote.end]]:
            span = self.doc.char_span(start, end, alignment_mode="contract")
            inside.update(range(span.start, span.end) if span is not None else ())
        cue = self.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand") \
            if quote.cue is not None else None
        if cue is not None and (quote.partial or not quote.direct):
            # the reported clause around quoted words: said that X was "…"
            for clause in (c for c in cue.root.children if c.dep_ == "ccomp"):
                inside.update(t.i for t in clause.subtree)
        return inside

    def judgements(self, inside: set[int]) -> list[Judgement]:
        """Every clause of the quote's content that praises or blames a party."""
        found = []
        for i in sorted(inside):
            token = self.doc[i]
            if token.dep_ in {"nsubj", "nsubjpass"} and token.head.i in inside:
                judgement = clause_judgement(token, token.lower_ in lex.FIRST_PERSON)
                if judgement is not None:
                    found.append(judgement)
        return found

    def code(self, quote: Quote) -> list[tuple[Judgement, Argument, Argument]]:
        """(judgement, actor, target) of each judged party of a neutrally reported quote."""
        if quote.cue is None or quote.cue.lemma.lower() not in NEUTRAL_CUES:
            return []
        actor = self.speaker(quote)
        if actor is None:
            return []
        inside = self.content(quote)
        coded = []
        for judgement in self.judgements(inside):
            target = self.party(judgement.target)
            if target is None or (target.entity is not None and target.entity == actor.entity):
                continue
            coded.append((judgement, actor, target))
        judged = {target.entity for _, _, target in coded}
        for judgement in self.portrayed_judgements(quote, actor, inside):
            target = self.arguments.argument(judgement.target)
            if target is not None and target.entity not in judged and not same_side(
                    actor, target):
                judged.add(target.entity)
                coded.append((judgement, actor, target))
        return coded

    def own_side(self, quote: Quote, actor: Argument) -> set[str]:
        """The speaker's entity and those named in the speaker's description ("Ann Lee,
        who speaks for the union"): a speaker's praise of their own side is no event."""
        own = {actor.entity} if actor.entity else set()
        if quote.speaker is not None and quote.speaker.entity:
            own.add(quote.speaker.entity)
        span = self.doc.char_span(quote.speaker.start, quote.speaker.end,
                                  alignment_mode="expand") if quote.speaker else None
        if span is not None and len(span):
            of_token = self.arguments.entities.of_token
            own.update(of_token[t.i] for t in span.root.subtree if t.i in of_token)
        return own

    def portrayed_judgements(self, quote: Quote, actor: Argument,
                             inside: set[int]) -> list[Judgement]:
        """A judgement of each party the portrayal model finds the content portrays one
        way, surely enough, in asserted clauses (see the module docstring); a party
        portrayed both ways in one quote is left out."""
        own = self.own_side(quote, actor)
        by_party: dict[str, list[tuple[Portrayed, Token]]] = {}
        for i in sorted(inside):
            found = self.portrayed.get(i)
            if found is None or found.entity in own:
                continue
            by_party.setdefault(found.entity, []).append((found, self.doc[i]))
        judgements = []
        gate = statement_gate.shipped_gate()
        for found in by_party.values():
            if len({portrayed.code.type for portrayed, _ in found}) > 1:
                continue
            # the rule: a sure portrayal of what its clause is about; or the learned gate
            scored = [(p.probability, p, token) for p, token in found
                      if p.probability >= PORTRAYED and judged_party(token)
                      and asserted_above(token)]
            if gate is not None and not scored and actor.sector != "MED":
                # (not a news outlet's report: the facts it tells of a party are no blame)
                scored = [(self.gated(gate, quote, p, token, inside), p, token)
                          for p, token in found if asserted_above(token)
                          and not acted_on_by_another(token)]
                scored = [triple for triple in scored if triple[0] >= gate.threshold]
            if scored:
                score, portrayed, token = max(scored, key=lambda triple: triple[0])
                polarity = "negative" if portrayed.code is ACCUSE else "positive"
                judgements.append(Judgement(
                    portrayed.code, clause_of(token), token, (quote.start, quote.end),
                    f"portrayal: {token.text!r} {polarity}, P {portrayed.probability:.2f}; "
                    f"gate {score:.2f}"))
        return judgements

    def gated(self, gate: statement_gate.Gate, quote: Quote, portrayed: Portrayed,
              token: Token, inside: set[int]) -> float:
        """The learned gate's probability that the speaker blames (praises) the party."""
        features = candidate_features(
            token, portrayed.code is ACCUSE, portrayed.probability, bool(quote.direct), inside)
        if statement_gate.RECORD is not None:
            statement_gate.RECORD.append({"features": features, "type": portrayed.code.type,
                                          "party": token.text, "start": token.idx})
        return gate.probability(features)
