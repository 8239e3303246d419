"""The committed generated fixtures are what fixtures/make_fixtures.py makes: the texts and the PDFs
byte for byte, the DOCX files (whose zip entries carry the time they were written) as read.
Skipped where reportlab, needed only to make the PDFs, is not installed.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import pytest

from ingest.document import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def make():
    pytest.importorskip("reportlab")
    spec = importlib.util.spec_from_file_location("make_fixtures",
                                                  FIXTURES / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_texts_are_as_made(make):
    assert (FIXTURES / "ok" / "wrapped-plan.txt").read_text(encoding="utf-8") == make.plan_text()
    assert (FIXTURES / "ok" / "gb18030-chapters.txt").read_bytes() == \
        make.chapters_text().encode("gb18030")


@pytest.mark.parametrize(("name", "maker"), [("ok/plan.pdf", "make_pdf_plan"),
                                             ("errors/scanned.pdf", "make_pdf_scanned")])
def test_pdfs_are_as_made(make, tmp_path: Path, name: str, maker: str):
    made = tmp_path / Path(name).name
    getattr(make, maker)(made)
    assert made.read_bytes() == (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(("name", "maker"), [("report.docx", "make_docx_report"),
                                             ("numbered.docx", "make_docx_numbered")])
def test_docx_files_read_as_made(make, tmp_path: Path, name: str, maker: str):
    made = tmp_path / name
    getattr(make, maker)(made)
    fresh, committed = read_document(made), read_document(FIXTURES / "ok" / name)
    assert dataclasses.replace(fresh, path=committed.path, sha256=committed.sha256) == committed


def test_wrap_keeps_latin_runs_whole_and_hangs_punctuation(make):
    assert make.wrap("金陵图书馆地方志，收藏丰富。", full=20, indent=4) == [
        "金陵图书馆地方志，", "收藏丰富。"]
    lines = make.wrap("对 2000 年以来出版的区志、镇志、村志和专业志，优先补齐缺藏品种。", full=20, indent=4)
    assert lines == ["对 2000 年以来出", "版的区志、镇志、村志", "和专业志，优先补齐缺", "藏品种。"]
    assert [make.width(line) for line in lines] == [16, 20, 20, 8]
