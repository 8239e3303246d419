"""The protocol every source format implements, and the values that pass between its parts.

A `Source` (one per format, registered in `ingest.registry`) has a reader and a converter. The
reader turns one input file into a stream of records (its own record type) and `Rejected`
entries for the records it could not read. It never raises for one bad record: a broken record is
yielded as `Rejected` and the reader goes on with the next. It raises `SourceUnreadable` only when
the whole file cannot be read. The converter turns one record into a `Conversion`: its triples,
the roots a new version replaces, a digest of the source, and the `Issue`s found in a record that
is kept (doubtful values reported, never silently fixed).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pyoxigraph import NamedNode

from ingest.errors import IngestError

Triple = tuple[Any, NamedNode, Any]


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record set aside, with where it was and why (one line of the rejects file)."""

    source: str
    record: int
    offset: int | None
    reason: str
    message: str
    raw: bytes = b""
    field: str | None = None

    @classmethod
    def of(cls, err: IngestError, raw: bytes = b"") -> Rejected:
        return cls(err.source or "", err.record or 0, err.offset, err.reason, err.message,
                   raw, err.field)

    def as_json(self) -> dict[str, Any]:
        """The rejects-file line: source file, record number, byte offset, reason, raw bytes."""
        return {"source": self.source, "record": self.record, "offset": self.offset,
                "reason": self.reason, "field": self.field, "message": self.message,
                "kept": False, "raw_base64": base64.b64encode(self.raw).decode("ascii")}


@dataclass(frozen=True, slots=True)
class Issue:
    """Something doubtful in a record that goes in all the same (a time code out of order, an
    era name that fits several regimes). ``field`` says where: a column, a segment, a section."""

    reason: str
    message: str
    field: str | None = None

    def as_json(self, source: str, record: int | None) -> dict[str, Any]:
        """The report line: the same keys as a reject's, with ``kept`` true and no raw bytes."""
        return {"source": source, "record": record, "offset": None, "reason": self.reason,
                "field": self.field, "message": self.message, "kept": True}


@dataclass(frozen=True, slots=True)
class Conversion:
    """What one record became."""

    key: str
    roots: tuple[NamedNode, ...]   # the nodes whose descriptions a new version replaces
    triples: list[Triple]
    digest: str                    # of the source record and converter version
    deleted: bool
    unmapped: tuple[str, ...] = ()  # source fields no rule took
    issues: tuple[Issue, ...] = ()


class Reader(Protocol):
    """Reads one file of one source format."""

    def __call__(self, path: Path, **options: Any) -> Iterator[Any | Rejected]:
        """Yield records and `Rejected` entries in file order."""
        ...


class Source(Protocol):
    """One source format: what `jinling ingest KIND` runs (registered in `ingest.registry`).

    A run asks the store for `context` once, in the process that owns the store; `converter`
    may then run in another process, so the context is plain data.
    """

    name: str
    version: str       # the converter version, recorded in provenance and in record digests
    unit: str          # what the progress bar counts: 'records', 'documents' ...

    def reader(self, **options: Any) -> Callable[[Path], Iterator[Any]]:
        """A reader of one file, with the format's options (encoding, flavour ...)."""
        ...

    def files(self, path: Path) -> Iterator[Path]:
        """The input files a command-line PATH stands for (a folder: the files it holds)."""
        ...

    def context(self, store: Any) -> dict[str, Any]:
        """What the converter needs to know from the store, as plain data."""
        ...

    def converter(self, minter: Any, source: str, context: dict[str, Any]
                  ) -> Callable[[Any], Conversion]:
        ...


def one_record(read: Callable[[Path], Any]) -> Callable[[Path], Iterator[Any]]:
    """A reader for formats whose files are one record each (a document, an interview): a file
    that cannot be read is that record's reject, and the run goes on with the next file."""
    def reader(path: Path) -> Iterator[Any]:
        try:
            yield read(path)
        except IngestError as err:
            err.source = err.source or str(path)
            err.record = 1 if err.record is None else err.record
            yield Rejected.of(err)
    return reader
