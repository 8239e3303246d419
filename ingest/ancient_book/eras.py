"""Reign eras (年号), dynasties and named periods, read from the tables; text to simplified.

The tables (in ``tables/``) are read once, on first use:

* ``reign_eras.tsv``: the eras, derived from the DILA Time Authority by ``build_eras.py``
  (CC BY-SA 3.0, DILA); each names DILA's dynasty, which ``dynasties.tsv`` maps to ours.
* ``dynasties.tsv``: dynasties and regimes an edition statement or an author's dynasty may
  name, with aliases, conventional years, the broader dynasty (东晋 within 晋, 南明 within 明)
  and the regimes a bare name may also mean (宋 is 赵宋, also 刘宋).
* ``era_variants.tsv``: other spellings of era names (宏治 for 弘治, written under the Qing to
  avoid 弘历's name; 后至元 for the second 至元).
* ``periods.tsv``: phrases such as 明末, 清初, 明末清初, with the years taken for them.
* ``t2s_keep.tsv``: characters that `simplify` keeps as they are.

Years are Western, astronomical numbering (0 is 1 BCE). Year N of an era is ``first + N - 1``.

>>> [(e.dynasty, e.first, e.last) for e in eras_named("光緒")]
[('清', 1875, 1908)]
>>> [(e.dynasty, e.first) for e in resolve_era("建武", "齐")]
[('南齐', 494)]
>>> dynasty("大清")
Dynasty(name='清', start=1644, end=1911, aliases=('大清', '满清', '前清', '淸'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.ancient_book import TABLES
from kg.chinese import t2s
from kg.tables import TableError


@dataclass(frozen=True, slots=True)
class Era:
    """A reign era: DILA era id, simplified name, our dynasty, emperor, first and last year."""

    id: int
    name: str
    dynasty: str
    emperor: str
    first: int
    last: int

    @property
    def years(self) -> int:
        """How many years the era ran (standard years, from year 1)."""
        return self.last - self.first + 1

    def year(self, n: int) -> int:
        """The Western year of year ``n`` of the era (``n`` may run past the last year).

        >>> eras_named("乾隆")[0].year(23)
        1758
        """
        return self.first + n - 1


@dataclass(frozen=True, slots=True)
class Dynasty:
    """A dynasty or regime: simplified name, conventional first and last year, other names."""

    name: str
    start: int
    end: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Period:
    """A named stretch of time (明末, 清初, 明末清初) and the years taken for it.

    ``dynasty`` is None when the period runs across two dynasties.
    """

    phrase: str
    dynasty: str | None
    start: int
    end: int


@dataclass(frozen=True)
class _Catalogue:
    """The tables, indexed for look-up."""

    dynasties: dict[str, Dynasty]          # canonical name -> dynasty
    aliases: dict[str, str]                # simplified name or alias -> canonical name
    broader: dict[str, str]                # canonical name -> broader canonical name
    also: dict[str, tuple[str, ...]]       # canonical name -> regimes a bare name may mean
    epoch: dict[str, int]                  # dynasty counting its own years: 民国 N = 1911 + N
    opens: frozenset[str]                  # dynasties that may open a statement before a firm
    eras: dict[str, tuple[Era, ...]]       # simplified era name, alternate or variant -> eras
    periods: dict[str, Period]
    false_starts: frozenset[str]           # 金陵, 商务 ...: not a dynasty though they start so


def simplify(text: str) -> str:
    """``text`` in simplified characters (OpenCC t2s), keeping the characters of t2s_keep.

    >>> simplify("清光緒十年金陵書局刻本"), simplify("宋乾德")
    ('清光绪十年金陵书局刻本', '宋乾德')
    """
    convert = t2s().convert
    kept = _kept()
    if kept.search(text) is None:
        return convert(text)
    return "".join(part if kept.fullmatch(part) else convert(part)
                   for part in kept.split(text) if part)


@cache
def _kept() -> re.Pattern[str]:
    chars = "".join(row["char"] for row in TABLES.table("t2s_keep"))
    return re.compile(f"([{re.escape(chars)}])")


def _names(cell: str) -> list[str]:
    return [name for name in cell.split("|") if name]


@cache
def catalogue() -> _Catalogue:
    """All tables, indexed (built once; raises TableError if they do not fit together)."""
    rows = TABLES.table("dynasties")
    dynasties = {r["name"]: Dynasty(r["name"], int(r["start"]), int(r["end"]),
                                    tuple(_names(r["aliases"]))) for r in rows}
    aliases: dict[str, str] = {}
    for row in rows:
        for name in (row["name"], *_names(row["aliases"])):
            aliases.setdefault(simplify(name), row["name"])
    from_dila = {d: r["name"] for r in rows for d in _names(r["dila"])}
    eras = _index_eras(from_dila)
    return _Catalogue(
        dynasties=dynasties, aliases=aliases,
        broader={r["name"]: r["broader"] for r in rows if r["broader"]},
        also={r["name"]: tuple(_names(r["also"])) for r in rows},
        epoch={r["name"]: int(r["epoch"]) for r in rows if r["epoch"]},
        opens=frozenset(r["name"] for r in rows if r["opens"] == "yes"),
        eras=eras, periods=_periods(),
        false_starts=frozenset(r["word"] for r in TABLES.table("false_starts")))


def _index_eras(from_dila: dict[str, str]) -> dict[str, tuple[Era, ...]]:
    by_name: dict[str, list[Era]] = {}
    for row in TABLES.table("reign_eras"):
        ours = from_dila.get(row["dynasty"])
        if ours is None:
            raise TableError(f"{TABLES.path('dynasties')}: DILA dynasty {row['dynasty']!r} "
                             f"(era {row['id']} {row['name']}) is in no row's dila column")
        era = Era(int(row["id"]), row["name"], ours, row["emperor"], int(row["first"]),
                  int(row["last"]))
        for name in dict.fromkeys((row["name"], *_names(row["alt_names"]))):
            by_name.setdefault(name, []).append(era)
    for row in TABLES.table("era_variants"):
        found = [e for e in by_name.get(row["era"], ()) if e.dynasty == row["dynasty"]
                 and (not row["first"] or e.first == int(row["first"]))]
        if not found:
            raise TableError(f"{TABLES.path('era_variants')}: no era {row['era']} of "
                             f"{row['dynasty']} for variant {row['variant']}")
        by_name.setdefault(row["variant"], []).extend(found)
    return {name: tuple(sorted(found, key=lambda e: (e.first, e.id)))
            for name, found in by_name.items()}


def _periods() -> dict[str, Period]:
    return {row["phrase"]: Period(row["phrase"], row["dynasty"] or None, int(row["start"]),
                                  int(row["end"])) for row in TABLES.table("periods")}


def dynasty(name: str) -> Dynasty | None:
    """The dynasty called ``name`` (simplified or traditional, any alias), or None.

    >>> dynasty("東晉").name, dynasty("齐").name, dynasty("蒙古").name, dynasty("大宋").start
    ('东晋', '南齐', '蒙古', 960)
    >>> dynasty("金陵") is None
    True
    """
    cat = catalogue()
    canonical = cat.aliases.get(simplify(name.strip()))
    return None if canonical is None else cat.dynasties[canonical]


def broader(name: str) -> str | None:
    """The canonical name of the dynasty that contains dynasty ``name`` (东晋 -> 晋), or None.

    >>> broader("东晋"), broader("南明"), broader("清")
    ('晋', '明', None)
    """
    found = dynasty(name)
    return None if found is None else catalogue().broader.get(found.name)


def within(name: str, ancestor: str) -> bool:
    """Whether canonical dynasty ``name`` is ``ancestor`` or lies within it (北宋 in 宋)."""
    up = catalogue().broader
    seen: str | None = name
    while seen is not None:
        if seen == ancestor:
            return True
        seen = up.get(seen)
    return False


def eras_named(name: str) -> list[Era]:
    """All eras called ``name`` (simplified or traditional; alternate names and variants count),
    earliest first.

    >>> [(e.dynasty, e.first) for e in eras_named("建武")]  # doctest: +NORMALIZE_WHITESPACE
    [('东汉', 25), ('西晋', 304), ('前凉', 304), ('东晋', 317), ('后赵', 335), ('西燕', 386),
     ('南齐', 494)]
    """
    return list(catalogue().eras.get(simplify(name.strip()), ()))


def resolve_era(name: str, dynasty_name: str | None = None, year: int | None = None
                ) -> list[Era]:
    """The eras ``name`` can mean, given the dynasty written before it and the year of the era.

    With a dynasty, only eras of that dynasty or of one within it count (宋 takes 北宋 and 南宋
    eras); when there are none, the regimes the bare name may also mean are tried (宋元嘉 ->
    刘宋). With ``year``, eras too short to have that year are dropped unless none is left.
    An unknown dynasty gives no era.

    >>> [(e.dynasty, e.first) for e in resolve_era("至元", year=20)]
    [('元', 1264)]
    >>> [(e.dynasty, e.first) for e in resolve_era("元嘉", "宋")]
    [('刘宋', 424)]
    """
    found = eras_named(name)
    if dynasty_name is not None:
        written = dynasty(dynasty_name)
        if written is None:
            return []
        found = _of_dynasty(found, written.name)
    if year is not None and len(found) > 1:
        fit = [era for era in found if year <= era.years]
        found = fit or found
    return found


def _of_dynasty(eras: list[Era], name: str) -> list[Era]:
    inside = [era for era in eras if within(era.dynasty, name)]
    if inside:
        return inside
    others = catalogue().also.get(name, ())
    return [era for era in eras if any(within(era.dynasty, other) for other in others)]


def period(phrase: str) -> Period | None:
    """The named period ``phrase`` (明末, 清初, 明末清初 ...), or None.

    >>> period("明末")
    Period(phrase='明末', dynasty='明', start=1621, end=1644)
    """
    return catalogue().periods.get(simplify(phrase.strip()))


def epoch(name: str) -> int | None:
    """For a dynasty that counts its own years (民国), the year before its year 1."""
    return catalogue().epoch.get(name)
