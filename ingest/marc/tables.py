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

from pathlib import Path

from kg.tables import Key, TableError, Tables

__all__ = ["CODES", "KEYS", "Key", "TableError", "header", "index", "key_of", "lookup",
           "names", "table"]

CODES = Path(__file__).with_name("codes")

#: Tables whose rows are identified by more than their first column. The others are keyed by
#: their first column.
KEYS: dict[str, tuple[str, ...]] = {
    "leader_types": ("flavour", "position", "code"),
    "issuance": ("flavour", "code"),
    "rda_types": ("field", "code"),
    "subject_schemes": ("flavour", "field", "indicator2_or_code"),
}

_TABLES = Tables(CODES, KEYS)
names = _TABLES.names
header = _TABLES.header
table = _TABLES.table
index = _TABLES.index
lookup = _TABLES.lookup
key_of = _TABLES.key_of
