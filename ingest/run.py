"""An ingest run: read files, convert records, commit batches, report.

Streaming with bounded memory: records are read, converted and committed a batch at a time;
the commit of one batch runs on a writer thread while the next batch is converted. A record
that cannot be read or converted goes to the rejects file (JSON lines) with its reason, and the
run goes on. Each file's run is recorded as a PROV activity in the graph.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pyoxigraph import NamedNode

from ingest.batches import BatchResult, commit
from ingest.errors import IngestError
from ingest.protocol import Rejected
from ingest.provenance import record_activity
from kg.iri import Minter
from sparql import Store

Convert = Callable[[Any], Any]


@dataclass
class IngestSummary:
    """What a run did; `line` is what the CLI prints at the end."""

    files: int = 0
    read: int = 0
    converted: int = 0
    rejected: int = 0
    written: BatchResult = field(default_factory=BatchResult)
    seconds: float = 0.0
    rejects_path: Path | None = None
    reasons: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        w = self.written
        text = (f"read {self.read} records from {self.files} files: {self.converted} converted "
                f"({w.added} new, {w.replaced} replaced, {w.deleted} deleted, {w.unchanged} "
                f"unchanged{f', {w.repeated} repeated' if w.repeated else ''}), "
                f"{self.rejected} rejected; {w.quads} triples written in "
                f"{self.seconds:.1f} s")
        if self.rejects_path and self.rejected:
            text += f"; rejects in {self.rejects_path}"
        return text

    def reject_rate(self) -> float:
        return self.rejected / self.read if self.read else 0.0


@dataclass
class RunOptions:
    """How a run writes."""

    graph: str
    source: str
    rejects: Path | None = None
    batch_size: int = 2000
    kind: str = "marc"
    version: str = ""


class Rejects:
    """The rejects file, opened on the first reject."""

    def __init__(self, path: Path | None):
        self.path = path
        self._out: TextIO | None = None

    def write(self, rejected: Rejected) -> None:
        if self.path is None:
            return
        if self._out is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._out = self.path.open("w", encoding="utf-8")
        self._out.write(json.dumps(rejected.as_json(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._out is not None:
            self._out.close()


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def ingest_files(store: Store, minter: Minter, paths: Iterable[Path],
                 read: Callable[[Path], Iterator[Any]], convert: Convert,
                 options: RunOptions, progress: Callable[[int, int], None] | None = None
                 ) -> IngestSummary:
    """Ingest each file into the graph ``options.graph``; return the summary.

    ``read(path)`` yields records and `Rejected`; ``convert(record)`` returns a conversion or
    raises IngestError. ``progress(read, rejected)`` is called as records go by.
    """
    started = time.perf_counter()
    summary = IngestSummary(rejects_path=options.rejects)
    rejects = Rejects(options.rejects)
    graph = minter.graph(options.graph)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer") as writer:
        try:
            for path in paths:
                _ingest_file(store, minter, graph, path, read, convert, options, summary,
                             rejects, writer, progress)
        finally:
            rejects.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _ingest_file(store: Store, minter: Minter, graph: NamedNode, path: Path,
                 read: Callable[[Path], Iterator[Any]], convert: Convert, options: RunOptions,
                 summary: IngestSummary, rejects: Rejects, writer: ThreadPoolExecutor,
                 progress: Callable[[int, int], None] | None) -> None:
    started = datetime.now(UTC)
    checksum = sha256(path)
    file_summary = IngestSummary()
    pending: Future | None = None
    batch: list[Any] = []
    for item in read(path):
        file_summary.read += 1
        done = _convert_one(item, convert, path)
        if isinstance(done, Rejected):
            file_summary.rejected += 1
            file_summary.reasons[done.reason] = file_summary.reasons.get(done.reason, 0) + 1
            rejects.write(done)
        else:
            file_summary.converted += 1
            batch.append(done)
        if len(batch) >= options.batch_size:
            pending = _submit(writer, pending, store, graph, batch, file_summary)
            batch = []
        if progress:
            progress(summary.read + file_summary.read, summary.rejected + file_summary.rejected)
    pending = _submit(writer, pending, store, graph, batch, file_summary)
    if pending is not None:
        file_summary.written += pending.result()
    record_activity(store, minter, graph, path, checksum, started, file_summary, options)
    _merge(summary, file_summary)


def _convert_one(item: Any, convert: Convert, path: Path) -> Any:
    if isinstance(item, Rejected):
        return item
    try:
        return convert(item)
    except IngestError as err:
        err.source = err.source or str(path)
        err.record = err.record if err.record is not None else getattr(item, "number", None)
        err.offset = err.offset if err.offset is not None else getattr(item, "offset", None)
        return Rejected.of(err, getattr(item, "raw", b"") or b"")
    except Exception as err:  # noqa: BLE001 - a converter bug must cost one record, not the run
        return Rejected(str(path), getattr(item, "number", 0), getattr(item, "offset", None),
                        "converter", f"{type(err).__name__}: {err} (a bug: please report it)")


def _submit(writer: ThreadPoolExecutor, pending: Future | None, store: Store,
            graph: NamedNode, batch: list[Any], summary: IngestSummary) -> Future | None:
    """Wait for the previous batch's commit, then start this one's (commits stay in order)."""
    if pending is not None:
        summary.written += pending.result()
    if not batch:
        return None
    return writer.submit(commit, store, graph, batch)


def _merge(total: IngestSummary, part: IngestSummary) -> None:
    total.files += 1
    total.read += part.read
    total.converted += part.converted
    total.rejected += part.rejected
    total.written += part.written
    for reason, n in part.reasons.items():
        total.reasons[reason] = total.reasons.get(reason, 0) + n
