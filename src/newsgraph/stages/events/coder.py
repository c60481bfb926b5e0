"""The pass over one document: every trigger becomes a `EventMention` with its participants,
modality, quote, place and date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.doc_tables import doc_text
from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import explain
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import (
    CONTROLLING_VERBS,
    ArgumentCoder,
    EntityIndex,
    actor_like,
    argument_heads,
    country_of_name,
    named_modifier,
    noun_actor,
    quoted_party,
)
from newsgraph.stages.events.commitments import (
    announced_by_actor,
    pledge_code,
    preparation_code,
    reported,
)
from newsgraph.stages.events.demands import obliged
from newsgraph.stages.events.figurative import sport_document
from newsgraph.stages.events.learned import learned_mentions
from newsgraph.stages.events.lexicon import Code
from newsgraph.stages.events.mentions import Argument, EventMention
from newsgraph.stages.events.modality import FUTURE_TYPES, committed, future_code, modality
from newsgraph.stages.events.place_and_date import date_of, located_not_acting, place_of
from newsgraph.stages.events.screen import POLITICAL_SECTORS
from newsgraph.stages.events.statements import StatementCoder, portrayals
from newsgraph.stages.events.triggers import (
    Trigger,
    TriggerFinder,
    trigger_lemma,
    trigger_positions,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsgraph.model import Document, Entity, Quote

#: A headline has at most this many words.
HEADLINE_WORDS = 25
#: Fighting words that, among protesters, make a riot (PLOVER PROTEST riot).
FIGHTING_WORDS = {"clash", "confrontation", "battle"}


class EventCoder:
    """Codes the mentions of events in one parsed document, in text order."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.doc = document.doc
        self.entities = EntityIndex.of(document)
        self.arguments = ArgumentCoder(self.entities)
        self.triggers = TriggerFinder({
            i: found.code for i, found in portrayals(self.doc, document.article.entities).items()})
        self.sentence_of: dict[int, int] = {}
        self.sentences: list[tuple[int, int]] = []
        # Group words ("Turkish") say whose, not where: never an event's place.
        self.located = [p for p in document.article.places if p.kind != "group"]

    def mentions(self) -> list[EventMention]:
        """Every coded trigger of the document, with what the sentence says about it."""
        doc = self.doc
        for number, sent in enumerate(doc.sents):
            self.sentences.append((sent.start_char, sent.end_char))
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = number
        consumed = self.triggers.consumed
        found: list[EventMention] = []
        type_at: dict[int, str] = {}
        trigger_of: dict[int, Token] = {}
        trace = explain.current()
        for i in trigger_positions(doc):  # the tokens that pass `may_trigger`
            token = doc[i]
            coded = self.code_trigger(token, trace)
            if coded is None:
                continue
            code, start, end = coded
            actor_head, target_head = argument_heads(token, code, start, end)
            if actor_head is not None and type_at.get(actor_head.i) == code.type:
                self.same_act(trace, token, "the consequence of the same happening")
                continue  # "the attack killed five": a consequence of the same happening
            if purpose_of_same_act(token, code, type_at):
                self.same_act(trace, token, "the aim of an act of the same type")
                continue  # "shelled the ridge to rout the rebels": one act and its aim
            if located_not_acting(token, actor_head, self.located):
                actor_head = None  # "the Lakeview rally": where, not who
            actor = self.arguments.argument(actor_head)
            if code.type == "PROTEST" and target_head is not None and not actor_like(
                    target_head):
                target_head = None
            if opposes_a_thing(token, code, target_head):
                code = Code("REJECT", "120")  # "opposed the motion": a proposal refused
            if budget_cut(code, funded_thing(token)):
                continue  # "cut funding for the museum wing": a budget, not a sanction
            if code.type == "ACCUSE" and target_head is None:
                target_head = accused_in_content(token)
            target = self.arguments.argument(target_head)
            if code.type in ANSWERING_STATEMENTS and pointed_claim(target_head):
                claimant = self.earlier_speaker(token.idx)
                if claimant is not None and (actor is None or claimant.key is None
                                             or claimant.key != actor.key):
                    target = claimant
            if target_head is not None and target_head.pos_ == "PRON" and (
                    target_head.lower_ in OBJECT_PRONOUNS) and same_party(actor, target):
                # "the senator blasted him": never herself; the pronoun stays unresolved
                target = Argument(target.text, target.start, target.end, target.head)
            if actor_head is not None and actor_head.lower_ in lex.FIRST_PERSON:
                actor = None
            if no_party(target_head, target):
                target = None  # "donated $5,000", "told you": an amount, an unnamed hearer
            negated, hypothetical, intended = modality(token, code, start)
            if negated and refused(code, doc[start:end + 1]) and (
                    not hypothetical or (announced_by_actor(doc[start])[0] and reported(
                        doc[start]))):
                # "Ruritania will not accept the plan", "failed to reach a deal": a refusal
                code, negated, intended = Code("REJECT", "120"), False, False
                if target_head is not None and not actor_like(target_head):
                    target = None  # ("failed to agree on the border": no party)
            pledge = pledge_code(code, doc[start], negated, actor, target) if (
                intended or hypothetical) else None
            pledge = pledge or (preparation_code(code, doc[start], actor) if intended and not (
                negated or hypothetical) else None)
            if pledge is not None:
                code, hypothetical, intended = pledge, False, False
                negated = negated and pledge.type != "REJECT"  # (a refusal happened)
            elif intended and not (negated or hypothetical) and committed(doc[start]) and (
                    not obliged(doc[start])):
                code, intended = future_code(code), code.type not in FUTURE_TYPES
            span = (doc[start].idx, doc[end].idx + len(doc[end].text))
            sentence = self.sentence_of[token.i]
            mention = EventMention(code, span, sentence, self.sentences[sentence], actor, target,
                              negated, hypothetical, intended)
            mention.headline = self.headline(sentence)
            self.link_quote(mention, token)
            self.quoted_pronouns(mention, actor_head, target_head)
            mention.code = recode_by_participants(token, mention)
            article = self.document.article
            mention.place = place_of(token, mention, self.located, self.entities)
            mention.date = date_of(mention, article.dates)
            mention.evidence = [self.sentences[sentence]]
            found.append(mention)
            trigger_of[id(mention)] = token
            if trace is not None:
                trace.mention(token, mention)
            protest = next((t for t in (*doc[start:end + 1], target_head) if t is not None
                            and t.pos_ == "NOUN" and t.lemma_.lower() in ctx.PROTEST_NOUNS), None)
            if code.mode == "crowd-control" and protest is not None and mention.realis:
                found.append(self.suppressed_protest(protest, mention))
            consumed.update(range(start, end + 1))
            type_at.update(dict.fromkeys(range(start, end + 1), code.type))
        found.extend(self.judged_statements(found))
        # the learned model: statement types the rules did not code in a sentence
        found.extend(learned_mentions(self, found, accused_in_content))
        for mention in found:
            if acts_on_itself(mention, self.document.article.entities):
                mention.target = None  # a party never acts on itself, however it was found
        if sport_document(doc):
            kept = [m for m in found if political_play(m)]
            if trace is not None:
                trace.dropped(found, kept, "a sport page: play, not a political act")
            found = kept
        return filtered(found, trigger_of, trace)

    def code_trigger(self, token: Token, trace: explain.Trace | None) -> Trigger | None:
        """The trigger a token starts, if any (and, when explaining, why not)."""
        if trace is None:
            return None if token.i in self.triggers.consumed else self.triggers.code(token)
        candidate = trace.candidate(token, trigger_lemma(token))
        if token.i in self.triggers.consumed:
            candidate.outcome = "consumed"
            return None
        coded, rule = explain.deciding_rule(self.triggers.code, token)
        if coded is None:
            candidate.outcome = "screened" if (rule or "").startswith("screen:") else "no frame"
            candidate.rule = rule
        return coded

    @staticmethod
    def same_act(trace: explain.Trace | None, token: Token, rule: str) -> None:
        if trace is not None:
            candidate = trace.candidate(token, trigger_lemma(token))
            candidate.outcome, candidate.rule = "same act", rule

    def headline(self, sentence: int) -> bool:
        """Is the sentence a headline: the text's first line, standing alone above the
        rest, short, and told in the headline's present ("Council rejects plan"), not a
        lead sentence's past ("The council rejected the plan on Monday.")?"""
        if sentence != 0:
            return False
        start, end = self.sentences[sentence]
        text = doc_text(self.doc)
        line = text[start:end].strip()
        if "\n" not in text[start:end] or "\n" in line or not text[end:].strip():
            return False
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span is not None and len(line.split()) <= HEADLINE_WORDS and \
            span.root.tag_ != "VBD"

    def judged_statements(self, found: list[EventMention]) -> list[EventMention]:
        """Praise and blame said with a neutral verb ("said the mayor was dishonest"),
        unless the sentence already has a statement of that type."""
        coder = StatementCoder(self.doc, self.arguments, self.document.article.entities)
        trace = explain.current()
        taken = {(m.sentence, m.code.type) for m in found}
        added = []
        for number, quote in enumerate(self.document.article.quotes):
            for judgement, actor, target in coder.code(quote):
                cue = self.doc.char_span(quote.cue.start, quote.cue.end,
                                         alignment_mode="expand")
                word = judgement.word
                sentence = self.sentence_of[word.i]
                if cue is not None and self.sentence_of[cue.root.i] == sentence:
                    word = cue.root
                if (sentence, judgement.code.type) in taken:
                    continue
                if judgement.evidence is not None and any(
                        quote.start <= m.trigger[0] < quote.end for m in found):
                    continue  # "police said bombers killed 23": the report of an act told
                if judgement.evidence is None:  # (a portrayed party is one row per quote)
                    taken.add((sentence, judgement.code.type))
                span = (word.idx, word.idx + len(word.text))
                mention = EventMention(judgement.code, span, sentence, self.sentences[sentence],
                                       actor, target, quote=number)
                article = self.document.article
                mention.place = place_of(word, mention, self.located, self.entities)
                mention.date = date_of(mention, article.dates)
                mention.evidence = [judgement.evidence or self.sentences[sentence]]
                added.append(mention)
                if trace is not None:  # (the reporting verb is no trigger of its own)
                    trace.candidate(word, word.lemma_.lower()).rule = \
                        f"statements: {judgement.reason}"
                    trace.mention(word, mention)
        return added

    def suppressed_protest(self, noun: Token, attack: EventMention) -> EventMention:
        """The protest that police broke up took place: it is an event of its own."""
        span = (noun.idx, noun.idx + len(noun.text))
        mention = EventMention(Code("PROTEST", "141", "demo"), span, attack.sentence,
                          attack.sentence_span, self.arguments.argument(noun_actor(noun)))
        mention.place, mention.date = attack.place, attack.date
        mention.evidence = list(attack.evidence)
        return mention

    def link_quote(self, mention: EventMention, token: Token) -> None:
        """Link the quote a trigger is in (or whose cue it is); inside a quote, a statement
        without an actor is the speaker's, unless reported speech names someone else's act
        with a bare noun ("he said they would leave if the threats were carried out")."""
        start = mention.trigger[0]
        for number, quote in enumerate(self.document.article.quotes):
            inside = quote.start <= start < quote.end
            cue = quote.cue is not None and quote.cue.start <= start < quote.cue.end
            if not (inside or cue):
                continue
            mention.quote = number
            speaker = quote.speaker
            if inside and mention.code.type in lex.VERBAL_TYPES and speaker is not None and \
                    mention.actor is None and (
                    (quote.direct and not quote.partial) or speakers_own(token)):
                mention.actor = self.speaker_argument(quote)
            return

    def quoted_pronouns(self, mention: EventMention, actor_head: Token | None,
                        target_head: Token | None) -> None:
        """Inside a direct quote, "we" and "us" are the speaker's side and "they" is never the
        speaker (see `quoted_party`); a party never acts on itself."""
        if mention.quote is None:
            return
        quote = self.document.article.quotes[mention.quote]
        start = mention.trigger[0]
        pieces = quote.fragments or [[quote.start, quote.end]]
        if not quote.direct or not any(first <= start < last for first, last in pieces):
            return
        speaker = self.speaker_argument(quote)
        mention.actor = quoted_party(actor_head, speaker, mention.actor)
        target = quoted_party(target_head, speaker, mention.target)
        if target is not mention.target and mention.actor is not None and target is not None \
                and (same_party(mention.actor, target) or mention.actor.start == target.start):
            target = None  # ("we defended ourselves": no target)
        mention.target = target

    def speaker_argument(self, quote: Quote) -> Argument | None:
        """The speaker of a quote as an event argument."""
        speaker = quote.speaker
        if speaker is None:
            return None
        entity = speaker.entity
        country = None
        if entity is not None and self.entities.type.get(entity) in {"GPE", "NORP"}:
            country = country_of_name(self.entities.name.get(entity, speaker.text))
        return Argument(speaker.text, speaker.start, speaker.end, speaker.text.lower(), entity,
                        country, None)

    def earlier_speaker(self, start: int) -> Argument | None:
        """Who made the claim or request that a statement points back to ("rejected that
        argument"): the speaker of the latest quote before it, in its sentence or the two
        before."""
        sentence = self.sentence_of[self.doc.char_span(start, start + 1,
                                                       alignment_mode="expand")[0].i]
        first = self.sentences[max(0, sentence - 2)][0]
        quotes = self.document.article.quotes
        # (inside someone's quote, that speaker answers someone else: "this motion")
        own = {q.speaker.entity or q.speaker.text for q in quotes
               if q.speaker is not None and q.start <= start < q.end}
        earlier = [q for q in quotes if q.speaker is not None and first <= q.start and
                   q.end <= start and (q.speaker.entity or q.speaker.text) not in own]
        return self.speaker_argument(max(earlier, key=lambda q: q.end)) if earlier else None


