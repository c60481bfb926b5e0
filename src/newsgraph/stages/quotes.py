"""The quotes stage: who said what, from quotation marks and from reported speech.

1. Quotation marks are paired over the text (curly and straight, quotes that run
   over several paragraphs with an opening mark on each, unclosed marks dropped).
2. Each quoted stretch looks for its cue: a speech verb that governs it or sits
   beside it in the sentence ("…,” he said), a colon lead-in ("X said:"), or an
   earlier quote it continues. One or two words in marks with no cue are scare
   quotes or titles, not quotations.
3. “A,” she said. “B.” becomes one quote with two fragments.
4. Reported speech (`newsgraph.stages.reported`): a speech or thinking verb with a
   clause ("said that …"), an infinitive ("vowed to …"), an object ("criticized the
   plan"), a cue preposition ("called for …"), or "according to X, …".
5. The speaker is the subject of the cue (or the object of "according to"), linked
   to the entity the entities stage found for it, pronouns and "the source"
   included; the addressee and the date come from the cue's own dependents.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from newsgraph.model import Cue, Quote, SpeakerRef
from newsgraph.stages import lexicon as entity_lexicon
from newsgraph.stages.doc_tables import sentence_bounds, sentence_of, token_table
from newsgraph.stages.lead_ins import heading_before, name_before_colon
from newsgraph.stages.quote_marks import CLOSING, DOUBLED, STRAIGHT, Marked, find_marked
from newsgraph.stages.quote_syntax import (
    NOT_SPEAKERS,
    SUBJECTS,
    Attribution,
    agent_of_passive,
    animate_subject,
    could_be_speaker,
    has_content,
    is_cue_verb,
    is_cue_word,
    overlaps,
    owners_of,
    phrase_of,
    share,
    subject_of,
    trim,
)
from newsgraph.stages.reported import ReportedSpeech, repaired_lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsgraph.model import Document
    from newsgraph.resources import Resources

SENTENCE_END = set(".?!…")
DASHES = set("―—–-")
INNER_END = set(",.?!…;:—-")
#: At most this many words in marks without a cue are scare quotes, titles or nicknames.
SCARE_QUOTE_WORDS = 3
#: A quoted stretch with no cue at all is kept (with no speaker) from this many words on.
UNATTRIBUTED_MIN_WORDS = 6
#: Quoted Title Case of up to this many words is a name ("Face the Nation"), not a quote.
TITLE_MAX_WORDS = 7
#: How many tokens around a quote a cue in a neighbouring sentence may be ("…?” he asked).
NEAR = 6
#: Common nouns that name someone who can make a statement.
SPEAKER_NOUNS = entity_lexicon.SOURCE_NOUNS | entity_lexicon.OFFICE_NOUNS
#: Verbs that govern a quoted clause without introducing it ("“…” is what she meant").
NOT_CUE_LEMMAS = {"be", "have", "do", "make", "get", "let", "mean"}
PERSONAL_PRONOUNS = {"i", "he", "she", "we", "they"}
#: Tags of the relative pronouns "who" and "that"/"which".
RELATIVE_TAGS = {"WP", "WDT"}
WORK_NOUNS = {
    "book", "film", "movie", "song", "album", "show", "series", "article", "column", "essay",
    "headline", "play", "podcast", "episode", "poem", "novel", "documentary", "report",
    "program", "programme", "slogan", "hashtag", "campaign", "title", "term", "phrase", "word",
}
WORK_VERBS = {"title", "entitle", "dub", "nickname", "headline", "brand", "label", "term"}


class QuoteFinder(ReportedSpeech):
    """Finds the quotes of one parsed article."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.doc: Doc = document.doc
        self.text = document.article.text
        self.marked = find_marked(self.text)
        self.in_marks = self._token_marks()

    def _token_marks(self) -> dict[int, int]:
        """token index -> index of the marked stretch it lies in."""
        inside: dict[int, int] = {}
        starts = [m.start for m in self.marked]
        if not starts:
            return inside
        import bisect

        for index, offset in enumerate(token_table(self.doc).starts):
            k = bisect.bisect_right(starts, offset) - 1
            if k >= 0 and self.marked[k].start <= offset < self.marked[k].end:
                inside[index] = k
        return inside

    # -- 2. direct quotes --------------------------------------------------------------

    def tokens_of(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def linked_cue(self, tokens: list[Token], sentences: list[Span]) -> Token | None:
        """A speech verb outside the marks that governs the quote or is its neighbour:
        in the quote's sentences, or just after it (“…?” he asked.) or before it."""
        inside = {t.i for t in tokens}
        first, last = self.paragraph_around(tokens[0].idx, tokens[-1].idx)
        doc = self.doc
        table = token_table(doc)

        def usable_at(i: int) -> bool:  # `usable` read from the token table
            return i not in self.in_marks and is_cue_word(
                table.tags[i], table.folded_lemmas[i]) and first <= table.starts[i] < last

        def usable(t: Token) -> bool:
            return usable_at(t.i)

        own = {s.start for s in sentences}
        candidates = [doc[i] for s in sentences for i in range(s.start, s.end) if usable_at(i)]
        near = [doc[i] for i in range(tokens[-1].i + 1, min(len(doc), tokens[-1].i + 1 + NEAR))]
        near += [doc[i] for i in range(max(0, tokens[0].i - NEAR), tokens[0].i)]
        # A cue in a neighbouring sentence speaks the quote only when it says nothing of
        # its own: “…?” he asked. — not "She never mentioned a recount."
        candidates += [t for t in near if usable(t) and t not in candidates
                       and (sentence_bounds(doc, t.i)[0] in own or not has_content(t))]
        candidates += [t for t in self.speech_tag(tokens) if usable(t) and t not in candidates]
        governing = self.governing_verbs(tokens)
        if not candidates:
            candidates = governing
        if not candidates:
            return None
        for token in tokens:
            for ancestor in token.ancestors:
                if ancestor.i in inside:
                    continue
                if ancestor in candidates:
                    return ancestor
        if governing:  # "After X criticized Y, Jane shot back, “…”": the verb it hangs on
            return governing[0]
        # “…,” he said / he said, “…”: the cue nearest to either end of the quote.
        return min(candidates, key=lambda t: min(abs(t.i - tokens[0].i), abs(t.i - tokens[-1].i)))

    def governing_verbs(self, tokens: list[Token]) -> list[Token]:
        """A verb outside the marks whose clausal complement is the quote and whose subject
        can speak: “Go register,” Jane implored — a speech tag though not a listed verb."""
        inside = {t.i for t in tokens}
        found = []
        for head in self.quote_links(tokens):
            if head.i in inside or \
                    head.i in self.in_marks or head.pos_ != "VERB" or \
                    head.lemma_.lower() in NOT_CUE_LEMMAS:
                continue
            subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
            inverted = head.i > tokens[-1].i and (subject is None or subject.i > head.i)
            if subject is None and inverted:  # “…,” exhorted his sister: parsed as an object
                subject = next((c for c in head.rights if c.dep_ in {"dobj", "attr"}), None)
            if subject is None or not (subject.ent_type_ == "PERSON" or (
                    subject.pos_ == "PROPN" and subject.ent_type_ not in NOT_SPEAKERS)
                    or subject.lower_ in PERSONAL_PRONOUNS
                    # after an inverted tag any noun that can speak: “…,” urged a neighbour
                    or (inverted and (self.could_speak(subject) or is_partitive(subject)))):
                continue
            # Only a tag right beside the quote: its subject and punctuation in between.
            subject_words = {t.i for t in subject.subtree}
            if head.i > tokens[-1].i:
                between = self.doc[tokens[-1].i + 1:head.i]
            else:
                between = self.doc[head.i + 1:tokens[0].i]
            if "\n" in between.text:  # the parser may link a tag of the next paragraph
                continue
            if all(t.is_punct or t.i in subject_words or (
                    t.head.i == head.i and t.dep_ in {"prt", "advmod"}) for t in between):
                found.append(head)
        return found

    @staticmethod
    def quote_links(tokens: list[Token]) -> list[Token]:
        """Verbs outside the quote that may be its tag: the quote is their clause, or a
        conjunct of the verb before it ("Jane shot back, “…”"), or the tag is parsed as a
        clause of the quote's own verb."""
        links = []
        for token in tokens:
            if token.dep_ in {"ccomp", "parataxis"} or (
                    token.dep_ == "conj" and token.head.i < tokens[0].i):
                links.append(token.head)
            links += [child for child in token.children if child.dep_ in {"ccomp", "parataxis"}
                      and not tokens[0].i <= child.i <= tokens[-1].i]
        return links

    def speech_tag(self, tokens: list[Token]) -> list[Token]:
        """“…?” Jane Doe, the mayor's adviser, said. — the quote ends its sentence and the
        next one, in the same paragraph, is a speech tag: a cue with nothing of its own
        said, before any other quotation mark."""
        doc = self.doc
        after = tokens[-1].i + 1
        while after < len(doc) and (doc[after].is_punct or doc[after].is_space) and \
                "\n" not in doc[after].text:
            after += 1
        if after >= len(doc) or not doc[after].is_sent_start or after in self.in_marks:
            return []
        found = []
        for token in doc[after:sentence_bounds(doc, after)[1]]:
            if token.i in self.in_marks or token.text in CLOSING or \
                    token.text in (STRAIGHT, DOUBLED) or "\n" in token.text:
                break
            if is_cue_verb(token) and not has_content(token):
                found.append(token)
        return found

    def according_lead_in(self, tokens: list[Token]) -> Token | None:
        """"According to X, “…”": the source X."""
        sentence = sentence_of(tokens[0])
        for token in sentence:
            if token.i >= tokens[0].i:
                break
            if token.lower_ == "according" and token.i + 1 < len(self.doc) \
                    and self.doc[token.i + 1].lower_ == "to":
                source = next((c for c in self.doc[token.i + 1].children if c.dep_ == "pobj"),
                              None)
                if source is not None and source.i not in self.in_marks:
                    return source
        return None

    def paragraph_around(self, start: int, end: int) -> tuple[int, int]:
        """The paragraph (between line breaks) that holds [start, end)."""
        first = self.text.rfind("\n", 0, start) + 1
        last = self.text.find("\n", end)
        return first, len(self.text) if last < 0 else last

    def colon_lead_in(self, start: int) -> Token | None:
        """"X said on Thursday:" just before the quote (same or previous paragraph)."""
        j = start - 2
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] != ":":
            return None
        span = self.doc.char_span(j, j + 1, alignment_mode="expand")
        if span is None:
            return None
        sentence = span[0].sent
        cues = [t for t in sentence if t.i not in self.in_marks and is_cue_verb(t)]
        if cues:
            return cues[-1]
        # "The governor released the following statement:": the verb of the clause the
        # colon ends, when someone who can speak is its subject.
        before = span[0].i - 1
        if before < sentence.start:
            return None
        verb = next((t for t in [self.doc[before], *self.doc[before].ancestors]
                     if t.pos_ == "VERB"), None)
        if verb is None or verb.i in self.in_marks:
            return None
        subject = subject_of(verb)
        if subject is not None and (
                subject.pos_ in {"PROPN", "PRON"} or subject.ent_type_ in {"PERSON", "ORG"}
                or subject.lemma_.lower() in SPEAKER_NOUNS):
            return verb
        return None

    def is_title(self, marked: Marked, tokens: list[Token]) -> bool:
        """A name of a work, show or slogan: after "titled"/"the book", or in Title Case."""
        before = [t for t in self.doc[max(0, tokens[0].i - 3):tokens[0].i] if not t.is_punct]
        if any(t.lemma_.lower() in WORK_VERBS or t.lower_ in WORK_NOUNS for t in before):
            return True
        words = [t for t in tokens if t.is_alpha]
        if not words:
            return False
        inner = self.text[marked.start:marked.end].rstrip()
        title_case = bool(words) and words[0].text[0].isupper() and all(
            t.text[0].isupper() or t.is_stop for t in words)
        return title_case and len(words) <= TITLE_MAX_WORDS and (
            not inner or inner[-1] not in SENTENCE_END or len(words) <= 3)

    def is_partial(self, marked: Marked, tokens: list[Token], cue: Token | None) -> bool:
        """Quoted words inside the reporter's sentence: vowed it would “stand alone” if …"""
        inner = self.text[marked.start:marked.end].rstrip()
        if inner and inner[-1] not in INNER_END:
            return True
        before = self.text[:marked.start - marked.left].rstrip()
        if not before or before[-1] in SENTENCE_END | {":", ",", "\n", "(", "—", "–"} \
                or before[-1] in CLOSING or before[-1] == STRAIGHT or before.endswith(DOUBLED):
            return False
        span = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        previous = span[-1] if span is not None else None
        return not (cue is not None and previous is not None
                    and (previous.i == cue.i or previous.head.i == cue.i))

    def direct_quotes(self) -> list[tuple[Marked, Attribution, bool]]:
        found: list[tuple[Marked, Attribution, bool]] = []
        previous: tuple[Marked, Attribution] | None = None
        for marked in self.marked:
            tokens = self.tokens_of(marked.start, marked.end)
            if not tokens:
                continue
            words = sum(1 for t in tokens if t.is_alpha)
            sentences = list({s.start: s for s in map(sentence_of, (tokens[0], tokens[-1]))}
                             .values())
            signature = self.dash_signature(marked) or self.according_lead_in(tokens)
            # A heading or "Name:" opening the paragraph wins over a cue further away.
            lead_in = None if signature else self.verbless_lead_in(marked.start - marked.left)
            cue = None if signature or lead_in else self.cue_of(tokens, sentences, marked)
            led = self.led_by(lead_in, previous)
            if signature is not None:
                attribution = Attribution(None, signature)
            elif cue is None and previous is not None and words > SCARE_QUOTE_WORDS and \
                    marked.start - previous[0].end < 600:
                attribution = led or previous[1]  # else it continues the previous speaker
            elif cue is not None:
                attribution = Attribution(cue, self.speaker_of(cue))
            elif words >= UNATTRIBUTED_MIN_WORDS and self.is_utterance(marked):
                attribution = led or Attribution(None, None)
            else:
                continue
            if words <= SCARE_QUOTE_WORDS and (
                    cue is None or not self.governs(cue, tokens)
                    or not (is_cue_verb(cue) or self.is_utterance(marked))):
                continue
            if self.is_title(marked, tokens) and (cue is None or not self.governs(cue, tokens)
                                                 or words <= SCARE_QUOTE_WORDS):
                continue
            partial = self.is_partial(marked, tokens, attribution.cue)
            found.append((marked, attribution, partial))
            previous = (marked, attribution)
        return found

    @staticmethod
    def led_by(lead_in: Span | None,
               previous: tuple[Marked, Attribution] | None) -> Attribution | None:
        """The attribution to a verbless lead-in; the previous quote's when that one has
        the same lead-in (one quote in pieces stays one attribution)."""
        if lead_in is None:
            return None
        if previous is not None and previous[1].speaker_span is not None and \
                (previous[1].speaker_span.start, previous[1].speaker_span.end) == \
                (lead_in.start, lead_in.end):
            return previous[1]
        return Attribution(None, lead_in.root, speaker_span=lead_in)

    def verbless_lead_in(self, start: int) -> Span | None:
        """A heading or a "Name:" that opens the paragraph of the opening mark at `start`
        (`lead_ins`)."""
        return heading_before(self.text, self.doc, start) or \
            name_before_colon(self.text, self.doc, start)

    def cue_of(self, tokens: list[Token], sentences: list[Span], marked: Marked) -> Token | None:
        """The quote's cue: a lead-in ending in a colon right before it wins over a cue
        that only stands nearby ("She addressed the crowd again: “…”")."""
        cue = self.linked_cue(tokens, sentences)
        if cue is not None and self.governs(cue, tokens):
            return cue
        colon = self.colon_lead_in(marked.start)
        # “…?” a reporter asked. — a speech tag right after the quote wins over a lead-in
        # that is no speech verb ("The paper has the tape:").
        if colon is not None and cue is not None and not is_cue_verb(colon) and \
                cue in self.speech_tag(tokens):
            return cue
        return colon or cue

    def is_utterance(self, marked: Marked) -> bool:
        """Quoted words that stand as a sentence of their own: capital first, final stop."""
        inner = self.text[marked.start:marked.end].strip()
        return bool(inner) and inner[0].isupper() and inner[-1] in SENTENCE_END | {",", "—"}

    @staticmethod
    def governs(cue: Token, tokens: list[Token]) -> bool:
        return any(cue in t.ancestors for t in tokens)

    def speaker_of(self, cue: Token) -> Token | None:
        """Who speaks through `cue`: its subject outside the quotation marks, the agent of
        a passive, or the name right after an inverted cue ("…,” said Jane Doe)."""
        cue_quoted = cue.i in self.in_marks

        def outside(token: Token) -> bool:
            return cue_quoted or token.i not in self.in_marks

        # "footage of Jane Doe saying …": a participle right after a name describes it.
        if cue.tag_ == "VBG" and cue.i > 0:
            before = cue.doc[cue.i - 1]
            if before.ent_type_ in {"PERSON", "ORG"} and outside(before):
                return before

        # "Doe was asked by host Ann Lee, “…”": the agent of a passive speech verb speaks.
        agent = agent_of_passive(cue)
        if agent is not None and any(c.dep_ == "auxpass" for c in cue.children):
            return agent
        found = subject_of(cue, outside) or agent
        if found is not None:
            return named_in_participle(found, cue) or found
        # "Adding, “…”" at the start of a sentence: the previous sentence's speaker.
        opening, closing = sentence_bounds(cue.doc, cue.i)
        if cue.tag_ == "VBG" and cue.i - opening <= 1 and opening > 0 and \
                (cue.i > opening or opens_a_report(cue)):  # "After saying …" keeps it
            previous = sentence_of(cue.doc[opening - 1]).root
            subject = subject_of(previous, outside)
            if subject is not None and could_be_speaker(subject):
                return subject
        # A misparsed subject: between the quote and the cue, the first person named
        # (“…,” Jane Doe, who won the Ohio primary, said), else the last noun ...
        between = []
        for token in reversed(cue.doc[opening:cue.i]):
            if token.i in self.in_marks or token.text in CLOSING or \
                    token.text in (STRAIGHT, DOUBLED):
                break
            between.insert(0, token)
        person = next((t for t in between if t.ent_type_ == "PERSON"), None)
        if person is not None:
            while person.i + 1 < cue.i and cue.doc[person.i + 1].ent_iob_ == "I":
                person = cue.doc[person.i + 1]
            return person
        for token in reversed(between):
            # "“…,” Jane answers.": a name parsed as a compound of the verb is its subject.
            if self.could_speak(token) or (token.dep_ == "compound" and token.head.i == cue.i):
                return token
        # ... or the first noun after an inverted cue: "…,” said Jane Doe. (Not after a
        # cue with words of its own before it: "About half said they …" — "they" is what
        # was said, not who said it.)
        if any(not (t.is_punct or t.is_space) for t in between):
            return None
        for token in cue.doc[cue.i + 1:closing]:
            if token.i in self.in_marks or token.is_punct or token.dep_ == "prep":
                break
            if token.dep_ == "det" and token.head.i > token.i and \
                    token.head.i not in self.in_marks:
                noun = token.head  # "…,” said the 46-year-old.
                while noun.dep_ == "poss" and noun.head.i > noun.i:
                    noun = noun.head  # "…,” said the mayor's sister.
                return noun
            if self.could_speak(token) or is_partitive(token):  # "…,” said one of the aides.
                return token.head if token.dep_ == "compound" else token
        return None

    @staticmethod
    def could_speak(token: Token) -> bool:
        if is_age_noun(token):  # "the 52-year-old said"
            return True
        return (token.pos_ in {"PROPN", "NOUN", "PRON"} or token.ent_type_ == "PERSON") and \
            token.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL"} and \
            token.dep_ not in {"poss", "compound"}

    def dash_signature(self, marked: Marked) -> Token | None:
        """“…” ― Jane Doe: a name after a dash that follows the closing mark, on the same
        line or opening the line under a quote that ends its paragraph (a signature line:
        the name then ends the line or is followed by a comma, "- Jane Doe, the mayor")."""
        text = self.text
        i = marked.end + marked.right
        while i < len(text) and text[i] in " \u00a0\t":
            i += 1
        own_line = i < len(text) and text[i] == "\n"
        if own_line:
            line_start = i
            while i < len(text) and text[i].isspace():
                i += 1
            if text.count("\n", line_start, i) > 2:
                return None
        if i >= len(text) or text[i] not in DASHES:
            return None
        span = self.doc.char_span(i, min(len(text), i + 1), alignment_mode="expand")
        if span is None:
            return None
        for token in self.doc[span.end:min(len(self.doc), span.end + 4)]:
            if token.is_space:
                continue
            if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
                # the name's head: the last word of the name
                end = token.i
                while end + 1 < len(self.doc) and self.doc[end + 1].pos_ == "PROPN":
                    end += 1
                if own_line and not signs_off(self.doc, end):
                    return None  # a list item under the quote: "- Doe won the vote."
                return self.doc[end]
            break
        return None

    # -- 3. split quotes ---------------------------------------------------------------

    def join_split(self, direct: list[tuple[Marked, Attribution, bool]]) -> list:
        """Quoted pieces of one attribution become one quote with fragments:
        “A,” she said. “B.” (B continues A's speaker in the same paragraph) and
        mixed quotes with one cue (called him “reckless” and “unfit”)."""
        joined: list[list] = []
        for marked, attribution, partial in direct:
            if joined:
                last_marked, last_attr, last_partial = joined[-1]
                same_paragraph = "\n" not in self.text[last_marked.end:marked.start]
                same_cue = attribution.cue is not None and last_attr.cue is not None \
                    and attribution.cue.i == last_attr.cue.i
                continued = attribution is last_attr and (
                    last_attr.speaker_span is not None  # pieces after a verbless lead-in
                    or (last_attr.cue is not None
                        and last_marked.end <= last_attr.cue.idx < marked.start))
                if same_paragraph and (same_cue or continued):
                    merged = Marked(last_marked.start, marked.end,
                                    last_marked.pieces + marked.pieces)
                    joined[-1] = [merged, last_attr, last_partial and partial]
                    continue
            joined.append([marked, attribution, partial])
        return joined

    # -- 5. assembling ------------------------------------------------------------------

    def speaker_ref(self, attribution: Attribution) -> SpeakerRef | None:
        if attribution.speaker is None:
            return None
        speaker = attribution.speaker
        relative = speaker.tag_ in RELATIVE_TAGS and speaker.head.dep_ == "relcl"
        if relative and attribution.speaker_span is None and speaker.tag_ == "WDT":
            speaker = maker_of(speaker.head.head) or speaker  # "a video that says …"
            relative = speaker.tag_ in RELATIVE_TAGS
        span = attribution.speaker_span or phrase_of(speaker)
        # "X, who said …": the span is the local "who", the entity is X's.
        named = speaker.head.head if relative else speaker
        entity = None
        # "one of the mayor's aides" is none of the names in its phrase
        candidates = [named] if is_partitive(speaker) else [
            named, *reversed(list(phrase_of(named))), *reversed(list(span)), *owners_of(speaker)]
        for token in candidates:
            entity = self.document.entity_of_token.get(token.i)
            if entity:
                break
        return SpeakerRef(start=span.start_char, end=span.end_char, text=span.text,
                          entity=entity)

    def cue_ref(self, attribution: Attribution) -> Cue | None:
        cue = attribution.cue
        if cue is None:
            return None
        end = cue.idx + len(cue.text)
        lemma = repaired_lemma(cue)
        if cue.lower_ in {"according", "as"} and cue.i + 1 < len(self.doc):
            nxt = self.doc[cue.i + 1]
            end = nxt.idx + len(nxt.text)
            lemma = f"{cue.lower_} {nxt.lower_}"
        return Cue(start=cue.idx, end=end, text=self.text[cue.idx:end], lemma=lemma)

    def addressee(self, attribution: Attribution) -> str | None:
        cue = attribution.cue
        if cue is None or cue.pos_ not in {"VERB", "AUX"}:
            return None
        for child in cue.children:
            if cue.lemma_.lower() == "tell" and child.dep_ in {"dobj", "dative"}:
                return phrase_of(child).text
            if child.dep_ in {"prep", "dative"} and child.lower_ == "to":
                target = next((g for g in child.children if g.dep_ == "pobj"), None)
                if target is not None and (target.ent_type_ in {"PERSON", "ORG", "NORP"}
                                           or target.lower_ in {"reporters", "journalists"}):
                    return phrase_of(target).text
        # "in an interview with X": the interviewer.
        lemmas = token_table(self.doc).folded_lemmas
        for i in range(*sentence_bounds(self.doc, cue.i)):
            if lemmas[i] == "interview":
                for prep in self.doc[i].children:
                    if prep.lower_ == "with":
                        target = next((g for g in prep.children if g.dep_ == "pobj"), None)
                        if target is not None and target.ent_type_ in {"PERSON", "ORG"}:
                            return self.entity_name(target) or phrase_of(target).text
        return None

    def entity_name(self, token: Token) -> str | None:
        entity_id = self.document.entity_of_token.get(token.i)
        for entity in self.document.article.entities:
            if entity.id == entity_id:
                return entity.name
        return None

    def quote_date(self, attribution: Attribution) -> str | None:
        cue = attribution.cue
        if cue is None:
            return None
        heads = [cue] + [c for c in cue.children if c.dep_ == "advcl"]
        if cue.dep_ == "conj":
            heads.append(cue.head)
        spans = []
        for head in heads:
            for child in head.children:
                if child.ent_type_ in {"DATE", "TIME"} and child.dep_ in {"npadvmod", "tmod",
                                                                          "compound", "advmod"}:
                    spans.append((child.idx, child.idx + len(child.text)))
                if child.dep_ == "prep" and child.lower_ in {"on", "in", "at"}:
                    for grandchild in child.children:
                        if grandchild.ent_type_ in {"DATE", "TIME"}:
                            spans.append((grandchild.idx, grandchild.idx + len(grandchild.text)))
        for start, end in spans:
            for date in self.document.article.dates:
                if date.start <= start and end <= date.end and date.value:
                    return date.value
        return None

    def build(self, start: int, end: int, direct: bool, partial: bool,
              attribution: Attribution, pieces: list[tuple[int, int]] | None = None) -> Quote:
        quote = Quote(
            start=start, end=end, text=self.text[start:end], direct=direct, partial=partial,
            speaker=self.speaker_ref(attribution), cue=self.cue_ref(attribution),
            addressee=self.addressee(attribution), date=self.quote_date(attribution),
        )
        fragments = fragments_within(self.text, pieces or [], start, end)
        if len(fragments) > 1:
            quote.fragments = [list(p) for p in fragments]
        return quote

    def quoted_within(self, found: list[Quote], start: int, end: int) -> list[Quote]:
        """The partial direct quotes that a reported clause holds with words of the
        reporter's around them (a mixed quote), when the clause is more than twice as
        long as the quoted words."""
        inside = [q for q in found if q.direct and q.partial and start <= q.start
                  and q.end <= end + 2]
        quoted = sum(q.end - q.start for q in inside)
        return inside if inside and 2 * quoted < end - start else []

    def quotes(self) -> list[Quote]:
        result: list[Quote] = []
        direct = self.join_split(self.direct_quotes())
        used_cues: set[int] = set()
        covered: list[tuple[int, int]] = []
        for marked, attribution, partial in direct:
            start, end = trim(self.text, marked.start, marked.end)
            if end <= start:
                continue
            quote = self.build(start, end, True, partial, attribution, marked.pieces)
            if inside_speaker(quote):
                continue  # "a few “dust-devil” tornadoes were seen": a term, no one's words
            result.append(quote)
            covered.append((marked.start, marked.end))
            if attribution.cue is not None:
                used_cues.add(attribution.cue.i)
        for (start, end), attribution in self.transcript_turns() + self.headline_claim():
            if any(overlaps((start, end), c) for c in covered):
                continue
            result.append(self.build(start, end, False, False, attribution))
            covered.append((start, end))
        reported = self.reported()
        for (start, end), attribution in reported:
            mixed = self.quoted_within(result, start, end)
            if mixed:  # said that it would “stand alone”: one attribution, the clause
                result = [quote for quote in result if quote not in mixed]
                covered = [c for c in covered if not any(
                    (q.start, q.end) == trim(self.text, *c) for q in mixed)]
            elif attribution.cue is not None and attribution.cue.i in used_cues and any(
                    overlaps((start, end), c) for c in covered):
                continue
            if any(share((start, end), c) >= 0.5 for c in covered):
                continue
            # "described the plan as “a disgrace”": the quoted words already stand for it.
            if attribution.by_object and any(overlaps((start, end), c) for c in covered):
                continue
            if self.restates_outer(attribution, reported):
                continue
            result.append(self.build(start, end, False, bool(mixed), attribution))
        result = outermost_reports(result)
        result.sort(key=lambda q: (q.start, q.end))
        return result


