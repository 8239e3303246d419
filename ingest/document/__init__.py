"""Reading layer for local documents (地方文献): text, Markdown, HTML, DOCX and PDF files read into
a `Document` of metadata, text, sections and paragraphs with character offsets. No RDF here.

    read_document(path) -> Document      the entry point (read.py)
    formats() -> {suffix: format}        what it reads (formats/registry.py, tables/formats.tsv)

Modules: model.py (the dataclasses and errors), metadata.py (sidecar NAME.meta.yaml/.yml/.json
over the file's own metadata), structure.py (paragraphs, headings and sidebar boxes from the
wrapped lines of plain text and PDF text layers), formats/ (one reader per format), read.py
(assembling the Document). Code lists and patterns are in tables/.

Errors (all name the file, or the sidecar, and the field):

    DocumentError (ingest.errors.IngestError)
     ├── DocumentNotFound (SourceUnreadable, OSError)     no such file
     ├── DocumentUnreadable (SourceUnreadable, OSError)   broken DOCX package, broken PDF
     │    └── DocumentNeedsOcr                            a PDF without a text layer
     ├── DocumentEmpty (ValueError)                       nothing but white space
     ├── DocumentUndecodable (RecordUndecodable)          not UTF-8/UTF-16 (BOM)/GB18030
     ├── UnknownFormat (ValueError)                       no reader for the suffix
     └── SidecarError (ValueError)                        malformed sidecar or front matter
"""

from ingest.document.model import (
    Document,
    DocumentEmpty,
    DocumentError,
    DocumentNeedsOcr,
    DocumentNotFound,
    DocumentUndecodable,
    DocumentUnreadable,
    Metadata,
    Paragraph,
    Section,
    SidecarError,
    UnknownFormat,
)
from ingest.document.read import formats, read_document

__all__ = [
    "Document",
    "DocumentEmpty",
    "DocumentError",
    "DocumentNeedsOcr",
    "DocumentNotFound",
    "DocumentUndecodable",
    "DocumentUnreadable",
    "Metadata",
    "Paragraph",
    "Section",
    "SidecarError",
    "UnknownFormat",
    "formats",
    "read_document",
]
