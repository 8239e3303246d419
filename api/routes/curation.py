"""Curation over HTTP (``/api/v1/curation``) and the change log (``/api/v1/changes``).

Every write needs a curator or admin token (``Authorization: Bearer``); a curator token scoped
to a graph writes only there. Reads (the review queue, histories) are public. Each write
answers with the change it recorded; ``POST /api/v1/changes/{n}/undo`` reverses one.
"""

from __future__ import annotations

from typing import Annotated, Any
from typing import Literal as Choice

from fastapi import APIRouter, Body, Query, Request
from pydantic import BaseModel, Field
from pyoxigraph import Literal, NamedNode
from starlette.concurrency import run_in_threadpool

from api.examples import ACTIVITY, CHANGES, REVIEW, ok
from api.problems import Problem
from api.state import AppState, principal, state
from kg.auth import Principal, Role, Targets, authorize
from kg.changes import Change, undo
from kg.curation import Curation, Statement
from kg.errors import Forbidden, Unauthenticated
from kg.feed import activity

router = APIRouter(prefix="/api/v1", tags=["curation"])
CURATORS = (Role.CURATOR, Role.ADMIN)


class Term(BaseModel):
    """An object: an IRI (``@id``) or a literal (``@value`` with ``@language`` or ``@type``)."""

    id: str | None = Field(None, alias="@id")
    value: str | None = Field(None, alias="@value")
    language: str | None = Field(None, alias="@language")
    type: str | None = Field(None, alias="@type")


class StatementIn(BaseModel):
    predicate: str
    object: Term


class Edit(BaseModel):
    add: list[StatementIn] = []
    remove: list[StatementIn] = []
    summary: str = ""


class Merge(BaseModel):
    merged: str = Field(description="IRI of the entity that goes away")
    into: str = Field(description="IRI of the entity that stays")


class Split(BaseModel):
    entity: str | None = Field(None, description="IRI of the entity to split")
    statements: list[StatementIn] = []
    label: Term | None = Field(None, description="preferred label of the new entity")
    key: str | None = Field(None, description="key of the new entity's IRI (default: derived)")
    undo: int | None = Field(None, description="instead: the number of a merge to undo")


class Decision(BaseModel):
    mention: str
    decision: Choice["accept", "reject"]


EDIT_EXAMPLE = {"add": [{"predicate": "http://www.w3.org/2004/02/skos/core#altLabel",
                         "object": {"@value": "钟隐", "@language": "zh-Hans"}}], "remove": []}


def _curation(request: Request) -> Curation:
    who = principal(request)
    if who is None:
        raise Unauthenticated("curation needs a token: send Authorization: Bearer <token>")
    return curation_for(state(request), who)


def curation_for(app: AppState, who: Principal) -> Curation:
    """Curation as ``who``: Forbidden unless a curator or admin, and each write checked
    against the graphs its token may write (the API and the curators' pages both)."""
    if who.role not in CURATORS:
        raise Forbidden(f"a {who.role} token cannot curate; use a curator or admin token")
    return Curation(app.store, app.changes, app.minter, who.token_id,
                    allow=lambda graphs: authorize(who, Targets(graphs), app.graph_iri))


def _iri(value: str, what: str) -> NamedNode:
    try:
        return NamedNode(value)
    except ValueError:
        raise Problem(400, "Invalid IRI", f"{what} is not an IRI: {value!r}") from None


def _term(term: Term) -> NamedNode | Literal:
    if term.id is not None:
        return _iri(term.id, "@id")
    if term.value is None:
        raise Problem(400, "Invalid term", "an object needs @id or @value")
    if term.type is not None:
        return Literal(term.value, datatype=_iri(term.type, "@type"))
    return Literal(term.value, language=term.language) if term.language else Literal(term.value)


def _statements(items: list[StatementIn]) -> list[Statement]:
    return [Statement(_iri(s.predicate, "predicate"), _term(s.object)) for s in items]


def _answer(app: AppState, change: Change) -> dict[str, Any]:
    return activity(change, app.minter.base)


def _done(app: AppState, change: Change) -> dict[str, Any]:
    """A write's answer: the change it recorded, once the search index has followed it."""
    app.changed(change)
    return _answer(app, change)


