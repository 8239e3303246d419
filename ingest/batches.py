"""Committing converted records to the store, one atomic write per batch.

A batch's records are sorted against what the graph already holds, by the source digest each
record's admin node carries: unchanged records are skipped (so a re-ingest changes nothing), new
ones are added, changed ones replace their old description, and deleted ones leave a tombstone.
A batch of new records only is one bulk write; a batch that replaces or deletes is one update.
Either way a batch is in the store whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from pyoxigraph import Literal, NamedNode

from ingest.protocol import Issue
from ingest.triples import admin_iri
from kg.vocab import BF, JL, RDFS, XSD, A
from sparql import Store, queries
from sparql.text import bind_rows, substitute


class Converted(Protocol):
    """What a source's converter returns for one record (`ingest.protocol.Conversion`)."""

    key: str
    roots: tuple[NamedNode, ...]
    triples: list
    digest: str
    deleted: bool
    issues: tuple[Issue, ...]


@dataclass(frozen=True, slots=True)
class Encoded:
    """A converted record ready to write, in plain values (it crosses process boundaries).

    ``ntriples`` holds the record's triples and its digest, each term written by its own
    ``str()`` (pyoxigraph's escaped N-Triples form), so it is valid N-Triples and valid inside
    ``INSERT DATA``.
    """

    key: str
    roots: tuple[str, ...]
    digest: str
    deleted: bool
    ntriples: bytes
    issues: tuple[Issue, ...] = ()
    record: int | None = None      # the record's number in its file, for the report

    @property
    def holder(self) -> NamedNode:
        """The root whose admin node carries the record's digest (the last root)."""
        return NamedNode(self.roots[-1])

    @property
    def admin(self) -> NamedNode:
        return admin_iri(self.holder)


def encode(c: Converted, record: int | None = None) -> Encoded:
    """The record as N-Triples lines, with the digest on its holder's admin node."""
    if c.deleted:  # a deleted record leaves a tombstone, written when the batch commits
        return Encoded(c.key, tuple(r.value for r in c.roots), c.digest, True, b"",
                       tuple(c.issues), record)
    lines = [f"{s} {p} {o} .\n" for s, p, o in c.triples]
    admin = admin_iri(c.roots[-1])
    lines.append(f"{admin} {JL.sourceDigest} {Literal(c.digest)} .\n")
    return Encoded(c.key, tuple(r.value for r in c.roots), c.digest, c.deleted,
                   "".join(lines).encode(), tuple(c.issues), record)


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


def existing_digests(store: Store, graph: NamedNode, holders: Sequence[NamedNode]
                     ) -> dict[str, str]:
    """holder IRI -> digest, for the records already in the graph."""
    admins = {admin_iri(h).value: h.value for h in holders}
    found = store.values_of([NamedNode(a) for a in admins], JL.sourceDigest, graph)
    return {admins[admin]: digest.value for admin, digest in found.items()}


def commit(store: Store, graph: NamedNode, batch: Sequence[Encoded]) -> BatchResult:
    """Write one batch into ``graph`` atomically; return what it did."""
    latest = {c.key: c for c in batch}  # a record repeated in a batch: its last version wins
    known = existing_digests(store, graph, [c.holder for c in latest.values()])
    result, fresh, replace = BatchResult(repeated=len(batch) - len(latest)), [], []
    for c in latest.values():
        old = known.get(c.roots[-1])
        if old == c.digest:
            result.unchanged += 1
        elif old is None and not c.deleted:
            fresh.append(c)
            result.added += 1
        else:
            replace.append(c)
            result.deleted += c.deleted
            result.replaced += not c.deleted
    data = b"".join(c.ntriples for c in fresh + replace) + _tombstones(replace)
    result.quads = data.count(b"\n")
    if replace:
        roots = [NamedNode(r) for c in replace for r in c.roots]
        delete = bind_rows(substitute(queries.load("delete_records"), {"g": graph}), "root",
                           roots)
        store.update(f"{delete} ;\nINSERT DATA {{ GRAPH {graph} {{\n{data.decode()}}} }}")
    elif data:
        store.add_batch(data, graph)
    return result


def _tombstones(records: Iterable[Encoded]) -> bytes:
    now = Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=XSD.dateTime)
    lines = []
    for c in records:
        if not c.deleted:
            continue
        for root in map(NamedNode, c.roots):
            label = Literal(f"deleted record {c.key}", language="en")
            lines += [f"{root} {A} {JL.Tombstone} .", f"{root} {JL.deletedAt} {now} .",
                      f"{root} {RDFS.label} {label} ."]
        lines += [f"{c.holder} {BF.adminMetadata} {c.admin} .",
                  f"{c.admin} {A} {BF.AdminMetadata} .",
                  f"{c.admin} {JL.sourceDigest} {Literal(c.digest)} ."]
    return "".join(line + "\n" for line in lines).encode()
