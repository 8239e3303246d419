"""Reign eras, dynasties and periods from the tables, and the build of reign_eras.tsv."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.ancient_book import eras
from ingest.ancient_book.eras import (
    Dynasty,
    Era,
    broader,
    dynasty,
    eras_named,
    period,
    resolve_era,
    simplify,
    within,
)
from ingest.ancient_book.tables import build_eras
from kg.tables import TableError, Tables

TABLES_DIR = Path(eras.__file__).parent / "tables"
_BESIDE = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "authority"
AUTHORITY = _BESIDE if _BESIDE.is_dir() else Path("/work/shared/corpus/authority")
needs_corpus = pytest.mark.skipif(not (AUTHORITY / build_eras.ERAS_CSV).is_file(),
                                  reason="shared authority corpus not present")


# DILA's spans: 至正 runs on to 1370, the year 元顺帝 died in the north.
@pytest.mark.parametrize(("name", "dynasty_name", "first", "last"), [
    ("光绪", "清", 1875, 1908), ("万历", "明", 1573, 1620), ("宣统", "清", 1909, 1911),
    ("康熙", "清", 1662, 1722), ("乾隆", "清", 1736, 1795), ("崇祯", "明", 1628, 1644),
    ("洪武", "明", 1368, 1398), ("顺治", "清", 1644, 1661), ("至正", "元", 1341, 1370),
    ("绍兴", "南宋", 1131, 1162), ("贞观", "唐", 627, 649), ("太初", "西汉", -103, -100),
])
def test_eras_known_spans(name, dynasty_name, first, last):
    found = resolve_era(name, dynasty_name)
    assert [(e.dynasty, e.first, e.last) for e in found] == [(dynasty_name, first, last)]


def test_eras_year_of_an_era():
    guangxu = eras_named("光绪")[0]
    assert (guangxu.year(1), guangxu.year(10), guangxu.year(34)) == (1875, 1884, 1908)
    assert guangxu.years == 34
    assert isinstance(guangxu, Era) and guangxu.id == 667


def test_eras_named_accepts_traditional_and_variants():
    assert eras_named("光緒") == eras_named("光绪")
    assert [e.name for e in eras_named("宏治")] == ["弘治"]
    assert [e.name for e in eras_named("崇正")] == ["崇祯"]
    assert [(e.name, e.first) for e in eras_named("后至元")] == [("至元", 1335)]
    assert eras_named("不是年号") == []


def test_eras_shared_names_list_every_regime():
    assert [e.dynasty for e in eras_named("建武")] == [
        "东汉", "西晋", "前凉", "东晋", "后赵", "西燕", "南齐"]


@pytest.mark.parametrize(("name", "written", "year", "expected"), [
    ("建武", "南齐", None, [("南齐", 494)]),
    ("建武", "齐", None, [("南齐", 494)]),
    ("建武", "東晉", None, [("东晋", 317)]),
    ("建武", "晋", None, [("西晋", 304), ("东晋", 317)]),   # 晋 covers 西晋 and 东晋
    ("绍兴", "宋", None, [("南宋", 1131)]),                 # 宋 covers 南宋
    ("元嘉", "宋", None, [("刘宋", 424)]),                  # no 赵宋 era: 宋 also means 刘宋
    ("显德", "周", None, [("后周", 954)]),
    ("天命", "清", None, [("后金", 1616)]),                 # 后金 within 清
    ("永历", "明", None, [("南明", 1647)]),
    ("至元", None, 20, [("元", 1264)]),                     # only the first 至元 has 20 years
    ("至元", "元", 3, [("元", 1264), ("元", 1335)]),
    ("万历", "清", None, []),
    ("万历", "不存在", None, []),
])
def test_eras_resolve(name, written, year, expected):
    assert [(e.dynasty, e.first) for e in resolve_era(name, written, year)] == expected


@pytest.mark.parametrize(("name", "canonical"), [
    ("清", "清"), ("大清", "清"), ("淸", "清"), ("明", "明"), ("大明", "明"), ("東晉", "东晋"),
    ("齐", "南齐"), ("萧梁", "南梁"), ("梁", "南梁"), ("孙吴", "东吴"), ("吴", "东吴"), ("契丹", "辽"), ("遼", "辽"),
    ("民國", "民国"), ("中华民国", "民国"), ("太平天國", "太平天国"), ("赵宋", "宋"),
    ("刘宋", "刘宋"), ("五代", "五代"), ("南唐", "南唐"), ("西夏", "西夏"), ("金", "金"),
])
def test_eras_dynasty_names(name, canonical):
    found = dynasty(name)
    assert isinstance(found, Dynasty) and found.name == canonical


@pytest.mark.parametrize("name", ["金陵", "光绪", "", "英"])
def test_eras_dynasty_unknown(name):
    assert dynasty(name) is None


@pytest.mark.parametrize(("name", "start", "end"), [
    ("清", 1644, 1911), ("明", 1368, 1644), ("元", 1271, 1368), ("宋", 960, 1279),
    ("北宋", 960, 1127), ("南宋", 1127, 1279), ("唐", 618, 907), ("南唐", 937, 975),
    ("民国", 1912, 1949), ("太平天国", 1851, 1864), ("东晋", 317, 420), ("秦", -220, -206),
])
def test_eras_dynasty_years(name, start, end):
    found = dynasty(name)
    assert (found.start, found.end) == (start, end)


def test_eras_broader_and_within():
    assert (broader("东晋"), broader("北宋"), broader("南明"), broader("清")) == \
        ("晋", "宋", "明", None)
    assert within("南宋", "宋") and within("南宋", "南宋") and not within("宋", "南宋")
    assert within("后梁", "五代") and not within("南梁", "五代")
    assert broader("不存在") is None


def test_eras_periods():
    assert (period("明末").start, period("明末").end) == (1621, 1644)
    assert period("明末清初").dynasty is None
    assert period("清末").dynasty == "清"
    assert period("宋末") is None


def test_eras_simplify_keeps_qian():
    assert simplify("乾德 乾道 乾符 乾隆") == "乾德 乾道 乾符 乾隆"
    assert simplify("光緒") == "光绪"
    assert "北宋" in {e.dynasty for e in eras_named("乾德")}


def test_eras_unmapped_dila_dynasty_is_a_table_error(tmp_path, monkeypatch):
    shutil.copy(TABLES_DIR / "reign_eras.tsv", tmp_path)
    shutil.copy(TABLES_DIR / "era_variants.tsv", tmp_path)
    monkeypatch.setattr(eras, "TABLES", Tables(tmp_path))
    with pytest.raises(TableError, match="dynasties.tsv: DILA dynasty"):
        eras._index_eras({})


def test_eras_variant_without_era_is_a_table_error(tmp_path, monkeypatch):
    shutil.copy(TABLES_DIR / "reign_eras.tsv", tmp_path)
    (tmp_path / "era_variants.tsv").write_text(
        "variant\tera\tdynasty\tfirst\tnote\n宏治\t弘治\t清\t\tx\n", encoding="utf-8")
    monkeypatch.setattr(eras, "TABLES", Tables(tmp_path))
    mapping = {row["dynasty"]: "明" for row in Tables(TABLES_DIR).table("reign_eras")}
    with pytest.raises(TableError, match="no era 弘治 of 清"):
        eras._index_eras(mapping)


@needs_corpus
def test_eras_build_regenerates_the_committed_table(tmp_path):
    count, odd = build_eras.build(AUTHORITY, tmp_path)
    committed = (TABLES_DIR / "reign_eras.tsv").read_bytes()
    assert (tmp_path / "reign_eras.tsv").read_bytes() == committed
    assert count == len(Tables(TABLES_DIR).table("reign_eras"))
    # DILA numbers one tail piece of 義熙 a year late; 北漢 乾佑 has years 4-9 only
    assert len(odd) == 2 and "義熙" in odd[1] and "乾佑 (北漢, DILA 460) starts at year 4" in odd[0]


@needs_corpus
def test_eras_build_main(tmp_path, capsys):
    assert build_eras.main(["--corpus", str(AUTHORITY), "--out", str(tmp_path)]) == 0
    assert "eras written" in capsys.readouterr().out


def test_eras_build_main_rejects_a_folder_without_the_corpus(tmp_path):
    with pytest.raises(SystemExit):
        build_eras.main(["--corpus", str(tmp_path), "--out", str(tmp_path)])


@needs_corpus
def test_eras_year_arithmetic_matches_dila():
    """Every standard DILA era-year of an era's run has Western year first + N - 1."""
    pieces = build_eras.read_pieces(AUTHORITY)
    joined = build_eras.join_pieces(pieces)
    checked = sum(len(p.standard) for era in joined for p in era.pieces)
    assert checked > 4000
    assert len(build_eras.check(joined)) == 1


def test_eras_build_western_year_follows_the_ganzhi():
    # 中平 1 starts in the twelfth month of 甲子 (184), which falls in February 185
    assert build_eras.western_year(185, "甲子") == 184
    assert build_eras.western_year(1884, "甲申") == 1884
    assert build_eras.western_year(1884, "甲丑") is None
