"""Plain-text transcripts: one turn per paragraph or line.

A line that begins with a speaker label (``采访人：``, ``问:`` ``张三：``), maybe after a time
code ``[00:01:02]``, ``(01:02)``, ``【00:01:02.5】``, starts a turn; so does a time code alone
(a turn without a speaker). Other lines continue the turn before them, across blank lines. In
a file where no line has a speaker label, each paragraph (a run of non-blank lines) is a turn.
A time code gives the turn's start; plain text has no end times.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.oral_history.transcripts import Draft, Parsed, seconds, split_speaker

FORMAT = "text"

# A bracketed run of digits and clock punctuation, with a colon, at the start of a line
# (so "(1998)" or "（二）" is text, not a time code).
_CODE = re.compile(r"\s*[\[(（【]\s*(?P<code>\d+\s*[:：][\d:：.,，\s]*?)\s*[\])）】]\s*")
_STAMP = re.compile(r"(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?")


def parse(lines: tuple[str, ...]) -> Parsed:
    """Drafts of the turns of a plain-text transcript.

    >>> turns = parse(("[00:00:05] 问：您老家哪里？", "答：就在门东。", "老城南。")).drafts
    >>> [(t.speaker, t.start, t.text) for t in turns]
    [('问', 5.0, '您老家哪里？'), ('答', None, '就在门东。\\n老城南。')]
    """
    labelled = any(split_speaker(_split_code(line)[1])[0] for line in lines)
    parsed, current, broke = Parsed(), None, False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            broke = True
            continue
        code, rest = _split_code(line)
        speaker, body = split_speaker(rest)
        if current is None or code is not None or speaker or (broke and not labelled):
            current = Draft(number, number, body.strip(), speaker)
            if code is not None:
                _start(current, code)
            parsed.drafts.append(current)
        else:
            current.text = "\n".join(filter(None, (current.text, line.strip())))
            current.last_line = number
        broke = False
    return parsed


def _split_code(line: str) -> tuple[str | None, str]:
    match = _CODE.match(line)
    return (match["code"], line[match.end():]) if match else (None, line)


def _start(draft: Draft, code: str) -> None:
    draft.time_line = draft.line
    match = _STAMP.fullmatch(unicodedata.normalize("NFKC", code).strip())
    if match is None:
        draft.problems.append(("time-invalid", draft.line, f"time code {code!r} is not "
                               "[HH:]MM:SS[.mmm]"))
    else:
        draft.start = seconds(*match.groups())

