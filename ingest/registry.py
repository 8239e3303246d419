"""Source kinds by name: what `jinling ingest KIND` runs.

Each registration names a module holding ``SOURCE`` (an `ingest.protocol.Source`), imported on
first use so that ``jinling --help`` stays fast, with what the command line needs to know before
that import: the default graph and a one-line description. The CLI and the tests enumerate this
table; nothing else lists the formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class Registration:
    module: str
    graph: str          # the default graph of `jinling ingest KIND`
    summary: str        # the command's help line
    text: bool = False  # its records hold text parts (jl:TextPart) for the linker


SOURCES: dict[str, Registration] = {
    "marc": Registration("ingest.marc.source", "catalogue",
                         "MARC21 / CNMARC files (ISO 2709 or MARCXML) as BIBFRAME 2."),
    "document": Registration("ingest.document.source", "documents",
                             "Local documents (text, Markdown, HTML, DOCX, PDF) with sidecar "
                             "metadata, split into sections and paragraphs.", text=True),
    "ancient-book": Registration("ingest.ancient_book.source", "ancient-books",
                                 "Ancient-book census sheets (CSV or XLSX), with page images "
                                 "and page text when present.", text=True),
    "oral-history": Registration("ingest.oral_history.source", "oral-history",
                                 "Oral-history interviews: metadata and WebVTT, SRT or text "
                                 "transcripts.", text=True),
}


def source(kind: str) -> Any:
    """The source registered under ``kind``. Raises KeyError listing the known kinds."""
    if kind not in SOURCES:
        raise KeyError(f"no ingest source {kind!r}; known: {', '.join(sorted(SOURCES))}")
    return import_module(SOURCES[kind].module).SOURCE
