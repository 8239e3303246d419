"""The format-independent half of transcript reading: bytes to lines, drafts to segments.

    decode      bytes -> numbered lines, per line UTF-8 or else GB18030 (see `decode`)
    Draft       what a format parser (formats/) makes of one cue or turn, with its problems
    blocks, timing_at, read_timing, split_speaker, stray
                the pieces the format parsers share
    assemble    drafts -> `Segment`s and `Issue`s: speakers resolved against the metadata and
                tables/speaker_labels.tsv, time codes checked, encoding problems placed

Policy on speakers (the choices the issue kinds rest on):

- A speaker label of tables/speaker_labels.tsv (问, 采访人, A ...) gives the role; the segment's
  person is the metadata person of that role when the metadata names exactly one.
- A name equal to a metadata person's name (after NFKC, case folding, without spaces) gives
  that person and role; ``采访人（王红）`` gives the role of the label and the person named,
  who must be a metadata person of that role (else no person, and ``unknown-speaker``).
- Anything else is a speaker with role None and an ``unknown-speaker`` issue per segment.
- A transcript where no segment names a speaker gets one ``no-speakers`` issue; otherwise
  each segment without one gets ``missing-speaker``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.oral_history.model import (
    TABLES,
    InterviewMetadata,
    Issue,
    Person,
    Segment,
    TranscriptUndecodable,
)

__all__ = ["Decoded", "Draft", "Parsed", "Speakers", "assemble", "blocks", "decode",
           "read_timing", "seconds", "split_speaker", "stray", "timing_at"]


@dataclass(frozen=True)
class Decoded:
    """A transcript's text, line by line (line n is ``lines[n - 1]``), and how it decoded."""

    lines: tuple[str, ...]
    encoding: str
    legacy_lines: tuple[int, ...] = ()  # read as GB18030 inside a UTF-8 file
    bad_lines: tuple[int, ...] = ()  # neither UTF-8 nor GB18030: bad bytes became U+FFFD


def decode(data: bytes, source: str = "") -> Decoded:
    """Decode a transcript: UTF-16 (by its BOM) whole, else UTF-8 (BOM or not) line by line.

    A line that is not UTF-8 is read as GB18030 when it decodes so. When no line of the file
    is UTF-8 beyond ASCII while some are GB18030, the whole file is GB18030.

    Raises:
        TranscriptUndecodable: a UTF-16 file whose bytes are broken.

    >>> decode("问：你好\\n".encode()).encoding
    'utf-8'
    >>> mixed = decode("问：你好\\n".encode() + "答：好\\n".encode("gb18030"))
    >>> mixed.lines, mixed.encoding, mixed.legacy_lines
    (('问：你好', '答：好'), 'utf-8+gb18030', (2,))
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, source)
    base = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    raw = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    if raw[-1] == b"":
        raw.pop()  # the file's final newline ends the last line, it starts none
    raw = [line.removesuffix(b"\r") for line in raw]
    kinds = [_kind_of(line) for line in raw]
    if "gb18030" in kinds and "utf-8" not in kinds:
        return _whole(raw, "gb18030", kinds)
    if "gb18030" not in kinds:
        return _whole(raw, base, kinds)
    lines = tuple(line.decode(kind if kind != "bad" else "utf-8", errors="replace")
                  for line, kind in zip(raw, kinds, strict=True))
    return Decoded(lines, base + "+gb18030", _numbers(kinds, "gb18030"), _numbers(kinds, "bad"))


def _decode_utf16(data: bytes, source: str) -> Decoded:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as err:
        raise TranscriptUndecodable(f"a UTF-16 file (by its BOM) with broken bytes at byte "
                                    f"{err.start}", source=source) from err
    lines = text.removesuffix("\n").split("\n") if text else []
    return Decoded(tuple(line.removesuffix("\r") for line in lines), "utf-16")


def _kind_of(line: bytes) -> str:
    """'ascii', 'utf-8', 'gb18030' or 'bad': which decoding a line of a file needs."""
    if line.isascii():
        return "ascii"
    for encoding in ("utf-8", "gb18030"):
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return "bad"


def _whole(raw: list[bytes], encoding: str, kinds: list[str]) -> Decoded:
    codec = "gb18030" if encoding == "gb18030" else "utf-8"
    lines = tuple(line.decode(codec, errors="replace") for line in raw)
    return Decoded(lines, encoding, (), _numbers(kinds, "bad"))


def _numbers(kinds: list[str], kind: str) -> tuple[int, ...]:
    return tuple(n for n, each in enumerate(kinds, 1) if each == kind)


@dataclass
class Draft:
    """One cue or turn as a format parser read it, before speakers and times are checked."""

    line: int  # first line of the cue or turn
    last_line: int
    text: str = ""
    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    time_line: int | None = None  # the line holding the time codes
    problems: list[tuple[str, int, str]] = field(default_factory=list)  # kind, line, message


@dataclass
class Parsed:
    """What a format parser read: drafts in file order, and issues outside every draft."""

    drafts: list[Draft] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)


def blocks(lines: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Runs of non-blank lines (blank: only spaces), with the number of their first line.

    >>> list(blocks(("a", "b", "", " ", "c")))
    [(1, ['a', 'b']), (5, ['c'])]
    """
    start, run = 0, []
    for number, line in enumerate(lines, 1):
        if line.strip():
            start, run = (start or number), run + [line]
        elif run:
            yield start, run
            start, run = 0, []
    if run:
        yield start, run


