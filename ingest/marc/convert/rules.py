"""The rule registry and the mapping tables that say which rule converts which field.

A mapping table (``ingest/marc/mappings/<flavour>-<kind>.tsv``) has one row per field rule:

    tag  rule  target  property  subfields  args

``rule`` names a function registered here with ``@rule("name")``; ``target`` is the node it
writes to (work, instance, item, admin); ``property`` a CURIE; ``subfields`` the codes it reads;
``args`` ``key=value`` pairs separated by ``;``. Tag ``LDR`` rows run once per record, before
the fields. The rule functions live in modules by field range (``marc21_0xx.py`` ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyoxigraph import NamedNode

from ingest.errors import FieldRuleError
from ingest.marc.record import Field
from kg.vocab import BF, BFLC, DCT, JL, MADS, RDFS, SKOS, Namespace

MAPPINGS = Path(__file__).resolve().parent.parent / "mappings"
PREFIXES: dict[str, Namespace] = {"bf": BF, "bflc": BFLC, "jl": JL, "rdfs": RDFS, "skos": SKOS,
                                  "madsrdf": MADS, "dct": DCT}


@dataclass(frozen=True)
class Rule:
    """One row of a mapping table."""

    tag: str
    rule: str
    target: str
    property: NamedNode | None
    subfields: str
    args: dict[str, str] = field(default_factory=dict)

    def arg(self, name: str, default: str | None = None) -> str | None:
        return self.args.get(name, default)

    def term(self, name: str) -> NamedNode | None:
        """An argument that is a CURIE, as a term."""
        value = self.args.get(name)
        return curie(value) if value else None


RuleFn = Callable[..., None]
RULES: dict[str, RuleFn] = {}


def rule(name: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function ``fn(ctx, field, rule)`` under the name the tables use."""
    def register(fn: RuleFn) -> RuleFn:
        if name in RULES:
            raise ValueError(f"rule {name!r} registered twice")
        RULES[name] = fn
        return fn
    return register


def curie(value: str) -> NamedNode:
    prefix, _, local = value.partition(":")
    if prefix not in PREFIXES or not local:
        raise ValueError(f"unknown CURIE {value!r}: use one of the prefixes {sorted(PREFIXES)}")
    return PREFIXES[prefix][local]


@dataclass(frozen=True)
class Mapping:
    """A parsed mapping table: record-level rules, and field rules by tag."""

    name: str
    record_rules: tuple[Rule, ...]
    by_tag: dict[str, tuple[Rule, ...]]


@cache
def mapping(flavour: str, kind: str) -> Mapping:
    """The mapping table for a flavour (marc21, cnmarc) and kind (bibliographic, authority)."""
    path = MAPPINGS / f"{flavour}-{kind}.tsv"
    rows = [_row(path, n, line) for n, line in _lines(path)]
    by_tag: dict[str, list[Rule]] = {}
    for r in rows:
        if r.tag != "LDR":
            by_tag.setdefault(r.tag, []).append(r)
    return Mapping(path.stem, tuple(r for r in rows if r.tag == "LDR"),
                   {t: tuple(rs) for t, rs in by_tag.items()})


def _lines(path: Path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#") and not line.startswith("tag\t"):
            yield n, line


def _row(path: Path, n: int, line: str) -> Rule:
    cells = (line.split("\t") + [""] * 6)[:6]
    tag, name, target, prop, subfields, args = (c.strip() for c in cells)
    if name not in RULES:
        raise ValueError(f"{path.name}:{n}: no rule named {name!r} (known: {sorted(RULES)})")
    parsed = dict(a.split("=", 1) for a in args.split(";") if "=" in a)
    return Rule(tag, name, target, curie(prop) if prop and prop != "-" else None,
                "" if subfields == "-" else subfields, parsed)


def apply(ctx, f: Field | None, r: Rule) -> None:
    """Run one rule on one field (None for record-level rules), naming the field in errors."""
    tag = f.tag if f is not None else "LDR"
    try:
        RULES[r.rule](ctx, f, r)
    except FieldRuleError as err:
        err.field = err.field or tag
        raise
    except (ValueError, IndexError, KeyError) as err:
        raise FieldRuleError(f"rule {r.rule}: {err}", field=tag) from err


def target(ctx, r: Rule) -> NamedNode:
    """The node a rule writes to."""
    return {"work": ctx.work, "instance": ctx.instance, "admin": ctx.admin}[r.target]
