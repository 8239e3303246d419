"""Checks shared by the stores before they write: a file that does not parse loads nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox

from sparql.errors import RdfSyntaxError

# pyoxigraph's RDF/XML errors carry no position; they often quote the offending value.
_QUOTED = re.compile(r"'([^']{3,})'")


def parse_error(label: str, err: SyntaxError, *, fmt: ox.RdfFormat | None = None,
                path: Path | None = None, data: bytes | None = None) -> RdfSyntaxError:
    """Our error for a pyoxigraph parse error, keeping its line and column.

    When the parser gives no position (RDF/XML) and the input is at hand, the position is
    found again: where expat stops for XML that is not well formed, else the first place the
    value quoted in the message appears.
    """
    reason = err.msg.split(": ", 1)[-1] if err.lineno else err.msg
    line, column = err.lineno, err.offset
    if line is None and fmt == ox.RdfFormat.RDF_XML and (path is not None or data is not None):
        line, column = xml_error_position(err.msg, path=path, data=data)
    return RdfSyntaxError(label, line, column, reason)


def xml_error_position(message: str, *, path: Path | None = None, data: bytes | None = None
                       ) -> tuple[int | None, int | None]:
    """1-based (line, column) of an RDF/XML error, or (None, None) when it cannot be found."""
    position = _expat_position(path, data)
    if position is None:
        quoted = _QUOTED.search(message)
        position = _find_text(quoted.group(1), path, data) if quoted else None
    return position or (None, None)


def _expat_position(path: Path | None, data: bytes | None) -> tuple[int, int] | None:
    parser = expat.ParserCreate()
    try:
        if path is not None:
            with path.open("rb") as f:
                parser.ParseFile(f)
        else:
            parser.Parse(data or b"", True)
    except expat.ExpatError as err:
        return err.lineno, err.offset + 1
    return None


def _find_text(needle: str, path: Path | None, data: bytes | None) -> tuple[int, int] | None:
    if path is not None:
        with path.open(encoding="utf-8", errors="replace") as f:
            return _find_in_lines(needle, f)
    return _find_in_lines(needle, (data or b"").decode("utf-8", "replace").splitlines())


def _find_in_lines(needle: str, lines: Iterable[str]) -> tuple[int, int] | None:
    for number, line in enumerate(lines, start=1):
        column = line.find(needle)
        if column >= 0:
            return number, column + 1
    return None


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
        raise parse_error(label, err, fmt=fmt, path=path, data=data) from None
    return count
