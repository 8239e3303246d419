"""MARC21 names: 100/110/111 main entries, 700/710/711/720 added entries -> contributions.

The agent is the shared entity of the heading (`ingest.marc.convert.names.name_heading`): by
the authority control number in $0, else by the heading among the authority headings, else by
its key. An 880 names the same agent as its romanized twin and adds its own label to it.
Roles come from $4 codes and $e terms ($j for meetings), English or Chinese; a term no list
knows stays a bf:Role with the term as its label. With no role the table's default applies.
"""

from __future__ import annotations

from functools import cache

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.context import Context
from ingest.marc.convert.marc21.links import related_work
from ingest.marc.convert.marc21.support import (
    RELATORS,
    arg_map,
    clean,
    code_iri,
    control_number,
    put,
    safe_iri,
)
from ingest.marc.convert.names import Heading, name_heading
from ingest.marc.convert.rules import Rule, rule
from ingest.marc.record import Field
from ingest.marc.tables import TableError, table
from kg.vocab import BF, JL, RDFS, XSD, A

AGENT_TYPES = {"person": (BF.Person, JL.Person), "organization": (BF.Organization,
               JL.Organization), "meeting": (BF.Meeting,), "family": (BF.Family,),
               "work": (BF.Work,)}
FAMILY = "3"  # first indicator of X00: a family name


@rule("m21_contribution")
def contribution(ctx: Context, f: Field, r: Rule) -> None:
    """A contribution of the heading's agent to the work (bf:PrimaryContribution if
    ``primary=1``); a 7XX with a title ($t) names a related work instead."""
    if f["t"] and r.arg("titles"):
        return name_title(ctx, f, r)
    node = ctx.fragment(ctx.work, "contribution", f)
    ctx.add(ctx.work, BF.contribution, node)
    describe_contribution(ctx, node, f, r)


def describe_contribution(ctx: Context, node: NamedNode, f: Field, r: Rule) -> None:
    ctx.add(node, A, BF.Contribution)
    if r.arg("primary"):
        ctx.add(node, A, BF.PrimaryContribution)
    kind = arg_map(r, "kinds").get(f.ind1) or r.arg("kind")
    ctx.add(node, BF.agent, agent_of(ctx, f, kind))
    found = roles(ctx, f, r)
    if not found and r.arg("role") and ctx.paired(f) is None:  # a twin took the default
        found.append(NamedNode(RELATORS + r.arg("role")))
    for role in found:
        ctx.add(node, BF.role, role)


def name_title(ctx: Context, f: Field, r: Rule) -> None:
    """7XX $a ... $t: the related work (a part when ind2 is 2) and who made it."""
    prop = BF.hasPart if f.ind2 == "2" else BF.relatedTo
    heading = name_heading(f, "marc21")
    work = related_work(ctx, f, prop, "tklfmors", name=heading.label)
    if work is None:
        return
    node = ctx.fragment(ctx.work, "contribution", f)
    ctx.add(work, BF.contribution, node)
    describe_contribution(ctx, node, f, r)


def agent_of(ctx: Context, f: Field, kind: str | None = None) -> NamedNode:
    """The shared agent a name field names; an 880 names its twin's and adds its label."""
    partner = ctx.paired(f)
    source = partner or f
    heading = name_heading(source, "marc21")
    kind = kind or ("family" if heading.kind == "person" and source.ind1 == FAMILY
                    else heading.kind)
    iri = ctx.agent(kind, heading.label, control=control_number(source),
                    types=AGENT_TYPES.get(kind, ()), keys=(heading.key, heading.name_key),
                    extra=life_years(heading))
    if partner is not None:
        put(ctx, iri, RDFS.label, name_heading(f, "marc21").label, f)
    return iri


def life_years(heading: Heading) -> list[tuple[NamedNode, Literal]]:
    """jl:birthYear / jl:deathYear from the heading's dates, as xsd:integer."""
    if not heading.dates:
        return []
    born, died = heading.years()
    out = []
    if born is not None:
        out.append((JL.birthYear, Literal(str(born), datatype=XSD.integer)))
    if died is not None and (born is None or died >= born):
        out.append((JL.deathYear, Literal(str(died), datatype=XSD.integer)))
    return out


def roles(ctx: Context, f: Field, r: Rule) -> list[NamedNode]:
    """Role IRIs from $4 and the term subfield; unknown terms as labelled role fragments."""
    out = [iri for iri in map(role_code, f.values("4")) if iri is not None]
    terms = [t for v in f.values(r.arg("terms", "e")) for t in split_terms(v)]
    for n, term in enumerate(terms, 1):
        code = relator_for(term)
        if code is not None:
            out.append(code)
            continue
        node = ctx.fragment(ctx.work, "role", f, n)
        ctx.add(node, A, BF.Role)
        ctx.put(node, RDFS.label, term, clean=False, field=f)
        out.append(node)
    return out


def role_code(value: str) -> NamedNode | None:
    """$4 'aut' or a relator IRI; a Chinese word there ('著') counts as a term."""
    text = value.strip().rstrip(".")
    if "://" in text:
        return safe_iri(text)
    if len(text) == 3 and text.isascii() and text.isalpha():
        return code_iri(RELATORS, text)
    return relator_for(text)


def split_terms(value: str) -> list[str]:
    """'editor, translator.' -> ['editor', 'translator']; 'author and illustrator' likewise."""
    text = clean(value).rstrip(".").strip()
    parts = text.replace(" and ", ",").replace(" & ", ",").split(",")
    return [p.strip() for p in parts if p.strip()]


def relator_for(term: str) -> NamedNode | None:
    code = relator_terms().get(term.lower().rstrip("."))
    return code_iri(RELATORS, code) if code else None


@cache
def relator_terms() -> dict[str, str]:
    """Relator term (English label, Chinese label or cataloguing word) -> MARC code."""
    terms: dict[str, str] = {}
    try:
        for row in table("relators"):
            for label in (row["label_en"], row["label_zh"]):
                terms.setdefault(label.lower(), row["code"])
        for row in table("relator_words"):
            terms.setdefault(row["word"], row["marc"])
    except TableError:  # without the lists every term stays a labelled role
        return terms
    terms.pop("", None)
    return terms
