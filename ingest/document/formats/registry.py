"""Which reader reads which file suffix: tables/formats.tsv, with each module imported on first use.

>>> formats()[".md"], formats()[".docx"]
('markdown', 'docx')
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from types import ModuleType

from ingest.document.model import UnknownFormat
from ingest.document.structure import TABLES


def formats() -> dict[str, str]:
    """File suffix (lower case, with the dot) -> format name."""
    return {row["suffix"]: row["format"] for row in TABLES.table("formats")}


def reader_for(path: Path) -> tuple[str, ModuleType]:
    """The format name and reader module for ``path``, by its suffix (case-insensitive)."""
    row = TABLES.index("formats").get(path.suffix.lower())
    if row is None:
        known = ", ".join(sorted(formats()))
        raise UnknownFormat(f"no reader for suffix {path.suffix or '(none)'!r} (known: {known})",
                            source=str(path), field="suffix")
    return row["format"], import_module(row["module"])
