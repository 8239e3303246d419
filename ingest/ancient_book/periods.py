"""Linking an edition's date to the dynasties and reign eras of the knowledge base.

The ingest does not mint period entities: the knowledge base describes them (graph ``kb``), and
a parsed edition links to the era it names (光绪 of 清) or, without an era, to its dynasty, when
the graph knows exactly one such period. Rows come from ``sparql/queries/kb_periods.rq``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyoxigraph import NamedNode

from ingest.ancient_book import eras
from ingest.chinese import simplified
from sparql import Store, queries


def period_rows(store: Store) -> list[dict[str, str | None]]:
    """`PeriodIndex` rows as plain data (the converter may run in another process)."""
    columns = ("name", "period", "kind", "dynasty")
    return [{c: (row[c].value if row.get(c) is not None else None) for c in columns}
            for row in store.query(queries.load("kb_periods"))]


class PeriodIndex:
    def __init__(self, rows: Iterable[dict[str, Any]]):
        self.dynasties: dict[str, set[str]] = {}
        self.eras: dict[str, dict[str | None, set[str]]] = {}  # name -> dynasty -> IRIs
        for row in rows:
            name = simplified(row["name"])
            if row["kind"] == "dynasty":
                self.dynasties.setdefault(_canonical(name), set()).add(row["period"])
            else:
                within = _canonical(simplified(row["dynasty"])) if row["dynasty"] else None
                self.eras.setdefault(name, {}).setdefault(within, set()).add(row["period"])

    def find(self, reign: str | None, dynasty: str | None) -> NamedNode | None:
        """The one era entity the parsed date names, else its one dynasty entity, or None."""
        era = _one(self._eras(reign, dynasty)) if reign else None
        if era is None and dynasty:
            return _one(self.dynasties.get(_canonical(dynasty), set()))
        return era

    def _eras(self, reign: str, dynasty: str | None) -> set[str]:
        named = self.eras.get(reign, {})
        if dynasty is None:
            return set().union(*named.values())
        return set().union(*(iris for within, iris in named.items() if within and (
            eras.within(dynasty, within) or eras.within(within, dynasty))))

    @staticmethod
    def dynasty_years(name: str) -> tuple[int, int] | None:
        found = eras.dynasty(name)
        return (found.start, found.end) if found else None


def _canonical(name: str) -> str:
    found = eras.dynasty(name)
    return found.name if found else name


def _one(iris: set[str]) -> NamedNode | None:
    return NamedNode(next(iter(iris))) if len(iris) == 1 else None
