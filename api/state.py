"""What every route needs: settings, the store, the IRI minter and the token file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from fastapi import Request
from pyoxigraph import NamedNode, Quad

from api.conditional import ResponseCache
from kg.auth import Principal, Targets, TokenFile, authorize
from kg.changes import Change, ChangeLog, Draft, record_addition, record_effect
from kg.errors import Unauthenticated
from kg.iri import Minter
from kg.search import IndexUnavailable, open_index
from kg.settings import Settings
from sparql import Store

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass
class AppState:
    """Shared by all requests of one app."""

    settings: Settings
    store: Store
    minter: Minter
    tokens: TokenFile

    @cached_property
    def changes(self) -> ChangeLog:
        """The change log (opened on first use)."""
        return ChangeLog(self.settings.changes_file)

    @cached_property
    def answers(self) -> ResponseCache:
        """Recent API answers, kept until the store's next write."""
        return ResponseCache()

    @property
    def generation(self) -> int | None:
        """The store's write count (None for a store that does not count: no caching)."""
        return getattr(self.store, "generation", None)

    def changed(self, change: Change | None) -> None:
        """Keep the search index current after a recorded change (a busy or unbuilt index
        is left alone: `jinling index rebuild`, or the first search, brings it up to date)."""
        if change is None:
            return
        index = open_index(self.settings)
        subjects = {q.subject.value for q in change.added + change.removed
                    if isinstance(q.subject, NamedNode)} | set(change.subjects)
        try:
            if index.is_built():
                index.refresh(self.store, sorted(subjects))
        except IndexUnavailable as err:
            log.warning("search index not refreshed after change %s: %s", change.id, err)

    def graph_iri(self, name: str) -> str:
        """The IRI string of a graph short name."""
        return self.minter.graph(name).value


def state(request: Request) -> AppState:
    """The app's state (a FastAPI dependency)."""
    return request.app.state.jinling


def principal(request: Request) -> Principal | None:
    """The caller named by an ``Authorization: Bearer`` header, or None without one."""
    header = request.headers.get("authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("use Authorization: Bearer <token>")
    return state(request).tokens.verify(token.strip())


def require_write(request: Request, targets: Targets) -> None:
    """Allow the write for the caller's token or raise Unauthenticated/Forbidden."""
    authorize(principal(request), targets, state(request).graph_iri)


def logged_write(request: Request, targets: Targets, write: Callable[[], T], action: str,
                 summary: str) -> T:
    """Check the caller may write ``targets``, then run the write and record its effect in
    the change log (so the change feed carries it)."""
    draft = _allowed_draft(request, targets, action, summary)
    graphs = None if targets.everything else (
        [NamedNode(g) for g in sorted(targets.graphs)] + ([None] if targets.default else []))
    app = state(request)
    result, change = record_effect(app.store, app.changes, graphs, write, draft)
    app.changed(change)
    return result


def logged_addition(request: Request, targets: Targets, quads: list[Quad],
                    write: Callable[[], T], summary: str) -> T:
    """`logged_write` for a write that only adds these quads (a Graph Store POST): the quads
    new to the store are recorded, with no snapshot of the graph."""
    draft = _allowed_draft(request, targets, "Update", summary)
    app = state(request)
    result, change = record_addition(app.store, app.changes, quads, write, draft)
    app.changed(change)
    return result


def _allowed_draft(request: Request, targets: Targets, action: str, summary: str) -> Draft:
    """The change a write will be, once the caller's token allows it (read once)."""
    who = principal(request)
    authorize(who, targets, state(request).graph_iri)
    return Draft(action, tuple(sorted(targets.graphs)),
                 actor=who.token_id if who else "anonymous", summary=summary)
