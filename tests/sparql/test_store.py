"""The `Store` protocol, run against every backend of the ``store`` fixture (tests/conftest.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from sparql.errors import (
    QuerySyntaxError,
    RdfSyntaxError,
    ResultLimitExceeded,
    UpdateSentAsQuery,
)
from sparql.formats import rdf_format_for_path
from sparql.results import AskResult, GraphResult, SelectResult
from sparql.store import Dataset, Store

DATA = Path(__file__).parent.parent / "data" / "sparql"
VALID = sorted((DATA / "valid").glob("people.*"))
# The line each malformed file breaks on.
MALFORMED = {"bad.ttl": 4, "bad.nt": 3, "bad.nq": 2, "bad.trig": 5, "bad.rdf": 6, "bad.jsonld": 4}

EX = "http://example.org/jinling/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PEOPLE = ox.NamedNode("http://example.org/graph/people")
EXTRA = ox.NamedNode("http://example.org/graph/extra")
OTHER = ox.NamedNode("http://example.org/graph/other")
NAME = ox.NamedNode(EX + "name")


def _ex(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def _nt(*triples: ox.Triple) -> bytes:
    """N-Triples bytes written by pyoxigraph, never by hand."""
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""


def _quads(store: Store) -> set[ox.Quad]:
    """Every quad of the store, read back through an N-Quads dump."""
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return set(ox.parse(out.getvalue(), ox.RdfFormat.N_QUADS))


def _load_people(store: Store, graph: ox.NamedNode = PEOPLE) -> None:
    store.load(DATA / "valid" / "people.ttl", graph=graph)


def _label_of(store: Store, subject: ox.NamedNode, graph: ox.NamedNode) -> list[ox.Literal]:
    text = "SELECT ?label WHERE { GRAPH ?g { ?s ?label_p ?label } }"
    rows = store.query(text, {"s": subject, "g": graph, "label_p": RDFS_LABEL})
    return [row["label"] for row in rows]


# -- loading -------------------------------------------------------------------------------


@pytest.mark.parametrize("as_bytes", [False, True], ids=["file", "bytes"])
@pytest.mark.parametrize("path", VALID, ids=lambda p: p.suffix.lstrip("."))
def test_store_load_each_format_into_named_graph(store: Store, path: Path, as_bytes: bool):
    fmt = rdf_format_for_path(path)
    source = path.read_bytes() if as_bytes else path
    report = store.load(source, format=fmt, graph=PEOPLE)
    assert report.quads == (4 if fmt.supports_datasets and path.suffix != ".jsonld" else 3)
    assert _label_of(store, _ex("person1"), PEOPLE) == [ox.Literal("朱元璋", language="zh")]
    assert len(store.graph_triples(PEOPLE)) == 3
    if path.suffix in (".nq", ".trig"):  # named quads keep their own graph
        assert _label_of(store, _ex("person2"), EXTRA) == [ox.Literal("徐達", language="zh")]


@pytest.mark.parametrize("name", sorted(MALFORMED), ids=lambda n: n.split(".")[1])
def test_store_load_malformed_names_place_and_loads_nothing(store: Store, name: str):
    _load_people(store)
    before = _quads(store)
    path = DATA / "malformed" / name
    with pytest.raises(RdfSyntaxError) as caught:
        store.load(path, graph=OTHER)
    err = caught.value
    assert (err.source, err.line) == (str(path), MALFORMED[name])
    assert isinstance(err.column, int) and err.column >= 1
    assert f"{path}:{err.line}:{err.column}" in str(err)
    assert _quads(store) == before
    assert not store.has_graph(OTHER)


def test_store_load_malformed_bytes_names_the_request(store: Store):
    with pytest.raises(RdfSyntaxError, match=r"^upload:2:"):
        store.load(b'<http://e/a> <http://e/p> "x" .\n<http://e/a> <http://e/p> .\n',
                   format=ox.RdfFormat.N_TRIPLES, graph=OTHER, name="upload")
    assert _quads(store) == set()


@pytest.mark.parametrize("source", ["turtle-bytes", "nquads-file"])
def test_store_load_replace_replaces_the_graph(store: Store, source: str, tmp_path: Path):
    _load_people(store)
    store.load(_nt(ox.Triple(_ex("keep"), NAME, ox.Literal("other"))), graph=OTHER,
               format=ox.RdfFormat.N_TRIPLES)
    new = ox.Triple(_ex("person9"), NAME, ox.Literal("新"))
    if source == "turtle-bytes":
        store.load(_nt(new), format=ox.RdfFormat.TURTLE, graph=PEOPLE, replace=True)
    else:
        path = tmp_path / "new.nq"
        path.write_bytes(_nt(new))  # N-Triples is N-Quads in the default graph
        store.load(path, graph=PEOPLE, replace=True)
    assert store.graph_triples(PEOPLE) == [new]
    assert len(store.graph_triples(OTHER)) == 1


def test_store_load_without_replace_adds(store: Store):
    _load_people(store)
    store.load(_nt(ox.Triple(_ex("person9"), NAME, ox.Literal("新"))),
               format=ox.RdfFormat.N_TRIPLES, graph=PEOPLE)
    assert len(store.graph_triples(PEOPLE)) == 4


def test_store_load_resolves_relative_iris_against_base(store: Store):
    store.load(b'<person7> <name> "x" .', format=ox.RdfFormat.TURTLE, graph=PEOPLE,
               base_iri=EX)
    assert store.graph_triples(PEOPLE) == [ox.Triple(_ex("person7"), NAME, ox.Literal("x"))]


# -- queries and bindings ------------------------------------------------------------------


def test_store_binding_literal_with_quotes_and_newline(store: Store):
    tricky = ox.Literal('他說 "金陵"\n第二行 \\ end', language="zh")
    store.load(_nt(ox.Triple(_ex("person1"), NAME, tricky)), format=ox.RdfFormat.N_TRIPLES,
               graph=PEOPLE)
    rows = store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": tricky})
    assert [row["s"] for row in rows] == [_ex("person1")]


def test_store_binding_iri(store: Store):
    _load_people(store)
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": _ex("person1"), "p": RDFS_LABEL})
    assert [row["o"].value for row in rows] == ["朱元璋"]


def test_store_binding_cannot_inject(store: Store):
    _load_people(store)
    before = _quads(store)
    attack = ox.Literal('" } ; DROP ALL ; #')
    assert len(store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": attack})) == 0
    store.update("INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { }",
                 {"g": OTHER, "s": _ex("x"), "p": NAME, "o": attack})
    assert before <= _quads(store)
    assert store.graph_triples(OTHER) == [ox.Triple(_ex("x"), NAME, attack)]


def test_store_binding_rejects_a_bad_variable_name(store: Store):
    with pytest.raises(ValueError, match="variable"):
        store.update("INSERT { ?s ?p ?o } WHERE { }", {"o) } DROP ALL #": ox.Literal("x")})


def test_store_default_graph_is_union_of_graphs(store: Store):
    store.load(_nt(ox.Triple(_ex("a"), NAME, ox.Literal("in people"))),
               format=ox.RdfFormat.N_TRIPLES, graph=PEOPLE)
    store.load(_nt(ox.Triple(_ex("b"), NAME, ox.Literal("in other"))),
               format=ox.RdfFormat.N_TRIPLES, graph=OTHER)
    store.load(_nt(ox.Triple(_ex("c"), NAME, ox.Literal("in default"))),
               format=ox.RdfFormat.N_TRIPLES)
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }")
    assert sorted(row["o"].value for row in rows) == ["in default", "in other", "in people"]


def test_store_explicit_dataset_limits_the_graphs(store: Store):
    store.load(_nt(ox.Triple(_ex("a"), NAME, ox.Literal("in people"))),
               format=ox.RdfFormat.N_TRIPLES, graph=PEOPLE)
    store.load(_nt(ox.Triple(_ex("b"), NAME, ox.Literal("in other"))),
               format=ox.RdfFormat.N_TRIPLES, graph=OTHER)
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }", dataset=Dataset(default_graphs=(OTHER,)))
    assert [row["o"].value for row in rows] == ["in other"]
    named = Dataset(default_graphs=(OTHER,), named_graphs=(PEOPLE,))
    rows = store.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", dataset=named)
    assert [row["g"] for row in rows] == [PEOPLE]


def test_store_select_ask_and_construct(store: Store):
    _load_people(store)
    select = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o", {"p": RDFS_LABEL})
    assert isinstance(select, SelectResult) and select.variables == ["s", "o"]
    assert isinstance(store.query("ASK { ?s ?p ?o }"), AskResult)
    assert store.query("ASK { ?s ?p ?o }").value is True
    assert store.query("ASK WHERE { ?s ?p ?o }", {"s": _ex("nobody")}).value is False
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"p": RDFS_LABEL})
    assert isinstance(graph, GraphResult)
    assert graph.triples == [ox.Triple(_ex("person1"), RDFS_LABEL,
                                       ox.Literal("朱元璋", language="zh"))]


def test_store_result_limit(store: Store):
    _load_people(store)
    with pytest.raises(ResultLimitExceeded, match="more than 2"):
        store.query("SELECT * WHERE { ?s ?p ?o }", limit=2)
    with pytest.raises(ResultLimitExceeded):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }", limit=2)
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }", limit=3)) == 3


def test_store_query_syntax_error(store: Store):
    with pytest.raises(QuerySyntaxError) as caught:
        store.query("SELEC ?s WHERE { ?s ?p ?o }")
    assert not isinstance(caught.value, UpdateSentAsQuery)


def test_store_update_sent_as_query(store: Store):
    _load_people(store)
    with pytest.raises(UpdateSentAsQuery):
        store.query("PREFIX ex: <http://example.org/> DROP ALL")
    assert len(store.graph_triples(PEOPLE)) == 3


def test_store_update_syntax_error(store: Store):
    with pytest.raises(QuerySyntaxError, match="update"):
        store.update("INSERT DATA { <http://e/a> <http://e/p> }")


# -- graphs --------------------------------------------------------------------------------


def test_store_graphs_lists_named_graphs_with_empty_ones(store: Store):
    _load_people(store)
    store.create_graph(OTHER)
    assert store.graphs() == [OTHER, PEOPLE]
    assert store.has_graph(OTHER) and store.has_graph(PEOPLE)
    assert not store.has_graph(EXTRA)


def test_store_drop_graph(store: Store):
    _load_people(store)
    store.load(_nt(ox.Triple(_ex("b"), NAME, ox.Literal("x"))), format=ox.RdfFormat.N_TRIPLES,
               graph=OTHER)
    assert store.drop_graph(PEOPLE) is True
    assert store.drop_graph(PEOPLE) is False
    assert store.graphs() == [OTHER]
    assert store.graph_triples(PEOPLE) == []


def test_store_graph_triples_of_named_and_default_graph(store: Store):
    _load_people(store)
    in_default = ox.Triple(_ex("c"), NAME, ox.Literal("default"))
    store.load(_nt(in_default), format=ox.RdfFormat.N_TRIPLES)
    assert len(store.graph_triples(PEOPLE)) == 3
    assert store.graph_triples(None) == [in_default]
    assert store.graph_triples(EXTRA) == []


def test_store_values_of_looks_up_one_graph(store: Store):
    a, b, c = _ex("a"), _ex("b"), _ex("c")
    store.load(_nt(ox.Triple(a, NAME, ox.Literal("甲 \"A\"", language="zh")),
                   ox.Triple(b, RDFS_LABEL, ox.Literal("b"))),
               format=ox.RdfFormat.N_TRIPLES, graph=PEOPLE)
    store.load(_nt(ox.Triple(b, NAME, ox.Literal("elsewhere"))), format=ox.RdfFormat.N_TRIPLES,
               graph=OTHER)
    found = store.values_of([a, b, c], NAME, PEOPLE)
    assert found == {a.value: ox.Literal("甲 \"A\"", language="zh")}
    assert store.values_of([], NAME, PEOPLE) == {}


def test_store_held_tells_which_quads_are_there(store: Store):
    a = ox.Quad(_ex("a"), NAME, ox.Literal("甲", language="zh"), PEOPLE)
    b = ox.Quad(_ex("b"), NAME, ox.Literal("乙"), PEOPLE)
    elsewhere = ox.Quad(_ex("a"), NAME, ox.Literal("甲", language="zh"), OTHER)
    store.load(_nt(ox.Triple(a.subject, a.predicate, a.object)), format=ox.RdfFormat.N_TRIPLES,
               graph=PEOPLE)
    assert store.held([a, b, elsewhere]) == {a}
    assert store.held([]) == set()


# -- dumps ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG], ids=["nq", "trig"])
def test_store_dump_all_round_trips(store: Store, fmt: ox.RdfFormat):
    store.load(DATA / "valid" / "people.trig", graph=PEOPLE)
    store.load(_nt(ox.Triple(_ex("c"), NAME, ox.Literal("默認"))), format=ox.RdfFormat.N_TRIPLES)
    before = _quads(store)
    out = io.BytesIO()
    store.dump(out, format=fmt)
    store.update("DROP ALL")
    store.load(out.getvalue(), format=fmt)
    assert _quads(store) == before
    assert len(before) == 5


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG], ids=["nq", "trig"])
def test_store_dump_one_graph_round_trips(store: Store, fmt: ox.RdfFormat):
    store.load(DATA / "valid" / "people.trig", graph=PEOPLE)
    triples = set(store.graph_triples(PEOPLE))
    out = io.BytesIO()
    store.dump(out, format=fmt, graph=PEOPLE)
    dumped = list(ox.parse(out.getvalue(), fmt))
    assert {q.graph_name for q in dumped} == {PEOPLE}
    store.drop_graph(PEOPLE)
    store.load(out.getvalue(), format=fmt)
    assert set(store.graph_triples(PEOPLE)) == triples
    assert len(store.graph_triples(EXTRA)) == 1
