"""What OpenRefine sends: a batch of reconciliation queries, or a data extension request.

Both arrive as JSON text (a form field or a query parameter) or as parsed JSON. A batch is an
object of queries by key (``{"q0": {"query": "南京", "type": "jl:Place", "limit": 3,
"properties": [{"pid": "jl:locatedIn", "v": "江苏"}]}}``); a query needs ``query`` or some
``properties`` and has no other fields than the protocol's. Unknown types and properties are
kept (they match nothing, or count for nothing), so a batch written for another service still
gets an answer.

>>> [q.key for q in read_batch('{"q0": {"query": "南京"}, "q1": {"query": "金陵", "limit": 2}}')]
['q0', 'q1']
>>> asked = read_extension({"ids": ["entity/person/zhu-yuanzhang"],
...                         "properties": [{"id": "jl:birthYear", "settings": {"limit": "1"}}]})
>>> asked.properties[0][0].id, asked.properties[0][1]
('jl:birthYear', 1)
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg.reconcile.errors import ReconcileError
from kg.reconcile.terms import Property, Type, find_property, find_type

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
MAX_QUERIES = 500    # queries in one batch (OpenRefine sends 10 at a time by default)
MAX_IDS = 1000       # entities in one extension request
STRICT = ("any", "should", "all")
FIELDS = {"query", "type", "type_strict", "limit", "properties"}


@dataclass(frozen=True)
class Value:
    """One value of a condition: text (a name, a year, a number) or an entity's id and name."""

    text: str = ""
    id: str = ""


@dataclass(frozen=True)
class Condition:
    """A property condition: the values the candidate's property should have (any of them)."""

    pid: str
    property: Property | None       # None: a property the service does not know
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Query:
    """One reconciliation query of a batch."""

    key: str
    text: str
    types: tuple[Type | None, ...]   # None for a type id the service does not know
    strict: str
    limit: int
    conditions: tuple[Condition, ...]

    def index_types(self) -> list[str] | None:
        """The index types a candidate may have: None for any, [] for none (an unknown type)."""
        if not self.types:
            return None
        known = [t for t in self.types if t is not None]
        if self.strict == "all":
            if len(known) < len(self.types):
                return []
            allowed = set.intersection(*(set(t.index_types) for t in known))
            return sorted(allowed)
        return sorted({i for t in known for i in t.index_types})


def _json(text: str | dict, what: str) -> dict:
    if isinstance(text, dict):
        return text
    try:
        parsed = json.loads(text)
    except (TypeError, ValueError) as err:
        raise ReconcileError(f"{what}: not JSON ({err})") from None
    if not isinstance(parsed, dict):
        raise ReconcileError(f"{what}: give a JSON object")
    return parsed


def read_batch(text: str | dict) -> list[Query]:
    """The queries of a batch, in the order given.

    Raises:
        ReconcileError: not a JSON object of query objects, too many queries, or a query with
            a field of the wrong shape (the message names the query key and the field).
    """
    batch = _json(text, "queries")
    if len(batch) > MAX_QUERIES:
        raise ReconcileError(f"queries: at most {MAX_QUERIES} in one batch, not {len(batch)}")
    return [_query(str(key), body) for key, body in batch.items()]


def _query(key: str, body: object) -> Query:
    if not isinstance(body, dict):
        raise ReconcileError(f"queries.{key}: give a JSON object")
    unknown = sorted(set(body) - FIELDS)
    if unknown:
        raise ReconcileError(f"queries.{key}: unknown field {unknown[0]!r}; the fields are "
                             f"{', '.join(sorted(FIELDS))}")
    if "query" not in body and not body.get("properties"):
        raise ReconcileError(f"queries.{key}: give 'query' or some 'properties'")
    text = body.get("query", "")
    if not isinstance(text, str):
        raise ReconcileError(f"queries.{key}.query: give a string")
    strict = body.get("type_strict", "any")
    if strict not in STRICT:
        raise ReconcileError(f"queries.{key}.type_strict: one of {', '.join(STRICT)}")
    return Query(key, text.strip(), _types(key, body.get("type")), strict,
                 _limit(f"queries.{key}.limit", body.get("limit")),
                 tuple(_condition(key, c) for c in _list(key, body.get("properties", []))))


