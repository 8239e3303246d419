"""The reader protocol that every source format implements, and what readers yield.

A reader turns one input file into a stream of records (its own record type) and `Rejected`
entries for the records it could not read. It never raises for one bad record: a broken record is
yielded as `Rejected` and the reader goes on with the next. It raises `SourceUnreadable` only when
the whole file cannot be read.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ingest.errors import IngestError


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
                "raw_base64": base64.b64encode(self.raw).decode("ascii")}


class Reader(Protocol):
    """Reads one file of one source format."""

    def __call__(self, path: Path, **options: Any) -> Iterator[Any | Rejected]:
        """Yield records and `Rejected` entries in file order."""
        ...
