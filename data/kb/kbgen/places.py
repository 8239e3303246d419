"""Places: the hand-compiled ones and the historical names of Nanjing, the administrative
divisions of the modood tables, and the historical places of CHGIS.

A CHGIS record is a place as it was in a span of years (建康县 313-588); it becomes a jl:Place
with owl:sameAs its TGAZ IRI and a jl:PlaceName that carries the name and the years. Records
that CHGIS repeats (same name, type and years, two versions of the dataset) are one place.
"""

from __future__ import annotations

import re

from kg.linking.lexicon import everyday_words, frequencies
from kg.linking.name_lists import known_places

from .common import (
    COORDINATES,
    Ctx,
    add_labels,
    add_names,
    add_note,
    add_refs,
    add_years,
    ref,
)
from .source import SourceError
from .terms import Decimal, Iri, Ref, Text

OUT, ADMIN, CHGIS = "places", "admin", "chgis"
AUTHORITY = ("authority",)


def build_places(ctx: Ctx) -> None:
    """places.tsv: provinces, cities, districts, landmarks."""
    for origin, row in ctx.source.rows("places"):
        place = ref("place", row["slug"], origin)
        ctx.kb.declare(place, "jl:Place", OUT, origin)
        add_labels(ctx, place, OUT, origin, row["zh"], row["hant"], row["en"])
        add_names(ctx, place, "jl:alias", row["alias"], OUT, origin)
        add_refs(ctx, place, "jl:locatedIn", "place", row["located_in"], OUT, origin,
                 "located_in")
        add_note(ctx, place, row["note"], OUT, origin)
        if row["code"]:
            ctx.codes[row["code"]] = place


def build_placenames(ctx: Ctx) -> None:
    """placenames.tsv: time-scoped names, each pointing to its place and back."""
    for origin, row in ctx.source.rows("placenames"):
        name = ref("placename", row["slug"], origin)
        place = ref("place", row["place"], origin, "place")
        ctx.kb.declare(name, "jl:PlaceName", OUT, origin)
        add_labels(ctx, name, OUT, origin, row["zh"], row["hant"], row["en"])
        ctx.kb.add(name, "jl:nameOf", place, OUT, origin)
        ctx.kb.add(place, "jl:hasPlaceName", name, OUT, origin)
        add_years(ctx, name, row, (("start", "jl:startYear"), ("end", "jl:endYear")), OUT,
                  origin)
        add_refs(ctx, name, "jl:usedDuring", "period", row["periods"], OUT, origin, "periods")
        add_names(ctx, name, "jl:alias", row["alias"], OUT, origin)
        add_note(ctx, name, row["note"], OUT, origin)


# ---------------------------------------------------------------- administrative divisions


def build_admin(ctx: Ctx) -> None:
    """Prefecture-level cities and counties in scope, and Nanjing's streets and towns."""
    scope = {(r["kind"], r["code"]) for r in ctx.source.table("admin_scope")}
    suffixes = sorted(ctx.source.table("admin_suffixes"), key=lambda r: -len(r["suffix"]))
    streets = list(ctx.source.corpus_csv(*AUTHORITY, "cn_admin_streets_nanjing.csv"))
    taken = ctx.kb.names() | everyday_words() | known_places() | _frequent_stems(streets)
    bare = _BareStems(taken, frozenset(r["stem"] for r in ctx.source.table("district_stems")))
    for n, row in enumerate(ctx.source.corpus_csv(*AUTHORITY, "cn_admin_cities.csv"), 1):
        if ("city", row["provinceCode"]) in scope and row["code"] not in ctx.codes:
            _city(ctx, row, f"cn_admin_cities.csv row {n}")
    for n, row in enumerate(ctx.source.corpus_csv(*AUTHORITY, "cn_admin_areas.csv"), 1):
        if ("county", row["cityCode"]) in scope and row["code"] not in ctx.codes:
            _division(ctx, row, suffixes, row["cityCode"], f"cn_admin_areas.csv row {n}", bare)
    for n, row in enumerate(streets, 1):
        _division(ctx, row, suffixes, row["areaCode"], f"cn_admin_streets_nanjing.csv row {n}",
                  bare)


