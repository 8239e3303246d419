"""kg.linking.tables: every shipped table reads; a broken one names its file and line."""

import pytest

from kg.linking.errors import LinkTableError
from kg.linking.tables import TABLES, column, number, table


@pytest.mark.parametrize("name", sorted(p.stem for p in TABLES.glob("*.tsv")))
def test_tables_every_table_reads(name):
    rows = table(name)
    assert rows, f"{name}.tsv has no rows"
    assert (TABLES / f"{name}.tsv").read_text(encoding="utf-8").startswith("#"), \
        f"{name}.tsv must open with a comment saying what uses it and where it comes from"


def test_tables_wrong_width_names_file_and_line(tmp_path):
    (tmp_path / "bad.tsv").write_text("# a comment\nname\tvalue\nok\t1\nbroken\n",
                                      encoding="utf-8")
    with pytest.raises(LinkTableError, match=r"bad\.tsv:4: 1 values for 2 columns"):
        table("bad", tmp_path)


def test_tables_missing_table_lists_the_known(tmp_path):
    (tmp_path / "here.tsv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(LinkTableError, match="no linker table 'gone'.*here"):
        table("gone", tmp_path)


def test_tables_empty_table_has_no_header(tmp_path):
    (tmp_path / "empty.tsv").write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(LinkTableError, match="no header"):
        table("empty", tmp_path)


def test_tables_column_and_number_errors(tmp_path):
    (tmp_path / "t.tsv").write_text("a\tb\nx\ty\n", encoding="utf-8")
    with pytest.raises(LinkTableError, match="no column 'c'"):
        column("t", "c", tmp_path)
    with pytest.raises(LinkTableError, match="must be a number"):
        number({"b": "y"}, "b", "t")


def test_tables_types_cover_every_mention_type():
    from kg.linking.tables import TYPES

    assert {row["type"] for row in table("types")} == set(TYPES)
    assert {row["type"] for row in table("candidate_classes")} == set(TYPES)
