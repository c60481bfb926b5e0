"""Reported speech, the quotes stage's step 4: a speech or thinking verb with a clause
("said that …", "…, officials said"), an infinitive ("vowed to …"), an object ("criticized
the plan") or a cue preposition ("called for …"); "according to X, …"; the turns of an
interview transcript. A mixin of `QuoteFinder`, which supplies the parse and the speakers.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from newsgraph.stages import cues as lexicon
from newsgraph.stages.doc_tables import token_table
from newsgraph.stages.quote_marks import DOUBLED
from newsgraph.stages.quote_syntax import (
    SPEAKING_THINGS,
    Attribution,
    clause_span,
    is_animate,
    trim,
    with_predicate,
)
from newsgraph.stages.speech_nouns import ALL_NOUNS, noun_attribution
from newsgraph.stages.stance import STANCE_ADJECTIVES, adjective_attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.model import Document


#: The reader addressed as a subject ("you know", "let's say"): no attribution. The
#: writer's own "I think"/"we believe" is one (the author holds the view; PolNeAR
#: annotates it with "I"/"we" as the source).
WRITER_AND_READER = {"you", "'s", "’s"}
#: Verbs of seeming: "X seems to …" is an impression without a source.
HEDGE_VERBS = {"seem", "appear"}
#: A transcript line: an upper-case name, a colon, then what was said.
TRANSCRIPT_TURN = re.compile(
    r"^[\"“\s]{0,3}(?P<label>[A-Z][A-Z.'’\- ]{1,30}):[ \t\u00a0]+(?P<said>\S[^\n]*)$",
    re.MULTILINE)
#: Upper-case line labels that are not speakers.
NOT_TRANSCRIPT_LABELS = {
    "VIDEO", "PHOTO", "PHOTOS", "WATCH", "LISTEN", "READ", "READ MORE", "RELATED", "UPDATE",
    "UPDATED", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "BREAKING", "SOURCE",
    "SOURCES", "CLARIFICATION", "WARNING", "DISCLAIMER", "ADVERTISEMENT", "TRANSCRIPT", "MORE",
    "BACKGROUND", "WHY IT MATTERS", "WHAT'S NEXT", "THE BOTTOM LINE", "BOTTOM LINE", "EXCLUSIVE",
}
#: Role words that label a transcript's speakers ("HOST:", "AUDIENCE MEMBER:").
TRANSCRIPT_ROLES = {
    "host", "moderator", "anchor", "interviewer", "reporter", "audience", "questioner",
    "caller", "panelist", "narrator", "announcer", "president", "senator", "governor",
    "candidate", "participant", "member", "speaker", "voice", "man", "woman", "crowd",
}
#: A headline that gives a claim to someone: "Jane Doe: …", "Poll: …", "Doe on X: …",
#: "Doe to Voters: …", "Doe at the Rally: …".
HEADLINE_CLAIM = re.compile(
    r"\A\s*(?P<label>[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,4})"
    r"(?: (?:[Oo]n|[Tt]o|[Aa]t) [^:\n]{1,60})?:"
    r"[ \t]+(?P<said>[^\n]+)")


class ReportedSpeech:
    """Finds reported speech; mixed into `QuoteFinder`."""

    document: Document
    doc: Doc
    text: str
    in_marks: dict[int, int]

    def speaker_of(self, cue: Token) -> Token | None:
        raise NotImplementedError

    def paragraph_around(self, start: int, end: int) -> tuple[int, int]:
        raise NotImplementedError


    def reported(self) -> list[tuple[tuple[int, int], Attribution]]:
        found: list[tuple[tuple[int, int], Attribution]] = []
        doc = self.doc
        for i in report_candidates(doc):
            token = doc[i]
            if token.lower_ == "according" or token.lower_ == "as":
                result = self.according_to(token)
                if result:
                    found.append(result)
                continue
            if token.pos_ in {"ADJ", "NOUN"}:
                result = adjective_attribution(self, token) if token.pos_ == "ADJ" \
                    else noun_attribution(self, token)
                if result:
                    found.append(result)
                continue
            if token.pos_ not in {"VERB", "AUX"}:
                continue
            lemma = repaired_lemma(token)
            if lemma in HEDGE_VERBS:
                result = self.hedged(token)
                if result:
                    found.append(result)
                continue
            speech = lemma in lexicon.SPEECH_VERBS
            thinking = lemma in lexicon.COGNITION_VERBS
            stance = lemma in lexicon.OBJECT_CUES or (lemma in lexicon.AS_CUES and any(
                c.dep_ == "prep" and c.lower_ == "as" for c in token.children))
            preposition = self.cue_preposition(token)
            if not (speech or thinking or stance or preposition):
                continue
            content = self.content_of(token, lemma)
            by_object = content is None and (stance or preposition is not None)
            if by_object:
                content = self.object_of(token) if stance else None
                if content is None and preposition is not None:
                    content = self.within_paragraph(
                        token, with_predicate(token, preposition, list(preposition.subtree)))
            if content is None:
                continue
            speaker = self.speaker_of(token)
            if speaker is not None and (
                    (speaker.dep_ == "nsubjpass" and speaker.head.i == token.i)
                    or (speech and not by_object and is_passive_participle(token))):
                speaker = None  # "She was asked whether …", "Asked whether …, she said"
            if speaker is None and (by_object or (thinking and not speech)):
                continue
            if by_object and (token.i in self.in_marks or self.after_odd_marks(token)
                              or not is_animate(speaker)):
                continue
            if token.tag_ == "VBG" and speaker is not None and not is_animate(speaker) and \
                    not any(c.dep_ == "aux" for c in token.children):
                continue  # "The cost of borrowing jumped, signalling that …"
            if token.tag_ == "VBG" and speaker is not None and speaker.i > token.i and \
                    not any(c.dep_ == "aux" for c in token.children) and \
                    not any(t.text == "," for t in doc[token.i:speaker.i]):
                # "Quoting experts builds trust": a gerund's own object does not speak
                # (a comma closes an adjunct: "Quoting a report, the mayor said …").
                continue
            if speaker is not None and speaker.lower_ in WRITER_AND_READER \
                    and token.i not in self.in_marks:
                continue  # "you know …", "let's say …" put nothing to anyone
            found.append((content, Attribution(token, speaker, by_object)))
        return found

    def content_of(self, verb: Token, lemma: str) -> tuple[int, int] | None:
        """What a reporting verb reports, in the verb's own paragraph (a headline above
        "Jane Doe said on Monday that …" is not what she said)."""
        content = self.clause_of(verb, lemma)
        if content is None:
            return None
        first, last = self.paragraph_around(verb.idx, verb.idx)
        return content if first <= content[0] and content[1] <= last else None

    def after_odd_marks(self, token: Token) -> bool:
        """Whether an odd number of double marks precede `token` in its paragraph: it may
        stand inside a quotation whose marks did not pair."""
        first, _ = self.paragraph_around(token.idx, token.idx)
        before = self.text[first:token.idx]
        return (sum(before.count(mark) for mark in '"“”„«»') + before.count(DOUBLED)) % 2 == 1

    @staticmethod
    def cue_preposition(verb: Token) -> Token | None:
        """The object of a cue's preposition ("warned against cuts" -> cuts)."""
        lemma = verb.lemma_.lower()
        if lemma not in lexicon.PREP_CUE_VERBS:
            return None
        for prep in verb.children:
            if prep.dep_ == "prep" and (lemma, prep.lower_) in lexicon.PREP_CUES:
                return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
        return None

    def quoted(self, start: int, end: int) -> bool:
        """Whether a span lies inside quotation marks (the quoted words stand for it)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and all(t.i in self.in_marks or t.is_punct for t in span)

    def within_paragraph(self, verb: Token, content: tuple[int, int] | None
                         ) -> tuple[int, int] | None:
        """`content` when it lies in the verb's paragraph and outside quotation marks."""
        if content is None:
            return None
        first, last = self.paragraph_around(verb.idx, verb.idx)
        return content if first <= content[0] and content[1] <= last else None

    def object_of(self, verb: Token) -> tuple[int, int] | None:
        """The direct object of a stance verb, with its predicate ("called the charges
        baseless"), in the verb's paragraph and outside quotation marks."""
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in self.in_marks]
        if not objects:
            return None
        return self.within_paragraph(verb, with_predicate(verb, objects[0],
                                                          list(objects[0].subtree)))

    def clause_of(self, verb: Token, lemma: str) -> tuple[int, int] | None:
        # A clause in the verb's own paragraph, the one after the verb first: the parser
        # may also hang the quotation that ends the paragraph before on "said".
        first, last = self.paragraph_around(verb.idx, verb.idx)
        clauses = [span for child in verb.children if child.dep_ == "ccomp"
                   and not (lemma in lexicon.PERCEPTION_VERBS and is_small_clause(child))
                   for span in [clause_span(child)]
                   if span is not None and first <= span[0] and span[1] <= last]
        if clauses:
            return max(clauses, key=lambda span: (span[0] > verb.idx, -span[0]))
        if lemma in lexicon.INFINITIVE_CUES:
            for child in verb.children:
                if child.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to"
                                                 for g in child.children):
                    return clause_span(child)
        if verb.dep_ == "parataxis" and lemma in lexicon.SPEECH_VERBS:
            # "The deal, officials said, is dead": the clause around the parenthetical.
            return clause_span(verb.head, exclude={t.i for t in verb.subtree})
        return None

    def according_to(self, token: Token) -> tuple[tuple[int, int], Attribution] | None:
        """"According to officials, …": the source is the object, the content the clause."""
        nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        if nxt is None or (token.lower_, nxt.lower_) not in lexicon.SOURCE_PREPOSITIONS:
            return None
        source = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if source is None:
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
        head = token.head
        if head.i == token.i:
            return None
        phrase = {t.i for t in token.subtree}
        content = clause_span(head, exclude=phrase)
        if content is None:
            return None
        return content, Attribution(token, source)

    def hedged(self, verb: Token) -> tuple[tuple[int, int], Attribution] | None:
        """"The mayor seems to be losing ground", "it appears that …": an impression the
        writer reports without a source; the content is the whole clause (subject,
        verb and infinitive), or the clause after "it seems that"."""
        if verb.i in self.in_marks:
            return None
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "expl"}), None)
        complement = next((c for c in verb.children if c.i > verb.i and (
            c.dep_ == "ccomp" or (c.dep_ == "xcomp" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children)))), None)
        if complement is None or subject is None:
            return None
        if complement.dep_ == "xcomp" and repaired_lemma(complement) in lexicon.SPEECH_VERBS:
            return None  # "she seemed to suggest …": her suggestion, found on its own
        if complement.dep_ == "ccomp" or subject.dep_ == "expl":
            content = clause_span(complement)
        else:
            last = max(t.i for t in complement.subtree)
            content = (subject.left_edge.idx,
                       self.doc[last].idx + len(self.doc[last].text))
        content = self.within_paragraph(verb, content)
        return (content, Attribution(verb, None)) if content else None

    def headline_claim(self) -> list[tuple[tuple[int, int], Attribution]]:
        """"Jane Doe: Voters Want Change" — a headline that gives a claim to a person or a
        speaking thing (a poll, a report) named before a colon."""
        match = HEADLINE_CLAIM.match(self.text)
        if match is None:
            return []
        label = self.doc.char_span(match.start("label"), match.end("label"),
                                   alignment_mode="expand")
        if label is None or not (self.names_person(label.start_char, label.end_char) or any(
                t.ent_type_ == "ORG" or t.lemma_.lower() in SPEAKING_THINGS for t in label)):
            return []
        start, end = trim(self.text, match.start("said"), match.end("said"))
        return [((start, end), Attribution(None, label.root))] if end > start else []

    def transcript_turns(self) -> list[tuple[tuple[int, int], Attribution]]:
        """"WALLACE: But, Governor, …" — a line of an interview transcript: the capitalised
        name before the colon speaks the rest of the line."""
        found = []
        # A label that speaks twice is a transcript's speaker even when NER misses it.
        labels = Counter(m.group("label").strip() for m in TRANSCRIPT_TURN.finditer(self.text))
        for match in TRANSCRIPT_TURN.finditer(self.text):
            label = match.group("label").strip()
            if label.upper() in NOT_TRANSCRIPT_LABELS or sum(ch.isalpha() for ch in label) < 2:
                continue
            if not self.names_person(match.start("label"), match.start("label") + len(label)) \
                    and labels[label] < 2:
                continue
            start, end = trim(self.text, match.start("said"), match.end("said"))
            speaker = self.doc.char_span(match.start("label"), match.start("label") + len(label),
                                         alignment_mode="expand")
            if end <= start or speaker is None:
                continue
            found.append(((start, end), Attribution(None, speaker.root)))
        return found

    def names_person(self, start: int, end: int) -> bool:
        """Whether a transcript label names a person: NER says so, or it is a word of a
        person entity's name ("WALLACE" after "Chris Wallace")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(t.ent_type_ == "PERSON" for t in span):
            return True
        words = {w.strip(".").lower() for w in self.text[start:end].split()}
        if words & TRANSCRIPT_ROLES:
            return True
        return any(entity.type == "PERSON" and not entity.anonymous and
                   words & {w.strip(".").lower() for w in entity.name.split()}
                   for entity in self.document.article.entities)

    def restates_outer(self, inner: Attribution,
                       reported: list[tuple[tuple[int, int], Attribution]]) -> bool:
        """"Clinton said she thinks …": the inner "she thinks" is part of what Clinton said,
        not a second attribution, when its speaker is a pronoun for the outer speaker."""
        if inner.cue is None or inner.speaker is None:
            return False
        if inner.speaker.pos_ != "PRON":
            return any(outer is not inner and start <= inner.cue.idx < end
                       and start <= inner.speaker.idx < end for (start, end), outer in reported)
        entity = self.document.entity_of_token.get(inner.speaker.i)
        for (start, end), outer in reported:
            if outer is inner or outer.speaker is None or not start <= inner.cue.idx < end:
                continue
            outer_entity = self.document.entity_of_token.get(outer.speaker.i)
            if entity is not None and entity == outer_entity:
                return True
        return False


def is_passive_participle(verb: Token) -> bool:
    """"Asked whether she would run, Jo smiled": a past participle opening an adverbial
    clause without an agent; the one asked is the main clause's subject, the asker is
    unknown."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in {"aux", "auxpass", "agent"} or c.dep_ in {"nsubj", "nsubjpass"}
        for c in verb.children)


