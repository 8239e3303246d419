"""Names in quotation marks that the word after them makes a name (kg/linking/tables/
quoted_names.tsv): “阅美四季”品牌 is an activity series, and so is “阅美四季” wherever else the
document quotes it; so is a quoted name with the ending of an event (quoted_endings.tsv:
“金陵刻本展”, “秦淮灯会”).

>>> [(p.start, p.end, p.type) for p in Quoted()("以“阅美”系列为主，简称“阅美”。", [])]
[(2, 4, 'EVENT'), (13, 15, 'EVENT')]
"""

from __future__ import annotations

import re
from functools import cache

from spacy.util import registry

from kg.linking.model import Proposal
from kg.linking.tables import number, table

_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,20})[”\"]")


@cache
def _kinds() -> list[tuple[str, str, float]]:
    rows = table("quoted_names")
    return sorted(((r["after"], r["type"], number(r, "strength", "quoted_names")) for r in rows),
                  key=lambda kind: -len(kind[0]))


@cache
def _endings() -> list[tuple[str, str, int, float]]:
    rows = table("quoted_endings")
    return sorted(((r["ending"], r["type"], int(number(r, "min_stem", "quoted_endings")),
                    number(r, "strength", "quoted_endings")) for r in rows),
                  key=lambda kind: -len(kind[0]))


@cache
def _heads() -> tuple[re.Pattern, frozenset[str], dict[str, float]]:
    """(a regex of an activity's noun after at most six characters, the words that make the
    quoted name no activity's, strength by noun) of quoted_heads.tsv."""
    rows = table("quoted_heads")
    heads = {r["head"]: number(r, "strength", "quoted_heads") for r in rows if r["kind"] == "head"}
    words = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return (re.compile(f"[\u4e00-\u9fff]{{0,6}}?({words})"),
            frozenset(r["head"] for r in rows if r["kind"] == "not"), heads)


def _kind(norm: str, m: re.Match) -> tuple[str, float] | None:
    """The type of a quoted name by the word after it, its own ending, or the activity's noun
    a few characters after it."""
    for after, type_, strength in _kinds():
        if norm.startswith(after, m.end()):
            return type_, strength
    name = m.group(1)
    for ending, type_, min_stem, strength in _endings():
        if name.endswith(ending) and len(name) - len(ending) >= min_stem:
            return type_, strength
    return _activity(norm, m.end())


def _activity(norm: str, at: int) -> tuple[str, float] | None:
    """“纸上六朝”拓印体验课: the noun of an activity a few characters after the closing mark."""
    regex, others, heads = _heads()
    found = regex.match(norm, at)
    if found is None or any(word in norm[at:found.start(1)] for word in others):
        return None
    return "EVENT", heads[found.group(1)]


class Quoted:
    """The quoted-name recogniser (``jinling.quoted.v1``)."""

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        quotes = list(_QUOTED.finditer(norm))
        named, last = {}, None
        for m in quotes:
            kind = _kind(norm, m)
            if kind is None and last and norm.endswith("简称", 0, m.start()):
                kind = named[last]  # (以下简称“阅美”) names the series quoted before it
            if kind and named.get(m.group(1), (None, 0.0))[1] < kind[1]:
                named[m.group(1)] = kind
            last = m.group(1) if m.group(1) in named else last
        return [Proposal(m.start(1), m.end(1), named[m.group(1)][0], (), "quoted.name",
                         named[m.group(1)][1]) for m in quotes if m.group(1) in named]


@registry.misc("jinling.quoted.v1")
def make_quoted() -> Quoted:
    """Quoted names typed by the word after them (`Quoted`)."""
    return Quoted()
