"""The shared entities that records of any format name: agents, places, concepts, collections.

Each is keyed by its heading (`ingest.headings`), so the same name from two sources is one
entity. An agent's name becomes the knowledge-base person it names when exactly one person
there has that name (and lived in the record's period, when the record gives one); otherwise
it becomes the shared heading-keyed entity, for the linking stage and curators to resolve.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode

from ingest.chinese import simplified
from ingest.headings import heading_entity, heading_key
from ingest.triples import Triples
from kg.iri import Minter
from kg.tables import Tables
from kg.vocab import DCMITYPE, JL, RDFS, SKOS, A
from sparql import Store, queries

CODES = Tables(Path(__file__).with_name("codes"))


@cache
def _endings() -> list[tuple[str, int]]:
    rows = CODES.table("organisation_endings")
    return sorted(((r["ending"], int(r["min_length"])) for r in rows),
                  key=lambda e: -len(e[0]))


def agent_kind(name: str) -> str:
    """'organization' when the name ends as organisations' names do, else 'person'.

    >>> agent_kind("金陵图书馆"), agent_kind("袁枚"), agent_kind("王会"), agent_kind("南京市文化会")
    ('organization', 'person', 'person', 'organization')
    """
    name = name.strip()
    for ending, min_length in _endings():
        if name.endswith(ending) and len(name) >= min_length:
            return "organization"
    return "person"


@dataclass(frozen=True)
class Known:
    person: str
    birth: int | None
    death: int | None

    def fits(self, start: int | None, end: int | None) -> bool:
        """Whether the person may have lived in the years ``start``-``end`` (unknown fits)."""
        if start is None or end is None:
            return True
        born = self.birth if self.birth is not None else (self.death - 100 if self.death
                                                          else None)
        died = self.death if self.death is not None else (born + 100 if born else None)
        return born is None or (born <= end and died >= start)


def person_names(store: Store) -> list[dict[str, str | None]]:
    """Rows for `PersonIndex`, as plain data (a converter may run in another process)."""
    columns = ("name", "person", "birth", "death")
    rows = store.query(queries.load("kb_person_names"))
    return [{c: (row[c].value if row.get(c) is not None else None) for c in columns}
            for row in rows]


class PersonIndex:
    """Names of known persons (`sparql/queries/kb_person_names.rq` rows) for linking names."""

    def __init__(self, rows: Iterable[dict[str, Any]]):
        self.by_name: dict[str, list[Known]] = {}
        for row in rows:
            known = Known(row["person"], _year(row.get("birth")), _year(row.get("death")))
            entries = self.by_name.setdefault(simplified(row["name"]), [])
            if known not in entries:
                entries.append(known)

    def find(self, name: str, start: int | None = None, end: int | None = None) -> str | None:
        """The one known person of that name who fits the years, else None."""
        found = {k.person for k in self.by_name.get(simplified(name), ()) if k.fits(start, end)}
        return found.pop() if len(found) == 1 else None


def _year(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def agent(triples: Triples, minter: Minter, name: str, *, kind: str | None = None,
          known: str | None = None, key_extra: str = "",
          language: str | None = None) -> NamedNode:
    """The entity of an agent's name, typed and labelled in ``triples``.

    ``known`` is a knowledge-base IRI found for the name (then nothing is added about it);
    ``key_extra`` (a dynasty, life years) keeps apart namesakes of different times.
    """
    if known:
        return NamedNode(known)
    kind = kind or agent_kind(name)
    key = heading_key(f"{name} {key_extra}".strip())
    iri = heading_entity(minter, kind, key)
    triples.add(iri, A, JL.Person if kind == "person" else JL.Organization)
    triples.chinese(iri, RDFS.label, name, language)
    triples.add(iri, JL.headingKey, Literal(key))
    return iri


def concept(triples: Triples, minter: Minter, label: str, language: str | None) -> NamedNode:
    """A keyword subject (a topic given as words, not from a thesaurus)."""
    iri = heading_entity(minter, "concept", "keyword|" + heading_key(label))
    triples.types(iri, SKOS.Concept)
    triples.chinese(iri, SKOS.prefLabel, label, language)
    return iri


def collection(triples: Triples, minter: Minter, label: str, language: str | None) -> NamedNode:
    iri = heading_entity(minter, "collection", heading_key(label))
    triples.types(iri, DCMITYPE.Collection)
    triples.chinese(iri, RDFS.label, label, language)
    return iri


def place(triples: Triples, minter: Minter, label: str, language: str | None) -> NamedNode:
    """A place named in a record; the linking stage ties it to the knowledge base."""
    iri = heading_entity(minter, "place", heading_key(label))
    triples.types(iri, JL.Place)
    triples.chinese(iri, RDFS.label, label, language)
    return iri