def report_candidates(doc: Doc) -> list[int]:
    """Positions of the tokens that `ReportedSpeech.reported` can use, read from the token
    table without making a `Token` for the rest: "according" and "as", the verbs whose
    (repaired) lemma is a hedge or a cue or takes a cue preposition, and the adjectives and
    nouns whose lemma is a stance adjective or a speech noun (the attribution tests refuse
    all others first)."""
    table = token_table(doc)
    found = []
    for i, (pos, lower, lemma) in enumerate(zip(table.tags, table.lowers, table.folded_lemmas,
                                                 strict=True)):
        if lower == "according" or lower == "as" or (
                (pos == "VERB" or pos == "AUX") and (
                    lemma in lexicon.PREP_CUE_VERBS or repair_lemma(lemma, lower) in VERB_USES)
        ) or (pos == "ADJ" and lemma in STANCE_ADJECTIVES) or (
                pos == "NOUN" and lemma in ALL_NOUNS):
            found.append(i)
    return found


#: The repaired lemmas of the verbs `reported` reads (a cue preposition is looked up by
#: the lemma as the tagger gives it).
VERB_USES = HEDGE_VERBS | lexicon.SPEECH_VERBS | lexicon.COGNITION_VERBS | \
    lexicon.OBJECT_CUES | lexicon.AS_CUES


def repaired_lemma(verb: Token) -> str:
    """The verb's lemma, with the tagger's dropped final "e" put back when that names a
    cue ("hoping" -> "hop" -> "hope")."""
    return repair_lemma(verb.lemma_.lower(), verb.lower_)


def repair_lemma(lemma: str, word: str) -> str:
    """`repaired_lemma` of a verb given its lowercase lemma and form."""
    if word.startswith(lemma) and word[len(lemma):] in {"ing", "ed", "es"} and \
            lemma + "e" in lexicon.ALL_VERB_CUES and lemma not in lexicon.ALL_VERB_CUES:
        return lemma + "e"
    return lemma


def is_small_clause(verb: Token) -> bool:
    """A complement with no tense of its own ("saw prices fall", "saw shops looted"): an
    event perceived, not a proposition reported."""
    return verb.tag_ in {"VB", "VBN", "VBG"} and not any(
        c.dep_ in {"aux", "auxpass", "mark"} for c in verb.children)
