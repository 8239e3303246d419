"""The linker's tables: tab-separated files in ``kg/linking/tables/`` with '#' comment lines.

The format and the reader are those of every table in the project (`kg.tables.Tables`); here
a table's problems are LinkTableErrors.

>>> rows = table("types")
>>> rows[0]["type"] in TYPES
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.linking.errors import LinkTableError
from kg.tables import TableError, Tables

TABLES = Path(__file__).with_name("tables")
TYPES = ("PERSON", "PLACE", "ORGANIZATION", "WORK", "EVENT", "PERIOD")


@cache
def _tables(folder: Path) -> Tables:
    return Tables(folder)


def table(name: str, folder: Path = TABLES) -> list[dict[str, str]]:
    """The rows of ``<folder>/<name>.tsv`` as column -> value (cached: do not mutate).

    Raises:
        LinkTableError: the file is missing, has no header, or a row has the wrong number of
            values (the message gives file and line).
    """
    if not (folder / f"{name}.tsv").is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.tsv")))
        raise LinkTableError(f"no linker table {name!r} in {folder} (known: {known})")
    try:
        return _tables(folder).table(name)
    except TableError as err:
        raise LinkTableError(str(err)) from None


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
