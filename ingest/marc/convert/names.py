"""Name headings, built the same way from bibliographic and authority fields so they match.

A heading's label is its name subfields (ISBD stripped) followed by its dates; its keys are the
normalised label with dates and without them. A bibliographic heading finds its authority by
control number first, then by the key with dates, then by the key without dates.

>>> from ingest.marc.record import Field
>>> h = name_heading(Field("100", "1", " ", [("a", "Austen, Jane,"), ("d", "1775-1817."),
...                                             ("e", "author.")]), "marc21")
>>> h.label, h.key, h.name_key, h.kind
('Austen, Jane, 1775-1817', 'austen jane 1775-1817', 'austen jane', 'person')
>>> h = name_heading(Field("701", " ", "0", [("a", "袁枚"), ("f", "1716-1797"), ("4", "著")]),
...                  "cnmarc")
>>> h.label, h.key, h.name_key
('袁枚 (1716-1797)', '袁枚1716-1797', '袁枚')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.marc.record import Field
from ingest.marc.text import has_cjk, heading_key, strip_isbd

# (flavour, last two digits of the tag) -> (kind, name subfields, date subfield)
_MARC21 = {"00": ("person", "abcq", "d"), "10": ("organization", "abcn", "d"),
           "11": ("meeting", "acen", "d"), "30": ("work", "adfklmnoprs", "")}
_CNMARC = {"0": ("person", "abcdg", "f"), "1": ("organization", "abcdeh", "f"),
           "2": ("family", "ac", "f")}
_YEARS = re.compile(r"(\d{3,4})\??\s*-\s*(\d{3,4})?")


@dataclass(frozen=True)
class Heading:
    kind: str
    label: str
    key: str
    name_key: str
    dates: str = ""

    def years(self) -> tuple[int | None, int | None]:
        """Birth and death years when the dates say them ('1775-1817', '1716-')."""
        m = _YEARS.search(self.dates)
        if not m:
            return None, None
        return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def name_spec(tag: str, flavour: str) -> tuple[str, str, str] | None:
    """(kind, name subfields, dates subfield) of a name field, or None for other fields."""
    if flavour == "marc21":
        return _MARC21.get(tag[1:]) if tag[0] in "1678" else None
    # CNMARC: 600/601/602 subjects; 70X/71X/72X names; authority 200/210/220 headings
    # and their 4XX/5XX tracings.
    if tag[0] == "6":
        return _CNMARC.get(tag[2]) if tag[1] == "0" else None
    if tag[0] in "2457" and tag[1] in "012" and tag[1:] not in ("15", "05"):
        return _CNMARC.get(tag[1])
    return None


def name_heading(f: Field, flavour: str, spec: tuple[str, str, str] | None = None) -> Heading:
    """The heading of a name field (1XX/6XX/7XX/8XX; CNMARC 60X/70X/71X, 200/210)."""
    kind, name_codes, date_code = spec or name_spec(f.tag, flavour) or ("person", "abcd", "")
    name = " ".join(strip_isbd(v) for v in f.values(name_codes) if strip_isbd(v))
    dates = strip_isbd(f[date_code] or "").strip("()") if date_code else ""
    if dates and has_cjk(name) or flavour != "marc21" and dates:
        label = f"{name} ({dates})"
    else:
        label = f"{name}, {dates}" if dates else name
    return Heading(kind, label, heading_key(f"{name} {dates}"), heading_key(name), dates)
