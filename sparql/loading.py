"""Checks shared by the stores before they write: a file that does not parse loads nothing."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from sparql.errors import RdfSyntaxError


def parse_error(label: str, err: SyntaxError) -> RdfSyntaxError:
    """Our error for a pyoxigraph parse error, keeping its line and column."""
    reason = err.msg.split(": ", 1)[-1] if err.lineno else err.msg
    return RdfSyntaxError(label, err.lineno, err.offset, reason)


def check_syntax(fmt: ox.RdfFormat, *, path: Path | None = None, data: bytes | None = None,
                 base_iri: str | None = None, label: str = "input") -> int:
    """Parse the whole input without keeping it, and return its number of quads.

    Parsing is an order of magnitude cheaper than writing, so checking first keeps a load
    all-or-nothing at little cost (see benchmarks/bulk_load.py).

    Raises:
        RdfSyntaxError: with the source, line and column of the first error.
    """
    count = 0
    try:
        parser = ox.parse(data, fmt, path=str(path) if path else None, base_iri=base_iri)
        for _ in parser:
            count += 1
    except SyntaxError as err:
        raise parse_error(label, err) from None
    return count
