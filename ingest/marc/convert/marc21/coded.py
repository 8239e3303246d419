"""Coded values as IRIs of a controlled vocabulary: organization codes (003, 040), language
codes (008/35-37, 040 $b, 041), geographic area and country codes (043, 044).

One rule reads them all; the mapping table gives the vocabulary (``base``), where the codes
are (``pos`` for control fields, subfields otherwise) and how they are packed (``width``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.support import code_iri
from ingest.marc.convert.rules import Rule, rule, target
from ingest.marc.record import Field


@rule("m21_code")
def coded(ctx: Context, f: Field, r: Rule) -> None:
    """Each code of the field as ``base`` + code, the object of ``property``.

    Args (in the table): ``base`` the vocabulary IRI; ``pos=35-37`` the positions of a control
    field; ``width=3`` the length of codes run together ('engfre', as older 041s have them);
    ``skip_ind2=7`` indicators whose codes come from another list.
    """
    if f.ind2 in (r.arg("skip_ind2") or "-"):
        return
    node, base = target(ctx, r), r.arg("base", "")
    for code in codes(f, r):
        iri = code_iri(base, code)
        if iri is not None:
            ctx.add(node, r.property, iri)


def codes(f: Field, r: Rule) -> Iterator[str]:
    """The codes a field holds, as the row's ``pos`` / ``width`` say."""
    if r.arg("pos") and f.value is None:  # a control field that came as a data field
        return
    if f.value is not None:
        start, _, end = (r.arg("pos") or "0-0").partition("-")
        code = f.value[int(start):int(end or start) + 1]
        if code.strip(" |"):
            yield code
        return
    width = int(r.arg("width", "0"))
    for value in f.values(r.subfields or None):
        value = value.strip()
        if width and len(value) > width and len(value) % width == 0 and " " not in value:
            yield from (value[i:i + width] for i in range(0, len(value), width))
        else:
            yield value
