"""SubRip (SRT) transcripts.

Blocks separated by blank lines, each a cue number, a timing line ``HH:MM:SS,mmm -->
HH:MM:SS,mmm`` and the text. SRT has no formal grammar: as common players do, a period
instead of the comma and one- to three-digit hours are read; anything else is
``time-invalid``. A missing, non-numeric or out-of-sequence cue number is a ``cue-number``
issue. The speaker is a ``采访人：`` prefix of the text; ``<i> <b> <u> <s> <font>`` tags and
``{\\an8}``-style overrides are removed from the text.
"""

from __future__ import annotations

import re

from ingest.oral_history.transcripts import (
    Draft,
    Parsed,
    blocks,
    read_timing,
    split_speaker,
    stray,
    timing_at,
)

FORMAT = "srt"

_STAMP = re.compile(r"(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{3})")
_FORM = "(HH:MM:SS,mmm)"
_TAGS = re.compile(r"</?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)


def parse(lines: tuple[str, ...]) -> Parsed:
    """Drafts of the cues of an SRT file, and the issues outside them.

    >>> draft = parse(("1", "00:00:01,000 --> 00:00:03,500", "答：是的。")).drafts[0]
    >>> draft.speaker, draft.text, draft.start, draft.end
    ('答', '是的。', 1.0, 3.5)
    """
    parsed, previous = Parsed(), 0
    for start, block in blocks(lines):
        at = timing_at(block)
        if at is None:
            parsed.notes.append(stray(start, block))
            continue
        draft = Draft(start, start + len(block) - 1, time_line=start + at)
        previous = _number(draft, block[0].strip() if at == 1 else None, previous)
        read_timing(draft, block[at], _STAMP, _FORM)
        text = _TAGS.sub("", "\n".join(line.strip() for line in block[at + 1:])).strip()
        draft.speaker, text = split_speaker(text)
        draft.text = text.strip()
        parsed.drafts.append(draft)
    return parsed


def _number(draft: Draft, label: str | None, previous: int) -> int:
    """Check the cue number against the previous one; return the number to count on from."""
    if label is None or not label.isdigit():
        what = "no cue number" if label is None else f"cue number {label!r} is not a number"
        draft.problems.append(("cue-number", draft.line, f"{what} (after cue {previous})"))
        return previous + 1
    if int(label) != previous + 1:
        draft.problems.append(("cue-number", draft.line,
                               f"cue number {label} follows cue number {previous}"))
    return int(label)
