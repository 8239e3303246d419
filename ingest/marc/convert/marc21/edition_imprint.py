"""MARC21 imprints (260, 261, 262, 264): provision activities as transcribed.

A field becomes a ``#provisionActivity{tag}-{n}`` fragment of the instance, typed by the table
(264 by its second indicator), with each place, agent and date as its own literal, so the 880
twin adds its script forms beside them. A 264 with ind2 4 is a copyright date.
"""

from __future__ import annotations

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import put, term_map
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from kg.vocab import BF, BFLC, A

COPYRIGHT = "4"  # 264 second indicator: copyright notice date
# the row argument naming the subfields of each part of the activity
_ROLES = ((BFLC.simplePlace, "place"), (BFLC.simpleAgent, "agent"), (BFLC.simpleDate, "date"))


@rule("m21_provision")
def provision(ctx: Context, f: Field, r: Rule) -> None:
    """A provision activity from the subfields named by ``place``, ``agent`` and ``date``;
    its class is ``class``, or by ind2 (``classes=0:bf:Production,...``); ``n`` numbers a
    second activity from the same field (260 $e $f $g: manufacture)."""
    if r.arg("copyright") and f.ind2 == COPYRIGHT:
        for v in f.values("c"):
            put(ctx, ctx.instance, BF.copyrightDate, v, f)
        return
    cls = term_map(r, "classes").get(f.ind2) or r.term("class") or BF.Publication
    roles = {c: prop for prop, k in _ROLES for c in r.arg(k, "")}
    values = [(roles[c], v) for c, v in f.subfields if c in roles]
    if not values:
        return
    n = int(r.arg("n")) if r.arg("n") else None
    node = ctx.fragment(ctx.instance, "provisionActivity", f, n)
    ctx.add(ctx.instance, BF.provisionActivity, node)
    ctx.add(node, A, cls)
    for prop, v in values:
        put(ctx, node, prop, v, f)
