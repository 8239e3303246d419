"""DOCX (python-docx): paragraphs and tables in body order, headings by style and outline level.

A paragraph is a heading of level N when its style (or a style it is based on) is 'Heading N'
or '标题 N', or when it or its style carries outline level N-1 (0-8; 9 is body text). A 'Title'
style paragraph is the document title. A table row is one paragraph, its cells' texts joined by
' | ' (a merged cell, which python-docx repeats, counted once). A document with no heading style
at all gets its headings from the Chinese numbering of its paragraphs (一、 （一） 1. （1）, as in
`ingest.document.structure`), and a short first paragraph before them is the title. Core
properties give the file's metadata (tables/metadata_keys.tsv, source 'docx'); the title
paragraph is the title when they have none.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from ingest.document.metadata import field_of, file_fields
from ingest.document.model import Block, DocumentUnreadable, Extracted
from ingest.document.structure import heading_of, looks_like_title

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_STYLES = ("title", "标题")
_BODY_OUTLINE = 9


def extract(path: Path, data: bytes) -> Extracted:
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError) as err:
        raise DocumentUnreadable(f"not a readable DOCX package: {err}", source=str(path),
                                 field="docx package") from err
    blocks = [block for block in _body(document) if block.text]
    if not any(block.kind == "heading" for block in blocks):
        _headings_by_numbering(blocks)
    properties = document.core_properties
    pairs = [(name, getattr(properties, name, None)) for name in field_of("docx")]
    fields, notes = file_fields(pairs, "docx")
    titles = [block.text for block in blocks if block.kind == "title"]
    if "title" not in fields and titles:
        fields["title"] = titles[0]
    return Extracted(blocks, fields, notes)


def _body(document: DocxDocument) -> list[Block]:
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(_paragraph(DocxParagraph(child, document)))
        elif child.tag == qn("w:tbl"):
            blocks.extend(_rows(Table(child, document)))
    return blocks


def _paragraph(paragraph: DocxParagraph) -> Block:
    text = paragraph.text.strip()
    name = (paragraph.style.name or "").strip().lower() if paragraph.style else ""
    if name in _TITLE_STYLES:
        return Block("title", text)
    level = _level(paragraph)
    return Block("heading", text, level=level) if level else Block("paragraph", text)


def _level(paragraph: DocxParagraph) -> int | None:
    """The heading level of a paragraph from its outline level or its style chain."""
    outline = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    style = paragraph.style
    while not outline and style is not None:
        named = _HEADING_STYLE.match((style.name or "").strip())
        if named:
            return int(named.group(1))
        outline = style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
        style = style.base_style
    value = int(outline[0]) if outline else _BODY_OUTLINE
    return value + 1 if value < _BODY_OUTLINE else None


def _rows(table: Table) -> list[Block]:
    blocks = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        blocks.append(Block("paragraph", " | ".join(cells)))
    return blocks


def _headings_by_numbering(blocks: list[Block]) -> None:
    """Headings from the Chinese numbering, and a short first paragraph before the first of
    them as the title."""
    found = [(block, heading_of(block.text)) for block in blocks if block.kind == "paragraph"]
    numbered = [(block, match) for block, match in found if match and match.kind != "box"]
    ranks = sorted({match.rank for _, match in numbered})
    for block, match in numbered:
        block.kind, block.level = "heading", ranks.index(match.rank) + 1
    if numbered and len(blocks) > 1 and blocks[1].kind == "heading":
        if blocks[0].kind == "paragraph" and looks_like_title(blocks[0].text):
            blocks[0].kind = "title"
