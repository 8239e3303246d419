"""WebVTT transcripts (W3C WebVTT: Web Video Text Tracks Format).

A file begins with the ``WEBVTT`` line (a missing one is a ``vtt-header`` issue, and the file
is read on). Blocks are separated by blank lines; NOTE, STYLE and REGION blocks are skipped.
A cue is an optional identifier line, a timing line ``[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm
[settings]`` (hours two digits or more, milliseconds three, as the format requires: an SRT
comma is invalid here) and its text. The speaker is the first voice span ``<v 采访人>`` or
``<v.loud 张三>``; failing that, a ``采访人：`` prefix of the text. Markup tags are removed and
character references (``&amp;``) resolved in the segment's text.
"""

from __future__ import annotations

import html
import re

from ingest.oral_history.model import Issue
from ingest.oral_history.transcripts import (
    Draft,
    Parsed,
    blocks,
    read_timing,
    split_speaker,
    stray,
    timing_at,
)

FORMAT = "vtt"

_STAMP = re.compile(r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})")
_FORM = "([HH:]MM:SS.mmm)"
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>")
_TAG = re.compile(r"<[^>]*>")
_NOT_CUES = ("NOTE", "STYLE", "REGION")


def parse(lines: tuple[str, ...]) -> Parsed:
    """Drafts of the cues of a WebVTT file, and the issues outside them.

    >>> parsed = parse(("WEBVTT", "", "00:01.000 --> 00:04.000", "<v 采访人>您好。</v>"))
    >>> draft = parsed.drafts[0]
    >>> draft.speaker, draft.text, draft.start, draft.end, draft.line
    ('采访人', '您好。', 1.0, 4.0, 3)
    """
    parsed = Parsed()
    found = list(blocks(lines))
    first = lines[0] if lines else ""
    if first != "WEBVTT" and not first.startswith(("WEBVTT ", "WEBVTT\t")):
        parsed.notes.append(Issue(None, 1, "vtt-header",
                                  f"the file begins {first[:30]!r}, not with the line WEBVTT"))
    elif found and found[0][0] == 1:
        found[:1] = _after_header(parsed, found[0][1])
    for start, block in found:
        if block[0].split()[0] in _NOT_CUES:
            continue
        at = timing_at(block)
        if at is None:
            parsed.notes.append(stray(start, block))
            continue
        draft = Draft(start, start + len(block) - 1, time_line=start + at)
        read_timing(draft, block[at], _STAMP, _FORM)
        _payload(draft, block[at + 1:])
        parsed.drafts.append(draft)
    return parsed


def _after_header(parsed: Parsed, header: list[str]) -> list[tuple[int, list[str]]]:
    """What of the header block is a cue: from a line with '-->' on (a missing blank line)."""
    at = next((n for n, line in enumerate(header) if "-->" in line), None)
    if at is None:
        return []
    parsed.notes.append(Issue(None, at + 1, "vtt-header",
                              "no blank line between the header and the first cue"))
    return [(at + 1, header[at:])]


def _payload(draft: Draft, lines: list[str]) -> None:
    raw = "\n".join(line.strip() for line in lines)
    voices = [voice.strip() for voice in _VOICE.findall(raw) if voice.strip()]
    text = html.unescape(_TAG.sub("", raw)).strip()
    if not voices:
        draft.speaker, text = split_speaker(text)
    else:
        draft.speaker = voices[0]
        others = sorted(set(voices) - {voices[0]})
        if others:
            draft.problems.append(("several-speakers", draft.line, (
                f"voices {voices[0]!r} and {', '.join(map(repr, others))} in one cue; the "
                f"segment's speaker is {voices[0]!r}")))
    draft.text = text.strip()
