"""WebVTT rules that the fixture cases do not pin: time-code forms, skipped blocks, markup."""

import pytest

from ingest.oral_history.formats.vtt import parse

# a time code, the seconds it gives (None: invalid in WebVTT)
STAMPS = [
    ("00:01.000", 1.0),
    ("59:59.999", 3599.999),
    ("01:00:01.000", 3601.0),
    ("100:00:00.000", 360000.0),
    ("1:00:01.000", None),
    ("00:01,000", None),
    ("00:60.000", None),
    ("60:00.000", None),
    ("00:01.00", None),
    ("00:01", None),
]


@pytest.mark.parametrize(("stamp", "seconds"), STAMPS)
def test_vtt_time_codes(stamp, seconds):
    draft = parse(("WEBVTT", "", f"{stamp} --> 99:00:00.000", "好")).drafts[0]
    assert draft.start == seconds
    assert [kind for kind, _, _ in draft.problems] == ([] if seconds is not None else
                                                      ["time-invalid"])


def test_vtt_settings_and_no_spaces_around_the_arrow():
    draft = parse(("WEBVTT", "", "00:01.000-->00:02.500 position:10% align:start", "好")
                  ).drafts[0]
    assert (draft.start, draft.end, draft.problems) == (1.0, 2.5, [])


def test_vtt_skips_note_style_region_and_header_lines():
    lines = ("WEBVTT", "Kind: captions", "", "REGION", "id:fred", "", "STYLE", "::cue {}", "",
             "NOTE", "多行注释", "", "00:01.000 --> 00:02.000", "问：好")
    parsed = parse(lines)
    assert [(d.line, d.text) for d in parsed.drafts] == [(13, "好")]
    assert parsed.notes == []


def test_vtt_markup_and_references():
    draft = parse(("WEBVTT", "", "00:01.000 --> 00:02.000",
                   "<c.yellow>中华门</c> &lt;城堡&gt; <00:01.500><b>瓮城</b>")).drafts[0]
    assert (draft.speaker, draft.text) == (None, "中华门 <城堡> 瓮城")


def test_vtt_voice_wins_over_a_prefix():
    draft = parse(("WEBVTT", "", "00:01.000 --> 00:02.000", "<v 陈德明>问：谁问的？")).drafts[0]
    assert (draft.speaker, draft.text) == ("陈德明", "问：谁问的？")


def test_vtt_timing_line_without_arrow():
    draft = parse(("WEBVTT", "", "00:01.000 - 00:02.000", "好")).drafts[0]
    assert (draft.start, draft.end, draft.text) == (None, None, "好")
    assert draft.problems == [("time-invalid", 3, "timing line '00:01.000 - 00:02.000' has "
                                                   "no '-->'")]


def test_vtt_cue_right_after_the_header_is_read_and_reported():
    parsed = parse(("WEBVTT", "00:01.000 --> 00:02.000", "答：好"))
    assert [(d.line, d.speaker, d.text) for d in parsed.drafts] == [(2, "答", "好")]
    assert [(i.kind, i.line) for i in parsed.notes] == [("vtt-header", 2)]
