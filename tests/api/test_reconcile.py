"""``/reconcile`` through the real app, as OpenRefine drives it; every response is checked
against the JSON Schemas of the W3C Reconciliation API specs (../shared/conformance), and the
shared runner is run against a real server."""

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from search_support import sample_client
from support import jinling

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "conformance"
SPECS = SHARED / "reconciliation-api-specs"
RUNNER = SHARED / "suites" / "tools" / "run_reconciliation_checks.py"
PROBLEM = "application/problem+json"
ZHU = "entity/person/zhu-yuanzhang"


class Schemas:
    """The JSON Schemas of one spec version, with their references resolved among them."""

    def __init__(self, version: str):
        docs = {p.stem: json.loads(p.read_text(encoding="utf-8"))
                for p in sorted((SPECS / version / "schemas").glob("*.json"))}
        self.docs = docs
        self.registry = Registry().with_resources(
            (doc["$id"], Resource.from_contents(doc, default_specification=DRAFT7))
            for doc in docs.values() if "$id" in doc)

    def errors(self, name: str, instance) -> list[str]:
        validator = Draft7Validator(self.docs[name], registry=self.registry,
                                    format_checker=FormatChecker())
        return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


@pytest.fixture(scope="module")
def schemas():
    if not SPECS.is_dir():
        pytest.skip("../shared/conformance/reconciliation-api-specs is absent")
    return {version: Schemas(version) for version in ("0.1", "0.2")}


def valid(schemas, name: str, doc, versions=("0.2",)):
    for version in versions:
        assert schemas[version].errors(name, doc) == [], (version, name, doc)
    return doc


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with sample_client(tmp_path_factory.mktemp("reconcile-api")) as client:
        yield client


def test_reconcile_as_openrefine_drives_it(client, schemas):
    # 1. the manifest, as OpenRefine reads it when the service is added
    manifest = valid(schemas, "manifest", client.get("/reconcile").json(), ("0.1", "0.2"))
    person, place = manifest["defaultTypes"][0]["id"], manifest["defaultTypes"][2]["id"]
    assert (person, place) == ("jl:Person", "jl:Place")

    # 2. a batch of queries with a type and a property condition, posted as a form field
    batch = {
        "q0": {"query": "朱元璋", "type": person, "type_strict": "should", "limit": 3,
               "properties": [{"pid": "jl:birthYear", "v": "1328"}]},
        "q1": {"query": "南京", "type": place, "type_strict": "should", "limit": 3,
               "properties": [{"pid": "jl:locatedIn", "v": "江苏"}]},
        "q2": {"query": "明孝陵", "limit": 3},
    }
    answer = client.post("/reconcile", data={"queries": json.dumps(batch)})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    results = valid(schemas, "reconciliation-result-batch", answer.json())
    best = {key: results[key]["result"][0] for key in batch}
    assert (best["q0"]["id"], best["q0"]["match"], best["q0"]["score"]) == (ZHU, True, 100)
    assert best["q0"]["type"] == [{"id": "jl:Person", "name": "人物"}]
    # 南京 the city lies in 江苏; the other places named 南京 lie in it, and rank lower
    assert (best["q1"]["id"], best["q1"]["match"]) == ("entity/place/nanjing", True)
    assert all(c["score"] < best["q1"]["score"] for c in results["q1"]["result"][1:])
    assert best["q2"]["id"] == "entity/place/ming-xiaoling"

    # 3. the preview of a candidate, and its page (the view), from the manifest's templates
    preview = client.get(manifest["preview"]["url"].replace("{{id}}", quote(ZHU, safe="")))
    assert preview.status_code == 200 and preview.headers["content-type"].startswith("text/html")
    assert "朱元璋" in preview.text and "1328" in preview.text and "明孝陵" in preview.text
    view = client.get(manifest["view"]["url"].replace("{{id}}", quote(ZHU, safe="")),
                      headers={"Accept": "text/html"})
    assert view.status_code == 200 and "朱元璋" in view.text

    # 4. suggest, as the column headers and type box ask for it
    services = manifest["suggest"]
    for kind, prefix, schema in [("entity", "zhuyuan", "suggest-entities-response"),
                                 ("type", "per", "suggest-types-response"),
                                 ("property", "birth", "suggest-properties-response")]:
        url = services[kind]["service_url"] + services[kind]["service_path"]
        found = valid(schemas, schema, client.get(url, params={"prefix": prefix}).json())
        assert found["result"], kind
    entity = services["entity"]["service_url"] + services["entity"]["service_path"]
    assert ZHU in [r["id"] for r in client.get(entity, params={"prefix": "zhuyuan"}).json()[
        "result"]]

    # 5. the properties to add columns from, then the columns' values
    propose = manifest["extend"]["propose_properties"]
    proposed = valid(schemas, "data-extension-property-proposal", client.get(
        propose["service_url"] + propose["service_path"], params={"type": person}).json())
    assert "jl:birthYear" in [p["id"] for p in proposed["properties"]]
    ids = [best["q0"]["id"], best["q1"]["id"]]
    extension = {"ids": ids, "properties": [{"id": "jl:birthYear"}, {"id": "jl:burialPlace"},
                                            {"id": "jl:locatedIn"}]}
    rows = valid(schemas, "data-extension-response", client.post(
        "/reconcile", data={"extend": json.dumps(extension)}).json())["rows"]
    assert rows[ZHU]["jl:birthYear"] == [{"int": 1328}]
    assert rows[ZHU]["jl:burialPlace"] == [{"id": "entity/place/ming-xiaoling", "name": "明孝陵"}]
    assert rows["entity/place/nanjing"]["jl:locatedIn"][0]["name"] == "江苏"


