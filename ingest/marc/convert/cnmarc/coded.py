"""CNMARC record label and coded fields: LDR, 001, 005, 100, 101, 102, 105, 106, 135.

The record rule runs before the fields: it writes the triples every record has, the work and
instance classes and the issuance, and sets the record language from 101 $a so that every
literal of the record is tagged with it.
"""

from __future__ import annotations

from functools import cache, lru_cache

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.cnmarc import support
from ingest.marc.convert.cnmarc.description import publication
from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import Rule, curie, rule, target
from ingest.marc.record import Field
from kg.vocab import BF, JL, RDF, RDFS, XSD, A

LABEL, NOTE, NOTE_CLASS, NOTE_TYPE = RDFS.label, BF.note, BF.Note, BF.noteType

_MULTIPART = "http://id.loc.gov/vocabulary/issuance/mulm"
ISSUANCE, CREATION_DATE, DATE, PLACE = BF.issuance, BF.creationDate, BF.date, BF.place
_CHARSET_TYPE = Literal("character sets")
# Used when languages.tsv cannot be read: Chinese records must still be tagged zh.
_LANGUAGE_FALLBACK = {"chi": "zh"}
# 101 subfields other than $a (language of the text): what part of the resource they are about.
_LANGUAGE_PARTS = {"b": "intermediate translation", "c": "original", "d": "summary",
                   "e": "table of contents", "f": "title page", "g": "title proper",
                   "h": "libretto", "i": "accompanying material", "j": "subtitles"}
# 100 $a/8 type of publication date -> how date 1 and date 2 make an EDTF date.
_DATE_SHAPES = {"a": "{one}/..", "b": "{one}/{two}", "c": "{one}/", "f": "{one}/{two}",
                "g": "{one}/{two}", "j": "{one}-{month}-{day}"}
_UNKNOWN_DIGITS = str.maketrans({" ": "X", "u": "X", "#": "X", "-": "X", "?": "X", "|": "X"})


@rule("cn_record")
def record(ctx: Context, f: None, r: Rule) -> None:
    """Types, work-instance link, issuance; the record language from 101 $a."""
    ctx.basics()
    language = ctx.record.first("101")
    if language is not None and language["a"]:
        ctx.language = _bcp47(language["a"].strip().lower())
    work_types, instance_types, issuance = _leader_terms(ctx.record.leader[6:9].ljust(3))
    for t in work_types:
        ctx.add(ctx.work, A, t)
    for t in instance_types:
        ctx.add(ctx.instance, A, t)
    if issuance is not None:
        ctx.add(ctx.instance, ISSUANCE, issuance)


@cache
def _bcp47(code: str) -> str:
    return support.code("languages", code, "bcp47", _LANGUAGE_FALLBACK.get(code)) or "und"


@cache
def _leader_terms(codes: str) -> tuple[tuple[NamedNode, ...], tuple[NamedNode, ...],
                                       NamedNode | None]:
    """Work classes, instance classes and issuance of leader/06-08 (type, level, hierarchy)."""
    kind, level, hierarchy = codes
    work = support.code("leader_types", ("unimarc", "06", kind), "bf_class")
    instance = support.code("leader_types", ("unimarc", "06", kind), "instance_class")
    instance_types = (curie(instance),) if instance else ()
    if level == "s":
        instance_types += (BF.Serial,)
    issuance = _MULTIPART if level == "m" and hierarchy == "1" else \
        support.code("issuance", ("unimarc", level), "iri")
    return ((curie(work),) if work else (), instance_types,
            NamedNode(issuance) if issuance else None)


@rule("cn_control")
def control(ctx: Context, f: Field, r: Rule) -> None:
    """A control field's value (001) as a plain literal of ``property``."""
    if f.value and f.value.strip():
        ctx.add(target(ctx, r), r.property, Literal(f.value.strip()))


@rule("cn_change_date")
def change_date(ctx: Context, f: Field, r: Rule) -> None:
    """005 '20180625022747.0' -> "2018-06-25T02:27:47"^^xsd:dateTime."""
    v = (f.value or "").strip()
    if len(v) >= 14 and v[:14].isdigit():
        stamp = f"{v[:4]}-{v[4:6]}-{v[6:8]}T{v[8:10]}:{v[10:12]}:{v[12:14]}"
        ctx.add(target(ctx, r), r.property, support.typed(stamp, XSD.dateTime))


@rule("cn_general")
def general(ctx: Context, f: Field, r: Rule) -> None:
    """100 $a: date entered, publication dates, language of cataloguing, character sets."""
    data = (f["a"] or "").ljust(36)
    created = support.iso_date(data[:8])
    if created is not None:
        ctx.add(ctx.admin, CREATION_DATE, created)
    date = _edtf_literal(data[8], data[9:13], data[13:17])
    if date is not None:
        ctx.add(publication(ctx), DATE, date)
    if data[8] == "h" and data[13:17].isdigit():
        ctx.add(ctx.instance, BF.copyrightDate, Literal(data[13:17]))
    cataloguing = support.language_iri(data[22:25])
    if cataloguing is not None:
        ctx.add(ctx.admin, BF.descriptionLanguage, cataloguing)
    _character_sets(ctx, data[26:34])


