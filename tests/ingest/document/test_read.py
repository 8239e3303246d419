"""read_document over the fixture folders: every document in fixtures/ok reads to what its
``NAME.expected.yaml`` says (format, metadata, sections with their paragraphs and pages, problems),
with offsets that point into the text, the same every time; every document in fixtures/errors
fails as errors.tsv says, naming the file (or sidecar) and the field.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

import ingest.document as document
from ingest.document import Document, Metadata, Paragraph, Section, formats, read_document
from ingest.errors import IngestError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OK = FIXTURES / "ok"
EXPECTED = sorted(OK.glob("*.expected.yaml"))


def _document_of(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(".expected.yaml"))


def _error_rows() -> list[dict[str, str]]:
    with (FIXTURES / "errors" / "errors.tsv").open(encoding="utf-8") as lines:
        return list(csv.DictReader((line for line in lines if not line.startswith("#")),
                                   delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_fixture_has_expectations():
    documents = {p for p in OK.iterdir() if ".meta." not in p.name
                 and not p.name.endswith(".expected.yaml")}
    assert documents == {_document_of(e) for e in EXPECTED}
    covered = {formats()[_document_of(e).suffix] for e in EXPECTED}
    assert covered == set(formats().values())


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: _document_of(p).name)
def test_fixture_reads_as_expected(expected: Path):
    want = yaml.safe_load(expected.read_text(encoding="utf-8"))
    doc = read_document(_document_of(expected))
    assert doc.format == want["format"]
    meta = want["metadata"]
    assert doc.metadata == Metadata(**{
        **meta, "creators": tuple(meta["creators"]), "subjects": tuple(meta["subjects"]),
        "extra": tuple(tuple(pair) for pair in meta["extra"])})
    got = [{"number": s.number, "level": s.level, "title": s.title,
            "paragraphs": [p.text for p in s.paragraphs],
            **({"pages": [p.page for p in s.paragraphs]}
               if any(p.page is not None for p in s.paragraphs) else {})}
           for s in doc.sections]
    assert got == want["sections"]
    assert list(doc.problems) == want["problems"]


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: _document_of(p).name)
def test_offsets_point_into_the_text(expected: Path):
    doc = read_document(_document_of(expected))
    assert doc.sha256 == hashlib.sha256(_document_of(expected).read_bytes()).hexdigest()
    starts = [s.start for s in doc.sections]
    assert starts == sorted(starts)
    assert len({s.number for s in doc.sections}) == len(doc.sections)
    for section in doc.sections:
        if section.title is not None:
            assert doc.text[section.start:].startswith(section.title)
        for index, paragraph in enumerate(section.paragraphs, 1):
            assert paragraph.index == index
            assert doc.text[paragraph.start:paragraph.end] == paragraph.text
            assert section.start <= paragraph.start < paragraph.end <= section.end
            assert "\n\n" not in paragraph.text and paragraph.text == paragraph.text.strip()


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: _document_of(p).name)
def test_reading_is_stable(expected: Path):
    assert read_document(_document_of(expected)) == read_document(_document_of(expected))


def test_section_numbers_follow_the_heading_tree():
    doc = read_document(OK / "wrapped-plan.txt")
    by_number = {s.number: s for s in doc.sections}
    for section in doc.sections:
        if "." in section.number:
            parent = by_number[section.number.rsplit(".", 1)[0]]
            assert parent.level < section.level
            assert parent.start < section.start and section.end <= parent.end


@pytest.mark.parametrize("row", _error_rows(), ids=lambda row: row["file"])
def test_broken_documents_fail_with_a_typed_error(row: dict[str, str]):
    error = getattr(document, row["error"])
    assert issubclass(error, document.DocumentError) and issubclass(error, IngestError)
    with pytest.raises(error) as caught:
        read_document(FIXTURES / "errors" / row["file"])
    err = caught.value
    assert err.source == str(FIXTURES / "errors" / row["names"])
    assert err.field == (None if row["field"] == "-" else row["field"])
    assert row["message"] in err.message
    assert str(err).startswith(err.source)


def test_every_error_fixture_is_in_the_table():
    listed = {row["file"] for row in _error_rows()}
    present = {p.name for p in (FIXTURES / "errors").iterdir()
               if ".meta." not in p.name and p.suffix != ".tsv"}
    assert present == listed - {"missing.txt"}


def test_errors_map_onto_builtin_exceptions():
    with pytest.raises(OSError):
        read_document(FIXTURES / "errors" / "missing.txt")
    with pytest.raises(ValueError):
        read_document(FIXTURES / "errors" / "date-mapping.txt")
    with pytest.raises(OSError):
        read_document(FIXTURES / "errors" / "scanned.pdf")


def test_a_folder_is_not_a_document(tmp_path: Path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(document.DocumentNotFound):
        read_document(folder)


def test_suffix_is_matched_in_any_case(tmp_path: Path):
    copy = tmp_path / "PLAN.TXT"
    shutil.copy(OK / "wrapped-plan.txt", copy)
    doc = read_document(copy)
    assert doc.format == "text" and doc.path == copy
    assert doc.sections == read_document(OK / "wrapped-plan.txt").sections


def test_a_path_given_as_string_is_read():
    assert read_document(str(OK / "fullname.txt")).path == OK / "fullname.txt"


def test_formats_lists_every_suffix():
    assert formats() == {".txt": "text", ".text": "text", ".md": "markdown",
                         ".markdown": "markdown", ".html": "html", ".htm": "html",
                         ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}


def _fields(cls) -> list[tuple[str, str]]:
    return [(f.name, str(f.type)) for f in dataclasses.fields(cls)]


def test_public_dataclasses_are_as_specified():
    assert _fields(Metadata) == [
        ("title", "str | None"), ("creators", "tuple[str, ...]"), ("date", "str | None"),
        ("subjects", "tuple[str, ...]"), ("collection", "str | None"), ("rights", "str | None"),
        ("language", "str | None"), ("identifier", "str | None"),
        ("description", "str | None"), ("extra", "tuple[tuple[str, str], ...]")]
    assert _fields(Paragraph) == [("index", "int"), ("text", "str"), ("start", "int"),
                                  ("end", "int"), ("page", "int | None")]
    assert _fields(Section) == [("number", "str"), ("title", "str | None"), ("level", "int"),
                                ("start", "int"), ("end", "int"),
                                ("paragraphs", "tuple[Paragraph, ...]")]
    assert _fields(Document) == [("path", "Path"), ("format", "str"), ("text", "str"),
                                 ("metadata", "Metadata"), ("sections", "tuple[Section, ...]"),
                                 ("sha256", "str"), ("problems", "tuple[str, ...]")]
    for cls in (Metadata, Paragraph, Section, Document):
        assert cls.__dataclass_params__.frozen


def test_package_exports():
    assert set(document.__all__) == {
        "Document", "Metadata", "Paragraph", "Section", "read_document", "formats",
        "DocumentError", "DocumentNotFound", "DocumentUnreadable", "DocumentNeedsOcr",
        "DocumentEmpty", "DocumentUndecodable", "UnknownFormat", "SidecarError"}
    assert all(hasattr(document, name) for name in document.__all__)
