"""``/api/v1/search`` and ``/api/v1/suggest`` through the real app."""

import pytest
from pyoxigraph import Literal, NamedNode, Quad
from search_support import sample_client

from kg.search import open_index
from sparql.text import insert_data

BASE = "https://kg.jllib.cn/"
ZHU = BASE + "entity/person/zhu-yuanzhang"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    with sample_client(tmp_path_factory.mktemp("search-api")) as client:
        yield client


def test_search_finds_and_marks(api):
    answer = api.client.get("/api/v1/search", params={"q": "朱元璋"})
    assert answer.status_code == 200
    body = answer.json()
    first = body["results"][0]
    assert (first["@id"], first["type"], first["label"]) == (ZHU, "Person", "朱元璋")
    assert first["snippet"] == "<mark>朱元璋</mark>" and isinstance(first["score"], float)
    assert body["total"] == 1 and body["next"] is None
    assert body["facets"]["type"] == [{"value": "Person", "count": 1}]
    assert body["facets"]["graph"] == [{"value": "kb", "@id": BASE + "graphs/kb", "count": 1}]


def test_search_first_request_builds_the_index(api, tmp_path):
    assert not (tmp_path / "index.sqlite").exists()
    assert api.client.get("/api/v1/search", params={"q": "金陵"}).json()["total"] == 1
    assert (tmp_path / "index.sqlite").exists()


def test_search_escapes_markup_in_data(api):
    answer = api.client.get("/api/v1/search", params={"q": "script"})
    hit = answer.json()["results"][0]
    assert hit["@id"] == ZHU and hit["matched"] == "alt"
    assert hit["snippet"] == ("&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>"
                              "&gt;")
    assert "<script" not in answer.text


def test_search_sees_a_refresh_after_a_write(api):
    assert api.client.get("/api/v1/search", params={"q": "洪武"}).json()["total"] == 0
    api.store.update(insert_data([Quad(NamedNode(ZHU), NamedNode(BASE + "ontology#alias"),
                                       Literal("洪武帝", language="zh"),
                                       api.minter.graph("kb"))]))
    open_index(api.client.app.state.jinling.settings).refresh(api.store, [ZHU])
    found = api.client.get("/api/v1/search", params={"q": "洪武"}).json()["results"]
    assert [(r["@id"], r["label"], r["snippet"]) for r in found] == \
        [(ZHU, "朱元璋", "<mark>洪武</mark>帝")]


@pytest.mark.parametrize("path, status", [
    ("/api/v1/search?q=", 400),
    ("/api/v1/search?q=%20%20", 400),
    ("/api/v1/search", 400),
    ("/api/v1/search?q=%E3%80%82", 400),        # only punctuation
    ("/api/v1/search?q=a&type=Dragon", 400),
    ("/api/v1/search?q=a&graph=Not%20A%20Name", 400),
    ("/api/v1/search?q=a&limit=0", 422),
    ("/api/v1/search?q=a&page=0", 422),
    ("/api/v1/suggest?q=", 400),
    ("/api/v1/suggest?q=a&type=Dragon", 400),
    ("/api/v1/suggest?q=a&limit=51", 422),
])
def test_search_bad_parameters_are_problems(api, path, status):
    answer = api.client.get(path)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith(PROBLEM)
    assert answer.json()["status"] == status and answer.json()["detail"]


@pytest.mark.parametrize("typed, iri", [
    ("zhu", ZHU),                                   # pinyin prefix
    ("朱元", ZHU),
    ("金陵", BASE + "entity/organization/jinling-library"),
    ("jinlingt", BASE + "entity/organization/jinling-library"),
])
def test_suggest(api, typed, iri):
    found = api.client.get("/api/v1/suggest", params={"q": typed}).json()["suggestions"]
    assert found[0]["@id"] == iri and found[0]["label"] and found[0]["type"]


def test_search_pages_follow_next(sample):
    first = sample.get("/api/v1/search", params={"q": "宁", "limit": 30}).json()
    seen, link = [r["@id"] for r in first["results"]], first["next"]
    while link:
        page = sample.get(link).json()
        seen += [r["@id"] for r in page["results"]]
        link = page["next"]
    assert len(seen) == len(set(seen)) == first["total"] > 60
    assert page["prev"] and page["facets"] == first["facets"]


def test_search_filters_by_type_period_and_graph(sample):
    body = sample.get("/api/v1/search", params=[("q", "宁"), ("type", "Person"),
                                                ("type", "PlaceName")]).json()
    counts = {f["value"]: f["count"] for f in body["facets"]["type"]}
    assert set(counts) == {"Person", "PlaceName"} and sum(counts.values()) == body["total"]
    ming = sample.get("/api/v1/search", params={"q": "宁", "period": "明"}).json()
    assert 0 < ming["total"] < body["total"]
    assert all("明" in [p["label"] for p in r["periods"]] for r in ming["results"])
    texts = sample.get("/api/v1/search", params={"q": "金陵图书馆", "graph": "oral-history"})
    assert {r["type"] for r in texts.json()["results"]} >= {"TranscriptSegment"}


def test_search_parts_name_their_record(sample):
    hit = sample.get("/api/v1/search", params={"q": "梅花山", "type": "Paragraph"}).json()
    part = hit["results"][0]
    assert part["partOf"] == {"@id": BASE + "instances/documents/ming-xiaoling",
                              "label": "明孝陵简介", "type": "Instance"}
    assert "<mark>梅花山</mark>" in part["snippet"]


def test_suggest_over_the_sample(sample):
    found = sample.get("/api/v1/suggest", params={"q": "nanj", "type": "Place"}).json()
    assert found["suggestions"][0]["label"] == "南京"
    assert {s["type"] for s in found["suggestions"]} == {"Place"}
