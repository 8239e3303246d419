"""The entity linker: finds the people, places, organisations, works, events and periods of
Nanjing studies in Chinese text and links them to the knowledge base.

Text in, mentions out (`Linker.link`), through a spaCy pipeline over a blank ``zh`` language
whose components are registered here (`kg.linking.pipeline`, config ``linker.cfg``):
normalise (t2s, half-width, offsets kept) → every KB name and every name of the linker's
lists (`kg.linking.name_lists`) by one character automaton → rules for names the KB lacks →
dates → overlap resolution (none inside a tune heading, `kg.linking.tunes`) → disambiguation
with a calibrated confidence. `link_store` writes the mentions of a store's texts as Web
Annotations into graph ``links``; `cached_gazetteer` compiles the KB of Turtle files once and
caches it. The evaluation's scorer is `kg.linking.scoring`.

Names are imported on first use, so that importing the scorer does not load spaCy.
"""

from __future__ import annotations

from importlib import import_module

__all__ = ["Gazetteer", "Linker", "LinkSummary", "Mention", "cached_gazetteer", "from_files",
           "from_store", "link_store"]

_WHERE = {"Gazetteer": "kg.linking.gazetteer", "Linker": "kg.linking.linker",
          "LinkSummary": "kg.linking.store", "Mention": "kg.linking.model",
          "cached_gazetteer": "kg.linking.source", "from_files": "kg.linking.source",
          "from_store": "kg.linking.source", "link_store": "kg.linking.store"}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'kg.linking' has no attribute {name!r}")
