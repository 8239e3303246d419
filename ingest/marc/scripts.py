"""The BCP 47 tag of a field value: from the 880's script code, the characters and the record's
language (008/35-37, 041, CNMARC 101).

No script string is dropped: a value gets the best tag these allow, or none.

>>> class C: language, han, script, romanized = "zh", "Hans", None, set()
>>> language_tag("南京大學", C()), language_tag("南京", C()), language_tag("Nanjing", C())
('zh-Hant', 'zh-Hans', None)
>>> language_tag("서울", C()), language_tag("とうきょう", C())
('ko', 'ja')
"""

from __future__ import annotations

import re
from typing import Any

from ingest.marc.text import han_script

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_SCRIPTS = [  # (pattern, default language, the languages written in it)
    (re.compile(r"[\u0600-\u06ff]"), "ar", {"ar", "fa", "ur", "ps", "ug", "ku"}),
    (re.compile(r"[\u0590-\u05ff]"), "he", {"he", "yi", "lad"}),
    (re.compile(r"[\u0400-\u04ff]"), "ru", {"ru", "uk", "be", "bg", "sr", "mk", "kk", "mn", "ky"}),
    (re.compile(r"[\u0370-\u03ff]"), "el", {"el", "grc"}),
    (re.compile(r"[\u0e00-\u0e7f]"), "th", {"th"}),
    (re.compile(r"[\u0f00-\u0fff]"), "bo", {"bo"}),
]
# 880 $6 script identification codes (MARC21): '$1' CJK, '(3' Arabic, '(N' Cyrillic ...
SCRIPT_CODES = {"(3": "Arab", "(4": "Arab", "(B": "Latn", "$1": "Hani", "(N": "Cyrl",
                "(S": "Grek", "(2": "Hebr"}


def language_tag(text: str, ctx: Any, field: Any = None) -> str | None:
    """The BCP 47 tag for ``text`` in a record whose language is ``ctx.language``."""
    lang = ctx.language if ctx.language not in ("und", "mul", "") else None
    if text.isascii():
        if field is None or id(field) not in ctx.romanized or not _has_letters(text):
            return None
        return _romanized(lang)
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return _han_tag(text, lang, ctx)
    for pattern, default, languages in _SCRIPTS:
        if pattern.search(text):
            return lang if lang in languages else default
    return lang if ctx.script is not None else None


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _han_tag(text: str, lang: str | None, ctx: Any) -> str:
    if lang in ("ja", "ko"):
        return lang
    base = lang if lang in ("zh", "yue", "lzh") else "zh"
    return f"{base}-{han_script(text) or ctx.han}"


def _romanized(lang: str | None) -> str | None:
    # A field with a paired 880 holds the romanized form of text in another script.
    if lang is None or lang == "en":
        return None
    return f"{lang}-Latn-pinyin" if lang == "zh" else f"{lang}-Latn"
