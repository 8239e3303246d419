"""Typed errors of the JSON-LD API views; `api.routes.api_v1` gives each its HTTP status.

    ViewError (KgError)
     ├── NotFound (LookupError)     nothing is known about it, or it is not of the kind asked
     ├── Gone                       the resource was deleted at its source: a tombstone (410)
     ├── Replaced                   the entity was merged into another: a redirect (301)
     └── BadParameter (ValueError)  a filter or paging parameter that cannot work (400)
"""

from __future__ import annotations

from kg.errors import KgError


class ViewError(KgError):
    """Base of the errors of `kg.views`."""


class NotFound(ViewError, LookupError):
    """Nothing is known about the IRI, or it is not the kind of resource the view shows."""


class Gone(ViewError):
    """The resource is a tombstone: its source record was deleted (``deleted_at``, if known)."""

    def __init__(self, iri: str, deleted_at: str | None):
        self.iri, self.deleted_at = iri, deleted_at
        when = f" at {deleted_at}" if deleted_at else ""
        super().__init__(f"{iri} was deleted{when}; its tombstone stays")


class Replaced(ViewError):
    """The entity was merged into ``target``, which answers in its place."""

    def __init__(self, iri: str, target: str):
        self.iri, self.target = iri, target
        super().__init__(f"{iri} was merged into {target}")


class BadParameter(ViewError, ValueError):
    """A parameter that cannot work; ``name`` is the parameter."""

    def __init__(self, name: str, detail: str):
        self.name = name
        super().__init__(f"{name}: {detail}")
