import pytest

from kg.search.pinyin import char_syllables, keys, readings, spellings, syllables
from kg.search.tables.build_syllables import syllables as dictionary_syllables


def test_pinyin_table_matches_the_installed_dictionary():
    assert syllables() == frozenset(dictionary_syllables())


@pytest.mark.parametrize("text, expected", [
    ("南京", ["nan", "jing"]),
    ("长江", ["chang", "jiang"]),     # in context, not the first reading of 长
    ("南京(JL)", ["nan", "jing", None, None, None, None]),
    ("绿", ["lv"]),
])
def test_pinyin_char_syllables(text, expected):
    assert char_syllables(text) == expected


@pytest.mark.parametrize("words, expected", [
    (["nanjing"], [(("nan", "jing"), False)]),
    (["nan", "jing"], [(("nan", "jing"), False)]),
    (["xian"], [(("xian",), False), (("xi", "an"), False)]),
    (["xi", "an"], [(("xi", "an"), False)]),
    (["nanj"], [(("nan", "j"), True)]),          # the last syllable only begun
    (["zhongshanlu"], [(("zhong", "shan", "lu"), False)]),
    (["the"], []),                                # not pinyin
    (["南京"], []),
    ([], []),
])
def test_pinyin_readings(words, expected):
    assert readings(words) == expected


def test_pinyin_spellings_give_surname_readings_when_asked():
    assert spellings("曾国藩", 3) == [["ceng", "guo", "fan"], ["zeng", "guo", "fan"]]
    assert spellings("曾国藩", 1) == [["ceng", "guo", "fan"]]
    assert spellings("Nanjing", 3) == []
    assert keys(["nan", "jing", "1912"]) == ("nanjing1912", "nj1912")