def _frequent_stems(rows: list[dict], least: int = 100) -> set[str]:
    """Stems of Nanjing's streets that jieba's dictionary holds often under any tag (白马,
    沙洲): common enough in poems and prose that a bare one is rarely the street."""
    stems = {row["name"][:-2] for row in rows if row["name"].endswith("街道")} | {
        row["name"][:-1] for row in rows if row["name"].endswith(("镇", "乡"))}
    return {w for w, f in frequencies(stems).items() if f >= least}


class _BareStems:
    """Which divisions answer to their name without its suffix: 句容 for 句容市, 仙林 for
    仙林街道, 丹徒 for 丹徒区 (a district named after the county it was: src/district_stems.tsv),
    but no street's stem that is a road, a word or another entity's name (湖南路, 凤凰) and no
    other district's (京口区's 京口 is Zhenjiang's old name)."""

    def __init__(self, taken: set[str], old_counties: frozenset[str]):
        self.taken, self.old_counties = taken, old_counties

    def allowed(self, stem: str, word: str) -> bool:
        if len(stem) < 2:
            return False
        if word in ("xian", "shi", "zizhixian"):
            return True
        if word == "qu":
            return stem in self.old_counties
        return word in ("jiedao", "zhen", "xiang") and stem not in self.taken \
            and not stem.endswith(("路", "街"))


def _city(ctx: Ctx, row: dict, origin: str) -> None:
    name = row["name"]
    if not name.endswith("市") or name == "市辖区":
        return
    stem = name[:-1]
    province = _parent(ctx, row["provinceCode"], origin)
    slug = _free(ctx, ctx.names.place_slug(stem), province)
    place = ref("place", slug, origin)
    ctx.kb.declare(place, "jl:Place", ADMIN, origin)
    add_labels(ctx, place, ADMIN, origin, stem)
    ctx.kb.add(place, "jl:alias", Text(name, "zh-Hans"), ADMIN, origin)
    ctx.kb.add(place, "jl:locatedIn", province, ADMIN, origin)
    ctx.codes[row["code"]] = place


def _division(ctx: Ctx, row: dict, suffixes: list[dict], parent_code: str, origin: str,
              bare: _BareStems):
    """A county-level division or a street/town, if its name ends in a unit suffix, with its
    bare name as an alias where ``bare`` allows it."""
    name = row["name"]
    suffix = next((s for s in suffixes if name.endswith(s["suffix"])), None)
    if suffix is None or suffix["kind"] != "unit" or name == "市辖区":
        return
    parent = _parent(ctx, parent_code, origin)
    stem = name[: -len(suffix["suffix"])]
    slug = _free(ctx, ctx.names.place_slug(stem, suffix["word"]), parent)
    place = ref("place", slug, origin)
    ctx.kb.declare(place, "jl:Place", ADMIN, origin)
    add_labels(ctx, place, ADMIN, origin, name)
    if bare.allowed(stem, suffix["word"]):
        ctx.kb.add(place, "jl:alias", Text(stem, "zh-Hans"), ADMIN, origin)
    ctx.kb.add(place, "jl:locatedIn", parent, ADMIN, origin)
    ctx.codes[row["code"]] = place


def _parent(ctx: Ctx, code: str, origin: str) -> Ref:
    parent = ctx.codes.get(code)
    if parent is None:
        raise SourceError(f"no place has the division code {code}", source=origin,
                          field="code")
    return parent


def _free(ctx: Ctx, slug: str | None, parent: Ref) -> str:
    """The slug, or slug-{parent slug} if an entity has it already."""
    if slug is None:
        raise SourceError("a name without Chinese characters", field="name")
    if not ctx.kb.has(Ref(f"place:{slug}")):
        return slug
    return f"{slug}-{parent.curie.partition(':')[2]}"


