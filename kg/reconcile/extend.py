"""Data extension: the values of some properties of reconciled entities, and the properties to
propose for a type.

Values come out as the protocol writes them: another resource as ``{"id", "name"}``, a year as
``{"int"}``, a decimal as ``{"float"}``, a date as ``{"date"}`` (ISO 8601), anything else as
``{"str"}``; names in simplified Chinese first. The ``limit`` setting keeps the first values of
a property (0: all of them).

>>> cell(Literal("1328", datatype=XSD.integer)), cell(Literal("1912-01-01", datatype=XSD.date))
({'int': 1328}, {'date': '1912-01-01T00:00:00Z'})
"""

from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from kg.reconcile import values as store_values
from kg.reconcile.batch import Extension
from kg.reconcile.errors import ReconcileError
from kg.reconcile.ids import Ids
from kg.reconcile.terms import Property, find_type, properties_for
from kg.views.labels import labels_of, language_rank
from kg.vocab import XSD
from sparql import Store

INTEGERS = {XSD[t].value for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                   "positiveInteger", "negativeInteger", "gYear")}
DECIMALS = {XSD[t].value for t in ("decimal", "double", "float")}
_DATE_TIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def cell(term: NamedNode | Literal, name: str = "", id_: str = "") -> dict:
    """One value as the protocol writes it (``name`` and ``id_`` for an entity)."""
    if isinstance(term, NamedNode):
        return {"id": id_, "name": name or id_} if id_ else {"str": term.value}
    kind = term.datatype.value
    try:
        if kind in INTEGERS:
            return {"int": int(term.value)}
        if kind in DECIMALS:
            return {"float": float(term.value)}
    except ValueError:
        return {"str": term.value}
    if kind == XSD.date.value and _DATE_TIME.match(term.value + "T00:00:00Z"):
        return {"date": term.value + "T00:00:00Z"}
    if kind == XSD.dateTime.value and _DATE_TIME.match(term.value):
        return {"date": term.value}
    return {"str": term.value}


def _order(term: NamedNode | Literal, labels: dict[str, str]) -> tuple:
    if isinstance(term, NamedNode):
        return (0, labels.get(term.value, term.value))
    return (language_rank(term.language), term.value)


class Extender:
    """Answers data extension requests and property proposals over a store."""

    def __init__(self, store: Store, ids: Ids):
        self.store, self.ids = store, ids

    def extend(self, asked: Extension) -> dict:
        """``{"meta": [the properties], "rows": {id: {property id: [values]}}}``, a row for
        every id asked for (empty lists for one the store knows nothing of)."""
        iris = {i: self.ids.iri(i) for i in asked.ids}
        props = [p for p, _ in asked.properties]
        found = store_values.values(self.store, iris.values(), [p.iri for p in props])
        linked = {t.value for per in found.values() for vals in per.values() for t in vals
                  if isinstance(t, NamedNode)}
        labels = labels_of(self.store, linked)
        rows = {i: {p.id: self._cells(p, found[iris[i]][p.iri], labels, most)
                    for p, most in asked.properties} for i in asked.ids}
        return {"meta": [_meta(p) for p in props], "rows": rows}

    def _cells(self, prop: Property, found: list, labels: dict[str, str], most: int
               ) -> list[dict]:
        ordered = sorted(found, key=lambda t: _order(t, labels))
        cells = [self._cell(prop, t, labels) for t in ordered]
        return cells[:most] if most else cells

    def _cell(self, prop: Property, term: NamedNode | Literal, labels: dict[str, str]) -> dict:
        if isinstance(term, NamedNode) and prop.kind == "entity":
            return cell(term, labels.get(term.value, ""), self.ids.of(term.value))
        return cell(term)


def _meta(prop: Property) -> dict:
    meta = {"id": prop.id, "name": prop.name}
    kind = find_type(prop.range) if prop.range else None
    if kind:
        meta["type"] = kind.reference()
    return meta


def propose(type_id: str | None, limit: int | None = None) -> dict:
    """The properties to propose for members of a type (all of them without a type).

    Raises:
        ReconcileError: a type the service does not know.
    """
    kind = find_type(type_id) if type_id else None
    if type_id and kind is None:
        raise ReconcileError(f"type: unknown type {type_id!r}; suggest/type lists them")
    proposed = [p.describe() for p in properties_for(kind)]
    answer: dict = {"properties": proposed[:limit] if limit else proposed}
    if kind:
        answer["type"] = kind.id
    if limit:
        answer["limit"] = limit
    return answer
