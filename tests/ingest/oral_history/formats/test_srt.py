"""SRT rules that the fixture cases do not pin: time-code forms and markup."""

import pytest

from ingest.oral_history.formats.srt import parse

STAMPS = [
    ("00:00:01,000", 1.0),
    ("00:00:01.000", 1.0),
    ("0:00:01,250", 1.25),
    ("100:00:00,000", 360000.0),
    ("00:01,000", None),
    ("00:00:01:000", None),
    ("00:00:01,5", None),
]


@pytest.mark.parametrize(("stamp", "seconds"), STAMPS)
def test_srt_time_codes(stamp, seconds):
    draft = parse(("1", f"{stamp} --> 99:00:00,000", "好")).drafts[0]
    assert draft.start == seconds
    assert [kind for kind, _, _ in draft.problems] == ([] if seconds is not None else
                                                      ["time-invalid"])


def test_srt_markup_removed():
    draft = parse(("1", "00:00:01,000 --> 00:00:02,000",
                   '<font color="red">答：</font><B>红</B>{\\an8}墙')).drafts[0]
    assert (draft.speaker, draft.text) == ("答", "红墙")


def test_srt_multiline_text_and_coordinates():
    draft = parse(("7", "00:00:01,000 --> 00:00:02,000 X1:10 X2:20 Y1:5 Y2:9",
                   "问：第一行", "第二行")).drafts[0]
    assert (draft.speaker, draft.text, draft.end, draft.last_line) == ("问", "第一行\n第二行",
                                                                       2.0, 4)
    assert draft.problems == [("cue-number", 1, "cue number 7 follows cue number 0")]