def seconds(hours: str | None, minutes: str, secs: str, millis: str | None) -> float:
    """Seconds of a time code's parts, to the millisecond.

    >>> seconds("01", "02", "03", "5")
    3723.5
    """
    total_ms = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(secs)) * 1000
    return (total_ms + int((millis or "0").ljust(3, "0"))) / 1000


# A label: up to 12 characters without spaces or punctuation, maybe with a bracketed name
# (采访人（王红）), or Latin words (Wang Lin); then a full-width or ASCII colon. Not digits
# only (a clock time), and not before '//' (a URL).
_PREFIX = re.compile(
    r"\s*(?P<label>[^\s:：,，.。;；!！?？\"“”'‘’()（）\[\]【】<>《》、]{1,12}"
    r"(?:[（(][^（()）:：]{1,12}[）)])?|[A-Za-z]+(?: [A-Za-z]+){1,3})\s*[:：](?!//)\s*")


def split_speaker(text: str) -> tuple[str | None, str]:
    """The speaker label that begins ``text`` (or None) and the text after it.

    >>> split_speaker("问：您是哪一年进馆的？")
    ('问', '您是哪一年进馆的？')
    >>> split_speaker("12:30 我们到了")
    (None, '12:30 我们到了')
    """
    match = _PREFIX.match(text)
    if match is None or match["label"].isdigit():
        return None, text
    return match["label"], text[match.end():]


def _name_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


class Speakers:
    """Resolves speaker labels and names against the label table and the metadata persons."""

    def __init__(self, metadata: InterviewMetadata):
        people = metadata.interviewees + metadata.interviewers
        self.persons: dict[str, Person] = {}
        for person in people:
            self.persons.setdefault(_name_key(person.name), person)
        self.only = {role: group[0] for role, group in
                     (("interviewee", metadata.interviewees),
                      ("interviewer", metadata.interviewers)) if len(group) == 1}
        self.labels = {_name_key(row["label"]): row["role"]
                       for row in TABLES.table("speaker_labels")}
        self.described = _describe(people)

    def resolve(self, speaker: str) -> tuple[str | None, Person | None, bool]:
        """Role, person and whether the speaker is known (a label or a metadata person).

        >>> from ingest.oral_history.metadata import parse_metadata
        >>> speakers = Speakers(parse_metadata({"interviewee": "周秀英"}, "a.yaml"))
        >>> speakers.resolve("答")[0], speakers.resolve("答")[1].name
        ('interviewee', '周秀英')
        >>> speakers.resolve("老刘")
        (None, None, False)
        """
        key = _name_key(speaker)
        if key in self.persons:
            return self.persons[key].role, self.persons[key], True
        if key in self.labels:
            return self.labels[key], self.only.get(self.labels[key]), True
        bracketed = re.fullmatch(r"(.+?)[（(](.+)[）)]", key)
        if bracketed and bracketed[1] in self.labels:
            # the role is the label's; the name in brackets must be a person of that role
            role, named = self.labels[bracketed[1]], self.persons.get(bracketed[2])
            matches = named is not None and named.role == role
            return role, named if matches else None, matches
        return None, None, False


