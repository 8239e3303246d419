"""The poets' list and its build from the chinese-poetry author lists."""

import json

import pytest

from kg.linking import build_poets
from kg.linking.name_lists import listed_names
from kg.linking.tables import column

SURNAMES = frozenset(column("surnames", "surname"))


@pytest.mark.parametrize("name, kept", [
    ("张建封", True), ("欧阳修", True), ("司马光", True), ("欧阳子云", True),
    ("王缙", False), ("宋太祖", False), ("释智圆", False), ("无名氏", False),
    ("太学生", False), ("李某甲乙", False), ("张A封", False)])
def test_build_poets_keeps_full_personal_names(name, kept):
    assert build_poets.keep(name, SURNAMES) is kept


def test_build_poets_rows_are_simplified_unique_and_not_everyday_words(tmp_path):
    for file, names in ((build_poets.FILES[0], ["張建封", "王縉", "太宗皇帝"]),
                        (build_poets.FILES[1], ["張建封", "鄭餘慶"]),
                        (build_poets.FILES[2], ["辛弃疾", "陈述"])):
        path = tmp_path / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([{"name": n} for n in names], ensure_ascii=False), "utf-8")
    assert build_poets.rows(tmp_path) == [("张建封", "tang"), ("辛弃疾", "ci"), ("郑余庆", "song")]


@pytest.mark.parametrize("name, poems, kept", [
    ("姚宽", 20, True), ("姚宽", 19, False), ("于邺", 40, False), ("寒山", 300, False)])
def test_build_poets_keeps_two_character_names_of_prolific_poets(name, poems, kept):
    assert build_poets.keep(name, SURNAMES, poems) is kept


def test_build_poets_counts_poems_and_leaves_out_taken_names(tmp_path):
    authors = tmp_path / build_poets.FILES[0]
    authors.parent.mkdir(parents=True)
    authors.write_text(json.dumps([{"name": n} for n in ("姚寬", "徐璣", "李觀")],
                                  ensure_ascii=False), "utf-8")
    for file in build_poets.FILES[1:]:
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file).write_text("[]", "utf-8")
    poems = [{"author": "姚寬"}] * 25 + [{"author": "徐璣"}] * 30 + [{"author": "李觀"}] * 3
    (tmp_path / "dist/quantangshi/poet.song.0.json").write_text(
        json.dumps(poems, ensure_ascii=False), "utf-8")
    assert build_poets.poem_counts(tmp_path)["姚寬"] == 25
    assert build_poets.rows(tmp_path, frozenset({"徐玑"})) == [("姚宽", "tang")]


def test_build_poets_without_the_package_says_how_to_run(tmp_path, capsys):
    assert build_poets.main([str(tmp_path)]) == 2
    assert "npm package chinese-poetry" in capsys.readouterr().err


def test_build_poets_list_is_read_as_persons():
    persons = {name for name, type_, _ in listed_names() if type_ == "PERSON"}
    assert {"张建封", "郑余庆", "陈季卿"} <= persons
    assert len(set(column("poets", "name"))) > 5000
