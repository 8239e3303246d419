"""The named queries in sparql/queries: headers, loading, and that each one parses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from sparql import queries


@pytest.mark.parametrize("name", queries.available())
def test_queries_have_summary_in_and_out_lines(name: str):
    lines = queries.load(name).splitlines()
    assert lines[0].startswith("# ") and queries.summary(name)
    assert lines[1].startswith("# in:")
    assert lines[2].startswith("# out:")


@pytest.mark.parametrize("name", queries.available())
def test_queries_parse(name: str):
    store = ox.Store()  # empty: running them checks the syntax and changes nothing that matters
    text = queries.load(name)
    if (queries.QUERY_DIR / f"{name}.ru").is_file():
        store.update(text)
    else:
        store.query(text)


def test_queries_unknown_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="graphs"):
        queries.load("no_such_query")
