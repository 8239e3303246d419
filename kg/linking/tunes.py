"""Tune patterns: the 词牌 and 曲牌 that head songs (kg/linking/tables/tune_patterns.tsv).

A heading such as 八声甘州 or 凤凰台上忆吹箫 names a tune, not the place inside it, so the
proposals strictly inside a tune's name at the head of a line are dropped before overlaps are
resolved, and so is a guess of another type over a tune's whole name that opens a line
(台城路・齐天乐 is no road); a work over the whole name (桂枝香 in a list of works) stays.

>>> from kg.linking.model import KB, Proposal
>>> found = [Proposal(2, 4, "PLACE", (), "lexicon.place"), Proposal(6, 8, "PLACE", ())]
>>> [(p.start, p.end) for p in outside_tunes("八声甘州\\n到甘州去", found)]
[(6, 8)]
"""

from __future__ import annotations

from functools import cache

from kg.linking.automaton import NameAutomaton
from kg.linking.model import KB, Proposal
from kg.linking.name_lists import normalised
from kg.linking.tables import column

_HEADING = 16  # a heading's tune stands in a line's first characters (双调・殿前欢)
_BEFORE_TUNE = "\n・· "  # what stands before it: the line's start, or its mode (双调・)


@cache
def _tunes():
    return NameAutomaton((name, None) for name in normalised(column("tune_patterns", "name")))


def tune_spans(norm: str) -> list[tuple[int, int]]:
    """Where a tune's name stands in the first characters of a line of the normalised text."""
    spans = []
    for start, end, _ in _tunes().matches(norm):
        if start - norm.rfind("\n", 0, start) <= _HEADING - (end - start) \
                and (start == 0 or norm[start - 1] in _BEFORE_TUNE):
            spans.append((start, end))
    return spans


def outside_tunes(norm: str, proposals: list[Proposal]) -> list[Proposal]:
    """The proposals that do not lie strictly inside a tune's name."""
    spans = tune_spans(norm)
    if not spans:
        return proposals
    return [p for p in proposals if not any(
        start <= p.start and p.end <= end and (p.length < end - start or _opens_line(norm, p))
        for start, end in spans)]


def _opens_line(norm: str, p: Proposal) -> bool:
    """A rule's guess, not a work, over a name that opens a line."""
    return p.type not in (None, "WORK") and p.origin != KB \
        and (p.start == 0 or norm[p.start - 1] == "\n")
