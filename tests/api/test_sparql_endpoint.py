import csv
import io
from urllib.parse import quote

import pytest

PERSON = "https://kg.jllib.cn/entity/person/zhu-yuanzhang"
SELECT = f"SELECT ?l WHERE {{ <{PERSON}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}"
ASK_AGENT = f"ASK {{ <{PERSON}> a <https://kg.jllib.cn/ontology#Agent> }}"
DISTRICT = "https://kg.jllib.cn/graphs/district/xuanwu"


def test_sparql_get_select_json(api):
    r = api.client.get("/sparql", params={"query": SELECT})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    labels = {b["l"]["value"] for b in r.json()["results"]["bindings"]}
    assert labels == {"朱元璋", "Zhu Yuanzhang"}


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_sparql_result_formats(api, accept, media):
    r = api.client.post("/sparql", content=SELECT,
                        headers={"content-type": "application/sparql-query", "accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert "朱元璋" in r.text


def test_sparql_csv_rows(api):
    r = api.client.post("/sparql", data={"query": SELECT}, headers={"accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["l"] and sorted(rows[1:]) == [["Zhu Yuanzhang"], ["朱元璋"]]


def test_sparql_inferred_agent(api):
    r = api.client.get("/sparql", params={"query": ASK_AGENT})
    assert r.json()["boolean"] is True


@pytest.mark.parametrize("accept, media", [
    ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"), ("application/ld+json", "application/ld+json"),
])
def test_sparql_construct_formats(api, accept, media):
    query = f"CONSTRUCT {{ <{PERSON}> ?p ?o }} WHERE {{ <{PERSON}> ?p ?o }}"
    r = api.client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert "zhu-yuanzhang" in r.text


def test_sparql_service_description(api):
    r = api.client.get("/sparql", headers={"accept": "text/turtle"})
    assert r.status_code == 200
    assert "sparql-service-description#" in r.text and "SPARQL11Query" in r.text


@pytest.mark.parametrize("request_kwargs, fragment", [
    ({"params": {"query": "SELECT ?x WHERE { ?x"}}, "malformed SPARQL query"),
    ({"params": {"query": "INSERT DATA { <a:a> <a:b> <a:c> }"}}, "update, not a query"),
    ({"params": {"update": "CLEAR ALL"}}, "POST"),
    ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, "one query"),
])
def test_sparql_bad_requests(api, request_kwargs, fragment):
    r = api.client.get("/sparql", **request_kwargs)
    assert 400 <= r.status_code < 500
    assert r.headers["content-type"] == "application/problem+json"
    assert fragment in r.json()["detail"]


def test_sparql_post_without_content_type(api):
    r = api.client.post("/sparql", content=b"ASK {}", headers={"content-type": ""})
    assert r.status_code == 415


def test_sparql_non_utf8(api):
    r = api.client.post("/sparql", content="ASK {}".encode("utf-16"),
                        headers={"content-type": "application/sparql-query; charset=UTF-16"})
    assert 400 <= r.status_code < 500


def _update(api, text, role=None):
    headers = {"content-type": "application/sparql-update", **(api.auth(role) if role else {})}
    return api.client.post("/sparql", content=text.encode(), headers=headers)


def _count(api):
    return len(api.store)


def test_sparql_update_needs_token(api):
    before = _count(api)
    r = _update(api, f"INSERT DATA {{ GRAPH <{DISTRICT}> {{ <a:s> <a:p> 1 }} }}")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert _count(api) == before


def test_sparql_update_scoped_token(api):
    ok = _update(api, f"INSERT DATA {{ GRAPH <{DISTRICT}> {{ <a:s> <a:p> 1 }} }}", "district")
    assert ok.status_code == 204
    before = _count(api)
    other = "https://kg.jllib.cn/graphs/kb"
    denied = _update(api, f"INSERT DATA {{ GRAPH <{other}> {{ <a:s> <a:p> 2 }} }}", "district")
    assert denied.status_code == 403 and "only graph district/xuanwu" in denied.json()["detail"]
    assert _count(api) == before


def test_sparql_update_drop_all_needs_admin(api):
    assert _update(api, "DROP ALL", "curator").status_code == 403
    assert _count(api) > 0
    assert _update(api, "DROP ALL", "admin").status_code == 204
    assert _count(api) == 0


def test_sparql_update_with_bad_token(api):
    r = api.client.post("/sparql", content=b"DROP ALL", headers={
        "content-type": "application/sparql-update", "authorization": "Bearer jl_x_y"})
    assert r.status_code == 401
    assert _count(api) > 0


def test_sparql_using_graph_uri(api):
    _update(api, f"INSERT DATA {{ GRAPH <{DISTRICT}> {{ <a:s> <a:p> 1 }} }}", "admin")
    target = "https://kg.jllib.cn/graphs/copy"
    text = f"INSERT {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
    r = api.client.post(f"/sparql?using-graph-uri={quote(DISTRICT)}", content=text.encode(),
                        headers={"content-type": "application/sparql-update", **api.auth("admin")})
    assert r.status_code == 204
    copied = api.client.get("/sparql", params={"query": f"SELECT * {{ GRAPH <{target}> {{ ?s ?p ?o }} }}"})
    assert len(copied.json()["results"]["bindings"]) == 1


def test_sparql_result_limit(api):
    r = api.client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert r.status_code == 413 and "LIMIT" in r.json()["detail"]


def test_sparql_default_graph_uri_restricts_dataset(api):
    query = f"ASK {{ <{PERSON}> ?p ?o }}"
    r = api.client.get("/sparql", params={"query": query, "default-graph-uri": DISTRICT})
    assert r.json()["boolean"] is False


def test_sparql_timeout_is_a_problem_and_the_server_answers_on(api):
    state = api.client.app.state.jinling
    state.settings = state.settings.model_copy(update={"query_timeout": 0.3})
    runaway = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    r = api.client.get("/sparql", params={"query": runaway})
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    assert "time limit" in r.json()["detail"]
    assert api.client.get("/sparql", params={"query": ASK_AGENT}).json()["boolean"] is True


def test_sparql_result_byte_budget(api):
    state = api.client.app.state.jinling
    state.settings = state.settings.model_copy(update={"result_max_bytes": 200,
                                                       "result_limit": 10_000})
    r = api.client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert r.status_code == 413 and "past 200 bytes" in r.json()["detail"]
