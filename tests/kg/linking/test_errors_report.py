"""kg.linking.errors_report: the development set's errors by kind and type."""

import pytest

from kg.linking.errors_report import doc_errors, main, report_lines, window
from kg.linking.scoring import GoldMention, MentionType

GOLD = [GoldMention(0, 2, "金陵", MentionType.PLACE, "金陵", True),
        GoldMention(3, 6, "王安石", MentionType.PERSON, "王安石", True),
        GoldMention(7, 9, "焦翔", MentionType.PERSON, None, False)]


def _pred(start, end, type_, label, text=""):
    return {"start": start, "end": end, "type": type_, "label": label, "text": text}


def test_errors_report_kinds_of_error():
    predicted = [_pred(0, 2, "PLACE", "南京"),       # right span, wrong label
                 _pred(3, 6, "PERSON", "王安石"),    # right
                 _pred(7, 8, "PERSON", None, "焦")]  # wrong span
    errors = doc_errors("d", GOLD, predicted)
    assert sorted((e.kind, e.start) for e in errors) == [
        ("label", 0), ("missed", 7), ("spurious", 7)]
    missed = next(e for e in errors if e.kind == "missed")
    assert missed.other == "焦/PERSON"  # what the linker found over it


def test_errors_report_new_person_needs_no_label():
    assert doc_errors("d", GOLD[2:], [_pred(7, 9, "PERSON", None)]) == []


def test_errors_report_lines_and_counts():
    text = "金陵,王安石,焦翔来"
    errors = doc_errors("d", GOLD, [])
    lines = report_lines(errors, {"d": text}, 2)
    assert lines[0].startswith("missed   PERSON") and "【王安石】" in lines[0]
    assert lines[-3].startswith("missed") and "PERSON=2" in lines[-3] and "PLACE=1" in lines[-3]


def test_errors_report_window_keeps_one_line():
    assert window("甲\n乙丙丁", 3, 4, 2) == "⏎乙【丙】丁"


def test_errors_report_refuses_the_heldout_set():
    with pytest.raises(SystemExit, match="development set only"):
        main(["tests/kg/linking/eval/heldout.jsonl"])
