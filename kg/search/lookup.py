"""Searching and suggesting over an index connection.

Ranking: a hit's score is its tier plus a fraction, and every resource counts once, with its best
hit. Tiers: 4 a name that is the query (or reads as the pinyin typed), 3 a name that starts with
it, 2 a name that contains it, 1 body text. Within a tier shorter names come first, then better
kinds of name (a preferred label before an alias); body hits are ordered by BM25.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from kg.search.model import Facet, Hit, Results, Suggestion
from kg.search.query import Query
from kg.search.snippet import WIDTH, find, find_spoken, snippet
from kg.search.text import fold, squeeze

# the best hit of each matching resource, scored (see the module docstring); TIERS is replaced
# by the tests of a name against the query, below
_HITS_TEMPLATE = """
WITH hit AS (
  SELECT n.resource AS resource, n.id AS field, n.kind AS kind,
         TIERS + 0.9 / (1 + n.length) - n.rank / 1000000.0 AS score
  FROM name_fts JOIN name n ON n.id = name_fts.rowid
  WHERE name_fts MATCH :names
  UNION ALL
  SELECT b.resource, b.id, 'text', 1 + 0.9 * (-bm25(body_fts) / (1 - bm25(body_fts)))
  FROM body_fts JOIN body b ON b.id = body_fts.rowid
  WHERE body_fts MATCH :bodies
), ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY resource ORDER BY score DESC, field) AS nth
  FROM hit
)
INSERT INTO temp.found (resource, field, kind, score)
SELECT resource, field, kind, score FROM ranked WHERE nth = 1
"""
_HITS = _HITS_TEMPLATE.replace("TIERS", """CASE WHEN n.norm = :q THEN 4
              WHEN substr(n.norm, 1, :qlen) = :q THEN 3 ELSE 2 END""")
# a query that may be pinyin also compares the keys of names (nanjing for 南京)
_HITS_SPOKEN = _HITS_TEMPLATE.replace("TIERS", """CASE
    WHEN n.norm = :q OR EXISTS (SELECT 1 FROM spell s WHERE s.name = n.id AND s.kind = 0
                                AND s.key = :key) THEN 4
    WHEN substr(n.norm, 1, :qlen) = :q OR EXISTS (SELECT 1 FROM spell s WHERE s.name = n.id
         AND s.kind = 0 AND substr(s.key, 1, :keylen) = :key) THEN 3
    ELSE 2 END""")
_FOUND = ("CREATE TEMP TABLE IF NOT EXISTS found (resource INTEGER PRIMARY KEY, "
          "field INTEGER, kind TEXT, score REAL)")
# CROSS JOIN (here and below): the found rows drive the loop; the planner knows nothing of a
# temp table and would scan the other one. Equal scores keep the order of the rebuild (by IRI).
_PAGE = """
SELECT r.id, r.iri, r.type, r.label, f.field, f.kind, f.score,
       o.iri, o.label, o.type, coalesce(n.text, b.text)
FROM (SELECT * FROM temp.found ORDER BY score DESC, resource LIMIT ? OFFSET ?) f
CROSS JOIN resource r ON r.id = f.resource
LEFT JOIN resource o ON o.iri = r.owner AND r.owner != ''
LEFT JOIN name n ON f.kind != 'text' AND n.id = f.field
LEFT JOIN body b ON f.kind = 'text' AND b.id = f.field
ORDER BY f.score DESC, f.resource
"""
_FACETS = """
SELECT g.kind, g.value, g.n, coalesce(p.label, '') FROM (
  SELECT x.kind AS kind, x.value AS value, COUNT(*) AS n
  FROM temp.found f CROSS JOIN facet x ON x.resource = f.resource
  GROUP BY x.kind, x.value) g
LEFT JOIN resource p ON g.kind = 'period' AND p.iri = g.value
ORDER BY g.kind, g.n DESC, g.value
"""


# keeps the found resources that have, for each facet kind given, one of its values
_FILTER = """
DELETE FROM temp.found WHERE NOT (
  (:type IS NULL OR EXISTS (SELECT 1 FROM facet x WHERE x.resource = temp.found.resource
     AND x.kind = 'type' AND x.value IN (SELECT value FROM json_each(:type))))
  AND (:period IS NULL OR EXISTS (SELECT 1 FROM facet x WHERE x.resource = temp.found.resource
     AND x.kind = 'period' AND x.value IN (SELECT value FROM json_each(:period))))
  AND (:graph IS NULL OR EXISTS (SELECT 1 FROM facet x WHERE x.resource = temp.found.resource
     AND x.kind = 'graph' AND x.value IN (SELECT value FROM json_each(:graph)))))
