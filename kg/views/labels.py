"""Display names: the one label an app shows for a resource.

A ``skos:prefLabel`` wins over an ``rdfs:label``; among labels of one kind, simplified Chinese
wins, then other Chinese, untagged, English and the rest (then the smallest string, so the
choice never depends on the order the store returns rows in).

>>> from pyoxigraph import Literal
>>> best_label([(Literal("Nanjing", language="en"), 0), (Literal("南京", language="zh-hans"), 0),
...             (Literal("南京市", language="zh-hans"), 1)])
'南京'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from sparql import Store, queries
from sparql.text import bind_rows

LANGUAGE_ORDER = ("zh-hans", "zh", "zh-cn", "zh-hant", "zh-tw", "", "en")


def language_rank(language: str | None) -> int:
    """Where a language tag comes in the order of preference (lower first)."""
    tag = (language or "").lower()
    return LANGUAGE_ORDER.index(tag) if tag in LANGUAGE_ORDER else len(LANGUAGE_ORDER)


def best_label(labels: Iterable[tuple[Literal, int]]) -> str | None:
    """The preferred value of (label, rank) pairs; rank 0 is a prefLabel, 1 an rdfs:label."""
    ranked = sorted((rank, language_rank(label.language), label.value) for label, rank in labels)
    return ranked[0][2] if ranked else None


def labels_of(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """IRI -> display name, for those of the IRIs that have a label."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    text = bind_rows(queries.load("api_labels"), "s", [NamedNode(i) for i in wanted])
    found: dict[str, list[tuple[Literal, int]]] = defaultdict(list)
    for row in store.query(text):
        if isinstance(row.get("label"), Literal):
            found[row["s"].value].append((row["label"], int(row["rank"].value)))
    return {iri: best_label(pairs) for iri, pairs in found.items()}