# ---------------------------------------------------------------- CHGIS


def build_chgis(ctx: Ctx) -> None:
    """One place and one place name per distinct CHGIS record."""
    points = {r["feature"]: r["point"] == "yes" for r in ctx.source.table("chgis_features")}
    located = [(r["text"], r["place"]) for r in ctx.source.table("chgis_locations")]
    groups: dict[tuple, list[tuple[int, dict]]] = {}
    for n, row in enumerate(ctx.source.corpus_csv(*AUTHORITY, "chgis_tgaz_nanjing.csv"), 1):
        key = (row["name_simp"], row["begin_year"], row["end_year"], row["feature_type"])
        groups.setdefault(key, []).append((n, row))
    for records in groups.values():
        _chgis_place(ctx, records, points, located)


def year_word(year: int) -> str:
    """The year part of a slug.

    >>> year_word(-210), year_word(313)
    ('210bce', '313')
    """
    return f"{-year}bce" if year < 0 else str(year)


def _chgis_place(ctx: Ctx, records: list[tuple[int, dict]], points: dict, located: list):
    n, row = records[0]
    origin = f"chgis_tgaz_nanjing.csv row {n}"
    begin, end = _chgis_year(row["begin_year"]), _chgis_year(row["end_year"])
    if begin is None:
        raise SourceError("no begin year", source=origin, field="begin_year")
    words = re.sub(r"[^a-z0-9]+", "-", row["name_pinyin"].lower()).strip("-")
    slug = f"{words}-{year_word(begin)}"
    if ctx.kb.has(Ref(f"place:{slug}")) or ctx.kb.has(Ref(f"placename:{slug}")):
        slug = f"{slug}-{row['tgaz_id'].rpartition('_')[2]}"
    place, name = ref("place", slug, origin), ref("placename", slug, origin)
    kb = ctx.kb
    kb.declare(place, "jl:Place", CHGIS, origin)
    add_labels(ctx, place, CHGIS, origin, row["name_simp"], row["name_trad"],
               row["name_pinyin"])
    for _, record in records:
        kb.add(place, "owl:sameAs", Iri(record["uri"]), CHGIS, origin)
    _chgis_location(ctx, place, row, points, located, origin)
    span = f"{begin}-{end}" if end is not None and end >= begin else f"from {begin}"
    add_note(ctx, place, f"CHGIS {row['feature_type']}, {span}.", CHGIS, origin)
    kb.declare(name, "jl:PlaceName", CHGIS, origin)
    add_labels(ctx, name, CHGIS, origin, row["name_simp"], row["name_trad"], row["name_pinyin"])
    kb.add(name, "jl:nameOf", place, CHGIS, origin)
    kb.add(place, "jl:hasPlaceName", name, CHGIS, origin)
    kb.add(name, "jl:startYear", begin, CHGIS, origin)
    if end is not None and end >= begin:
        kb.add(name, "jl:endYear", end, CHGIS, origin)


def _chgis_year(value: str) -> int | None:
    """A CHGIS year; 0, which CHGIS writes for an unknown end, is no year."""
    value = value.strip()
    return int(value) if value and value != "0" else None


def _chgis_location(ctx: Ctx, place: Ref, row: dict, points: dict, located: list,
                    origin: str) -> None:
    if ctx.coordinates and row["lat"] and row["long"]:
        for pred, value in zip(COORDINATES, (row["lat"], row["long"]), strict=True):
            ctx.kb.add(place, pred, Decimal(value), CHGIS, origin)
    if row["feature_type"] not in points:
        raise SourceError(f"feature type {row['feature_type']!r} is not in chgis_features.tsv",
                          source=origin, field="feature_type")
    if not points[row["feature_type"]]:
        return
    target = next((slug for text, slug in located if text in row["description"]), None)
    if target:
        ctx.kb.add(place, "jl:locatedIn", ref("place", target, origin, "description"), CHGIS,
                   origin)
