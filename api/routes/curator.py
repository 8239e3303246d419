"""``/curator``: the curators' pages, behind a login with a curator or admin token: the review
queue of machine links (accept, reject), merging two entities, splitting one, adding or removing
an entity's facts (api/tables/editable_properties.tsv), and the history of changes with undo.

Each page is a thin layer over `kg.curation` through `api.routes.curation.curation_for`, the
same checks of role and graph as the API. A write is a form posted with the session's form key
(`api.sessions`); its answer is a redirect to a page that says what was done or what failed.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pyoxigraph import Literal, NamedNode
from starlette.concurrency import run_in_threadpool

from api.html import render
from api.i18n import TABLES
from api.routes.curation import CURATORS, curation_for, undo_as
from api.sessions import COOKIE, LIFETIME, Session, current, form_key_matches
from api.state import AppState, state
from kg.curation import Statement
from kg.errors import KgError

router = APIRouter(prefix="/curator", tags=["pages"], include_in_schema=False)
QUEUE_SHOWN = 50
HISTORY_SHOWN = 50
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
FormKey = Annotated[str, Form()]


def _to_login(request: Request) -> Response:
    return RedirectResponse("/curator/login?" + urlencode({"next": request.url.path}), 303)


def _back(path: str, **said: object) -> Response:
    """A redirect after a write, to ``path`` with what to tell the curator."""
    return RedirectResponse(f"{path}?{urlencode(said)}" if said else path, 303)


def _page(request: Request, template: str, session: Session, **context) -> Response:
    said = {k: request.query_params.get(k) for k in ("done", "error")}
    return render(request, template, {"session": session, **said, **context},
                  headers={"Cache-Control": "no-store"})


async def _write(request: Request, key: str, action, back: str) -> Response:
    """Run ``action(curation)`` for the session's curator, if the form carried the session's
    key; then back to ``back`` with the change's number or the error's message."""
    session = current(request)
    if session is None:
        return _to_login(request)
    if not form_key_matches(session, key):
        return _back(back, error="the form has expired: load the page again")
    app = state(request)
    try:
        change = await run_in_threadpool(action, curation_for(app, session.who))
    except (KgError, ValueError) as err:  # ValueError: a form's IRI that is none
        return _back(back, error=str(err))
    app.changed(change)
    return _back(back, done=change.id)


# -- logging in and out ------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/curator", error: str = "") -> Response:
    return render(request, "curator_login.html", {"next": _local(next), "error": error},
                  headers={"Cache-Control": "no-store"})


@router.post("/login")
def login(request: Request, token: Annotated[str, Form()],
          next: Annotated[str, Form()] = "/curator") -> Response:
    """Open a session for a curator or admin token; the token itself is not kept."""
    app = state(request)
    try:
        who = app.tokens.verify(token.strip())
    except KgError:
        who = None
    if who is None or who.role not in CURATORS:
        return _back("/curator/login", next=_local(next), error="token")
    response = RedirectResponse(_local(next), 303)
    response.set_cookie(COOKIE, request.app.state.sessions.open(who), max_age=LIFETIME,
                        httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(request: Request, form_key: FormKey) -> Response:
    session = current(request)
    if session is not None and form_key_matches(session, form_key):
        request.app.state.sessions.close(request.cookies.get(COOKIE))
    response = RedirectResponse("/", 303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _local(path: str) -> str:
    """A path on this site to go to after logging in, never another site's address."""
    return path if path.startswith("/") and not path.startswith(("//", "/\\")) else "/curator"


# -- the review queue ----------------------------------------------------------------------

@router.get("", response_class=HTMLResponse)
def review_queue(request: Request) -> Response:
    """The machine links no curator has decided on, least confident first."""
    session = current(request)
    if session is None:
        return _to_login(request)
    app = state(request)
    rows = curation_for(app, session.who).review_queue(QUEUE_SHOWN)
    return _page(request, "curator_review.html", session,
                 links=[_link(app, row) for row in rows])


def _link(app: AppState, row: dict) -> dict:
    body, source = row["body"].value, row["source"].value
    return {"mention": row["mention"].value, "exact": row["exact"].value,
            "entity": row.get("bodyLabel", row["body"]).value,
            "entity_href": app.minter.path_of(body) or body,
            "source_href": app.minter.path_of(source.split("#")[0]) or source,
            "confidence": float(row["confidence"].value)}


@router.post("/review")
async def decide(request: Request, form_key: FormKey, mention: Annotated[str, Form()],
                 decision: Annotated[str, Form()]) -> Response:
    return await _write(request, form_key,
                        lambda curation: curation.decide(NamedNode(mention), decision),
                        "/curator")


# -- merging -------------------------------------------------------------------------------

@router.get("/merge", response_class=HTMLResponse)
def merge_page(request: Request, merged: str = "", into: str = "") -> Response:
    session = current(request)
    if session is None:
        return _to_login(request)
    return _page(request, "curator_merge.html", session, merged=merged, into=into)


