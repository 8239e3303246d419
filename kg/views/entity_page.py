"""What an entity's web page shows, beyond the entity's own document (`kg.views.entities`):
where texts mention it, with snippets; its neighbourhood as a figure; a map of a place with
coordinates among the KB's places around it; a timeline of a dated entity among the periods it
belongs to.

The figures are laid out here, in the coordinates of an SVG view box, so that a template only
draws them: no script is needed to see them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from pyoxigraph import Literal, NamedNode
from rdflib import RDFS, Graph

from kg.iri import Minter
from kg.linking.store import locate_quote
from kg.views.entities import entity, entity_item, neighbours
from kg.views.labels import labels_of
from kg.views.listing import summarise
from ontology import JL, ONTOLOGY_PATH
from sparql import Store, queries

WIDTH, HEIGHT = 640, 400  # the view box of every figure
SNIPPET = 30  # characters of context on each side of a mention
MENTIONS_SHOWN = 20
NEIGHBOURS_SHOWN = 14
MAP_REACH = 0.6  # degrees of latitude and longitude around a place
# the keys of an entity's document that the page shows in sections of their own
HEAD = frozenset({"id", "type", "name", "prefLabel", "aliases", "dates", "relations",
                  "identifiers", "graphs"})
SPANS = (("birthYear", "deathYear"), ("startYear", "endYear"), ("periodStart", "periodEnd"))


@dataclass
class Snippet:
    before: str
    quote: str
    after: str


@dataclass
class Source:
    """A document that mentions the entity, and the snippets of its mentions."""

    iri: str
    href: str
    name: str
    snippets: list[Snippet] = field(default_factory=list)


def page(store: Store, minter: Minter, kind: str, key: str) -> dict:
    """Everything the entity page shows (NotFound, Gone, Replaced as `kg.views.entities`):
    ``doc`` (its document, relations with an ``href``), ``extra`` (its other statements),
    ``graphs``, ``terms`` (`term_labels`), ``facts_from`` (`fact_sources`), ``sources``,
    ``network``, ``map``, ``timeline``."""
    doc = entity(store, minter, kind, key).doc
    for refs in doc["relations"].values():
        for ref in refs:
            ref["href"] = minter.path_of(ref["id"]) or ref["id"]
    around = neighbours(store, minter, kind, key, limit=NEIGHBOURS_SHOWN).doc
    return {"doc": doc, "extra": {k: v for k, v in doc.items() if k not in HEAD},
            "graphs": [{"name": minter.graph_name(NamedNode(g)) or g,
                        "href": minter.path_of(g) or g} for g in doc["graphs"]],
            "terms": term_labels(), "facts_from": fact_sources(store, minter, doc["id"]),
            "sources": mentions(store, minter, doc["id"]),
            "network": network(minter, around), "map": place_map(store, minter, doc),
            "timeline": timeline(store, minter, doc)}


@cache
def term_labels() -> dict[str, dict[str, str]]:
    """The ontology's labels of its terms by local name (activeIn -> {"zh": "活动时期", "en":
    …}), for the names of an entity's facts."""
    graph = Graph().parse(ONTOLOGY_PATH, format="turtle")
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for term, label in graph.subject_objects(RDFS.label):
        if str(term).startswith(JL) and getattr(label, "language", None):
            found[str(term)[len(JL):]][label.language[:2]] = str(label)
    return dict(found)


