"""Curation, the change log and the change feed over HTTP, with every role."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.auth import Role
from kg.sync import sync
from sparql.embedded import EmbeddedStore

CURATION_DATA = Path(__file__).parents[1] / "kg" / "curation" / "store.trig"
BASE = "https://kg.jllib.cn/"
LI_YU = BASE + "entity/person/li-yu"
HOUZHU = BASE + "entity/person/li-houzhu"
MENTION = BASE + "mentions/a/0-3"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DEATH = {"predicate": "https://kg.jllib.cn/ontology#deathYear",
         "object": {"@value": "978", "@type": "http://www.w3.org/2001/XMLSchema#integer"}}
ALIAS = {"predicate": ALT, "object": {"@value": "钟隐", "@language": "zh-Hans"}}


@pytest.fixture
def cur(api):
    api.store.load(CURATION_DATA)
    api.tokens["curator-xuanwu"] = api.client.app.state.jinling.tokens.create(
        Role.CURATOR, "district/xuanwu")[1]
    return api


def quads(store) -> set[ox.Quad]:
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return set(ox.parse(out.getvalue(), ox.RdfFormat.N_QUADS))


def edit(cur, role: str | None, add=(ALIAS,)):
    headers = cur.auth(role) if role else {}
    return cur.client.patch("/api/v1/curation/entities/person/li-yu", headers=headers,
                            json={"add": list(add), "remove": []})


@pytest.mark.parametrize("role, status", [
    (None, 401), ("district", 403), ("curator-xuanwu", 403), ("curator", 200), ("admin", 200)])
def test_curation_write_needs_a_curator_with_the_graph(cur, role, status):
    reply = edit(cur, role)
    assert reply.status_code == status, reply.text
    if status != 200:
        assert reply.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("method, path, body", [
    ("post", "/api/v1/curation/merge", {"merged": HOUZHU, "into": LI_YU}),
    ("post", "/api/v1/curation/review", {"mention": MENTION, "decision": "accept"}),
    ("post", "/api/v1/curation/split", {"entity": HOUZHU, "label": {"@value": "某"},
                                        "statements": [DEATH]}),
    ("post", "/api/v1/changes/1/undo", None),
])
@pytest.mark.parametrize("role", [None, "district", "curator-xuanwu"])
def test_every_curation_write_checks_the_role(cur, method, path, body, role):
    before = quads(cur.store)
    headers = cur.auth(role) if role else {}
    reply = getattr(cur.client, method)(path, headers=headers, json=body)
    assert reply.status_code in (401, 403, 404), reply.text
    assert quads(cur.store) == before


def test_edit_history_and_undo(cur):
    done = edit(cur, "curator").json()
    assert done["type"] == "Update" and "钟隐" in done["jl:added"]
    history = cur.client.get("/api/v1/changes", params={"about": LI_YU}).json()["items"]
    assert [h["id"] for h in history] == [done["id"]]
    number = done["id"].rsplit("/", 1)[-1]
    undone = cur.client.post(f"/api/v1/changes/{number}/undo", headers=cur.auth("curator"))
    assert undone.status_code == 200 and undone.json()["type"] == "jl:Undo"
    assert "钟隐" not in {q.object.value for q in quads(cur.store)}
    again = cur.client.post(f"/api/v1/changes/{number}/undo", headers=cur.auth("curator"))
    assert again.status_code == 409


def test_merge_redirects_and_split_undoes_it(cur):
    merged = cur.client.post("/api/v1/curation/merge", headers=cur.auth("curator"),
                             json={"merged": HOUZHU, "into": LI_YU})
    assert merged.status_code == 200, merged.text
    old = cur.client.get("/entity/person/li-houzhu", follow_redirects=False)
    assert old.status_code == 301 and old.headers["location"] == "/entity/person/li-yu"
    page = cur.client.get("/entity/person/li-yu", headers={"Accept": "application/n-triples"})
    assert "李后主" in page.text
    number = int(merged.json()["id"].rsplit("/", 1)[-1])
    split = cur.client.post("/api/v1/curation/split", headers=cur.auth("curator"),
                            json={"undo": number})
    assert split.status_code == 200, split.text
    assert cur.client.get("/entity/person/li-houzhu", follow_redirects=False).status_code == 200


def test_review_queue_and_decision(cur):
    queue = cur.client.get("/api/v1/curation/review").json()["items"]
    assert queue[0]["mention"] == MENTION and queue[0]["exact"] == "李后主"
    reply = cur.client.post("/api/v1/curation/review", headers=cur.auth("curator"),
                            json={"mention": MENTION, "decision": "reject"})
    assert reply.status_code == 200, reply.text
    assert MENTION not in [i["mention"] for i in
                           cur.client.get("/api/v1/curation/review").json()["items"]]


def test_bad_requests_are_problems(cur):
    reply = cur.client.post("/api/v1/curation/merge", headers=cur.auth("curator"),
                            json={"merged": LI_YU, "into": LI_YU})
    assert reply.status_code == 400 and "itself" in reply.json()["detail"]
    reply = cur.client.patch("/api/v1/curation/entities/person/nobody",
                             headers=cur.auth("curator"), json={"add": [ALIAS]})
    assert reply.status_code == 404
    assert cur.client.get("/api/v1/changes/999").status_code == 404


def test_a_copy_synced_through_the_feed_equals_the_source(cur):
    copy = EmbeddedStore()
    dump = io.BytesIO()
    cur.store.dump(dump, format=ox.RdfFormat.N_QUADS)
    copy.load(dump.getvalue(), format=ox.RdfFormat.N_QUADS)
    start = cur.client.get("/feed").json()["jl:lastChange"]
    curator = cur.auth("curator")
    assert edit(cur, "curator").status_code == 200
    assert cur.client.post("/api/v1/curation/review", headers=curator,
                           json={"mention": MENTION, "decision": "accept"}).status_code == 200
    merge = cur.client.post("/api/v1/curation/merge", headers=curator,
                            json={"merged": HOUZHU, "into": LI_YU}).json()
    split = {"entity": LI_YU, "label": {"@value": "李煜（英文名）", "@language": "zh-Hans"},
             "statements": [{"predicate": "http://www.w3.org/2004/02/skos/core#prefLabel",
                             "object": {"@value": "Li Yu", "@language": "en"}}]}
    assert cur.client.post("/api/v1/curation/split", headers=curator,
                           json=split).status_code == 200
    district, graph = cur.auth("district"), BASE + "graphs/district/xuanwu"
    turtle = {"Content-Type": "text/turtle", **district}
    assert cur.client.put("/graphs/district/xuanwu", headers=turtle,
                          content="<https://kg.jllib.cn/works/x/1> <http://www.w3.org/2000/01/"
                                  "rdf-schema#label> \"玄武区图书馆藏\"@zh .").status_code == 201
    update = (f"INSERT DATA {{ GRAPH <{graph}> {{ <{BASE}works/x/2> "
              "<http://www.w3.org/2000/01/rdf-schema#label> \"第二种\" } }")
    assert cur.client.post("/sparql", headers={"Content-Type": "application/sparql-update",
                                               **district}, content=update).status_code == 204
    assert cur.client.put("/graphs/district/xuanwu", headers=turtle,
                          content=f"<{BASE}works/x/3> <{ALT}> \"替换\" .").status_code == 204
    assert quads(copy) != quads(cur.store)
    result = sync(copy, lambda url: cur.client.get(url).json(), "/feed", after=start)
    assert result.applied == 7 and result.last > start
    assert quads(copy) == quads(cur.store)
    assert merge["type"] == "jl:Merge"


def test_feed_pages_follow_next(cur):
    for _ in range(3):
        edit(cur, "curator", add=[{**ALIAS, "object": {"@value": f"别名{_}"}}])
    front = cur.client.get("/feed").json()
    assert front["type"] == "OrderedCollection" and front["totalItems"] == 3
    seen, url = [], "/feed/page?after=0&size=2"
    while url:
        page = cur.client.get(url).json()
        seen += [item["id"] for item in page["orderedItems"]]
        url = page.get("next")
    assert len(seen) == len(set(seen)) == 3


def test_search_follows_curation_and_graph_store_writes(cur):
    def found(q: str) -> set[str]:
        reply = cur.client.get("/api/v1/search", params={"q": q})
        assert reply.status_code == 200, reply.text
        return {hit["@id"] for hit in reply.json()["results"]}

    assert LI_YU not in found("钟隐")  # the first search builds the index
    assert edit(cur, "curator").status_code == 200
    assert LI_YU in found("钟隐")
    put = cur.client.put("/graphs/district/xuanwu",
                         headers={"Content-Type": "text/turtle", **cur.auth("district")},
                         content=f'<{BASE}entity/place/x> a <https://kg.jllib.cn/ontology#Place> ;'
                                 f' <{ALT}> "乌龙潭"@zh-Hans .')
    assert put.status_code == 201
    assert BASE + "entity/place/x" in found("乌龙潭")


def test_api_answers_follow_writes_and_revalidate_from_the_cache(cur):
    url = "/api/v1/entities/person/li-yu"
    first = cur.client.get(url)
    assert first.status_code == 200 and "钟隐" not in first.text
    again = cur.client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    head = cur.client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == first.headers["etag"]
    assert edit(cur, "curator").status_code == 200
    after = cur.client.get(url)
    assert "钟隐" in after.text and after.headers["etag"] != first.headers["etag"]
    assert cur.client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code \
        == 200
