"""CNMARC intellectual responsibility: 700-722 names -> contributions with shared agents.

A role comes from $4: a UNIMARC number (070), a MARC code, or a Chinese word (著, 主编, or a
name followed by the word, '袁枚著'). A name without $4 takes the word that follows (or leads)
it in the 200 $f/$g statement ('国家统计局编'); failing that it is a contributor (ctb).
"""

from __future__ import annotations

import re
from functools import cache

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.cnmarc import support
from ingest.marc.convert.context import Context
from ingest.marc.convert.names import Heading, name_heading
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field, Record
from ingest.marc.text import heading_key
from kg.vocab import BF, JL, XSD, A

DEFAULT_ROLE = "ctb"
# Separators between the names of a responsibility statement ('叶震, 李强主编'; '张三、李四著').
_NAMES = re.compile(r"\s*[,，、;；]\s*|\s+(?=\S)")
_ETC = re.compile(r"\.{3}|…|\[?等\]?$")
# A period or nationality before a name: '(清)袁枚著', '[美]马克·吐温著'.
_PREFIX = re.compile(r"^[(\[（〔【][^)\]）〕】]*[)\]）〕】]\s*")
_KINDS = {"person": (BF.Person, JL.Person), "organization": (BF.Organization, JL.Organization),
          "meeting": (BF.Meeting,), "family": (BF.Family,)}
CONTRIBUTION, CONTRIBUTION_CLASS, PRIMARY = BF.contribution, BF.Contribution, \
    BF.PrimaryContribution
AGENT, ROLE = BF.agent, BF.role


@rule("cn_name")
def name(ctx: Context, f: Field, r: Rule) -> None:
    """A contribution of the work: its agent (shared; by $3 when given) and roles.

    ``primary=1`` makes it a bf:PrimaryContribution (700, 710, 720).
    """
    heading = name_heading(f, "cnmarc")
    if not heading.label:
        return
    agent = _agent(ctx, f, heading)
    node = ctx.fragment(ctx.work, "contribution", f)
    ctx.add(ctx.work, CONTRIBUTION, node)
    ctx.add(node, A, CONTRIBUTION_CLASS)
    if r.arg("primary"):
        ctx.add(node, A, PRIMARY)
    ctx.add(node, AGENT, agent)
    for role in roles(ctx.record, f, heading):
        ctx.add(node, ROLE, role_iri(role))


def _agent(ctx: Context, f: Field, heading: Heading) -> NamedNode:
    # 71X with ind1 1 is a meeting; its authority is still filed with the corporate names.
    meeting = heading.kind == "organization" and f.ind1 == "1"
    types = _KINDS["meeting" if meeting else heading.kind]
    control = (f["3"] or "").strip() or None
    return ctx.agent(heading.kind, heading.label, control=control, types=types,
                     extra=_extra(ctx, f, heading))


def _extra(ctx: Context, f: Field, heading: Heading):
    """The pinyin label and the years of an agent, for its first description."""
    yield from support.pinyin_labels(ctx, f)
    for prop, year in zip((JL.birthYear, JL.deathYear), heading.years(), strict=True):
        if year is not None:
            yield prop, Literal(str(year), datatype=XSD.integer)


@cache
def role_iri(code: str) -> NamedNode:
    return NamedNode(support.RELATORS + code)


def roles(record: Record, f: Field, heading: Heading) -> list[str]:
    """The MARC relator codes of a name field (at least one)."""
    found = [code for code in map(support.relator, f.values("4")) if code]
    if found:
        return list(dict.fromkeys(found))
    stated = statement_roles(record)
    # The statement names a person without the additions of $c ('(清)'): try $a alone too.
    role = stated.get(heading.name_key) or stated.get(heading_key(f["a"] or ""))
    return [role or DEFAULT_ROLE]


def statement_roles(record: Record) -> dict[str, str]:
    """Name key -> relator for the names of the 200 $f/$g statements.

    A word at the end of a name applies to it and to the names before it that have none
    ('叶震, 李强主编'); a word before the first name applies to all ('主编季野, 张西明').

    >>> statement_roles(Record("", [Field("200", "1", " ", [
    ...     ("a", "随园诗话"), ("f", "(清)袁枚著"), ("g", "顾学颉校点")])]))
    {'袁枚': 'aut', '顾学颉': 'edt'}
    >>> _statement("叶震, 李强主编"), _statement("主编季野, 张西明, 张弢...[等]")
    ({'叶震': 'edt', '李强': 'edt'}, {'季野': 'edt', '张西明': 'edt', '张弢': 'edt'})
    """
    title = record.first("200")
    out: dict[str, str] = {}
    for statement in title.values("fg") if title is not None else ():
        out.update(_statement(statement))
    return out


def _statement(text: str) -> dict[str, str]:
    rest, leading = support.leading_role(text)
    out: dict[str, str] = {}
    pending: list[str] = []
    for part in _NAMES.split(_ETC.sub("", rest)):
        name_, role = support.word_role(_PREFIX.sub("", part))
        if name_:
            pending.append(heading_key(name_))
        if role:
            out.update(dict.fromkeys(pending, role))
            pending = []
    if leading:
        out.update(dict.fromkeys(pending, leading))
    return out
