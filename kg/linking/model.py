"""The values the linker's components pass along: proposals (possible mentions) and mentions.

>>> m = Mention(0, 2, "金图", "ORGANIZATION", "https://kg.jllib.cn/entity/organization/x",
...             "金陵图书馆", 0.93)
>>> m.as_json()["label"], m.as_json()["score"]
('金陵图书馆', 0.93)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.linking.kb import Name

# where a proposal comes from: the KB's gazetteer, or a recogniser of names the KB lacks
KB = "kb"


@dataclass(slots=True)
class Proposal:
    """A stretch of text that may name an entity, and why."""

    start: int
    end: int
    type: str | None                 # the type the evidence says (None: the KB senses decide)
    senses: tuple[Name, ...] = ()     # KB names with this text
    origin: str = KB                 # "kb", or the recogniser's rule (person.title, suffix …)
    strength: float = 1.0            # how sure the rule is that this is a name (0-1)

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved mention: its span in the original text, its type and its entity.

    ``entity`` is a KB IRI, or None for a name the KB does not know (then ``candidate`` is the
    candidate entity's IRI, when one was minted).
    """

    start: int
    end: int
    text: str
    type: str
    entity: str | None
    label: str | None
    score: float
    candidate: str | None = None
    origin: str = KB
    features: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def as_json(self) -> dict:
        """The object ``jinling link`` prints for the mention."""
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "entity": self.entity, "label": self.label, "score": self.score}
