"""Markdown (CommonMark with tables, through markdown-it-py): ATX and setext headings by their
level, paragraphs (also inside lists and block quotes), code blocks, table rows.

YAML front matter between '---' lines at the top is metadata read by the sidecar rules
(`ingest.document.metadata`; a malformed one raises SidecarError naming the file and key);
without a title there, the first level-1 heading gives the title. Wrapped lines inside a
paragraph are rejoined as in plain text (no space between CJK characters); inline markup is
dropped, link text and image alt text kept; raw HTML is left out (and noted).
"""

from __future__ import annotations

import re
from functools import reduce
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingest.document.formats.text import decode
from ingest.document.metadata import parse_mapping, sidecar_fields
from ingest.document.model import Block, Extracted
from ingest.document.structure import join_lines

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_PARSER = MarkdownIt("commonmark").enable("table")


def extract(path: Path, data: bytes) -> Extracted:
    text, problems = decode(data, str(path))
    fields: dict[str, object] = {}
    extra: tuple[tuple[str, str], ...] = ()
    front = _FRONT.match(text)
    skipped = 0
    if front:
        mapping = parse_mapping(front.group(1) or "", f"{path} (front matter)")
        fields, extra = sidecar_fields(mapping, f"{path} (front matter)")
        text, skipped = text[front.end():], front.group(0).count("\n")
    tokens = _PARSER.parse(text)
    blocks = _blocks(tokens)
    problems += [f"line {token.map[0] + 1 + skipped}: raw HTML block left out"
                 for token in tokens if token.type == "html_block" and token.map]
    h1 = [block.text for block in blocks if block.kind == "heading" and block.level == 1]
    if "title" not in fields and h1:
        fields["title"] = h1[0]
    return Extracted(blocks, fields, problems, extra)


def _blocks(tokens: list[Token]) -> list[Block]:
    blocks: list[Block] = []
    row: list[str] | None = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            blocks.append(Block("heading", _inline(tokens[i + 1]), level=int(token.tag[1])))
        elif token.type == "paragraph_open":
            blocks.append(Block("paragraph", _inline(tokens[i + 1])))
        elif token.type in ("fence", "code_block"):
            blocks.append(Block("paragraph", token.content.strip()))
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(_inline(token))
        elif token.type == "tr_close" and row is not None:
            blocks.append(Block("paragraph", " | ".join(cell for cell in row if cell)))
            row = None
    return [block for block in blocks if block.text]


def _inline(token: Token) -> str:
    lines = [""]
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type == "image":
            lines[-1] += "".join(c.content for c in child.children or [])
    return reduce(join_lines, (line.strip() for line in lines if line.strip()), "")
