"""MARC21 related works: added-entry titles (730, 740, 7XX with $t) and linking entries
(760-787).

Each becomes a ``#work{tag}-{n}`` node of the record, typed and titled, reached from the work
by the relation the table gives (bf:relatedTo unless the field says more: bf:precededBy ...).
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import clean, joined, put
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from kg.vocab import BF, RDF, RDFS, A

PART_OF = "2"  # second indicator of 700-740: an analytical entry, a part of the work


@rule("m21_related_title")
def related_title(ctx: Context, f: Field, r: Rule) -> None:
    """730/740: a related work titled by ``subfields`` (its part when ind2 is 2)."""
    prop = BF.hasPart if f.ind2 == PART_OF else r.property or BF.relatedTo
    related_work(ctx, f, prop, r.subfields or "a", r.term("class") or BF.Work)


@rule("m21_link")
def linking_entry(ctx: Context, f: Field, r: Rule) -> None:
    """76X-78X: the related resource named by $t (else $s, $a), with its ISSN and ISBN."""
    codes = "t" if f["t"] else "s" if f["s"] else "a"
    node = related_work(ctx, f, r.property or BF.relatedTo, codes, r.term("class") or BF.Work)
    if node is None:
        return
    for n, (code, value) in enumerate(f.pairs("xz"), 1):
        ident = ctx.fragment(ctx.work, "identifier", f, n)
        ctx.add(node, BF.identifiedBy, ident)
        ctx.add(ident, A, BF.Issn if code == "x" else BF.Isbn)
        put(ctx, ident, RDF.value, value, f)
    for note in f.values("in"):  # relationship information, note
        put(ctx, node, RDFS.comment, note, f)


def related_work(ctx: Context, f: Field, prop: NamedNode, title_codes: str,
                 cls: NamedNode = BF.Work, name: str | None = None) -> NamedNode | None:
    """The ``#work{tag}-{n}`` node a field describes, with its title; None when untitled.

    ``name`` (a name heading, for 7XX name-title entries) goes before the title in the label.
    """
    main = joined(f, title_codes[0])
    if not main:
        return None
    node = ctx.fragment(ctx.work, "work", f)
    ctx.add(ctx.work, prop, node)
    ctx.add(node, A, cls)
    title = ctx.fragment(ctx.work, "title", f)
    ctx.add(node, BF.title, title)
    ctx.add(title, A, BF.Title)
    ctx.put(title, BF.mainTitle, main, clean=False, field=f)
    for v in f.values("n"):
        put(ctx, title, BF.partNumber, v, f)
    for v in f.values("p"):
        put(ctx, title, BF.partName, v, f)
    rest = [clean(v) for v in f.values(title_codes[1:] + "np")]
    label = " ".join(p for p in (main, *rest) if p)
    ctx.put(node, RDFS.label, f"{name}. {label}" if name else label, clean=False, field=f)
    return node
