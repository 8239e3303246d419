"""What reading an oral-history interview yields, the package's code tables, and its errors.

The dataclasses are the reading layer's whole output: `Interview` holds the parsed
`InterviewMetadata`, the transcript's `Segment`s in file order and the `Issue`s found on the
way. An `Issue` kind must be one of ``tables/issue_kinds.tsv``, which says what each means.

Errors (for a whole interview that cannot be read; one segment's problem is an Issue instead):

    IngestError
     └── InterviewError                 base of this package's errors; adds the line
          ├── InterviewFileMissing      (SourceUnreadable, OSError) the file given, or the
          │                             transcript its metadata names, does not exist
          ├── UnsupportedFile           (SourceUnreadable) not .yaml/.yml/.json/.vtt/.srt/.txt
          ├── MetadataNotFound          (SourceUnreadable) a transcript with no metadata beside it
          ├── AmbiguousFiles            (SourceUnreadable) two candidate metadata or transcripts
          ├── MetadataMalformed         (FieldRuleError, ValueError) bad YAML/JSON, or a key
          │                             whose value breaks its rule (the key is the field)
          ├── TranscriptUndecodable     (RecordUndecodable) a UTF-16 file with broken bytes
          └── TranscriptEmpty           (RecordUnreadable) a transcript with no cue or turn

>>> str(MetadataMalformed("not a date", source="a.yaml", field="date", line=4))
'a.yaml, line 4, field date: not a date'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.errors import (
    FieldRuleError,
    IngestError,
    RecordUndecodable,
    RecordUnreadable,
    SourceUnreadable,
)
from kg.tables import Tables

ROLES = ("interviewee", "interviewer")

#: The code tables of this package (tables/*.tsv), each keyed by its first column.
TABLES = Tables(Path(__file__).with_name("tables"))


@cache
def issue_kinds() -> dict[str, dict[str, str]]:
    """The documented issue kinds: kind -> {scope, severity, meaning} (tables/issue_kinds.tsv).

    >>> issue_kinds()["time-order"]["severity"]
    'error'
    """
    return {kind: dict(row) for kind, row in TABLES.index("issue_kinds").items()}


@dataclass(frozen=True)
class Person:
    """An interviewee or interviewer named in the metadata."""

    name: str
    role: str  # 'interviewee' | 'interviewer'
    birth_year: int | None = None
    gender: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Consent:
    """The release the interviewee signed; a bare string in the metadata becomes the scope."""

    signed: bool | None
    date: str | None
    scope: str | None


@dataclass(frozen=True)
class InterviewMetadata:
    """The metadata file, checked: every value has the type and form named here."""

    id: str | None
    title: str | None
    interviewees: tuple[Person, ...]
    interviewers: tuple[Person, ...]
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    place: str | None
    language: str | None  # BCP 47 tag
    dialect: str | None  # the word as given, when a dialect was named
    topics: tuple[str, ...]
    recording: str | None
    duration: float | None  # seconds
    rights: str | None
    consent: Consent | None
    collection: str | None
    summary: str | None
    extra: tuple[tuple[str, str], ...] = ()  # other keys, in file order, values as text


@dataclass(frozen=True)
class Issue:
    """A problem found in the transcript, reported rather than repaired.

    Raises:
        ValueError: ``kind`` is not in tables/issue_kinds.tsv.
    """

    segment: int | None  # 1-based segment number, None for the whole transcript
    line: int | None  # line in the transcript file
    kind: str  # see tables/issue_kinds.tsv
    message: str  # in words, naming what was found

    def __post_init__(self) -> None:
        if self.kind not in issue_kinds():
            raise ValueError(f"issue kind {self.kind!r} is not in tables/issue_kinds.tsv")


@dataclass(frozen=True)
class Segment:
    """One cue (WebVTT, SRT) or turn (plain text), as the file has it."""

    number: int  # 1-based, in file order (never re-sorted)
    speaker: str | None  # the label or name as written (None when missing)
    role: str | None  # 'interviewer' | 'interviewee' | None
    person: Person | None  # the metadata person this speaker is, when known
    start: float | None  # seconds, to the millisecond
    end: float | None
    text: str
    line: int  # line in the transcript file where the segment starts


@dataclass(frozen=True)
class Interview:
    """A metadata file and its transcript, read and checked."""

    metadata_path: Path | None
    transcript_path: Path
    format: str  # 'vtt' | 'srt' | 'text'
    metadata: InterviewMetadata
    segments: tuple[Segment, ...]
    issues: tuple[Issue, ...]
    encoding: str  # 'utf-8', 'utf-8-sig', 'utf-16', 'gb18030', or 'utf-8+gb18030' when mixed
    sha256: str  # of metadata + transcript bytes together, see read.checksum


class InterviewError(IngestError):
    """An interview that cannot be read at all; says which file, line and field."""

    def __init__(self, message: str, *, source: str | None = None, field: str | None = None,
                 line: int | None = None):
        self.line = line
        super().__init__(message, source=source, field=field)

    def where(self) -> str:
        parts = [self.source] if self.source else []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)


class InterviewFileMissing(InterviewError, SourceUnreadable):
    """The file given, or the transcript its metadata names, does not exist."""


class UnsupportedFile(InterviewError, SourceUnreadable):
    """A file that is neither metadata (.yaml .yml .json) nor a transcript (.vtt .srt .txt)."""


class MetadataNotFound(InterviewError, SourceUnreadable):
    """A transcript with no metadata file beside it."""


class AmbiguousFiles(InterviewError, SourceUnreadable):
    """Two or more files could be the metadata (or the transcript): which one is meant?"""


class MetadataMalformed(InterviewError, FieldRuleError):
    """Metadata that does not parse, or a key whose value breaks its rule."""


class TranscriptUndecodable(InterviewError, RecordUndecodable):
    """A transcript whose bytes cannot be decoded at all (a broken UTF-16 file)."""


class TranscriptEmpty(InterviewError, RecordUnreadable):
    """A transcript without a single cue or turn."""