def test_reconcile_get_and_json_body_answer_as_the_form(client, schemas):
    batch = {"q0": {"query": "孫權"}, "q1": {"query": "jinling", "limit": 2}}
    posted = client.post("/reconcile", data={"queries": json.dumps(batch)}).json()
    got = client.get("/reconcile", params={"queries": json.dumps(batch)}).json()
    as_json = client.post("/reconcile", json={"queries": batch}).json()
    assert posted == got == as_json
    valid(schemas, "reconciliation-result-batch", posted, ("0.1", "0.2"))
    assert posted["q0"]["result"][0]["id"] == "entity/person/sun-quan"
    assert len(posted["q1"]["result"]) == 2
    assert client.get("/reconcile/").json()["versions"] == ["0.1", "0.2"]


def _examples(kind: str) -> list[tuple[str, Path]]:
    return [(version, path) for version in ("0.1", "0.2")
            for path in sorted((SPECS / version / "examples" / "reconciliation-query-batch" /
                                kind).glob("*.json"))]


@pytest.mark.parametrize("version, path", _examples("valid"), ids=lambda v: getattr(v, "name", v))
def test_reconcile_answers_the_spec_examples(client, schemas, version, path):
    batch = json.loads(path.read_text(encoding="utf-8"))
    answer = client.post("/reconcile", data={"queries": json.dumps(batch)})
    assert answer.status_code == 200
    assert set(valid(schemas, "reconciliation-result-batch", answer.json(), (version,))) == set(
        batch)


@pytest.mark.parametrize("version, path", _examples("invalid"),
                         ids=lambda v: getattr(v, "name", v))
def test_reconcile_refuses_the_spec_counter_examples(client, version, path):
    answer = client.post("/reconcile", data={"queries": path.read_text(encoding="utf-8")})
    assert answer.status_code == 400 and answer.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("method, path, body, status, detail", [
    ("POST", "/reconcile", {}, 400, "give queries or extend"),
    ("POST", "/reconcile", {"queries": "{bad"}, 400, "queries: not JSON"),
    ("GET", "/reconcile?queries=%7B%22q0%22%3A%7B%7D%7D", None, 400, "queries.q0"),
    ("POST", "/reconcile", {"extend": '{"ids": ["x"], "properties": [{"id": "P1"}]}'}, 400,
     "unknown property 'P1'"),
    ("GET", "/reconcile/preview?id=entity/person/nobody", None, 404, "nobody"),
    ("GET", "/reconcile/suggest/dragon?prefix=a", None, 404, "one of entity"),
    ("GET", "/reconcile/suggest/entity?prefix=a&type=Dragon", None, 400, "unknown type"),
    ("GET", "/reconcile/propose_properties?type=Dragon", None, 400, "unknown type"),
])
def test_reconcile_errors_are_problems(client, method, path, body, status, detail):
    answer = client.request(method, path, data=body)
    assert answer.status_code == status and answer.headers["content-type"] == PROBLEM
    assert detail in answer.json()["detail"]


def test_reconcile_bad_json_body_is_a_problem(client):
    answer = client.post("/reconcile", content=b"[1]", headers={"content-type": "application/json"})
    assert answer.status_code == 400 and answer.json()["detail"] == "give a JSON object"


def test_reconcile_answers_any_origin(client):
    origin = {"Origin": "http://openrefine.example"}
    assert client.get("/reconcile", headers=origin).headers[
        "access-control-allow-origin"] == "*"
    posted = client.post("/reconcile", headers=origin,
                         data={"queries": '{"q0": {"query": "南京"}}'})
    assert posted.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/reconcile/suggest/entity", headers={
        **origin, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"


def test_reconcile_preview_escapes_the_data(api):
    """The small store of tests/api/conftest.py: an alias of 朱元璋 is a script tag."""
    page = api.client.get("/reconcile/preview", params={"id": ZHU})
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>" not in page.text
    found = api.client.post("/reconcile", data={"queries": '{"q": {"query": "朱元璋"}}'}).json()
    assert found["q"]["result"][0]["id"] == ZHU      # the index was built on demand


KB = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<entity/person/zhu-yuanzhang> a jl:Person ; skos:prefLabel "朱元璋"@zh-Hans ; jl:birthYear 1328 .
<entity/place/nanjing> a jl:Place ; skos:prefLabel "南京"@zh-Hans .
"""
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed, (\d+) skipped$", re.M)


@pytest.mark.slow
def test_reconcile_shared_runner_against_a_live_server(live_server, tmp_path):
    if not RUNNER.is_file():
        pytest.skip("../shared/conformance is absent")
    (tmp_path / "kb.ttl").write_text(KB, encoding="utf-8")
    jinling(live_server.env, "load", str(tmp_path / "kb.ttl"), "--graph", "kb")
    result = subprocess.run(
        [sys.executable, str(RUNNER), "--schemas", str(SPECS),
         "--endpoint", f"{live_server.url}/reconcile", "--query", "朱元璋", "--type", "jl:Person",
         "--entity-id", ZHU, "--property-id", "jl:birthYear"],
        capture_output=True, text=True, timeout=300)
    passed, failed, _ = map(int, SUMMARY.findall(result.stdout)[-1])
    assert failed == 0, result.stdout
    assert passed >= 14, result.stdout   # all but the optional JSONP check
    assert "PASS [PROJECT] match-expected-candidate" in result.stdout
