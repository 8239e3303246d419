"""Persons: the hand-compiled table, the DILA Person Authority, the poets of the text corpus.

A hand-compiled row names the DILA id and the corpus author names that are the same person,
so that each person has one IRI; the corpus then only adds names and, unless the row marks
the years as disputed ('?'), years it gives.
"""

from __future__ import annotations

from collections import OrderedDict

from .common import Ctx, add_labels, add_names, add_note, add_refs, ref
from .source import SourceError, cells, year
from .terms import Iri, Ref, Text

OUT, DILA = "persons", "dila"
DILA_IRI = "http://authority.dila.edu.tw/person/?fromInner="
YEARS = (("birth", "jl:birthYear"), ("death", "jl:deathYear"))


def build_persons(ctx: Ctx) -> None:
    """persons.tsv."""
    for origin, row in ctx.source.rows("persons"):
        person = ref("person", row["slug"], origin)
        ctx.kb.declare(person, "jl:Person", OUT, origin)
        add_labels(ctx, person, OUT, origin, row["zh"], row["hant"], row["en"])
        for column, pred in (("courtesy", "jl:courtesyName"), ("art", "jl:artName"),
                             ("alias", "jl:alias")):
            add_names(ctx, person, pred, row[column], OUT, origin)
        _hand_years(ctx, person, row, origin)
        add_refs(ctx, person, "jl:activeIn", "period", row["active"], OUT, origin, "active")
        add_refs(ctx, person, "jl:burialPlace", "place", row["burial"], OUT, origin, "burial")
        add_note(ctx, person, row["note"], OUT, origin)
        if row["dila"]:
            ctx.dila_ids[row["dila"]] = person
        for name in cells(row["corpus"]):
            ctx.corpus_names[name] = person


def build_designations(ctx: Ctx) -> None:
    """designations.tsv: designations of persons that persons.tsv, DILA or the poets made."""
    for origin, row in ctx.source.rows("designations"):
        person = ref("person", row["slug"], origin)
        if not ctx.kb.has(person):
            raise SourceError(f"no person {person.curie}", source=origin, field="slug")
        ctx.kb.add(person, "jl:alias", Text(row["designation"], "zh-Hans"), OUT, origin)


def _hand_years(ctx: Ctx, person: Ref, row: dict, origin: str) -> None:
    for column, pred in YEARS:
        if row[column].strip() == "?":
            ctx.no_years.add(person)
        else:
            ctx.kb.add(person, pred, year(row[column], origin, column), OUT, origin)


def add_life(ctx: Ctx, person: Ref, birth: int | None, death: int | None, out: str,
             origin: str) -> None:
    """Years from a corpus: none for a person whose years are disputed, none that conflict
    (a birth after the death)."""
    if person in ctx.no_years or (birth and death and birth > death):
        return
    ctx.kb.add(person, "jl:birthYear", birth, out, origin)
    ctx.kb.add(person, "jl:deathYear", death, out, origin)


# ---------------------------------------------------------------- DILA


def build_dila(ctx: Ctx, dynasties: dict[str, Ref]) -> None:
    """dila_persons_nanjing.csv: one row per name; the first row of a person is its name."""
    fixes: dict[str, set[str]] = {}
    for row in ctx.source.table("dila_fixes"):
        fixes.setdefault(row["person_id"], set()).add(row["field"])
    persons: OrderedDict[str, list[tuple[int, dict]]] = OrderedDict()
    for n, row in enumerate(ctx.source.corpus_csv("authority", "dila_persons_nanjing.csv"), 1):
        persons.setdefault(row["person_id"], []).append((n, row))
    for pid, rows in persons.items():
        if "person" not in fixes.get(pid, set()):
            _dila_person(ctx, pid, rows, fixes.get(pid, set()), dynasties)


def _dila_person(ctx: Ctx, pid: str, rows: list, fixes: set[str], dynasties: dict) -> None:
    n, first = rows[0]
    origin = f"dila_persons_nanjing.csv row {n}"
    names = [r["person_name"].strip() for _, r in rows if r["person_name"].strip()]
    person = ctx.dila_ids.get(pid) or _new_person(ctx, names[0], pid, origin)
    kb = ctx.kb
    add_labels(ctx, person, DILA, origin, ctx.names.simplified(names[0]), names[0])
    for name in names[1:]:
        if len(name) > 1:
            kb.add(person, "jl:alias", Text(ctx.names.simplified(name), "zh-Hans"), DILA, origin)
    birth = None if "born_year" in fixes else year(first["born_year"], origin, "born_year")
    death = None if "died_year" in fixes else year(first["died_year"], origin, "died_year")
    add_life(ctx, person, birth, death, DILA, origin)
    if pid not in ctx.dila_ids:
        for dynasty in cells(first["dynasty"]):
            _active(ctx, person, dynasties, ctx.names.simplified(dynasty), origin)
        add_note(ctx, person, f"In the DILA Person Authority; native place recorded as "
                 f"{first['jiguan']}.", DILA, origin)
    kb.add(person, "owl:sameAs", Iri(DILA_IRI + pid), DILA, origin)


def _new_person(ctx: Ctx, name: str, pid: str, origin: str) -> Ref:
    simplified = ctx.names.simplified(name)
    slug = ctx.names.person_slug(simplified)
    if slug is None:
        raise SourceError(f"no Chinese name in {name!r}", source=origin, field="person_name")
    person = ref("person", slug, origin)
    if ctx.kb.has(person):
        person = ref("person", f"{slug}-{pid.lower()}", origin)
    ctx.kb.declare(person, "jl:Person", DILA, origin)
    ctx.dila_persons.add(person)
    return person


def _active(ctx: Ctx, person: Ref, dynasties: dict, name: str, origin: str) -> None:
    period = dynasties.get(name)
    if period is None:
        raise SourceError(f"no period for the dynasty {name!r}", source=origin, field="dynasty")
    ctx.kb.add(person, "jl:activeIn", period, DILA, origin)

