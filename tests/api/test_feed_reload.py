"""A copy kept through the change feed of a real server, across a command-line load (a reload:
the copy takes the graphs from their dumps) and a curator's edit made over HTTP."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
from support import free_port, jinling, jinling_env, start_server

from kg.sync import sync
from sparql.embedded import EmbeddedStore

PEOPLE = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<entity/person/a> a jl:Person ; skos:prefLabel "甲"@zh-Hans .
<entity/person/b> a jl:Person ; skos:prefLabel "乙"@zh-Hans .
"""
ALL = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def served_quads(url: str) -> set[ox.Quad]:
    reply = httpx.get(f"{url}/sparql", params={"query": ALL},
                      headers={"Accept": "application/sparql-results+json"}, timeout=60)
    reply.raise_for_status()
    rows = reply.json()["results"]["bindings"]
    return {ox.Quad(*(_term(row[v]) for v in ("s", "p", "o", "g"))) for row in rows}


def _term(value: dict):
    if value["type"] == "bnode":
        return ox.BlankNode(value["value"])
    if value["type"] == "uri":
        return ox.NamedNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])


def ground(quads: set[ox.Quad]) -> tuple[set[ox.Quad], int]:
    """The quads without blank nodes, and how many have one (blank node labels are each
    store's own: the ontology graph's axioms are equal up to their renaming)."""
    blank = {q for q in quads if isinstance(q.subject, ox.BlankNode)
             or isinstance(q.object, ox.BlankNode)}
    return quads - blank, len(blank)


def copy_quads(store: EmbeddedStore) -> set[ox.Quad]:
    return {ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in store.query(ALL)}


def test_a_copy_follows_a_command_line_load_and_a_curator_edit(tmp_path):
    env = jinling_env(tmp_path)
    (tmp_path / "people.ttl").write_text(PEOPLE, encoding="utf-8")
    jinling(env, "load", str(tmp_path / "people.ttl"), "--graph", "kb")
    token = jinling(env, "token", "create", "--role", "curator").stdout.split()[-1]
    port = free_port()
    server = start_server({**env, "JINLING_PORT": str(port)}, port)
    url = f"http://127.0.0.1:{port}"
    try:
        edit = httpx.patch(f"{url}/api/v1/curation/entities/person/a",
                           headers={"Authorization": f"Bearer {token}"},
                           json={"add": [{"predicate": "http://www.w3.org/2004/02/skos/core#"
                                                       "altLabel",
                                          "object": {"@value": "甲甲", "@language": "zh-Hans"}}]})
        assert edit.status_code == 200, edit.text
        feed = httpx.get(f"{url}/feed/page?after=0").json()["orderedItems"]
        assert [item["type"] for item in feed] == ["jl:Reload", "Update"]
        copy = EmbeddedStore()
        result = sync(copy, lambda u: httpx.get(url + u if u.startswith("/") else u).json(),
                      "/feed", fetch_bytes=lambda u: httpx.get(u).content)
        assert result.applied == 2
        assert ground(copy_quads(copy)) == ground(served_quads(url))
        assert ox.Literal("甲甲", language="zh-Hans") in {q.object for q in copy_quads(copy)}
    finally:
        server.terminate()
        server.wait(timeout=15)
