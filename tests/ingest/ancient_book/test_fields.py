"""parse_title and parse_authors against cases/titles.tsv and cases/authors.tsv."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import pytest

from ingest.ancient_book.fields import Author, Title, parse_authors, parse_title, role_relator
from kg.tables import Tables

CASES = Tables(Path(__file__).parent / "cases", keys={"authors": ("text", "n")})


def supplements(cell: str) -> tuple[tuple[str, int], ...]:
    pairs = (item.rsplit(":", 1) for item in cell.split("|") if item)
    return tuple((label, int(count)) for label, count in pairs)


@pytest.mark.parametrize("row", CASES.table("titles"), ids=lambda row: row["text"] or "empty")
def test_fields_title_case(row):
    title = parse_title(row["text"])
    assert isinstance(title, Title) and title.text == row["text"]
    assert title.title == row["title"]
    assert title.juan == (int(row["juan"]) if row["juan"] else None)
    assert title.supplements == supplements(row["supplements"])
    assert title.undivided is (row["undivided"] == "yes")
    if row["problem"] == "-":
        assert title.problems == ()
    else:
        assert any(row["problem"] in p for p in title.problems), title.problems


AUTHOR_CASES = [(text, list(rows)) for text, rows in
                groupby(CASES.table("authors"), key=lambda row: row["text"])]


@pytest.mark.parametrize(("text", "rows"), AUTHOR_CASES, ids=[t for t, _ in AUTHOR_CASES])
def test_fields_authors_case(text, rows):
    expected = [Author(row["name"], row["dynasty"] or None, row["role"] or None,
                       row["statement"], row["key"], row["et_al"] == "yes") for row in rows]
    assert parse_authors(text) == expected


def test_fields_author_cases_are_grouped():
    texts = [text for text, _ in AUTHOR_CASES]
    assert len(texts) == len(set(texts)) >= 20


@pytest.mark.parametrize("text", ["", "   ", "、；", "〔清〕"])
def test_fields_authors_empty(text):
    assert parse_authors(text) == []


def test_fields_odd_input_never_raises():
    assert parse_authors(None) == []  # type: ignore[arg-type]
    assert parse_title(None).problems == ("no title",)  # type: ignore[arg-type]


@pytest.mark.parametrize(("role", "code"), [
    ("撰", "aut"), ("著", "aut"), ("编", "com"), ("辑", "com"), ("编辑", "edt"), ("纂", "com"),
    ("修", "aut"), ("注", "cwt"), ("集注", "cwt"), ("校注", "cwt"), ("辑注", "cwt"),
    ("校", "edt"), ("点校", "edt"), ("订", "edt"), ("评", "cwt"), ("批", "ann"), ("译", "trl"),
    ("书", "cll"), ("绘", "ill"), ("撰并书", "aut"), ("編輯", "edt"), ("不是", None),
])
def test_fields_role_relator(role, code):
    assert role_relator(role) == code
