"""Source kinds by name, each a module with ``SOURCE``: what `jinling ingest KIND` runs.

Registrations name a module, imported on first use (so ``jinling --help`` stays fast).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

SOURCES = {
    "marc": "ingest.marc.source",
}


def source(kind: str) -> Any:
    """The source registered under ``kind``. Raises KeyError listing the known kinds."""
    if kind not in SOURCES:
        raise KeyError(f"no ingest source {kind!r}; known: {', '.join(sorted(SOURCES))}")
    return import_module(SOURCES[kind]).SOURCE
