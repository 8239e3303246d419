"""Result types: what `collect` builds, and how results serialize."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest

from sparql.errors import ResultLimitExceeded
from sparql.results import AskResult, GraphResult, SelectResult, Stopped, collect, term_to_json

A = ox.NamedNode("http://e/a")
P = ox.NamedNode("http://e/p")
LABEL = ox.Literal("金陵", language="zh")
YEAR = ox.Literal("1368", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))


@pytest.fixture
def native() -> ox.Store:
    store = ox.Store()
    store.extend([ox.Quad(A, P, LABEL), ox.Quad(A, P, YEAR)])
    return store


def test_results_collect_select_keeps_variables_and_unbound(native: ox.Store):
    result = collect(native.query("SELECT ?o ?none WHERE { ?s ?p ?o } ORDER BY ?o"))
    assert isinstance(result, SelectResult)
    assert result.variables == ["o", "none"]
    assert result.rows[0][1] is None
    assert [row for row in result][0] == {"o": YEAR}


def test_results_collect_ask_and_construct(native: ox.Store):
    assert collect(native.query("ASK { ?s ?p ?o }")) == AskResult(True)
    graph = collect(native.query("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert isinstance(graph, GraphResult) and len(graph) == 2


def test_results_collect_limit_and_stop(native: ox.Store):
    with pytest.raises(ResultLimitExceeded, match="more than 1 "):
        collect(native.query("SELECT * WHERE { ?s ?p ?o }"), limit=1)
    assert len(collect(native.query("SELECT * WHERE { ?s ?p ?o }"), limit=2)) == 2
    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        collect(native.query("SELECT * WHERE { ?s ?p ?o }"), stop=stop)


@pytest.mark.parametrize("fmt", [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML,
                                 ox.QueryResultsFormat.TSV], ids=["json", "xml", "tsv"])
def test_results_select_serialization_round_trips(fmt: ox.QueryResultsFormat):
    result = SelectResult(["s", "o"], [(A, LABEL), (A, YEAR), (None, ox.BlankNode("b1"))])
    back = collect(ox.parse_query_results(result.serialize(fmt), fmt))
    assert back == result


def test_results_select_csv_writes_plain_values():
    csv = SelectResult(["s", "o"], [(A, LABEL), (None, YEAR)]).serialize(ox.QueryResultsFormat.CSV)
    assert csv.decode() == "s,o\r\nhttp://e/a,金陵\r\n,1368\r\n"


@pytest.mark.parametrize("fmt", [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML])
def test_results_ask_serialization_round_trips(fmt: ox.QueryResultsFormat):
    for value in (True, False):
        assert collect(ox.parse_query_results(AskResult(value).serialize(fmt), fmt)).value is value


def test_results_graph_serializes_with_prefixes():
    graph = GraphResult([ox.Triple(A, P, LABEL)])
    turtle = graph.serialize(ox.RdfFormat.TURTLE, prefixes={"e": "http://e/"})
    assert b"e:a e:p" in turtle
    assert [q.triple for q in ox.parse(turtle, ox.RdfFormat.TURTLE)] == graph.triples


def test_results_term_to_json():
    assert term_to_json(A) == {"type": "uri", "value": "http://e/a"}
    assert term_to_json(LABEL) == {"type": "literal", "value": "金陵", "xml:lang": "zh"}
    assert term_to_json(YEAR)["datatype"] == "http://www.w3.org/2001/XMLSchema#gYear"
    assert term_to_json(ox.Literal("plain")) == {"type": "literal", "value": "plain"}
