"""District uploads (/api/v1/uploads): background ingest into the uploader's own graph."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
MARC = ROOT / "data" / "marc" / "jinling-marc21.mrc"
GRAPH = "https://kg.jllib.cn/graphs/district/xuanwu"
# a record whose leader announces more bytes than follow: the reader sets it aside
BROKEN = b"00999nam a2200049 a 4500001000800000\x1e"


def wait(api, url: str, headers: dict, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = api.client.get(url, headers=headers).json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"upload still {status['state']} after {seconds} s")


def count(api, graph: str) -> int:
    rows = api.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(next(iter(rows))["n"].value)


def test_district_marc_upload_runs_in_the_background_into_its_graph(api):
    district = api.auth("district")
    reply = api.client.post("/api/v1/uploads?kind=marc&name=batch.mrc", headers=district,
                            content=MARC.read_bytes() + BROKEN)
    assert reply.status_code == 202, reply.text
    assert reply.headers["location"] == reply.json()["url"]
    status = wait(api, reply.json()["url"], district)
    assert status["state"] == "done", status
    assert status["graph"] == "district/xuanwu" and "converted" in status["summary"]
    assert count(api, GRAPH) > 0
    rejects = api.client.get(status["rejects"], headers=district)
    assert rejects.status_code == 200
    lines = [json.loads(line) for line in rejects.text.splitlines()]
    assert any(not line.get("kept", False) for line in lines)
    feed = api.client.get("/feed/page?after=0").json()["orderedItems"]
    assert [item["jl:graphs"] for item in feed] == [[GRAPH]]


def test_rdf_upload_by_a_curator_names_its_graph(api):
    curator = api.auth("curator")
    turtle = '<https://kg.jllib.cn/works/x/1> <http://www.w3.org/2000/01/rdf-schema#label> "甲" .'
    reply = api.client.post("/api/v1/uploads?kind=rdf&graph=district/gulou&name=a.ttl",
                            headers=curator, content=turtle.encode())
    status = wait(api, reply.json()["url"], curator)
    assert status["state"] == "done" and "loaded 1 triples" in status["summary"]
    assert count(api, "https://kg.jllib.cn/graphs/district/gulou") == 1


@pytest.mark.parametrize("role, query, body, status", [
    (None, "kind=marc", b"x", 401),
    ("district", "kind=marc&graph=district/gulou", b"x", 403),
    ("district", "kind=spreadsheet", b"x", 400),
    ("district", "kind=marc", b"", 400),
    ("curator", "kind=marc", b"x", 400),  # a curator names the graph
])
def test_uploads_refused(api, role, query, body, status):
    headers = api.auth(role) if role else {}
    reply = api.client.post(f"/api/v1/uploads?{query}", headers=headers, content=body)
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/problem+json")


def test_upload_status_is_for_its_graph(api):
    reply = api.client.post("/api/v1/uploads?kind=rdf&name=a.nt", headers=api.auth("district"),
                            content=b"<https://kg.jllib.cn/a> <https://kg.jllib.cn/b> 1 .")
    url = reply.json()["url"]
    wait(api, url, api.auth("district"))
    assert api.client.get(url).status_code == 401
    assert api.client.get(url, headers=api.auth("admin")).status_code == 200
    assert api.client.get("/api/v1/uploads/20260101T000000-abcdef",
                          headers=api.auth("admin")).status_code == 404
    assert api.client.get("/api/v1/uploads/..%2Fetc", headers=api.auth("admin")).status_code \
        == 404


@pytest.mark.parametrize("kind, files, made", [
    ("oral-history", ["oral-history/interviews/jl-oh-sample-002.yaml",
                      "oral-history/interviews/jl-oh-sample-002.vtt"], "OralHistoryInterview"),
    ("ancient-book", ["ancient-books/census.csv"], "AncientBook"),
    ("document", ["documents/ming-xiaoling.md", "documents/ming-xiaoling.meta.yaml"],
     "LocalDocument"),
])
def test_census_sheets_transcripts_and_documents_upload_as_multipart(api, kind, files, made):
    district = api.auth("district")
    parts = [("file", (Path(name).name, (ROOT / "data" / name).read_bytes())) for name in files]
    reply = api.client.post(f"/api/v1/uploads?kind={kind}", headers=district, files=parts)
    assert reply.status_code == 202, reply.text
    status = wait(api, reply.json()["url"], district)
    assert status["state"] == "done", status
    rows = api.store.query(f"ASK {{ GRAPH <{GRAPH}> {{ ?s a ?c }} "
                           f"FILTER(STRENDS(STR(?c), '{made}')) }}")
    assert bool(rows), status
