"""Chinese text helpers that every source format shares: script detection, simplification.

OpenCC is loaded on first use, once per process.

>>> han_script("隨園詩話"), han_script("随园诗话"), han_script("金陵")
('Hant', 'Hans', None)
>>> simplified("金陵書局"), zh_tag("隨園詩話"), zh_tag("金陵")
('金陵书局', 'zh-Hant', 'zh-Hans')
"""

from __future__ import annotations

import re

from kg.chinese import s2t, t2s

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def han_script(text: str) -> str | None:
    """'Hant' when the text has traditional-only characters, 'Hans' simplified-only, else None."""
    if t2s().convert(text) != text:
        return "Hant"
    if s2t().convert(text) != text:
        return "Hans"
    return None


def simplified(text: str) -> str:
    """The text in simplified characters (OpenCC t2s): the form names are matched in."""
    return t2s().convert(text)


def zh_tag(text: str) -> str:
    """The BCP 47 tag of a Chinese string: zh-Hant when it has traditional-only characters,
    else zh-Hans (text that is the same in both scripts is taken as simplified)."""
    return "zh-Hant" if han_script(text) == "Hant" else "zh-Hans"


def text_language(text: str, declared: str | None) -> str | None:
    """The tag for a literal: a Chinese text gets its script's tag (zh-Hans or zh-Hant) unless
    the record declares a Sinitic language other than zh (yue, wuu …, kept); other text keeps
    the declared tag. A dialect given as a private-use tag (zh-x-nanjing) is recorded apart, so
    its text is tagged by script like any Chinese.

    >>> text_language("乌衣巷", "zh-x-nanjing"), text_language("佢哋", "yue")
    ('zh-Hans', 'yue')
    >>> text_language("ok", None), text_language("隨園", None)
    (None, 'zh-Hant')
    """
    if declared and not declared.lower().startswith("zh"):
        return declared
    if _HAN.search(text):
        return zh_tag(text)
    return declared
