"""N-Quads dumps per named graph: gzip files with SHA-256 checksums and a manifest.

A folder of dumps holds ``{name}.nq.gz`` per graph (``/`` in a graph name written ``~``, which
graph names never contain: ``district/xuanwu`` -> ``district~xuanwu.nq.gz``) and
``manifest.json``: per graph its IRI, short name, file, triples, bytes, SHA-256 (of the
.gz file, what a download checks) and creation time. The gzip stream is reproducible (no
file name or time in its header), so the same graph gives the same bytes and checksum.

`write_dumps` writes dumps (``jinling dumps``); `fresh_dump` serves the cache of the HTTP
server, regenerating a dump only when its graph changed. A change is told cheaply by the
graph's *stamp* (``dump_stamps.rq``, one pass over the graph's index, no serialising): its
triple count and the latest time recorded in it, which every ingest run that changes a graph
rewrites (PROV activity end, tombstone time). An edit that keeps the triple count and records
no time (a label corrected by a SPARQL update, a graph replaced by one of the same size) goes
unseen until the next stamped change; ``jinling dumps`` always rewrites.

>>> file_name("district/xuanwu")
'district~xuanwu.nq.gz'
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat

from kg.graphs import existing_graph
from kg.iri import Minter
from kg.loading import file_sha256
from sparql import Dataset, Store, queries

MANIFEST = "manifest.json"
SUFFIX = ".nq.gz"
_LOCK = threading.Lock()  # one manifest update at a time in this process


@dataclass(frozen=True)
class Dump:
    """One graph's dump file, as the manifest lists it."""

    graph: str       # the graph's IRI
    name: str        # its short name
    file: str
    triples: int
    bytes: int
    sha256: str      # of the .gz file
    created: str     # UTC, ISO 8601
    stamp: str       # the graph's change stamp when the dump was written


def file_name(name: str) -> str:
    """The dump file of a graph short name."""
    return name.replace("/", "~") + SUFFIX


def stamps(store: Store, graphs: Iterable[NamedNode] = ()) -> dict[str, str]:
    """Graph IRI -> change stamp (``{triples}|{latest time}``), for these graphs or all."""
    graphs = tuple(graphs)
    dataset = Dataset(named_graphs=graphs) if graphs else None
    rows = store.query(queries.load("dump_stamps"), dataset=dataset)
    found = {row["g"].value: f"{row['n'].value}|{row['latest'].value}" for row in rows}
    return {g.value: found.get(g.value, "0|") for g in graphs} if graphs else found


def write_dump(store: Store, minter: Minter, name: str, folder: Path) -> Dump:
    """Write one graph's dump into ``folder`` (atomically: a reader sees the old file or the
    new one) and record it in the folder's manifest.

    Raises:
        GraphNotFound, InvalidGraphName: no such graph.
    """
    iri = existing_graph(store, minter, name)
    stamp = stamps(store, [iri])[iri.value]  # before the dump: a change during it shows later
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(name)
    triples = _write_gzip(store, iri, target)
    dump = Dump(iri.value, name, target.name, triples, target.stat().st_size,
                file_sha256(target), datetime.now(UTC).isoformat(timespec="seconds"), stamp)
    _record(folder, dump)
    return dump


def write_dumps(store: Store, minter: Minter, folder: Path,
                names: Iterable[str] | None = None) -> list[Dump]:
    """Write the dumps of these graphs (when None, every graph named under the base) into
    ``folder``."""
    chosen = list(names) if names else dumpable(store, minter)
    return [write_dump(store, minter, name, folder) for name in chosen]


def dumpable(store: Store, minter: Minter) -> list[str]:
    """The short names of the graphs that have dumps: those named under the base."""
    return sorted(name for name in map(minter.graph_name, store.graphs()) if name)


def fresh_dump(store: Store, minter: Minter, name: str, folder: Path) -> Dump:
    """The folder's dump of a graph, written again first when the graph changed since."""
    iri = existing_graph(store, minter, name)
    cached = read_manifest(folder).get(iri.value)
    if cached and cached.stamp == stamps(store, [iri])[iri.value] \
            and (folder / cached.file).is_file():
        return cached
    return write_dump(store, minter, name, folder)


def read_manifest(folder: Path) -> dict[str, Dump]:
    """Graph IRI -> its dump, from the folder's manifest (empty when there is none)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8")).get("graphs", [])
    return {entry["graph"]: Dump(**entry) for entry in entries}


def _write_gzip(store: Store, graph: NamedNode, target: Path) -> int:
    """Write the graph's N-Quads gzipped to ``target``; return the number of quads."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=SUFFIX)
    try:
        with os.fdopen(handle, "wb") as raw, \
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
            lines = _LineCounter(packed)
            store.dump(lines, format=RdfFormat.N_QUADS, graph=graph)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a dump is public data
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return lines.count


class _LineCounter:
    """A writable that passes bytes on and counts lines (one quad per N-Quads line)."""

    def __init__(self, out):
        self.out, self.count = out, 0

    def write(self, data: bytes) -> int:
        self.count += data.count(b"\n")
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()




def _record(folder: Path, dump: Dump) -> None:
    """Put the dump into the folder's manifest, replacing the graph's earlier entry."""
    with _LOCK:
        entries = read_manifest(folder)
        entries[dump.graph] = dump
        body = {"created": datetime.now(UTC).isoformat(timespec="seconds"),
                "graphs": [asdict(d) for d in sorted(entries.values(), key=lambda d: d.name)]}
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(body, out, ensure_ascii=False, indent=1)
        os.chmod(temporary, 0o644)
        os.replace(temporary, folder / MANIFEST)
