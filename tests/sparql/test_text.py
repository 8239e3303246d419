"""The SPARQL lexer: telling queries from updates and placing bound values."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from sparql.text import (
    add_using,
    bind_values,
    has_dataset_clause,
    looks_like_update,
    operation_keyword,
    values_block,
    where_group_offsets,
)


@pytest.mark.parametrize(("text", "keyword"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("prefix ex: <http://e/>\nask { ex:a ?p ?o }", "ASK"),
    ("# a comment with INSERT in it\nBASE <http://e/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("PREFIX ex: <http://e/> # c\n insert data { ex:a ex:b ex:c }", "INSERT"),
    ("", None),
])
def test_text_operation_keyword_skips_the_prologue(text: str, keyword: str | None):
    assert operation_keyword(text) == keyword


@pytest.mark.parametrize("text", ["DROP ALL", "PREFIX ex: <http://e/> CLEAR GRAPH ex:g",
                                  "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"])
def test_text_looks_like_update(text: str):
    assert looks_like_update(text)
    assert not looks_like_update("SELECT ?insert WHERE { ?insert ?p ?o }")


def test_text_where_groups_ignore_braces_in_strings_and_comments():
    text = 'SELECT * WHERE { ?s ?p "}{" # }\n } '
    [offset] = where_group_offsets(text)
    assert text[offset - 1] == "{" and offset == text.index("{") + 1


def test_text_bind_values_in_every_where_group():
    text = "DELETE { ?s ?p ?o } INSERT { ?s ?p ?new } WHERE { ?s ?p ?o }"
    bound = bind_values(text, {"s": ox.NamedNode("http://e/a")})
    assert bound.count("VALUES (?s) { (<http://e/a>) }") == 1
    assert bound.endswith("WHERE { VALUES (?s) { (<http://e/a>) } ?s ?p ?o }")


def test_text_bind_values_short_form_query():
    assert bind_values("ASK { ?s ?p ?o }", {"o": ox.Literal("1")}) == \
        'ASK { VALUES (?o) { ("1") } ?s ?p ?o }'


def test_text_values_escape_quotes_newlines_and_braces():
    block = values_block({"o": ox.Literal('" } ; DROP ALL ; #\nnext')})
    assert block == r'VALUES (?o) { ("\" } ; DROP ALL ; #\nnext") }'
    parsed = ox.Store().query(f"SELECT ?o WHERE {{ {block} }}")
    assert [row["o"].value for row in parsed] == ['" } ; DROP ALL ; #\nnext']


def test_text_bind_values_refuses_bad_names_and_missing_where():
    with pytest.raises(ValueError, match="variable"):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"s) }": ox.Literal("x")})
    with pytest.raises(ValueError, match="WHERE"):
        bind_values("INSERT DATA { <http://e/a> <http://e/p> 1 }", {"s": ox.Literal("x")})


def test_text_bind_values_without_bindings_is_identity():
    assert bind_values("SELECT * {}", {}) == "SELECT * {}"


def test_text_dataset_clause_and_using():
    update = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert not has_dataset_clause(update)
    g = ox.NamedNode("http://e/g")
    with_using = add_using(update, [g], [g])
    assert "USING <http://e/g> USING NAMED <http://e/g> WHERE" in with_using
    assert has_dataset_clause(with_using)
