"""`newsgraph fetch` (pages, feeds, sitemaps into a WARC) and `newsgraph eval extract`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.base import app
from newsgraph.cli.eval_cmds import eval_app
from newsgraph.cli.options import CaCertsOption


@app.command()
def fetch(
    urls: Annotated[list[str], typer.Argument(
        metavar="URL|FEED|SITEMAP...", help="Pages, RSS/Atom feeds or sitemaps (indexes too).")],
    out: Annotated[Path, typer.Option(help="WARC file to write (.warc.gz compresses).")] =
        Path("crawl.warc.gz"),
    delay: Annotated[float, typer.Option(min=0, help="Seconds between requests to one host.")]
        = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per request.")] = 15.0,
    retries: Annotated[int, typer.Option(min=0, help="Retries on 5xx/429/network errors.")] = 2,
    max_pages: Annotated[int | None, typer.Option(min=1, help="Stop after N pages.")] = None,
    max_bytes: Annotated[int, typer.Option(min=1, help="Size cap per response.")] = 10_000_000,
    user_agent: Annotated[str | None, typer.Option(help="User-Agent header.")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Also fetch from private, loopback and link-local addresses "
        "(your own intranet); refused by default.")] = False,
    ca_certs: CaCertsOption = None,
) -> None:
    """Download pages politely (robots.txt, per-host delay, retries) into a WARC for `ingest`."""
    from newsgraph.cli.analyze_cmds import report_failures
    from newsgraph.ingest.fetch import CrawlOptions, Fetched, crawl, write_warc
    from newsgraph.ingest.http import USER_AGENT, Fetcher, FetchLimits

    limits = FetchLimits(user_agent=user_agent or USER_AGENT, delay=delay, timeout=timeout,
                         connect_timeout=min(timeout, 10.0), max_bytes=max_bytes,
                         ca_certs=str(ca_certs) if ca_certs else None)
    options = CrawlOptions(limits=limits, retries=retries, max_pages=max_pages,
                           allow_private=allow_private)
    fetcher = Fetcher(limits)
    failures = []
    pages = 0
    try:
        for item in write_warc(crawl(urls, fetcher, options), out, limits.user_agent):
            if isinstance(item, Fetched):
                pages += 1
                typer.echo(f"{item.response.status} {item.response.final_url}", err=True)
            else:
                failures.append(item)
    finally:
        fetcher.close()
    typer.echo(f"{pages} page(s) written to {out}, {len(failures)} failed")
    report_failures(failures, pages + len(failures))
    if not pages and failures:
        raise typer.Exit(1)


@eval_app.command("extract")
def eval_extract(
    gold_dirs: Annotated[list[Path], typer.Argument(
        metavar="GOLD_DIR...", help="Gold set folders with gold.jsonl and pages/<id>.html.gz "
        "(e.g. ../shared/eval/extract/naeb).")],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N pages.")] = None,
    predictions: Annotated[Path | None, typer.Option(
        help="Also write the predictions here (JSONL, the scorer's format).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per set.")] = False,
) -> None:
    """Extract every page of a gold set and print body F1, title, date and author scores."""
    from newsgraph.eval.extract import (
        METRICS,
        load_gold,
        load_pages,
        newsgraph_extractor,
        run_extractor,
        score,
    )

    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for gold_dir in gold_dirs:
            try:
                gold = load_gold(gold_dir)
            except FileNotFoundError as error:
                typer.echo(f"error: no gold set at {gold_dir} ({error.filename})", err=True)
                raise typer.Exit(2) from error
            pages = list(load_pages(gold_dir, gold, limit))
            run = run_extractor("newsgraph", newsgraph_extractor, pages)
            scored = score(gold[:limit] if limit else gold, run.predictions)
            scored.update(set=gold_dir.name, pages=len(pages),
                          pages_per_second=round(run.pages_per_second, 2))
            if out:
                for page_id, prediction in run.predictions.items():
                    out.write(json.dumps({"id": page_id, **prediction}, ensure_ascii=False)
                              + "\n")
            if as_json:
                typer.echo(json.dumps(scored))
                continue
            typer.echo(f"{gold_dir.name}: {len(pages)} pages, "
                       f"{run.pages_per_second:.1f} pages/s")
            for label, key in METRICS:
                if scored.get(key) is not None:
                    typer.echo(f"  {label:<16} {scored[key]:.4f}")
            if "invented_authors" in scored:
                typer.echo(f"  {'invented authors':<16} {scored['invented_authors']} of "
                           f"{scored['no_byline_pages']} pages without a byline")
            for page_id, reason in list(run.failures.items())[:10]:
                typer.echo(f"  failed {page_id}: {reason}", err=True)
    finally:
        if out:
            out.close()
