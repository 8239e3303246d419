"""Read what the search index holds from the store: `Record`s of resources, a batch at a time.

Every read is bound to a list of resources (``VALUES ?s``), so re-indexing a few resources
costs a few index lookups, and a rebuild reads the store in batches of the same shape.
Names come from the name properties the linker reads (kg/linking/tables/name_kinds.tsv) and
those of tables/names.tsv; the graphs that only copy or define names (``inferred``,
``ontology``) are not read.

>>> sorted(class_types().values())[0]
('AncientBook', 2)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from kg.graphs import INFERRED, ONTOLOGY
from kg.iri import Minter
from kg.linking.kb import name_kinds
from kg.search.model import Name, Record
from kg.tables import Tables
from kg.vocab import BF, JL, RDFS, SCHEMA, SKOS, Namespace
from sparql import EndpointError, ResultLimitExceeded, Store, queries
from sparql.text import bind_block, bind_rows, substitute, values_list, values_rows

TABLES = Tables(Path(__file__).with_name("tables"))
BATCH = 500  # resources per read: VALUES blocks of this size stay one index lookup per row
PAGE = 2000  # rows per page of the *_after queries (their LIMIT)
_PREFIXES = {"jl": JL, "skos": SKOS, "bf": BF, "rdfs": RDFS, "schema": SCHEMA,
             "time": Namespace("http://www.w3.org/2006/time#")}
SKIPPED_GRAPHS = (INFERRED, ONTOLOGY)


def curie(text: str) -> str:
    """The IRI of ``jl:Person`` and the like (prefixes jl, skos, bf, rdfs, schema, time)."""
    prefix, _, local = text.partition(":")
    return _PREFIXES[prefix][local].value


@cache
def class_types() -> dict[str, tuple[str, int]]:
    """Class IRI -> (type, rank) from tables/types.tsv."""
    return {curie(r["class"]): (r["type"], int(r["rank"])) for r in TABLES.table("types")}


@cache
def name_properties() -> dict[tuple[str, str], tuple[str, int]]:
    """(via IRI or '', property IRI) -> (kind, rank): the linker's name properties and those
    of tables/names.tsv. The rank orders names: a higher prior is a lower rank."""
    found = {("", iri): (kind, _rank(prior)) for iri, (kind, prior) in name_kinds().items()}
    for row in TABLES.table("names"):
        via = curie(row["via"]) if row["via"] else ""
        found[(via, curie(row["property"]))] = (row["kind"], _rank(float(row["prior"])))
    return found


def _rank(prior: float) -> int:
    return round((1 - prior) * 100)


def types(store: Store, iris: Iterable[str] | None = None) -> dict[str, tuple[str, int]]:
    """Resource IRI -> (type, rank) of the resources of the index's classes: all of them, or
    those among ``iris``."""
    classes = values_list("class", (NamedNode(c) for c in class_types()))
    if iris is None:
        return _types(store, classes)
    found: dict[str, tuple[str, int]] = {}
    for chunk in _chunks(list(iris)):
        found.update(_types(store, classes + " " + values_list("s", map(NamedNode, chunk))))
    return found


def _types(store: Store, block: str) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    rows = _capped(lambda: store.query(bind_block(queries.load("search_types"), block)),
                   lambda after: store.query(bind_block(
                       queries.load("search_types_after"),
                       f"{block} {values_list('after', [Literal(after)])}")))
    for row in rows:
        iri, kind = row["s"].value, class_types()[row["class"].value]
        if iri not in found or kind[1] < found[iri][1]:
            found[iri] = kind
    return found


def _capped(whole: Callable[[], Iterable], page: Callable[[str], Iterable]) -> Iterator:
    """The rows of a query, or, where the store caps how many rows a query may return (a
    server's result limit: 413), the same rows a page at a time (``page(after)``: the rows
    after an IRI, in IRI order)."""
    try:
        yield from list(whole())
        return
    except (ResultLimitExceeded, EndpointError) as err:
        if isinstance(err, EndpointError) and err.status != 413:
            raise
    after = ""
    while True:
        rows = list(page(after))
        if len(rows) < PAGE:
            yield from rows
            return
        # the last resource's rows may go on in the next page: it starts again with them
        last = rows[-1]["s"].value
        rows = [r for r in rows if r["s"].value != last]
        yield from rows
        after = rows[-1]["s"].value


def read(store: Store, minter: Minter, typed: dict[str, tuple[str, int]]) -> list[Record]:
    """The records of typed resources (from `types`) that have names or texts, read in one
    batch (callers keep batches to about BATCH resources)."""
    skip = {minter.graph(g).value for g in SKIPPED_GRAPHS}
    records = {iri: Record(iri, kind) for iri, (kind, _) in typed.items()}
    subjects = [NamedNode(i) for i in records]
    _read_names(store, subjects, records, skip)
    owners = _read_texts(store, subjects, records, skip)
    _read_periods(store, records, owners)
    _drop_full_texts_of_parted(store, records)
    return [r for r in records.values() if r.names or r.texts]


def _read_names(store: Store, subjects: list[NamedNode], records: dict[str, Record],
                skip: set[str]) -> None:
    plain = [(s, NamedNode(p)) for s in subjects for via, p in name_properties() if not via]
    titled = [(s, NamedNode(v), NamedNode(p)) for s in subjects
              for v, p in name_properties() if v]
    found = [(row, "") for row in store.query(bind_block(
        queries.load("search_names"), values_rows(["s", "property"], plain)))]
    if titled:
        query = bind_block(queries.load("search_titles"),
                           values_rows(["s", "via", "property"], titled))
        found += [(row, row["via"].value) for row in store.query(query)]
    for row, via in found:
        graph = row["g"].value
        if graph in skip:
            continue
        kind, rank = name_properties()[(via, row["property"].value)]
        literal = row["name"]
        records[row["s"].value].names.append(
            Name(literal.value, kind, rank, (literal.language or "").lower(), graph))


def _read_texts(store: Store, subjects: list[NamedNode], records: dict[str, Record],
                skip: set[str]) -> dict[str, str]:
    """Reads body texts; returns part IRI -> owner IRI."""
    owners = {}
    for row in store.query(bind_rows(queries.load("search_texts"), "s", subjects)):
        iri, graph, text = row["s"].value, row["g"].value, row["text"].value
        if graph in skip or not text.strip():
            continue
        record = records[iri]
        if row["property"] == JL.fullText:
            record.full_texts.append((text, graph))
            continue
        record.texts.append((text, graph))
        owner = row["owner"].value
        if owner != iri:
            record.owner = owners[iri] = owner
    return owners


def _read_periods(store: Store, records: dict[str, Record], owners: dict[str, str]) -> None:
    """Periods of the records; a part is in the periods of its record."""
    wanted = sorted(set(records) | set(owners.values()))
    periods: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(wanted):
        query = bind_rows(queries.load("search_periods"), "s", map(NamedNode, chunk))
        for row in store.query(query):
            periods[row["s"].value].add(row["period"].value)
    for iri, record in records.items():
        owner = owners.get(iri)
        record.periods = periods[iri] | (periods[owner] if owner else set())


def _drop_full_texts_of_parted(store: Store, records: dict[str, Record]) -> None:
    """A document's full text is searched only when it has no text parts: its paragraphs say
    the same, and say where."""
    parted = set(parts(store, [r.iri for r in records.values() if r.full_texts]).values())
    for record in records.values():
        if record.full_texts and record.iri not in parted:
            record.texts += record.full_texts
        record.full_texts = []


def parts(store: Store, owners: Iterable[str]) -> dict[str, str]:
    """Part IRI -> owner IRI of the text parts of records (segments of interviews, paragraphs
    and pages of instances)."""
    found = {}
    for chunk in _chunks(list(owners)):
        query = bind_rows(queries.load("search_parts"), "owner", map(NamedNode, chunk))
        found.update((row["part"].value, row["owner"].value) for row in store.query(query))
    return found


def subjects(store: Store, graph: NamedNode) -> set[str]:
    """Every IRI the graph says something about."""
    rows = _capped(
        lambda: store.query(substitute(queries.load("search_subjects"), {"g": graph})),
        lambda after: store.query(substitute(queries.load("search_subjects_after"),
                                             {"g": graph}), {"after": Literal(after)}))
    return {row["s"].value for row in rows}


def _chunks(items: list[str], size: int = BATCH) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