#: Verbs of opposing: opposing a party is disapproval, opposing a step or a proposal is
#: its refusal (PLOVER REJECT).
OPPOSING_LEMMAS = frozenset("oppose".split())


def opposes_a_thing(token: Token, code: Code, target: Token | None) -> bool:
    """"opposed the motion", "opposing the merger", "opposed the dispatch of troops" (an act,
    whoever its target): yes; "opposed the mayor": no."""
    if code.type != "ACCUSE" or token.lemma_.lower() not in OPPOSING_LEMMAS:
        return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in lex.NOUNS for c in token.children):
        return True
    return target is not None and not actor_like(target)


#: Object pronouns, which never stand for their own clause's subject ("she blamed her").
OBJECT_PRONOUNS = frozenset("him her them it".split())


#: The hearer: only a party when the entities stage resolved it.
SECOND_PERSON = frozenset({"you", "your", "yourself", "yourselves"})


def no_party(head: Token | None, argument: Argument | None) -> bool:
    """A target that names no party: a sum or a measure ("pledged $5 million", "seized
    40 tonnes"), or an unresolved "you" (a quote's hearer)."""
    if head is None or argument is None:
        return False
    if head.lower_ in SECOND_PERSON:
        return argument.entity is None
    if argument.start is None or argument.end is None:
        return False
    span = head.doc.char_span(argument.start, argument.end, alignment_mode="expand")
    # (an amount of people stands for them: "killed dozens" -> "dozens of villagers")
    return span is not None and span.root.ent_type_ in {"MONEY", "PERCENT", "QUANTITY"}


