"""Ancient-book (古籍) census sheets: the parsing layer under the RDF converter.

Reads the free-text columns of a 古籍普查 registration sheet into plain values, with no RDF and
no store: edition statements (版本, ``清光绪十年金陵书局刻本``) into dynasty, reign era, year,
Gregorian span, edition type and printing house (`edition`); titles with their juan counts
(``随园诗话十六卷补遗十卷``) and statements of responsibility (``〔清〕袁枚撰``) (`fields`);
Chinese numerals and sexagenary (干支) years (`numerals`); reign eras and dynasties (`eras`).
Code lists live as TSV files in ``tables/`` and are read through `TABLES`; the reign-era table
is derived from the DILA Time Authority by ``tables/build_eras.py``. Public names are imported
lazily, so importing the package loads neither the tables nor OpenCC.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from kg.tables import Tables

#: The code tables of this format (one TSV file each, '#' comment lines say where they are used).
TABLES = Tables(Path(__file__).parent / "tables",
                keys={"ganzhi": ("kind", "position")})

_EXPORTS = {
    "Edition": "edition", "parse_edition": "edition",
    "Title": "fields", "Author": "fields", "parse_title": "fields", "parse_authors": "fields",
    "role_relator": "fields",
    "Era": "eras", "Dynasty": "eras", "Period": "eras", "eras_named": "eras",
    "resolve_era": "eras", "dynasty": "eras", "broader": "eras", "within": "eras",
    "period": "eras", "epoch": "eras", "simplify": "eras",
    "NumeralError": "numerals", "parse_number": "numerals", "ganzhi_index": "numerals",
    "ganzhi_name": "numerals", "ganzhi_of_year": "numerals", "ganzhi_years": "numerals",
}

__all__ = ["TABLES", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
