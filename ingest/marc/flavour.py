"""Which MARC a record is in: MARC21 or the UNIMARC family (CNMARC), from the tags it carries.

Files do not say which flavour they hold, and Chinese exports mix both, so each record is judged
on its own from tell-tale fields: MARC21 puts the title in 245 and fixed data in 008; UNIMARC
puts the title in 200 and its general processing data in 100$a, a fixed string that starts with
the date entered (yyyymmdd). A caller may force one flavour.

>>> detect_flavour({"001", "100", "200", "690", "801"}, "20020204d1994    em y0chiy0120    ea")
'cnmarc'
>>> detect_flavour({"001", "008", "100", "245", "260"}, "Austen, Jane,")
'marc21'
>>> resolve_flavour("UNIMARC")
'cnmarc'
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Names accepted by `--flavour`; UNIMARC and CNMARC share the tag layout this code relies on.
FLAVOURS: dict[str, str] = {"auto": "auto", "marc21": "marc21", "cnmarc": "cnmarc",
                            "unimarc": "cnmarc"}

# UNIMARC 100$a: date entered (8 digits) then type-of-date / status code; 36 characters in
# bibliographic records, 24 in authorities.
_GENERAL_DATA = re.compile(r"\d{8}[a-z ]")

# Fields that only one family defines (or uses for this role); weights favour the title fields.
_UNIMARC_SIGNS = {"200": 3, "801": 1, "010": 1, "210": 1, "215": 1, "101": 1, "690": 1}
_MARC21_SIGNS = {"245": 3, "008": 2, "020": 1, "040": 1, "260": 1, "264": 1, "300": 1}


def resolve_flavour(name: str) -> str:
    """'auto', 'marc21' or 'cnmarc' for a `--flavour` name; ValueError if unknown."""
    try:
        return FLAVOURS[name.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(FLAVOURS))
        raise ValueError(f"unknown MARC flavour {name!r}; use one of {known}") from None


def detect_flavour(tags: Collection[str], general_data: str | None = None) -> str:
    """'cnmarc' when the record looks UNIMARC-shaped, else 'marc21'.

    ``tags`` are the record's tags; ``general_data`` is its first 100$a, which in UNIMARC is the
    fixed general processing data and in MARC21 a personal name.
    """
    unimarc = sum(w for tag, w in _UNIMARC_SIGNS.items() if tag in tags)
    marc21 = sum(w for tag, w in _MARC21_SIGNS.items() if tag in tags)
    if general_data and len(general_data) >= 22 and _GENERAL_DATA.match(general_data):
        unimarc += 3
    return "cnmarc" if unimarc > marc21 else "marc21"


def choose_flavour(requested: str, tags: Collection[str], general_data: str | None) -> str:
    """The requested flavour, or the detected one when ``requested`` is 'auto'."""
    return detect_flavour(tags, general_data) if requested == "auto" else requested
