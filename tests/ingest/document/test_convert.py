"""Local documents into the store: work, instance with full text, sections and paragraphs.

Runs the real ingest (`ingest.run.ingest_files` with the registered source) on the sample
document in data/ and on the library's plan from ../shared/corpus (skipped when absent).
"""

import json
import shutil
from pathlib import Path

import pytest
from ingest_support import ingest_kind, rows

from sparql.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "documents"
PLAN = next((p for p in (ROOT.parent / "shared" / "corpus" / "documents",
                         Path("/work/shared/corpus/documents")) if p.is_dir()), None)
WORK = "https://kg.jllib.cn/works/documents/ming-xiaoling"
INSTANCE = "https://kg.jllib.cn/instances/documents/ming-xiaoling"


def ingest(store, paths, tmp_path):
    return ingest_kind(store, "document", paths, tmp_path, "documents")


@pytest.fixture
def store():
    return EmbeddedStore()


@pytest.fixture
def sample(tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_document_metadata_from_the_sidecar(store, sample, tmp_path):
    summary = ingest(store, [sample], tmp_path)
    assert (summary.read, summary.converted, summary.rejected) == (1, 1, 0)
    work = rows(store, """SELECT ?title ?date ?rights ?collection WHERE {
        ?w a jl:LocalDocument ; rdfs:label ?title ; dcterms:date ?date ; dcterms:rights ?rights ;
           dcterms:isPartOf/rdfs:label ?collection }""")
    assert work == [{"title": "明孝陵简介", "date": "2026-11", "rights": "CC0 1.0",
                     "collection": "南京地方文献（示例）"}]
    subjects = {r["s"] for r in rows(store, "SELECT ?s WHERE { ?w bf:subject/skos:prefLabel ?s }")}
    assert subjects == {"明孝陵", "朱元璋", "钟山", "世界遗产"}
    creator = rows(store, """SELECT ?name ?kind WHERE { ?w bf:contribution/bf:agent ?a .
        ?a rdfs:label ?name ; a ?kind }""")
    assert creator == [{"name": "金陵知识图谱项目组",
                        "kind": "https://kg.jllib.cn/ontology#Organization"}]


def test_sections_and_paragraphs_have_stable_iris_and_offsets(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    full = rows(store, f"SELECT ?t WHERE {{ <{INSTANCE}> jl:fullText ?t }}")[0]["t"]
    sections = rows(store, """SELECT ?s ?title WHERE { ?s a jl:Section ; rdfs:label ?title }
        ORDER BY ?s""")
    assert [(s["s"].split("#")[1], s["title"]) for s in sections] == [
        ("s1", "明孝陵简介"), ("s1.1", "营建"), ("s1.2", "神道"), ("s1.3", "世界遗产")]
    paragraphs = rows(store, """SELECT ?p ?text ?start ?end WHERE {
        ?p a jl:Paragraph ; jl:text ?text ; jl:startOffset ?start ; jl:endOffset ?end ;
           dcterms:isPartOf ?s }""")
    assert len(paragraphs) == 4
    for p in paragraphs:
        assert full[int(p["start"]):int(p["end"])] == p["text"]
    first = next(p for p in paragraphs if p["p"].endswith("#s1.2-p1"))
    assert first["text"].startswith("孝陵神道不取直线")


def test_reingest_changes_nothing_and_an_edit_replaces_the_text(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    assert ingest(store, [sample], tmp_path).written.unchanged == 1
    doc = sample / "ming-xiaoling.md"
    doc.write_text(doc.read_text("utf-8").replace("共十二对", "计十二对"), "utf-8")
    assert ingest(store, [sample], tmp_path).written.replaced == 1
    texts = [r["t"] for r in rows(store, "SELECT ?t WHERE { ?p a jl:Paragraph ; jl:text ?t }")]
    assert len(texts) == 4
    assert any("计十二对" in t for t in texts) and not any("共十二对" in t for t in texts)


def test_a_sidecar_change_alone_replaces_the_description(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    meta = sample / "ming-xiaoling.meta.yaml"
    meta.write_text(meta.read_text("utf-8").replace("date: 2026-11", "date: 2026-12"), "utf-8")
    assert ingest(store, [sample], tmp_path).written.replaced == 1
    assert rows(store, "SELECT ?d WHERE { ?w dcterms:date ?d }") == [{"d": "2026-12"}]


def test_an_unreadable_document_is_rejected_and_the_rest_goes_in(store, sample, tmp_path):
    (sample / "empty.txt").write_text("   \n", "utf-8")
    summary = ingest(store, [sample], tmp_path)
    assert (summary.converted, summary.rejected) == (1, 1)
    report = [json.loads(x) for x in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [(r["source"].rsplit("/", 1)[-1], r["kept"]) for r in report] == [("empty.txt", False)]


@pytest.mark.skipif(PLAN is None, reason="../shared/corpus/documents is absent")
def test_the_library_plan_ingests_with_its_debris_reported(store, tmp_path):
    plan = tmp_path / "plan.txt"
    shutil.copy(PLAN / "jinling-library-14th-five-year-plan.txt", plan)
    summary = ingest(store, [plan], tmp_path)
    assert (summary.converted, summary.rejected) == (1, 0) and summary.issues > 0
    top = rows(store, """SELECT ?title WHERE { ?s a jl:Section ; rdfs:label ?title ;
        dcterms:isPartOf ?i . ?i a bf:Instance } ORDER BY ?s""")
    assert [t["title"][:2] for t in top] == ["一、", "二、", "三、", "四、"]
    found = rows(store, """SELECT ?p WHERE { ?p jl:text ?t FILTER(CONTAINS(?t,
        "金陵图书馆在上级主管部门的正确领导下，全面贯彻党的十八大、十九大精神")) }""")
    assert len(found) == 1
    report = [json.loads(x) for x in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert all(r["kept"] and r["reason"] == "cleaned" for r in report)
