"""What one record's conversion writes into: IRIs, literals with language tags, shared entities.

Every rule gets the `Context` of the record it converts. The context mints the record's IRIs
(work, instance, items and their ``#fragment`` nodes), turns field values into literals tagged
with the right language and script, and mints the entities records share (agents, concepts) so
that one heading is one entity across records, never one blank node per mention.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from ingest.headings import heading_digest, heading_entity
from ingest.marc import scripts
from ingest.marc.record import Field, Record
from ingest.marc.text import heading_key, strip_isbd
from kg.iri import Minter
from kg.vocab import BF, JL, RDFS, SKOS, A

Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]

_UNSAFE_KEY = re.compile(r"[^0-9A-Za-z._-]+")
_ORG_PREFIX = re.compile(r"^\(([^)]*)\)\s*(.*)$")


@dataclass
class Env:
    """What stays the same for every record of a run."""

    minter: Minter
    source: str
    version: str
    # heading key -> authority entity, for bibliographic headings that carry no control number
    headings: Mapping[str, NamedNode] = field(default_factory=dict)
    # shared entities already described in this run (their labels are written once)
    seen: set[str] = field(default_factory=set)


def control_key(value: str, default_org: str) -> str:
    """The key of a record in its source: '(DLC)n  79021164' -> 'dlc-n79021164'.

    >>> control_key("(DLC)n  79021164", "jl"), control_key(" 012345 ", "jl")
    ('dlc-n79021164', 'jl-012345')
    """
    value = value.strip()
    m = _ORG_PREFIX.match(value)
    org, number = (m.group(1), m.group(2)) if m else (default_org, value)
    org = _UNSAFE_KEY.sub("", org.lower()) or default_org
    return f"{org}-{_UNSAFE_KEY.sub('', number)}"


def record_key(number: str) -> str:
    """The key of a bibliographic record in its source: its 001, made IRI-safe.

    >>> record_key(" ocm 12345 "), record_key("(OCoLC)12345"), record_key(" ")
    ('ocm12345', 'ocolc-12345', '')
    """
    number = number.strip()
    if number.startswith("("):
        return control_key(number, "")
    return _UNSAFE_KEY.sub("", number)


def record_org(record: Record) -> str:
    """The code of the agency whose file the record is in: MARC21 003, CNMARC 801 $b.

    A control number in $0/$3 without an ``(ORG)`` prefix points into that agency's file.
    """
    if record.flavour == "marc21":
        return (record.control("003") or "").strip()
    for f in record["801"]:
        if f["b"]:
            return f["b"].strip()
    return ""


def content_key(record: Record) -> str:
    """A stable key for a record with no usable 001: a digest of its fields."""
    fields = Record(record.leader, record.fields)
    return "c" + record_digest(fields, "")[:20]


def record_digest(record: Record, version: str) -> str:
    """SHA-1 of the record as read (or of its fields, when it was built in memory) and of the
    converter version: a new version of either replaces the record's description."""
    h = hashlib.sha1(version.encode())
    if record.raw:
        h.update(record.raw)
        return h.hexdigest()
    h.update(record.leader[5:12].encode() + record.leader[17:].encode())
    for f in record.fields:
        h.update(b"\x1e" + f.tag.encode())
        if f.value is not None:
            h.update(f.value.encode())
        else:
            h.update((f.ind1 + f.ind2).encode())
            for code, value in f.subfields:
                h.update(b"\x1f" + code.encode() + value.encode())
    return h.hexdigest()


