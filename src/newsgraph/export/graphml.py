"""GraphML for Gephi and networkx: entities across articles, who quotes whom, co-occurrence.

Nodes are entities merged across articles by (type, name); node id `TYPE:name`,
attributes `name`, `type`, `articles`, `mentions`, `quotes` (quotes spoken) and
`speaker` (True when it spoke at least one quote). The graph is a directed
multigraph with two kinds of edge (attribute `kind`):

- `quotes`: speaker → each entity named inside a quote it spoke (pronouns not
  counted), `weight` = number of such quotes, `articles` = in how many articles;
- `cooccurs`: between two entities named in the same article, stored once per
  pair (from the smaller node id), `weight` = number of shared articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import networkx as nx

from newsgraph.model import Article, Entity, Quote

QUOTES, COOCCURS = "quotes", "cooccurs"


def node_id(entity: Entity) -> str:
    return f"{entity.type}:{entity.name}"


def _inside(quote: Quote) -> list[tuple[int, int]]:
    return [tuple(piece) for piece in quote.fragments] if quote.fragments else [
        (quote.start, quote.end)]


def build(articles: Iterable[Article]) -> nx.MultiDiGraph:
    """The entity graph of these articles."""
    nodes: dict[str, dict] = {}
    node_articles: Counter[str] = Counter()
    quote_weight: Counter[tuple[str, str]] = Counter()
    quote_articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    cooccur: Counter[tuple[str, str]] = Counter()
    spoken: Counter[str] = Counter()
    count = 0
    for article in articles:
        count += 1
        by_id: dict[str, str] = {}
        for entity in article.entities:
            key = node_id(entity)
            by_id[entity.id] = key
            node = nodes.setdefault(key, {"name": entity.name, "type": entity.type,
                                          "mentions": 0})
            node["mentions"] += len(entity.mentions)
        present = sorted(set(by_id.values()))
        node_articles.update(present)
        cooccur.update(combinations(present, 2))
        for quote in article.quotes:
            speaker = by_id.get(quote.speaker.entity or "") if quote.speaker else None
            if speaker is None:
                continue
            spoken[speaker] += 1
            pieces = _inside(quote)
            named = {by_id[entity.id] for entity in article.entities
                     for mention in entity.mentions if mention.kind != "pronoun"
                     and any(start <= mention.start and mention.end <= end
                             for start, end in pieces)}
            for target in sorted(named - {speaker}):
                quote_weight[speaker, target] += 1
                quote_articles[speaker, target].add(article.id)
    graph = nx.MultiDiGraph(name="newsgraph entities", articles=count)
    for key, node in sorted(nodes.items()):
        graph.add_node(key, label=node["name"], name=node["name"], type=node["type"],
                       articles=node_articles[key], mentions=node["mentions"],
                       quotes=spoken[key], speaker=spoken[key] > 0)
    for (speaker, target), weight in sorted(quote_weight.items()):
        graph.add_edge(speaker, target, key=QUOTES, kind=QUOTES, weight=weight,
                       articles=len(quote_articles[speaker, target]))
    for (first, second), weight in sorted(cooccur.items()):
        graph.add_edge(first, second, key=COOCCURS, kind=COOCCURS, weight=weight,
                       articles=weight)
    return graph


def write(articles: Iterable[Article], output: Path) -> int:
    """Write the graph as GraphML; the number of nodes."""
    graph = build(articles)
    nx.write_graphml(graph, output)
    return graph.number_of_nodes()
