"""Transcript formats, one module each, looked up by file suffix.

Each module has ``FORMAT`` (the name in `Interview.format`) and ``parse(lines) -> Parsed``:
the lines of a decoded file in, drafts of its cues or turns and the issues outside them out.
A parser never raises for a bad cue; it records the problem on the draft (or, outside every
cue, in ``Parsed.notes``) and goes on.

No third-party subtitle library is used. webvtt-py raises one exception for the whole file at
the first malformed cue (or drops what it cannot read), keeps no line numbers, reads a fixed
encoding and takes SRT commas in WebVTT time codes; the ``srt`` package likewise raises for the
whole file unless told to skip what it cannot parse, silently. Neither can report each cue's
problem with its line and carry on, which is what this reader is for.

>>> parser(".vtt").FORMAT, parser(".SRT").FORMAT
('vtt', 'srt')
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

__all__ = ["FORMATS", "TRANSCRIPT_SUFFIXES", "parser"]

#: Format modules by name; imported on first use.
FORMATS = {
    "vtt": "ingest.oral_history.formats.vtt",
    "srt": "ingest.oral_history.formats.srt",
    "text": "ingest.oral_history.formats.text",
}

#: Transcript file suffixes and the format each is read as.
TRANSCRIPT_SUFFIXES = {".vtt": "vtt", ".srt": "srt", ".txt": "text"}


def parser(suffix: str) -> ModuleType:
    """The format module for a file suffix. Raises KeyError listing the known suffixes."""
    name = TRANSCRIPT_SUFFIXES.get(suffix.lower())
    if name is None:
        raise KeyError(f"no transcript format for {suffix!r}; known: "
                       f"{', '.join(TRANSCRIPT_SUFFIXES)}")
    return import_module(FORMATS[name])