def political_play(mention: EventMention) -> bool:
    """On a sport page, a protest or an act with a political participant (a government,
    the police, a court, a party, an international body ...) is still an event."""
    return mention.code.type == "PROTEST" or any(
        party is not None and party.sector in POLITICAL_SECTORS
        for party in (mention.actor, mention.target))


def acts_on_itself(mention: EventMention, entities: list[Entity]) -> bool:
    """Actor and target resolved to one entity, named apart: not two words inside one
    mention of it (a title the tagger made of "X accused Y" is no party of its own)."""
    actor, target = mention.actor, mention.target
    if not same_party(actor, target) or None in (actor.start, actor.end, target.start,
                                                  target.end):
        return False
    first, last = min(actor.start, target.start), max(actor.end, target.end)
    return not any(m.start <= first and last <= m.end for e in entities
                   if e.id == actor.entity for m in e.mentions)


def same_party(actor: Argument | None, target: Argument | None) -> bool:
    """Are actor and target resolved to one entity?"""
    return actor is not None and target is not None and actor.entity is not None and (
        actor.entity == target.entity)


def budget_cut(code: Code, target: Token | None) -> bool:
    """Aid or funding cut for a thing (a programme, a project), not for a party: no
    sanction between parties ("cut funding for the museum wing")."""
    return code.type == "SANCTION" and code.cameo == "162" and target is not None and not (
        actor_like(target, True)) and named_modifier(target) is None and not any(
        c.dep_ == "poss" for c in target.children)


