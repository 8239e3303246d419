"""Which emperor a temple title alone names (高宗, 太祖, 神宗).

Biographies and notes name an emperor by the title his dynasty gave him (高宗绍兴八年, 太祖崩),
and several dynasties gave the same title (唐高宗, 宋高宗, 清高宗). The KB names each emperor
with his dynasty (宋高宗 for 赵构), so the rules find the bare title as a person of no entity.
It links to the emperor whose reign era follows it (高宗|绍兴: the era's monarch, jl:reignOf,
is among the entity's relations) or else, of those so titled, to the one whose life the text's
dated evidence fits clearly best; with no evidence for one over another it stays unlinked.

>>> from kg.linking.kb import Entity, KnowledgeBase, Name
>>> from kg.linking.gazetteer import Gazetteer
>>> gaz = Gazetteer(KnowledgeBase(
...     [Entity("p:a", "PERSON", "Person", "李治", 628, 683),
...      Entity("p:b", "PERSON", "Person", "赵构", 1107, 1187),
...      Entity("e:t", "PERIOD", "Dynasty", "唐", 618, 907),
...      Entity("e:s", "PERIOD", "Dynasty", "宋", 960, 1279),
...      Entity("e:x", "PERIOD", "ReignEra", "绍兴", 1131, 1162, related=frozenset({"p:b"}))],
...     [Name("唐高宗", 0, "alias", 0.8), Name("宋高宗", 1, "alias", 0.8), Name("唐", 2, "pref", 1),
...      Name("宋", 3, "pref", 1), Name("绍兴", 4, "pref", 1)]))
>>> rulers = TitledRulers(gaz)
>>> rulers.choose("高宗", (4,), lambda e: 0.5), rulers.choose("高宗", (), lambda e: 0.5)
(1, None)
>>> rulers.choose("高宗", (), lambda e: 1.0 if e.start < 700 else 0.0)
0
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection

from kg.linking.kb import Entity

TITLE_ENDS = ("宗", "祖")  # 高宗, 太祖: the temple titles, not 武帝, which 帝 names otherwise
# how much better the best-fitting emperor's life must fit the text than the next one's
_CLEAR = 0.25


class TitledRulers:
    """The KB's emperors by their bare temple title, for one gazetteer."""

    def __init__(self, gazetteer):
        self.entities: list[Entity] = gazetteer.entities
        self.by_title = _titled(gazetteer)

    def __contains__(self, title: str) -> bool:
        return title in self.by_title

    def choose(self, title: str, eras: Collection[int], fit: Callable[[Entity], float]
               ) -> int | None:
        """The entity the title names: the monarch of the reign era right after it (``eras``:
        the senses of that era's name) if one bears the title, else the clearly best fit of
        the text's dates, else None."""
        named = self.by_title.get(title, ())
        related = {iri for era in eras for iri in self.entities[era].related}
        ruled = [at for at in named if self.entities[at].iri in related]
        if len(ruled) == 1:
            return ruled[0]
        fits = sorted(((fit(self.entities[at]), at) for at in named), reverse=True)
        if not fits or fits[0][0] <= 0.5:
            return None
        if len(fits) > 1 and fits[0][0] - fits[1][0] < _CLEAR:
            return None
        return fits[0][1]


def _titled(gazetteer) -> dict[str, tuple[int, ...]]:
    """Temple title -> the persons the KB names by a period's name and it (宋高宗: 赵构)."""
    entities = gazetteer.entities
    periods = {text for text, senses in zip(gazetteer.texts, gazetteer.senses, strict=True)
               if any(entities[n.entity].type == "PERIOD" for n in senses)}
    periods |= set(getattr(gazetteer, "singles", ()))
    found: dict[str, set[int]] = defaultdict(set)
    for text, senses in zip(gazetteer.texts, gazetteer.senses, strict=True):
        if 3 <= len(text) <= 4 and text.endswith(TITLE_ENDS) and text[:-2] in periods:
            found[text[-2:]] |= {n.entity for n in senses
                                 if entities[n.entity].type == "PERSON"}
    return {title: tuple(sorted(at)) for title, at in found.items() if at}
