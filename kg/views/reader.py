"""What the readers show: a local document's sections and paragraphs, an interview's transcript,
an ancient book's pages, each text cut into pieces so that a page can mark the mentions of
entities in it (the documents of `kg.views.texts`, which the JSON-LD API serves).

>>> [p["text"] for p in pieces("朱元璋葬于明孝陵", [{"start": 5, "end": 8, "status": "machine",
...     "entity": {"id": "https://kg.jllib.cn/entity/place/ming-xiaoling", "name": "明孝陵"}}])]
['朱元璋葬于', '明孝陵']
"""

from __future__ import annotations

from kg.iri import Minter
from kg.views import texts
from kg.views.errors import ViewError
from kg.views.labels import language_rank
from sparql import Store


def reader(store: Store, minter: Minter, path: str, server: str) -> dict | None:
    """The reader of the text at ``path`` (``works/{source}/{key}`` for a document or an
    interview, ``instances/{source}/{key}`` for a book), or None for any other resource."""
    parts = path.strip("/").split("/")
    if len(parts) != 3 or parts[0] not in ("works", "instances"):
        return None
    attempts = ((lambda: texts.document(store, minter, parts[1], parts[2]), "document"),
                (lambda: texts.interview(store, minter, parts[1], parts[2]), "interview")) \
        if parts[0] == "works" else \
        ((lambda: texts.book(store, minter, parts[1], parts[2], server), "book"),)
    for make, kind in attempts:
        try:
            return {"kind": kind, "doc": make().doc}
        except ViewError:
            continue
    return None


def text_of(part: dict) -> str:
    """A part's text, in simplified Chinese where it has several."""
    values = part.get("text") or part.get("ocrText") or {}
    if isinstance(values, dict):
        tag = min(values, key=language_rank, default=None)
        return values[tag][0] if tag is not None else ""
    return values[0] if values else ""


def pieces(text: str, mentions: list[dict]) -> list[dict]:
    """The text cut at its mentions: plain pieces ``{"text"}`` and marked ones with the
    entity's IRI, name and the link's status (a rejected link is left plain)."""
    out, at = [], 0
    for m in sorted(mentions, key=lambda m: m["start"]):
        start, end = m["start"], m["end"]
        if start < at or end > len(text) or m.get("status") == "rejected" or not m.get("entity"):
            continue  # overlapping, out of the text, or no link to show
        if start > at:
            out.append({"text": text[at:start]})
        out.append({"text": text[start:end], "entity": m["entity"]["id"],
                    "name": m["entity"].get("name") or text[start:end],
                    "status": m.get("status", "machine")})
        at = end
    if at < len(text):
        out.append({"text": text[at:]})
    return out
