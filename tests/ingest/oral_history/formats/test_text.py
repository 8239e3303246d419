"""Plain-text rules that the fixture cases do not pin: time-code forms and turn breaks."""

import pytest

from ingest.oral_history.formats.text import parse

# the line, the start it gives (None: no time code or an invalid one), invalid?
CODES = [
    ("[00:01:02] 问：好", 62.0, False),
    ("(01:02) 问：好", 62.0, False),
    ("（01:02）问：好", 62.0, False),
    ("【00:01:02.5】问：好", 62.5, False),
    ("[00：01：02] 问：好", 62.0, False),
    ("[1:02:03] 问：好", 3723.0, False),
    ("[1:2:3] 问：好", None, True),
    ("[00:61] 问：好", None, True),
    ("[笑] 问：好", None, False),
    ("(1998) 问：好", None, False),
    ("问：好", None, False),
]


@pytest.mark.parametrize(("line", "start", "invalid"), CODES)
def test_text_time_codes(line, start, invalid):
    draft = parse((line,)).drafts[0]
    assert draft.start == start
    assert [kind for kind, _, _ in draft.problems] == (["time-invalid"] if invalid else [])


def test_text_time_code_alone_starts_a_turn_without_speaker():
    drafts = parse(("问：您说。", "[00:05:00] 接着上回说。")).drafts
    assert [(d.speaker, d.start, d.text) for d in drafts] == [("问", None, "您说。"),
                                                             (None, 300.0, "接着上回说。")]


def test_text_label_alone_takes_the_next_lines():
    drafts = parse(("张三：", "那一年", "", "发大水。")).drafts
    assert [(d.speaker, d.text, d.line, d.last_line) for d in drafts] == [
        ("张三", "那一年\n发大水。", 1, 4)]
