"""Works: whatever stands between book-title marks 《》 (and 〈〉 inside them) is a title.

The title links to a KB work when the whole title, or its part before a '·' or ':' (金陵五题
·乌衣巷 → 金陵五题), is a work's name; otherwise it is a work the KB does not know.

>>> from kg.linking.recognizers.works import Works
>>> [(p.start, p.end, p.type) for p in Works()("读《儒林外史》有感", [])]
[(2, 6, 'WORK')]
"""

from __future__ import annotations

import re

from spacy.util import registry

from kg.linking.model import KB, Proposal

_TITLE = re.compile(r"《([^《》\n]{1,40})》")
_PART = re.compile(r"[·・:：]")


class Works:
    """Titles in 《》; ``marks``: whether the mention includes the marks themselves."""

    def __init__(self, strength: float = 0.9, marks: bool = False):
        self.strength = strength
        self.marks = marks
        self.gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        out = []
        for m in _TITLE.finditer(norm):
            start, end = (m.start(), m.end()) if self.marks else (m.start(1), m.end(1))
            senses = self._senses(m.group(1))
            origin = KB if senses else "work.title"
            out.append(Proposal(start, end, "WORK", senses, origin, self.strength))
        return out

    def _senses(self, title: str) -> tuple:
        if self.gazetteer is None:
            return ()
        for key in (title, _PART.split(title)[0]):
            senses = tuple(n for n in self.gazetteer.lookup(key.strip())
                           if self.gazetteer.entities[n.entity].type == "WORK")
            if senses:
                return senses
        return ()


@registry.misc("jinling.works.v1")
def make_works(strength: float = 0.9, marks: bool = False) -> Works:
    """Titles in 《》 (`Works`)."""
    return Works(strength, marks)
