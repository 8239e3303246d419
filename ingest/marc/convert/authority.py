"""Authority records (MARC21 1XX/4XX/5XX; CNMARC 2XX/4XX/5XX) -> entities.

An authority record describes one entity, not a work and its instances: its root is the entity
``{base}entity/{kind}/{org}-{001}``, the IRI a bibliographic heading with the same control number
(MARC21 ``$0 (DLC)n  79021164``, CNMARC ``$3``) mints too. The kind comes from the heading field,
as the authority mapping table says (``kind=`` of its ``auth_heading`` row): 100 person, 110
organization, 151 place, 150 concept ... The rules that fill the entity are in `authority_rules`.

>>> from kg.iri import Minter
>>> from ingest.marc.convert.context import Env
>>> from ingest.marc.record import Field, Record
>>> rec = Record("00000nz  a2200000n  4500", [Field("001", value="n  79021164"),
...     Field("003", value="DLC"), Field("100", "1", " ", [("a", "Austen, Jane,"),
...     ("d", "1775-1817")])])
>>> ctx = context(rec, Env(Minter("https://kg.jllib.cn/"), "test", "v"))
>>> ctx.entity.value
'https://kg.jllib.cn/entity/person/dlc-n79021164'
>>> ctx.roots() == (ctx.entity,), ctx.admin.value.endswith("dlc-n79021164#admin")
(True, True)
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from ingest.errors import FieldRuleError
from ingest.marc.convert.authority_rules import (
    HEADING_RULE,
    has_life,
    heading_of,
    kind_of,
)
from ingest.marc.convert.context import Context, Env, content_key, control_key, record_org
from ingest.marc.convert.rules import Rule, mapping
from ingest.marc.record import Field, Record
from kg.vocab import BF, JL, A


class AuthorityContext(Context):
    """The conversion of one authority record: its entity, the entity's admin node, its heading.

    ``work`` and ``instance`` are the entity too, so a shared rule that names either target
    writes to the entity rather than to a work that does not exist.
    """

    def __init__(self, record: Record, env: Env):
        self.heading_field, self.heading_rule = find_heading(record)
        self.control = control_number(record)
        key = control_key(self.control, env.source) if self.control else content_key(record)
        super().__init__(record, env, key=key)
        self.kind, self.classes = kind_of(self.heading_field, self.heading_rule)
        # persons get birth and death years from the heading's dates (046 when it has none)
        self.life = has_life(self.heading_field, self.heading_rule)
        self.entity = env.minter.entity(self.kind, key)
        self.work = self.instance = self.entity
        self.admin = NamedNode(self.entity.value + "#admin")
        self.heading = heading_of(self.heading_field, self.heading_rule, record.flavour)
        self.scheme: str | None = None  # the subject scheme of concept headings (auth_scheme)
        self.label_language: str | None = None  # BCP 47 tag of untagged labels (auth_record)

    def roots(self) -> tuple[NamedNode, ...]:
        return (self.entity,)

    def basics(self) -> None:
        """The entity's admin node and its control number."""
        self.add(self.entity, BF.adminMetadata, self.admin)
        self.add(self.admin, A, BF.AdminMetadata)
        self.add(self.admin, JL.controlNumber, Literal(self.control or self.key))


def context(record: Record, env: Env) -> AuthorityContext:
    """The context of an authority record.

    Raises:
        FieldRuleError: the record has no heading field that the mapping table knows.
    """
    return AuthorityContext(record, env)


def find_heading(record: Record) -> tuple[Field, Rule]:
    """The record's heading field (the first 1XX / 2XX with an ``auth_heading`` rule) and rule."""
    table = mapping(record.flavour, "authority")
    for f in record.fields:
        for r in table.by_tag.get(f.tag, ()):
            if r.rule == HEADING_RULE:
                return f, r
    raise FieldRuleError("authority record without a heading field (MARC21 1XX, CNMARC 2XX): "
                         "nothing says which entity it describes", field="1XX")


def control_number(record: Record) -> str:
    """001, prefixed ``(ORG)`` by the record's agency (MARC21 003, CNMARC 801 $b) so that it
    reads like a bibliographic ``$0``."""
    number = (record.control("001") or "").strip()
    org = record_org(record)
    return f"({org}){number}" if number and org else number
