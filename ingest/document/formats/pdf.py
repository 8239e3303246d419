"""PDF text layer (pypdf), page by page, through the line heuristics of
`ingest.document.structure`: each paragraph keeps the page it starts on. Leading spaces in a
text layer render an indent, so they start a paragraph (they are no page-boundary debris here).

A PDF whose pages carry no text at all raises DocumentNeedsOcr; single pages without text
among pages with text are noted. An encrypted PDF is opened with the empty password when it
has one. The document information dictionary gives the file's metadata
(tables/metadata_keys.tsv, source 'pdf'), a title line at the top of the text the title when
the dictionary has none.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ingest.document.metadata import file_fields
from ingest.document.model import DocumentNeedsOcr, DocumentUnreadable, Extracted
from ingest.document.structure import Line, structure_lines

_BROKEN = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError)


def extract(path: Path, data: bytes) -> Extracted:
    reader, pages = _pages(path, data)
    if not pages:
        raise DocumentUnreadable("the PDF has no pages", source=str(path), field="pages")
    if not any(text.strip() for text in pages):
        raise DocumentNeedsOcr(f"none of its {len(pages)} page(s) has a text layer: the PDF "
                               f"needs OCR before it can be read", source=str(path),
                               field="text layer")
    problems = [f"page {number}: no text layer (a scanned page?), it needs OCR"
                for number, text in enumerate(pages, 1) if not text.strip()]
    lines = [Line(line, f"page {number}, line {index}", number)
             for number, text in enumerate(pages, 1)
             for index, line in enumerate(text.split("\n"), 1)]
    blocks, notes = structure_lines(lines, one_space="indent")
    info = reader.metadata or {}
    fields, meta_notes = file_fields(((str(k).lstrip("/"), v) for k, v in info.items()), "pdf")
    titles = [block.text for block in blocks if block.kind == "title"]
    if "title" not in fields and titles:
        fields["title"] = titles[0]
    return Extracted(blocks, fields, problems + notes + meta_notes)


def _pages(path: Path, data: bytes) -> tuple[PdfReader, list[str]]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentUnreadable("the PDF is encrypted with a password", source=str(path),
                                     field="encryption")
        return reader, [page.extract_text() or "" for page in reader.pages]
    except _BROKEN as err:
        raise DocumentUnreadable(f"not a readable PDF: {err}", source=str(path),
                                 field="pdf") from err
