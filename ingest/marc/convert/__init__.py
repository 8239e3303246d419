"""MARC records to BIBFRAME 2 (bibliographic) and authority entities, driven by mapping tables.

`convert` runs the table of the record's flavour and kind: record-level rules first (leader and
fixed fields), then each field's rules in record order, then each 880 as the field it stands for.
Rule functions are registered by the modules of this package, one per field range.
"""

from __future__ import annotations

from ingest.marc.convert import authority, cnmarc, marc21  # noqa: F401  (they register rules)
from ingest.marc.convert.context import Context, Env, Triple, record_digest
from ingest.marc.convert.rules import apply, mapping
from ingest.marc.record import Record
from ingest.protocol import Conversion

__all__ = ["CONVERTER_VERSION", "Context", "Conversion", "Env", "Triple", "convert"]

CONVERTER_VERSION = "jinling-marc/1"


def convert(record: Record, env: Env) -> Conversion:
    """Convert one record. Raises IngestError subclasses naming the field at fault."""
    kind = "authority" if record.is_authority else "bibliographic"
    table = mapping(record.flavour, kind)
    ctx = authority.context(record, env) if record.is_authority else Context(record, env)
    digest = record_digest(record, env.version)
    if record.status == "d":
        return Conversion(ctx.key, ctx.roots(), [], digest, True)
    alternates = ctx.link_880s()  # first: fields paired with an 880 hold romanized text
    for r in table.record_rules:
        apply(ctx, None, r)
    for f in record.fields:
        rules = table.by_tag.get(f.tag)
        if rules:
            for r in rules:
                apply(ctx, f, r)
        elif f.tag != "880":
            ctx.unmapped.append(f.tag)
    for f, _partner, script in alternates:
        ctx.script = script
        for r in table.by_tag.get(f.tag, ()):
            apply(ctx, f, r)
        ctx.script = None
    return Conversion(ctx.key, ctx.roots(), list(ctx.triples), digest, False,
                      tuple(ctx.unmapped))

