"""`jinling ingest marc` and `jinling marc show`, run as real processes on the sample data."""

import json
from pathlib import Path

import pytest
from support import jinling, jinling_env

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "marc"
CORPUS = ROOT.parent / "shared" / "corpus" / "marc"
BIB = [str(SAMPLES / "jinling-marc21.mrc"), str(SAMPLES / "jinling-cnmarc.iso")]
COUNT_WORKS = ("SELECT (COUNT(?w) AS ?n) WHERE { GRAPH ?g { ?w a "
               "<http://id.loc.gov/ontologies/bibframe/Work> } }")


@pytest.fixture
def env(tmp_path):
    return jinling_env(tmp_path)


def test_cli_ingest_marc_samples_then_again_changes_nothing(env, tmp_path):
    auth = jinling(env, "ingest", "marc", str(SAMPLES / "jinling-authority.mrc"), "--no-infer")
    assert "7 converted (7 new" in auth.stderr
    first = jinling(env, "ingest", "marc", *BIB)
    assert "0 rejected" in first.stderr and "1 deleted" in first.stderr
    works = jinling(env, "query", COUNT_WORKS).stdout.splitlines()[1]
    assert int(works) >= 20
    dump = jinling(env, "dump", "--graph", "catalogue").stdout
    again = jinling(env, "ingest", "marc", *BIB)
    assert "(0 new, 0 replaced, 0 deleted," in again.stderr
    assert sorted(jinling(env, "dump", "--graph", "catalogue").stdout.splitlines()) == \
        sorted(dump.splitlines())


def test_cli_ingest_links_cnmarc_headings_to_authorities(env):
    jinling(env, "ingest", "marc", str(SAMPLES / "jinling-authority.mrc"), "--no-infer")
    jinling(env, "ingest", "marc", *BIB, "--no-infer")
    rows = jinling(env, "query", """
        SELECT DISTINCT ?a WHERE { GRAPH ?g {
          <https://kg.jllib.cn/works/catalogue/JL0000001>
            <http://id.loc.gov/ontologies/bibframe/contribution> ?c .
          ?c <http://id.loc.gov/ontologies/bibframe/agent> ?a } }""").stdout
    # 701 $3 JLA000001 in the JLL catalogue (801 $b): the authority record JLL JLA000001
    assert "https://kg.jllib.cn/entity/person/jll-JLA000001" in rows.splitlines()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no MARC corpus beside the project")
def test_cli_ingest_rejects_past_the_threshold(env, tmp_path):
    broken = CORPUS / "marc4j" / "pride-and-prejudice-with-many-errors.mrc"
    rejects = tmp_path / "rejects.jsonl"
    result = jinling(env, "ingest", "marc", str(broken), "--rejects", str(rejects),
                     "--max-rejects", "0.01", "--no-infer", check=False)
    assert result.returncode == 1  # 17 of 383 records are broken: 4.4 %
    assert "more than --max-rejects 0.01" in result.stderr and "Traceback" not in result.stderr
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert {x["reason"] for x in lines} >= {"unreadable"}
    assert all(x["source"].endswith(broken.name) and x["raw_base64"] for x in lines)
    assert all(isinstance(x["offset"], int) for x in lines)
    lenient = jinling(env, "ingest", "marc", str(broken), "--rejects", str(rejects),
                      "--no-infer", check=False)  # the default threshold is 5 %
    assert lenient.returncode == 0 and "348 unchanged, 18 repeated), 17 rejected" in lenient.stderr


def test_cli_marc_show_prints_a_record_readably(env):
    out = jinling(env, "marc", "show", str(SAMPLES / "jinling-cnmarc.iso"), "--record", "2")
    lines = out.stdout.splitlines()
    assert lines[0].startswith("record 2 byte ") and "(cnmarc, gb18030)" in lines[0]
    assert any(line.startswith("200 1_  $a") for line in lines)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no MARC corpus beside the project")
def test_cli_marc_show_says_why_a_record_is_rejected(env):
    broken = CORPUS / "pymarc" / "bad_records.mrc"
    out = jinling(env, "marc", "show", str(broken)).stdout
    assert "REJECTED (unreadable" in out


@pytest.mark.parametrize("args, fragment", [
    (["ingest", "marc", "nope.mrc"], "does not exist"),
    (["ingest", "marc", str(SAMPLES / "jinling-marc21.mrc"), "--encoding", "klingon"],
     "klingon"),
    (["ingest", "marc", str(SAMPLES / "jinling-marc21.mrc"), "--graph", "Bad Name"],
     "invalid graph name"),
])
def test_cli_ingest_errors_are_one_line(env, args, fragment):
    result = jinling(env, *args, check=False)
    assert result.returncode != 0
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


SOURCE_SAMPLES = {  # every registered kind but MARC (above), with its sample in data/
    "document": ROOT / "data" / "documents",
    "ancient-book": ROOT / "data" / "ancient-books",
    "oral-history": ROOT / "data" / "oral-history" / "interviews",
}


