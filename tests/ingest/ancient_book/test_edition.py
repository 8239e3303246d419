"""parse_edition against the statements of cases/editions.tsv, plus the rules no row shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.ancient_book.edition import Edition, parse_edition
from kg.tables import Tables

CASES = Tables(Path(__file__).parent / "cases")
FIELDS = ("dynasty", "reign", "year_of_reign", "start", "end", "edition_type", "publisher")
NUMBERS = {"year_of_reign", "start", "end"}


def expected(row: dict[str, str]) -> dict[str, object]:
    return {name: (int(row[name]) if name in NUMBERS else row[name]) if row[name] else None
            for name in FIELDS}


@pytest.mark.parametrize("row", CASES.table("editions"), ids=lambda row: row["text"] or "empty")
def test_edition_case(row):
    edition = parse_edition(row["text"])
    assert edition.as_json() == expected(row)
    assert edition.ambiguous == tuple(filter(None, row["ambiguous"].split("|")))
    if row["problem"] == "-":
        assert edition.problems == ()
    else:
        assert any(row["problem"] in problem for problem in edition.problems), edition.problems


def test_edition_cases_are_many_and_distinct():
    texts = [row["text"] for row in CASES.table("editions")]
    assert len(texts) >= 60
    assert len(set(texts)) == len(texts)


def test_edition_as_json_has_exactly_the_converter_keys():
    data = parse_edition("清光绪十年金陵书局刻本").as_json()
    assert list(data) == list(FIELDS)
    assert type(data["start"]) is int and type(data["end"]) is int


def test_edition_keeps_the_text_as_given():
    assert parse_edition(" 清光緒十年刻本 ").text == " 清光緒十年刻本 "


def test_edition_is_frozen():
    edition = parse_edition("清刻本")
    with pytest.raises(AttributeError):
        edition.start = 1  # type: ignore[misc]
    assert isinstance(edition, Edition)


@pytest.mark.parametrize("odd", [None, 1884, "\u3000", "刻本刻本刻本", "(((", "年年年", "甲申",
                                 "清" * 50, "建武至", "至嘉庆间", "据", "1990年", "(1884)",
                                 "清光绪十年至", "〔清〕袁枚撰"])
def test_edition_never_raises(odd):
    edition = parse_edition(odd)
    assert isinstance(edition, Edition)
    assert edition.problems or edition.edition_type


def test_edition_spaces_inside_a_statement_are_ignored():
    assert parse_edition("清 光绪十年 金陵书局 刻本").as_json() == \
        parse_edition("清光绪十年金陵书局刻本").as_json()


def test_edition_bce_years_are_astronomical():
    edition = parse_edition("汉太初元年刻本")
    assert (edition.reign, edition.start) == ("太初", -103)
