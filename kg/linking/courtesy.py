"""A courtesy or art name right after a person's name is that person's (王昌龄，字少伯).

Biographies introduce a person as ``name，字 courtesy``, sometimes with the given name alone
(煜，字重光). The two mentions name one person, so the disambiguator's choices are made to
agree: the name's entity goes to the courtesy name (钟谟，字仲益 is 钟谟, not another man the KB
knows by 仲益); a bare given name takes the courtesy name's entity when that entity's label ends
with it (煜 + 重光 = 李煜); and a courtesy name after a person the KB does not know is not
linked to a KB person who shares it.

>>> a = Mention(0, 2, "钟谟", "PERSON", "e:zm", "钟谟", 0.9)
>>> b = Mention(4, 6, "仲益", "PERSON", "e:sd", "孙觌", 0.8)
>>> [m.label for m in bind_courtesy_names([a, b], "钟谟，字仲益，会稽人")]
['钟谟', '钟谟']
>>> c = Mention(0, 1, "煜", "PERSON", None, None, 0.6)
>>> d = Mention(3, 5, "重光", "PERSON", "e:ly", "李煜", 0.8)
>>> [m.label for m in bind_courtesy_names([c, d], "煜，字重光")]
['李煜', '李煜']
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.linking.model import Mention

# what stands between the name and the courtesy or art name
_LINK = re.compile(r"\s*[,，]?\s*(?:字|号|自号|晚号|别号)\s*$")


def bind_courtesy_names(mentions: list[Mention], norm: str) -> list[Mention]:
    """The mentions with each ``name，字 courtesy`` pair linked to one person."""
    out = list(mentions)
    for i in range(len(out) - 1):
        name, courtesy = out[i], out[i + 1]
        if name.type != "PERSON" or courtesy.type != "PERSON" \
                or not _LINK.fullmatch(norm[name.end:courtesy.start]):
            continue
        if name.entity is not None:
            out[i + 1] = _same_as(courtesy, name)
        elif courtesy.entity is not None and courtesy.label.endswith(norm[name.start:name.end]):
            out[i] = _same_as(name, courtesy)
        elif courtesy.entity is not None:
            out[i + 1] = replace(courtesy, entity=None, label=None)
    return out


def _same_as(mention: Mention, other: Mention) -> Mention:
    return replace(mention, entity=other.entity, label=other.label, candidate=other.candidate)
