"""MARC21 identifiers (010-048): those the generic ``identifier`` rule cannot take alone.

024 and 028 say the kind of number in the first indicator; 035 prefixes the number with the
code of the organization that assigned it: '(OCoLC)880223951'.
"""

from __future__ import annotations

from dataclasses import replace

from ingest.marc.convert.common import STATUS_INVALID, identifier
from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import ORGANIZATIONS, arg_map, code_iri
from ingest.marc.convert.rules import Rule, rule, target
from ingest.marc.record import Field
from kg.vocab import BF, RDF, A

_BY_INDICATOR: dict[tuple[int, str], tuple[Rule, Rule]] = {}


@rule("m21_identifier_by_ind1")
def identifier_by_ind1(ctx: Context, f: Field, r: Rule) -> None:
    """The generic identifier rule with the class that ind1 selects (``classes=0:bf:Isrc,...``;
    ``source=2`` only for the indicators named in ``source_ind1``)."""
    row, chosen = _BY_INDICATOR.get((id(r), f.ind1), (None, r))
    if row is not r:  # first use of this row and indicator
        classes = arg_map(r, "classes")
        args = {**r.args, "class": classes.get(f.ind1, r.arg("default", "bf:Identifier"))}
        if f.ind1 not in (r.arg("source_ind1") or ""):
            args.pop("source", None)
        chosen = replace(r, args=args)
        _BY_INDICATOR[(id(r), f.ind1)] = (r, chosen)
    identifier(ctx, f, chosen)


@rule("m21_control_number")
def system_number(ctx: Context, f: Field, r: Rule) -> None:
    """035 '(OCoLC)880223951': a bf:Local number, assigned by the organization in brackets."""
    node = target(ctx, r)
    for n, (code, value) in enumerate(f.pairs("az"), 1):
        org, number = split_prefix(value)
        if not number:
            continue
        ident = ctx.fragment(node, "identifier", f, n)
        ctx.add(node, BF.identifiedBy, ident)
        ctx.add(ident, A, BF.Local)
        ctx.put(ident, RDF.value, number, clean=False)
        assigner = code_iri(ORGANIZATIONS, org) if org else None
        if assigner is not None:
            ctx.add(ident, BF.assigner, assigner)
        if code == "z":
            ctx.add(ident, BF.status, STATUS_INVALID)


def split_prefix(value: str) -> tuple[str, str]:
    """'(OCoLC)ocm123 ' -> ('OCoLC', 'ocm123'); no prefix -> ('', value)."""
    text = value.strip()
    if text.startswith("(") and ")" in text:
        org, _, number = text[1:].partition(")")
        return org.strip(), number.strip()
    return "", text
