"""MARC21 leader and control fields (001, 003, 005, 008) and the record-level set-up.

The record rules (tag ``LDR``) run before any field: they fix the record's language (008/35-37,
else 041) and Han script, mark the romanized fields that have an 880 twin, write the basic
triples and the types the leader implies.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import COUNTRIES, code_iri, code_lookup
from ingest.marc.convert.rules import Rule, curie, rule, target
from ingest.marc.record import Field, Record
from ingest.marc.text import han_script
from kg.vocab import BF, XSD, A

EDTF = NamedNode("http://id.loc.gov/datatypes/edtf")
MULTIPART = NamedNode("http://id.loc.gov/vocabulary/issuance/mulm")
_NO_LANGUAGE = ("", "und", "mul", "zxx", "|||")
# 008/06 type of date -> how date1 and date2 combine ('range', 'single', 'day'); others: none
_DATE_TYPES = {"s": "single", "r": "single", "t": "single", "p": "single", "e": "day",
               "m": "range", "i": "range", "k": "range", "c": "range", "d": "range",
               "u": "range", "q": "range"}


@rule("m21_record")
def record_setup(ctx: Context, f: Field | None, r: Rule) -> None:
    """Language, Han script and romanized fields of the record; then its basic triples."""
    ctx.language = record_language(ctx.record)
    ctx.han = record_han(ctx.record)
    mark_romanized(ctx)
    ctx.basics()


def record_language(record: Record) -> str:
    """BCP 47 tag of 008/35-37, or of the first 041 code when 008 does not say ('und')."""
    fixed = record.control("008") or ""
    code = fixed[35:38].strip().lower()
    if code in _NO_LANGUAGE:
        first = next((f for f in record.fields if f.tag == "041" and f.ind2 != "7"), None)
        code = (first["a"] or first["d"] or "")[:3].lower() if first is not None else ""
    if code in _NO_LANGUAGE:
        return "und"
    return code_lookup("languages", code, "bcp47") or "und"


def record_han(record: Record) -> str:
    """'Hant' when the title (245 or its 880) is in traditional characters, else 'Hans'."""
    parts = []
    for f in record.fields:
        if f.tag == "245" or f.tag == "880" and (f["6"] or "").startswith("245"):
            parts.extend(v for c, v in f.subfields if c in "abnp" and not v.isascii())
    return (han_script("".join(parts)) or "Hans") if parts else "Hans"


def mark_romanized(ctx: Context) -> None:
    """Mark the fields paired with an 880 before they convert, so their text is tagged as the
    romanized form (the 880s themselves are linked after the regular fields)."""
    fields = ctx.record.fields
    linked = {(v[:3], v[4:6]) for f in fields if f.tag == "880" for v in f.values("6")}
    if not linked:
        return
    for f in fields:
        link = f.link() if f.tag != "880" and f.value is None else None
        if link and link.startswith("880-") and (f.tag, link[4:6]) in linked:
            ctx.romanized.add(id(f))


@rule("m21_leader")
def leader_types(ctx: Context, f: Field | None, r: Rule) -> None:
    """Work class from leader/06, Instance class and issuance from leader/06-07 (and /19)."""
    leader = ctx.record.leader.ljust(24)
    row = code_lookup("leader_types", ("marc21", "06", leader[6]), "bf_class")
    if row:
        ctx.add(ctx.work, A, curie(row))
    extra = code_lookup("leader_types", ("marc21", "06", leader[6]), "instance_class")
    if extra:
        ctx.add(ctx.instance, A, curie(extra))
    issuance = code_lookup("issuance", ("marc21", leader[7]), "iri")
    if leader[7] == "m" and leader[19] == "a":
        issuance = MULTIPART.value  # leader/19 'a': the record describes a set
    if issuance:
        ctx.add(ctx.instance, BF.issuance, NamedNode(issuance))


@rule("m21_control")
def control_literal(ctx: Context, f: Field, r: Rule) -> None:
    """A control field's value (001) as a plain literal, untouched."""
    value = (f.value or "").strip()
    if value:
        ctx.add(target(ctx, r), r.property, Literal(value))


@rule("m21_changed")
def changed(ctx: Context, f: Field, r: Rule) -> None:
    """005 'yyyymmddhhmmss.f' as an xsd:dateTime; a malformed value is left out."""
    v = (f.value or "").strip()
    if len(v) >= 14 and v[:14].isdigit():
        stamp = f"{v[:4]}-{v[4:6]}-{v[6:8]}T{v[8:10]}:{v[10:12]}:{v[12:14]}"
        ctx.add(target(ctx, r), r.property, Literal(stamp, datatype=XSD.dateTime))
    elif len(v) >= 8 and v[:8].isdigit():
        ctx.add(target(ctx, r), r.property, Literal(f"{v[:4]}-{v[4:6]}-{v[6:8]}",
                                                    datatype=XSD.date))


@rule("m21_008_publication")
def publication_008(ctx: Context, f: Field, r: Rule) -> None:
    """008/06-14 dates (EDTF) and 008/15-17 place as the record's publication activity."""
    value = (f.value or "").ljust(40)
    date = edtf(value[6], value[7:11], value[11:15])
    place = code_iri(COUNTRIES, value[15:18]) if value[15:18].strip("| ") else None
    if date is None and place is None:
        return
    node = ctx.fragment(ctx.instance, "provisionActivity", f)
    ctx.add(ctx.instance, BF.provisionActivity, node)
    ctx.add(node, A, BF.Publication)
    if date:
        ctx.add(node, BF.date, Literal(date, datatype=EDTF))
    if place is not None:
        ctx.add(node, BF.place, place)


def edtf(kind: str, date1: str, date2: str) -> str | None:
    """The 008 dates as EDTF: '2013', '2013/..' (continuing), '19XX', '1999-12-31'.

    >>> edtf("c", "2013", "9999"), edtf("s", "19uu", "    "), edtf("e", "1999", "1231")
    ('2013/..', '19XX', '1999-12-31')
    >>> edtf("m", "1990", "uuuu"), edtf("n", "uuuu", "uuuu"), edtf("s", "199 ", "    ")
    ('1990/', None, None)
    """
    shape = _DATE_TYPES.get(kind)
    first = _year(date1)
    if shape is None or first is None:
        return None
    if shape == "single":
        return first
    if shape == "day":  # date2 is mmdd (dd may be '00' or blank)
        if not date2[:2].isdigit() or date2[:2] == "00":
            return first
        day = date2[2:4] if date2[2:4].isdigit() and date2[2:4] != "00" else ""
        return f"{first}-{date2[:2]}" + (f"-{day}" if day else "")
    if date2 == "9999":
        return f"{first}/.."
    second = _year(date2)
    if second == first or not date2.strip():
        return first
    return f"{first}/{second or ''}"


def _year(value: str) -> str | None:
    year = value.replace("u", "X")
    if len(year) != 4 or year == "XXXX" or not all(c.isdigit() or c == "X" for c in year):
        return None
    return year
