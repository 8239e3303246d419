"""CNMARC linking entries (4XX): series, sets and other related works, as shared works.

A 4XX either embeds whole fields of the linked record (``$1`` + tag + indicators opens each,
the following subfields belong to it: ``$12001 $a中国发展报告书 $v3``) or uses standard
subfields ($t title, $a author, $v volume). The linked work is keyed by its record number (an
embedded 001) when there is one, else by its title.
"""

from __future__ import annotations

from ingest.marc.convert.cnmarc import support
from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from ingest.marc.text import strip_isbd
from kg.vocab import BF


def embedded(f: Field) -> list[Field]:
    """The fields a 4XX embeds with $1, in order; control fields (001) carry their value.

    >>> f = Field("410", " ", "0", [("1", "001CAL012003173736"), ("1", "2001 "),
    ...                            ("a", "中国发展报告书"), ("v", "3")])
    >>> [(e.tag, e.value or e.subfields) for e in embedded(f)]
    [('001', 'CAL012003173736'), ('200', [('a', '中国发展报告书'), ('v', '3')])]
    """
    out: list[Field] = []
    current: Field | None = None
    for code, value in f.subfields:
        if code == "1":
            current = _opened(value)
            if current is not None:
                out.append(current)
        elif current is not None and current.value is None:
            current.subfields.append((code, value))
    return out


def _opened(value: str) -> Field | None:
    tag = value[:3]
    if len(tag) < 3:
        return None
    if tag < "010":
        return Field(tag, value=value[3:].strip())
    indicators = value[3:5].ljust(2)
    return Field(tag, indicators[0], indicators[1], [])


def linked_title(f: Field, fields: list[Field]) -> tuple[Field, str] | None:
    """(the field that holds the linked title, its title): the embedded 200 (or 5XX) among
    ``fields``, else the 4XX's own $t (or $a)."""
    for inner in fields:
        if inner.tag == "200" or inner.tag[0] == "5":
            return inner, _title(inner, "a")
    if fields:
        return None
    return f, _title(f, "t" if f["t"] else "a")


def _title(f: Field, code: str) -> str:
    parts = [strip_isbd(support.unmarked(v)) for v in f.values(code)]
    return " ; ".join(p for p in parts if p)


@rule("cn_link")
def link(ctx: Context, f: Field, r: Rule) -> None:
    """The work's ``property`` (bf:hasSeries, bf:partOf, bf:translationOf ...) to the shared
    linked work of ``kind`` with ``types``; a series volume as the instance's numbering."""
    fields = embedded(f)
    found = linked_title(f, fields)
    if found is None or not found[1]:
        return
    inner, title = found
    control = next((e.value for e in fields if e.tag == "001" and e.value), None)
    types = support.curies(r.arg("types", "bf:Work"))
    iri = ctx.agent(r.arg("kind", "work"), title, control=control, types=types,
                    extra=support.pinyin_labels(ctx, inner))
    ctx.add(ctx.work, r.property or BF.relatedTo, iri)
    if r.arg("numbering"):
        for value in inner.values("v") or f.values("v"):
            ctx.put(ctx.instance, BF.seriesEnumeration, value, field=f)
