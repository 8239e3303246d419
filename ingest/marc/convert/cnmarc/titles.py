"""CNMARC related titles: 500-503 uniform titles (the work's title), 510-545 variant titles
(parallel, cover, spine, other, key, abbreviated, cataloguer's added and translated titles)."""

from __future__ import annotations

from ingest.marc.convert.cnmarc import support
from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import Rule, rule, target
from ingest.marc.record import Field
from kg.vocab import BF, A

# Subfields of a 5XX title and the title property each becomes.
_PARTS = {"a": BF.mainTitle, "e": BF.subtitle, "h": BF.partNumber, "i": BF.partName,
          "b": BF.qualifier}
TITLE, TITLE_CLASS, VARIANT_TYPE = BF.title, BF.Title, BF.variantType


@rule("cn_title_added")
def title_added(ctx: Context, f: Field, r: Rule) -> None:
    """A title fragment of ``class`` on the target's ``property`` (bf:title).

    ``variantType`` names the kind of variant; a language code in $z (510, 541) tags the title
    with that language instead of one guessed from its characters.
    """
    if not f["a"]:
        return
    owner = target(ctx, r)
    node = ctx.fragment(owner, "title", f)
    ctx.add(owner, r.property or TITLE, node)
    ctx.add(node, A, support.curies(r.arg("class", "bf:Title"))[0])
    if r.arg("variantType"):
        ctx.put(node, VARIANT_TYPE, r.arg("variantType"))
    tag = _language(f)
    if tag is None:
        support.put_subfields(ctx, node, f, _PARTS)
        return
    for c, value in f.subfields:
        if c in _PARTS:
            support.put_tagged(ctx, node, _PARTS[c], support.unmarked(value), tag)


def _language(f: Field) -> str | None:
    """The BCP 47 tag of the title's language from $z ('eng' -> 'en'), or None."""
    lang = (f["z"] or "").strip().lower()
    if f.tag not in ("510", "541") or len(lang) != 3:
        return None
    return support.code("languages", lang, "bcp47")
