"""The data model: one `Article` and the annotations every stage adds to it.

Also what flows into and through the pipeline: a `Source` (an article as read), a
`Failure` (an item that could not be read or analysed, with the reason) and the
`Document` that the stages annotate.

Every annotation carries `start`/`end` character offsets into `Article.text`
(Python `str` code points), so each fact can be checked against its source.
The JSON of an `Article` with `schema_version` 1 is the project's contract:
fields may be added, never renamed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

if TYPE_CHECKING:
    from spacy.tokens import Doc

SCHEMA_VERSION = 1


class Span(BaseModel):
    """A stretch of `Article.text`: `text == article.text[start:end]`."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Mention(Span):
    """One place in the text where an entity is named or referred to."""

    kind: Literal["name", "role", "pronoun", "description"] = "name"
    polarity: Literal["negative", "neutral", "positive"] | None = None
    """How the sentence portrays the entity at this mention (the `portrayal` stage)."""
    polarity_score: float | None = None
    """The model's probability of `polarity` (0-1)."""


class Portrayal(BaseModel):
    """How an article portrays one entity: its mentions by polarity and a mean score."""

    negative: int = 0
    neutral: int = 0
    positive: int = 0
    score: float = 0.0
    """Mean over the mentions of P(positive) - P(negative): -1 (hostile) to +1 (favourable)."""


class Entity(BaseModel):
    """A person, organisation, place or group, with all its mentions in one article."""

    id: str
    name: str
    type: str
    roles: list[str] = Field(default_factory=list)
    anonymous: bool = False
    mentions: list[Mention] = Field(default_factory=list)
    portrayal: Portrayal | None = None
    """None when the `portrayal` stage did not run."""


class SpeakerRef(Span):
    entity: str | None = None


class Cue(Span):
    lemma: str


class Quote(Span):
    """What someone said: the content span, its speaker and the cue that introduces it."""

    direct: bool
    partial: bool = False
    """Quoted words inside the reporter's sentence: a direct quote of a phrase (called it
    “reckless”), or, with `direct` false, a reported clause that holds the speaker's quoted
    words (said the plan would “cut costs” next year: a mixed quote, one attribution)."""
    speaker: SpeakerRef | None = None
    cue: Cue | None = None
    addressee: str | None = None
    date: str | None = None
    fragments: list[list[int]] | None = None
    """For a quote split by its attribution (“A,” she said. “B.”): the [start, end] of each
    piece; `start`/`end` then span them all."""


class TimeRef(Span):
    """A time expression resolved against the publish date.

    `value` is a day (`YYYY-MM-DD`) when the expression names one; `range` is
    `[first, last]` when it names a stretch of days; both are null when the
    expression cannot be resolved.
    """

    value: str | None = None
    range: tuple[str, str] | None = None
    granularity: Literal["day", "week", "month", "year", "range", "unknown"] = "unknown"


class Amount(Span):
    """A counted or measured quantity: "more than 1 million people"."""

    value: float | int | None
    qualifier: str | None = None
    unit: str | None = None


class PlaceCandidate(BaseModel):
    """One gazetteer entry a place mention could refer to, with the resolver's score."""

    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    score: float


class Place(Span):
    """A place named or described in the text, resolved to the map.

    `country` is the ISO 3166-1 alpha-2 code; `admin1` the first-level area's name.
    """

    geonameid: int | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    """continent, region, water, country, admin1, admin, admin2 or city; null when not found."""
    geonames_name: str | None = None
    """GeoNames' own name of the place when `name` is its English form ("Rafaḩ")."""
    adm1: str | None = None
    """GDELT's code of the first-level area: FIPS country + area ("EG11", "USNY")."""
    kind: Literal["name", "description", "group"] = "name"
    """"name": a place's name; "description": a phrase that refers back to a named place
    ("the enclave"); "group": a word for a country's people or things ("Turkish",
    "Israelis", "Brits"), placed at that country. A group word says whose, not where:
    the GDELT exports, events' places, stories and the map leave it out."""
    entity: str | None = None
    """Id of the entity (entities stage) this mention belongs to."""
    score: float | None = None
    low_confidence: bool = False
    """True when the best reading barely beats the next one, or no reading was found."""
    candidates: list[PlaceCandidate] = Field(default_factory=list)
    """The best readings, best first (at most three)."""


class EventArgument(BaseModel):
    text: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    """Offsets of `text` in `Article.text` (null for an argument taken from elsewhere)."""
    end: int | None = None


class Event(BaseModel):
    type: str
    cameo: str | None = None
    actor: EventArgument | None = None
    target: EventArgument | None = None
    place: str | None = None
    date: str | None = None
    trigger: Span
    id: str | None = None
    mode: str | None = None
    """PLOVER mode, e.g. "aerial" for an ASSAULT, "visit" for a CONSULT."""
    negated: bool = False
    """Said not to happen: "no truce", "without a deal", "did not attack"."""
    hypothetical: bool = False
    """Only a condition or a possibility: "if Israel invades", "a ceasefire that would ..."."""
    intended: bool = False
    """Planned, demanded, threatened or promised, not (yet) done: "threatened to invade"."""
    quote: int | None = None
    """Index in `Article.quotes` of the quote that states this event, if any."""
    evidence: list[Span] = Field(default_factory=list)
    """The sentences that report this event (several when it is restated)."""
    salience: int | None = None
    """Place in the article's salience order, 1 = its main event (`stages.events.salience`:
    the lead first, then the acts of main clauses before their background, their parts and
    what they answer); None in articles analysed before it existed."""
    main: bool = False
    """The article's main event: the asserted act of the lead's main clause ("Police
    arrested 40 people during a march": the arrest; the march is its setting). GDELT's
    IsRootEvent."""