def test_every_registered_source_has_a_sample_and_a_test():
    from ingest.registry import SOURCES

    assert set(SOURCES) == {"marc", *SOURCE_SAMPLES}


@pytest.mark.parametrize("kind", sorted(SOURCE_SAMPLES))
def test_cli_ingest_a_sample_then_again_changes_nothing(kind, tmp_path):
    env = jinling_env(tmp_path, JINLING_MEDIA=tmp_path / "media")
    rejects = tmp_path / "rejects.jsonl"
    first = jinling(env, "ingest", kind, str(SOURCE_SAMPLES[kind]), "--rejects", str(rejects),
                    "--no-infer")
    assert " 0 rejected" in first.stderr and "0 unchanged" in first.stderr
    assert not rejects.exists()  # the samples are clean: nothing set aside, nothing reported
    again = jinling(env, "ingest", kind, str(SOURCE_SAMPLES[kind]), "--no-infer")
    assert "(0 new, 0 replaced, 0 deleted," in again.stderr
    activities = jinling(env, "query", "SELECT (COUNT(?a) AS ?n) WHERE { ?a "
                         "<https://kg.jllib.cn/ontology#sourceRecord> ?f }").stdout
    assert activities.splitlines()[1] != "0"


def test_cli_ingest_of_a_folder_without_inputs_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    result = jinling(jinling_env(tmp_path), "ingest", "document", str(tmp_path / "empty"),
                     check=False)
    assert result.returncode == 2
    assert "holds no document input files" in result.stderr and "Traceback" not in result.stderr


def test_cli_parse_edition_prints_one_json_object():
    result = jinling(jinling_env(Path("/nonexistent")), "parse", "edition", "清光緒十年金陵書局刻本")
    assert json.loads(result.stdout) == {
        "dynasty": "清", "reign": "光绪", "year_of_reign": 10, "start": 1884, "end": 1884,
        "edition_type": "刻本", "publisher": "金陵书局"}
    assert result.stderr == ""


def test_cli_parse_edition_reports_an_ambiguous_era_on_stderr():
    result = jinling(jinling_env(Path("/nonexistent")), "parse", "edition", "建武刻本")
    parsed = json.loads(result.stdout)
    assert (parsed["reign"], parsed["dynasty"], parsed["start"]) == ("建武", None, None)
    assert "ambiguous" in result.stderr and "南齐" in result.stderr


MENTIONS_OF = """SELECT ?part ?exact WHERE { GRAPH <https://kg.jllib.cn/graphs/links> {
  ?m <http://www.w3.org/ns/oa#hasBody> <https://kg.jllib.cn/entity/person/zhu-yuanzhang> ;
     <http://www.w3.org/ns/oa#hasTarget> ?t .
  ?t <http://www.w3.org/ns/oa#hasSource> ?part ; <http://www.w3.org/ns/oa#hasSelector> ?s .
  ?s <http://www.w3.org/ns/oa#exact> ?exact } }"""


def test_cli_ingest_links_the_new_text_to_the_knowledge_base(tmp_path):
    env = jinling_env(tmp_path)
    jinling(env, "load", str(ROOT / "data" / "kb"), "--no-infer")
    result = jinling(env, "ingest", "document", str(SOURCE_SAMPLES["document"]), "--no-infer")
    assert "linked " in result.stderr
    rows = jinling(env, "query", MENTIONS_OF).stdout.splitlines()[1:]
    assert "https://kg.jllib.cn/instances/documents/ming-xiaoling#s1-p1,朱元璋" in rows
    assert {r.rsplit(",", 1)[1] for r in rows} <= {"朱元璋", "明太祖"}  # the name and an alias


def test_cli_ingest_no_link_leaves_the_links_graph_alone(tmp_path):
    env = jinling_env(tmp_path)
    jinling(env, "load", str(ROOT / "data" / "kb"), "--no-infer")
    result = jinling(env, "ingest", "document", str(SOURCE_SAMPLES["document"]), "--no-infer",
                     "--no-link")
    assert "linked " not in result.stderr
    assert jinling(env, "query", MENTIONS_OF).stdout.splitlines()[1:] == []


def test_cli_ingest_links_transcript_segments(tmp_path):
    env = jinling_env(tmp_path)
    jinling(env, "load", str(ROOT / "data" / "kb"), "--no-infer")
    jinling(env, "ingest", "oral-history", str(SOURCE_SAMPLES["oral-history"]), "--no-infer")
    rows = jinling(env, "query", """SELECT ?src ?body WHERE {
        GRAPH <https://kg.jllib.cn/graphs/links> {
          ?m <http://www.w3.org/ns/oa#hasBody> ?body ;
             <http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSource> ?src } }
        """).stdout.splitlines()[1:]
    segment = "https://kg.jllib.cn/works/oral-history/JL-OH-SAMPLE-002#seg-2"
    assert f"{segment},https://kg.jllib.cn/entity/place/qinhuai-he" in rows
