"""Run by .ci/install-smoke with the fresh venv's Python: analyse an HTML page and a WARC
holding it with the installed `newsgraph`, and check that both give an article with its
people and places (an HTML reader that cannot load fails here)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Porto harbour reopens</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article>
<h1>Porto harbour reopens after the storm</h1>
<p>Porto - Mayor Rita Lopes said on Monday that the harbour would reopen this week after
the storm damaged two piers. "Ships are welcome again," Lopes told reporters in Porto.</p>
<p>The port authority said repairs cost about 4 million euros and took eleven days. Fishing
crews from Lisbon and Vigo had waited offshore since the weekend.</p>
<p>Engineer Miguel Santos said the new sea wall would protect the piers from future
storms, and that work on a third pier would start in June.</p>
</article>
<footer>Copyright 2024 Harbour News. All rights reserved.</footer>
</body></html>
"""


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://news.example/porto-harbour", "response", payload=io.BytesIO(PAGE),
            http_headers=headers, warc_headers_dict={"WARC-Date": "2024-05-10T08:00:00Z"}))


def analyse(path: Path) -> dict:
    newsgraph = Path(sys.executable).with_name("newsgraph")
    result = subprocess.run([str(newsgraph), "analyze", str(path), "--published", "2024-05-10"],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        sys.exit(f"install-smoke: analyze {path.name} failed ({result.returncode}):\n"
                 f"{result.stderr[-3000:]}")
    article = json.loads(result.stdout)
    names = {entity["name"] for entity in article["entities"]}
    problems = [w for w in article["warnings"] if "Error" in w or "lxml" in w]
    if "Rita Lopes" not in article["text"] or "Rita Lopes" not in names or problems:
        sys.exit(f"install-smoke: {path.name} analysed badly: entities {sorted(names)}, "
                 f"warnings {article['warnings']}")
    return article


def main() -> None:
    work = Path(sys.argv[1])
    page, warc = work / "page.html", work / "crawl.warc.gz"
    page.write_bytes(PAGE)
    write_warc(warc)
    for path in (page, warc):
        article = analyse(path)
        print(f"install-smoke: {path.name}: {len(article['text'])} characters, "
              f"{len(article['entities'])} entities, {len(article['places'])} places")


if __name__ == "__main__":
    main()
