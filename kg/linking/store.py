"""Link the text parts of a store, and write the mentions into graph ``links``.

`link_store` reads every text part (a resource with a ``jl:text``: paragraph, transcript
segment, page) of the chosen graphs, links each document as a whole (its parts joined by blank
lines, so every part has the others as context), and writes the mentions of a batch of parts
with one SPARQL update (``link_replace.ru``): the machine's earlier mentions of those parts are
replaced, a curator's decision (a mention accepted or rejected, on the same part and an
overlapping span) is never touched nor contested.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode

from kg.graphs import INFERRED, ONTOLOGY
from kg.iri import Minter
from kg.linking.annotations import ROW, mention_row
from kg.linking.linker import Linker
from kg.linking.model import Mention
from kg.linking.normalize import normalise
from kg.linking.source import from_store
from kg.vocab import XSD
from sparql import Store, queries
from sparql.text import bind_groups, bind_rows, substitute, values_list, values_rows

LINKS = "links"
SKIPPED = ("kb", LINKS, ONTOLOGY, INFERRED)
SEPARATOR = "\n\n"
_LANG_ORDER = {"zh-hans": 0, "zh": 1, "zh-cn": 2, "": 3}


@dataclass(frozen=True)
class TextPart:
    """A text part to link: its IRI, its words, its document and its place there."""

    iri: str
    text: str
    doc: str
    order: int


@dataclass
class LinkSummary:
    """What a `link_store` run did."""

    parts: int = 0
    documents: int = 0
    mentions: int = 0
    linked: int = 0          # mentions of KB entities
    candidates: int = 0      # mentions of names the KB does not know
    curated: int = 0         # mentions left out where a curator has decided
    seconds: float = 0.0

    def line(self) -> str:
        """One line for the end of a run."""
        return (f"linked {self.parts} text parts of {self.documents} documents: "
                f"{self.mentions} mentions ({self.linked} to KB entities, {self.candidates} "
                f"to candidates; {self.curated} left to curators' decisions) "
                f"in {self.seconds:.1f} s")


def default_graphs(store: Store, minter: Minter) -> list[NamedNode]:
    """Every graph but kb, links, ontology and inferred."""
    return [g for g in store.graphs() if minter.graph_name(g) not in SKIPPED]


def read_parts(store: Store, graphs: list[NamedNode]) -> list[TextPart]:
    """The text parts of the graphs; a part with several texts keeps its simplified one."""
    if not graphs:
        return []
    text = bind_rows(queries.load("link_text_parts"), "g", graphs)
    best: dict[str, tuple[int, TextPart]] = {}
    for row in store.query(text):
        literal, order = row["text"], row.get("order")
        rank = _LANG_ORDER.get((literal.language or "").lower(), 4)
        part = TextPart(row["part"].value, literal.value, row["doc"].value,
                        int(order.value) if order is not None else 0)
        if part.iri not in best or rank < best[part.iri][0]:
            best[part.iri] = (rank, part)
    return [part for _, part in best.values()]


def documents(parts: Iterable[TextPart]) -> list[list[TextPart]]:
    """The parts grouped by document, each in order; documents sorted by IRI."""
    grouped: dict[str, list[TextPart]] = {}
    for part in parts:
        grouped.setdefault(part.doc, []).append(part)
    return [sorted(grouped[doc], key=lambda p: (p.order, p.iri)) for doc in sorted(grouped)]


def split_mentions(parts: list[TextPart], mentions: list[Mention]
                   ) -> list[tuple[TextPart, Mention]]:
    """The mentions of a joined document, each moved to its part's own offsets."""
    found, offset, at = [], 0, 0
    bounds = []
    for part in parts:
        bounds.append((offset, offset + len(part.text), part))
        offset += len(part.text) + len(SEPARATOR)
    for m in mentions:
        while at < len(bounds) and m.start >= bounds[at][1]:
            at += 1
        if at < len(bounds) and bounds[at][0] <= m.start and m.end <= bounds[at][1]:
            start = bounds[at][0]
            found.append((bounds[at][2], replace(m, start=m.start - start, end=m.end - start)))
    return found


def curated_spans(store: Store, parts: list[TextPart]) -> dict[str, list[tuple[int, int]]]:
    """Part IRI -> the spans curators have decided on (by position, else by quote)."""
    texts = {p.iri: p.text for p in parts}
    query = bind_rows(queries.load("link_curated"), "source", (NamedNode(i) for i in texts))
    spans: dict[str, list[tuple[int, int]]] = {}
    for row in store.query(query):
        source = row["source"].value
        span = _span(row, texts[source])
        if span is not None:
            spans.setdefault(source, []).append(span)
    return spans


