"""What reading a local document gives: the public dataclasses, the typed errors, and the blocks
that a format reader hands to the assembler.

A format reader (``ingest/document/formats/``) turns the file's bytes into `Extracted`: a flat
list of `Block` s (a document title, headings with their level, paragraphs, sidebar boxes with
their paragraphs), the metadata found in the file, and the problems it cleaned. `read.py` builds
the `Document` from it: the text, the section tree with offsets, and the metadata merged with the
sidecar file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestError, RecordUndecodable, SourceUnreadable


@dataclass(frozen=True)
class Metadata:
    """Descriptive metadata: the sidecar file's, else the file's own."""

    title: str | None
    creators: tuple[str, ...]
    date: str | None            # as given: '2021', '2021-06', '2021-06-30'
    subjects: tuple[str, ...]
    collection: str | None
    rights: str | None
    language: str | None        # BCP 47, default 'zh-Hans' when the text is Chinese
    identifier: str | None      # sidecar 'identifier' or 'id' if given
    description: str | None
    extra: tuple[tuple[str, str], ...] = ()   # other sidecar keys, kept


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a section; ``Document.text[start:end] == text``."""

    index: int          # 1-based within its section
    text: str           # cleaned paragraph text
    start: int          # character offsets into Document.text
    end: int
    page: int | None    # source page where it starts (PDF, or page-break markers), else None


@dataclass(frozen=True)
class Section:
    """A heading and what stands under it.

    ``start``/``end`` span the heading and everything under it, subsections included; section
    '0' (text before the first heading) has no heading and starts at its first paragraph.
    ``paragraphs`` are the section's own paragraphs, not those of its subsections.
    """

    number: str         # '1', '1.2', '1.2.3' by position in the heading tree; '0' before it
    title: str | None   # heading text as written, e.g. '一、“十三五”期间取得的成果'
    level: int
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Document:
    """One local document, read and structured."""

    path: Path
    format: str         # 'text' | 'markdown' | 'html' | 'docx' | 'pdf'
    text: str           # headings and paragraphs joined by '\n\n'
    metadata: Metadata
    sections: tuple[Section, ...]
    sha256: str         # of the source file bytes
    problems: tuple[str, ...]  # things cleaned or doubtful, in words


@dataclass
class Block:
    """A unit of text as a format reader found it, before offsets are known.

    kind is 'title' (the document's title line: in the text, not a section), 'heading' (with
    ``level``), 'paragraph' or 'box' (a sidebar: ``text`` is its heading, ``children`` its
    paragraphs; it becomes a section one level below the section it stands in).
    """

    kind: str
    text: str
    level: int = 0
    page: int | None = None
    children: list[Block] = field(default_factory=list)


@dataclass
class Extracted:
    """What a format reader gives: blocks in reading order, the file's own metadata (by Metadata
    field name; lists as tuples), problems, and unknown keys of Markdown front matter."""

    blocks: list[Block]
    metadata: dict[str, object] = field(default_factory=dict)   # Metadata field -> value
    problems: list[str] = field(default_factory=list)
    extra: tuple[tuple[str, str], ...] = ()     # other keys of metadata inside the file


class DocumentError(IngestError):
    """A local document that cannot be read; names the file (or sidecar) and the field."""

    reason = "document"


class DocumentNotFound(DocumentError, SourceUnreadable):
    """The document file does not exist or is not a file."""

    reason = "source"


class DocumentUnreadable(DocumentError, SourceUnreadable):
    """The file exists but is not a readable document of its format (broken DOCX, PDF)."""

    reason = "source"


class DocumentNeedsOcr(DocumentUnreadable):
    """A PDF whose pages carry no text layer: it needs OCR before it can be read."""

    reason = "ocr"


class DocumentEmpty(DocumentError, ValueError):
    """The file holds no text at all."""

    reason = "empty"


class DocumentUndecodable(DocumentError, RecordUndecodable):
    """The file's bytes decode in none of the encodings tried (UTF-8, GB18030)."""

    reason = "undecodable"


class UnknownFormat(DocumentError, ValueError):
    """No reader is registered for the file's suffix."""

    reason = "format"


class SidecarError(DocumentError, ValueError):
    """A metadata sidecar (or Markdown front matter) that is malformed: bad YAML or JSON, not a
    mapping, or a key whose value has the wrong type or form. ``source`` is the sidecar file and
    ``field`` the key."""

    reason = "metadata"
