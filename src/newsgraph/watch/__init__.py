"""`newsgraph watch`: follow news sources as they publish.

`sources` (what to follow), `guard` (no private addresses), `fetcher` (polite HTTP),
`discover` (article links in feeds, sitemaps and home pages), `state` (what was seen and
when, in the store), `pages` (fetch, analyse and store the new articles), `warcs` (rolling
WARC files), `cycle` (one poll of every due source, and the loop), `digests` (followers'
e-mails after a cycle), `status` (`--status` and `/api/status`).
"""
