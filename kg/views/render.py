"""Statements to compact JSON-LD nodes, keyed by the API context (`kg.views.context`).

A node is ``{"id": …, "type": […], key: value …}``. Every property value is a list, except a
language map (``{"zh-hans": ["南京"], "@none": [...]}`` for untagged strings). An IRI value is a
reference ``{"id": …, "name": …}``, or the whole node when the description holds its
statements (a record's titles, contributions, notes). A value no term fits keeps its meaning
under a compact-IRI key: ``{"@value": …, "@language": …}`` or ``{"@value": …, "@type": …}``.
Numbers are JSON numbers (an ``xsd:decimal`` too: apps want numbers more than exact decimals).

>>> from kg.vocab import JL, SKOS
>>> s, g = "https://kg.jllib.cn/entity/person/a", "https://kg.jllib.cn/graphs/kb"
>>> rows = [Statement(s, SKOS.prefLabel.value, Literal("甲", language="zh-hans"), g),
...         Statement(s, JL.birthYear.value, Literal(1328), g)]
>>> Description(s, rows).node(s)
{'id': 'https://kg.jllib.cn/entity/person/a', 'birthYear': [1328], 'prefLabel': {'zh-hans': ['甲']}}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.views.context import Term, Vocabulary, vocabulary
from kg.vocab import RDF, XSD

Value = NamedNode | BlankNode | Literal
TYPE = RDF.type.value


@dataclass(frozen=True)
class Statement:
    """One quad of a description; the subject is an IRI or a ``_:`` blank node id."""

    subject: str
    predicate: str
    object: Value
    graph: str


def statements(rows: Iterable[dict]) -> list[Statement]:
    """Statements of ``?s ?p ?o ?g`` rows."""
    return [Statement(_id(r["s"]), r["p"].value, r["o"], r["g"].value) for r in rows]


def _id(term: NamedNode | BlankNode) -> str:
    return term.value if isinstance(term, NamedNode) else f"_:{term.value}"


class Description:
    """The statements about a resource and the nodes it owns, with names for references."""

    def __init__(self, root: str, found: Iterable[Statement], names: dict[str, str] | None = None,
                 vocab: Vocabulary | None = None):
        self.root, self.names, self.vocab = root, names or {}, vocab or vocabulary()
        self.by_subject: dict[str, list[Statement]] = defaultdict(list)
        for st in found:
            self.by_subject[st.subject].append(st)

    def __contains__(self, subject: str) -> bool:
        return subject in self.by_subject

    def graphs(self) -> list[str]:
        """The graphs that hold statements about the root."""
        return sorted({st.graph for st in self.by_subject.get(self.root, ())})

    def types(self, subject: str) -> list[str]:
        """The asserted types of a subject, as IRIs."""
        return sorted({st.object.value for st in self.by_subject.get(subject, ())
                       if st.predicate == TYPE})

    def values(self, subject: str, predicate: str) -> list[Value]:
        """The objects of one predicate of a subject."""
        return [st.object for st in self.by_subject.get(subject, ()) if st.predicate == predicate]

    def referenced(self) -> set[str]:
        """The IRIs that are values somewhere in the description (type values aside)."""
        return {st.object.value for sts in self.by_subject.values() for st in sts
                if isinstance(st.object, NamedNode) and st.predicate != TYPE}

    def node(self, subject: str, skip: frozenset[str] = frozenset(), embed: bool = True) -> dict:
        """The compact node of a subject; predicates in ``skip`` are left out."""
        head: dict = {} if subject.startswith("_:") else {"id": subject}
        types = [self.vocab.compact(t) for t in self.types(subject)]
        if types:
            head["type"] = types
        rows = sorted((st for st in self.by_subject.get(subject, ())
                       if st.predicate != TYPE and st.predicate not in skip),
                      key=lambda st: (st.predicate, str(st.object)))
        doc: dict = {}
        for st in rows:
            self._add(doc, st, embed and subject == self.root)
        return {**head, **dict(sorted(doc.items()))}

    def ref(self, iri: str) -> dict:
        """A reference to a resource: its IRI and, where known, its display name."""
        name = self.names.get(iri)
        return {"id": iri, "name": name} if name else {"id": iri}

    def _add(self, doc: dict, st: Statement, embed: bool) -> None:
        obj = st.object
        if isinstance(obj, Literal):
            key, value = self._literal(st.predicate, obj)
            _put(doc, key, value)
            return
        term = self.vocab.term_for(st.predicate, "ref")
        key = term.name if term else self.vocab.compact(st.predicate)
        target = _id(obj)
        owned = embed and target in self.by_subject and target != self.root
        _put(doc, key, self.node(target, embed=False) if owned else self.ref(target))

    def _literal(self, predicate: str, value: Literal) -> tuple[str, object]:
        kind, datatype = literal_kind(value)
        term = self.vocab.term_for(predicate, kind, datatype)
        if term is None:
            return self.vocab.compact(predicate), self._fallback(value)
        if term.kind == "lang":
            return term.name, (value.language or "@none", value.value)
        return term.name, json_value(value, term)

    def _fallback(self, value: Literal) -> object:
        if value.language:
            return {"@value": value.value, "@language": value.language}
        if value.datatype.value in (XSD.string.value, XSD.integer.value, XSD.boolean.value):
            return json_value(value, None)
        return {"@value": value.value, "@type": self.vocab.compact(value.datatype.value)}


def literal_kind(value: Literal) -> tuple[str, str | None]:
    """(``lang``, ``string`` or ``typed``, the datatype IRI) of a literal."""
    if value.language:
        return "lang", None
    datatype = value.datatype.value
    return ("string", None) if datatype == XSD.string.value else ("typed", datatype)


def json_value(value: Literal, term: Term | None) -> object:
    """A literal as JSON: numbers and booleans as such, anything else as its lexical form."""
    datatype = value.datatype.value
    if datatype == XSD.boolean.value:
        return value.value in ("true", "1")
    if datatype == XSD.integer.value:
        return _number(value.value, int)
    if term is not None and term.kind == "number":
        return _number(value.value, float)
    return value.value


def _number(text: str, cast: type) -> object:
    try:
        number = cast(Decimal(text))
    except (InvalidOperation, ValueError):
        return text
    return int(number) if cast is float and number == int(number) else number


def _put(doc: dict, key: str, value: object) -> None:
    if isinstance(value, tuple):  # (language, text) of a language map
        doc.setdefault(key, {}).setdefault(value[0], []).append(value[1])
    else:
        doc.setdefault(key, []).append(value)
