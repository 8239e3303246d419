import sqlite3

import pytest

from kg.search import BadQuery
from kg.search.query import parse


@pytest.mark.parametrize("typed, text, names, bodies", [
    ("南京", "南京", 'tokens : ("南 京")', 'tokens : ("南 京")'),
    ("金陵圖書館", "金陵图书馆", 'tokens : ("金 陵 图 书 馆")', 'tokens : ("金 陵 图 书 馆")'),
    ("李煜  南唐", "李煜 南唐", 'tokens : ("李 煜" AND "南 唐")', 'tokens : ("李 煜" AND "南 唐")'),
    ("NanJing", "nanjing", '(tokens : ("nanjing"*)) OR (pinyin : ("nan jing"))',
     'tokens : ("nanjing"*)'),
    ("nan jing", "nan jing", '(tokens : ("nan" AND "jing"*)) OR (pinyin : ("nan jing"))',
     'tokens : ("nan" AND "jing"*)'),
    ("nanj", "nanj", '(tokens : ("nanj"*)) OR (pinyin : ("nan j"*))', 'tokens : ("nanj"*)'),
    ("Rabe", "rabe", 'tokens : ("rabe"*)', 'tokens : ("rabe"*)'),
    # FTS5 syntax typed by a user is only words to it
    ('"南京" OR NEAR(*', '"南京" or near(*', 'tokens : ("南 京" AND "or" AND "near"*)',
     'tokens : ("南 京" AND "or" AND "near"*)'),
])
def test_query_match_expressions(typed, text, names, bodies):
    query = parse(typed)
    assert (query.text, query.name_match(), query.body_match()) == (text, names, bodies)


@pytest.mark.parametrize("typed", ["", "   ", "，。！", " ".join("a" * 13)])
def test_query_rejects_nothing_to_search_or_too_much(typed):
    with pytest.raises(BadQuery):
        parse(typed)


@pytest.mark.parametrize("typed", ['"a', "a OR b", "x*", "NEAR(a b)", "col:x", "^a", "'; DROP",
                                   "a AND NOT b", "{tokens}: a"])
def test_query_expressions_are_valid_fts5(typed):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(tokens, pinyin)")
    conn.execute("INSERT INTO t VALUES ('or b a', 'a')")
    query = parse(typed)
    conn.execute("SELECT * FROM t WHERE t MATCH ?", (query.name_match(),)).fetchall()


@pytest.mark.parametrize("typed, text, marked", [
    ("南京", "南，京 南京", [(0, 3), (4, 6)]),    # punctuation between tokens still matches
    ("man", "woman man manchu", [(6, 9), (10, 16)]),  # whole words, the last one a prefix
    ("the man", "the manner", [(0, 3), (4, 10)]),
])
def test_query_patterns(typed, text, marked):
    found = [m.span() for p in parse(typed).patterns() for m in p.finditer(text)]
    assert sorted(found) == marked