def signs_off(doc: Doc, end: int) -> bool:
    """The name ending at token `end` closes its line, alone or before a comma or a stop."""
    after = doc[end + 1] if end + 1 < len(doc) else None
    return after is None or "\n" in after.text or (after.text in {",", ".", ";"} and (
        end + 2 >= len(doc) or after.text == "," or "\n" in doc[end + 2].text))


def maker_of(thing: Token) -> Token | None:
    """Who speaks through a thing said to say something: whoever released, posted or
    issued it ("the mayor posted a clip that blames …" -> the mayor)."""
    if thing.dep_ == "dobj" and thing.head.pos_ == "VERB":
        subject = animate_subject(thing.head)
        if subject is not None and subject.tag_ not in RELATIVE_TAGS:
            return subject
    return None


def is_partitive(token: Token) -> bool:
    """A number or quantifier standing for people through its "of" phrase: "one of the
    aides", "several of them"."""
    return token.pos_ in {"NUM", "PRON", "DET", "ADJ"} and any(
        child.dep_ == "prep" and child.lower_ == "of" and any(
            obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN", "PRON"} for obj in child.children)
        for child in token.children)


def is_age_noun(token: Token) -> bool:
    """The last word of "the 52-year-old", a person named by age (NER calls it a date)."""
    doc = token.doc
    return token.lower_ == "old" and token.i >= 2 and doc[token.i - 1].text == "-" and \
        doc[token.i - 2].lower_ in {"year", "years"}


def outermost_reports(found: list[Quote]) -> list[Quote]:
    """Reported speech inside a report is part of it ("She said they had promised to
    resign": one attribution, hers; PolNeAR rarely annotates the inner one)."""
    reports = [q for q in found if not q.direct and q.cue is not None]
    return [q for q in found if q.direct or q.cue is None or not any(
        other is not q and other.start <= q.start and q.end <= other.end
        and other.end - other.start > q.end - q.start for other in reports)]


def named_in_participle(subject: Token, cue: Token) -> Token | None:
    """A participle parsed as the cue's subject is no speaker: "Speaking to the paper Doe
    claimed" (no comma) -> the name ending right before the cue; "investors expecting a
    deal say" -> the participle's own subject."""
    if subject.tag_ not in {"VBG", "VBN"} or subject.ent_type_:
        return None
    own = next((c for c in subject.children if c.dep_ == "nsubj"), None)
    if own is not None:
        return own
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    named = before is not None and (before.ent_type_ in {"PERSON", "ORG"}
                                    or before.pos_ == "PROPN")
    if named and subject.left_edge.i <= before.i <= subject.right_edge.i:
        return before
    return None


def inside_speaker(quote: Quote) -> bool:
    """Do the quoted words lie within the phrase taken for their speaker (marks around a
    term inside the subject of "… were observed")?"""
    speaker = quote.speaker
    return speaker is not None and speaker.start <= quote.start and quote.end <= speaker.end


def fragments_within(text: str, pieces: list[tuple[int, int]], start: int,
                     end: int) -> list[tuple[int, int]]:
    """The quoted pieces trimmed of white space like the quote itself, so that every
    fragment lies inside the quote's `start`/`end` (“A,” she said. “B. ” ends at "B.");
    pieces that are only white space are dropped."""
    fragments = []
    for piece_start, piece_end in pieces:
        first, last = trim(text, max(piece_start, start), min(piece_end, end))
        if first < last:
            fragments.append((first, last))
    return fragments


def make_quotes(resources: Resources) -> Callable[[Document], None]:
    """The quotes stage (its cue lexicons are module tables)."""
    return add_quotes


def add_quotes(document: Document) -> None:
    """The quotes stage: fills `article.quotes` (needs entities; dates when present)."""
    document.article.quotes.extend(QuoteFinder(document).quotes())


def opens_a_report(cue: Token) -> bool:
    """Whether a sentence-opening -ing cue leads into what is said ("Adding, “…”",
    "Adding that …"), not a gerund phrase that is its sentence's subject ("Seeing how
    the money is spent is the first step")."""
    following = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    return following is not None and (
        following.is_punct or following.is_quote or following.lower_ == "that")
