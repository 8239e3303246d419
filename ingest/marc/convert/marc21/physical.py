"""MARC21 physical description (300) and the RDA content, media and carrier types (336-338).

Other 3XX fields that are plain statements (frequency, numbering, scale) use the generic
``note`` and ``literal`` rules through the mapping table.
"""

from __future__ import annotations

from functools import cache, lru_cache

from pyoxigraph import NamedNode

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import clean, code_lookup, joined, put, safe_iri
from ingest.marc.convert.rules import Rule, rule, target
from ingest.marc.record import Field
from ingest.marc.tables import TableError, table
from kg.vocab import BF, RDFS, A

# 300 subfields that are notes on the instance, with their bf:noteType
_NOTES = (("b", "physical details"), ("e", "accompanying material"))


@rule("m21_extent")
def extent(ctx: Context, f: Field, r: Rule) -> None:
    """300: a bf:Extent fragment ($3 $a $f $g), dimensions ($c), physical details ($b) and
    accompanying material ($e) as notes."""
    label = joined(f, "3afg")
    if label:
        node = ctx.fragment(ctx.instance, "extent", f)
        ctx.add(ctx.instance, BF.extent, node)
        ctx.add(node, A, BF.Extent)
        ctx.put(node, RDFS.label, label, clean=False, field=f)
    for v in f.values("c"):
        put(ctx, ctx.instance, BF.dimensions, v, f)
    for n, (code, kind) in enumerate(_NOTES, 1):
        text = " ".join(clean(v) for v in f.values(code))
        if text:
            note = ctx.fragment(ctx.instance, "note", f, n)
            ctx.add(ctx.instance, BF.note, note)
            ctx.add(note, A, BF.Note)
            ctx.put(note, RDFS.label, text, clean=False, field=f)
            put(ctx, note, BF.noteType, kind)


@rule("m21_rda_type")
def rda_type(ctx: Context, f: Field, r: Rule) -> None:
    """336/337/338: the LC vocabulary term for each $b code (else the $0 IRI, else the $a
    term); a term no list knows becomes a ``class`` fragment labelled with it."""
    node = target(ctx, r)
    found = [_by_code(f.tag, c) for c in f.values("b")]
    found += [safe_iri(v) if "id.loc.gov/vocabulary/" in v else None for v in f.values("01")]
    found = [iri for iri in found if iri is not None]
    if found:
        for iri in dict.fromkeys(found):
            ctx.add(node, r.property, iri)
        return
    for n, term in enumerate(f.values("a"), 1):
        iri = _by_term(f.tag, clean(term))
        if iri is None:
            iri = ctx.fragment(node, r.arg("kind", "type"), f, n)
            ctx.add(iri, A, r.term("class") or BF.Content)
            put(ctx, iri, RDFS.label, term, f)
        ctx.add(node, r.property, iri)


@lru_cache(maxsize=256)
def _by_code(tag: str, code: str) -> NamedNode | None:
    iri = code_lookup("rda_types", (tag, code.strip().lower()), "iri")
    return NamedNode(iri) if iri else None


def _by_term(tag: str, term: str) -> NamedNode | None:
    iri = _terms().get((tag, term.lower()))
    return NamedNode(iri) if iri else None


@cache
def _terms() -> dict[tuple[str, str], str]:
    """(field, English or Chinese term) -> IRI."""
    terms: dict[tuple[str, str], str] = {}
    try:
        rows = table("rda_types")
    except TableError:  # without the list, terms stay labelled fragments
        return terms
    for row in rows:
        for term in (row["label_en"].lower(), row["label_zh"]):
            terms.setdefault((row["field"], term), row["iri"])
    return terms
