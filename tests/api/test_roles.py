"""The roles matrix: every write route of the API, with every role, against the KB graph and a
district's own graph. A write route added to the app without a row here fails
`test_every_write_route_is_in_the_matrix`."""

from __future__ import annotations

import warnings

import pytest

KB = "https://kg.jllib.cn/graphs/kb"
OWN = "https://kg.jllib.cn/graphs/district/xuanwu"
ZHU = "https://kg.jllib.cn/entity/person/zhu-yuanzhang"
LIB = "https://kg.jllib.cn/entity/organization/jinling-library"
TURTLE = {"Content-Type": "text/turtle"}
TRIPLE = '<https://kg.jllib.cn/works/x/1> <http://www.w3.org/2000/01/rdf-schema#label> "甲" .'
ALIAS = {"add": [{"predicate": "http://www.w3.org/2004/02/skos/core#altLabel",
                  "object": {"@value": "朱重八", "@language": "zh-Hans"}}]}
PREF_EN = {"predicate": "http://www.w3.org/2004/02/skos/core#prefLabel",
           "object": {"@value": "Zhu Yuanzhang", "@language": "en"}}


def _update(graph: str) -> dict:
    return {"headers": {"Content-Type": "application/sparql-update"},
            "content": f"INSERT DATA {{ GRAPH <{graph}> {{ {TRIPLE} }} }}"}


# (method, route) -> (url, request arguments) writing the KB graph; roles allowed to do it
MATRIX = {
    ("POST", "/sparql"): ("/sparql", _update(KB)),
    ("PUT", "/graphs/{path}"): ("/graphs/kb", {"headers": TURTLE, "content": TRIPLE}),
    ("POST", "/graphs/{path}"): ("/graphs/kb", {"headers": TURTLE, "content": TRIPLE}),
    ("DELETE", "/graphs/{path}"): ("/graphs/kb", {}),
    ("PUT", "/graphs"): (f"/graphs?graph={KB}", {"headers": TURTLE, "content": TRIPLE}),
    ("POST", "/graphs"): (f"/graphs?graph={KB}", {"headers": TURTLE, "content": TRIPLE}),
    ("DELETE", "/graphs"): (f"/graphs?graph={KB}", {}),
    ("PATCH", "/api/v1/curation/entities/{kind}/{key}"): (
        "/api/v1/curation/entities/person/zhu-yuanzhang", {"json": ALIAS}),
    ("POST", "/api/v1/curation/review"): (
        "/api/v1/curation/review", {"json": {"mention": "https://kg.jllib.cn/mentions/a/0-1",
                                             "decision": "accept"}}),
    ("POST", "/api/v1/curation/merge"): (
        "/api/v1/curation/merge", {"json": {"merged": LIB, "into": ZHU}}),
    ("POST", "/api/v1/curation/split"): (
        "/api/v1/curation/split", {"json": {"entity": ZHU, "statements": [PREF_EN],
                                            "label": {"@value": "Zhu"}}}),
    ("POST", "/api/v1/changes/{number}/undo"): ("/api/v1/changes/1/undo", {}),
    ("POST", "/api/v1/uploads"): ("/api/v1/uploads?kind=rdf&graph=kb",
                                  {"content": TRIPLE.encode()}),
}
READ_ONLY = {("POST", "/oai"),  # OAI-PMH takes its requests by POST too; nothing is written
             ("POST", "/reconcile")}  # so does reconciliation (OpenRefine posts form fields)
ROLES = [None, "district", "curator", "admin"]


def _write_routes(app) -> set[tuple[str, str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate operation ids of multi-method routes
        paths = app.openapi()["paths"]
    return {(method.upper(), path) for path, operations in paths.items()
            for method in operations if method in ("post", "put", "patch", "delete")}


def test_every_write_route_is_in_the_matrix(api):
    assert _write_routes(api.client.app) - READ_ONLY == set(MATRIX)


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_writes_to_the_kb_graph(api, route, role):
    url, arguments = MATRIX[route]
    headers = {**arguments.get("headers", {}), **(api.auth(role) if role else {})}
    reply = api.client.request(route[0], url, **{**arguments, "headers": headers})
    expected = {None: {401}, "district": {403}}.get(role)
    if expected:
        assert reply.status_code in expected, reply.text
        assert reply.headers["content-type"].startswith("application/problem+json")
    else:  # allowed: whatever the request's own fate (404 for a mention that is not there)
        assert reply.status_code not in (401, 403), reply.text


@pytest.mark.parametrize("method, url, arguments, status", [
    ("POST", "/sparql", _update(OWN), 204),
    ("PUT", "/graphs/district/xuanwu", {"headers": TURTLE, "content": TRIPLE}, 201),
    ("POST", "/api/v1/uploads?kind=rdf", {"content": TRIPLE.encode()}, 202),
    ("PATCH", "/api/v1/curation/entities/person/zhu-yuanzhang", {"json": ALIAS}, 403),
])
def test_a_district_writes_its_own_graph_and_does_not_curate(api, method, url, arguments,
                                                            status):
    headers = {**arguments.get("headers", {}), **api.auth("district")}
    reply = api.client.request(method, url, **{**arguments, "headers": headers})
    assert reply.status_code == status, reply.text


@pytest.mark.parametrize("url", ["/feed", "/feed/page", "/api/v1/changes",
                                 "/api/v1/curation/review", "/graphs/kb", "/sparql?query=ASK{}"])
def test_reads_need_no_token(api, url):
    assert api.client.get(url).status_code == 200
