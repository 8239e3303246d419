"""Tab-separated code lists and mapping tables ('#' comment lines), read once per folder.

Each ``<name>.tsv`` file in a table folder is one table: comment lines start with ``#``, the
first other line is the header, every further line is a row with as many tab-separated values
as the header. Each user keeps its tables in its own folder (``ingest/marc/codes``,
``ingest/ancient_book/tables``, ``kg/linking/tables`` …) and reads them through one `Tables`
object. It lives in `kg` so that the linker, below `ingest`, reads tables the same way.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

Key = str | tuple[str, ...]


class TableError(ValueError):
    """A code table that is missing or malformed; says which file and line."""


class Tables:
    """The tables of one folder. ``keys`` names the identifying columns of the tables that
    are not identified by their first column alone."""

    def __init__(self, folder: Path, keys: dict[str, tuple[str, ...]] | None = None):
        self.folder = folder
        self.keys = keys or {}
        # per-instance caches: the instances live as long as the process, like the files
        self.read = cache(self._read)
        self.index = cache(self._index)

    def names(self) -> list[str]:
        """The names of all tables (file names without ``.tsv``), sorted."""
        return sorted(path.stem for path in self.folder.glob("*.tsv"))

    def header(self, name: str) -> tuple[str, ...]:
        """The column names of table ``name``."""
        return self.read(name)[0]

    def table(self, name: str) -> list[dict[str, str]]:
        """All rows of table ``name`` in file order, as column -> value (cached: do not mutate).

        Raises:
            TableError: the file is missing or a row has the wrong number of values.
        """
        return self.read(name)[1]

    def _index(self, name: str, key: Key | None = None) -> dict[Key, dict[str, str]]:
        """Rows of table ``name`` by ``key``: a column name, or a tuple of column names.

        ``key`` defaults to the table's identifying columns. A tuple key gives tuple dict keys.
        Where several rows share a key the first one wins, so a table lists the preferred row
        first.
        """
        key = key or self.key_of(name)
        columns = (key,) if isinstance(key, str) else key
        missing = [c for c in columns if c not in self.header(name)]
        if missing:
            raise TableError(f"{self.path(name)}: no column {', '.join(missing)}")
        rows: dict[Key, dict[str, str]] = {}
        for row in self.table(name):
            value = row[key] if isinstance(key, str) else tuple(row[c] for c in key)
            rows.setdefault(value, row)
        return rows

    def lookup(self, name: str, code: Key, column: str, default: str | None = None
               ) -> str | None:
        """The ``column`` value of the row whose key is ``code``, or ``default``.

        ``code`` is matched exactly (callers normalise it). An empty value counts as found and
        is returned as ``''``.
        """
        row = self.index(name).get(code)
        return default if row is None else row[column]

    def key_of(self, name: str) -> Key:
        """The identifying column(s) of table ``name``."""
        return self.keys.get(name) or self.header(name)[0]

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.tsv"

    def _read(self, name: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
        path = self.path(name)
        if not path.is_file():
            raise TableError(f"no code table {name!r} in {self.folder} "
                             f"(known: {', '.join(self.names())})")
        with path.open(encoding="utf-8", newline="") as lines:
            numbered = [(n, line) for n, line in enumerate(lines, 1)
                        if line.strip() and not line.startswith("#")]
        if not numbered:
            raise TableError(f"{path}: no header line")
        cells = csv.reader((line for _, line in numbered), delimiter="\t",
                           quoting=csv.QUOTE_NONE)
        head, *body = list(cells)
        for (n, _), values in zip(numbered[1:], body, strict=True):
            if len(values) != len(head):
                raise TableError(f"{path}:{n}: {len(values)} values for {len(head)} columns")
        return tuple(head), [dict(zip(head, values, strict=True)) for values in body]
