"""Loads the code lists and mapping tables under ingest/marc/codes/ (tab-separated, '#' comments).

Each ``<name>.tsv`` file is one table: comment lines start with ``#``, the first other line
is the header, every further line is a row with as many tab-separated values as the header.
Tables are read once and cached; lookups are dict accesses.

>>> lookup("languages", "chi", "bcp47")
'zh'
>>> lookup("countries", "ch", "iso3166")
'TW'
>>> lookup("relators", "trl", "unimarc")
'730'
>>> lookup("leader_types", ("unimarc", "06", "b"), "instance_class")
'bf:Manuscript'
>>> lookup("languages", "xyz", "bcp47", default="und")
'und'
>>> index("unimarc_relators")["070"]["marc"]
'aut'
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

CODES = Path(__file__).with_name("codes")

Key = str | tuple[str, ...]

#: Tables whose rows are identified by more than their first column. The others are keyed by
#: their first column.
KEYS: dict[str, tuple[str, ...]] = {
    "leader_types": ("flavour", "position", "code"),
    "issuance": ("flavour", "code"),
    "rda_types": ("field", "code"),
    "subject_schemes": ("flavour", "field", "indicator2_or_code"),
}


class TableError(ValueError):
    """A code table that is missing or malformed; says which file and line."""


def names() -> list[str]:
    """The names of all tables (file names without ``.tsv``), sorted.

    >>> "languages" in names()
    True
    """
    return sorted(path.stem for path in CODES.glob("*.tsv"))


@cache
def header(name: str) -> tuple[str, ...]:
    """The column names of table ``name``.

    >>> header("scripts")
    ('code', 'iso15924', 'default_bcp47', 'note')
    """
    return _read(name)[0]


def table(name: str) -> list[dict[str, str]]:
    """All rows of table ``name`` in file order, as column -> value (cached: do not mutate).

    Raises:
        TableError: the file is missing or a row has the wrong number of values.
    """
    return _read(name)[1]


@cache
def index(name: str, key: Key | None = None) -> dict[Key, dict[str, str]]:
    """Rows of table ``name`` by ``key``: a column name, or a tuple of column names.

    ``key`` defaults to the table's identifying columns (``KEYS``, else the first column).
    A tuple key gives tuple dict keys. Where several rows share a key the first one wins, so
    a table lists the preferred row first.

    >>> index("issuance")[("marc21", "s")]["iri"]
    'http://id.loc.gov/vocabulary/issuance/serl'
    """
    key = key or key_of(name)
    columns = (key,) if isinstance(key, str) else key
    missing = [c for c in columns if c not in header(name)]
    if missing:
        raise TableError(f"{_path(name)}: no column {', '.join(missing)}")
    rows: dict[Key, dict[str, str]] = {}
    for row in table(name):
        value = row[key] if isinstance(key, str) else tuple(row[c] for c in key)
        rows.setdefault(value, row)
    return rows


def lookup(name: str, code: Key, column: str, default: str | None = None) -> str | None:
    """The ``column`` value of the row whose key is ``code``, or ``default``.

    ``code`` is matched exactly (callers normalise case: MARC codes are lower case, ISO
    country codes upper case). An empty value counts as found and is returned as ``''``.
    """
    row = index(name).get(code)
    return default if row is None else row[column]


def key_of(name: str) -> Key:
    """The identifying column(s) of table ``name``.

    >>> key_of("languages"), key_of("issuance")
    ('code', ('flavour', 'code'))
    """
    return KEYS.get(name) or header(name)[0]


def _path(name: str) -> Path:
    return CODES / f"{name}.tsv"


@cache
def _read(name: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    path = _path(name)
    if not path.is_file():
        raise TableError(f"no code table {name!r} (known: {', '.join(names())})")
    with path.open(encoding="utf-8", newline="") as lines:
        numbered = [(n, line) for n, line in enumerate(lines, 1)
                    if line.strip() and not line.startswith("#")]
    if not numbered:
        raise TableError(f"{path}: no header line")
    cells = csv.reader((line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
    head, *body = list(cells)
    for (n, _), values in zip(numbered[1:], body, strict=True):
        if len(values) != len(head):
            raise TableError(f"{path}:{n}: {len(values)} values for {len(head)} columns")
    return tuple(head), [dict(zip(head, values, strict=True)) for values in body]
