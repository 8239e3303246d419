"""CNMARC identifiers not covered by the shared ``identifier`` rule: 035 system numbers.

(010 ISBN, 011 ISSN and the other standard numbers use ``identifier`` through the table.)
"""

from __future__ import annotations

import re

from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import Rule, rule, target
from ingest.marc.record import Field
from kg.vocab import BF, RDF, A

_PREFIXED = re.compile(r"^\(([^)]*)\)\s*(.+)$")


@rule("cn_system_number")
def system_number(ctx: Context, f: Field, r: Rule) -> None:
    """035 '(aleph)000218074BNU03': a bf:Local number; the system in brackets is its source."""
    node = target(ctx, r)
    for n, value in enumerate(f.values(r.subfields or "a"), 1):
        m = _PREFIXED.match(value.strip())
        ident = ctx.fragment(node, "identifier", f, n)
        ctx.add(node, BF.identifiedBy, ident)
        ctx.add(ident, A, r.term("class") or BF.Local)
        ctx.put(ident, RDF.value, m.group(2) if m else value)
        if m and m.group(1).strip():
            ctx.put(ident, BF.source, m.group(1))
