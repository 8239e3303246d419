"""Dynasties, periods and reign eras.

Dynasties come from the ingest table (ingest/ancient_book/tables/dynasties.tsv), which the
ancient-book parser uses too, joined by name with src/dynasties.tsv (slug, class, English name,
founder, capitals). Eras come from ingest/ancient_book/tables/reign_eras.tsv (DILA), each within
the dynasty that the ingest table's column ``dila`` names. Both ingest tables count years
astronomically (0 = 1 BCE); the KB counts them historically (-1 = 1 BCE, no year 0).
"""

from __future__ import annotations

from .common import Ctx, add_labels, add_refs, ref, text
from .source import SourceError, cells, year
from .terms import Ref, Text

OUT, ERAS = "periods", "eras"


def historical(astronomical: int) -> int:
    """An astronomical year as historians count it.

    >>> historical(-205), historical(0), historical(1368)
    (-206, -1, 1368)
    """
    return astronomical - 1 if astronomical <= 0 else astronomical


def _astronomical(value: str, where: str, column: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        return historical(int(value))
    except ValueError:
        raise SourceError(f"not a year: {value!r}", source=where, field=column) from None


def build_dynasties(ctx: Ctx) -> dict[str, Ref]:
    """All dynasties and periods; returns the period of each name (project and DILA names)."""
    ingest = {r["name"]: r for r in ctx.source.ingest.table("dynasties")}
    rows = list(ctx.source.rows("dynasties"))
    missing = sorted(set(ingest) - {row["name"] for _, row in rows})
    if missing:
        raise SourceError(f"no row for the ingest dynasties {', '.join(missing)}",
                          source="src/dynasties.tsv", field="name")
    named: dict[str, Ref] = {}
    spans: dict[Ref, tuple[int | None, int | None]] = {}
    for origin, row in rows:
        period = ref("period", row["slug"], origin)
        named[row["name"]] = period
        spans[period] = _dynasty(ctx, period, row, ingest.get(row["name"]), origin)
    for origin, row in rows:
        _broader(ctx, named, spans, row, ingest.get(row["name"]), origin)
    # DILA's names, then the table's aliases, each without shadowing an earlier name
    for column in ("dila", "aliases"):
        for name, row in ingest.items():
            for other in cells(row[column]):
                named.setdefault(other, named[name])
    return named


def _dynasty(ctx: Ctx, period: Ref, row: dict, ingest: dict | None, origin: str):
    kb = ctx.kb
    kb.declare(period, f"jl:{row['class']}", OUT, origin)
    add_labels(ctx, period, OUT, origin, row["name"], en=row["en"])
    aliases = cells(ingest["aliases"]) if ingest else []
    for alias in aliases + cells(row["aliases"]):
        kb.add(period, "skos:altLabel", text(alias), OUT, origin)
    if ingest:
        start = _astronomical(ingest["start"], "dynasties.tsv (ingest)", "start")
        end = _astronomical(ingest["end"], "dynasties.tsv (ingest)", "end")
    else:
        start, end = year(row["start"], origin, "start"), year(row["end"], origin, "end")
    kb.add(period, "jl:periodStart", start, OUT, origin)
    kb.add(period, "jl:periodEnd", end, OUT, origin)
    add_refs(ctx, period, "jl:founder", "person", row["founder"], OUT, origin, "founder")
    for capital in cells(row["capitals"]):
        kb.add(ref("place", capital, origin, "capitals"), "jl:capitalOf", period, OUT, origin)
    # the hand-written files may hold other years: what the KB says is what counts
    return kb.value(period, "jl:periodStart"), kb.value(period, "jl:periodEnd")


def _broader(ctx: Ctx, named: dict, spans: dict, row: dict, ingest: dict | None, origin: str):
    """time:intervalIn the broader period, where the years nest (OWL-Time's meaning); the
    ingest table also lists looser ties (南明 in 明) that the era parser needs."""
    name = ingest["broader"] if ingest else ""
    outer = named.get(name) if name else (ref("period", row["broader"], origin, "broader")
                                          if row["broader"] else None)
    if outer is None:
        return
    inner = named[row["name"]]
    (start, end), (first, last) = spans[inner], spans.get(outer, (None, None))
    if None in (start, end, first) or start < first or (last is not None and end > last):
        return
    ctx.kb.add(inner, "time:intervalIn", outer, OUT, origin)


def build_eras(ctx: Ctx, dynasties: dict[str, Ref]) -> None:
    """One jl:ReignEra per row of reign_eras.tsv: entity/period/era-{DILA id}."""
    rulers = _rulers(ctx)
    english = {(r["dynasty"], r["era"]): r["en"] for r in ctx.source.table("era_english")}
    for n, row in enumerate(ctx.source.ingest.table("reign_eras"), 1):
        origin = f"reign_eras.tsv (ingest) row {n}"
        era = ref("period", f"era-{row['id']}", origin, "id")
        dynasty = dynasties.get(row["dynasty"])
        if dynasty is None or ctx.kb.types.get(dynasty) != "jl:Dynasty":
            raise SourceError(f"dynasty {row['dynasty']!r} is no jl:Dynasty of the KB",
                              source=origin, field="dynasty")
        ctx.kb.declare(era, "jl:ReignEra", ERAS, origin)
        _era_names(ctx, era, row, english.get((row["dynasty"], row["name"]), ""), origin)
        ctx.kb.add(era, "jl:periodStart", _astronomical(row["first"], origin, "first"), ERAS,
                   origin)
        ctx.kb.add(era, "jl:periodEnd", _astronomical(row["last"], origin, "last"), ERAS, origin)
        ctx.kb.add(era, "time:intervalIn", dynasty, ERAS, origin)
        ruler = _ruler(rulers, row)
        if ruler is not None and ctx.kb.has(ruler):
            ctx.kb.add(era, "jl:reignOf", ruler, ERAS, origin)


def _era_names(ctx: Ctx, era: Ref, row: dict, en: str, origin: str) -> None:
    kb = ctx.kb
    add_labels(ctx, era, ERAS, origin, row["name"], row["name_trad"], en)
    for alt in cells(row["alt_names"]):
        kb.add(era, "skos:altLabel", Text(alt, "zh-Hans"), ERAS, origin)
    for alt in cells(row["alt_names_trad"]):
        kb.add(era, "skos:altLabel", Text(alt, "zh-Hant"), ERAS, origin)
    # how texts name an era with its dynasty: 明洪武, 清光绪
    kb.add(era, "jl:alias", Text(row["dynasty"] + row["name"], "zh-Hans"), ERAS, origin)
    if row["dynasty_trad"] + row["name_trad"] != row["dynasty"] + row["name"]:
        kb.add(era, "jl:alias", Text(row["dynasty_trad"] + row["name_trad"], "zh-Hant"), ERAS,
               origin)


def _rulers(ctx: Ctx) -> dict[tuple[str, str], list[tuple[Ref, set[str]]]]:
    rulers: dict[tuple[str, str], list[tuple[Ref, set[str]]]] = {}
    for origin, row in ctx.source.rows("era_rulers"):
        person = ref("person", row["person"], origin, "person")
        rulers.setdefault((row["dynasty"], row["emperor"]), []).append(
            (person, set(cells(row["only"]))))
    return rulers


def _ruler(rulers: dict, row: dict) -> Ref | None:
    for person, only in rulers.get((row["dynasty"], row["emperor"]), []):
        if not only or row["name"] in only:
            return person
    return None
