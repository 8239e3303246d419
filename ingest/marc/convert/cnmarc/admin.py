"""CNMARC 801 originating source -> the record's admin metadata.

Each 801 is a bf:Source of the description: the agency ($b, shared by its code, placed in the
$a country), and the date of its transaction ($c). The second indicator says what the agency
did (an rdfs:comment of the source): 0 catalogued the resource (also the admin metadata's
bf:assigner), 1 transcribed the record, 2 modified it (bf:descriptionModifier), 3 issued it.
"""

from __future__ import annotations

from functools import cache

from pyoxigraph import Literal

from ingest.marc.convert.cnmarc import support
from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from kg.vocab import BF, RDFS, A

SOURCE, SOURCE_CLASS, AGENT, DATE = BF.source, BF.Source, BF.agent, BF.date
LABEL, CODE, COMMENT = RDFS.label, BF.code, RDFS.comment
_FUNCTIONS = {"0": "original cataloguing agency", "1": "transcribing agency",
              "2": "modifying agency", "3": "issuing agency"}
_FUNCTION_LITERALS = {k: Literal(v) for k, v in _FUNCTIONS.items()}
# The admin metadata's own link to the agency, by 801 second indicator.
_ROLES = {"0": BF.assigner, "2": BF.descriptionModifier}


@rule("cn_source")
def source(ctx: Context, f: Field, r: Rule) -> None:
    """801: a bf:Source fragment of the admin metadata with agency, country and date."""
    code = (f["b"] or "").strip()
    country = (f["a"] or "").strip()
    agency = support.agency(ctx, code, country)
    if agency is None:
        return
    node = ctx.fragment(ctx.instance, "source", f)
    ctx.add(ctx.admin, SOURCE, node)
    ctx.add(node, A, SOURCE_CLASS)
    label, code_literal = _labels(country, code)
    ctx.add(node, LABEL, label)
    ctx.add(node, CODE, code_literal)
    ctx.add(node, AGENT, agency)
    if f.ind2 in _FUNCTIONS:
        ctx.add(node, COMMENT, _FUNCTION_LITERALS[f.ind2])
    date = support.iso_date(f["c"] or "")
    if date is not None:
        ctx.add(node, DATE, date)
    if f.ind2 in _ROLES:
        ctx.add(ctx.admin, _ROLES[f.ind2], agency)


@cache
def _labels(country: str, code: str) -> tuple[Literal, Literal]:
    return Literal(" ".join(p for p in (country, code) if p)), Literal(code)
