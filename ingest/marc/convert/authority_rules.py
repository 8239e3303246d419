"""Rules of the authority tables (``mappings/*-authority.tsv``): headings, tracings, notes, links.

The heading field (1XX; CNMARC 2XX) gives the entity its preferred label and its heading keys,
the see-from tracings (4XX) its variant labels, the see-also tracings (5XX) ``skos:related``
links to other entities. Names build their headings with `names.name_heading`, as bibliographic
name fields do, so the two meet on the same keys; subject headings join their subdivisions
with ``--``.

Rule arguments (the ``args`` column): ``kind`` the entity kind (person, organization, place,
concept ...), ``types`` the classes (CURIEs, space-separated), ``form=subject`` for headings
built from subdivisions, ``as`` the heading tag whose name subfields a tracing follows,
``years=1`` where the heading's dates are a person's life, ``family`` the first indicator
that makes a personal name field a family name (MARC21 X00: 3), ``title`` the subfield that
makes a name field a name/title heading, a work (MARC21: $t), ``control`` the subfield of a
tracing's control number ($0 in MARC21, $3 in CNMARC), ``w`` the relation a MARC21 see-also
tracing's $w/0 names instead of ``property`` (``w=g:skos:broader,h:skos:narrower``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.marc21.support import arg_map, control_number, term_map
from ingest.marc.convert.names import Heading, name_heading, name_spec
from ingest.marc.convert.rules import Rule, curie, rule
from ingest.marc.record import Field
from ingest.marc.tables import lookup
from ingest.marc.text import heading_key, strip_isbd
from kg.vocab import BF, JL, OWL, RDFS, SKOS, XSD, A

if TYPE_CHECKING:
    from ingest.marc.convert.authority import AuthorityContext

HEADING_RULE = "auth_heading"
SUBDIVISION = "--"
PINYIN = "zh-Latn-pinyin"
FAMILY_TYPES = (BF.Family,)
WORK_TYPES = (BF.Work,)
TITLE_PARTS = "nplkfmors"  # after $t in a name/title heading
LOC_AUTHORITIES = ("authorities/names/", "authorities/subjects/", "authorities/genreForms/")
PINYIN_CODES = "9A"  # CNMARC: the pinyin of the field's Chinese subfields
_YEAR = re.compile(r"(-?)(\d{4})(?:-?\d\d){0,2}[?~%]?")
_IDENTIFIER = re.compile(r"[0-9A-Za-z]+")


def heading_of(f: Field, r: Rule, flavour: str) -> Heading:
    """The heading a field of an authority record spells, built as bibliographic ones are."""
    kind = r.arg("kind", "concept")
    if r.arg("form") == "subject":
        parts = [strip_isbd(v) for v in f.values(r.subfields or None)]
        label = SUBDIVISION.join(p for p in parts if p)
        return Heading(kind, label, heading_key(label), heading_key(label))
    spec = name_spec(r.arg("as", f.tag), flavour) or (kind, r.subfields or "a", "")
    name_part, title_part = _split_title(f, r)
    name = name_heading(name_part, flavour, spec)
    title = " ".join(p for p in (strip_isbd(v) for v in title_part) if p)
    if not title:
        return name
    label = f"{name.label}. {title}" if name.label else title
    return Heading("work", label, heading_key(label), heading_key(label))  # no date-less key


def types(r: Rule) -> tuple[NamedNode, ...]:
    """The classes a rule's ``types`` argument names."""
    return tuple(curie(t) for t in (r.arg("types") or "").split())


def kind_of(f: Field, r: Rule) -> tuple[str, tuple[NamedNode, ...]]:
    """The kind and classes of the entity a heading or tracing names: ``kind`` and ``types``,
    or a family when the first indicator is the rule's ``family`` one (MARC21 X00 ind1 3)."""
    if _title(f, r):
        return "work", WORK_TYPES
    if r.arg("family") and f.ind1 == r.arg("family"):
        return "family", FAMILY_TYPES
    return r.arg("kind", "concept"), types(r)


def has_life(f: Field, r: Rule) -> bool:
    """True when the field's dates are a person's life: ``years=1``, and not a family or a
    name/title."""
    return bool(r.arg("years")) and kind_of(f, r)[0] == r.arg("kind")


