"""Rules that fields of both flavours share: literals, notes, identifiers, classifications.

Each takes ``(ctx, field, rule)``; the mapping tables say which fields use them and how.
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import Rule, rule, target
from ingest.marc.record import Field
from ingest.marc.text import strip_isbd
from kg.vocab import BF, RDF, A

_QUALIFIER = re.compile(r"^(?P<value>[^()]*?)\s*\((?P<qualifier>[^)]*)\)\s*[.:;]?$")


@rule("literal")
def literal(ctx: Context, f: Field, r: Rule) -> None:
    """Each subfield in ``subfields`` as a literal of ``property``; ``join=1`` makes one."""
    node = target(ctx, r)
    values = f.values(r.subfields or None)
    if r.arg("join"):
        values = [" ".join(strip_isbd(v) for v in values)] if values else []
    for v in values:
        ctx.put(node, r.property, v, field=f)


@rule("note")
def note(ctx: Context, f: Field, r: Rule) -> None:
    """A bf:Note fragment (``class`` overrides, e.g. bf:Summary) labelled with the subfields."""
    values = [strip_isbd(v) for v in f.values(r.subfields or None)]
    if not any(values):
        return
    node = ctx.labelled(target(ctx, r), r.property or BF.note, r.arg("kind", "note"),
                        r.term("class") or BF.Note, " ".join(v for v in values if v), f)
    if r.arg("noteType"):
        ctx.put(node, BF.noteType, r.arg("noteType"))


@rule("identifier")
def identifier(ctx: Context, f: Field, r: Rule) -> None:
    """An identifier fragment of ``class`` (bf:Isbn ...): $a value, qualifier, invalid $z."""
    node = target(ctx, r)
    code = r.arg("value", "a")
    for n, (c, value) in enumerate(f.pairs(code + r.arg("invalid", "z")), 1):
        ident = ctx.fragment(node, "identifier", f, n)
        ctx.add(node, BF.identifiedBy, ident)
        ctx.add(ident, A, r.term("class") or BF.Identifier)
        m = _QUALIFIER.match(value)
        ctx.put(ident, RDF.value, m.group("value") if m else value)
        if m and m.group("qualifier"):
            ctx.put(ident, BF.qualifier, m.group("qualifier"))
        for q in f.values(r.arg("qualifier", "q")):
            ctx.put(ident, BF.qualifier, q)
        if c != code:
            ctx.add(ident, BF.status, STATUS_INVALID)
        if r.arg("source") and f[r.arg("source")]:
            ctx.put(ident, BF.source, f[r.arg("source")])


@rule("classification")
def classification(ctx: Context, f: Field, r: Rule) -> None:
    """A classification fragment: class number $a, item part $b, scheme from ``scheme``."""
    numbers = f.values(r.arg("value", "a"))
    for n, number in enumerate(numbers, 1):
        cls = ctx.fragment(ctx.work, "classification", f, n if len(numbers) > 1 else None)
        ctx.add(ctx.work, BF.classification, cls)
        ctx.add(cls, A, r.term("class") or BF.Classification)
        ctx.put(cls, BF.classificationPortion, number)
        item_part = f[r.arg("item", "b")] if r.arg("item", "b") != "-" else None
        ctx.put(cls, BF.itemPortion, item_part)
        scheme = r.arg("scheme") or (f[r.arg("source_code", "2")] or "").strip()
        if scheme:
            ctx.add(cls, BF.source, scheme_node(ctx, scheme))
        ctx.put(cls, BF.edition, f[r.arg("edition_code", "-")] if r.arg("edition_code") else None)


def scheme_node(ctx: Context, name: str) -> NamedNode:
    """A classification or subject scheme: a full IRI as is, a short name under {base}scheme/."""
    if name.startswith(("http://", "https://")):
        return NamedNode(name)
    safe = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-") or "unknown"
    return ctx.env.minter.from_path(f"scheme/{safe}")


STATUS_INVALID = NamedNode("http://id.loc.gov/vocabulary/mstatus/cancinv")
