"""Curators' changes to entities: edit statements, review machine links, merge and split.

Every operation here reads what it changes from the store, builds the exact quads it removes
and adds, and goes through `kg.changes.apply`: one transaction in the store, one recorded
change in the log (who, when, before and after), which `kg.changes.undo` can reverse.

- **edit**: add and remove statements of an entity, in the graph that describes it (its home
  graph: where its ``rdf:type`` is);
- **review**: the machine's links (Web Annotations in graph ``links``) least confident first;
  a curator accepts or rejects one, and the linker never touches it again;
- **merge** A into B: every statement about A becomes a statement about B (A's preferred labels
  become B's aliases), every reference to A (other entities, annotations) points to B, and A
  keeps only ``A owl:sameAs B`` and ``A dcterms:isReplacedBy B``: its IRI answers 301 to B;
- **split**: undo a merge (`kg.changes.undo` of the merge), or move chosen statements of an
  entity to a new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from kg.changes import Change, ChangeConflict, ChangeLog, Draft, apply
from kg.errors import KgError
from kg.graphs import INFERRED
from kg.iri import Minter
from kg.vocab import DCT, JL, OWL, SKOS, A
from sparql import Store, queries

LINKS = "links"
DECISIONS = {"accept": JL.accepted, "reject": JL.rejected}


class CurationError(KgError, ValueError):
    """A curation request that cannot be carried out as asked (the message says why)."""


class EntityNotFound(KgError, LookupError):
    """No statements about this IRI in the store."""


@dataclass(frozen=True)
class Statement:
    """A predicate and object of an entity (the subject is the entity)."""

    predicate: NamedNode
    object: NamedNode | Literal


@dataclass(frozen=True)
class Curation:
    """Where curation happens and who does it; ``allow`` is called with the IRIs of the graphs
    a change writes before it is made, and raises when the actor may not write them."""

    store: Store
    log: ChangeLog
    minter: Minter
    actor: str
    allow: Callable[[frozenset[str]], None] | None = None

    # -- edit ------------------------------------------------------------------------------

    def edit(self, entity: NamedNode, add: Sequence[Statement] = (),
             remove: Sequence[Statement] = (), summary: str = "") -> Change:
        """Add and remove statements of an entity in its home graph."""
        home = self.home(entity)
        held = {(p, o) for p, o, g in self._quads(entity) if g == home}
        missing = [s for s in remove if (s.predicate, s.object) not in held]
        if missing:
            raise CurationError(f"{entity.value} has no statement {_show(missing[0])} in "
                                f"{home.value}; read the entity again and retry")
        added = [Quad(entity, s.predicate, s.object, home) for s in add
                 if (s.predicate, s.object) not in held]
        removed = [Quad(entity, s.predicate, s.object, home) for s in remove]
        if not added and not removed:
            raise CurationError("the edit changes nothing")
        return self._apply("Update", (entity.value,), added, removed,
                           summary or f"edit {len(added)} added, {len(removed)} removed")

    def home(self, entity: NamedNode) -> NamedNode:
        """The graph that types the entity (the first by name when several do), never the
        inferred graph, which only restates it (its superclasses, its names as altLabels)."""
        inferred = self.minter.graph(INFERRED)
        graphs = sorted({g for p, _, g in self._quads(entity) if p == A and g != inferred},
                        key=lambda g: g.value)
        if not graphs:
            raise EntityNotFound(f"nothing is known about {entity.value}")
        return graphs[0]

    # -- review ----------------------------------------------------------------------------

    def review_queue(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """The undecided machine links, least confident first."""
        text = queries.load("review_queue") + f"\nLIMIT {int(limit)} OFFSET {int(offset)}"
        return [{name: row[name] for name in ("mention", "body", "bodyLabel", "confidence",
                                              "exact", "source", "start", "end", "g")
                 if row.get(name) is not None} for row in self.store.query(text)]

    def decide(self, mention: NamedNode, decision: str) -> Change:
        """Accept or reject a machine link (``decision``: accept or reject)."""
        if decision not in DECISIONS:
            raise CurationError(f"decision must be accept or reject, not {decision!r}")
        rows = list(self.store.query(queries.load("mention_status"), {"mention": mention}))
        if not rows:
            raise EntityNotFound(f"no mention {mention.value}")
        status, graph = rows[0]["status"], rows[0]["g"]
        if status == DECISIONS[decision]:
            raise CurationError(f"the mention is already {decision}ed")
        removed = [Quad(mention, JL.linkStatus, status, graph)]
        added = [Quad(mention, JL.linkStatus, DECISIONS[decision], graph)]
        return self._apply("Update", (mention.value,), added, removed,
                           f"{decision} the link of {mention.value}")

    # -- merge and split -------------------------------------------------------------------

    def merge(self, merged: NamedNode, into: NamedNode) -> Change:
        """Merge entity ``merged`` into ``into`` (see the module)."""
        if merged == into:
            raise CurationError("an entity cannot be merged into itself")
        own = self._quads(merged)
        if any(p == DCT.isReplacedBy for p, _, _ in own + self._quads(into)):
            raise CurationError("one of the two entities was already merged into another; "
                                "merge into the entity that replaced it")
        home = self.home(into)
        self.home(merged)
        removed = [Quad(merged, p, o, g) for p, o, g in own]
        removed += [Quad(s, p, merged, g) for s, p, g in self._references(merged)]
        added = [Quad(into, _as_alias(p), o, g) for p, o, g in own if p != OWL.sameAs]
        added += [Quad(s, p, into, g) for s, p, g in self._references(merged) if s != into]
        added += [Quad(merged, OWL.sameAs, into, home), Quad(merged, DCT.isReplacedBy, into, home)]
        held = {(p, o, g) for p, o, g in self._quads(into)}
        added = [q for q in added  # what ``into`` holds already is no addition
                 if q.subject != into or (q.predicate, q.object, q.graph_name) not in held]
        return self._apply("Merge", (merged.value, into.value), added, removed,
                           f"merge {merged.value} into {into.value}", target=into.value)

    def split(self, entity: NamedNode, statements: Sequence[Statement], label: Literal,
              key: str | None = None) -> Change:
        """Move chosen statements of ``entity`` to a new entity of the same kind and types."""
        if not statements:
            raise CurationError("name the statements to move to the new entity")
        home, own = self.home(entity), self._quads(entity)
        held = {(p, o): g for p, o, g in own}
        missing = [s for s in statements if (s.predicate, s.object) not in held]
        if missing:
            raise CurationError(f"{entity.value} has no statement {_show(missing[0])}")
        new = self._new_entity(entity, key, label)
        moved = [Quad(entity, s.predicate, s.object, held[(s.predicate, s.object)])
                 for s in statements]
        added = [Quad(new, q.predicate, q.object, q.graph_name) for q in moved]
        added += [Quad(new, A, t, home) for p, t, g in own if p == A and g == home]
        added += [Quad(new, SKOS.prefLabel, label, home)]
        return self._apply("Split", (entity.value, new.value), _unique(added), moved,
                           f"split {new.value} from {entity.value}")

    def statements(self, entity: NamedNode) -> list[Statement]:
        """The entity's statements in its home graph but its types: what a split can move."""
        home = self.home(entity)
        return sorted((Statement(p, o) for p, o, g in self._quads(entity)
                       if g == home and p != A), key=lambda s: (s.predicate.value, str(s.object)))

    def _new_entity(self, entity: NamedNode, key: str | None, label: Literal) -> NamedNode:
        path = (self.minter.path_of(entity.value) or "").strip("/").split("/")
        if len(path) != 3 or path[0] != "entity":
            raise CurationError(f"{entity.value} is not an entity minted here")
        key = key or f"{path[2]}-{hashlib.sha1(label.value.encode()).hexdigest()[:6]}"
        new = self.minter.entity(path[1], key)
        if self._quads(new):
            raise CurationError(f"{new.value} exists already; choose another key")
        return new

    # -- reading and writing ---------------------------------------------------------------

    def _quads(self, iri: NamedNode) -> list[tuple]:
        rows = self.store.query(queries.load("resource_quads"), {"iri": iri})
        return [(r["p"], r["o"], r["g"]) for r in rows if not isinstance(r["o"], BlankNode)]

    def _references(self, iri: NamedNode) -> list[tuple]:
        rows = self.store.query(queries.load("resource_references"), {"iri": iri})
        return [(r["s"], r["p"], r["g"]) for r in rows if isinstance(r["s"], NamedNode)]

    def _apply(self, action: str, subjects: tuple[str, ...], added: Iterable[Quad],
               removed: Iterable[Quad], summary: str, target: str | None = None) -> Change:
        draft = Draft(action, subjects, tuple(_unique(added)), tuple(_unique(removed)),
                      self.actor, summary, target)
        if self.allow is not None:
            self.allow(frozenset(q.graph_name.value for q in draft.added + draft.removed))
        try:
            return apply(self.store, self.log, draft)
        except ChangeConflict:
            raise
        except ValueError as err:
            raise CurationError(str(err)) from err


def _as_alias(predicate: NamedNode) -> NamedNode:
    """A merged entity's preferred labels become aliases of the one it is merged into."""
    return SKOS.altLabel if predicate == SKOS.prefLabel else predicate


def _unique(quads: Iterable[Quad]) -> list[Quad]:
    return list(dict.fromkeys(quads))


def _show(statement: Statement) -> str:
    return f"{statement.predicate} {statement.object}"