def _describe(people: tuple[Person, ...]) -> str:
    names = [f"{person.name} ({person.role})" for person in people]
    return ", ".join(names) if names else "nobody"


def assemble(parsed: Parsed, decoded: Decoded, metadata: InterviewMetadata
             ) -> tuple[tuple[Segment, ...], tuple[Issue, ...]]:
    """Segments of the drafts, numbered in file order, and every issue, sorted by line."""
    speakers = Speakers(metadata)
    segments, issues = [], list(parsed.notes)
    for number, draft in enumerate(parsed.drafts, 1):
        role, person, known = speakers.resolve(draft.speaker) if draft.speaker else (
            None, None, True)
        segments.append(Segment(number, draft.speaker, role, person, draft.start, draft.end,
                                draft.text, draft.line))
        issues += [Issue(number, line, kind, message) for kind, line, message in draft.problems]
        if not known:
            issues.append(Issue(number, draft.line, "unknown-speaker", (
                f"speaker {draft.speaker!r} is no label of speaker_labels.tsv, or names no "
                f"person of the metadata ({speakers.described})")))
        if not draft.text:
            issues.append(Issue(number, draft.line, "empty-text", "the segment has no text"))
    issues += _speaker_gaps(segments)
    issues += _timing(segments, parsed.drafts, metadata.duration)
    issues += _encoding(decoded, parsed.drafts)
    return tuple(segments), tuple(sorted(issues, key=lambda i: (i.line or 0, i.segment or 0)))


def _speaker_gaps(segments: list[Segment]) -> list[Issue]:
    if all(segment.speaker is None for segment in segments):
        return [Issue(None, None, "no-speakers", f"none of the {len(segments)} segments "
                      "names a speaker, so no turn has a role")]
    return [Issue(s.number, s.line, "missing-speaker",
                  f"no speaker label, while other turns have one; the text begins "
                  f"{s.text[:20]!r}") for s in segments if s.speaker is None]


def _clock(value: float) -> str:
    millis = round(value * 1000)
    return (f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}"
            f".{millis % 1000:03d}")


def _timing(segments: list[Segment], drafts: list[Draft], duration: float | None
            ) -> Iterator[Issue]:
    """time-reversed, time-order, time-overlap and time-beyond-recording, in file order."""
    # Each cue is checked against the one before it, not against the whole past: a single
    # mistyped time code then flags one neighbour instead of every cue after it.
    latest: tuple[float, int] | None = None  # start of the previous timed cue, its number
    longest: tuple[float, int] | None = None  # end of the previous cue that has a good end
    for segment, draft in zip(segments, drafts, strict=True):
        line = draft.time_line or draft.line
        start, end = segment.start, segment.end
        if start is not None and end is not None and end <= start:
            yield Issue(segment.number, line, "time-reversed",
                        f"ends at {_clock(end)}, not after its start {_clock(start)}")
            end = None  # a reversed span says nothing about overlap
        if start is not None:
            yield from _against(segment.number, line, start, latest, longest)
            latest = (start, segment.number)
        if end is not None:
            longest = (end, segment.number)
        yield from _beyond(segment, line, duration)