"""


@dataclass(frozen=True)
class Filters:
    """The facet values a search is narrowed to: for each kind given, any of its values."""

    type: list[str] | None = None
    period: list[str] | None = None
    graph: list[str] | None = None

    def given(self) -> bool:
        return any(v is not None for v in (self.type, self.period, self.graph))

    def params(self) -> dict[str, str | None]:
        """The JSON arrays of values, None for a kind not given."""
        return {kind: None if values is None else json.dumps(values)
                for kind, values in (("type", self.type), ("period", self.period),
                                     ("graph", self.graph))}


def search(conn: sqlite3.Connection, query: Query, filters: Filters, limit: int,
           offset: int) -> Results:
    """A page of the resources that match, with the total and the facets of all of them."""
    conn.execute(_FOUND)
    conn.execute("DELETE FROM temp.found")
    key = query.key
    conn.execute(_HITS_SPOKEN if key else _HITS, {
        "q": query.text, "qlen": len(query.text), "key": key, "keylen": len(key or ""),
        "names": query.name_match(), "bodies": query.body_match()})
    if filters.given():
        conn.execute(_FILTER, filters.params())
    total = conn.execute("SELECT COUNT(*) FROM temp.found").fetchone()[0]
    hits = [_hit(conn, query, row) for row in conn.execute(_PAGE, (limit, offset)).fetchall()]
    return Results(total, hits, _facets(conn), offset, limit)


def _hit(conn: sqlite3.Connection, query: Query, row: tuple) -> Hit:
    rid, iri, kind, label, _, field, score, owner, owner_label, owner_type, text = row
    folded = fold(text)
    spans = find(query.patterns(), folded)
    if field != "text" and not spans:
        spans = find_spoken(query.pinyin, folded)
    graphs, periods = _hit_facets(conn, rid)
    return Hit(iri, kind, label or owner_label or "", snippet(
        text, spans, WIDTH if field == "text" else None), round(score, 6), field, owner,
        owner_label or "", owner_type or "", graphs, periods)


def _hit_facets(conn: sqlite3.Connection, rid: int
                ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    rows = conn.execute("SELECT x.kind, x.value, coalesce(p.label, '') FROM facet x "
                        "LEFT JOIN resource p ON x.kind = 'period' AND p.iri = x.value "
                        "WHERE x.resource = ? AND x.kind != 'type' ORDER BY x.value",
                        (rid,)).fetchall()
    return (tuple(v for k, v, _ in rows if k == "graph"),
            tuple((v, label) for k, v, label in rows if k == "period"))


def _facets(conn: sqlite3.Connection) -> dict[str, list[Facet]]:
    found: dict[str, list[Facet]] = {"type": [], "period": [], "graph": []}
    for kind, value, count, label in conn.execute(_FACETS):
        found[kind].append(Facet(value, count, label or value))
    return found


_SUGGEST_NAMES = """
SELECT n.resource, n.text, n.length, n.rank, 0 FROM name n
WHERE n.norm >= :q AND n.norm < :q || char(1114111) {typed}
ORDER BY n.length, n.rank LIMIT :cap
"""
_SUGGEST_SPELLED = """
SELECT n.resource, n.text, s.length, s.rank, 1 + s.kind FROM spell s JOIN name n ON n.id = s.name
WHERE s.key >= :key AND s.key < :key || char(1114111) {typed}
ORDER BY s.kind, s.length, s.rank LIMIT :cap
"""
_SEPARATORS = re.compile(r"[\s'’-]+")  # between typed syllables: nan jing, xi'an
_TYPED = ("AND EXISTS (SELECT 1 FROM resource r WHERE r.id = n.resource AND r.type = :type)")


def suggest(conn: sqlite3.Connection, prefix: str, type_: str | None,
            limit: int) -> list[Suggestion]:
    """Resources with a name that starts with the prefix, as typed (Chinese, English) or as
    pinyin (nanj, nj); one per resource, exact and shorter names first."""
    folded = squeeze(fold(prefix))
    letters = _SEPARATORS.sub("", folded)
    key = letters if letters.isascii() and letters.isalpha() else None
    cap = limit * 8
    while True:
        rows = _candidates(conn, folded, key, type_, cap)
        chosen = _one_per_resource(rows, limit)
        if len(chosen) == limit or len(rows) < cap:
            return _suggestions(conn, chosen)
        cap *= 4  # many names of few resources: look further


def _candidates(conn: sqlite3.Connection, folded: str, key: str | None, type_: str | None,
                cap: int) -> list[tuple]:
    typed = _TYPED if type_ else ""
    params = {"q": folded, "key": key, "type": type_, "cap": cap}
    rows = conn.execute(_SUGGEST_NAMES.format(typed=typed), params).fetchall()
    if key:
        rows += conn.execute(_SUGGEST_SPELLED.format(typed=typed), params).fetchall()
    # names as typed before pinyin, pinyin before initials; then shorter, then better kinds
    return sorted(rows, key=lambda r: (r[4], r[2], r[3]))


def _one_per_resource(rows: list[tuple], limit: int) -> list[tuple[int, str]]:
    seen: dict[int, str] = {}
    for resource, text, *_ in rows:
        seen.setdefault(resource, text)
        if len(seen) == limit:
            break
    return list(seen.items())


def _suggestions(conn: sqlite3.Connection, chosen: list[tuple[int, str]]) -> list[Suggestion]:
    out = []
    for resource, match in chosen:
        iri, kind, label = conn.execute("SELECT iri, type, label FROM resource WHERE id = ?",
                                        (resource,)).fetchone()
        out.append(Suggestion(iri, kind, label or match, match))
    return out
