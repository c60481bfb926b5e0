"""The articles behind the browser tests: a few analysed by the real pipeline, a few hostile.

The ordinary articles run through `Analyzer` so the pages show real annotations (quotes with
speakers, places, dates, events, overlapping spans). The hostile ones are built by hand so the
payloads sit exactly where a page prints them: title, URL, site, author, text, quote, speaker
name, entity name and role, place name.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.model import (
    Article,
    Cue,
    Entity,
    Event,
    EventArgument,
    Mention,
    Place,
    Quote,
    Span,
    SpeakerRef,
)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "rafah.txt"

#: The payloads every hostile field carries; none of them may ever run.
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover=alert(1) x="'
JS_URL = "javascript:alert(1)"
IMAGE = "<img src=x onerror=alert(1)>"

#: (id, published, site, title, text) of the articles the pipeline analyses.
TEXTS = [
    ("antwerp-strike", "2024-05-06", "Harbour Post", "Dock strike halts Antwerp terminals",
     "Dock workers in Antwerp stopped work on Monday and blocked two container terminals. "
     "“We will not go back until the contract is signed,” said union leader Marieke Janssens. "
     "The port authority said more than 40 ships were waiting off the Belgian coast. "
     "Police arrested six protesters near the gates on Monday night."),
    ("antwerp-strike-day-two", "2024-05-07", "Port Daily", "Antwerp dockers keep terminals shut",
     "Striking dock workers kept two Antwerp container terminals shut on Tuesday. Union leader "
     "Marieke Janssens said the strike would go on until the contract is signed. Dozens of "
     "ships waited off the Belgian coast, the port authority said. "
     "“We will not go back until the contract is signed,” Janssens told the crowd."),
    ("dresden-flood", "2024-05-07", "River Times", "Elbe floods the old town of Dresden",
     "The Elbe rose above seven metres in Dresden on Tuesday, flooding streets in the old town. "
     "“The water will peak on Thursday, and we are ready for it,” Mayor Dirk Hilbert told "
     "reporters. Germany sent 300 soldiers to fill sandbags along the river."),
    ("jerusalem-talks", "2024-05-08", "World Desk", "Netanyahu meets Blinken in Jerusalem",
     "Prime Minister Benjamin Netanyahu met Antony Blinken in Jerusalem on Wednesday. "
     "“Israel will defend itself, with or without help,” Netanyahu said after the meeting. "
     "Blinken said the United States wanted a ceasefire in Gaza within days. "
     "Egypt condemned the strikes on Rafah."),
]
#: The main article of the tests: the reference article when `../shared` is there, else a
#: story of our own with the same parts (several speakers, Netanyahu, Rafah, a date).
FALLBACK_TEXT = (
    "Israeli Prime Minister Benjamin Netanyahu told lawmakers on Friday that the army would "
    "press on in Rafah. “We will finish the job,” Netanyahu said in a speech in Jerusalem.\n\n"
    "Aid groups warned that more than 100,000 people had fled the southern city this week. "
    "“There is nowhere safe left,” said Sara Cohen, a spokeswoman for a relief agency in "
    "Cairo.\n\n"
    "The United States urged a pause in the fighting, White House spokesman John Kirby told "
    "reporters on Thursday.")
if SEED.exists():
    SEED_ID, SEED_TITLE = "seed-rafah", "Netanyahu vows Israel will stand alone"
else:
    SEED_ID, SEED_TITLE = "main-story", "Netanyahu says the army will press on in Rafah"


def analysed_articles() -> list[Article]:
    """The main article and the short texts above, analysed by the real pipeline."""
    from newsgraph.ingest.sources import Source
    from newsgraph.pipeline import Analyzer

    main = SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK_TEXT
    sources = [Source(text=main, origin="main", id=SEED_ID, published="2024-05-10",
                      title=SEED_TITLE, site="Seed Wire",
                      url="https://news.example/seed/main")]
    sources += [Source(text=text, origin=key, id=key, published=published, title=title,
                       site=site, url=f"https://news.example/{key}")
                for key, published, site, title, text in TEXTS]
    articles = Analyzer().analyze_batch(sources)
    failed = [item for item in articles if not isinstance(item, Article)]
    assert not failed, failed
    return articles  # type: ignore[return-value]


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def hostile_article() -> Article:
    """An article whose every printed field carries a script, attribute or URL payload."""
    text = (f"Reporters found {SCRIPT} pasted into the comment form on Friday. "
            f"“I typed {ATTRIBUTE} on purpose, and {IMAGE} too,” said Mallory Payload. "
            f"A link to {JS_URL} was shared by {IMAGE} in Springfield.")
    quote_start, quote_end = _span(text, f"I typed {ATTRIBUTE} on purpose, and {IMAGE} too,")
    speaker = _span(text, "Mallory Payload")
    cue = _span(text, "said")
    org = _span(text, IMAGE, quote_end)
    place = _span(text, "Springfield")
    script = _span(text, SCRIPT)
    trigger = _span(text, "shared")
    return Article(
        id="hostile-1", url=JS_URL, title=f"{SCRIPT} Payload {ATTRIBUTE}",
        published="2024-05-03", site=f"Hostile {ATTRIBUTE} Wire", authors=[SCRIPT],
        language="en", text=text,
        entities=[
            Entity(id="e1", name="Mallory Payload", type="PERSON", roles=[SCRIPT],
                   mentions=[Mention(start=speaker[0], end=speaker[1],
                                     text=text[speaker[0]:speaker[1]])]),
            Entity(id="e2", name=IMAGE, type="ORG",
                   mentions=[Mention(start=org[0], end=org[1], text=IMAGE)]),
            Entity(id="e3", name=SCRIPT, type="ORG",
                   mentions=[Mention(start=script[0], end=script[1], text=SCRIPT)]),
        ],
        quotes=[Quote(start=quote_start, end=quote_end, text=text[quote_start:quote_end],
                      direct=True,
                      speaker=SpeakerRef(start=speaker[0], end=speaker[1],
                                         text="Mallory Payload", entity="e1"),
                      cue=Cue(start=cue[0], end=cue[1], text="said", lemma="say"))],
        places=[Place(start=place[0], end=place[1], text="Springfield", name=ATTRIBUTE,
                      lat=39.8, lon=-89.6, country="US", feature="city", score=0.9)],
        events=[Event(type="CONSULT", actor=EventArgument(text=IMAGE, entity="e2"),
                      place=ATTRIBUTE, date="2024-05-03",
                      trigger=Span(start=trigger[0], end=trigger[1], text="shared"))],
    )


def hostile_url_variants() -> list[Article]:
    """Short articles whose only payload is the link: other spellings of a script URL."""
    urls = ["  JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
            f"https://news.example/a?{ATTRIBUTE}"]
    return [Article(id=f"hostile-url-{n}", url=url, title=f"Hostile link {n}",
                    published="2024-05-02", site="Hostile Wire", language="en",
                    text=f"Hostile link {n}: the source address of this article is unsafe.")
            for n, url in enumerate(urls, start=1)]


HOSTILE_IDS = ["hostile-1", "hostile-url-1", "hostile-url-2", "hostile-url-3"]


def all_articles() -> list[Article]:
    """Every article of the browser-test store."""
    return [*analysed_articles(), hostile_article(), *hostile_url_variants()]
