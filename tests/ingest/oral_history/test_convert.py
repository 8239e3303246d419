"""Interviews into the store: the RDF of an interview, its segments and the issues reported.

Runs the real ingest (`ingest.run.ingest_files` with the registered source) on the sample
interview in data/ and on fixture cases, into an in-memory embedded store.
"""

import json
import shutil
from pathlib import Path

import pytest
from ingest_support import ingest_kind, rows

from sparql.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "oral-history" / "interviews"
CASES = Path(__file__).with_name("cases")


def ingest(store, paths, tmp_path):
    return ingest_kind(store, "oral-history", paths, tmp_path, "oral-history")


@pytest.fixture
def store():
    return EmbeddedStore()


@pytest.fixture
def sample(tmp_path):
    folder = tmp_path / "interviews"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_interview_becomes_a_work_an_event_and_a_recording(store, sample, tmp_path):
    summary = ingest(store, [sample], tmp_path)
    assert (summary.read, summary.converted, summary.rejected) == (1, 1, 0)
    found = rows(store, """SELECT ?title ?event ?place ?date ?dialect ?lang WHERE {
        ?w a jl:OralHistoryInterview ; rdfs:label ?title ; schema:recordedAt ?event ;
           jl:dialect ?dialect ; dcterms:language ?lang .
        ?event a jl:Event ; jl:tookPlaceAt/rdfs:label ?place ; dcterms:date ?date }""")
    assert found == [{"title": "秦淮河边的老邻居——夫子庙一带的生活记忆（虚构示例）",
                      "event": "https://kg.jllib.cn/events/oral-history/JL-OH-SAMPLE-002",
                      "place": "夫子庙", "date": "2025-05-16", "dialect": "南京话",
                      "lang": "zh-x-nanjing"}]
    people = rows(store, """SELECT ?role ?name ?born WHERE {
        ?w ?role ?p . VALUES ?role { jl:interviewee jl:interviewer }
        ?p a jl:Person ; rdfs:label ?name . OPTIONAL { ?p jl:birthYear ?born } }""")
    assert sorted((r["role"].rsplit("#")[-1], r["name"], r.get("born")) for r in people) == [
        ("interviewee", "周桂兰", "1948"), ("interviewer", "李明", None)]
    consent = rows(store, "SELECT ?s WHERE { ?w jl:consent/jl:signed ?s }")
    assert consent == [{"s": "true"}]


def test_segments_keep_order_speakers_time_codes_and_text(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    segments = rows(store, """SELECT ?n ?label ?who ?start ?end ?text WHERE {
        ?s jl:segmentOf ?w ; jl:order ?n ; jl:speakerLabel ?label ; jl:startTime ?start ;
           jl:endTime ?end ; jl:text ?text . OPTIONAL { ?s jl:speaker/rdfs:label ?who } }
        ORDER BY ?n""")
    assert [s["n"] for s in segments] == ["1", "2", "3", "4", "5", "6"]
    assert segments[1] == {"n": "2", "label": "受访人", "who": "周桂兰", "start": "7",
                           "end": "19.8", "text": segments[1]["text"]}
    assert segments[1]["text"].startswith("我家就在夫子庙后面")
    assert segments[5]["end"] == "75"  # 00:01:15.000
    tags = {r["t"] for r in rows(store, "SELECT (LANG(?x) AS ?t) WHERE { ?s jl:text ?x }")}
    assert tags == {"zh-hans"}  # lower-cased by the store; the dialect is jl:dialect; the text is tagged by its script


def test_reingest_changes_nothing_and_an_edit_replaces_the_old_text(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    again = ingest(store, [sample], tmp_path)
    assert (again.written.unchanged, again.written.quads) == (1, 0)
    vtt = sample / "jl-oh-sample-002.vtt"
    vtt.write_text(vtt.read_text("utf-8").replace("河边洗菜", "河边淘米"), "utf-8")
    edited = ingest(store, [sample], tmp_path)
    assert edited.written.replaced == 1
    texts = {r["x"] for r in rows(store, "SELECT ?x WHERE { ?s jl:text ?x }")}
    assert any("河边淘米" in t for t in texts) and not any("河边洗菜" in t for t in texts)
    assert len(rows(store, "SELECT ?s WHERE { ?s jl:segmentOf ?w }")) == 6


def test_problems_are_reported_per_segment_and_the_segments_go_in(store, tmp_path):
    summary = ingest(store, [CASES / "vtt-time-problems" / "niandai.vtt"], tmp_path)
    assert summary.converted == 1 and summary.issues > 0
    report = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert all(entry["kept"] for entry in report)
    kinds = {(e["reason"], e["field"]) for e in report}
    assert ("time-order", "segment 4 (line 16)") in kinds
    assert ("time-reversed", "segment 3 (line 12)") in kinds
    stored = rows(store, "SELECT ?start ?end WHERE { ?s jl:order 3 ; jl:startTime ?start ; "
                         "jl:endTime ?end }")
    assert stored == [{"start": "10", "end": "9.5"}]  # as written: never repaired


def test_an_unreadable_interview_is_rejected_and_the_others_go_in(store, sample, tmp_path):
    target = tmp_path / "more"
    target.mkdir()
    shutil.copy(CASES / "error-yaml-syntax" / "huai.yaml", target)
    summary = ingest(store, [sample, target], tmp_path)
    assert (summary.converted, summary.rejected) == (1, 1)
    report = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    rejected = [e for e in report if not e["kept"]]
    assert len(rejected) == 1 and rejected[0]["source"].endswith(".yaml")
