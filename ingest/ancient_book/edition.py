"""Edition statements (版本) of 古籍 census sheets: dynasty, reign era, year, type, printing house.

Conventions. Year N of a reign era is the era's first Western year + N - 1 (元年 = 1; DILA's
first and last years, see eras.py); years are astronomical (0 = 1 BCE). start/end is the span
the statement allows: one year for a numbered year (清光绪十年 -> 1884-1884), the era's years
for an era alone (明万历 -> 1573-1620), the dynasty's conventional years for a dynasty alone (清 ->
1644-1911), the years of periods.tsv for 明末, 清初, 明末清初 (a period word with no row there,
宋末, or after an era, 嘉庆中, keeps the dynasty's or era's years and a problem), both ends for
a range (清乾隆至嘉庆间 -> 1736-1820, and reign stays null because two eras are named). 民国 N is
1911 + N. What wins: a Gregorian year written in the statement ((1884), 1935年) wins over the
era year; a numbered year wins over a sexagenary one (光绪十一年甲申 keeps 11); either
disagreement is kept as a problem. For blocks cut at one date and repaired or printed at
another (明嘉靖刻万历递修本, 宋刻元明递修本), the first date dates the edition, the type is the
reissue (递修本, 后印本) and the second date is named in a problem. An era name shared by several
regimes with no dynasty before it (建武) gives no dynasty and no years, and lists the candidates
in ``ambiguous``; a unique one (万历) fills the dynasty. When an era is resolved, ``dynasty`` is
the era's own (宋绍兴 -> 南宋, 齐建武 -> 南齐).

Reading order: full-width forms and traditional characters are normalised; Gregorian years are
taken out; a trailing ``据…影印`` names the type; otherwise the first edition-type term of
edition_types.tsv (longest first) is the type, text after it is a problem; the text before it is
the date, then the printing house as written, place included (扬州阮氏文选楼).
`parse_edition` never raises: what it cannot read goes into ``problems``.

>>> parse_edition("清光緒十年金陵書局刻本").as_json()  # doctest: +NORMALIZE_WHITESPACE
{'dynasty': '清', 'reign': '光绪', 'year_of_reign': 10, 'start': 1884, 'end': 1884,
 'edition_type': '刻本', 'publisher': '金陵书局'}
>>> parse_edition("建武刻本").ambiguous[-1]
'南齐:建武'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ingest.ancient_book import TABLES
from ingest.ancient_book.eras import Dynasty, Era, catalogue, epoch, period, resolve_era, simplify
from ingest.ancient_book.numerals import (
    NumeralError,
    branches,
    ganzhi_of_year,
    ganzhi_years,
    numeral_chars,
    parse_number,
    stems,
)


@dataclass(frozen=True)
class Edition:
    """What an edition statement says; see the module docstring for the conventions."""

    text: str
    dynasty: str | None        # simplified, e.g. "清"
    reign: str | None          # simplified era name, e.g. "光绪"
    year_of_reign: int | None
    start: int | None          # Gregorian year (astronomical for BCE)
    end: int | None
    edition_type: str | None   # canonical, e.g. "刻本", "木活字本"
    publisher: str | None      # printing house as written, e.g. "金陵书局"
    ambiguous: tuple[str, ...] = ()   # "dynasty:era" candidates when no dynasty decides
    problems: tuple[str, ...] = ()    # what was not understood, in words

    def as_json(self) -> dict[str, Any]:
        """The parsed fields as a JSON object (null where absent)."""
        return {"dynasty": self.dynasty, "reign": self.reign,
                "year_of_reign": self.year_of_reign, "start": self.start, "end": self.end,
                "edition_type": self.edition_type, "publisher": self.publisher}


@dataclass
class _Draft:
    """The fields while a statement is read."""

    text: str
    dynasty: str | None = None
    reign: str | None = None
    year: int | None = None
    start: int | None = None
    end: int | None = None
    edition_type: str | None = None
    publisher: str | None = None
    given: tuple[int, int] | None = None     # Gregorian years written in the statement
    ambiguous: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def span(self, start: int | None, end: int | None) -> None:
        self.start, self.end = start, end

    def freeze(self) -> Edition:
        return Edition(self.text, self.dynasty, self.reign, self.year, self.start, self.end,
                       self.edition_type, self.publisher, tuple(dict.fromkeys(self.ambiguous)),
                       tuple(self.problems))


@dataclass(frozen=True)
class _Clause:
    """One dated phrase: [dynasty] era [N年] [干支] [至M年] [间]."""

    dynasty: Dynasty | None
    era: str
    year: int | None
    ganzhi: str | None
    until: int | None
    part: str | None      # 初, 中, 末 … of the era, which no year narrows
    jian: bool            # ends in 间 ("during")
    end: int              # where the phrase ends in the text


@dataclass(frozen=True)
class _Reading:
    """A clause resolved: dynasty, era name, year of the era, first and last year."""

    dynasty: str | None
    reign: str | None
    year: int | None
    start: int | None
    end: int | None


# --- patterns, built once from the tables ------------------------------------------------

_WIDE = str.maketrans({"（": "(", "）": ")", "－": "-", "—": "-", "～": "~", "〜": "~"})
_SPACE = re.compile(r"\s+")
_CONNECTOR = re.compile(r"[至到、\-~及]")
_SURNAME = "氏"


@dataclass(frozen=True)
class _Patterns:
    types: re.Pattern[str]
    tail: re.Pattern[str]
    year: re.Pattern[str]
    ganzhi: re.Pattern[str]
    given: re.Pattern[str]
    based_on: re.Pattern[str]
    cut_then: re.Pattern[str]
    datelike: re.Pattern[str]
    qualifier: re.Pattern[str]
    type_of: dict[str, str]


@cache
def _patterns() -> _Patterns:
    number = rf"(?:\d+|[{numeral_chars()}]+)"
    ganzhi = f"[{stems()}][{branches()}]"
    month_day = (r"(?:闰?(?:正|冬|腊|十[一二]|[一二三四五六七八九十])月)?"
                 r"(?:(?:初|[一二三四五六七八九十廿卅])+日)?(?:[孟仲季]?[春夏秋冬])?")
    type_of = {row["term"]: row["type"] for row in TABLES.table("edition_types")}
    terms = "|".join(re.escape(t) for t in sorted(type_of, key=len, reverse=True))
    return _Patterns(
        types=re.compile(terms),
        tail=re.compile(rf"(?:(?P<num>元|{number})年)?(?:(?P<gz>{ganzhi})年?)?"
                        rf"(?:[至到\-](?P<until>{number})年)?{month_day}"
                        r"(?P<part>初年|初期|初|中叶|中期|中|末年|末期|末|前期|后期|晚期)?"
                        r"(?(part)(?=间|刻|$))(?P<jian>间)?"),
        year=re.compile(rf"(?P<num>{number})年{month_day}(?P<jian>间)?"),
        ganzhi=re.compile(rf"(?P<gz>{ganzhi})年?"),
        given=re.compile(r"\((?:公元)?(\d{3,4})(?:年)?(?:[-~至到](\d{2,4})年?)?\)"
                         r"|(?:公元)?(\d{4})年|([〇○零一二三四五六七八九]{4})年"),
        based_on=re.compile(r"据(.+?)(影印|重印|翻印|翻刻|覆刻|影刻|重刻|排印|石印|铅印|影抄|抄|"
                            r"影钞|钞)本?$"),
        cut_then=re.compile(r"(.*)刻([^刻]*)"),
        datelike=re.compile(rf"{number}年|{ganzhi}年|^{ganzhi}$"),
        qualifier=re.compile(r"初期|初年|初|前期|中期|中叶|后期|晚期|末期|末年|末|间"),
        type_of=type_of,
    )


def _longest(text: str, pos: int, names: dict[str, Any] | frozenset[str], most: int = 6) -> int:
    """The length of the longest key of ``names`` starting at ``pos`` (0 for none)."""
    for size in range(min(most, len(text) - pos), 0, -1):
        if text[pos:pos + size] in names:
            return size
    return 0


# --- the statement -------------------------------------------------------------------------

def parse_edition(text: str) -> Edition:
    """Read an edition statement (版本) into dynasty, era, years, type and printing house.

    Never raises; anything not understood is described in ``problems``.

    >>> e = parse_edition("清乾隆廿三年刻本")
    >>> e.reign, e.year_of_reign, e.start, e.edition_type
    ('乾隆', 23, 1758, '刻本')
    >>> parse_edition("").problems
    ('empty edition statement',)
    """
    draft = _Draft(text if isinstance(text, str) else "" if text is None else str(text))
    body = _normalise(draft.text)
    if not body:
        draft.problems.append("empty edition statement")
        return draft.freeze()
    body = _take_given_years(draft, body)
    head = _take_type(draft, body)
    rest = _read_date(draft, head)
    _take_publisher(draft, rest)
    _reconcile(draft)
    if draft.edition_type is None:
        draft.problems.append("no edition type (刻本, 抄本 …) found")
    return draft.freeze()


def _normalise(text: str) -> str:
    return simplify(_SPACE.sub("", text.translate(_WIDE)))


def _take_given_years(draft: _Draft, body: str) -> str:
    """Take Gregorian years written out ((1884), 1935年, 一九三五年) out of the statement."""
    spans = [_given_span(match) for match in _patterns().given.finditer(body)]
    if not spans:
        return body
    draft.given = spans[0]
    if len(set(spans)) > 1:
        draft.problems.append(f"several years given ({', '.join(str(s) for s, _ in spans)}); "
                              f"the first is kept")
    return _patterns().given.sub("", body)


def _given_span(match: re.Match[str]) -> tuple[int, int]:
    paren, until, plain, chinese = match.groups()
    if chinese:
        year = parse_number(chinese)
        return year, year
    year = int(paren or plain)
    if not until:
        return year, year
    last = int(until) if len(until) == 4 else int(str(year)[:4 - len(until)] + until)
    return year, max(year, last)


def _take_type(draft: _Draft, body: str) -> str:
    """Set the edition type; return the text before it (date and printing house)."""
    pats = _patterns()
    based = pats.based_on.search(body)
    if based:
        draft.edition_type = pats.type_of.get(based.group(2) + "本")
        return body[:based.start()]
    found = pats.types.search(body)
    if found is None:
        return _type_from_verb(draft, body)
    draft.edition_type = pats.type_of[found.group()]
    if found.end() < len(body):
        draft.problems.append(f"not read after the edition type: {body[found.end():]}")
    return _split_reissue(draft, body[:found.start()])


def _type_from_verb(draft: _Draft, body: str) -> str:
    """A statement ending in a verb (清光绪十年刻, 清抄): the type of verb + 本."""
    pats = _patterns()
    for size in (4, 3, 2, 1):
        term = body[-size:] + "本"
        if len(body) >= size and term in pats.type_of and term != "印本":
            draft.edition_type = pats.type_of[term]
            return body[:-size]
    return body


def _split_reissue(draft: _Draft, head: str) -> str:
    """明嘉靖刻万历递修本: keep the date before 刻; name the later date in a problem."""
    match = _patterns().cut_then.fullmatch(head)
    if match is None or match.group(2) and not _is_date(match.group(2)):
        return head
    if match.group(2):
        draft.problems.append(f"later date {match.group(2)} ({draft.edition_type}) not "
                              f"represented; the edition is dated by when the blocks were cut")
    return match.group(1)


def _is_date(text: str) -> bool:
    """Whether ``text`` is made only of dynasty names, era names and year words (元明, 万历)."""
    cat = catalogue()
    pos = 0
    while pos < len(text):
        size = max(_longest(text, pos, cat.aliases, 4), _longest(text, pos, cat.eras))
        if not size:
            word = _CONNECTOR.match(text, pos)
            size = max(_patterns().tail.match(text, pos).end(), word.end() if word else 0) - pos
        if not size:
            return False
        pos += size
    return True


# --- the date ------------------------------------------------------------------------------

def _read_date(draft: _Draft, head: str) -> str:
    """Read the date at the start of ``head``; return what follows it."""
    cat = catalogue()
    if _longest(head, 0, cat.false_starts, 4):
        return head
    size = _longest(head, 0, cat.periods, 4)
    if size:
        _apply_period(draft, head[:size])
        return head[size:].removeprefix("间")
    dynasty, pos = _lead_dynasty(head)
    clause = _clause_at(head, pos, dynasty, free=dynasty is not None)
    if clause is None:
        return _dynasty_only(draft, dynasty, head, pos)
    clauses = [clause]
    while (clause := _next_clause(head, clauses[-1])) is not None:
        clauses.append(clause)
    _apply_clauses(draft, clauses)
    return head[clauses[-1].end:]


def _lead_dynasty(head: str) -> tuple[Dynasty | None, int]:
    """The dynasty named first, unless an era name there is longer (元丰 is no 元) or it is a
    surname (陈氏)."""
    cat = catalogue()
    size = _longest(head, 0, cat.aliases, 4)
    if not size or _longest(head, 0, cat.eras) > size or head[size:size + 1] == _SURNAME:
        return None, 0
    return cat.dynasties[cat.aliases[head[:size]]], size


def _clause_at(head: str, pos: int, dynasty: Dynasty | None, free: bool) -> _Clause | None:
    """An era phrase at ``pos``. Unless ``free`` (a dynasty or a range leads to it), it must
    carry a year, end the date or lead to another era: 长兴书局 is no era."""
    size = _longest(head, pos, catalogue().eras)
    if not size:
        return None
    tail = _patterns().tail.match(head, pos + size)
    end = tail.end()
    if not free and end == pos + size and end < len(head) \
            and not _CONNECTOR.match(head, end) and not _longest(head, end, catalogue().eras):
        return None
    return _Clause(dynasty, head[pos:pos + size], _number(tail.group("num")),
                   tail.group("gz"), _number(tail.group("until")), tail.group("part"),
                   bool(tail.group("jian")), end)


def _next_clause(head: str, previous: _Clause) -> _Clause | None:
    """The next era of a range: 乾隆至嘉庆间, 明万历至清康熙, 乾隆嘉庆间 (with no word between,
    the second era must end in 间)."""
    connector = _CONNECTOR.match(head, previous.end)
    start = connector.end() if connector else previous.end
    cat = catalogue()
    size = _longest(head, start, cat.aliases, 4)
    dynasty = previous.dynasty
    if size and _longest(head, start + size, cat.eras):
        dynasty = cat.dynasties[cat.aliases[head[start:start + size]]]
        start += size
    clause = _clause_at(head, start, dynasty, free=True)
    if clause is None or not (connector or clause.jian):
        return None
    return clause


def _number(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return parse_number(text)
    except NumeralError:
        return None


def _dynasty_only(draft: _Draft, dynasty: Dynasty | None, head: str, pos: int) -> str:
    """A dynasty with no era after it: a period word, a year of its own count (民国二十四年), a
    sexagenary year, or nothing. Returns the text after the date (all of it when there is none)."""
    if dynasty is None:
        return head
    pats, rest = _patterns(), head[pos:]
    if (match := pats.qualifier.match(rest)) is not None:
        _apply_qualifier(draft, dynasty, match.group())
    elif (match := pats.year.match(rest)) is not None:
        _apply_own_year(draft, dynasty, match.group("num"))
    elif (match := pats.ganzhi.match(rest)) is not None:
        _apply_dynasty_ganzhi(draft, dynasty, match.group("gz"))
    elif rest and dynasty.name not in catalogue().opens:
        return head  # 商务…, 齐鲁…: not a dynasty here
    else:
        _set_dynasty(draft, dynasty)
    return rest[match.end():] if match else rest


def _set_dynasty(draft: _Draft, dynasty: Dynasty) -> None:
    draft.dynasty = dynasty.name
    draft.span(dynasty.start, dynasty.end)


def _apply_period(draft: _Draft, phrase: str) -> None:
    found = period(phrase)
    if found is not None:
        draft.dynasty = found.dynasty
        draft.span(found.start, found.end)


def _apply_qualifier(draft: _Draft, dynasty: Dynasty, word: str) -> None:
    _set_dynasty(draft, dynasty)
    if word == "间":
        return
    found = period(dynasty.name + word) or period(dynasty.name + word[:1])
    if found is None:
        draft.problems.append(f"period {dynasty.name}{word} has no agreed years; the "
                              f"dynasty's years are given")
    else:
        draft.span(found.start, found.end)


def _apply_own_year(draft: _Draft, dynasty: Dynasty, number: str) -> None:
    _set_dynasty(draft, dynasty)
    count, year = epoch(dynasty.name), _number(number)
    if count is None or year is None:
        draft.problems.append(f"year {number}年 of {dynasty.name} names no era; the "
                              f"dynasty's years are given")
        return
    draft.reign, draft.year = dynasty.name, year
    draft.span(count + year, count + year)


def _apply_dynasty_ganzhi(draft: _Draft, dynasty: Dynasty, ganzhi: str) -> None:
    _set_dynasty(draft, dynasty)
    years = ganzhi_years(ganzhi, dynasty.start, dynasty.end)
    if len(years) == 1:
        draft.span(years[0], years[0])
    else:
        listed = ", ".join(map(str, years)) or "none"
        draft.problems.append(f"{ganzhi} without an era: years of {dynasty.name} with that "
                              f"name: {listed}; the dynasty's years are given")


def _apply_clauses(draft: _Draft, clauses: list[_Clause]) -> None:
    readings = [_resolve(draft, clause) for clause in clauses]
    if len(readings) == 1:
        draft.dynasty, draft.reign, draft.year = readings[0].dynasty, readings[0].reign, \
            readings[0].year
        draft.span(readings[0].start, readings[0].end)
        return
    dynasties = {reading.dynasty for reading in readings}
    draft.dynasty = dynasties.pop() if len(dynasties) == 1 else None
    if readings[0].start is not None and readings[-1].end is not None:
        draft.span(readings[0].start, readings[-1].end)


def _resolve(draft: _Draft, clause: _Clause) -> _Reading:
    """What a clause names: the era, its dynasty, the year of the era and the years."""
    written = clause.dynasty
    eras = resolve_era(clause.era, written.name if written else None, clause.year)
    if len(eras) == 1:
        era = eras[0]
        year = _year_of_era(draft, era, clause)
        if clause.part:
            draft.problems.append(f"{era.name}{clause.part}: part of an era has no agreed years; "
                                  f"the era's years are given")
        return _Reading(era.dynasty, era.name, year, *_years_of(draft, era, year, clause.until))
    name = written.name if written else None
    if eras:
        draft.ambiguous.extend(f"{era.dynasty}:{era.name}" for era in eras)
        draft.problems.append(f"era {clause.era} fits {len(eras)} regimes; no dynasty decides")
        return _Reading(name, simplify(clause.era), clause.year, None, None)
    draft.problems.append(f"{clause.era} is no era of {name}; the dynasty's years are given")
    return _Reading(name, simplify(clause.era), clause.year, *_dynasty_years(written))


def _dynasty_years(dynasty: Dynasty | None) -> tuple[int | None, int | None]:
    return (None, None) if dynasty is None else (dynasty.start, dynasty.end)


def _year_of_era(draft: _Draft, era: Era, clause: _Clause) -> int | None:
    """The numbered year, or the one the sexagenary name picks within the era."""
    if clause.ganzhi is None:
        return clause.year
    if clause.year is not None:
        actual = ganzhi_of_year(era.year(clause.year))
        if actual != clause.ganzhi:
            draft.problems.append(f"{clause.ganzhi} does not match {era.name} {clause.year} "
                                  f"({era.year(clause.year)} is {actual}); the number is kept")
        return clause.year
    years = ganzhi_years(clause.ganzhi, era.first, era.last)
    if len(years) == 1:
        return years[0] - era.first + 1
    draft.problems.append(f"{clause.ganzhi} is no year of {era.name} ({era.first}-{era.last})")
    return None


def _years_of(draft: _Draft, era: Era, year: int | None, until: int | None
              ) -> tuple[int, int]:
    """One year, a run of years (光绪十年至十五年) or, with no year, the whole era."""
    if year is None:
        return era.first, era.last
    if not 1 <= year <= era.years:
        draft.problems.append(f"{era.name} {year} is outside the era's {era.years} years "
                              f"({era.first}-{era.last})")
    last = until if until is not None and until >= year else year
    return era.year(year), era.year(last)


# --- printing house and the years written out ---------------------------------------------

def _take_publisher(draft: _Draft, rest: str) -> None:
    """What is left between the date and the type is the printing house, unless it looks like
    a date or no type closes it (then it is not understood)."""
    rest = rest.strip("，,。.;；:：、()")
    if not rest:
        return
    if _patterns().datelike.search(rest) or _is_date(rest):
        draft.problems.append(f"date not understood: {rest}")
    elif draft.edition_type is None:
        draft.problems.append(f"not understood: {rest}")
    else:
        draft.publisher = rest


def _reconcile(draft: _Draft) -> None:
    """A Gregorian year written in the statement wins over the era's."""
    if draft.given is None:
        return
    start, end = draft.given
    if draft.start is not None and draft.end is not None \
            and (start < draft.start or end > draft.end):
        draft.problems.append(f"the year given, {start}, disagrees with the era or dynasty "
                              f"({draft.start}-{draft.end}); the year given is kept")
    draft.span(start, end)

