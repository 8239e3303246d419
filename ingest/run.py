"""An ingest run: read files, convert records, commit batches, report.

Streaming with bounded memory: records are read, converted and committed a batch at a time;
the commit of one batch runs on a writer thread while the next batch is converted (in this
process, or in a worker process: `ingest.workers`). A record
that cannot be read or converted goes to the rejects file (JSON lines) with its reason, and the
run goes on. Each file's run is recorded as a PROV activity in the graph.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pyoxigraph import NamedNode

from ingest.batches import BatchResult, Encoded, commit, encode
from ingest.errors import IngestError
from ingest.protocol import Rejected
from ingest.provenance import record_activity
from kg.iri import Minter
from kg.loading import file_sha256
from sparql import Store

Convert = Callable[[Any], Any]
Progress = Callable[[int, int], None]


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
    issues: int = 0    # doubtful values reported in records that went in

    def line(self) -> str:
        w = self.written
        text = (f"read {self.read} records from {self.files} files: {self.converted} converted "
                f"({w.added} new, {w.replaced} replaced, {w.deleted} deleted, {w.unchanged} "
                f"unchanged{f', {w.repeated} repeated' if w.repeated else ''}), "
                f"{self.rejected} rejected; {w.quads} triples written in "
                f"{self.seconds:.1f} s")
        if self.issues:
            text += f"; {self.issues} issues reported in kept records"
        if self.rejects_path and (self.rejected or self.issues):
            text += f"; see {self.rejects_path}"
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
    link: bool = False   # link the graph's text parts to the knowledge base afterwards


class Rejects:
    """The rejects file (JSON lines), opened on the first line: records set aside, and the
    issues of records that went in (``"kept": true``)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._out: TextIO | None = None

    def write(self, rejected: Rejected) -> None:
        self._line(rejected.as_json())

    def issues(self, path: Path, record: Encoded, number: int) -> None:
        for issue in record.issues:
            self._line(issue.as_json(str(path), number))

    def _line(self, entry: dict) -> None:
        if self.path is None:
            return
        if self._out is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._out = self.path.open("w", encoding="utf-8")
        self._out.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._out is not None:
            self._out.close()




def ingest_files(store: Store, minter: Minter, paths: Iterable[Path],
                 read: Callable[[Path], Iterator[Any]], convert: Convert,
                 options: RunOptions, progress: Progress | None = None) -> IngestSummary:
    """Ingest each file into the graph ``options.graph`` in this process; return the summary.

    ``read(path)`` yields records and `Rejected`; ``convert(record)`` returns a conversion or
    raises IngestError. ``progress(read, rejected)`` is called as records go by.
    """
    return ingest_streams(store, minter, ((p, convert_file(p, read, convert)) for p in paths),
                          options, progress)


def ingest_streams(store: Store, minter: Minter,
                   streams: Iterable[tuple[Path, Iterator[Encoded | Rejected]]],
                   options: RunOptions, progress: Progress | None = None) -> IngestSummary:
    """Write files' converted records, a batch at a time; the commit of one batch runs on a
    writer thread while the next is converted."""
    started = time.perf_counter()
    summary = IngestSummary(rejects_path=options.rejects)
    rejects = Rejects(options.rejects)
    graph = minter.graph(options.graph)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer") as writer:
        try:
            for path, items in streams:
                run = _FileRun(path, store, graph, summary, rejects, writer, progress)
                run.consume(items, options.batch_size)
                record_activity(store, minter, graph, path, file_sha256(path), run.started,
                                run.summary, options)
                _merge(summary, run.summary)
        finally:
            rejects.close()
    summary.seconds = time.perf_counter() - started
    return summary


def convert_file(path: Path, read: Callable[[Path], Iterator[Any]], convert: Convert
                 ) -> Iterator[Encoded | Rejected]:
    """Each record of the file converted and encoded, or set aside with its reason."""
    for item in read(path):
        yield item if isinstance(item, Rejected) else _convert_one(item, convert, path)


class _FileRun:
    """One file's batches: rejects written, batches committed in order, counts kept."""

    def __init__(self, path: Path, store: Store, graph: NamedNode, total: IngestSummary,
                 rejects: Rejects, writer: ThreadPoolExecutor, progress: Progress | None):
        self.path, self.store, self.graph, self.total = path, store, graph, total
        self.rejects, self.writer, self.progress = rejects, writer, progress
        self.summary = IngestSummary()
        self.started = datetime.now(UTC)
        self.pending: Future | None = None

    def consume(self, items: Iterator[Encoded | Rejected], batch_size: int) -> None:
        batch: list[Encoded] = []
        for item in items:
            self._count(item, batch)
            if len(batch) >= batch_size:
                self._submit(batch)
                batch = []
        self._submit(batch)
        self._submit([])

    def _count(self, item: Encoded | Rejected, batch: list[Encoded]) -> None:
        s = self.summary
        s.read += 1
        if isinstance(item, Rejected):
            s.rejected += 1
            s.reasons[item.reason] = s.reasons.get(item.reason, 0) + 1
            self.rejects.write(item)
        else:
            s.converted += 1
            s.issues += len(item.issues)
            self.rejects.issues(self.path, item, item.record or s.read)
            batch.append(item)
        if self.progress:
            self.progress(self.total.read + s.read, self.total.rejected + s.rejected)

    def _submit(self, batch: list[Encoded]) -> None:
        """Wait for the previous batch's commit, then start this one's (commits stay in order)."""
        if self.pending is not None:
            self.summary.written += self.pending.result()
            self.pending = None
        if batch:
            self.pending = self.writer.submit(commit, self.store, self.graph, batch)


def _convert_one(item: Any, convert: Convert, path: Path) -> Encoded | Rejected:
    try:
        return encode(convert(item), getattr(item, "number", None))
    except IngestError as err:
        err.source = err.source or str(path)
        err.record = err.record if err.record is not None else getattr(item, "number", None)
        err.offset = err.offset if err.offset is not None else getattr(item, "offset", None)
        return Rejected.of(err, getattr(item, "raw", b"") or b"")
    except Exception as err:  # noqa: BLE001 - a converter bug must cost one record, not the run
        return Rejected(str(path), getattr(item, "number", 0), getattr(item, "offset", None),
                        "converter", f"{type(err).__name__}: {err} (a bug: please report it)",
                        getattr(item, "raw", b"") or b"")


def _merge(total: IngestSummary, part: IngestSummary) -> None:
    total.files += 1
    total.read += part.read
    total.converted += part.converted
    total.rejected += part.rejected
    total.issues += part.issues
    total.written += part.written
    for reason, n in part.reasons.items():
        total.reasons[reason] = total.reasons.get(reason, 0) + n