class Context:
    """The conversion of one record: its IRIs and the triples written so far."""

    def __init__(self, record: Record, env: Env, key: str | None = None):
        self.record = record
        self.env = env
        number = (record.control("001") or "").strip()
        self.key = key or record_key(number) or content_key(record)
        minter, source = env.minter, env.source
        self.work = minter.record("works", source, self.key)
        self.instance = minter.record("instances", source, self.key)
        self.admin = NamedNode(self.instance.value + "#admin")
        self.triples: dict[Triple, None] = {}
        self.language = "und"  # MARC code of the record's language, set by 008 / 101
        self.han = "Hans"      # script of Han text whose characters do not tell
        self.romanized: set[int] = set()  # id() of fields that have a paired 880
        self.script: str | None = None    # the 880 script code while an 880 is converted
        self.unmapped: list[str] = []
        self._occurrence = _occurrences(record.fields)
        self._partners: dict[int, Field] = {}
        self._org: str | None = None

    # -- writing -------------------------------------------------------------------------

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.triples[(s, p, o)] = None

    def text(self, value: str, *, clean: bool = True, field: Field | None = None
             ) -> Literal | None:
        """A literal for a field value: ISBD stripped, tagged with its language and script."""
        text = strip_isbd(value) if clean else value.strip()
        if not text:
            return None
        tag = scripts.language_tag(text, self, field)
        return Literal(text, language=tag) if tag else Literal(text)

    def put(self, s: NamedNode, p: NamedNode, value: str | None, *, clean: bool = True,
            field: Field | None = None) -> Literal | None:
        """Add ``s p "value"`` when the value is not empty; return the literal."""
        if value is None:
            return None
        lit = self.text(value, clean=clean, field=field)
        if lit is not None:
            self.add(s, p, lit)
        return lit

    def labelled(self, owner: NamedNode, prop: NamedNode, kind: str, cls: NamedNode,
                 label: str, f: Field | None = None, n: int | None = None) -> NamedNode:
        """``owner prop <#fragment>``, the fragment typed ``cls`` and labelled ``label``."""
        node = self.fragment(owner, kind, f, n)
        self.add(owner, prop, node)
        self.add(node, A, cls)
        self.put(node, RDFS.label, label, clean=False, field=f)
        return node

    # -- IRIs ----------------------------------------------------------------------------

    def occurrence(self, f: Field) -> tuple[str, int]:
        """(tag, n): the field's tag and its position among the fields with that tag.

        A paired 880 answers for the field it is linked to, so the two describe one node.
        """
        return self._occurrence.get(id(f), (f.tag, 0))

    def paired(self, f: Field) -> Field | None:
        """The field an 880 is paired with (its romanized twin), or None."""
        return self._partners.get(id(f))

    def fragment(self, owner: NamedNode, kind: str, f: Field | None = None,
                 n: int | None = None) -> NamedNode:
        """A node owned by the record: ``{owner}#{kind}{tag}-{n}``; deleted with it."""
        if f is not None:
            tag, occ = self.occurrence(f)
            return NamedNode(f"{owner.value}#{kind}{tag}-{occ if n is None else f'{occ}.{n}'}")
        return NamedNode(f"{owner.value}#{kind}" + ("" if n is None else f"-{n}"))

    def item(self, n: int) -> NamedNode:
        return self.env.minter.record("items", self.env.source, f"{self.key}-{n}")

    def authority(self, kind: str, control: str) -> NamedNode:
        """The entity of an authority record, from its control number (001, $0, $3)."""
        org = self._org if self._org is not None else record_org(self.record)
        self._org = org
        return self.env.minter.entity(kind, control_key(control, org or self.env.source))

    def agent(self, kind: str, label: str, *, control: str | None = None,
              types: Iterable[NamedNode] = (), keys: Iterable[str] = (),
              extra: Iterable[tuple[NamedNode, NamedNode | Literal]] = ()) -> NamedNode:
        """The shared entity of a heading: by control number, else authority heading, else key.

        ``keys`` are the heading keys to look up among the authority headings, best first
        (default: the key of ``label``); ``extra`` are (property, value) pairs written with the
        entity's type and label, the first time the run meets it.
        """
        key = heading_key(label)
        iri = (self.authority(kind, control) if control
               else self._authority_heading(keys or (key,))
               or heading_entity(self.env.minter, kind, key))
        self.describe_once(iri, lambda: self._heading_triples(iri, label, key, types, extra))
        return iri

    def _authority_heading(self, keys: Iterable[str]) -> NamedNode | None:
        headings = self.env.headings
        for k in keys:
            iri = headings.get(k)
            if iri is not None:
                return iri
        return None

    def concept(self, scheme: str, label: str, *, types: Iterable[NamedNode] = (),
                control: str | None = None,
                extra: Iterable[tuple[NamedNode, NamedNode | Literal]] = ()) -> NamedNode:
        """A shared subject concept keyed by scheme and heading; ``extra`` as for `agent`."""
        key = heading_key(label)
        iri = (self.authority("concept", control) if control else
               self.env.minter.entity("concept", "h" + heading_digest(scheme + "|" + key)))
        self.describe_once(iri, lambda: self._heading_triples(
            iri, label, key, (SKOS.Concept, *types), extra))
        return iri

    def describe_once(self, iri: NamedNode, triples: Callable[[], Iterable[Triple]]) -> None:
        """Write a shared entity's description the first time this run meets it."""
        if iri.value in self.env.seen:
            return
        self.env.seen.add(iri.value)
        for t in triples():
            self.add(*t)

    def _heading_triples(self, iri: NamedNode, label: str, key: str,
                         types: Iterable[NamedNode],
                         extra: Iterable[tuple[NamedNode, NamedNode | Literal]] = ()
                         ) -> Iterable[Triple]:
        for t in types:
            yield iri, A, t
        lit = self.text(label)
        if lit is not None:
            yield iri, RDFS.label, lit
        yield iri, JL.headingKey, Literal(key)
        for p, o in extra:
            yield iri, p, o

    # -- 880 pairing ---------------------------------------------------------------------

    def link_880s(self) -> list[tuple[Field, Field | None, str]]:
        """Each 880 as the field it stands for (tag from $6), its paired field or None, and
        its script code ('$1' CJK, '(3' Arabic ...; '' when $6 has none)."""
        partners = {}
        for f in self.record.fields:
            link = f.link() if f.tag != "880" else None
            if link and link.startswith("880-"):
                partners[(f.tag, link[4:6])] = f
        out = []
        for f in self.record.fields:
            if f.tag != "880":
                continue
            link = f["6"] or ""
            tag, number = link[:3], link[4:6]
            as_field = Field(tag if tag.isdigit() else "880", f.ind1, f.ind2,
                             [(c, v) for c, v in f.subfields if c != "6"])
            partner = partners.get((tag, number)) if number and number != "00" else None
            if partner is not None:
                self.romanized.add(id(partner))
                self._partners[id(as_field)] = partner
                self._occurrence[id(as_field)] = self.occurrence(partner)
            else:
                self._occurrence[id(as_field)] = (as_field.tag, 1000 + len(out))
            out.append((as_field, partner, link[7:9] if len(link) > 7 else ""))
        return out

    def roots(self) -> tuple[NamedNode, ...]:
        """The nodes a new version of the record replaces (with their items and fragments)."""
        return (self.work, self.instance)

    def basics(self) -> None:
        """The triples every bibliographic record has: types, the work-instance link, admin."""
        self.add(self.work, A, BF.Work)
        self.add(self.work, A, JL.Work)
        self.add(self.instance, A, BF.Instance)
        self.add(self.instance, A, JL.Instance)
        self.add(self.instance, BF.instanceOf, self.work)
        self.add(self.work, BF.hasInstance, self.instance)
        self.add(self.instance, BF.adminMetadata, self.admin)
        self.add(self.admin, A, BF.AdminMetadata)


def _occurrences(fields: list[Field]) -> dict[int, tuple[str, int]]:
    counts: dict[str, int] = {}
    out = {}
    for f in fields:
        n = counts[f.tag] = counts.get(f.tag, 0) + 1
        out[id(f)] = (f.tag, n)
    return out
