"""Snippets: a window of the original text with the matches in ``<mark>``, everything else
HTML-escaped, so that a page can put the snippet into HTML as it is.

Matches are found in the folded text (`kg.search.text.fold` keeps offsets), so 金陵圖書館 is
marked where 金陵图书馆 was searched for.

>>> snippet("<b>金陵圖書館</b>", [(3, 8)])
'&lt;b&gt;<mark>金陵圖書館</mark>&lt;/b&gt;'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from kg.search.pinyin import Reading, char_syllables

Span = tuple[int, int]
WIDTH = 80      # characters of body text in a snippet
LEAD = 20       # of which before the first match
ELLIPSIS = "…"


def find(patterns: Iterable[re.Pattern[str]], folded: str) -> list[Span]:
    """Where the patterns match the folded text, overlaps merged.

    >>> find([re.compile("ab"), re.compile("bc")], "xabcx abx")
    [(1, 4), (6, 8)]
    """
    spans = sorted(m.span() for p in patterns for m in p.finditer(folded) if m.end() > m.start())
    return _merge(spans)


def find_spoken(pinyin: Iterable[Reading], folded: str) -> list[Span]:
    """Where a run of characters reads as one of the pinyin readings (南京 for nan jing)."""
    spoken = char_syllables(folded)
    spans = []
    for syllables, begun in pinyin:
        size = len(syllables)
        for start in range(len(spoken) - size + 1):
            if _reads(spoken[start:start + size], syllables, begun):
                spans.append((start, start + size))
    return _merge(sorted(spans))


def _reads(spoken: list[str | None], syllables: tuple[str, ...], begun: bool) -> bool:
    *whole, last = syllables
    heard = spoken[-1] or ""
    return spoken[:-1] == whole and (heard.startswith(last) if begun else heard == last)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: list[Span], width: int | None = None) -> str:
    """The text (or, with ``width``, a window of that many characters around the first match)
    as HTML: spans in <mark>, the rest escaped, line breaks as spaces, cuts shown by '…'."""
    start, end = 0, len(text)
    if width is not None and len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - LEAD, len(text) - width))
        end = start + width
    out, at = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out += [escape(text[at:s]), "<mark>", escape(text[s:e]), "</mark>"]
        at = e
    out.append(escape(text[at:end]))
    body = " ".join("".join(out).split())
    return (ELLIPSIS if start > 0 else "") + body + (ELLIPSIS if end < len(text) else "")
