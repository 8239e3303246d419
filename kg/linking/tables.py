"""The linker's tables: tab-separated files in ``kg/linking/tables/`` with '#' comment lines.

The format is the one the ingest tables use (a header line, then rows with as many values),
read here again because `kg` sits below `ingest` and may not import it.

>>> rows = table("types")
>>> rows[0]["type"] in TYPES
True
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from kg.linking.errors import LinkTableError

TABLES = Path(__file__).with_name("tables")
TYPES = ("PERSON", "PLACE", "ORGANIZATION", "WORK", "EVENT", "PERIOD")


@cache
def table(name: str, folder: Path = TABLES) -> list[dict[str, str]]:
    """The rows of ``<folder>/<name>.tsv`` as column -> value (cached: do not mutate).

    Raises:
        LinkTableError: the file is missing, has no header, or a row has the wrong number of
            values (the message gives file and line).
    """
    path = folder / f"{name}.tsv"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.tsv")))
        raise LinkTableError(f"no linker table {name!r} in {folder} (known: {known})")
    with path.open(encoding="utf-8", newline="") as lines:
        numbered = [(n, line.rstrip("\r\n")) for n, line in enumerate(lines, 1)
                    if line.strip() and not line.startswith("#")]
    if not numbered:
        raise LinkTableError(f"{path}: no header line")
    rows = list(csv.reader((line for _, line in numbered), delimiter="\t",
                           quoting=csv.QUOTE_NONE))
    head = rows[0]
    out = []
    for (n, _), values in zip(numbered[1:], rows[1:], strict=True):
        if len(values) != len(head):
            raise LinkTableError(f"{path}:{n}: {len(values)} values for {len(head)} columns "
                                 f"({', '.join(head)})")
        out.append(dict(zip(head, values, strict=True)))
    return out


def column(name: str, key: str, folder: Path = TABLES) -> list[str]:
    """The values of one column of a table, in file order.

    Raises:
        LinkTableError: the table has no such column.
    """
    rows = table(name, folder)
    if rows and key not in rows[0]:
        raise LinkTableError(f"{folder / (name + '.tsv')}: no column {key!r}")
    return [row[key] for row in rows]


def number(row: dict[str, str], key: str, name: str) -> float:
    """A numeric cell, or a LinkTableError naming the table, column and value."""
    try:
        return float(row[key])
    except (KeyError, ValueError):
        raise LinkTableError(f"{TABLES / (name + '.tsv')}: column {key!r} must be a number, "
                             f"not {row.get(key)!r}") from None