def fact_sources(store: Store, minter: Minter, iri: str) -> dict[str, list[str]]:
    """Where each kind of fact about the entity comes from: the local name of a property
    (activeIn, note) -> the names of the graphs that state it (kb, catalogue, inferred …)."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in store.query(queries.load("resource_quads"), {"iri": NamedNode(iri)}):
        local = row["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        found[local].add(minter.graph_name(row["g"]) or row["g"].value)
    return {local: sorted(graphs) for local, graphs in found.items()}


# -- mentions --------------------------------------------------------------------------------

def mentions(store: Store, minter: Minter, iri: str) -> list[Source]:
    """The documents that mention the entity, with a snippet per mention, the most first."""
    rows = store.query(queries.load("page_entity_mentions"), {"entity": NamedNode(iri)})
    by_doc: dict[str, list[Snippet]] = defaultdict(list)
    for row in rows:
        snippet = _snippet(row)
        if snippet is not None and len(by_doc[row["doc"].value]) < MENTIONS_SHOWN:
            by_doc[row["doc"].value].append(snippet)
    names = labels_of(store, by_doc)
    found = [Source(doc, minter.path_of(doc) or doc, names.get(doc) or doc, snippets)
             for doc, snippets in by_doc.items()]
    return sorted(found, key=lambda s: (-len(s.snippets), s.name))


def _snippet(row) -> Snippet | None:
    text = row["text"].value
    span = _span(row, text)
    if span is None:
        return None
    start, end = span
    return Snippet(text[max(0, start - SNIPPET):start], text[start:end], text[end:end + SNIPPET])


def _span(row, text: str) -> tuple[int, int] | None:
    if row["start"] is not None and row["end"] is not None:
        return int(row["start"].value), int(row["end"].value)
    if row["exact"] is None:
        return None
    return locate_quote(text, row["exact"].value, _value(row["prefix"]), _value(row["suffix"]))


def _value(term) -> str:
    return term.value if term is not None else ""


# -- neighbourhood ---------------------------------------------------------------------------

def network(minter: Minter, around: dict) -> dict:
    """The entity in the middle, its related and co-occurring entities in a circle around it."""
    seen: dict[str, dict] = {}
    for item in around["related"] + around["cooccurring"]:
        if item["id"] != around["id"] and item["id"] not in seen:
            seen[item["id"]] = item
    nodes = list(seen.values())[:NEIGHBOURS_SHOWN]
    centre = (WIDTH / 2, HEIGHT / 2)
    radius = min(WIDTH, HEIGHT) / 2 - 40
    placed = []
    for n, item in enumerate(nodes):
        angle = 2 * math.pi * n / max(len(nodes), 1) - math.pi / 2
        placed.append({"x": round(centre[0] + radius * 1.3 * math.cos(angle), 1),
                       "y": round(centre[1] + radius * math.sin(angle), 1),
                       "name": item.get("name") or item["id"], **_how(item),
                       "href": minter.path_of(item["id"]) or item["id"]})
    return {"centre": {"x": centre[0], "y": centre[1], "name": around.get("name") or ""},
            "nodes": placed}


def _how(item: dict) -> dict:
    """How a neighbour is tied to the entity: a relation (``property``, ``inward`` when it
    points at the entity) or the number of texts that mention both (``weight``)."""
    if "property" in item:
        return {"property": item["property"], "inward": item.get("direction") == "in"}
    return {"weight": item.get("weight", 1)}


# -- map -------------------------------------------------------------------------------------

def place_map(store: Store, minter: Minter, doc: dict) -> dict | None:
    """The place and the KB's places within `MAP_REACH` degrees, projected into the view box
    (equirectangular, longitude shrunk by the cosine of the latitude), or None without
    coordinates."""
    here = _coordinates(doc)
    if here is None:
        return None
    lat, lon = here
    rows = store.query(queries.load("page_places_within"), {
        "south": Literal(lat - MAP_REACH), "north": Literal(lat + MAP_REACH),
        "west": Literal(lon - MAP_REACH), "east": Literal(lon + MAP_REACH)})
    others = [(r["place"].value, r["label"].value, float(r["lat"].value), float(r["lon"].value))
              for r in rows if r["place"].value != doc["id"]]
    project = _projection(lat, lon)
    return {"here": {"name": doc.get("name") or "", **project(lat, lon)},
            "places": [{"name": name, "href": minter.path_of(iri) or iri, **project(a, o)}
                       for iri, name, a, o in others],
            "lat": lat, "lon": lon}


def _coordinates(doc: dict) -> tuple[float, float] | None:
    lat, lon = doc.get("latitude"), doc.get("longitude")
    if not lat or not lon:
        return None
    return float(lat[0]), float(lon[0])


def _projection(lat: float, lon: float):
    shrink = math.cos(math.radians(lat))
    scale = min(WIDTH / (2 * MAP_REACH * shrink), HEIGHT / (2 * MAP_REACH)) * 0.95

    def project(a: float, o: float) -> dict:
        return {"x": round(WIDTH / 2 + (o - lon) * shrink * scale, 1),
                "y": round(HEIGHT / 2 - (a - lat) * scale, 1)}
    return project


# -- timeline --------------------------------------------------------------------------------

def timeline(store: Store, minter: Minter, doc: dict) -> dict | None:
    """The entity's years and those of the related entities that have years, as bars on one
    axis, or None when the entity has no years."""
    own = _years(doc.get("dates", {}))
    if own is None:
        return None
    related = [ref["id"] for refs in doc.get("relations", {}).values() for ref in refs]
    about = summarise(store, minter, related)
    bars = [{"name": doc.get("name") or "", "href": None, "span": own, "own": True}]
    for iri in dict.fromkeys(related):
        item = entity_item(about, iri)
        span = _years(item.get("dates", {}))
        if span is not None:
            bars.append({"name": item.get("name") or iri, "span": span, "own": False,
                         "href": minter.path_of(iri) or iri})
    return _axis(bars)


def _years(dates: dict) -> tuple[int, int] | None:
    for first, last in SPANS:
        if first in dates or last in dates:
            a = int(dates.get(first, dates.get(last))[0])
            b = int(dates.get(last, dates.get(first))[0])
            return min(a, b), max(a, b)
    return None


def _axis(bars: list[dict]) -> dict:
    low = min(b["span"][0] for b in bars)
    high = max(b["span"][1] for b in bars)
    pad = max(5, (high - low) // 10)
    low, high = low - pad, high + pad
    scale = (WIDTH - 40) / (high - low)
    for n, bar in enumerate(bars):
        a, b = bar["span"]
        bar.update(x=round(20 + (a - low) * scale, 1), y=30 + n * 28,
                   width=max(3.0, round((b - a) * scale, 1)),
                   label=f"{bar['name']} {a}–{b}" if a != b else f"{bar['name']} {a}")
    step = _tick(high - low)
    ticks = [{"x": round(20 + (year - low) * scale, 1), "year": year}
             for year in range(math.ceil(low / step) * step, high + 1, step)]
    return {"bars": bars, "ticks": ticks, "height": 60 + len(bars) * 28}


def _tick(years: int) -> int:
    """A round step that gives about six ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if years / step <= 8:
            return step
    return 2000
