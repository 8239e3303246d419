"""Metadata keys and their rules: one table of accepted values, one of refused ones."""

import datetime as dt
from pathlib import Path

import pytest

from ingest.oral_history import Consent, MetadataMalformed, Person
from ingest.oral_history.metadata import language_of, load_metadata, parse_metadata

# key, value given, attribute of InterviewMetadata, value expected there
ACCEPTED = [
    ("id", 42, "id", "42"),
    ("id", "JL-OH-1", "id", "JL-OH-1"),
    ("title", "  ", "title", None),
    ("date", 1998, "date", "1998"),
    ("date", "1998-05", "date", "1998-05"),
    ("date", " 1998-05-01 ", "date", "1998-05-01"),
    ("date", dt.date(1998, 5, 1), "date", "1998-05-01"),
    ("language", "zh-Hans", "language", "zh-Hans"),
    ("language", "zh-Hans", "dialect", None),
    ("language", "x-nanjing", "language", "x-nanjing"),
    ("language", "南京话", "language", "zh-x-nanjing"),
    ("language", "南京话", "dialect", "南京话"),
    ("language", " nanjing   MANDARIN ", "language", "zh-x-nanjing"),
    ("language", " nanjing   MANDARIN ", "dialect", "nanjing   MANDARIN"),
    ("language", "高淳话", "language", "zh-x-gaochun"),
    ("language", "普通话", "language", "zh"),
    ("language", "普通话", "dialect", None),
    ("language", "粤语", "language", "yue"),
    ("topics", "城墙", "topics", ("城墙",)),
    ("topics", ["城墙", "秦淮河"], "topics", ("城墙", "秦淮河")),
    ("recording", "a.wav", "recording", "a.wav"),
    ("recording", {"url": "https://example.org/a.mp3"}, "recording",
     "https://example.org/a.mp3"),
    ("recording", {"path": "a.wav", "duration": 12.5}, "duration", 12.5),
    ("duration", 90, "duration", 90.0),
    ("duration", "1:30", "duration", 90.0),
    ("duration", "01:00:00.25", "duration", 3600.25),
    ("consent", False, "consent", Consent(False, None, None)),
    ("consent", "可公开", "consent", Consent(None, None, "可公开")),
    ("consent", {"signed": True, "restrictions": "仅限研究", "date": dt.date(2020, 1, 2)},
     "consent", Consent(True, "2020-01-02", "仅限研究")),
    ("interviewer", ["甲", "乙"], "interviewers",
     (Person("甲", "interviewer"), Person("乙", "interviewer"))),
    ("interviewee", {"name": " 丙 ", "birth_year": "1950", "gender": "女"}, "interviewees",
     (Person("丙", "interviewee", 1950, "女"),)),
    ("interviewees", "丁", "interviewees", (Person("丁", "interviewee"),)),
    ("参考", "《南京通史》", "extra", (("参考", "《南京通史》"),)),
    ("tags", ["甲", 2], "extra", (("tags", '["甲", 2]'),)),
    ("reviewed", dt.date(2020, 1, 2), "extra", (("reviewed", "2020-01-02"),)),
    ("checked", None, "extra", (("checked", ""),)),
    ("transcript", "a.vtt", "extra", ()),
]


@pytest.mark.parametrize(("key", "value", "attribute", "expected"), ACCEPTED)
def test_metadata_accepts(key, value, attribute, expected):
    assert getattr(parse_metadata({key: value}, "m.yaml"), attribute) == expected


# the metadata, the field the error names, a text its message contains
REFUSED = [
    ({"id": 1.5}, "id", "1.5"),
    ({"title": ["a"]}, "title", "a list"),
    ({"date": "1998-13"}, "date", "1998-13"),
    ({"date": "1998-02-30"}, "date", "1998-02-30"),
    ({"date": "98-05"}, "date", "98-05"),
    ({"date": True}, "date", "True"),
    ({"date": dt.datetime(2020, 5, 1, 10, 30)}, "date", "time of day"),
    ({"language": ["zh", "南京话"]}, "language", "a list"),
    ({"language": "zh_Hans"}, "language", "zh_Hans"),
    ({"language": "zh-x-jiangningqu"}, "language", "jiangningqu"),
    ({"interviewee": "甲", "interviewees": ["乙"]}, "interviewee", "not both"),
    ({"interviewees": [{"birth_year": 1950}]}, "interviewees[1].name", "no name"),
    ({"interviewees": ["甲", 3]}, "interviewees[2]", "the number 3"),
    ({"interviewer": {"name": "甲", "birth_year": 1850.5}}, "interviewer.birth_year", "1850.5"),
    ({"interviewer": {"name": "甲", "birth_year": True}}, "interviewer.birth_year", "True"),
    ({"interviewer": {"name": "甲", "age": 80}}, "interviewer.age", "age"),
    ({"topics": {"a": 1}}, "topics", "a mapping"),
    ({"topics": ["城墙", ""]}, "topics[2]", "empty"),
    ({"recording": {"file": "a", "url": "b"}}, "recording", "both"),
    ({"recording": {"file": "a", "duration": 3}, "duration": 3}, "duration", "twice"),
    ({"recording": {"href": "a"}}, "recording.href", "href"),
    ({"recording": 3}, "recording", "the number 3"),
    ({"duration": "ninety"}, "duration", "ninety"),
    ({"duration": -1}, "duration", "-1"),
    ({"consent": {"signed": True, "scope": "a", "restrictions": "b"}}, "consent", "either"),
    ({"consent": {"date": "去年"}}, "consent.date", "去年"),
    ({"consent": {"by": "甲"}}, "consent.by", "by"),
    ({"consent": [1]}, "consent", "a list"),
]


@pytest.mark.parametrize(("mapping", "field", "says"), REFUSED)
def test_metadata_refuses(mapping, field, says):
    with pytest.raises(MetadataMalformed) as caught:
        parse_metadata(mapping, "m.yaml")
    assert caught.value.field == field
    assert says in str(caught.value) and "m.yaml" in str(caught.value)


def test_metadata_language_keeps_the_word_as_given():
    assert language_of("Nanjing Dialect") == ("zh-x-nanjing", "Nanjing Dialect")
    assert language_of(None) == (None, None)


def test_metadata_load_yaml_with_bom_and_json(tmp_path):
    yaml_file, json_file = tmp_path / "a.yaml", tmp_path / "a.json"
    data = "\ufefftitle: 城南\ndate: 2020-01-02\n".encode()
    assert load_metadata(yaml_file, data) == {"title": "城南", "date": dt.date(2020, 1, 2)}
    assert load_metadata(json_file, b'{"date": "2020-01-02"}') == {"date": "2020-01-02"}


@pytest.mark.parametrize(("name", "data", "line"), [
    ("a.yaml", b"title: [\n", 2),
    ("a.json", b'{"a": 1,\n}', 2),
    ("a.yaml", b"- 1\n- 2\n", None),
    ("a.yaml", b"", None),
])
def test_metadata_load_refuses(name, data, line):
    with pytest.raises(MetadataMalformed) as caught:
        load_metadata(Path(name), data)
    assert caught.value.line == line
