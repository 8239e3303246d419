"""What every part of the build shares: the context and the helpers that add common facts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .kb import KB
from .names import Names
from .source import REPO, Source, SourceError, cells, year
from .terms import Ref, TermError, Text

CONTEXT = REPO / "ontology" / "context.jsonld"
COORDINATES = ("schema:latitude", "schema:longitude")


@dataclass
class Ctx:
    """One build: its inputs, the KB being filled, and what the parts tell each other."""

    source: Source
    kb: KB
    names: Names
    coordinates: bool = False
    # persons whose years are disputed: no source may give them ('?' in persons.tsv)
    no_years: set[Ref] = field(default_factory=set)
    # DILA person id and corpus author name -> the hand-compiled person they are
    dila_ids: dict[str, Ref] = field(default_factory=dict)
    corpus_names: dict[str, Ref] = field(default_factory=dict)
    # 统计用区划代码 -> place
    codes: dict[str, Ref] = field(default_factory=dict)
    # persons that the DILA file introduced (not the hand-compiled ones)
    dila_persons: set[Ref] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


def context_names(*curies: str) -> bool:
    """Whether ontology/context.jsonld gives every one of these terms a short name.

    The KB uses a term only once the JSON-LD context names it, so that the API can compact
    every property it serves.
    """
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    named = {v["@id"] if isinstance(v, dict) else v for v in context.values()
             if isinstance(v, dict | str)}
    return all(c in named for c in curies)


def ref(kind: str, slug: str, origin: str, column: str = "slug") -> Ref:
    """``kind:slug`` as a Ref, or a SourceError naming the row and column."""
    try:
        return Ref(f"{kind}:{slug.strip()}")
    except TermError as err:
        raise SourceError(str(err), source=origin, field=column) from None


def refs(kind: str, value: str, origin: str, column: str) -> list[Ref]:
    """The '|'-separated slugs of a cell as Refs."""
    return [ref(kind, slug, origin, column) for slug in cells(value)]


def text(value: str) -> Text:
    """A name: tagged @en if written in Latin letters, @zh-Hans otherwise."""
    return Text(value, "en" if value.isascii() else "zh-Hans")


def add_labels(ctx: Ctx, subject: Ref, out: str, origin: str, zh: str, hant: str = "",
               en: str = "") -> None:
    """Preferred labels: simplified, traditional (given, else converted; only if it differs)
    and English."""
    kb = ctx.kb
    if zh:
        kb.add(subject, "skos:prefLabel", Text(zh, "zh-Hans"), out, origin)
        traditional = hant or ctx.names.traditional(zh)
        if traditional != zh:
            kb.add(subject, "skos:prefLabel", Text(traditional, "zh-Hant"), out, origin)
    if en:
        kb.add(subject, "skos:prefLabel", Text(en, "en"), out, origin)


def add_names(ctx: Ctx, subject: Ref, pred: str, value: str, out: str, origin: str) -> None:
    """The '|'-separated names of a cell under ``pred``."""
    for name in cells(value):
        ctx.kb.add(subject, pred, text(name), out, origin)


def add_refs(ctx: Ctx, subject: Ref, pred: str, kind: str, value: str, out: str, origin: str,
             column: str) -> None:
    for target in refs(kind, value, origin, column):
        ctx.kb.add(subject, pred, target, out, origin)


def add_years(ctx: Ctx, subject: Ref, row: dict[str, str], pairs: tuple[tuple[str, str], ...],
              out: str, origin: str) -> None:
    """Year columns of a row under their predicates ((column, predicate) pairs)."""
    for column, pred in pairs:
        ctx.kb.add(subject, pred, year(row[column], origin, column), out, origin)


def add_note(ctx: Ctx, subject: Ref, note: str, out: str, origin: str) -> None:
    if note.strip():
        ctx.kb.add(subject, "skos:note", Text(note.strip(), "en"), out, origin)