def _span(row: dict, text: str) -> tuple[int, int] | None:
    if "start" in row and "end" in row:
        return int(row["start"].value), int(row["end"].value)
    if "exact" not in row:
        return None
    exact = row["exact"].value
    prefix = row["prefix"].value if "prefix" in row else ""
    suffix = row["suffix"].value if "suffix" in row else ""
    return locate_quote(text, exact, prefix, suffix)


def locate_quote(text: str, exact: str, prefix: str = "", suffix: str = ""
                 ) -> tuple[int, int] | None:
    """Where a quote stands in a text: the occurrence its prefix and suffix fit best.

    >>> locate_quote("秦淮河边，又见秦淮河", "秦淮河", "又见")
    (7, 10)
    """
    best, at = None, text.find(exact) if exact else -1
    while at >= 0:
        fit = text[:at].endswith(prefix) + text[at + len(exact):].startswith(suffix)
        if best is None or fit > best[0]:
            best = (fit, at)
        at = text.find(exact, at + 1)
    return None if best is None else (best[1], best[1] + len(exact))


def _contested(spans: list[tuple[int, int]], m: Mention) -> bool:
    return any(s < m.end and m.start < e for s, e in spans)


def write_batch(store: Store, minter: Minter, parts: list[TextPart],
                found: list[tuple[TextPart, Mention]], created: Literal) -> list[Mention]:
    """Replace the machine's mentions of ``parts`` by ``found`` in one update.

    Returns the mentions written: those on spans no curator has decided on.
    """
    spans = curated_spans(store, parts)
    kept = [(part, m) for part, m in found if not _contested(spans.get(part.iri, ()), m)]
    rows = [mention_row(minter, part.iri, part.text, m, created, normalise(m.text))
            for part, m in kept]
    update = bind_groups(queries.load("link_replace"), [
        values_list("source", (NamedNode(p.iri) for p in parts)), values_rows(ROW, rows)])
    store.update(substitute(update, {"links": minter.graph(LINKS)}))
    return [m for _, m in kept]


def link_store(store: Store, minter: Minter, graph_names: list[str] | None = None, *,
               linker: Linker | None = None, batch_parts: int = 500,
               progress: Callable[[int, int], None] | None = None) -> LinkSummary:
    """Link every text part of the graphs (default: all but kb, links, ontology, inferred)
    into graph ``links``; one update per batch of about ``batch_parts`` parts.

    Idempotent: a rerun over unchanged text and KB writes the same mentions. ``progress`` is
    called with (parts done, parts in all) after each batch.

    Raises:
        InvalidGraphName: a graph name that cannot be one. Store errors pass through.
    """
    started = time.perf_counter()
    graphs = ([minter.graph(n) for n in graph_names] if graph_names is not None
              else default_graphs(store, minter))
    linker = linker or Linker(from_store(store))
    docs = documents(read_parts(store, graphs))
    summary = LinkSummary(documents=len(docs))
    total = sum(len(d) for d in docs)
    created = Literal(datetime.now(UTC).replace(microsecond=0).isoformat(),
                      datatype=XSD.dateTime)
    batch: list[TextPart] = []
    found: list[tuple[TextPart, Mention]] = []
    for doc, mentions in zip(docs, linker.link_all(SEPARATOR.join(p.text for p in d)
                                                   for d in docs), strict=True):
        batch += doc
        found += split_mentions(doc, mentions)
        if len(batch) >= batch_parts:
            _flush(store, minter, batch, found, created, summary, total, progress)
            batch, found = [], []
    if batch:
        _flush(store, minter, batch, found, created, summary, total, progress)
    store.update(substitute(queries.load("link_prune"), {"links": minter.graph(LINKS)}))
    summary.seconds = time.perf_counter() - started
    return summary


def _flush(store, minter, batch, found, created, summary: LinkSummary, total: int,
           progress) -> None:
    written = write_batch(store, minter, batch, found, created)
    summary.parts += len(batch)
    summary.mentions += len(written)
    summary.curated += len(found) - len(written)
    summary.linked += sum(1 for m in written if m.entity)
    summary.candidates += sum(1 for m in written if not m.entity)
    if progress:
        progress(summary.parts, total)
