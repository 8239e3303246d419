"""Mentions of entities in text parts, flattened for apps.

A mention is ``{"id", "start", "end", "quote", "entity": {"id", "name"}, "confidence",
"status"}``: ``start`` and ``end`` are offsets into its part's text (from its position
selector, else where its quote stands: `kg.linking.store.locate_quote`), ``status`` is
``machine``, ``accepted`` or ``rejected`` (a curator's decision wins over the machine's).
Mentions come in the order of their spans.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg.linking.store import locate_quote
from kg.views.context import vocabulary
from kg.views.labels import labels_of
from kg.vocab import JL
from sparql import Store, queries
from sparql.text import bind_rows

DECIDED = (JL.rejected.value, JL.accepted.value)  # a curator's decision, before the machine's
FIELDS = ("body", "confidence", "created", "start", "end", "exact", "prefix", "suffix")


@dataclass
class Mention:
    """What the rows of one mention say."""

    iri: str
    source: str
    values: dict[str, str] = field(default_factory=dict)
    statuses: set[str] = field(default_factory=set)

    def status(self) -> str | None:
        """The status IRI that counts: a decision, else the machine's."""
        for decided in DECIDED:
            if decided in self.statuses:
                return decided
        return next(iter(sorted(self.statuses)), None)

    def span(self, text: str) -> tuple[int, int] | None:
        """(start, end) in the part's text."""
        if "start" in self.values and "end" in self.values:
            return int(self.values["start"]), int(self.values["end"])
        if "exact" not in self.values:
            return None
        return locate_quote(text, self.values["exact"], self.values.get("prefix", ""),
                            self.values.get("suffix", ""))


def read_mentions(store: Store, parts: list[str]) -> list[Mention]:
    """The mentions of the text parts."""
    if not parts:
        return []
    text = bind_rows(queries.load("api_mentions"), "source", [NamedNode(p) for p in parts])
    found: dict[str, Mention] = {}
    for row in store.query(text):
        m = found.setdefault(row["m"].value, Mention(row["m"].value, row["source"].value))
        m.values.update({k: row[k].value for k in FIELDS if k in row and k not in m.values})
        if "status" in row:
            m.statuses.add(row["status"].value)
    return list(found.values())


def mentions_by_part(store: Store, texts: dict[str, str]) -> tuple[dict[str, list[dict]], list]:
    """Part IRI -> its mentions as JSON (see the module), and when each was created."""
    found = read_mentions(store, list(texts))
    names = labels_of(store, [m.values["body"] for m in found if "body" in m.values])
    by_part: dict[str, list[dict]] = defaultdict(list)
    for m in found:
        by_part[m.source].append(as_json(m, texts.get(m.source, ""), names))
    for mentions in by_part.values():
        mentions.sort(key=lambda j: (j["start"] is None, j["start"] or 0, j["end"] or 0, j["id"]))
    return dict(by_part), [m.values.get("created") for m in found]


def as_json(m: Mention, text: str, names: dict[str, str]) -> dict:
    """One mention for apps."""
    span = m.span(text)
    body = m.values.get("body")
    status = m.status()
    return {"id": m.iri, "start": span[0] if span else None, "end": span[1] if span else None,
            "quote": m.values.get("exact") or (text[span[0]:span[1]] if span else None),
            "entity": {"id": body, "name": names.get(body)} if body else None,
            "confidence": float(m.values["confidence"]) if "confidence" in m.values else None,
            "status": vocabulary().compact(status) if status else None}
