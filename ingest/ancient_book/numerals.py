"""Chinese numerals and sexagenary (干支) years, as written in edition statements and titles.

Numbers come in three shapes: place-value words (十六, 二十三, 一百二十, 一百零五), the old tens
characters (廿三 = 23, 卅 = 30, 卌 = 40) and digit runs (一九三五 = 1935, also Arabic and
full-width digits); 元 alone is 1, as in 元年. The character values are the table
``tables/numerals.tsv``.

A sexagenary year is a stem and a branch (``tables/ganzhi.tsv``); for a year y of the common
era (astronomical numbering, so 1 BCE is 0) the stem is (y - 4) mod 10 and the branch
(y - 4) mod 12, and the pair's place in the 60-year cycle is (y - 4) mod 60.

>>> [parse_number(text) for text in ("廿三", "一百零五", "一九三五", "１８８４")]
[23, 105, 1935, 1884]
>>> ganzhi_index("甲申"), ganzhi_of_year(1884), ganzhi_years("甲申", 1875, 1908)
(20, '甲申', [1884])
"""

from __future__ import annotations

from functools import cache

from ingest.ancient_book import TABLES

#: The character that stands for 1 in 元年 (the first year of a reign).
FIRST = "元"


class NumeralError(ValueError):
    """Text that is not a number or not a sexagenary pair; the message quotes it."""


@cache
def _numerals() -> dict[str, tuple[int, str]]:
    return {row["char"]: (int(row["value"]), row["kind"]) for row in TABLES.table("numerals")}


@cache
def _cycle(kind: str) -> str:
    rows = sorted((int(r["position"]), r["char"]) for r in TABLES.table("ganzhi")
                  if r["kind"] == kind)
    return "".join(char for _, char in rows)


def numeral_chars() -> str:
    """All numeral characters of the table, for building character classes in patterns."""
    return "".join(_numerals())


def stems() -> str:
    """The ten stems in order: 甲乙丙丁戊己庚辛壬癸."""
    return _cycle("stem")


def branches() -> str:
    """The twelve branches in order: 子丑寅卯辰巳午未申酉戌亥."""
    return _cycle("branch")


def parse_number(text: str) -> int:
    """The value of a number written in Chinese numerals, Arabic or full-width digits.

    Raises:
        NumeralError: empty text, a character that is no numeral, or a malformed sequence.

    >>> [parse_number(t) for t in ("十", "十六", "二十三", "一百二十", "两千", "元", "〇")]
    [10, 16, 23, 120, 2000, 1, 0]
    >>> parse_number("十三经")
    Traceback (most recent call last):
    ...
    ingest.ancient_book.numerals.NumeralError: not a number: '十三经'
    """
    text = text.strip()
    if text.isdecimal():
        return int(text)  # int() reads full-width digits as well
    if text == FIRST:
        return 1
    table = _numerals()
    if not text or any(char not in table for char in text):
        raise NumeralError(f"not a number: {text!r}")
    values = [table[char] for char in text]
    if len(values) > 1 and all(kind == "digit" for _, kind in values):
        return int("".join(str(value) for value, _ in values))
    return _place_value(text, values)


def _place_value(text: str, values: list[tuple[int, str]]) -> int:
    """Read 一百零五-style numbers: digits scaled by the unit after them, groups by 万."""
    total = group = 0
    digit: int | None = None
    for value, kind in values:
        if kind == "digit":
            if digit:  # two non-zero digits in a row: 二三十 is no number
                raise NumeralError(f"not a number: {text!r}")
            digit = value
        elif kind == "unit":
            group += (1 if digit is None else digit) * value
            digit = None
        elif kind == "tens":
            group += value
            digit = None
        else:  # myriad
            total += (group + (digit or 0)) * value
            group, digit = 0, None
    return total + group + (digit or 0)


def ganzhi_index(text: str) -> int:
    """The place (0-59) of a stem-branch pair in the sexagenary cycle, 甲子 being 0.

    Raises:
        NumeralError: not two characters, not a stem and a branch, or a pair that never
            occurs (a stem and a branch of different parity, such as 甲丑).

    >>> ganzhi_index("甲子"), ganzhi_index("癸亥"), ganzhi_index("庚子")
    (0, 59, 36)
    """
    if len(text) != 2 or text[0] not in stems() or text[1] not in branches():
        raise NumeralError(f"not a sexagenary pair: {text!r}")
    stem, branch = stems().index(text[0]), branches().index(text[1])
    if (stem - branch) % 2:
        raise NumeralError(f"{text!r} does not occur in the sexagenary cycle")
    # the n with n = stem (mod 10) and n = branch (mod 12)
    return (6 * stem - 5 * branch) % 60


def ganzhi_name(index: int) -> str:
    """The stem-branch pair at place ``index`` (taken mod 60) of the cycle.

    >>> ganzhi_name(20)
    '甲申'
    """
    return stems()[index % 10] + branches()[index % 12]


def ganzhi_of_year(year: int) -> str:
    """The sexagenary name of a year (astronomical numbering: 0 is 1 BCE).

    >>> ganzhi_of_year(1644), ganzhi_of_year(-103)
    ('甲申', '丁丑')
    """
    return ganzhi_name(year - 4)


def ganzhi_years(ganzhi: str, first: int, last: int) -> list[int]:
    """The years from ``first`` to ``last`` (both included) that carry ``ganzhi``.

    >>> ganzhi_years("甲申", 1644, 1911)
    [1644, 1704, 1764, 1824, 1884]
    """
    index = ganzhi_index(ganzhi)
    start = first + (index - (first - 4)) % 60
    return list(range(start, last + 1, 60))