def funded_thing(verb: Token) -> Token | None:
    """What the cut funding was for: "cut funding for the scheme", "cut aid to X", "the
    suspension of aid to X"."""
    held = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children if g.dep_ == "pobj"]
    for word in (verb, *held):
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in {"for", "to"}:
                found = next((g for g in child.children if g.dep_ == "pobj"), None)
                if found is not None:
                    return found
    return None


#: Verbs through which a complaint or a charge says what it holds against someone.
CONTENT_VERBS = lex.REPORTING_VERBS | frozenset("allege charge accuse argue assert".split())


def accused_in_content(trigger: Token) -> Token | None:
    """Whom an accusation with no object is about: the subject of what it says ("the
    complaint says the mayor lied", "complained that the council had ignored them")."""
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ == "nsubj" and (
            trigger.head.lemma_.lower() in CONTENT_VERBS):
        holder = trigger.head
    else:
        holder = trigger
    clause = next((c for c in holder.children if c.dep_ in {"ccomp", "acl"} and
                   c.pos_ in {"VERB", "AUX"}), None)
    if clause is None:
        return None
    # (the subject of a passive is who suffered it: "claimed that the guards were bribed")
    accused = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return accused if accused is not None and accused.pos_ != "PRON" and actor_like(
        accused) else None


