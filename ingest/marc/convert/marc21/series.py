"""MARC21 series: 490 (series statement, as transcribed) and 440/800/810/811/830 (the series
as a shared entity, reached by bf:hasSeries; the volume number as bf:seriesEnumeration).

A series heading is keyed like a name heading, so every record of the series points at one
entity; an 880 twin adds its script form as a second label of that entity.
"""

from __future__ import annotations

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import clean, control_number, joined, put
from ingest.marc.convert.names import name_heading
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from ingest.marc.text import heading_key
from kg.vocab import BF, RDFS

SERIES_TYPES = (BF.Work, BF.Series)  # as the CNMARC rules type the same shared entities
_TITLE_PARTS = "tnplkfmors"  # in 800-811 after $t; in 830/440 after $a


@rule("m21_series")
def series(ctx: Context, f: Field, r: Rule) -> None:
    """The series entity of an 8XX/440 heading, linked from the work; $v on the instance."""
    partner = ctx.paired(f)
    source = partner or f
    label = series_label(source)
    if not label:
        return
    entity = ctx.agent("series", label, control=control_number(source),
                       types=SERIES_TYPES, keys=(heading_key(label),))
    if partner is not None:
        put(ctx, entity, RDFS.label, series_label(f), f)
    ctx.add(ctx.work, BF.hasSeries, entity)
    for v in f.values("v"):
        put(ctx, ctx.instance, BF.seriesEnumeration, v, f)



def series_label(f: Field) -> str:
    """'Name, dates. Title part' for 800-811, 'Title part' for 830 and 440."""
    if f.tag in ("830", "440"):
        return joined(f, "a" + _TITLE_PARTS[1:])
    name = clean(name_heading(f, "marc21").label)
    title = joined(f, _TITLE_PARTS)
    return f"{name}. {title}" if name and title else name or title

