"""CNMARC subject access: 600-616 headings as shared SKOS/MADS concepts in their scheme.

Class numbers (675, 676, 680, 686, 690 中图法, 692 科图法) use the shared ``classification``
rule through the mapping table.
"""

from __future__ import annotations

from functools import cache

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.cnmarc import support
from ingest.marc.convert.context import Context
from ingest.marc.convert.names import name_heading, name_spec
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from ingest.marc.text import strip_isbd
from kg.vocab import BF, MADS, SKOS

SUBJECT, IN_SCHEME, BROADER = BF.subject, SKOS.inScheme, SKOS.broader
COMPLEX, TOPIC = (MADS.ComplexSubject,), (MADS.Topic,)
_GEOGRAPHIC = (MADS.Geographic, BF.GeographicCoverage)
# $j form, $x topical, $y geographic, $z chronological subdivisions, in field order.
SUBDIVISIONS = "jxyz"
_SEPARATOR = "--"


@rule("cn_subject")
def subject(ctx: Context, f: Field, r: Rule) -> None:
    """A subject heading: main part (``subfields``, or the name of 600-602) and subdivisions.

    ``types`` are the MADS classes of the main term (an entity of authority ``kind`` when $3
    names one); a subdivided heading is a madsrdf:ComplexSubject, skos:broader its main term.
    Pinyin ($A, $9) labels the main term.
    """
    main = _main(f, r)
    if not main:
        return
    subdivisions = [(c, t) for c, t in ((c, strip_isbd(v)) for c, v in f.pairs(SUBDIVISIONS))
                    if t]
    source = _scheme(f.tag, (f["2"] or "").strip().lower() or "#")
    scheme = support.scheme(ctx, source) if source else None
    key = scheme.value if scheme is not None else ""
    concept = term = _main_term(ctx, f, r, key, main)
    if subdivisions:
        # The subdivided heading is narrower than its main term, which records share.
        label = _SEPARATOR.join([main, *(v for _, v in subdivisions)])
        concept = ctx.concept(key, label, types=COMPLEX)
        ctx.add(concept, BROADER, term)
        _coverage(ctx, scheme, key, subdivisions)
    ctx.add(ctx.work, r.property or SUBJECT, concept)
    if scheme is not None:
        ctx.add(term, IN_SCHEME, scheme)
        ctx.add(concept, IN_SCHEME, scheme)


def _main(f: Field, r: Rule) -> str:
    spec = name_spec(f.tag, "cnmarc")
    if spec is not None:
        return name_heading(f, "cnmarc", spec).label
    parts = (strip_isbd(v) for v in f.values(r.subfields or "a"))
    return " ".join(p for p in parts if p)


def _main_term(ctx: Context, f: Field, r: Rule, scheme: str, label: str) -> NamedNode:
    """The main term: the authority entity its $3 names, else a concept by scheme and label."""
    types = support.curies(r.arg("types", "madsrdf:Topic"))
    control = (f["3"] or "").strip()
    pinyin = support.pinyin_labels(ctx, f)
    if control and r.arg("kind", "concept") != "concept":
        iri = ctx.authority(r.arg("kind"), control)
        support.describe(ctx, iri, label, types, pinyin)
        return iri
    return ctx.concept(scheme, label, types=types, control=control or None, extra=pinyin)


@cache
def _scheme(tag: str, source: str) -> str | None:
    """The scheme of a $2 code (the code lists' default for the field when absent): an IRI,
    the code itself when the lists do not know it, or None."""
    iri = (support.code("subject_schemes", ("unimarc", tag, source), "scheme_iri")
           or support.code("subject_schemes", ("unimarc", "606", source), "scheme_iri"))
    return iri or (source if source != "#" else None)


def _coverage(ctx: Context, scheme: NamedNode | None, key: str,
              subdivisions: list[tuple[str, str]]) -> None:
    """Geographic subdivisions as bf:geographicCoverage places, chronological ones as
    bf:temporalCoverage."""
    for c, value in subdivisions:
        if c == "y":
            place = ctx.concept(key, value, types=_GEOGRAPHIC)
            ctx.add(ctx.work, BF.geographicCoverage, place)
            if scheme is not None:
                ctx.add(place, IN_SCHEME, scheme)
        elif c == "z":
            ctx.add(ctx.work, BF.temporalCoverage, Literal(value))


@rule("cn_uncontrolled")
def uncontrolled(ctx: Context, f: Field, r: Rule) -> None:
    """610: each $a an uncontrolled term, a concept in no scheme."""
    for value in f.values("a"):
        term = strip_isbd(value)
        if term:
            ctx.add(ctx.work, r.property or SUBJECT, ctx.concept("", term, types=TOPIC))