def _types(key: str, given: object) -> tuple[Type | None, ...]:
    wanted = [given] if isinstance(given, str) else given if given is not None else []
    if not isinstance(wanted, list) or not all(isinstance(t, str) for t in wanted):
        raise ReconcileError(f"queries.{key}.type: give a type id or a list of them")
    return tuple(find_type(t) for t in wanted if t.strip())


def _limit(where: str, given: object) -> int:
    if given is None:
        return DEFAULT_LIMIT
    if isinstance(given, bool) or not isinstance(given, int | float):
        raise ReconcileError(f"{where}: give a number")
    return max(1, min(int(given), MAX_LIMIT))


def _list(key: str, given: object) -> list:
    if not isinstance(given, list):
        raise ReconcileError(f"queries.{key}.properties: give a list of {{pid, v}} objects")
    return given


def _condition(key: str, given: object) -> Condition:
    if not isinstance(given, dict) or not isinstance(given.get("pid"), str) or "v" not in given:
        raise ReconcileError(f"queries.{key}.properties: each item needs 'pid' and 'v'")
    pid, raw = given["pid"], given["v"]
    values = tuple(_value(key, pid, v) for v in (raw if isinstance(raw, list) else [raw]))
    return Condition(pid, find_property(pid), values)


def _value(key: str, pid: str, given: object) -> Value:
    if isinstance(given, dict) and isinstance(given.get("id"), str):
        name = given.get("name")
        return Value(name if isinstance(name, str) else "", given["id"])
    if isinstance(given, bool):
        return Value("true" if given else "false")
    if isinstance(given, str | int | float):
        return Value(str(given).strip())
    raise ReconcileError(f"queries.{key}.properties ({pid}): a value is a string, a number, "
                         "a boolean or an {id, name} object")


@dataclass(frozen=True)
class Extension:
    """A data extension request: entity ids and (property, most values: 0 for all)."""

    ids: tuple[str, ...]
    properties: tuple[tuple[Property, int], ...]


def read_extension(text: str | dict) -> Extension:
    """The extension request.

    Raises:
        ReconcileError: not a JSON object with ``ids`` (strings) and ``properties`` ({id}
            objects), too many ids, or a property the service does not know.
    """
    body = _json(text, "extend")
    ids, wanted = body.get("ids"), body.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ReconcileError("extend.ids: give a list of entity ids")
    if len(ids) > MAX_IDS:
        raise ReconcileError(f"extend.ids: at most {MAX_IDS} in one request, not {len(ids)}")
    if not isinstance(wanted, list):
        raise ReconcileError("extend.properties: give a list of {id} objects")
    return Extension(tuple(ids), tuple(_extended(p) for p in wanted))


def _extended(given: object) -> tuple[Property, int]:
    if not isinstance(given, dict) or not isinstance(given.get("id"), str):
        raise ReconcileError("extend.properties: each item needs an 'id'")
    found = find_property(given["id"])
    if found is None:
        raise ReconcileError(f"extend.properties: unknown property {given['id']!r}; "
                             "propose_properties lists them")
    settings = given.get("settings") or {}
    if not isinstance(settings, dict):
        raise ReconcileError(f"extend.properties ({found.id}).settings: give an object")
    return found, _most(found.id, settings.get("limit", 0))


def _most(pid: str, given: object) -> int:
    """The ``limit`` setting: how many values at most (0: all). OpenRefine sends it as text."""
    try:
        most = int(str(given).strip() or 0)
    except ValueError:
        most = -1
    if most < 0:
        raise ReconcileError(f"extend.properties ({pid}).settings.limit: give a whole number "
                             "of 0 or more")
    return most
