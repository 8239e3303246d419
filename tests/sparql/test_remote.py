"""What only the remote store does: HTTP requests, transport errors and status codes.

Most tests talk to an in-process `httpx.MockTransport` that records each request; the shared
suite in test_store.py covers the behaviour against a real ``oxigraph serve``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from sparql.errors import (
    EndpointError,
    EndpointUnreachable,
    QuerySyntaxError,
    QueryTimeout,
    RdfSyntaxError,
)
from sparql.remote import RemoteStore
from sparql.store import Dataset

URL = "http://kb.example"
GRAPH = ox.NamedNode("http://example.org/graph/people")
PEOPLE_TTL = Path(__file__).parent.parent / "data" / "sparql" / "valid" / "people.ttl"
ASK_TRUE = httpx.Response(200, json={"head": {}, "boolean": True},
                          headers={"Content-Type": "application/sparql-results+json"})


def _mock(respond: Callable[[httpx.Request], httpx.Response] | httpx.Response,
          **options: object) -> tuple[RemoteStore, list[httpx.Request]]:
    """A store whose requests are recorded and answered by ``respond``."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return respond(request) if callable(respond) else respond

    store = RemoteStore(f"{URL}/query", f"{URL}/update", f"{URL}/store",
                        transport=httpx.MockTransport(handler), **options)
    return store, seen


def test_remote_unreachable_endpoint_names_the_url(closed_port_url: str):
    store = RemoteStore(closed_port_url, timeout=5.0)
    try:
        with pytest.raises(EndpointUnreachable, match="cannot reach") as caught:
            store.query("ASK {}")
        assert caught.value.url == closed_port_url
        assert closed_port_url in str(caught.value)
    finally:
        store.close()


def test_remote_query_request_carries_token_types_and_dataset():
    store, seen = _mock(ASK_TRUE, token="s3cret")
    dataset = Dataset(default_graphs=(GRAPH,), named_graphs=(GRAPH,))
    assert store.query("ASK WHERE { ?s ?p ?o }", {"o": ox.Literal("x")}, dataset=dataset)
    [request] = seen
    assert request.method == "POST" and request.url.path == "/query"
    assert request.headers["authorization"] == "Bearer s3cret"
    assert request.headers["content-type"] == "application/sparql-query"
    assert "application/sparql-results+json" in request.headers["accept"]
    assert request.url.params.get_list("default-graph-uri") == [GRAPH.value]
    assert request.url.params.get_list("named-graph-uri") == [GRAPH.value]
    assert request.content == b'ASK WHERE { VALUES (?o) { ("x") } ?s ?p ?o }'


def test_remote_error_status_raises_endpoint_error():
    store, _ = _mock(httpx.Response(503, text="store is read-only"))
    with pytest.raises(EndpointError, match="503: store is read-only") as caught:
        store.query("ASK {}")
    assert caught.value.status == 503


def test_remote_rejected_update_raises_query_syntax_error():
    store, _ = _mock(httpx.Response(400, text="error at 1:8: expected DATA"))
    with pytest.raises(QuerySyntaxError, match="expected DATA"):
        store.update("INSERT {")


def test_remote_read_timeout_raises_query_timeout():
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    store, _ = _mock(slow)
    with pytest.raises(QueryTimeout, match="2 s"):
        store.query("ASK {}", timeout=2)


def test_remote_unexpected_response_type_raises_endpoint_error():
    store, _ = _mock(httpx.Response(200, text="<html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(EndpointError, match="text/html"):
        store.query("ASK {}")


def test_remote_load_streams_the_file_to_the_graph_store():
    store, seen = _mock(httpx.Response(204))
    report = store.load(PEOPLE_TTL, graph=GRAPH)
    store.load(PEOPLE_TTL, graph=GRAPH, replace=True)
    post, put = seen
    assert (post.method, put.method) == ("POST", "PUT")
    assert post.url.params["graph"] == GRAPH.value
    assert post.headers["content-type"] == "text/turtle"
    assert post.headers["content-length"] == str(PEOPLE_TTL.stat().st_size)
    assert post.content == PEOPLE_TTL.read_bytes()
    assert report.quads == 3


def test_remote_load_dataset_to_a_graph_moves_default_quads():
    store, seen = _mock(httpx.Response(204))
    store.load(PEOPLE_TTL.with_suffix(".trig"), graph=GRAPH)
    [post] = seen
    assert "graph" not in post.url.params
    assert post.headers["content-type"] == "application/n-quads"
    quads = list(ox.parse(post.content, ox.RdfFormat.N_QUADS))
    assert sum(q.graph_name == GRAPH for q in quads) == 3
    assert len(quads) == 4


def test_remote_malformed_load_sends_nothing():
    store, seen = _mock(httpx.Response(204))
    with pytest.raises(RdfSyntaxError):
        store.load(b"<http://e/a> <http://e/p> .", format=ox.RdfFormat.N_TRIPLES, graph=GRAPH)
    assert seen == []


def test_remote_drop_graph_answers_from_the_status():
    store, seen = _mock(lambda r: httpx.Response(404 if len(seen) > 1 else 204))
    assert store.drop_graph(GRAPH) is True
    assert store.drop_graph(GRAPH) is False
    assert [r.method for r in seen] == ["DELETE", "DELETE"]


def test_remote_graph_name_must_be_a_term():
    store, seen = _mock(httpx.Response(204))
    with pytest.raises(TypeError, match="NamedNode"):
        store.create_graph("http://e/g> } ; DROP ALL ; #")  # type: ignore[arg-type]
    assert seen == []
