import pytest

from kg.search.query import parse
from kg.search.snippet import find, find_spoken, snippet
from kg.search.text import fold


@pytest.mark.parametrize("text, typed, expected", [
    ("金陵圖書館", "金陵图书馆", "<mark>金陵圖書館</mark>"),
    ("<script>alert(1)</script>南京", "南京",
     "&lt;script&gt;alert(1)&lt;/script&gt;<mark>南京</mark>"),
    ("A & B 南京", "南京", "A &amp; B <mark>南京</mark>"),
    ("江宁 宁国", "宁", "江<mark>宁</mark> <mark>宁</mark>国"),
    ("第一行\n第二行", "二", "第一行 第<mark>二</mark>行"),
])
def test_snippet_marks_and_escapes(text, typed, expected):
    assert snippet(text, find(parse(typed).patterns(), fold(text))) == expected


def test_snippet_window_around_the_first_match():
    text = "甲" * 100 + "南京" + "乙" * 100
    out = snippet(text, find(parse("南京").patterns(), fold(text)), width=40)
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>南京</mark>" in out
    assert len(out.replace("<mark>", "").replace("</mark>", "")) == 40 + 2


@pytest.mark.parametrize("name, typed, spans", [
    ("南京", "nanjing", [(0, 2)]),
    ("江南京口", "nan jing", [(1, 3)]),
    ("南京", "nanj", [(0, 2)]),
    ("北京", "nanjing", []),
])
def test_snippet_spoken_spans(name, typed, spans):
    assert find_spoken(parse(typed).pinyin, fold(name)) == spans
