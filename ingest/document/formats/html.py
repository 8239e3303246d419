"""HTML (lxml.html): h1-h6 are headings of their level; p, li, blockquote, div and the other
block elements are paragraphs of their own text; a table row is one paragraph with its cells
joined by ' | '; <br> ends a paragraph; script, style and the like are dropped.

Metadata: <title>, <meta name=author|description|keywords|dc.*|dcterms.*> and <html lang>
(tables/metadata_keys.tsv, source 'html'). White space is collapsed as a browser would, except
that a line break between CJK characters is removed (Chinese source text is often wrapped).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from ingest.document.formats.text import decode
from ingest.document.metadata import file_fields
from ingest.document.model import Block, DocumentUnreadable, Extracted

DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "svg", "head")
BLOCKS = frozenset("p li blockquote div section article main header footer aside nav dd dt "
                   "pre table thead tbody tfoot tr ul ol dl figure figcaption address "
                   "center form fieldset details summary caption body".split())
CELLS = frozenset(("td", "th"))
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_SPACE = re.compile(r"[ \t\n\r\f]+")     # HTML collapses ASCII white space only (not U+3000)


@dataclass
class _Collector:
    blocks: list[Block] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)

    def add(self, text: str | None) -> None:
        if text:
            self.pieces.append(text)

    def cell(self) -> None:
        if squeeze("".join(self.pieces)):
            self.pieces.append(" | ")

    def flush(self, kind: str = "paragraph", level: int = 0) -> None:
        text = squeeze("".join(self.pieces)).strip(" |")
        if text:
            self.blocks.append(Block(kind, text, level=level))
        self.pieces = []


def squeeze(text: str) -> str:
    """Collapse white space; drop a line break that stands next to CJK text.

    >>> squeeze("  金陵\\n   图书馆  is\\n  here ")
    '金陵图书馆 is here'
    """
    def space(found: re.Match[str]) -> str:
        near = text[found.start() - 1:found.start()] + text[found.end():found.end() + 1]
        wide = any(unicodedata.east_asian_width(c) in "WF" for c in near)
        return "" if "\n" in found.group() and wide else " "
    return _SPACE.sub(space, text.replace("\xa0", " ")).strip(" \t\n\r\f")


def extract(path: Path, data: bytes) -> Extracted:
    text, problems = decode(data, str(path))
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, ValueError) as err:
        raise DocumentUnreadable(f"not readable as HTML: {err}", source=str(path),
                                 field="html") from err
    fields, notes = file_fields(_meta_pairs(root), "html")
    for element in root.xpath("|".join(f"//{tag}" for tag in DROPPED)):
        element.drop_tree()
    collector = _Collector()
    _walk(root, collector)
    collector.flush()
    return Extracted(collector.blocks, fields, problems + notes)


def _meta_pairs(root: lxml.html.HtmlElement) -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = [("title", squeeze(t.text_content()))
                                       for t in root.xpath("//head/title")[:1]]
    pairs += [(meta.get("name", ""), meta.get("content")) for meta in root.xpath("//meta[@name]")]
    return pairs + [("lang", root.get("lang"))]


def _walk(element: lxml.html.HtmlElement, out: _Collector) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else None
    if tag is None:         # comments and processing instructions hold no text
        return
    if re.fullmatch(r"h[1-6]", tag):
        out.flush()
        out.add(element.text_content())
        out.flush("heading", int(tag[1]))
        return
    if tag == "br":
        out.flush()
        return
    if tag in BLOCKS:
        out.flush()
    elif tag in CELLS:
        out.cell()
    out.add(element.text)
    for child in element:
        _walk(child, out)
        out.add(child.tail)
    if tag in BLOCKS:
        out.flush()
