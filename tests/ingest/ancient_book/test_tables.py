"""The code tables of ingest/ancient_book/tables: shape, keys and how they fit together."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from ingest.ancient_book import TABLES, eras
from kg.tables import Tables

COLUMNS = {
    "numerals": ("char", "value", "kind"),
    "ganzhi": ("kind", "position", "char"),
    "reign_eras": ("id", "name", "name_trad", "alt_names", "alt_names_trad", "dynasty",
                   "dynasty_trad", "emperor", "first", "last", "years", "dila_ids"),
    "dynasties": ("name", "aliases", "start", "end", "broader", "also", "dila", "epoch", "opens"),
    "era_variants": ("variant", "era", "dynasty", "first", "note"),
    "periods": ("phrase", "dynasty", "start", "end", "basis"),
    "false_starts": ("word", "note"),
    "edition_types": ("term", "type", "broader", "slug", "label_en", "note"),
    "roles": ("term", "role", "relator", "label_en", "note"),
    "t2s_keep": ("char", "reason"),
}
MARC_CODES = Path(eras.__file__).parents[1] / "marc" / "codes"


def test_tables_every_table_of_the_parsers_is_there():
    # the folder also holds the converter's own tables (census_columns …), checked elsewhere
    assert set(COLUMNS) <= set(TABLES.names())


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_tables_header_and_keys(name):
    assert TABLES.header(name) == COLUMNS[name]
    key = TABLES.key_of(name)
    columns = (key,) if isinstance(key, str) else key
    counts = Counter(tuple(row[c] for c in columns) for row in TABLES.table(name))
    assert [k for k, n in counts.items() if n > 1] == []
    assert all(all(k) for k in counts)


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_tables_no_stray_whitespace(name):
    for row in TABLES.table(name):
        assert all(value == value.strip() for value in row.values()), row


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_tables_say_where_they_are_used(name):
    header = TABLES.path(name).read_text(encoding="utf-8").split("\n", 12)
    assert any(line.startswith("# Used in:") for line in header), name


def test_tables_reign_eras_carry_the_dila_licence():
    head = TABLES.path("reign_eras").read_text(encoding="utf-8")[:2000]
    assert "CC BY-SA 3.0" in head and "DILA" in head and "4c204f88" in head


def test_tables_reign_eras_years():
    for row in TABLES.table("reign_eras"):
        first, last = int(row["first"]), int(row["last"])
        assert first <= last and int(row["years"]) == last - first + 1, row


def test_tables_every_dila_dynasty_maps_to_one_of_ours():
    owners = defaultdict(list)
    for row in TABLES.table("dynasties"):
        for dila in filter(None, row["dila"].split("|")):
            owners[dila].append(row["name"])
    assert {d: o for d, o in owners.items() if len(o) > 1} == {}
    used = {row["dynasty"] for row in TABLES.table("reign_eras")}
    assert used - set(owners) == set()


def test_tables_dynasties_fit_together():
    rows = TABLES.table("dynasties")
    names = {row["name"] for row in rows}
    for row in rows:
        assert int(row["start"]) <= int(row["end"]), row
        assert not row["broader"] or row["broader"] in names, row
        assert set(filter(None, row["also"].split("|"))) <= names, row
        assert row["opens"] in ("", "yes"), row
    aliases = Counter(eras.simplify(a) for row in rows
                      for a in [row["name"], *filter(None, row["aliases"].split("|"))])
    assert [a for a, n in aliases.items() if n > 1] == []


def test_tables_catalogue_loads():
    catalogue = eras.catalogue()
    assert len(catalogue.dynasties) >= 90 and len(catalogue.eras) > 500


def test_tables_periods_fit_dynasties():
    for row in TABLES.table("periods"):
        assert int(row["start"]) <= int(row["end"]), row
        if row["dynasty"]:
            found = eras.dynasty(row["dynasty"])
            assert found.start <= int(row["start"]) and int(row["end"]) <= found.end, row


def test_tables_edition_types_fit_together():
    rows = TABLES.table("edition_types")
    canonical = {row["type"]: row for row in rows if row["term"] == row["type"]}
    for row in rows:
        assert row["type"] in canonical, row
        own = canonical[row["type"]]
        assert (row["broader"], row["slug"], row["label_en"]) == \
            (own["broader"], own["slug"], own["label_en"]), row
        assert not row["broader"] or row["broader"] in canonical, row
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", row["slug"]), row
    slugs = Counter(row["slug"] for row in canonical.values())
    assert [s for s, n in slugs.items() if n > 1] == []
    assert {"刻本", "木活字本", "活字本", "抄本", "稿本", "石印本", "铅印本", "油印本", "影印本",
            "写本", "套印本", "拓本", "递修本", "后印本"} <= set(canonical)


def test_tables_roles_fit_together():
    rows = TABLES.table("roles")
    by_role = defaultdict(set)
    for row in rows:
        by_role[row["role"]].add((row["relator"], row["label_en"]))
    assert {r: v for r, v in by_role.items() if len(v) > 1} == {}
    assert all(role in {row["term"] for row in rows} for role in by_role)


@pytest.mark.skipif(not (MARC_CODES / "relators.tsv").is_file(), reason="no MARC relator list")
def test_tables_roles_use_marc_relator_codes():
    known = {row["code"] for row in Tables(MARC_CODES).table("relators")}
    assert {row["relator"] for row in TABLES.table("roles")} - known == set()


def test_tables_numerals_and_ganzhi():
    kinds = Counter(row["kind"] for row in TABLES.table("numerals"))
    assert set(kinds) == {"digit", "unit", "myriad", "tens"}
    ganzhi = Counter(row["kind"] for row in TABLES.table("ganzhi"))
    assert ganzhi == {"stem": 10, "branch": 12}
