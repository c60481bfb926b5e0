"""`/articles/{id}`: the text with highlighted spans and a "who said what" panel."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from newsgraph.link.provenance import article_quotations
from newsgraph.model import Article
from newsgraph.serve.pages.common import not_found, queries, render, run
from newsgraph.serve.pages.spans import collect, highlight, quote_speakers, speaker_colours

router = APIRouter()

#: What the legend explains, in order: kind -> label.
LEGEND = {"quote": "Quote (coloured by speaker)", "entity": "Entity", "place": "Place",
          "group": "Group word (a country's people: “Turkish”)", "date": "Date",
          "event": "Event trigger", "amount": "Amount", "cue": "Speech cue"}


def who_said_what(article: Article, quotations: dict[int, dict[str, Any]] | None = None
                  ) -> list[dict[str, Any]]:
    """One row per quote: speaker, cue, the quote, its offsets and colour; and, when other
    stored articles carry it too (`quotations`, by quote index), where it appeared first
    and where again."""
    speakers = quote_speakers(article)
    colours = speaker_colours(speakers)
    rows = []
    for index, (quote, speaker) in enumerate(zip(article.quotes, speakers, strict=True)):
        rows.append({"index": index, "speaker": speaker, "text": quote.text,
                     "start": quote.start, "end": quote.end, "direct": quote.direct,
                     "cue": quote.cue.lemma if quote.cue else None,
                     "colour": f"spk-{colours[speaker]}" if speaker else "spk-none",
                     "quotation": (quotations or {}).get(index)})
    return rows


#: How many of the most negative and of the most positive sentences the tone panel lists.
TONE_SENTENCES = 3


def tone_panel(article: Article) -> dict[str, Any] | None:
    """The article's V2Tone numbers and its most negative and most positive sentences."""
    tone = article.tone
    if tone is None:
        return None

    def rows(chosen: list) -> list[dict[str, Any]]:
        return [{"text": article.text[s.start:s.end], "start": s.start, "end": s.end,
                 "tone": s.tone, "compound": s.compound} for s in chosen]

    ranked = sorted(tone.sentences, key=lambda s: (s.tone, s.compound, s.start))
    negative = [s for s in ranked if s.tone < 0][:TONE_SENTENCES]
    positive = [s for s in reversed(ranked) if s.tone > 0][:TONE_SENTENCES]
    return {"tone": tone, "negative": rows(negative), "positive": rows(positive)}


def entity_rows(article: Article) -> list[dict[str, Any]]:
    """The article's entities, most mentioned first."""
    return sorted(({"name": e.name, "type": e.type, "mentions": len(e.mentions),
                    "anonymous": e.anonymous} for e in article.entities),
                  key=lambda row: (-row["mentions"], row["name"]))


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request,
                 article_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    """One article, highlighted."""
    article = run(request, lambda: queries(request).store.get(article_id))
    if article is None:
        return not_found(request, f"There is no article with id “{article_id}”.")
    highlights = collect(article)
    present = {h.kind for h in highlights}
    return render(request, "article.html", {
        "article": article, "body": highlight(article.text, highlights),
        "quotes": who_said_what(article, run(request, lambda: article_quotations(
            queries(request).store, article.id))),
        "entities": entity_rows(article),
        "tone": tone_panel(article),
        "counts": article.counts,
        "themes": sorted({ref.theme for ref in article.themes}),
        "legend": [(kind, label) for kind, label in LEGEND.items() if kind in present],
        "events": [{"type": e.type, "trigger": e.trigger.text, "start": e.trigger.start,
                    "actor": e.actor.text if e.actor else None,
                    "target": e.target.text if e.target else None, "place": e.place,
                    "date": e.date} for e in article.events],
    })
