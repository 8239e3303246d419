"""The linker: text in, mentions out, with the KB's gazetteer and the configured pipeline.

>>> from kg.linking.kb import Entity, KnowledgeBase, Name
>>> kb = KnowledgeBase([Entity("https://kg.jllib.cn/entity/place/q", "PLACE", "Place", "秦淮河")],
...                    [Name("秦淮河", 0, "pref", 1.0)])
>>> linker = Linker(Gazetteer(kb))
>>> [(m.text, m.type, m.label) for m in linker.link("沿著秦淮河走")]
[('秦淮河', 'PLACE', '秦淮河')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.linking.gazetteer import Gazetteer
from kg.linking.model import Mention
from kg.linking.pipeline import build


class Linker:
    """A gazetteer and the spaCy pipeline built around it.

    Args:
        gazetteer: the KB's compiled gazetteer (`kg.linking.source`).
        config_path: the pipeline config (default ``kg/linking/linker.cfg``).
        overrides: config values by dotted path.
    """

    def __init__(self, gazetteer: Gazetteer, config_path: Path | None = None,
                 overrides: dict | None = None):
        self.gazetteer = gazetteer
        self.nlp = build(gazetteer, config_path, overrides)

    def link(self, text: str) -> list[Mention]:
        """The mentions in one text, in text order; offsets are offsets of ``text``."""
        return self.nlp(text)._.jl_mentions

    def link_all(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[list[Mention]]:
        """The mentions of each text, in the order of the texts."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield doc._.jl_mentions
