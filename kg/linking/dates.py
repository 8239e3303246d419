"""The years a text speaks of, as evidence for choosing entities by period.

Read from the normalised text: Western years (1912年, 2016-2020 年, 公元前333年), years
written digit by digit (一九一二年), centuries (19世纪), counted years of a KB reign era
(洪武三年 → 1370) or of the Republic (民国二十五年 → 1936, kg/linking/tables/year_eras.tsv).
A Western year needs four digits (or 公元): 建馆100年 is a duration, not a date.

>>> document_years("1912年元旦，2016-2020 年间", [], None)
[(1912, 1912, 1.0), (2016, 2020, 1.0)]
>>> document_years("民国二十五年", [], None)
[(1936, 1936, 1.0)]
>>> chinese_count("二十五"), chinese_count("元"), chinese_count("廿三")
(25, 1, 23)
"""

from __future__ import annotations

import re
from functools import cache

from kg.linking.tables import table

_WESTERN = re.compile(
    r"(公元前|公元|前)?(?<![\d.])(\d{3,4})(?:\s*[-—–~至到]\s*(\d{2,4}))?\s*年(?!代)")
_DECADE = re.compile(r"(?<![\d.])(\d{3})0\s*年代")
_CENTURY = re.compile(r"(公元前)?(\d{1,2})\s*世纪")
_DIGIT = re.compile(r"\d")
_COUNT = r"(元|[一二三四五六七八九十廿卅]{1,4})年"


@cache
def _numerals() -> dict[str, tuple[int, str]]:
    return {r["char"]: (int(r["value"]), r["kind"]) for r in table("numerals")}


@cache
def _digit_year() -> re.Pattern:
    digits = "".join(c for c, (_, kind) in _numerals().items() if kind == "digit")
    return re.compile(f"([{digits}]{{4}})年")


@cache
def _counted() -> tuple[re.Pattern, dict[str, int]]:
    bases = {r["name"]: int(r["base"]) for r in table("year_eras")}
    names = "|".join(sorted(bases, key=len, reverse=True))
    return re.compile(f"({names}){_COUNT}"), bases


def chinese_count(text: str) -> int | None:
    """A count written in Chinese numerals up to 99 (元 is 1), or None."""
    table_ = _numerals()
    if text == "元":
        return 1
    total, current = 0, 0
    for c in text:
        value, kind = table_.get(c, (None, None))
        if kind == "digit":
            current = value
        elif kind == "ten":
            total += (current or 1) * 10
            current = 0
        elif kind == "tens":
            total += value
        else:
            return None
    return total + current or None


def _western(norm: str) -> list[tuple[int, int, float]]:
    found = []
    if _DIGIT.search(norm) is None:
        return found  # the regex has no literal to look for first: it would try every place
    for m in _WESTERN.finditer(norm):
        era, first, last = m.group(1), m.group(2), m.group(3)
        if len(first) == 3 and era not in ("公元", "公元前"):
            continue
        start = int(first)
        end = int(last) if last else start
        if last and len(last) == 2:
            end = start // 100 * 100 + end
        if era in ("公元前", "前"):
            start, end = -start, -end
        found.append((min(start, end), max(start, end), 1.0))
    return found


def _other_forms(norm: str) -> list[tuple[int, int, float]]:
    found = []
    for m in _digit_year().finditer(norm):
        year = int("".join(str(_numerals()[c][0]) for c in m.group(1)))
        found.append((year, year, 1.0))
    for m in _DECADE.finditer(norm) if "年代" in norm else ():
        decade = int(m.group(1)) * 10
        found.append((decade, decade + 9, 1.0))
    for m in _CENTURY.finditer(norm) if "世纪" in norm else ():
        n = int(m.group(2))
        span = (-n * 100, -(n - 1) * 100 - 1) if m.group(1) else ((n - 1) * 100 + 1, n * 100)
        found.append((*span, 0.5))
    pattern, bases = _counted()
    for m in pattern.finditer(norm):
        count = chinese_count(m.group(2))
        if count:
            found.append((bases[m.group(1)] + count, bases[m.group(1)] + count, 1.0))
    return found


def _era_years(norm: str, proposals, gazetteer) -> list[tuple[int, int, float]]:
    """洪武三年: a KB reign era followed by a counted year."""
    found = []
    count = re.compile(_COUNT)
    for p in proposals:
        eras = [gazetteer.entities[n.entity] for n in p.senses
                if gazetteer.entities[n.entity].cls == "ReignEra"]
        eras = [e for e in eras if e.start is not None]
        m = count.match(norm, p.end) if eras else None
        n = chinese_count(m.group(1)) if m else None
        for era in eras if n else ():
            found.append((era.start + n - 1, era.start + n - 1, 1.0 / len(eras)))
    return found


def document_years(norm: str, proposals, gazetteer) -> list[tuple[int, int, float]]:
    """(first year, last year, weight) for every date in the normalised text, in text order
    within each form."""
    found = _western(norm) + _other_forms(norm)
    if gazetteer is not None:
        found += _era_years(norm, proposals, gazetteer)
    return found