def _against(number: int, line: int, start: float, latest: tuple[float, int] | None,
             longest: tuple[float, int] | None) -> Iterator[Issue]:
    """time-order against the previous start, else time-overlap against the previous end."""
    if latest is not None and start < latest[0]:
        yield Issue(number, line, "time-order", f"starts at {_clock(start)}, before segment "
                    f"{latest[1]} which starts at {_clock(latest[0])}")
    elif longest is not None and start < longest[0]:
        yield Issue(number, line, "time-overlap", f"starts at {_clock(start)}, before segment "
                    f"{longest[1]} ends at {_clock(longest[0])}")


def _beyond(segment: Segment, line: int, duration: float | None) -> Iterator[Issue]:
    last = max((t for t in (segment.start, segment.end) if t is not None), default=None)
    if duration is not None and last is not None and last > duration:
        yield Issue(segment.number, line, "time-beyond-recording",
                    f"runs to {_clock(last)}, past the recording's {_clock(duration)}")


def _encoding(decoded: Decoded, drafts: list[Draft]) -> list[Issue]:
    issues = []
    if decoded.encoding == "gb18030":
        issues.append(Issue(None, None, "legacy-encoding",
                            "the file is GB18030, not UTF-8, and was read as GB18030"))
    for kind, numbers, how in (
            ("mixed-encoding", decoded.legacy_lines, "not UTF-8; read as GB18030"),
            ("undecodable", decoded.bad_lines,
             "neither UTF-8 nor GB18030; its bad bytes read as U+FFFD")):
        for segment, lines in _by_segment(numbers, drafts):
            names = ", ".join(map(str, lines))
            issues.append(Issue(segment, lines[0], kind,
                                f"line{'s' if len(lines) > 1 else ''} {names}: {how}"))
    return issues


def _by_segment(numbers: tuple[int, ...], drafts: list[Draft]
                ) -> Iterator[tuple[int | None, list[int]]]:
    """The given line numbers grouped by the segment holding them (None: outside all)."""
    groups: dict[int | None, list[int]] = {}
    for number in numbers:
        holder = next((n for n, d in enumerate(drafts, 1) if d.line <= number <= d.last_line),
                      None)
        groups.setdefault(holder, []).append(number)
    for holder, lines in groups.items():
        if holder is None:
            yield from ((None, [line]) for line in lines)
        else:
            yield holder, lines


_TIME_LIKE = re.compile(r"\s*\d+:\d")


def timing_at(block: list[str]) -> int | None:
    """Which of a cue block's first two lines holds its timing (None: the block is no cue).

    The line with '-->' is; failing that, a line that begins like a clock time is taken for a
    broken timing line (its time codes are then reported invalid).

    >>> timing_at(["7", "00:01.000 --> 00:02.000", "好"]), timing_at(["就这样吧"])
    (1, None)
    """
    head = block[:2]
    for test in (lambda line: "-->" in line, _TIME_LIKE.match):
        found = next((n for n, line in enumerate(head) if test(line)), None)
        if found is not None:
            return found
    return None


def read_timing(draft: Draft, line: str, stamp: re.Pattern[str], form: str) -> None:
    """Set the draft's start and end from a timing line; a bad one is a time-invalid problem.

    ``stamp`` matches one time code, its groups hours, minutes, seconds, milliseconds;
    ``form`` names the expected form in messages. Cue settings after the end are ignored.
    """
    left, arrow, right = line.partition("-->")
    if not arrow:
        draft.problems.append(("time-invalid", draft.time_line or draft.line,
                               f"timing line {line.strip()!r} has no '-->'"))
        return
    words = right.split()
    for which, text in (("start", left.strip()), ("end", words[0] if words else "")):
        match = stamp.fullmatch(text)
        if match is None:
            draft.problems.append(("time-invalid", draft.time_line or draft.line,
                                   f"{which} time {text!r} is not a time code {form}"))
        else:
            setattr(draft, which, seconds(*match.groups()))


def stray(start: int, block: list[str]) -> Issue:
    """The issue for a block with no timing line: it is in no segment."""
    text = " / ".join(line.strip() for line in block)
    return Issue(None, start, "stray-block",
                 f"{len(block)} line(s) with no timing line, in no cue: {text[:60]!r}")
