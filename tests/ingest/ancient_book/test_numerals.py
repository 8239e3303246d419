"""Chinese numerals and sexagenary years."""

from __future__ import annotations

import pytest

from ingest.ancient_book.numerals import (
    NumeralError,
    branches,
    ganzhi_index,
    ganzhi_name,
    ganzhi_of_year,
    ganzhi_years,
    parse_number,
    stems,
)

NUMBERS = [
    ("一", 1), ("十", 10), ("十六", 16), ("二十", 20), ("二十三", 23), ("廿", 20), ("廿三", 23),
    ("卅", 30), ("卅一", 31), ("卌", 40), ("九十九", 99), ("一百", 100), ("一百二十", 120),
    ("一百零五", 105), ("一百十六", 116), ("四百十六", 416), ("两千", 2000), ("二千零一", 2001),
    ("一万二千", 12000), ("元", 1), ("〇", 0), ("零", 0), ("一九三五", 1935), ("一九〇九", 1909),
    ("二〇二四", 2024), ("一九○九", 1909), ("1884", 1884), ("１８８４", 1884), (" 十 ", 10),
    ("貳拾", 20), ("兩", 2), ("陸", 6),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_numerals_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "卷", "十三经", "二三十", "a", "一x", "元年"])
def test_numerals_parse_number_rejects(text):
    with pytest.raises(NumeralError, match="not a number"):
        parse_number(text)


def test_numerals_errors_are_value_errors():
    assert issubclass(NumeralError, ValueError)


def test_numerals_cycle_tables():
    assert stems() == "甲乙丙丁戊己庚辛壬癸"
    assert branches() == "子丑寅卯辰巳午未申酉戌亥"


def test_numerals_ganzhi_index_round_trips_the_cycle():
    names = [ganzhi_name(n) for n in range(60)]
    assert len(set(names)) == 60
    assert [ganzhi_index(name) for name in names] == list(range(60))
    assert names[:3] == ["甲子", "乙丑", "丙寅"] and names[-1] == "癸亥"


@pytest.mark.parametrize(("year", "name"), [(1884, "甲申"), (1644, "甲申"), (1911, "辛亥"),
                                            (1984, "甲子"), (4, "甲子"), (-103, "丁丑"),
                                            (0, "庚申"), (1762, "壬午")])
def test_numerals_ganzhi_of_year(year, name):
    assert ganzhi_of_year(year) == name
    assert (year - 4) % 60 == ganzhi_index(name)


@pytest.mark.parametrize("text", ["甲丑", "乙子", "甲", "甲申年", "子甲", "", "天地"])
def test_numerals_ganzhi_index_rejects(text):
    with pytest.raises(NumeralError):
        ganzhi_index(text)


def test_numerals_ganzhi_years():
    assert ganzhi_years("甲申", 1875, 1908) == [1884]
    assert ganzhi_years("甲申", 1644, 1911) == [1644, 1704, 1764, 1824, 1884]
    assert ganzhi_years("甲申", 1885, 1900) == []
    assert ganzhi_years("丁丑", -110, -100) == [-103]
    assert ganzhi_years("甲子", 1984, 1984) == [1984]
