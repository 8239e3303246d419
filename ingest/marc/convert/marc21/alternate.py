"""Record-level guarantees of the MARC21 conversion: no 880 script string is dropped, and
every record has a label.

An 880 converts by the rules of the tag in its $6 (see `ingest.marc.convert.convert`). Where
no rule of that tag reads one of its subfields (a local 59X, a 245 $h, a tag the table does not
map) the text is kept as a note of the instance, ``#note880-{n}``. Which subfields a tag's
rules read is what the mapping table says in its ``subfields`` column.
"""

from __future__ import annotations

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import clean
from ingest.marc.convert.rules import Mapping, Rule, mapping, rule
from ingest.marc.record import Field
from kg.vocab import BF, RDFS, A

_READ: dict[tuple[str, str], frozenset[str]] = {}
# where a record without a 245 finds its label, best first
_OTHER_TITLES = (("130", "a"), ("240", "a"), ("246", "a"), ("222", "a"), ("210", "a"),
                 ("740", "a"), ("730", "a"), ("505", "t"))


@rule("m21_unread_880")
def unread_880(ctx: Context, f: Field | None, r: Rule) -> None:
    """Script text of 880 subfields that no rule of their tag reads, as instance notes."""
    table = mapping(ctx.record.flavour, "bibliographic")
    for g in ctx.record.fields:
        if g.tag != "880":
            continue
        read = codes_read(table, (g["6"] or "")[:3])
        texts = [v for c, v in g.subfields if c != "6" and c not in read and not v.isascii()]
        if texts:
            node = ctx.fragment(ctx.instance, "note", g)
            ctx.add(ctx.instance, BF.note, node)
            ctx.add(node, A, BF.Note)
            ctx.put(node, RDFS.label, " ".join(clean(t) for t in texts), clean=False,
                    field=g)


def codes_read(table: Mapping, tag: str) -> frozenset[str]:
    """The subfield codes the rules of ``tag`` read, from the table's ``subfields`` column."""
    key = (table.name, tag)
    found = _READ.get(key)
    if found is None:
        found = _READ[key] = frozenset("".join(r.subfields for r in table.by_tag.get(tag, ())))
    return found


@rule("m21_label_fallback")
def label_fallback(ctx: Context, f: Field | None, r: Rule) -> None:
    """A record without a 245 title takes its label from its first other title (or that of
    an 880), else '[untitled]', so that every work and instance can be shown."""
    fields = ctx.record.fields
    if any(as_tag(g) == "245" and g.values("abnpk") for g in fields):
        return
    label, source = "[untitled]", None
    for tag, code in _OTHER_TITLES:
        source = next((g for g in fields if as_tag(g) == tag and clean(g[code] or "")), None)
        if source is not None:
            label = source[code]
            break
    label = clean(label) if source is not None else label
    ctx.put(ctx.work, RDFS.label, label, clean=False, field=source)
    ctx.put(ctx.instance, RDFS.label, label, clean=False, field=source)


def as_tag(f: Field) -> str:
    """The tag a field stands for: its own, or for an 880 the one in its $6."""
    return (f["6"] or "")[:3] if f.tag == "880" else f.tag
