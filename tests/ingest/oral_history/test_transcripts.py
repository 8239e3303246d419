"""Decoding, speaker labels and their resolution, blocks and timing lines."""

import codecs

import pytest

from ingest.oral_history import TranscriptUndecodable
from ingest.oral_history.metadata import parse_metadata
from ingest.oral_history.transcripts import Speakers, decode, split_speaker, timing_at

GB = "gb18030"

# bytes, encoding, lines, lines read as GB18030 in a UTF-8 file, undecodable lines
DECODINGS = [
    (b"", "utf-8", (), (), ()),
    ("问：好\n答：好".encode(), "utf-8", ("问：好", "答：好"), (), ()),
    (codecs.BOM_UTF8 + "问：好\r\n".encode(), "utf-8-sig", ("问：好",), (), ()),
    ("问：好\n\n".encode(), "utf-8", ("问：好", ""), (), ()),
    ("问：旧书\n答：是的\n".encode(GB), "gb18030", ("问：旧书", "答：是的"), (), ()),
    (b"WEBVTT\n" + "问：旧书\n".encode(GB), "gb18030", ("WEBVTT", "问：旧书"), (), ()),
    ("问：新\n".encode() + "答：旧\n".encode(GB), "utf-8+gb18030", ("问：新", "答：旧"), (2,), ()),
    ("问：新\n".encode() + b"\xff\xfe!\n", "utf-8", ("问：新", "\ufffd\ufffd!"), (), (2,)),
    ("问：旧\n".encode(GB) + b"\x81\xff\n", "gb18030", ("问：旧", "\ufffd\ufffd"), (), (2,)),
    ("问：好\r\n".encode("utf-16"), "utf-16", ("问：好",), (), ()),
]


@pytest.mark.parametrize(("data", "encoding", "lines", "legacy", "bad"), DECODINGS)
def test_transcripts_decode(data, encoding, lines, legacy, bad):
    decoded = decode(data)
    assert (decoded.encoding, decoded.lines) == (encoding, lines)
    assert (decoded.legacy_lines, decoded.bad_lines) == (legacy, bad)


def test_transcripts_decode_broken_utf16():
    with pytest.raises(TranscriptUndecodable) as caught:
        decode(codecs.BOM_UTF16_LE + b"a\x00\x00", "x.srt")
    assert "x.srt" in str(caught.value)


# text, label found (None: no label), text after it
LABELS = [
    ("问：您好", "问", "您好"),
    ("答:好的", "答", "好的"),
    ("  答 ：  是 ", "答", "是 "),
    ("Q: When?", "Q", "When?"),
    ("Wang Lin: hello", "Wang Lin", "hello"),
    ("采访人（王红）：请讲", "采访人（王红）", "请讲"),
    ("口述人(李)：嗯", "口述人(李)", "嗯"),
    ("张三：", "张三", ""),
    ("12:30 我们到了", None, "12:30 我们到了"),
    ("http://example.org", None, "http://example.org"),
    ("那年，他说：走吧", None, "那年，他说：走吧"),
    ("[笑] 对", None, "[笑] 对"),
    ("这是一个很长很长很长很长的句子：不是标签", None, "这是一个很长很长很长很长的句子：不是标签"),
]


@pytest.mark.parametrize(("text", "label", "rest"), LABELS)
def test_transcripts_split_speaker(text, label, rest):
    assert split_speaker(text) == (label, rest)


SPEAKERS = Speakers(parse_metadata({
    "interviewee": {"name": "周秀英"}, "interviewers": ["王晓红", "Li Ping"]}, "m.yaml"))

# speaker as written, role, person's name, known
RESOLVED = [
    ("答", "interviewee", "周秀英", True),
    ("Ａ", "interviewee", "周秀英", True),
    ("q", "interviewer", None, True),
    ("采访人", "interviewer", None, True),
    ("周 秀英", "interviewee", "周秀英", True),
    ("li ping", "interviewer", "Li Ping", True),
    ("采访人（王晓红）", "interviewer", "王晓红", True),
    ("受访人(周秀英)", "interviewee", "周秀英", True),
    ("采访人（张三）", "interviewer", None, False),
    ("采访人（周秀英）", "interviewer", None, False),
    ("周阿姨", None, None, False),
    ("主持人", None, None, False),
]


@pytest.mark.parametrize(("speaker", "role", "person", "known"), RESOLVED)
def test_transcripts_speakers_resolve(speaker, role, person, known):
    found_role, found_person, found_known = SPEAKERS.resolve(speaker)
    assert (found_role, found_known) == (role, known)
    assert (found_person.name if found_person else None) == person


@pytest.mark.parametrize(("block", "at"), [
    (["00:01.000 --> 00:02.000", "好"], 0),
    (["id", "00:01.000 --> 00:02.000", "好"], 1),
    (["id", "00:01.000 - 00:02.000", "好"], 1),
    (["一段话", "第二行"], None),
    (["一段话"], None),
])
def test_transcripts_timing_at(block, at):
    assert timing_at(block) == at