def _split_title(f: Field, r: Rule) -> tuple[Field, list[str]]:
    """A name/title field (``title=t``: MARC21 X00-X11 with $t) as its name part (the
    subfields before the title) and its title values; other fields as they are, no title."""
    code = r.arg("title")
    at = next((n for n, (c, _) in enumerate(f.subfields) if c == code), None) if code else None
    if at is None:
        return f, []
    title = [v for c, v in f.subfields[at:] if c in code + TITLE_PARTS]
    return Field(f.tag, f.ind1, f.ind2, f.subfields[:at]), title


def _title(f: Field, r: Rule) -> bool:
    return bool(r.arg("title")) and f[r.arg("title")] is not None


# -- record-level rules ----------------------------------------------------------------------


@rule("auth_record")
def auth_record(ctx: AuthorityContext, _f: None, r: Rule) -> None:
    """The entity's admin node, classes and (for persons) birth and death years.

    ``language=040:b``: the language of cataloguing, whose tag labels get when their
    characters tell none (Latin-script headings are formulated in it).
    """
    ctx.basics()
    ctx.label_language = _cataloguing_language(ctx, r)
    ctx.env.seen.add(ctx.entity.value)  # bibliographic mentions need not describe it again
    for t in ctx.classes:
        ctx.add(ctx.entity, A, t)
    if ctx.life:
        for prop, value in _life(ctx.heading):
            ctx.add(ctx.entity, prop, value)


@rule("auth_scheme")
def auth_scheme(ctx: AuthorityContext, _f: None, r: Rule) -> None:
    """The subject scheme of the record's headings: a code (``fixed=008:11`` mapped through
    ``codes=``, or ``subfield=152:b``) looked up in the subject_schemes code list
    (``table=flavour:field``)."""
    code = _scheme_code(ctx, r)
    flavour, _, field = (r.arg("table") or "").partition(":")
    iri = lookup("subject_schemes", (flavour, field, code), "scheme_iri") if code else None
    ctx.scheme = iri or None
    if ctx.scheme and ctx.heading_rule.arg("form") == "subject":
        ctx.add(ctx.entity, SKOS.inScheme, NamedNode(ctx.scheme))


def _scheme_code(ctx: AuthorityContext, r: Rule) -> str | None:
    if r.arg("fixed"):
        tag, _, position = r.arg("fixed", "").partition(":")
        value = ctx.record.control(tag) or ""
        char = value[int(position)] if len(value) > int(position) else ""
        return arg_map(r, "codes").get(char) or _other_code(ctx, r)
    tag, _, code = (r.arg("subfield") or "").partition(":")
    f = ctx.record.first(tag) if tag else None
    value = (f[code] if f is not None else None) or r.arg("default")
    return value.strip().lower() if value else None


def _cataloguing_language(ctx: AuthorityContext, r: Rule) -> str | None:
    tag, _, code = (r.arg("language") or "").partition(":")
    f = ctx.record.first(tag) if tag else None
    value = (f[code] or "").strip().lower() if f is not None else ""
    return lookup("languages", value, "bcp47") or None if value else None


def _other_code(ctx: AuthorityContext, r: Rule) -> str | None:
    """The source code in a subfield (``other=040:f``) when the fixed field says 'other'."""
    tag, _, code = (r.arg("other") or "").partition(":")
    f = ctx.record.first(tag) if tag else None
    value = f[code] if f is not None else None
    return value.strip().lower() if value else None


# -- field rules -------------------------------------------------------------------------------


@rule("auth_used")
def auth_used(_ctx: AuthorityContext, _f: Field, _r: Rule) -> None:
    """A field that the record-level rules read (001, 003, 008, 040 ...): nothing more to do."""


@rule("auth_heading")
def auth_heading(ctx: AuthorityContext, f: Field, r: Rule) -> None:
    """The heading: skos:prefLabel and rdfs:label, and its heading keys (with and without
    dates), by which bibliographic headings without a control number find the entity."""
    h = heading_of(f, r, ctx.record.flavour)
    for prop in (SKOS.prefLabel, RDFS.label):
        _label(ctx, f, prop, h.label)
    for key in dict.fromkeys((h.key, h.name_key)):
        if key:
            ctx.add(ctx.entity, JL.headingKey, Literal(key))


@rule("auth_variant")
def auth_variant(ctx: AuthorityContext, f: Field, r: Rule) -> None:
    """A see-from tracing: a variant name, skos:altLabel."""
    _label(ctx, f, r.property or SKOS.altLabel, heading_of(f, r, ctx.record.flavour).label)


