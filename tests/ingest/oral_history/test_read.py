"""read_interview over the fixture cases (cases/README.md), then checksum and path rules."""

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

import ingest.oral_history as oral_history
from ingest.errors import IngestError
from ingest.oral_history import InterviewError, issue_kinds, read_interview
from ingest.oral_history.read import checksum

CASES = Path(__file__).with_name("cases")
CASE_NAMES = sorted(path.name for path in CASES.iterdir() if path.is_dir())


def _expected(case: str) -> dict:
    return json.loads((CASES / case / "expected.json").read_text(encoding="utf-8"))


def _segment(segment) -> dict:
    row = dataclasses.asdict(segment)
    row["person"] = segment.person.name if segment.person else None
    return row


def _as_json(value):
    return json.loads(json.dumps(value, default=str))


def _check_error(folder: Path, entry: str, error: dict) -> None:
    with pytest.raises(IngestError) as caught:
        read_interview(folder / entry)
    err = caught.value
    assert type(err).__name__ == error["type"], str(err)
    assert Path(err.source).name == error["source"]
    assert (err.field, err.line) == (error["field"], error["line"])
    assert error["says"] in str(err)


@pytest.mark.parametrize("case", CASE_NAMES)
def test_read_case(case):
    expected = _expected(case)
    folder = CASES / case
    if "error" in expected:
        for entry in expected["entries"]:
            _check_error(folder, entry, expected["error"])
        return
    first, *others = [read_interview(folder / entry) for entry in expected["entries"]]
    assert (first.format, first.encoding) == (expected["format"], expected["encoding"])
    assert _as_json(dataclasses.asdict(first.metadata)) == expected["metadata"]
    assert [_segment(s) for s in first.segments] == expected["segments"]
    assert [dataclasses.asdict(i) for i in first.issues] == expected["issues"]
    assert others, "each case reads the interview from both of its files"
    for other in others:
        assert other == first


def test_read_cases_cover_every_issue_kind():
    reported = {issue["kind"] for case in CASE_NAMES for issue in _expected(case).get("issues", [])}
    assert reported == set(issue_kinds())


def test_read_cases_cover_every_error():
    raised = {_expected(case)["error"]["type"] for case in CASE_NAMES
              if "error" in _expected(case)}
    errors = {name for name in oral_history.__all__
              if isinstance(getattr(oral_history, name), type)
              and issubclass(getattr(oral_history, name), InterviewError)}
    assert raised == errors - {"InterviewError"}


def _copy(case: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(CASES / case, tmp_path / case))


def test_read_checksum_covers_both_files(tmp_path):
    folder = _copy("vtt-prefixes-sidecar", tmp_path)
    meta, transcript = folder / "fuzimiao.meta.yaml", folder / "fuzimiao.vtt"
    before = read_interview(transcript)
    assert before.sha256 == checksum(meta.read_bytes(), transcript.read_bytes())
    meta.write_bytes(meta.read_bytes() + b"# reviewed\n")
    after_meta = read_interview(transcript)
    transcript.write_bytes(transcript.read_bytes() + b"\n")
    after_transcript = read_interview(transcript)
    assert len({before.sha256, after_meta.sha256, after_transcript.sha256}) == 3
    assert before.segments == after_meta.segments == after_transcript.segments


def test_read_transcript_in_another_folder(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "qiao.txt").write_text("问：桥还在吗？\n答：早拆了。\n", "utf-8")
    (tmp_path / "qiao.yaml").write_text("interviewee: 甲\ntranscript: texts/qiao.txt\n", "utf-8")
    interview = read_interview(str(tmp_path / "qiao.yaml"))
    assert interview.transcript_path == (tmp_path / "texts" / "qiao.txt").resolve()
    assert [s.person.name if s.person else None for s in interview.segments] == [None, "甲"]
    with pytest.raises(oral_history.MetadataNotFound):
        read_interview(tmp_path / "texts" / "qiao.txt")


def test_read_metadata_without_transcript_key_and_two_transcripts(tmp_path):
    (tmp_path / "a.yaml").write_text("title: 两份转写\n", "utf-8")
    (tmp_path / "a.txt").write_text("问：你好\n", "utf-8")
    (tmp_path / "a.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\n问：你好\n", "utf-8")
    with pytest.raises(oral_history.AmbiguousFiles) as caught:
        read_interview(tmp_path / "a.yaml")
    assert caught.value.field == "transcript" and "a.srt" in str(caught.value)


def test_read_transcript_named_with_wrong_suffix(tmp_path):
    (tmp_path / "b.yaml").write_text("transcript: b.docx\n", "utf-8")
    with pytest.raises(oral_history.UnsupportedFile) as caught:
        read_interview(tmp_path / "b.yaml")
    assert caught.value.field == "transcript"


def test_read_plain_metadata_naming_another_transcript_is_not_this_ones(tmp_path):
    (tmp_path / "c.yaml").write_text("transcript: d.txt\n", "utf-8")
    (tmp_path / "c.txt").write_text("问：你好\n", "utf-8")
    with pytest.raises(oral_history.MetadataNotFound):
        read_interview(tmp_path / "c.txt")
