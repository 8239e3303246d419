"""Chinese names: simplified and traditional forms, and the pinyin slugs of IRIs.

OpenCC converts between the scripts; its simplified-to-traditional direction guesses wrong for
some place names (钟山 is 鍾山, not 鐘山), so its output is corrected with src/hant_fixes.tsv;
its other direction folds a few characters that names keep (張榘 is 张榘, not 张矩), and
src/hans_fixes.tsv gives those names' simplified form, matched on the source's own text.
pypinyin gives the syllables of slugs; src/pinyin.tsv overrides its readings where they are
wrong for names (surnames such as 曾 zeng, places such as 六合 lu he).
"""

from __future__ import annotations

import re
from functools import cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PINYIN_DICT

from kg.chinese import s2t, t2s

from .source import Source

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]+")


class Names:
    """Script conversion and slugs, with the project's corrections."""

    def __init__(self, source: Source):
        self.hant_fixes = [(r["wrong"], r["right"]) for r in source.table("hant_fixes")]
        self.hans_fixes = {r["source"]: r["simplified"] for r in source.table("hans_fixes")}
        self._hans_split = re.compile("(" + "|".join(
            map(re.escape, sorted(self.hans_fixes, key=len, reverse=True))) + ")")
        readings = source.table("pinyin")
        self.phrases = {r["text"]: r["pinyin"].split() for r in readings if r["use"] == "any"}
        self.surnames = {r["text"]: r["pinyin"].split() for r in readings
                         if r["use"] in ("surname", "compound-surname")}
        self.compound = {r["text"] for r in readings if r["use"] == "compound-surname"}
        self.given = {**self.phrases, **{r["text"]: r["pinyin"].split() for r in readings
                                         if r["use"] == "given"}}
        self.simplified = cache(self._simplified)

    def _simplified(self, text: str) -> str:
        """OpenCC's simplified form, but a name of src/hans_fixes.tsv as that table gives it."""
        parts = self._hans_split.split(text) if self.hans_fixes else [text]
        return "".join(self.hans_fixes.get(part) or t2s().convert(part) for part in parts)

    def traditional(self, text: str) -> str:
        """The traditional form, corrected; equal to ``text`` where the scripts agree."""
        converted = s2t().convert(text)
        for wrong, right in self.hant_fixes:
            converted = converted.replace(wrong, right)
        return converted

    def syllables(self, text: str, readings: dict[str, list[str]] | None = None) -> list[str]:
        """Pinyin syllables without tones: overridden phrases (longest first) as the table
        reads them, the runs between them as pypinyin reads them in context."""
        readings = self.phrases if readings is None else readings
        longest = sorted(readings, key=len, reverse=True)
        out, run, i = [], "", 0
        while i < len(text):
            match = next((p for p in longest if text.startswith(p, i)), None)
            if match:
                out += _pinyin(run) + readings[match]
                run, i = "", i + len(match)
            else:
                run, i = run + text[i], i + 1
        return out + _pinyin(run)

    def word(self, text: str) -> str:
        """One slug word: the syllables of ``text`` run together."""
        return "".join(self.syllables(text))

    def person_slug(self, name: str) -> str | None:
        """``surname-given`` (王安石 -> wang-anshi, 欧阳修 -> ouyang-xiu); None if no Han."""
        name = "".join(HAN.findall(name))
        if not name:
            return None
        size = 2 if name[:2] in self.compound and len(name) > 2 else 1
        surname, given = name[:size], name[size:]
        first = "".join(self.surnames.get(surname) or self.syllables(surname))
        rest = "".join(self.syllables(given, self.given)) if given else ""
        return "-".join(p for p in (first, rest) if p) or None

    def place_slug(self, stem: str, suffix_word: str = "") -> str | None:
        """``stem-suffix`` (新街口 + jiedao -> xinjiekou-jiedao); None if no Han."""
        stem = "".join(HAN.findall(stem))
        if not stem:
            return None
        return "-".join(p for p in (self.word(stem), suffix_word) if p)


def _pinyin(text: str) -> list[str]:
    if not text:
        return []
    at = next((i for i, c in enumerate(text) if _unread(c)), None)
    if at is not None:  # 俞𣓨 -> yu-u234e8: no two such names share an IRI
        return _pinyin(text[:at]) + [f"u{ord(text[at]):x}"] + _pinyin(text[at + 1:])
    found = lazy_pinyin(text, style=Style.NORMAL, errors="ignore", v_to_u=False)
    return [s.lower() for s in found if s.isascii() and s.isalpha()]


def _unread(char: str) -> bool:
    """A rare Han character that pypinyin has no reading for."""
    return HAN.fullmatch(char) is not None and ord(char) not in PINYIN_DICT