@router.patch("/curation/entities/{kind}/{key}", summary="Edit an entity's statements",
               responses=ok(ACTIVITY))
async def edit(request: Request, kind: str, key: str,
               body: Annotated[Edit, Body(examples=[EDIT_EXAMPLE])]) -> dict:
    """Add and remove statements of the entity in the graph that describes it."""
    curation, app = _curation(request), state(request)
    entity = app.minter.entity(kind, key)
    change = await run_in_threadpool(curation.edit, entity, _statements(body.add),
                                     _statements(body.remove), body.summary)
    return _done(app, change)


@router.get("/curation/review", summary="The review queue of machine links",
            responses=ok(REVIEW))
async def review(request: Request, limit: int = Query(50, ge=1, le=500),
                 offset: int = Query(0, ge=0)) -> dict:
    """Machine links no curator has decided on, least confident first."""
    app = state(request)
    curation = Curation(app.store, app.changes, app.minter, "anonymous")
    rows = await run_in_threadpool(curation.review_queue, limit, offset)
    return {"items": [{k: v.value for k, v in row.items()} for row in rows],
            "limit": limit, "offset": offset}


@router.post("/curation/review", summary="Accept or reject a machine link",
             responses=ok(ACTIVITY))
async def decide(request: Request, body: Decision) -> dict:
    curation, app = _curation(request), state(request)
    change = await run_in_threadpool(curation.decide, _iri(body.mention, "mention"),
                                     body.decision)
    return _done(app, change)


@router.post("/curation/merge", summary="Merge one entity into another",
             responses=ok(ACTIVITY))
async def merge(request: Request, body: Merge) -> dict:
    """The merged entity's IRI then answers 301 to the one it was merged into."""
    curation, app = _curation(request), state(request)
    change = await run_in_threadpool(curation.merge, _iri(body.merged, "merged"),
                                     _iri(body.into, "into"))
    return _done(app, change)


@router.post("/curation/split", summary="Split an entity, or undo a merge",
             responses=ok(ACTIVITY))
async def split(request: Request, body: Split) -> dict:
    curation, app = _curation(request), state(request)
    if body.undo is not None:
        change = await run_in_threadpool(_undo_merge, curation, body.undo)
    else:
        if body.entity is None or body.label is None:
            raise Problem(400, "Invalid split", "give entity, statements and label, or undo")
        label = _term(body.label)
        if not isinstance(label, Literal):
            raise Problem(400, "Invalid label", "the new entity's label must be a literal")
        change = await run_in_threadpool(curation.split, _iri(body.entity, "entity"),
                                         _statements(body.statements), label, body.key)
    return _done(app, change)


def _undo_merge(curation: Curation, number: int) -> Change:
    if curation.log.get(number).action != "Merge":
        raise Problem(400, "Not a merge", f"change {number} is not a merge; use "
                      f"POST /api/v1/changes/{number}/undo to undo other changes")
    return undo_as(curation, number)


def undo_as(curation: Curation, number: int) -> Change:
    """Undo change ``number`` as the curation's actor, if its token may write its graphs."""
    if curation.allow is not None:
        curation.allow(frozenset(curation.log.get(number).graphs))
    return undo(curation.store, curation.log, number, curation.actor)


@router.get("/changes", summary="Recorded changes, or the history of one resource",
            responses=ok(CHANGES))
async def changes(request: Request, about: str | None = None,
                  after: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000)) -> dict:
    """With ``about``: the changes to that resource, newest first; else all, oldest first."""
    app = state(request)
    found = (app.changes.about(_iri(about, "about").value, limit) if about
             else app.changes.since(after, None, limit))
    return {"items": [_answer(app, c) for c in found]}


@router.get("/changes/{number}", summary="One recorded change", responses=ok(ACTIVITY))
async def change(request: Request, number: int) -> dict:
    app = state(request)
    return _answer(app, app.changes.get(number))


@router.post("/changes/{number}/undo", summary="Undo a recorded change",
             responses=ok(ACTIVITY))
async def undo_change(request: Request, number: int) -> dict:
    """Records a new change that reverses it; 409 when later changes are in the way."""
    curation, app = _curation(request), state(request)
    return _done(app, await run_in_threadpool(undo_as, curation, number))
