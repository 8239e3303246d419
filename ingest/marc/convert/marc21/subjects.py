"""MARC21 subjects (600-662) and genre/form terms (655) as shared SKOS/MADS concepts.

The concept is keyed by its scheme (second indicator, or $2 when it is 7) and its heading:
the main term, then the subdivisions $v $x $y $z joined by '--'. A subdivided heading is a
madsrdf:ComplexSubject; its geographic subdivisions are also the work's
bf:geographicCoverage, its chronological ones bf:temporalCoverage. An 880 twin labels the
same concepts in its script.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from ingest.marc.convert.common import scheme_node
from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import (
    clean,
    code_lookup,
    control_number,
    joined,
    put,
    term_map,
)
from ingest.marc.convert.names import name_heading
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from kg.vocab import BF, MADS, RDFS, SKOS

SUBDIVISIONS = "vxyz"
_TITLE_PARTS = "tnplkfmors"
_SUBJECT_AUTHORITIES = ("authorities/subjects/", "authorities/names/",
                        "authorities/genreForms/")


@rule("m21_subject")
def subject(ctx: Context, f: Field, r: Rule) -> None:
    """The concept of a 6XX heading, the object of ``property`` (bf:subject, bf:genreForm).

    Args: ``type`` the MADS class; ``name=1`` when the heading starts with a name (600-611).
    """
    partner = ctx.paired(f)
    source = partner or f
    main = main_term(source, r)
    if not main:
        return
    subdivisions = [clean(v) for v in source.values(SUBDIVISIONS)]
    label = "--".join([main, *(s for s in subdivisions if s)])
    scheme = subject_scheme(ctx, source)
    concept = ctx.concept(scheme.value if scheme else "", label,
                          types=concept_types(source, r, bool(subdivisions)),
                          control=None if subdivisions else control_number(
                              source, _SUBJECT_AUTHORITIES),
                          extra=((SKOS.inScheme, scheme),) if scheme else ())
    if partner is not None:
        own = "--".join([main_term(f, r), *(clean(v) for v in f.values(SUBDIVISIONS))])
        ctx.put(concept, RDFS.label, own, clean=False, field=f)
    ctx.add(ctx.work, r.property or BF.subject, concept)
    coverage(ctx, f, source, scheme)


def main_term(f: Field, r: Rule) -> str:
    """The heading before its subdivisions: a name heading (and title), or ``subfields``."""
    if r.arg("name"):
        main = clean(name_heading(f, "marc21").label)
        title = joined(f, _TITLE_PARTS) if f["t"] else ""
        return f"{main}. {title}" if main and title else main or title
    return joined(f, "".join(c for c in r.subfields or "a" if c not in SUBDIVISIONS))


def concept_types(f: Field, r: Rule, subdivided: bool) -> tuple[NamedNode, ...]:
    if subdivided:
        return (MADS.ComplexSubject,)
    if r.arg("name") and f["t"]:
        return (MADS.NameTitle,)
    return (r.term("type") or MADS.Topic,)


def subject_scheme(ctx: Context, f: Field) -> NamedNode | None:
    """The scheme of a heading: from ind2 (0 LCSH ... 6 RVM), or $2 when ind2 is 7."""
    code = (f["2"] or "").strip().lower() if f.ind2 == "7" else f.ind2
    if not code or code in (" ", "4"):
        return None
    iri = code_lookup("subject_schemes", ("marc21", "6XX", code), "scheme_iri")
    return NamedNode(iri) if iri else scheme_node(ctx, code)


def coverage(ctx: Context, f: Field, source: Field, scheme: NamedNode | None) -> None:
    """$z as bf:geographicCoverage concepts, $y as bf:temporalCoverage literals."""
    places = f.values("z")
    twins = source.values("z")
    paired = source is not f and len(twins) == len(places)
    for n, place in enumerate(places):
        node = ctx.concept(scheme.value if scheme else "", clean(twins[n] if paired
                                                                      else place),
                           types=(MADS.Geographic,))
        if paired:  # the twin keys the concept; this 880 adds its script form
            put(ctx, node, RDFS.label, place, f)
        ctx.add(ctx.work, BF.geographicCoverage, node)
    for v in f.values("y"):
        put(ctx, ctx.work, BF.temporalCoverage, v, f)


@rule("m21_index_term")
def index_term(ctx: Context, f: Field, r: Rule) -> None:
    """653: each uncontrolled term a concept without scheme, typed by ind2 (``types=...``)."""
    cls = term_map(r, "types").get(f.ind2) or MADS.Topic
    for v in f.values("a"):
        term = clean(v)
        if term:
            ctx.add(ctx.work, BF.subject, ctx.concept("", term, types=(cls,)))

