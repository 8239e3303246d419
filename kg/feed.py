"""The change feed: the change log as ActivityStreams 2.0, for district libraries to sync from.

The feed is an ``OrderedCollection`` whose pages (``OrderedCollectionPage``) list the recorded
changes oldest first, each as an activity: its type (Create, Update, Delete; the project's
``jl:Merge``, ``jl:Split``, ``jl:Undo``), when, by whom, what it is about, and the exact quads
it removed and added (N-Quads text in ``jl:removed`` and ``jl:added``). A ``jl:Reload``
(a bulk write of the command line) names instead the graphs it rewrote and their dumps
(``jl:dumps``): a copy replaces those graphs with the dumps. A copy of the graph that applies
every page's activities in order holds exactly the quads of the source (`kg.sync` does that):
applying the changes after a reload to a dump taken later changes nothing the dump has not
already got, since each change only deletes and inserts whole quads.

Pages are addressed by the last change number already seen (``after``), so a harvester that
stores the number of the last change it applied resumes exactly there; ``since`` (an ISO 8601
time) starts from a time instead.

>>> from kg.changes import Change
>>> a = activity(Change("Merge", ("http://e/a", "http://e/b"), id=7, time="2026-01-01T00:00:00Z",
...                     actor="c1", target="http://e/b"), "https://kg.jllib.cn/")
>>> a["type"], a["object"], a["target"], a["id"]
('jl:Merge', 'http://e/a', 'http://e/b', 'https://kg.jllib.cn/changes/7')
"""

from __future__ import annotations

from urllib.parse import urlencode

from pyoxigraph import RdfFormat, serialize

from kg.changes import Change, ChangeLog
from kg.vocab import JL_IRI

CONTEXT = ["https://www.w3.org/ns/activitystreams", {"jl": JL_IRI}]
AS_TYPES = {"Create": "Create", "Update": "Update", "Delete": "Delete", "Merge": "jl:Merge",
            "Split": "jl:Split", "Undo": "jl:Undo", "Reload": "jl:Reload"}
PAGE_SIZE = 100


def activity(change: Change, base: str, dumps: str | None = None) -> dict:
    """One change as an activity (without @context: a page carries it); ``dumps``: the URL
    the server's graph dumps are under (for a reload)."""
    out = {"id": f"{base}changes/{change.id}", "type": AS_TYPES[change.action],
           "published": change.time, "actor": {"type": "Person", "name": change.actor},
           "summary": change.summary, "object": change.subjects[0] if change.subjects else None,
           "jl:subjects": list(change.subjects), "jl:graphs": list(change.graphs),
           "jl:removed": _nquads(change.removed), "jl:added": _nquads(change.added)}
    if change.target:
        out["target"] = change.target
    if change.undoes:
        out["jl:undoes"] = f"{base}changes/{change.undoes}"
    if change.action == "Reload":
        out["jl:graphs"] = list(change.subjects)
        out["jl:dumps"] = [_dump_url(dumps or f"{base}dumps/", base, g) for g in change.subjects]
    return out


def _dump_url(dumps: str, base: str, graph: str) -> str:
    """The URL of a graph's dump (kg.dumps names a graph's file after its short name)."""
    return f"{dumps}{graph.removeprefix(base + 'graphs/')}.nq.gz"


def collection(log: ChangeLog, url: str, since: str | None = None) -> dict:
    """The feed's front: how many changes, and its first page."""
    query = {"since": since} if since else {}
    return {"@context": CONTEXT, "id": _with(url, query), "type": "OrderedCollection",
            "totalItems": log.count(since), "first": _with(url + "/page", {**query, "after": 0}),
            "jl:lastChange": log.last()}


def page(log: ChangeLog, url: str, base: str, after: int = 0, since: str | None = None,
         size: int = PAGE_SIZE, dumps: str | None = None) -> dict:
    """The page of changes after number ``after`` (and from time ``since``); ``dumps``: the
    URL of the graph dumps on this server."""
    changes = log.since(after, since, size)
    query = {**({"since": since} if since else {}), **({"size": size} if size != PAGE_SIZE else {})}
    out = {"@context": CONTEXT, "id": _with(url, {**query, "after": after}),
           "type": "OrderedCollectionPage",
           "partOf": _with(url.removesuffix("/page"), {"since": since} if since else {}),
           "orderedItems": [activity(c, base, dumps) for c in changes]}
    if len(changes) == size:
        out["next"] = _with(url, {**query, "after": changes[-1].id})
    return out


def _with(url: str, query: dict) -> str:
    return f"{url}?{urlencode(query)}" if query else url


def _nquads(quads) -> str:
    return (serialize(list(quads), format=RdfFormat.N_QUADS) or b"").decode()
