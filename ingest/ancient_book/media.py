"""Page images and their OCR text: copied into the media folder, described as jl:Page nodes.

A book's pages are copied to ``{media}/{source}/{key}/{n:04}{suffix}`` (the IIIF Image API
serves them from there, whatever happens to the folder they were ingested from); a file that is
already there with the same bytes is left alone, so a re-ingest copies nothing. Each page node
records the copy's path relative to the media folder, the image's size in pixels, and the OCR
text when a ``.txt`` lies beside the image.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from ingest.ancient_book.sheet import CensusRow, PageFile
from ingest.chinese import zh_tag
from ingest.protocol import Issue
from kg.vocab import DCT, JL, RDFS


@dataclass(frozen=True)
class Media:
    root: Path

    def pages(self, book, source: str, key: str, row: CensusRow) -> list[tuple[str, str]]:
        """Copy each page image and describe it; an unreadable image is an issue.

        Returns what of the pages a re-ingest must notice (each file's name and SHA-1), from
        the same single read of each file that the copy and the description use.
        """
        fingerprint = []
        for page in row.pages:
            image = page.image.read_bytes()
            text = page.text.read_bytes() if page.text is not None else None
            fingerprint += [(path.name, hashlib.sha1(data).hexdigest()) for path, data in
                            ((page.image, image), (page.text, text)) if data is not None]
            try:
                width, height = _size(image)
            except OSError as err:
                book.issues.append(Issue("page-image", f"{page.image.name}: not a readable "
                                         f"image ({err})", f"page {page.number}"))
                continue
            relative = Path(source) / key / f"{page.number:04d}{page.image.suffix.lower()}"
            _copy(image, self.root / relative)
            _describe(book, page, relative.as_posix(), width, height, text)
        return fingerprint


def _size(image: bytes) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(image)) as im:
            return im.size
    except UnidentifiedImageError as err:
        raise OSError(str(err)) from err


def _copy(data: bytes, target: Path) -> None:
    """Write unless the same bytes are there already; write-then-rename, so a reader of the
    media folder never sees half a file."""
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, target)


def _describe(book, page: PageFile, relative: str, width: int, height: int,
              text_bytes: bytes | None) -> None:
    t = book.t
    node = NamedNode(f"{book.instance.value}#page-{page.number}")
    t.types(node, JL.Page)
    t.add(node, DCT.isPartOf, book.instance)
    t.integer(node, JL.order, page.number)
    t.add(node, RDFS.label, Literal(f"第{page.number}页", language="zh-Hans"))
    t.add(node, JL.imageFile, Literal(relative))
    t.integer(node, JL.width, width)
    t.integer(node, JL.height, height)
    if text_bytes is not None:
        text = _ocr_text(text_bytes, page.text, book, page.number)
        if text:
            t.add(node, JL.text, Literal(text, language=zh_tag(text)))


def _ocr_text(data: bytes, path: Path, book, number: int) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
    book.issues.append(Issue("page-text", f"{path.name}: neither UTF-8 nor GB18030",
                             f"page {number}"))
    return None