class Count(Span):
    """A count as GDELT's GKG has them: "12 people were killed" -> KILL, 12, "people"."""

    type: Literal["KILL", "WOUND", "ARREST", "KIDNAP", "PROTEST", "DISPLACED"]
    number: int
    object: str | None = None
    """What is counted ("people", "soldiers"); None when the trigger is the noun ("30 dead")."""
    trigger: str
    """The lemma that makes the amount a count ("kill", "protester")."""


class ThemeRef(Span):
    """A word (or count) that marks a GKG theme ("PROTEST", "ELECTION") at its offset."""

    theme: str


class SentenceTone(BaseModel):
    """One sentence's tone (`newsgraph.stages.tone`): offsets into the text, no copy of it."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    tone: float
    """Positive minus negative, in percent of the sentence's words."""
    positive: float
    negative: float
    words: int
    compound: float
    """VADER's compound score of the sentence, -1 (most negative) to +1."""


class Tone(BaseModel):
    """GDELT's V2Tone seven numbers for the article (percentages of its words, 0-100)."""

    tone: float
    """Positive minus negative (-100 to +100)."""
    positive: float
    negative: float
    polarity: float
    """Positive plus negative: how emotionally charged the text is."""
    activity: float
    """Share of words that are verbs (GDELT's activity reference density)."""
    self_group: float
    """Share of words that are pronouns (GDELT's self/group reference density)."""
    words: int
    sentences: list[SentenceTone] = Field(default_factory=list)

    def v2tone(self) -> list[float | int]:
        """The seven numbers in GDELT's order (V1.5TONE)."""
        return [self.tone, self.positive, self.negative, self.polarity, self.activity,
                self.self_group, self.words]


class RemovedText(Span):
    """Page chrome taken out of the input; offsets index the text *as given*."""

    reason: str


class Article(BaseModel):
    """One news article and everything newsgraph found in it."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    authors: list[str] = Field(default_factory=list)
    language: str | None = None
    text: str
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    dates: list[TimeRef] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    removed: list[RemovedText] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    versions: dict[str, str] = Field(default_factory=dict)
    canonical_url: str | None = None
    """The page's own canonical address (`<link rel=canonical>`), when read from HTML."""
    duplicate_of: str | None = None
    """Id of the article this one is a near-duplicate of (syndicated copy, re-crawl)."""
    tone: Tone | None = None
    """The article's tone (the `tone` stage); None when not analysed for tone."""
    counts: list[Count] = Field(default_factory=list)
    themes: list[ThemeRef] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    """Labels its source was given (a `watch` sources file's `tags`), not read from the text."""
    _origin: str | None = PrivateAttr(default=None)
    _added: datetime | None = PrivateAttr(default=None)

    @property
    def added(self) -> datetime | None:
        """When the store took the article in (its `ingested_at`), for exports that stamp
        rows with it (GDELT's DATEADDED); None outside a store; not part of the JSON."""
        return self._added

    @property
    def origin(self) -> str | None:
        """Where this run read the article (path, `path#offset`, `path:line`); not stored."""
        return self._origin


@dataclass
class Source:
    """One article as read, before analysis."""

    text: str
    origin: str
    """Where it came from: a path, `path#offset` in a WARC, `path:line` in JSONL, `<stdin>`."""
    id: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    duplicate_of: str | None = None
    """Key (id or origin) of an earlier source this one nearly copies; see `ingest.dedup`."""
    language: str | None = None
    """The language its source is known to publish in: a hint, used when the text is too
    short to tell (`ingest.language.detect_language`)."""
    tags: list[str] = field(default_factory=list)
    """Labels given to its source, copied to the article."""


@dataclass
class Failure:
    """An item that could not be read or analysed, with a reason a person can act on."""

    origin: str
    reason: str
    id: str | None = None

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class Document:
    """One article while the stages analyse it: the parse plus what earlier stages shared.

    `assigned` names what the stages that succeeded on this article have added (the
    `assigns` of each); the runner skips a stage whose `requires` are not all there.
    """

    article: Article
    doc: Doc
    published: date | None = None
    #: token index -> entity id, filled by the entities stage for later stages.
    entity_of_token: dict[int, str] = field(default_factory=dict)
    assigned: set[str] = field(default_factory=set)


def misaligned_spans(article: Article) -> list[str]:
    """Every annotation whose offsets do not slice its own text out of `article.text`.

    Walks all annotations (mentions, quotes with their speaker and cue, dates, amounts,
    places, events with their arguments and evidence); `removed` is left out, as its
    offsets index the text as given. Each problem is described as `path start-end:
    'span text' != 'text[start:end]'`. Empty when every offset is exact.
    """
    problems: list[str] = []
    text = article.text

    def walk(value: object, path: str) -> None:
        if isinstance(value, BaseModel):
            start, end = getattr(value, "start", None), getattr(value, "end", None)
            own = getattr(value, "text", None)
            if isinstance(start, int) and isinstance(end, int) and isinstance(own, str) \
                    and text[start:end] != own:
                problems.append(f"{path} {start}-{end}: {own!r} != {text[start:end]!r}")
            for name in type(value).model_fields:
                walk(getattr(value, name), f"{path}.{name}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")

    for name in ("entities", "quotes", "dates", "amounts", "places", "events", "counts",
                 "themes"):
        walk(getattr(article, name), name)
    for index, quote in enumerate(article.quotes):
        for start, end in quote.fragments or ():
            if not quote.start <= start <= end <= quote.end:
                problems.append(f"quotes[{index}].fragments {start}-{end}: outside the quote")
    return problems


def content_id(text: str) -> str:
    """A stable article id from its text: the first 16 hex digits of SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def json_schema() -> dict:
    """The JSON Schema of one analysed article (schema_version 1)."""
    return Article.model_json_schema()
