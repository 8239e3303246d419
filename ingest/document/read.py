"""The entry point: `read_document` reads one local document into a `Document`.

It checks the file, picks the reader by suffix (formats/registry.py), lets it extract blocks,
builds the text and the section tree from them, and merges the file's metadata with the
sidecar's. Any `DocumentError` raised on the way names the file (or the sidecar) and the field.

The section tree: a heading is a child of the nearest heading before it with a lower level;
its number is its path of positions ('1', '1.2', '1.2.3'); text before the first heading is
section '0'. A sidebar box is a section one level below the section it stands in, holding only
its own paragraphs (the text after it belongs to that section again). Document.text is the
title, headings and paragraphs joined by '\\n\\n'; every offset points into it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.document.formats import registry
from ingest.document.metadata import load_sidecar, merge, sidecar_fields, sidecars
from ingest.document.model import (
    Block,
    Document,
    DocumentEmpty,
    DocumentError,
    DocumentNotFound,
    Extracted,
    Metadata,
    Paragraph,
    Section,
)

SEPARATOR = "\n\n"


def formats() -> dict[str, str]:
    """File suffix -> format name, for every suffix `read_document` reads.

    >>> formats()[".txt"]
    'text'
    """
    return registry.formats()


def read_document(path: Path) -> Document:
    """Read and structure the local document at ``path``.

    :raises DocumentNotFound: no such file.
    :raises UnknownFormat: no reader for the suffix.
    :raises DocumentEmpty: the file holds no text.
    :raises DocumentUndecodable: text bytes in no encoding tried.
    :raises DocumentUnreadable: a broken DOCX or PDF (DocumentNeedsOcr: no text layer).
    :raises SidecarError: a malformed sidecar or front matter (names the file and key).
    """
    path = Path(path)
    try:
        return _read(path)
    except DocumentError as err:
        err.source = err.source or str(path)
        raise


def _read(path: Path) -> Document:
    if not path.is_file():
        raise DocumentNotFound("no such file", source=str(path))
    name, reader = registry.reader_for(path)
    data = path.read_bytes()
    if not data.strip():
        raise DocumentEmpty("the file is empty" if not data else "the file holds only white space",
                            source=str(path), field="text")
    extracted: Extracted = reader.extract(path, data)
    text, sections = assemble(extracted.blocks)
    if not text.strip():
        raise DocumentEmpty("no text found in the document", source=str(path), field="text")
    metadata, notes = _metadata(path, extracted, text)
    return Document(path, name, text, metadata, sections, hashlib.sha256(data).hexdigest(),
                    tuple(extracted.problems + notes))


def _metadata(path: Path, extracted: Extracted, text: str) -> tuple[Metadata, list[str]]:
    found = sidecars(path)
    notes = []
    if len(found) > 1:
        notes.append(f"metadata: several sidecars ({', '.join(p.name for p in found)}); "
                     f"{found[0].name} read")
    fields, extra = sidecar_fields(load_sidecar(found[0]), str(found[0])) if found else ({}, ())
    merged_extra = tuple({**dict(extracted.extra), **dict(extra)}.items())
    return merge(extracted.metadata, fields, merged_extra, text), notes


# --- text and section tree --------------------------------------------------------------------

@dataclass
class _OpenSection:
    number: str
    title: str | None
    level: int
    start: int
    end: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: int = 0

    def frozen(self) -> Section:
        return Section(self.number, self.title, self.level, self.start, self.end,
                       tuple(self.paragraphs))


@dataclass
class _Assembler:
    pieces: list[str] = field(default_factory=list)
    length: int = 0
    sections: list[_OpenSection] = field(default_factory=list)
    stack: list[_OpenSection] = field(default_factory=list)
    top: int = 0
    zero: _OpenSection | None = None

    def add(self, block: Block) -> None:
        text = clean(block.text)
        if not text:
            return
        block = replace(block, text=text)
        {"title": self._place_title, "heading": self._heading, "box": self._box,
         "paragraph": self._paragraph}[block.kind](block)

    def _place(self, text: str) -> tuple[int, int]:
        start = self.length + (len(SEPARATOR) if self.pieces else 0)
        self.pieces.append(text)
        self.length = start + len(text)
        for section in self.stack:
            section.end = self.length
        return start, self.length

    def _place_title(self, block: Block) -> None:
        self._place(block.text)

    def _heading(self, block: Block) -> None:
        while self.stack and self.stack[-1].level >= block.level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if parent:
            parent.children += 1
            number = f"{parent.number}.{parent.children}"
        else:
            self.top += 1
            number = str(self.top)
        start, end = self._place(block.text)
        section = _OpenSection(number, block.text, block.level, start, end)
        self.sections.append(section)
        self.stack.append(section)

    def _box(self, block: Block) -> None:
        level = self.stack[-1].level + 1 if self.stack else 1
        self._heading(replace(block, level=level))
        for child in block.children:
            self.add(child)
        self.stack.pop()

    def _paragraph(self, block: Block) -> None:
        owner = self.stack[-1] if self.stack else self._zero()
        start, end = self._place(block.text)
        owner.end = max(owner.end, end)
        owner.paragraphs.append(Paragraph(len(owner.paragraphs) + 1, block.text, start, end,
                                          block.page))

    def _zero(self) -> _OpenSection:
        if self.zero is None:
            start = self.length + (len(SEPARATOR) if self.pieces else 0)
            self.zero = _OpenSection("0", None, 0, start, start)
            self.sections.append(self.zero)
        return self.zero


def clean(text: str) -> str:
    """Block text as stored: stripped, no empty lines inside (they would look like a break).

    >>> clean("  第一行\\n\\n\\n第二行 ")
    '第一行\\n第二行'
    """
    return re.sub(r"\n\s*\n", "\n", text.strip())


def assemble(blocks: list[Block]) -> tuple[str, tuple[Section, ...]]:
    """The text of the blocks and their section tree, in document order."""
    assembler = _Assembler()
    for block in blocks:
        assembler.add(block)
    sections = sorted(assembler.sections, key=lambda section: section.start)
    return SEPARATOR.join(assembler.pieces), tuple(s.frozen() for s in sections)
