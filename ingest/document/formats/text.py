"""Plain text: UTF-8, UTF-8 with a byte order mark, UTF-16 with one, else GB18030; then the
line heuristics of `ingest.document.structure`.

The encoding used is reported in the problems when it is not plain UTF-8. A title line found at
the top is the file's title metadata.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ingest.document.model import DocumentUndecodable, Extracted
from ingest.document.structure import split_lines, structure_lines

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with a byte order mark"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (little-endian, with a byte order mark)"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (big-endian, with a byte order mark)"))


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """The text of ``data`` with its line breaks made '\\n', and a note on the encoding used
    when it is not plain UTF-8. Raises DocumentUndecodable naming the first bad byte."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec, f"not valid {name}", source)
            return _checked(text, source), [f"encoding: {name}"]
    try:
        return _checked(data.decode("utf-8"), source), []
    except UnicodeDecodeError as err:
        why = f"the bytes are neither UTF-8 (bad byte at {err.start}) nor GB18030"
        text = _strict(data, "gb18030", why, source)
        return _checked(text, source), [
            f"encoding: not UTF-8 (bad byte at {err.start}); decoded as GB18030"]


def _strict(data: bytes, codec: str, why: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise DocumentUndecodable(f"{why} (bad byte at {err.start})", source=source,
                                  field="encoding", offset=err.start) from err


def _checked(text: str, source: str) -> str:
    if "\x00" in text:
        raise DocumentUndecodable("the text holds NUL characters: not a text file",
                                  source=source, field="encoding", offset=text.index("\x00"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract(path: Path, data: bytes) -> Extracted:
    text, problems = decode(data, str(path))
    blocks, notes = structure_lines(split_lines(text))
    titles = [block.text for block in blocks if block.kind == "title"]
    return Extracted(blocks, {"title": titles[0]} if titles else {}, problems + notes)
