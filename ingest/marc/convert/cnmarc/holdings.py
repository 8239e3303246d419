"""Where the resource is: 905/906 local holdings -> items with call numbers; 856 locators.

905 (CNMARC holdings) is one holding of a library: $a the library's code, $b accession
numbers, $c location, $d class number (分类号), $e book number (书次号), $f volume (卷册),
$s the call number as a whole (dp2 writes it). The call number is written as on the spine:
分类号/书次号, then :卷册 ('I247.5/32820', 'K295.31/12:2').
906 (dp2 exports from Aleph) is one copy: $b barcode, $c accession number, $d/$e the call
number, $r price; it is held by the library of the record's 905.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.cnmarc import support
from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from kg.vocab import BF, JL, RDF, RDFS, A

_HOLDINGS = ("905", "906")
ITEM_TYPES = (BF.Item, JL.Item)
ITEM_OF, HAS_ITEM, HELD_BY, SHELF_MARK = BF.itemOf, BF.hasItem, BF.heldBy, BF.shelfMark
LABEL, IDENTIFIED_BY, VALUE = RDFS.label, BF.identifiedBy, RDF.value
# Identifiers of a copy by holdings tag: subfield -> class.
_COPY_IDS = {"905": (("b", BF.Barcode),), "906": (("b", BF.Barcode), ("c", BF.Local))}


def call_number(f: Field) -> str:
    """The call number as on the spine: '$d/$e' (':$f' for the volume), else $s.

    >>> call_number(Field("905", subfields=[("a", "JL"), ("d", "I247.5"), ("e", "32820")]))
    'I247.5/32820'
    >>> call_number(Field("905", subfields=[("d", "K295.31"), ("e", "12"), ("f", "2")]))
    'K295.31/12:2'
    >>> call_number(Field("905", subfields=[("a", "BNU"), ("s", "F124/26")]))
    'F124/26'
    """
    parts = [(f[c] or "").strip() for c in "de"]
    number = "/".join(p for p in parts if p)
    volume = (f["f"] or "").strip() if f.tag == "905" else ""
    if number and volume:
        number += ":" + volume
    return number or (f["s"] or "").strip()


def _library(ctx: Context, f: Field) -> str:
    if f.tag == "905":
        return (f["a"] or "").strip()
    holding = ctx.record.first("905")
    return (holding["a"] or "").strip() if holding is not None else ""


def _number(ctx: Context, f: Field) -> int:
    """The item's number: the field's place among the record's holdings fields."""
    for n, other in enumerate(ctx.record.get(*_HOLDINGS), 1):
        if other is f:
            return n
    return 1


@rule("cn_holding")
def holding(ctx: Context, f: Field, r: Rule) -> None:
    """An item of the instance: holding library, shelf mark, location, copy identifiers."""
    item = ctx.item(_number(ctx, f))
    for t in ITEM_TYPES:
        ctx.add(item, A, t)
    ctx.add(item, ITEM_OF, ctx.instance)
    ctx.add(ctx.instance, HAS_ITEM, item)
    library = _library(ctx, f)
    agency = support.agency(ctx, library)
    if agency is not None:
        ctx.add(item, HELD_BY, agency)
    mark = call_number(f)
    # Codes and call numbers: no ISBD punctuation, no language.
    ctx.add(item, LABEL, Literal(" ".join(p for p in (library, mark) if p) or "item"))
    if mark:
        _shelf_mark(ctx, item, f, mark)
    if f.tag == "905":
        for value in f.values("c"):
            ctx.put(item, BF.physicalLocation, value, field=f)
    _copy(ctx, item, f)


def _shelf_mark(ctx: Context, item: NamedNode, f: Field, mark: str) -> None:
    node = ctx.fragment(item, "shelfMark", f)
    ctx.add(item, SHELF_MARK, node)
    ctx.add(node, A, BF.ShelfMark)
    ctx.add(node, LABEL, Literal(mark))


def _copy(ctx: Context, item: NamedNode, f: Field) -> None:
    n = 0
    for code, kind in _COPY_IDS[f.tag]:
        for value in f.values(code):
            n += 1
            node = ctx.fragment(item, "identifier", f, n)
            ctx.add(item, IDENTIFIED_BY, node)
            ctx.add(node, A, kind)
            ctx.add(node, VALUE, Literal(value.strip()))
    if f.tag == "906":
        for value in f.values("r"):
            if any(c.isdigit() for c in value):
                ctx.put(item, BF.acquisitionTerms, value, field=f)


@rule("cn_locator")
def locator(ctx: Context, f: Field, r: Rule) -> None:
    """856 $u: the instance's electronic locator (values that are not IRIs are left out)."""
    for value in f.values("u"):
        try:
            iri = NamedNode(value.strip())
        except ValueError:
            continue
        ctx.add(ctx.instance, BF.electronicLocator, iri)
