"""Write syllables.tsv: every tone-less pinyin syllable of pypinyin's character dictionary.

Run ``.venv/bin/python kg/search/tables/build_syllables.py`` after upgrading pypinyin;
tests/kg/search/test_pinyin.py checks that the table still matches the installed dictionary.
"""

from __future__ import annotations

from pathlib import Path

HEADER = """\
# Tone-less pinyin syllables (ü written v, as pypinyin writes it), for splitting typed pinyin such
# as nanjing into nan jing. Derived by build_syllables.py from the character dictionary of
# pypinyin (MIT licence, mozillazg/python-pinyin); do not edit by hand.
syllable
"""


def syllables() -> list[str]:
    """The sorted tone-less syllables of pypinyin's dictionary, ASCII only (ê is left out)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    found = {to_normal(p) for readings in pinyin_dict.values() for p in readings.split(",")}
    return sorted(s for s in found if s.isascii() and s.isalpha())


def main() -> None:
    target = Path(__file__).with_name("syllables.tsv")
    target.write_text(HEADER + "".join(f"{s}\n" for s in syllables()), encoding="utf-8")


if __name__ == "__main__":
    main()
