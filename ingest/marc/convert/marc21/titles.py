"""MARC21 titles: 245 (title statement), 130/240/243 (the work's preferred title) and the
variant titles 210, 222, 242, 246, 247.

The 245 gives the ``rdfs:label`` of the instance and the work (an 880 245 a second, parallel
label) and, when the record has no 130/240, the work's title too: the work then points at the
instance's ``#title245-1`` node.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import arg_map, clean, put, unmark
from ingest.marc.convert.rules import Rule, rule, target
from ingest.marc.record import Field
from kg.vocab import BF, RDFS, A

# subfield -> title property; $k (form) is the main title only when there is no $a
_PARTS = {"a": BF.mainTitle, "b": BF.subtitle, "n": BF.partNumber, "p": BF.partName,
          "f": BF.date, "g": BF.date}
_PREFERRED = ("130", "240")


@rule("m21_title_statement")
def title_statement(ctx: Context, f: Field, r: Rule) -> None:
    """245: the instance title, its responsibility statement, both labels, the work title."""
    label = title_label(f)
    if not label:
        return
    lit = ctx.put(ctx.instance, RDFS.label, label, clean=False, field=f)
    if lit is not None:
        ctx.add(ctx.work, RDFS.label, lit)
    node = write_title(ctx, ctx.instance, f, BF.Title)
    if node is not None and not any(g.tag in _PREFERRED for g in ctx.record.fields):
        ctx.add(ctx.work, BF.title, node)  # the work shares the instance's title node
    for v in f.values("c"):
        put(ctx, ctx.instance, BF.responsibilityStatement, v, f)


def title_label(f: Field) -> str:
    """'$a $b $n $p' with the inner ISBD punctuation kept and the final one dropped."""
    parts = f.values("abnp") or f.values("k")
    return clean(" ".join(unmark(v) for v in parts)) if parts else ""


def write_title(ctx: Context, owner: NamedNode, f: Field, cls: NamedNode,
                variant: str | None = None) -> NamedNode | None:
    """A ``#title{tag}-{n}`` node of ``owner``: main title, subtitle, part number and name."""
    parts = [(_PARTS[c], v) for c, v in f.subfields if c in _PARTS]
    if not any(prop is BF.mainTitle for prop, _ in parts):
        parts += [(BF.mainTitle, v) for v in f.values("k")]
    if not parts:
        return None
    node = ctx.fragment(owner, "title", f)
    ctx.add(owner, BF.title, node)
    ctx.add(node, A, cls)
    for prop, v in parts:
        put(ctx, node, prop, v, f)
    if variant:
        put(ctx, node, BF.variantType, variant)
    return node


@rule("m21_title")
def title(ctx: Context, f: Field, r: Rule) -> None:
    """A title of ``class`` (bf:Title, bf:VariantTitle, bf:KeyTitle ...) on the target node;
    ``variantType`` fixed, or by ind2 (``types=0:portion,...``); ``parallel`` the ind2 of a
    parallel title. The rest of a uniform title ($l $s $k ...) goes into its label."""
    cls = r.term("class") or BF.Title
    if r.arg("parallel") and f.ind2 == r.arg("parallel"):
        cls = BF.ParallelTitle
    variant = arg_map(r, "types").get(f.ind2) or r.arg("variantType")
    node = write_title(ctx, target(ctx, r), f, cls, variant)
    if node is not None and r.subfields:
        label = clean(" ".join(unmark(v) for v in f.values(r.subfields)))
        ctx.put(node, RDFS.label, label, clean=False, field=f)
