"""A real harvester (sickle) and the shared OAI-PMH checks against a live `jinling serve` over
a store of sample MARC records (one of them deleted at the source) and a few KB entities.

The store is filled through the library before the server starts (the CLI's own load and
ingest are tested in test_cli*.py)."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from lxml import etree
from pyoxigraph import RdfFormat
from support import free_port, jinling_env, start_server

from ingest.marc.source import SOURCE
from ingest.run import RunOptions, ingest_files
from kg.iri import Minter
from sparql.embedded import EmbeddedStore

sickle = pytest.importorskip("sickle")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "marc"
SHARED = ROOT.parent / "shared" / "conformance"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
PAGE = 5
BASE = "https://kg.jllib.cn/"
KB = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<entity/person/zhu-yuanzhang> a jl:Person ; skos:prefLabel "朱元璋"@zh-Hans .
<entity/place/zhongshan> a jl:Place ; skos:prefLabel "钟山"@zh-Hans .
"""
GONE = {"oai:kg.jllib.cn:works/catalogue/JL0000013",
        "oai:kg.jllib.cn:instances/catalogue/JL0000013"}


def _fill(path):
    """The store: KB entities loaded without provenance, then two MARC files ingested."""
    store, minter = EmbeddedStore(path), Minter(BASE)
    try:
        store.load(KB.encode(), format=RdfFormat.TURTLE, graph=minter.graph("kb"),
                   base_iri=BASE)
        options = RunOptions(graph="catalogue", source="catalogue", version=SOURCE.version)
        convert = SOURCE.converter(minter, "catalogue", SOURCE.context(store))
        ingest_files(store, minter, [SAMPLES / "jinling-authority.mrc",
                                     SAMPLES / "jinling-cnmarc.iso"],
                     SOURCE.reader(), convert, options)
    finally:
        store.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("harvest")
    port = free_port()
    env = jinling_env(folder, JINLING_PORT=port, JINLING_OAI_PAGE_SIZE=PAGE)
    _fill(Path(env["JINLING_STORE"]))
    process = start_server(env, port)
    yield f"http://127.0.0.1:{port}/oai"
    process.terminate()
    process.wait(timeout=15)


def _headers(url, **arguments):
    """Every header of a ListIdentifiers, page by page, and the number of pages."""
    found, pages = [], 0
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", **arguments}
    while True:
        page = httpx.get(url, params=params, timeout=60).content
        pages += 1
        doc = etree.fromstring(page)
        found += doc.iter(f"{OAI}header")
        token = doc.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            return found, pages
        params = {"verb": "ListIdentifiers", "resumptionToken": token.text}


def test_sickle_harvests_every_record_across_pages(server):
    headers, pages = _headers(server)
    expected = {h.findtext(f"{OAI}identifier") for h in headers}
    assert pages >= 3 and len(expected) > 2 * PAGE
    client = sickle.Sickle(server, max_retries=0)
    records = list(client.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    assert {r.header.identifier for r in records} == expected
    gone = {r.header.identifier for r in records if r.header.deleted}
    assert gone == GONE
    living = [r for r in records if not r.header.deleted]
    assert all(r.metadata.get("identifier") for r in living)
    titles = {t for r in living for t in r.metadata.get("title", [])}
    assert "朱元璋" in titles


def test_sickle_selects_by_datestamp_and_set(server):
    headers, _ = _headers(server)
    stamps = {h.findtext(f"{OAI}identifier"): h.findtext(f"{OAI}datestamp") for h in headers}
    # The ingest may cross a second boundary, so the deletions' own stamp is the one to ask
    # from, not the latest stamp.
    ingested = min(stamps[i] for i in GONE)
    client = sickle.Sickle(server, max_retries=0)
    later = {h.identifier for h in client.ListIdentifiers(
        metadataPrefix="oai_dc", ignore_deleted=False, **{"from": ingested})}
    assert later == {i for i, s in stamps.items() if s >= ingested} >= GONE
    day = ingested[:10]
    until = {h.identifier for h in client.ListIdentifiers(
        metadataPrefix="oai_dc", ignore_deleted=False, until="2000-01-01")}
    assert until == {"oai:kg.jllib.cn:entity/person/zhu-yuanzhang",
                     "oai:kg.jllib.cn:entity/place/zhongshan"}  # loaded without provenance
    same_day = {h.identifier for h in client.ListIdentifiers(
        metadataPrefix="oai_dc", ignore_deleted=False, **{"from": day, "until": day})}
    assert same_day == {i for i, s in stamps.items() if s.startswith(day)}
    kb = {h.identifier for h in client.ListIdentifiers(metadataPrefix="oai_dc", set="graph:kb")}
    assert kb == until


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "suites").is_dir(), reason="../shared/conformance is absent")
@pytest.mark.skipif(importlib.util.find_spec("oaipmh_scythe") is None,
                    reason="the shared checks need oaipmh-scythe")
def test_shared_oai_pmh_checks_pass(server):
    tool = SHARED / "suites" / "tools" / "run_oaipmh_checks.py"
    result = subprocess.run([sys.executable, str(tool), "--base", server, "--xsd",
                             str(SHARED / "oai-pmh-xsd")], capture_output=True, text=True,
                            timeout=600)
    summary = re.findall(r"^(\d+) passed, (\d+) failed, (\d+) skipped$", result.stdout, re.M)
    assert summary, result.stdout + result.stderr
    passed, failed, _ = map(int, summary[-1])
    assert failed == 0 and passed >= 27, result.stdout