@rule("auth_see_also")
def auth_see_also(ctx: AuthorityContext, f: Field, r: Rule) -> None:
    """A see-also tracing: ``skos:related`` to the entity it names, which is the authority of
    its control number, or else the shared entity of its heading (the one bibliographic
    headings use)."""
    h = heading_of(f, r, ctx.record.flavour)
    if not h.label:
        return
    control = tracing_control(f, r.arg("control", "0"))
    kind, classes = kind_of(f, r)
    if r.arg("form") == "subject":
        other = ctx.concept(ctx.scheme or "", h.label, types=classes, control=control)
    else:
        other = ctx.agent(kind, h.label, control=control, types=classes,
                          keys=(h.key, h.name_key), extra=_life(h) if has_life(f, r) else ())
    if other != ctx.entity:
        relation = term_map(r, "w").get((f["w"] or " ")[:1]) if r.arg("w") else None
        ctx.add(ctx.entity, relation or r.property or SKOS.related, other)


@rule("auth_note")
def auth_note(ctx: AuthorityContext, f: Field, r: Rule) -> None:
    """A note (source data found, biography, scope) as one literal of ``property``."""
    text = " ".join(v.strip() for v in f.values(r.subfields or None) if v.strip())
    ctx.put(ctx.entity, r.property or SKOS.note, text, clean=False, field=f)


@rule("auth_years")
def auth_years(ctx: AuthorityContext, f: Field, r: Rule) -> None:
    """Birth and death years from coded dates (MARC21 046 $f, $g), where the heading has none."""
    if not ctx.life:
        return
    born, died = ctx.heading.years()
    if born is None:
        _year(ctx, JL.birthYear, year(f[r.arg("birth", "f")]))
    if died is None:
        _year(ctx, JL.deathYear, year(f[r.arg("death", "g")]))


@rule("auth_same_as")
def auth_same_as(ctx: AuthorityContext, f: Field, r: Rule) -> None:
    """owl:sameAs the entity's IRI in another authority file, for the sources the args name
    (``wikidata=http://www.wikidata.org/entity/``: the source in $2, the identifier in $a)."""
    base = r.arg((f["2"] or "").strip().lower())
    if not base:
        return
    for value in f.values(r.subfields or "a"):
        ident = "".join(value.split())
        ident = ident.upper() if ident[:1] in "qQ" else ident
        if _IDENTIFIER.fullmatch(ident):
            ctx.add(ctx.entity, OWL.sameAs, NamedNode(base + ident))


# -- helpers ---------------------------------------------------------------------------------


def tracing_control(f: Field, code: str) -> str | None:
    """A tracing's control number: MARC21 $0 as bibliographic fields read it ('(DLC)n  79021164',
    or an id.loc.gov IRI); CNMARC $3, the number of an authority record of the same source."""
    if code == "0":
        return control_number(f, LOC_AUTHORITIES)
    return next((v.strip() for v in f.values(code) if v.strip()), None)


def year(value: str | None) -> int | None:
    """The year of a coded date ('1967-03-25', '19670325', '-0551', '1722?'), else None.

    >>> year("19670325"), year("1956"), year("-0551"), year("20"), year(None)
    (1967, 1956, -551, None, None)
    """
    m = _YEAR.fullmatch(value.strip()) if value else None
    return int(m.group(1) + m.group(2)) if m else None


def _life(h: Heading) -> list[tuple[NamedNode, Literal]]:
    """(jl:birthYear, year) and (jl:deathYear, year) for the years a heading's dates give."""
    pairs = zip((JL.birthYear, JL.deathYear), h.years(), strict=True)
    return [(p, Literal(str(y), datatype=XSD.integer)) for p, y in pairs if y is not None]


def _year(ctx: AuthorityContext, prop: NamedNode, value: int | None) -> None:
    if value is not None:
        ctx.add(ctx.entity, prop, Literal(str(value), datatype=XSD.integer))


def _label(ctx: AuthorityContext, f: Field, prop: NamedNode, text: str) -> None:
    """The label, and beside it the pinyin of a CNMARC field as a parallel literal."""
    lit = ctx.text(text, clean=False, field=f)
    if lit is not None and lit.language is None and ctx.label_language:
        lit = Literal(lit.value, language=ctx.label_language)
    if lit is not None:
        ctx.add(ctx.entity, prop, lit)
    pinyin = " ".join(v.strip() for v in f.values(PINYIN_CODES) if v.strip())
    if pinyin and ctx.record.flavour != "marc21":
        ctx.add(ctx.entity, prop, Literal(pinyin, language=PINYIN))
