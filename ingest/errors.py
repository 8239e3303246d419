"""Typed errors of the ingest layer; each names the source file, the record and the field.

    IngestError                       base: source, record number, field, byte offset
     ├── RecordUnreadable (ValueError)    the record's structure is broken (leader, directory,
     │                                    terminators, XML elements): it cannot be parsed
     ├── RecordUndecodable (ValueError)   its bytes do not decode in any encoding it may be in
     ├── FieldRuleError (ValueError)      a field that parsed but breaks a mapping rule
     └── SourceUnreadable (OSError)       the whole file cannot be read (missing, not MARC)

A reader raises the first three for one record; the ingest run sets that record aside in the
rejects file with the reason and goes on. `record_context` stamps the record's identity onto any
IngestError raised inside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class IngestError(Exception):
    """A problem with one input record (or file), with where it is."""

    reason = "error"

    def __init__(self, message: str, *, source: str | None = None, record: int | None = None,
                 field: str | None = None, offset: int | None = None):
        self.message = message
        self.source = source
        self.record = record
        self.field = field
        self.offset = offset
        super().__init__(message)

    def where(self) -> str:
        """`file, record N (byte B), field F` for the parts that are known."""
        parts = [self.source] if self.source else []
        if self.record is not None:
            parts.append(f"record {self.record}" + (
                f" (byte {self.offset})" if self.offset is not None else ""))
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class RecordUnreadable(IngestError, ValueError):
    """A record whose structure is broken: it cannot be split into fields."""

    reason = "unreadable"


class RecordUndecodable(IngestError, ValueError):
    """A record whose bytes decode in none of the encodings it may be in."""

    reason = "undecodable"


class FieldRuleError(IngestError, ValueError):
    """A field that parsed but cannot be mapped (e.g. a malformed fixed field)."""

    reason = "field"


class SourceUnreadable(IngestError, OSError):
    """A whole input file that cannot be read."""

    reason = "source"


@contextmanager
def record_context(source: str, record: int, offset: int | None = None) -> Iterator[None]:
    """Stamp the source and record number onto an IngestError raised inside."""
    try:
        yield
    except IngestError as err:
        err.source = err.source or source
        err.record = record if err.record is None else err.record
        err.offset = offset if err.offset is None else err.offset
        raise
