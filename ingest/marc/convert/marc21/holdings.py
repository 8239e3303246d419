"""MARC21 holdings in the bibliographic record: 852 (location) -> items, 856 (electronic
location) -> the instance's electronic locators.

Item ``n`` is the n-th 852 of the record; its shelf mark is the call number as on the spine
($k prefix, $h class part, $i item part, $m suffix).
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.agents import AGENT_TYPES
from ingest.marc.convert.marc21.support import clean, joined, safe_iri, term_map
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from kg.vocab import BF, JL, RDF, RDFS, A

RELATED_RESOURCE = "2"  # 856 second indicator: a resource related to this one


@rule("m21_item")
def item(ctx: Context, f: Field, r: Rule) -> None:
    """852: an item of the instance, held by $a, with its shelf mark (class by ind1,
    ``shelfmarks=0:bf:ShelfMarkLcc,...``; $j when there is no call number), sublocation $b $c,
    barcode $p and notes $z."""
    node = ctx.item(ctx.occurrence(f)[1])
    ctx.add(node, A, BF.Item)
    ctx.add(node, A, JL.Item)
    ctx.add(node, BF.itemOf, ctx.instance)
    ctx.add(ctx.instance, BF.hasItem, node)
    call = joined(f, "khim") or joined(f, "j")  # else the shelving control number
    ctx.put(node, RDFS.label, call or joined(f, "abc"), clean=False, field=f)
    holder = clean(f["a"] or "")
    if holder and ctx.paired(f) is None:
        holder_iri = ctx.agent("organization", holder, types=AGENT_TYPES["organization"])
        ctx.add(node, BF.heldBy, holder_iri)
    if call:
        shelf_mark(ctx, node, f, call, term_map(r, "shelfmarks").get(f.ind1))
    parts(ctx, node, f)


def shelf_mark(ctx: Context, item_node: NamedNode, f: Field, call: str,
               cls: NamedNode | None) -> None:
    mark = ctx.fragment(item_node, "shelfMark", f)
    ctx.add(item_node, BF.shelfMark, mark)
    ctx.add(mark, A, BF.ShelfMark)
    if cls is not None:
        ctx.add(mark, A, cls)
    ctx.put(mark, RDFS.label, call, clean=False, field=f)


def parts(ctx: Context, item_node: NamedNode, f: Field) -> None:
    """Sublocation, barcode and public note of an 852."""
    place = joined(f, "bc")
    if place:
        ctx.labelled(item_node, BF.sublocation, "sublocation", BF.Sublocation, place, f)
    for n, v in enumerate(f.values("p"), 1):
        code = ctx.fragment(item_node, "identifier", f, n)
        ctx.add(item_node, BF.identifiedBy, code)
        ctx.add(code, A, BF.Barcode)
        ctx.put(code, RDF.value, v, clean=False)
    note = joined(f, "z")
    if note:
        ctx.labelled(item_node, BF.note, "note", BF.Note, note, f)


@rule("m21_locator")
def locator(ctx: Context, f: Field, r: Rule) -> None:
    """856: each $u an electronic locator of the instance; a related resource (ind2 2) is
    bf:SupplementaryContent labelled by $3 / $y / $z."""
    urls = [iri for iri in map(safe_iri, f.values("u")) if iri is not None]
    label = joined(f, "3yz")
    related = f.ind2 == RELATED_RESOURCE
    if not related:
        for iri in urls:
            ctx.add(ctx.instance, BF.electronicLocator, iri)
        if not label:
            return
    node = ctx.fragment(ctx.instance, "supplementaryContent" if related else "note", f)
    ctx.add(ctx.instance, BF.supplementaryContent if related else BF.note, node)
    ctx.add(node, A, BF.SupplementaryContent if related else BF.Note)
    ctx.put(node, RDFS.label, label or None, clean=False, field=f)
    for iri in urls:
        ctx.add(node, BF.electronicLocator, iri)

