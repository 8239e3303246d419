"""Metadata: sidecar files (where they are found, how they are read and checked) over the file's
own metadata, values (dates from cases/dates.tsv, lists, languages) and the language default.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from ingest.document import SidecarError, read_document
from ingest.document.metadata import (
    date_of,
    file_fields,
    is_chinese,
    language_of,
    parse_mapping,
    sidecar_fields,
    sidecars,
    split_list,
)

HERE = Path(__file__).resolve().parent
OK = HERE / "fixtures" / "ok"


def _dates() -> list[dict[str, str]]:
    with (HERE / "cases" / "dates.tsv").open(encoding="utf-8") as lines:
        return list(csv.DictReader((line for line in lines if not line.startswith("#")),
                                   delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("row", _dates(), ids=lambda row: row["value"])
def test_dates_keep_the_precision_given(row: dict[str, str]):
    assert date_of(row["value"]) == (None if row["date"] == "-" else row["date"])


def test_yaml_dates_and_years_become_iso_strings():
    assert date_of(dt.date(2021, 6, 30)) == "2021-06-30"
    assert date_of(dt.datetime(2022, 1, 15, 9, 30)) == "2022-01-15"
    assert date_of(2021) == "2021"


def test_lists_split_on_chinese_and_latin_separators():
    assert split_list(["王明、李华,张三;李四；赵六，钱七", "王明"]) == (
        "王明", "李华", "张三", "李四", "赵六", "钱七")
    assert split_list([" ", "、"]) == ()


@pytest.mark.parametrize(("value", "tag"), [
    ("zh-Hans", "zh-Hans"), ("zh_CN", "zh-CN"), ("en", "en"), ("zh-Hant-TW", "zh-Hant-TW"),
    ("中文", None), ("z", None), ("zh--CN", None)])
def test_language_tags(value: str, tag: str | None):
    assert language_of(value) == tag


def test_chinese_text_is_told_from_other_text():
    assert is_chinese("金陵图书馆 2021 年度报告")
    assert not is_chinese("Annual report of the Jinling Library, 2021")
    assert not is_chinese("")


def test_sidecar_mapping_to_fields_and_extra():
    mapping = parse_mapping("Title: 题名\nAuthors: [甲, 乙]\nid: 42\n备注: 无\nsize: [1, 2]\n",
                            "x.meta.yaml")
    fields, extra = sidecar_fields(mapping, "x.meta.yaml")
    assert fields == {"title": "题名", "creators": ("甲", "乙"), "identifier": "42"}
    assert extra == (("备注", "无"), ("size", "[1, 2]"))


def test_an_empty_sidecar_gives_nothing():
    assert parse_mapping("", "x.meta.yaml") == {}
    assert parse_mapping("# only a comment\n", "x.meta.yaml") == {}


@pytest.mark.parametrize(("text", "field"), [
    ("date: {year: 2021}", "date"), ("date: true", "date"), ("creators: [[甲]]", "creators"),
    ("subjects: {a: 1}", "subjects"), ("title: {zh: 题名}", "title"), ("rights: true", "rights"),
    ("language: 汉语", "language"), ("date: 2021-02-30", "date")])
def test_wrong_values_name_the_sidecar_and_key(text: str, field: str):
    with pytest.raises(SidecarError) as caught:
        sidecar_fields(parse_mapping(text, "doc.meta.yaml"), "doc.meta.yaml")
    assert (caught.value.source, caught.value.field) == ("doc.meta.yaml", field)


def test_file_metadata_is_read_leniently():
    fields, problems = file_fields([("DC.Date", "不详"), ("author", "甲，乙"), ("other", "x"),
                                    ("dc.language", "zh-CN"), ("lang", "en")], "html")
    assert fields == {"creators": ("甲", "乙"), "language": "zh-CN"}
    assert problems == ["metadata: html DC.Date '不详' is not a valid date, left out"]


def _copy(tmp_path: Path, name: str) -> Path:
    shutil.copy(OK / name, tmp_path / name)
    return tmp_path / name


def test_sidecars_are_found_by_stem_first_then_by_full_name(tmp_path: Path):
    doc = _copy(tmp_path, "fullname.txt")
    assert sidecars(doc) == []
    (tmp_path / "fullname.txt.meta.yaml").write_text("title: 全名旁注\n", encoding="utf-8")
    assert read_document(doc).metadata.title == "全名旁注"
    (tmp_path / "fullname.meta.json").write_text('{"title": "主名旁注"}', encoding="utf-8")
    assert sidecars(doc) == [tmp_path / "fullname.meta.json", tmp_path / "fullname.txt.meta.yaml"]
    read = read_document(doc)
    assert read.metadata.title == "主名旁注"
    assert read.problems[-1] == ("metadata: several sidecars (fullname.meta.json, "
                                 "fullname.txt.meta.yaml); fullname.meta.json read")


def test_the_sidecar_overrides_the_file_field_by_field(tmp_path: Path):
    doc = _copy(tmp_path, "exhibition.html")
    own = read_document(doc).metadata
    (tmp_path / "exhibition.meta.yml").write_text(
        "creators: 金陵图书馆、南京博物院\nrights: 金陵图书馆\n", encoding="utf-8")
    merged = read_document(doc).metadata
    assert merged.creators == ("金陵图书馆", "南京博物院")
    assert merged.rights == "金陵图书馆"
    assert (merged.title, merged.date, merged.subjects) == (own.title, own.date, own.subjects)


def test_the_language_defaults_to_zh_hans_only_for_chinese_text(tmp_path: Path):
    english = tmp_path / "english.txt"
    english.write_text("Jinling Library\n\nThe library opened in 2009.\n", encoding="utf-8")
    assert read_document(english).metadata.language is None
    chinese = tmp_path / "chinese.txt"
    chinese.write_text("金陵图书馆新馆于 2009 年交付使用。\n", encoding="utf-8")
    assert read_document(chinese).metadata.language == "zh-Hans"


def test_a_malformed_sidecar_stops_the_read_and_names_itself(tmp_path: Path):
    doc = _copy(tmp_path, "with-sidecar.txt")
    (tmp_path / "with-sidecar.meta.yaml").write_text("subjects:\n  - {a: b}\n", encoding="utf-8")
    with pytest.raises(SidecarError) as caught:
        read_document(doc)
    assert caught.value.source == str(tmp_path / "with-sidecar.meta.yaml")
    assert caught.value.field == "subjects"
    assert str(caught.value).startswith(f"{tmp_path / 'with-sidecar.meta.yaml'}, field subjects")