@router.post("/merge")
async def merge(request: Request, form_key: FormKey, merged: Annotated[str, Form()],
                into: Annotated[str, Form()]) -> Response:
    app = state(request)
    return await _write(request, form_key, lambda curation: curation.merge(
        _entity(app, merged), _entity(app, into)), "/curator/merge")


def _entity(app: AppState, given: str) -> NamedNode:
    """An entity named by its IRI or by its page's path (/entity/person/…)."""
    text = given.strip()
    try:
        return app.minter.from_path(text.lstrip("/")) if text.startswith("/") else NamedNode(text)
    except ValueError as err:
        raise InvalidEntity(f"not an entity's IRI or page: {given!r}") from err


class InvalidEntity(KgError, ValueError):
    """A form named no entity."""


# -- splitting ------------------------------------------------------------------------------

@router.get("/split", response_class=HTMLResponse)
def split_page(request: Request, entity: str) -> Response:
    """The entity's statements to tick, and the new entity's name."""
    session = current(request)
    if session is None:
        return _to_login(request)
    app = state(request)
    try:
        iri = _entity(app, entity)
        found = curation_for(app, session.who).statements(iri)
    except KgError as err:
        return _back("/curator", error=str(err))
    return _page(request, "curator_split.html", session, entity=iri.value,
                 path=app.minter.path_of(iri.value) or iri.value,
                 statements=[{"key": _key(s), "predicate": s.predicate.value,
                              "object": s.object.value} for s in found])


@router.post("/split")
async def split(request: Request, form_key: FormKey, entity: Annotated[str, Form()],
                label: Annotated[str, Form()],
                move: Annotated[list[str] | None, Form()] = None) -> Response:
    """Move the ticked statements (named by `_key`) to a new entity named ``label``."""
    app = state(request)
    try:
        iri = _entity(app, entity)
    except InvalidEntity as err:
        return _back("/curator", error=str(err))
    chosen = set(move or [])

    def act(curation):
        moving = [s for s in curation.statements(iri) if _key(s) in chosen]
        return curation.split(iri, moving, Literal(label.strip(), language="zh-hans"))
    return await _write(request, form_key, act, "/curator/history")


def _key(statement: Statement) -> str:
    """A statement as a form value: its predicate and object in N-Triples form."""
    return f"<{statement.predicate.value}> {statement.object}"


# -- editing facts ---------------------------------------------------------------------------

@cache
def editable() -> dict[str, str]:
    """Property IRI -> the kind of value it takes (api/tables/editable_properties.tsv)."""
    return {row["property"]: row["kind"] for row in TABLES.table("editable_properties")}


def editable_fields() -> list[dict[str, str]]:
    """The editable properties as the entity page's form lists them."""
    return [{"iri": iri, "local": iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1], "kind": kind}
            for iri, kind in editable().items()]


@router.post("/edit")
async def edit_fact(request: Request, form_key: FormKey, entity: Annotated[str, Form()],
                    property: Annotated[str, Form()], value: Annotated[str, Form()],
                    change: Annotated[str, Form()] = "add") -> Response:
    """Add a statement of an editable property to an entity, or remove one."""
    app = state(request)
    try:
        iri = _entity(app, entity)
        statement = [Statement(NamedNode(property), _value(app, property, value))]
    except (InvalidEntity, ValueError) as err:
        return _back("/curator", error=str(err))
    add, remove = (statement, []) if change == "add" else ([], statement)
    return await _write(request, form_key, lambda curation: curation.edit(
        iri, add, remove, f"{change} {property.rsplit('#', 1)[-1]} {value.strip()}"),
        app.minter.path_of(iri.value) or "/curator")


def _value(app: AppState, property: str, given: str) -> Literal | NamedNode:
    """The form's value as the property's kind of term (ValueError when it cannot be)."""
    kind, text = editable().get(property), given.strip()
    if kind is None:
        raise ValueError(f"{property} is not a property edited here")
    if not text:
        raise ValueError("give a value")
    if kind == "year":
        return Literal(str(int(text)), datatype=XSD_INTEGER)
    if kind == "entity":
        return _entity(app, text)
    return Literal(text, language="zh-hans")


# -- history -------------------------------------------------------------------------------

@router.get("/history", response_class=HTMLResponse)
def history(request: Request, about: str = "") -> Response:
    """The latest changes (of one entity, with ``about``), newest first."""
    session = current(request)
    if session is None:
        return _to_login(request)
    app = state(request)
    if about:
        try:
            found = app.changes.about(_entity(app, about).value, HISTORY_SHOWN)
        except InvalidEntity as err:
            return _back("/curator/history", error=str(err))
    else:
        found = list(reversed(app.changes.since(max(0, app.changes.last() - HISTORY_SHOWN))))
    return _page(request, "curator_history.html", session, about=about, changes=found)


@router.post("/changes/{number}/undo")
async def undo(request: Request, number: int, form_key: FormKey) -> Response:
    return await _write(request, form_key, lambda curation: undo_as(curation, number),
                        "/curator/history")
