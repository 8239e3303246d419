"""Committing converted records to the store, one atomic write per batch.

A batch's records are sorted against what the graph already holds, by the source digest each
record's admin node carries: unchanged records are skipped (so a re-ingest changes nothing), new
ones are added, changed ones replace their old description, and deleted ones leave a tombstone.
A batch of new records only is one bulk write; a batch that replaces or deletes is one update.
Either way a batch is in the store whole or not at all.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from kg.vocab import BF, JL, RDFS, XSD, A
from sparql import Store, queries
from sparql.text import bind_rows, insert_data


class Converted(Protocol):
    """What a source's converter returns for one record."""

    key: str
    roots: tuple[NamedNode, ...]
    triples: list
    digest: str
    deleted: bool


@dataclass
class BatchResult:
    """What one commit did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    deleted: int = 0
    repeated: int = 0  # records whose key came again later in the batch: the last one counts
    quads: int = 0

    def __iadd__(self, other: BatchResult) -> BatchResult:
        for name in ("added", "replaced", "unchanged", "deleted", "repeated", "quads"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.deleted)


def holder(c: Converted) -> NamedNode:
    """The root whose admin node carries the record's digest (the last root)."""
    return c.roots[-1]


def existing_digests(store: Store, graph: NamedNode, roots: Sequence[NamedNode]
                     ) -> dict[str, str]:
    """root IRI -> digest, for the roots already in the graph."""
    if not roots:
        return {}
    text = bind_rows(queries.load("record_digests"), "root", roots)
    return {row["root"].value: row["digest"].value
            for row in store.query(text, {"g": graph})}


def commit(store: Store, graph: NamedNode, batch: Sequence[Converted]) -> BatchResult:
    """Write one batch into ``graph`` atomically; return what it did."""
    latest = {c.key: c for c in batch}  # a record repeated in a batch: its last version wins
    known = existing_digests(store, graph, [holder(c) for c in latest.values()])
    result, fresh, replace = BatchResult(repeated=len(batch) - len(latest)), [], []
    for c in latest.values():
        old = known.get(holder(c).value)
        if old == c.digest:
            result.unchanged += 1
        elif old is None and not c.deleted:
            fresh.append(c)
            result.added += 1
        else:
            replace.append(c)
            result.deleted += c.deleted
            result.replaced += not c.deleted
    quads = list(_quads(graph, fresh + replace))
    result.quads = len(quads)
    if replace:
        roots = [r for c in replace for r in c.roots]
        delete = bind_rows(queries.load("delete_records"), "root", roots)
        delete = delete.replace("GRAPH ?g", f"GRAPH {graph}")
        store.update(f"{delete} ;\n{insert_data(quads)}")
    elif quads:
        store.add_batch(nquads(quads))
    return result


def nquads(quads: Iterable[Quad]) -> bytes:
    out = io.BytesIO()
    ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
    return out.getvalue()


def _quads(graph: NamedNode, records: Iterable[Converted]) -> Iterable[Quad]:
    now = Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=XSD.dateTime)
    for c in records:
        triples = _tombstone(c, now) if c.deleted else c.triples
        for s, p, o in triples:
            yield Quad(s, p, o, graph)
        admin = NamedNode(holder(c).value + "#admin")
        yield Quad(admin, JL.sourceDigest, Literal(c.digest), graph)


def _tombstone(c: Converted, now: Literal) -> list:
    out = []
    for root in c.roots:
        out += [(root, A, JL.Tombstone), (root, JL.deletedAt, now),
                (root, RDFS.label, Literal(f"deleted record {c.key}", language="en"))]
    admin = NamedNode(holder(c).value + "#admin")
    return out + [(holder(c), BF.adminMetadata, admin), (admin, A, BF.AdminMetadata)]
