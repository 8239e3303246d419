"""What only the embedded store does: folder locks and query time limits."""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from sparql.embedded import EmbeddedStore
from sparql.errors import QueryTimeout, ResultLimitExceeded, ResultTooLarge, StoreLocked

P = ox.NamedNode("http://example.org/jinling/p")
GRAPH = ox.NamedNode("http://example.org/graph/numbers")
ROWS = 3000
# Every pair of triples: ROWS × ROWS = 9,000,000 solutions to join and count before COUNT can
# answer, so no engine finishes within TIME_LIMIT; the test checks the count, not a clock.
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }"
TIME_LIMIT = 0.01


@pytest.fixture
def numbers() -> EmbeddedStore:
    store = EmbeddedStore()
    triples = [ox.Triple(ox.NamedNode(f"http://example.org/jinling/n{i}"), P, ox.Literal(str(i)))
               for i in range(ROWS)]
    store.load(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), graph=GRAPH,
               format=ox.RdfFormat.N_TRIPLES)
    yield store
    store.close()


def test_embedded_query_timeout_stops_an_expensive_query(numbers: EmbeddedStore):
    with pytest.raises(QueryTimeout, match="time limit"):
        numbers.query(CROSS_PRODUCT, timeout=TIME_LIMIT)
    # The same query without a limit does all the work it was stopped in.
    [row] = numbers.query(CROSS_PRODUCT)
    assert int(row["n"].value) == ROWS * ROWS


def test_embedded_query_within_its_time_limit_answers(numbers: EmbeddedStore):
    result = numbers.query("ASK { ?s ?p ?o }", timeout=60)
    assert result.value is True


def test_embedded_limit_under_a_time_limit_frees_results_on_their_thread(
        numbers: EmbeddedStore, monkeypatch: pytest.MonkeyPatch):
    # Regression: the error used to carry pyoxigraph's solutions to the caller's thread,
    # where dropping them failed ("unsendable, but is being dropped on another thread").
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(ResultLimitExceeded):
        numbers.query("SELECT * WHERE { ?s ?p ?o }", timeout=60, limit=10)
    gc.collect()
    assert unraisable == []


def test_embedded_second_open_of_a_folder_is_locked(tmp_path: Path):
    first = EmbeddedStore(tmp_path / "kb")
    try:
        with pytest.raises(StoreLocked, match="held by another process") as caught:
            EmbeddedStore(tmp_path / "kb")
        assert caught.value.path == str(tmp_path / "kb")
    finally:
        first.close()
    EmbeddedStore(tmp_path / "kb").close()  # free again once closed


# Every triple with every other, streamed out row by row: 27e9 solutions that no run ends.
STREAMING_RUNAWAY = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def test_embedded_serialized_timeout_really_stops_a_streaming_query(numbers: EmbeddedStore):
    with pytest.raises(QueryTimeout):
        numbers.query_serialized(STREAMING_RUNAWAY, ox.QueryResultsFormat.JSON, timeout=0.2)
    # The worker is stopped at its next output buffer: the pool drains, which it never would
    # if the query ran on (the join guard only keeps a broken build from hanging the suite).
    worker = threading.Thread(target=numbers._pool.shutdown, kwargs={"wait": True})
    worker.start()
    worker.join(60)
    assert not worker.is_alive()


@pytest.mark.parametrize("fmt", [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML,
                                 ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV])
def test_embedded_serialized_row_limit_in_every_format(numbers: EmbeddedStore, fmt):
    text = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"
    assert numbers.query_serialized(text, fmt, limit=5).kind == "solutions"
    with pytest.raises(ResultLimitExceeded, match="more than 4"):
        numbers.query_serialized(text, fmt, limit=4)


def test_embedded_serialized_byte_budget(numbers: EmbeddedStore):
    with pytest.raises(ResultTooLarge):
        numbers.query_serialized("SELECT * WHERE { ?s ?p ?o }", ox.QueryResultsFormat.JSON,
                                 max_bytes=20_000)
    result = numbers.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }",
                                      ox.QueryResultsFormat.JSON)
    assert result.kind == "graph" and result.data.count(b"\n") == ROWS
