"""sparql.text: VALUES lists and tables, and blocks bound per WHERE group, written from term objects only."""

import pytest
from pyoxigraph import Literal

from sparql.text import bind_groups, values_list, values_rows


def test_bindings_escape_through_the_terms():
    block = values_list("x", [Literal('a" } DROP ALL ; #')])
    assert block == 'VALUES ?x { "a\\" } DROP ALL ; #" }'


def test_bindings_reject_bad_variable_names():
    with pytest.raises(ValueError, match="not a SPARQL variable"):
        values_rows(["ok", "no way"], [])


def test_bindings_need_one_block_per_where_group():
    with pytest.raises(ValueError, match="has 1 groups to bind, and 2 blocks"):
        bind_groups("SELECT * WHERE { ?s ?p ?o }", ["", ""])


def test_bindings_empty_block_leaves_the_group():
    assert bind_groups("SELECT * WHERE { ?s ?p ?o }", [""]) == "SELECT * WHERE { ?s ?p ?o }"
