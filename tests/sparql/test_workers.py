"""Query worker processes: a timeout kills any query, and reads see every finished write."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from sparql.embedded import EmbeddedStore
from sparql.errors import QuerySyntaxError, QueryTimeout, ResultLimitExceeded

JSON = ox.QueryResultsFormat.JSON
GRAPH = ox.NamedNode("http://example.org/graph/numbers")
ROWS = 3000
# A COUNT over every triple of every pair: 27e9 joined rows before a single output byte, so
# only killing the process can stop it.
BLOCKING_RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


@pytest.fixture
def store(tmp_path):
    store = EmbeddedStore(tmp_path / "store", query_processes=1)
    data = "\n".join(f'<http://example.org/n{i}> <http://example.org/p> "{i}" .'
                     for i in range(ROWS))
    store.load(data.encode(), format=ox.RdfFormat.N_TRIPLES, graph=GRAPH)
    yield store
    store.close()


def _count(store: EmbeddedStore) -> int:
    result = store.query_serialized("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
                                    ox.QueryResultsFormat.TSV, timeout=30)
    return int(result.data.split(b"\n")[1].split(b"^^")[0].strip(b'"'))


def test_workers_timeout_kills_a_blocking_query(store):
    _count(store)
    [before] = store._workers._all
    with pytest.raises(QueryTimeout):
        store.query_serialized(BLOCKING_RUNAWAY, JSON, timeout=0.5)
    before.process.join(10)
    assert not before.process.is_alive()
    assert _count(store) == ROWS  # waits for the replacement to start
    [after] = store._workers._all
    assert after is not before and after.process.is_alive()


def test_workers_see_writes_made_after_they_opened(store):
    assert _count(store) == ROWS
    store.update("INSERT DATA { GRAPH <http://example.org/graph/numbers> "
                 "{ <http://example.org/x> <http://example.org/p> 'x' } }")
    assert _count(store) == ROWS + 1
    store.drop_graph(GRAPH)
    assert _count(store) == 0


def test_workers_report_errors_like_the_store(store):
    with pytest.raises(QuerySyntaxError):
        store.query_serialized("SELECT ?x WHERE {", JSON, timeout=30)
    with pytest.raises(ResultLimitExceeded):
        store.query_serialized("SELECT * { ?s ?p ?o }", JSON, timeout=30, limit=10)
    answer = store.query_serialized("ASK { ?s ?p ?o }", JSON, timeout=30)
    assert answer.kind == "boolean" and b"true" in answer.data


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_workers_answer_results_bigger_than_a_pipe_buffer_on_any_event_loop(store, loop):
    """uvloop leaves the worker's pipe non-blocking: a reply of several pipe buffers must
    still arrive whole (it used to fail as 'a query process stopped unexpectedly')."""
    import asyncio

    runner = pytest.importorskip("uvloop").run if loop == "uvloop" else asyncio.run

    async def three():
        return [await store.aquery_serialized("SELECT * { ?s ?p ?o }", JSON, timeout=30)
                for _ in range(3)]

    for result in runner(three()):
        assert len(result.data) > 4 * 65536
        assert result.data.count(b'"s"') >= ROWS