@lru_cache(maxsize=1024)
def _edtf_literal(kind: str, date1: str, date2: str) -> Literal | None:
    date = edtf(kind, date1, date2)
    return support.typed(date, support.EDTF) if date else None


def edtf(kind: str, date1: str, date2: str) -> str | None:
    """The EDTF form of 100 $a/8-16 (type of date, date 1, date 2); None without a date 1.

    >>> edtf("d", "1994", "    "), edtf("g", "1994", "9999"), edtf("f", "19uu", "    ")
    ('1994', '1994/..', '19XX')
    >>> edtf("b", "1950", "1966"), edtf("j", "2008", "0512"), edtf("d", "####", "    ")
    ('1950/1966', '2008-05-12', None)
    """
    first = date1.translate(_UNKNOWN_DIGITS)
    if len(first) != 4 or not any(c.isdigit() for c in first):
        return None
    second = date2.translate(_UNKNOWN_DIGITS)
    shape = _DATE_SHAPES.get(kind, "{one}")
    if kind in "bfgj" and not any(c.isdigit() for c in second):
        shape = "{one}"
    if second == "9999":
        shape = shape.replace("{two}", "..")
    return shape.format(one=first, two=second, month=second[:2], day=second[2:])


def _character_sets(ctx: Context, codes: str) -> None:
    """100 $a/26-33: the character sets the record was written in, as an admin note."""
    label = _charset_label(codes)
    if label is not None:
        node = ctx.fragment(ctx.instance, "charset", ctx.record.first("100"))
        ctx.add(ctx.admin, NOTE, node)
        ctx.add(node, A, NOTE_CLASS)
        ctx.add(node, NOTE_TYPE, _CHARSET_TYPE)
        ctx.add(node, LABEL, label)


@cache
def _charset_label(codes: str) -> Literal | None:
    pairs = (codes[i:i + 2] for i in range(0, len(codes) - 1, 2))
    names = [support.code("cnmarc_charsets", p, "label_en", p) for p in pairs if p.isdigit()]
    return Literal("; ".join(names)) if names else None


@rule("cn_language")
def language(ctx: Context, f: Field, r: Rule) -> None:
    """101: $a the languages of the text; other subfields a language of a part."""
    node = target(ctx, r)
    for n, (c, value) in enumerate(f.subfields, 1):
        iri = support.language_iri(value)
        if iri is None:
            continue
        if c == "a":
            ctx.add(node, r.property, iri)
        elif c in _LANGUAGE_PARTS:
            part = ctx.fragment(node, "language", f, n)
            ctx.add(node, r.property, part)
            ctx.add(part, A, BF.Language)
            ctx.add(part, RDF.value, iri)
            ctx.add(part, BF.part, Literal(_LANGUAGE_PARTS[c]))


@rule("cn_country")
def country(ctx: Context, f: Field, r: Rule) -> None:
    """102: $a country (ISO 3166) and $b region (GB/T 2260) of publication, on the publication."""
    node = publication(ctx)
    for c, value in f.subfields:
        place = support.country_iri(value) if c == "a" else \
            region(ctx, value.strip()) if c == "b" else None
        if place is not None:
            ctx.add(node, PLACE, place)


def region(ctx: Context, number: str) -> NamedNode | None:
    """The shared place of a Chinese administrative division code ('320100' 南京市).

    A code retired since (320103 白下区) falls back to its province.
    """
    number, label = _region(number)
    if not label:
        return None
    iri = support.entity(ctx.env.minter, "place", "gbt2260-" + number)
    if iri.value not in ctx.env.seen:
        ctx.describe_once(iri, lambda: (
            (iri, A, BF.Place), (iri, A, JL.Place), (iri, LABEL, ctx.text(label)),
            (iri, BF.code, Literal(number))))
    return iri


@cache
def _region(number: str) -> tuple[str, str | None]:
    label = support.code("cn_regions", number, "label_zh")
    if not label and len(number) == 6 and number.isdigit():
        number = number[:2] + "0000"
        label = support.code("cn_regions", number, "label_zh")
    return number, label


@rule("cn_fixed")
def fixed(ctx: Context, f: Field, r: Rule) -> None:
    """Codes at ``pos`` of a coded-data subfield as terms of ``property`` (rdf:type when '-').

    ``map`` lists code:term pairs; a term is a CURIE, or a name under ``base``; code '*'
    matches any code.
    """
    data = f[r.subfields or "a"]
    if not data:
        return
    args = r.args
    positions, terms = _fixed_spec(args.get("pos", "0"), args.get("base", ""), args.get("map", ""))
    node, prop = target(ctx, r), r.property or A
    for c in data[positions]:
        term = terms.get(c) or (terms.get("*") if c not in " #|" else None)
        if term is not None:
            ctx.add(node, prop, term)


@cache
def _fixed_spec(pos: str, base: str, spec: str) -> tuple[slice, dict[str, NamedNode]]:
    """The positions ('4-7') as a slice, and the ``map`` as code -> term."""
    start, _, end = pos.partition("-")
    pairs = (item.split(":", 1) for item in spec.split(",") if ":" in item)
    terms = {c: NamedNode(base + t) if base else curie(t) for c, t in pairs}
    return slice(int(start), int(end or start) + 1), terms
