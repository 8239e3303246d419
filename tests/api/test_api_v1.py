"""``/api/v1``: the JSON-LD REST API, over a store of the real sample data.

The store is what ``jinling load data/`` and the ingests of data/marc, data/documents,
data/ancient-books and data/oral-history/interviews make of the samples, linked to the
knowledge base, plus one merged entity (as curation leaves it). It is built once per module;
no test writes to it.
"""

import json
import warnings
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from ingest_support import ingest_kind
from pydantic import BaseModel
from pyld import jsonld
from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from api import models_v1 as m
from api.app import create_app
from api.routes import api_v1
from kg import analytics
from kg.inference import install_ontology, materialise
from kg.iri import Minter
from kg.linking.store import link_store
from kg.loading import load_files, plan
from kg.settings import Settings
from kg.views.context import api_context
from sparql.embedded import EmbeddedStore
from sparql.text import substitute

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
BASE = "https://kg.jllib.cn/"
MINTER = Minter(BASE)
E = BASE + "entity/"
PROBLEM = "application/problem+json"
INGESTS = [  # (kind, inputs, graph), in the order the CLI would run them
    ("marc", [DATA / "marc" / "jinling-authority.mrc"], "catalogue"),
    ("marc", [DATA / "marc" / "jinling-marc21.mrc", DATA / "marc" / "jinling-cnmarc.iso"],
     "catalogue"),
    ("document", [DATA / "documents"], "documents"),
    ("ancient-book", [DATA / "ancient-books"], "ancient-books"),
    ("oral-history", [DATA / "oral-history" / "interviews"], "oral-history"),
]
MERGED = """<entity/person/zhu-chongba> <http://www.w3.org/2002/07/owl#sameAs>
    <entity/person/zhu-yuanzhang> ;
  <http://purl.org/dc/terms/isReplacedBy> <entity/person/zhu-yuanzhang> ."""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample store (see the module) and the scratch folder its media went to."""
    tmp = tmp_path_factory.mktemp("api-v1")
    store = EmbeddedStore()
    load_files(store, MINTER, plan([DATA]), base_iri=BASE)
    for kind, paths, graph in INGESTS:
        ingest_kind(store, kind, paths, tmp, graph)
    store.load(MERGED.encode(), format=RdfFormat.TURTLE, graph=MINTER.graph("curation"),
               base_iri=BASE)
    install_ontology(store, MINTER)
    materialise(store, MINTER)
    link_store(store, MINTER)
    yield store, tmp
    store.close()


@pytest.fixture(scope="module")
def client(sample):
    store, tmp = sample
    settings = Settings(store=tmp / "store", tokens=tmp / "tokens.json", media=tmp / "media")
    with TestClient(create_app(settings, store)) as client:
        yield client


def get(client, path: str, model: type[BaseModel] | None = None, **params) -> dict:
    """GET a JSON-LD document that must be there (and fit ``model``)."""
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/ld+json"
    body = response.json()
    assert body["@context"] == "http://testserver/api/v1/context.jsonld"
    if model is not None:
        model.model_validate(body)
    return body


def loader(client):
    """A pyld document loader that fetches contexts from the app."""
    def load(url, options=None):
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200
        return {"contextUrl": None, "documentUrl": url, "document": response.json()}
    return load


# -- entities ------------------------------------------------------------------------------


def test_an_entity_has_its_names_dates_relations_and_graph(client):
    body = get(client, "/api/v1/entities/person/zhu-yuanzhang", m.Entity)
    assert body["id"] == E + "person/zhu-yuanzhang" and body["type"] == ["Person"]
    assert body["name"] == "朱元璋" and body["prefLabel"]["en"] == ["Zhu Yuanzhang"]
    assert body["aliases"]["courtesyName"] == {"zh-hans": ["国瑞"], "zh-hant": ["國瑞"]}
    assert "明太祖" in body["aliases"]["alias"]["zh-hans"]
    assert body["dates"] == {"birthYear": [1328], "deathYear": [1398]}
    assert body["relations"]["burialPlace"] == [{"id": E + "place/ming-xiaoling",
                                                 "name": "明孝陵"}]
    assert {r["name"] for r in body["relations"]["activeIn"]} == {"明", "洪武"}
    assert body["graphs"] == [BASE + "graphs/kb"]


def test_a_place_links_to_where_it_lies_and_to_identifiers_elsewhere(client):
    river = get(client, "/api/v1/entities/place/qinhuai-he", m.Entity)
    assert river["name"] == "秦淮河" and river["aliases"]["altLabel"] == {"zh-hans": ["秦淮"]}
    assert river["relations"]["locatedIn"] == [{"id": E + "place/nanjing", "name": "南京"}]
    county = get(client, "/api/v1/entities/place/yizheng-xian-1820", m.Entity)
    assert county["identifiers"]["sameAs"] == [
        "http://maps.cga.harvard.edu/tgaz/placename/hvd_773"]
    assert county["latitude"] == [32.26754]


@pytest.mark.parametrize("params, first, check", [
    ({"type": "person"}, None, lambda item: item["type"] == ["Person"]),
    ({"q": "秦淮"}, "place/qinhuai-he", lambda item: item["name"]),  # or an alias has it
    ({"q": "金陵", "match": "exact"}, None, lambda item: True),
    ({"q": "nanjing", "match": "prefix", "type": "place"}, "place/nanjing",
     lambda item: item["type"] == ["Place"]),
    ({"type": "person", "period": "ming"}, None, lambda item: item["type"] == ["Person"]),
    ({"type": "reignera", "period": "ming"}, None, lambda item: item["type"] == ["ReignEra"]),
    ({"graph": "documents"}, None, lambda item: item["id"].startswith(E)),
])
def test_entity_lists_filter(client, params, first, check):
    body = get(client, "/api/v1/entities", m.Collection, limit=100, **params)
    assert body["items"] and all(check(item) for item in body["items"])
    assert all(item["id"].startswith(E) for item in body["items"])
    if first:
        assert body["items"][0]["id"] == E + first


def test_entity_list_by_period_reaches_eras_within_the_dynasty(client):
    zhu = get(client, "/api/v1/entities", type="person", period="ming", q="朱元璋")
    assert [item["id"] for item in zhu["items"]] == [E + "person/zhu-yuanzhang"]
    assert get(client, "/api/v1/entities", period="ming", q="孙权")["items"] == []
    assert get(client, "/api/v1/entities", period="sun-wu", q="孙权")["items"]
    eras = get(client, "/api/v1/entities", type="reignera", period="ming", limit=100)
    assert "洪武" in {item["name"] for item in eras["items"]}


def test_entity_list_items_carry_years(client):
    body = get(client, "/api/v1/entities", q="朱元璋", type="person")
    assert body["items"][0] == {"id": E + "person/zhu-yuanzhang", "type": ["Person"],
                                "name": "朱元璋",
                                "dates": {"birthYear": [1328], "deathYear": [1398]}}


@pytest.mark.parametrize("path, params", [
    ("/api/v1/entities", {"type": "event"}),
    ("/api/v1/works", {}),
    ("/api/v1/instances", {"graph": "ancient-books"}),
])
def test_following_next_visits_every_item_once(client, path, params):
    whole = get(client, path, limit=100, **params)
    assert whole["next"] is None and len(whole["items"]) == whole["totalItems"] > 7
    seen, url, pages = [], f"{path}?" + "&".join(f"{k}={v}" for k, v in params.items()), 0
    url += ("&" if params else "") + "limit=7"
    while url:
        response = client.get(url)
        body = response.json()
        pages += 1
        assert body["pageNumber"] == pages and len(body["items"]) <= 7
        assert (body["prev"] is None) == (pages == 1)
        links = response.headers["link"]
        assert f'<{body["first"]}>; rel="first"' in links
        if body["next"]:
            assert f'<{body["next"]}>; rel="next"' in links
        seen += [item["id"] for item in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == whole["totalItems"]
    assert seen == [item["id"] for item in whole["items"]]
    assert pages == -(-whole["totalItems"] // 7) and body["last"].endswith(f"page={pages}&limit=7")


def test_a_page_past_the_end_is_empty_and_points_back(client):
    body = get(client, "/api/v1/entities", type="event", page=99, limit=10)
    last = -(-body["totalItems"] // 10)  # the KB's events fill that many pages of ten
    assert body["items"] == [] and body["next"] is None and 1 < last < 99
    assert body["prev"] == body["last"] and body["last"].endswith(f"page={last}&limit=10")


def test_neighbours_join_the_cooccurrence_network_and_direct_relations(client, sample):
    store, _ = sample
    body = get(client, "/api/v1/entities/place/ming-xiaoling/neighbours", m.Neighbours)
    net = analytics.load_network(store, MINTER)
    expected = analytics.neighbours(net, E + "place/ming-xiaoling", 50)
    assert [(n["id"], n["weight"]) for n in body["cooccurring"]] == expected
    zhu = next(n for n in body["cooccurring"] if n["id"] == E + "person/zhu-yuanzhang")
    assert zhu["name"] == "朱元璋" and zhu["type"] == ["Person"]
    assert {"id": E + "person/zhu-yuanzhang", "type": ["Person"], "name": "朱元璋",
            "property": "burialPlace", "direction": "in"} in body["related"]
    within = get(client, "/api/v1/entities/place/ming-xiaoling/neighbours", graph="kb")
    assert within["cooccurring"] == [] and within["related"] == body["related"]


# -- works, instances, items ---------------------------------------------------------------


def test_a_work_from_marc_embeds_its_title_and_contributions(client):
    work = get(client, "/api/v1/works/catalogue/JL0000001", m.Record)
    assert work["name"] == "随园诗话" and "Work" in work["type"]
    assert work["title"][0]["mainTitle"]["zh-hans"] == ["随园诗话"]
    agents = {a["id"]: a.get("name") for c in work["contribution"] for a in c["agent"]}
    assert E + "person/jll-JLA000001" in agents
    assert work["hasInstance"] == [{"id": BASE + "instances/catalogue/JL0000001",
                                    "name": "随园诗话"}]
    assert work["graphs"] == [BASE + "graphs/catalogue"]


def test_instances_and_items_link_each_other(client):
    instance = get(client, "/api/v1/instances/catalogue/JL0000001", m.Record)
    item_iri = instance["hasItem"][0]["id"]
    item = get(client, "/api/v1" + MINTER.path_of(item_iri), m.Record)
    assert item["itemOf"][0]["id"] == instance["id"]
    assert item["shelfMark"][0]["label"] == {"@none": ["I207.22/4043"]}


@pytest.mark.parametrize("params, check", [
    ({"graph": "catalogue"}, lambda i: i["id"].startswith((BASE + "works/catalogue/",
                                                           BASE + "work/"))),
    ({"type": "localdocument"}, lambda i: "LocalDocument" in i["type"]),
    ({"type": "oralhistoryinterview"}, lambda i: "OralHistoryInterview" in i["type"]),
    ({"q": "红楼梦"}, lambda i: "红楼梦" in i["name"]),
])
def test_work_lists_filter(client, params, check):
    body = get(client, "/api/v1/works", m.Collection, limit=100, **params)
    assert body["items"] and all(check(item) for item in body["items"])


# -- texts ---------------------------------------------------------------------------------


def _parts(node: dict):
    for section in node.get("sections", []):
        yield from _parts(section)
    yield from node.get("paragraphs", [])


def _check_mentions(part: dict) -> None:
    text = next(iter(part["text"].values()))[0]
    for mention in part["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["quote"]
        assert mention["status"] in ("machine", "accepted", "rejected")
        assert 0 < mention["confidence"] <= 1 and mention["entity"]["id"].startswith(E)


def test_a_document_has_its_sections_paragraphs_and_mentions(client):
    doc = get(client, "/api/v1/documents/documents/ming-xiaoling", m.LocalDocument)
    assert doc["name"] == "明孝陵简介" and "LocalDocument" in doc["type"]
    instance = doc["hasInstance"][0]
    assert "fullText" not in instance
    headings = [s["label"]["zh-hans"][0] for s in instance["sections"][0]["sections"]]
    assert headings == ["营建", "神道", "世界遗产"]
    paragraphs = list(_parts(instance))
    assert paragraphs and all(p["type"] == ["Paragraph"] for p in paragraphs)
    for paragraph in paragraphs:
        _check_mentions(paragraph)
    first = paragraphs[0]["mentions"][0]
    assert first["quote"] == "明孝陵" and first["entity"] == {"id": E + "place/ming-xiaoling",
                                                              "name": "明孝陵"}


def test_a_book_has_its_pages_in_order_with_iiif_links_that_work(client):
    book = get(client, "/api/v1/books/ancient-books/320100-0000-0000001", m.Book)
    assert book["name"] == "南唐二主词"
    assert book["editionStatement"] == {"zh-hans": ["明万历四十八年吕远墨华斋刻本"]}
    assert [p["order"] for p in book["pages"]] == [[1], [2], [3]]
    for page in book["pages"]:
        _check_mentions(page)
    assert any(mention["quote"] == "李璟" for mention in book["pages"][0]["mentions"])
    assert client.get(book["manifest"]).status_code == 200
    info = client.get(book["pages"][1]["imageService"] + "/info.json")
    assert info.status_code == 200 and info.json()["width"] == book["pages"][1]["width"][0]


def test_an_interview_has_its_segments_with_speakers_and_time_codes(client):
    talk = get(client, "/api/v1/interviews/oral-history/JL-OH-SAMPLE-002", m.Interview)
    segments = talk["segments"]
    assert [s["order"][0] for s in segments] == list(range(1, len(segments) + 1))
    assert segments[0]["speakerLabel"] == ["采访人"] and segments[0]["speaker"][0]["name"]
    assert all(s["startTime"][0] < s["endTime"][0] for s in segments)
    assert segments[1]["startTime"] == [7] and segments[1]["endTime"] == [19.8]
    for segment in segments:
        _check_mentions(segment)
    assert any(m["quote"] == "秦淮河" for s in segments for m in s["mentions"])


# -- errors --------------------------------------------------------------------------------


def _problem(response, status: int, fragment: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and fragment in body["detail"]
    m.Problem.model_validate(body)


@pytest.mark.parametrize("path, fragment", [
    ("/api/v1/entities/person/nobody", "nothing is known"),
    ("/api/v1/works/catalogue/NOPE", "nothing is known"),
    ("/api/v1/documents/catalogue/JL0000001", "not a local document"),
    ("/api/v1/books/catalogue/JL0000001", "not an ancient book"),
    ("/api/v1/interviews/documents/ming-xiaoling", "not an oral-history interview"),
    ("/api/v1/entities/person/nobody/neighbours", "nothing is known"),
    ("/api/v1/entities/no%20kind/x", "no entity kind"),
])
def test_unknown_resources_are_404_problems(client, path, fragment):
    _problem(client.get(path), 404, fragment)


@pytest.mark.parametrize("path", ["/api/v1/works/catalogue/JL0000013",
                                  "/api/v1/instances/catalogue/JL0000013"])
def test_deleted_records_are_410_problems(client, path):
    _problem(client.get(path), 410, "was deleted at 20")


@pytest.mark.parametrize("path, params, fragment", [
    ("/api/v1/entities", {"limit": "0"}, "limit"),
    ("/api/v1/entities", {"limit": "101"}, "limit"),
    ("/api/v1/entities", {"page": "0"}, "page"),
    ("/api/v1/entities", {"page": "two"}, "page"),
    ("/api/v1/entities", {"type": "dragon"}, "no type 'dragon'"),
    ("/api/v1/entities", {"type": "bf: x"}, "no type 'bf: x'"),
    ("/api/v1/entities", {"q": "南", "match": "fuzzy"}, "match"),
    ("/api/v1/entities", {"period": "atlantis"}, "not a period"),
    ("/api/v1/entities", {"graph": "Bad Name"}, "invalid graph name"),
    ("/api/v1/works", {"graph": "nowhere"}, "no graph 'nowhere'"),
    ("/api/v1/entities/place/nanjing/neighbours", {"graph": "nowhere"}, "no graph"),
    ("/api/v1/entities/place/nanjing/neighbours", {"limit": "501"}, "limit"),
])
def test_bad_parameters_are_400_problems(client, path, params, fragment):
    _problem(client.get(path, params=params), 400, fragment)


def test_a_merged_entity_redirects_to_the_one_it_was_merged_into(client):
    for path in ("/api/v1/entities/person/zhu-chongba",
                 "/api/v1/entities/person/zhu-chongba/neighbours?limit=3"):
        moved = client.get(path, follow_redirects=False)
        assert moved.status_code == 301
        assert moved.headers["location"] == path.replace("zhu-chongba", "zhu-yuanzhang")
    listed = get(client, "/api/v1/entities", q="朱重八")
    assert E + "person/zhu-chongba" not in {item["id"] for item in listed["items"]}


# -- caching and CORS ----------------------------------------------------------------------


def test_etag_round_trip_gives_304_without_a_body(client):
    path = "/api/v1/entities/place/qinhuai-he"
    first = client.get(path)
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    weak = client.get(path, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    other = client.get(path, headers={"If-None-Match": '"other"'})
    assert other.status_code == 200 and other.headers["etag"] == etag
    assert client.get("/api/v1/entities/place/nanjing").headers["etag"] != etag


def test_last_modified_and_if_modified_since(client):
    path = "/api/v1/works/catalogue/JL0000001"
    first = client.get(path)
    modified = first.headers["last-modified"]
    assert modified.endswith(" GMT")
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    earlier = format_datetime(datetime.now(UTC) - timedelta(days=3650), usegmt=True)
    assert client.get(path, headers={"If-Modified-Since": earlier}).status_code == 200
    both = client.get(path, headers={"If-Modified-Since": modified, "If-None-Match": '"x"'})
    assert both.status_code == 200  # If-None-Match wins
    assert "last-modified" not in client.get("/api/v1/entities/place/qinhuai-he").headers


def test_head_has_the_headers_of_get_and_no_body(client):
    path = "/api/v1/entities?type=event&limit=5"
    got, head = client.get(path), client.head(path)
    assert head.status_code == 200 and head.content == b""
    for name in ("etag", "link", "content-type"):
        assert head.headers[name] == got.headers[name]
    assert int(head.headers["content-length"]) == len(got.content)


def test_cors_preflight_and_responses(client):
    origin = {"Origin": "https://app.example"}
    preflight = client.options("/api/v1/entities", headers={
        **origin, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "If-None-Match"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert {"GET", "HEAD", "OPTIONS"} <= {
        x.strip() for x in preflight.headers["access-control-allow-methods"].split(",")}
    write = client.options("/api/v1/entities", headers={
        **origin, "Access-Control-Request-Method": "POST"})
    assert write.status_code == 400
    got = client.get("/api/v1/entities?type=event", headers=origin)
    assert got.headers["access-control-allow-origin"] == "*"
    exposed = {x.strip().lower() for x in got.headers["access-control-expose-headers"].split(",")}
    assert {"etag", "link", "last-modified"} <= exposed
    missing = client.get("/api/v1/entities/person/nobody", headers=origin)
    assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in client.get("/health", headers=origin).headers


def test_cors_of_the_iiif_routes_is_their_own(client):
    preflight = client.options("/iiif/ancient-books/320100-0000-0000001/manifest", headers={
        "Origin": "https://viewer.example", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 204 and preflight.headers["access-control-max-age"] == "86400"
    assert "vary" not in preflight.headers  # Starlette's middleware would have added one


# -- JSON-LD -------------------------------------------------------------------------------


def _store_triples(store, subjects: set[str]) -> set[tuple]:
    found = set()
    for subject in subjects:
        rows = store.query(substitute("SELECT ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                      {"s": NamedNode(subject)}))
        found |= {(subject, r["p"].value, _term(r["o"])) for r in rows
                  if r["g"].value != BASE + "graphs/inferred"}
    return found


def _term(term) -> tuple:
    if isinstance(term, Literal) and term.datatype.value.endswith(("#decimal", "#double")):
        return (Decimal(term.value), term.datatype.value, None)  # JSON numbers: 6.5 is 6.5E0
    if isinstance(term, Literal):
        return (term.value, term.datatype.value, term.language)
    return (term.value,)


def _expanded_triples(client, doc: dict) -> set[tuple]:
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads",
                                 "documentLoader": loader(client)})
    return {(t.subject.value, t.predicate.value, _term(t.object))
            for t in parse(nquads.encode(), RdfFormat.N_QUADS)
            if not t.predicate.value.startswith("https://kg.jllib.cn/api/v1/vocab#")}


@pytest.mark.parametrize("path", ["/api/v1/entities/person/zhu-yuanzhang",
                                  "/api/v1/entities/place/qinhuai-he",
                                  "/api/v1/works/catalogue/JL0000001",
                                  "/api/v1/items/catalogue/JL0000001-1"])
def test_documents_expand_to_the_statements_the_store_holds(client, sample, path):
    store, _ = sample
    doc = get(client, path)
    expanded = _expanded_triples(client, doc)
    nodes = list(_nodes(doc))
    subjects = {doc["id"], *(n["id"] for n in nodes if "#" in n["id"])}
    assert {t for t in expanded if t[0] in subjects} == _store_triples(store, subjects)
    assert any(n.get("name") for n in nodes)  # names expand to the API's own term only
    assert all(t[0] in subjects for t in expanded)


def _nodes(value):
    """Every node object (a dict with an id) below a document."""
    if isinstance(value, dict):
        if "id" in value:
            yield value
        for inner in value.values():
            yield from _nodes(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _nodes(inner)


def test_every_key_of_a_text_document_is_a_term_or_a_compact_iri(client):
    context = client.get("/api/v1/context.jsonld").json()["@context"]
    prefixes = {k for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    for path in ("/api/v1/documents/documents/ming-xiaoling",
                 "/api/v1/books/ancient-books/320100-0000-0000001",
                 "/api/v1/interviews/oral-history/JL-OH-SAMPLE-002",
                 "/api/v1/entities/place/ming-xiaoling/neighbours",
                 "/api/v1/entities?type=event"):
        for key in _keys(get(client, path)):
            assert key in context or key.startswith("@") or key.split(":")[0] in prefixes \
                or "://" in key, (path, key)


def _keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            language_map = all(isinstance(v, list) and all(isinstance(x, str) for x in v)
                               for v in inner.values()) if isinstance(inner, dict) else False
            yield key
            if not language_map:
                yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def test_text_documents_expand_with_their_parts_and_mentions(client, sample):
    store, _ = sample
    doc = get(client, "/api/v1/interviews/oral-history/JL-OH-SAMPLE-002")
    expanded = _expanded_triples(client, doc)
    segment = doc["segments"][0]["id"]
    assert (segment, "https://kg.jllib.cn/ontology#segmentOf", (doc["id"],)) in expanded
    mention = next(m for s in doc["segments"] for m in s["mentions"])
    assert (mention["id"], "http://www.w3.org/ns/oa#hasBody",
            (mention["entity"]["id"],)) in expanded
    held = _store_triples(store, {segment, mention["id"]})
    assert {t for t in expanded if t[0] in (segment, mention["id"])} <= held


def test_the_published_context_is_the_ontology_context_and_more(client):
    response = client.get("/api/v1/context.jsonld")
    assert response.headers["content-type"] == "application/ld+json"
    assert "max-age" in response.headers["cache-control"] and response.headers["etag"]
    context = response.json()["@context"]
    assert context == api_context()
    ontology = json.loads((ROOT / "ontology" / "context.jsonld").read_text())["@context"]
    assert {k: context[k] for k in ontology} == ontology
    assert client.get("/api/v1/context.jsonld",
                      headers={"If-None-Match": response.headers["etag"]}).status_code == 304


# -- OpenAPI -------------------------------------------------------------------------------


def _api_operations(client):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate operation ids of other routers' HEADs
        spec = client.get("/openapi.json").json()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if any(r.path == path for r in api_v1.router.routes):
                yield path, method, operation


def test_every_route_is_described_with_a_schema_and_an_example(client):
    operations = list(_api_operations(client))
    assert len(operations) == len({r.path for r in api_v1.router.routes}) == 13
    for path, method, operation in operations:
        assert operation["summary"] and operation.get("description"), path
        content = operation["responses"]["200"]["content"]
        assert list(content) == ["application/ld+json"], path
        assert content["application/ld+json"]["example"], path
        assert content["application/ld+json"].get("schema") or path.endswith(".jsonld"), path
        assert "422" not in operation["responses"], path
        if not path.endswith(".jsonld"):
            for status in ("400", "404", "default"):
                problem = operation["responses"][status]["content"][PROBLEM]
                assert problem["example"] and problem["schema"], (path, status)
        assert method == "get"


@pytest.mark.parametrize("example, model", [
    (m.ENTITY, m.Entity), (m.PERSON, m.Entity), (m.ENTITY_LIST, m.Collection),
    (m.WORK_LIST, m.Collection), (m.NEIGHBOURS, m.Neighbours), (m.WORK, m.Record),
    (m.ITEM, m.Record), (m.DOCUMENT, m.LocalDocument), (m.BOOK, m.Book),
    (m.INTERVIEW, m.Interview), (m.NOT_FOUND, m.Problem), (m.GONE, m.Problem),
    (m.BAD, m.Problem), (m.UNAVAILABLE, m.Problem),
])
def test_examples_fit_their_models(example, model):
    model.model_validate(example)


@pytest.mark.parametrize("example, path", [
    (m.PERSON, "/api/v1/entities/person/zhu-yuanzhang"),
    (m.ENTITY, "/api/v1/entities/place/qinhuai-he"),
    (m.ENTITY_LIST, "/api/v1/entities?type=event&page=2&limit=2"),
    (m.WORK_LIST, "/api/v1/works?type=localdocument"),
    (m.NEIGHBOURS, "/api/v1/entities/place/ming-xiaoling/neighbours"),
    (m.WORK, "/api/v1/works/catalogue/JL0000001"),
    (m.ITEM, "/api/v1/items/catalogue/JL0000001-1"),
    (m.DOCUMENT, "/api/v1/documents/documents/ming-xiaoling"),
    (m.BOOK, "/api/v1/books/ancient-books/320100-0000-0000001"),
    (m.INTERVIEW, "/api/v1/interviews/oral-history/JL-OH-SAMPLE-002"),
])
def test_examples_say_what_the_api_answers(client, example, path):
    """Each example is a part of a real answer (mentions aside: they follow the linker)."""
    answer = json.loads(client.get(path).text.replace("http://testserver",
                                                      "http://127.0.0.1:8000"))
    assert _part_of(example, answer), path


def _part_of(example, real) -> bool:
    if isinstance(example, dict):
        return isinstance(real, dict) and all(
            key in ("mentions", "cooccurring") or key in real and _part_of(value, real[key])
            for key, value in example.items())
    if isinstance(example, list):
        return isinstance(real, list) and all(any(_part_of(e, r) for r in real)
                                              for e in example)
    if isinstance(example, str) and example.endswith("…"):
        return isinstance(real, str) and real.startswith(example[:-1])
    return example == real