#: Statements that answer what someone else said: "rejected that claim".
ANSWERING_STATEMENTS = frozenset("REJECT ACCUSE SUPPORT AGREE".split())
#: Nouns of something said or asked.
CLAIM_WORDS = frozenset("""
argument claim request proposal demand offer suggestion allegation assertion statement
plea appeal motion idea charge
""".split())
#: Determiners that point back to what was just said.
POINTING_DETERMINERS = frozenset("that this these those such".split())


def pointed_claim(thing: Token | None) -> bool:
    """"that argument", "this request": a claim just reported, named by no owner."""
    return thing is not None and thing.lemma_.lower() in CLAIM_WORDS and any(
        c.dep_ == "det" and c.lower_ in POINTING_DETERMINERS for c in thing.children) and not any(
        c.dep_ in {"poss", "compound"} or (c.dep_ == "prep" and c.lower_ in {"by", "from"})
        for c in thing.children)


def purpose_of_same_act(token: Token, code: Code, type_at: dict[int, str]) -> bool:
    """An infinitive of purpose under a trigger of the same type names that act's aim, not
    a second act: "fired rubber bullets to break up the rally"."""
    return token.pos_ == "VERB" and token.dep_ in {"advcl", "xcomp"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and (
        type_at.get(token.head.i) == code.type)


#: Verbs of accepting whose negation is a refusal (CAMEO 12, PLOVER REJECT).
ACCEPTING_LEMMAS = frozenset("accept agree reach".split())


def refused(code: Code, trigger: Span) -> bool:
    """Whether a negated agreement is a refusal: "did not accept", "failed to reach a deal"."""
    return code.type == "AGREE" and any(t.lemma_.lower() in ACCEPTING_LEMMAS for t in trigger)


def speakers_own(token: Token) -> bool:
    """A statement word in reported speech is the speaker's act when it is a verb ("she said
    they rejected …" is coded from its own subject) or a noun the speaker owns ("our
    demand"); a bare noun is someone else's act the report mentions."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return True
    return any(child.dep_ == "poss" and child.lower_ in lex.FIRST_PERSON
               for child in token.children)


#: Dependencies through which a statement's content hangs from its verb.
CONTENT_DEPS = frozenset("xcomp ccomp".split())


def without_statement_contents(mentions: list[EventMention], trigger_of: dict[int, Token]
                               ) -> list[EventMention]:
    """What a statement asks, refuses or promises in words is its content, not an event of
    its own: "urged him to apologize", "refused to criticise her" (PLOVER codes the request
    or the refusal). Acts of force in the content stay, flagged ("threatened to invade")."""
    type_at = {trigger_of[id(m)].i: m.code.type for m in mentions if id(m) in trigger_of}
    kept = []
    for mention in mentions:
        token = trigger_of.get(id(mention))
        if token is None:  # an event implied by another ("the protest police broke up")
            kept.append(mention)
            continue
        inside = False
        for _ in range(3):
            if token.dep_ not in CONTENT_DEPS or token.head.i == token.i:
                break
            token = token.head
            inside = token.i in type_at
            if inside:
                break
        # ("pledged that it would lift the ban": the promise once, not its content again)
        if not (inside and mention.code.type in lex.VERBAL_TYPES and (
                not mention.realis or type_at[token.i] == mention.code.type)):
            kept.append(mention)
    return kept


#: Types of what is planned or hoped for: as a noun under a statement, its topic (a
#: request named there was still made by someone, even if the text does not say by whom).
SPOKEN_TYPES = frozenset("CONSULT AGREE SUPPORT".split())
#: Dependencies from a noun up to the statement whose object or topic it is.
TOPIC_DEPS = frozenset("dobj pobj prep acl ccomp xcomp".split())


def without_answered_statements(mentions: list[EventMention], trigger_of: dict[int, Token]
                                ) -> list[EventMention]:
    """Talks, a settlement or support named, by no one, as what a statement answers or is
    about ("turned down an offer of talks", "praised hopes of a peace deal") are only spoken
    of: the statement is the event."""
    statements = {token.i for mention in mentions if mention.code.type in lex.VERBAL_TYPES
                  and (token := trigger_of.get(id(mention))) is not None}
    refusals = {token.i for mention in mentions if mention.code.type == "REJECT"
                and (token := trigger_of.get(id(mention))) is not None}
    kept = []
    for mention in mentions:
        token = trigger_of.get(id(mention))
        if token is not None and token.pos_ in {"NOUN", "PROPN"} and (
                mention.code.type in SPOKEN_TYPES) and topic_of(token, statements) and (
                mention.actor is None):
            continue  # (whose request was turned down was still made: "rejected X's request")
        if token is not None and refused_act(token, mention, refusals):
            continue  # "opposed the dispatch of troops": the refusal is the event
        kept.append(mention)
    return kept


def refused_act(noun: Token, mention: EventMention, refusals: set[int]) -> bool:
    """A step named, by no one, as the object of a refusal ("rejected the deployment of
    troops") is what is refused, not something the sentence says was done (an attack
    objected to has mostly happened, and stays)."""
    return noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.i in refusals and (
        mention.actor is None) and mention.code.type not in lex.VERBAL_TYPES | {"ASSAULT"}


def topic_of(noun: Token, statements: set[int]) -> bool:
    """Does the noun hang, as an object or topic, from one of the statement triggers?"""
    current = noun
    for _ in range(5):
        if current.dep_ not in TOPIC_DEPS or current.head.i == current.i:
            return False
        current = current.head
        if current.i in statements:
            return True
    return False


#: Prepositions that place an act before or after another: "patrols after the looting".
SEQUENCE_PREPOSITIONS = frozenset("after before following since".split())


def without_mobilization_in_fighting(mentions: list[EventMention],
                                     trigger_of: dict[int, Token] | None = None
                                     ) -> list[EventMention]:
    """PLOVER: a MOBILIZE reported in the context of an ASSAULT is not coded on its own
    ("units were deployed and returned fire"); the context is the sentence and its
    neighbours. An attack that only dates the mobilisation ("ordered patrols after the
    looting") or causes it ("the shelling prompted the league to deploy troops") is no
    such context: the mobilisation answers it."""
    trigger_of = trigger_of or {}

    def answered(mention: EventMention) -> bool:
        token = trigger_of.get(id(mention))
        return token is not None and ((token.dep_ == "pobj" and (
            token.head.lower_ in SEQUENCE_PREPOSITIONS)) or causes_an_act(token))

    fighting = {m.sentence for m in mentions if m.code.type == "ASSAULT" and m.realis
                and not answered(m)}
    return [m for m in mentions if not (
        m.code.type == "MOBILIZE" and m.realis and m.code.cameo != EXERCISE_CAMEO
        and fighting & {m.sentence - 1, m.sentence, m.sentence + 1})]


def causes_an_act(noun: Token) -> bool:
    """Is the act noun the subject of a verb that makes someone act ("the raids prompted X
    to deploy", "months of shelling forced X to withdraw")?"""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "months of shelling"
        noun = noun.head.head
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in CONTROLLING_VERBS and any(
        c.dep_ in {"xcomp", "ccomp"} for c in noun.head.children)


#: CAMEO 150, a show of military power (exercises, a simulated attack): staged, not part of
#: the fighting beside it.
EXERCISE_CAMEO = "150"


def recode_by_participants(token: Token, mention: EventMention) -> Code:
    """Police or troops attacking protesters use crowd control; clashes among protesters
    are a riot (PLOVER PROTEST riot)."""
    code, actor, target = mention.code, mention.actor, mention.target
    if code.type != "ASSAULT":
        return code
    if code.cameo == "190" and token.lemma_.lower() in FIGHTING_WORDS and (any(
            arg is not None and arg.head in lex.PROTESTER_WORDS for arg in (actor, target))
            or among_protesters(token)):
        return Code("PROTEST", "145", "riot")
    if code.mode == "primitive" and (actor is None or actor.sector not in {"COP", "MIL"}) and (
            thrown_missile(token)) and in_a_protest(token):
        return Code("PROTEST", "145", "riot")  # CAMEO 145: stones thrown at a demonstration
    if actor is not None and target is not None and target.head in lex.PROTESTER_WORDS and \
            actor.sector in {"COP", "MIL"} and code.mode is None:
        return Code("ASSAULT", "175", "crowd-control")
    return code


#: What crowds throw (not a grenade or a bomb): "pelted police with bottles".
CROWD_MISSILES = frozenset("stone rock bottle brick egg".split())


def thrown_missile(token: Token) -> bool:
    """Is what is thrown a stone, a bottle or the like ("stoned", "threw rocks")?"""
    if token.lemma_.lower() in {"stone", "pelt"}:
        return True
    return any(c.dep_ in {"dobj", "nsubjpass", "pobj"} and c.lemma_.lower() in CROWD_MISSILES
               for t in (token, *token.children) for c in t.children)


def in_a_protest(token: Token) -> bool:
    """Does the sentence name protesters or their protest ("youths hurled rocks during the
    march")?"""
    return any(ctx.noun_lemma(t) in lex.PROTESTER_WORDS | ctx.PROTEST_NOUNS for t in token.sent)


def among_protesters(token: Token) -> bool:
    """"clashes between police and protesters": protesters take part in the fighting."""
    return any(ctx.noun_lemma(t) in lex.PROTESTER_WORDS for t in token.sent)


def filtered(found: list[EventMention], trigger_of: dict[int, Token],
             trace: explain.Trace | None = None) -> list[EventMention]:
    """The mentions left after the filters that see the whole sentence: a statement's
    content, a topic a statement answers, mobilisation in fighting."""
    for rule in (without_statement_contents, without_answered_statements,
                 without_mobilization_in_fighting, without_time_anchors):
        kept = rule(found, trigger_of)
        if trace is not None:
            trace.dropped(found, kept, rule.__name__)
        found = kept
    return found


#: Prepositions whose object dates another act: "since the invasion", "after the riots".
ANCHORING_PREPOSITIONS = frozenset("after since following before".split())
#: Nouns of a stretch of time through which an act is named: "after years of occupation".
SPAN_NOUNS = frozenset("""
year month week day hour decade night weekend period time spell round wave
""".split())


def time_anchor(noun: Token) -> bool:
    """Does the act noun only date another act: the object of "after", "since",
    "following" or "before" (directly, or through a stretch of time: "after three days
    of fighting")?"""
    current = noun
    if current.dep_ == "pobj" and current.head.lower_ == "of" and (
            current.head.head.lemma_.lower() in SPAN_NOUNS):
        current = current.head.head
    return current.dep_ == "pobj" and current.head.lower_ in ANCHORING_PREPOSITIONS


def without_time_anchors(mentions: list[EventMention], trigger_of: dict[int, Token]
                         ) -> list[EventMention]:
    """An act named only to date another act in the same sentence ("lifted the curfew
    after the riots", "has sent aid since the invasion") is that act's time, not an event
    the sentence reports: the codebook codes the act the clause asserts. Words said after
    an act ("condemned the raid after the shelling") report it as news: it stays."""
    sentences = {}
    for mention in mentions:
        sentences.setdefault(mention.sentence, []).append(mention)
    kept = []
    for mention in mentions:
        token = trigger_of.get(id(mention))
        others = [m for m in sentences[mention.sentence] if m is not mention and m.realis
                  and m.code.type not in lex.VERBAL_TYPES - {"CONCEDE"}]
        if token is not None and token.pos_ in {"NOUN", "PROPN"} and others and (
                time_anchor(token)):
            continue
        kept.append(mention)
    return kept
