"""Whether a candidate's values of a property agree with the values a query gives for it.

`agrees` answers True (one given value matches one of the candidate's), False (the candidate has
values and none matches), or None (nothing to tell: the candidate has no value, or the given
value cannot be read as the property's kind). How values compare depends on the property's kind
(``tables/properties.tsv``): years as integers (``1328``, ``1328年``, ``前221``), numbers within
0.05, entities by id or by any of their names, names folded (traditional and simplified, case),
text by containment (it never disagrees), IRIs as they are.

>>> from pyoxigraph import Literal
>>> from kg.reconcile.terms import find_property
>>> from kg.reconcile.batch import Value
>>> born = [Literal("1328", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
>>> agrees(find_property("jl:birthYear"), (Value("1328年"),), born, {}, str)
True
>>> year("前221"), year("約1900")
(-221, None)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping

from pyoxigraph import Literal, NamedNode

from kg.reconcile.batch import Value
from kg.reconcile.terms import Property
from kg.search.text import fold, squeeze

_YEAR = re.compile(r"^(公元)?(前|-)?\s*(\d{1,4})\s*年?$")
NEAR = 0.05  # degrees: coordinates this close are the same place


def year(text: str) -> int | None:
    """A year as typed: 1328, 1328年, -221, 前221, 公元前221年; None for anything else."""
    found = _YEAR.match(text.strip())
    if found is None:
        return None
    return -int(found.group(3)) if found.group(2) else int(found.group(3))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _folded(text: str) -> str:
    return squeeze(fold(text))


Names = Mapping[str, Collection[str]]   # entity IRI -> its folded names


def agrees(prop: Property, wanted: tuple[Value, ...], found: list, names: Names,
           iri_of: Callable[[str], str]) -> bool | None:
    """Whether the values ``found`` for the property agree with any of ``wanted`` (see the
    module). ``names`` holds the folded names of entity values, ``iri_of`` reads an id."""
    if not found:
        return None
    verdicts = [_COMPARE[prop.kind](value, found, names, iri_of) for value in wanted]
    if any(v is True for v in verdicts):
        return True
    return False if any(v is False for v in verdicts) else None


def _years(value: Value, found: list, *_) -> bool | None:
    wanted = year(value.text)
    return None if wanted is None else wanted in {year(t.value) for t in found}


def _numbers(value: Value, found: list, *_) -> bool | None:
    wanted = _number(value.text)
    if wanted is None:
        return None
    return any(abs(n - wanted) <= NEAR for t in found if (n := _number(t.value)) is not None)


def _entities(value: Value, found: list, names: Names,
              iri_of: Callable[[str], str]) -> bool:
    iris = {t.value for t in found if isinstance(t, NamedNode)}
    by_id = {iri_of(text) for text in (value.id, value.text) if text}
    if iris & by_id:
        return True
    name = _folded(value.text)
    return bool(name) and any(name in names.get(iri, ()) for iri in iris)


def _names(value: Value, found: list, *_) -> bool | None:
    name = _folded(value.text)
    if not name:
        return None
    return name in {_folded(t.value) for t in found if isinstance(t, Literal)}


def _texts(value: Value, found: list, *_) -> bool | None:
    text = _folded(value.text)
    return True if text and any(text in _folded(t.value) for t in found) else None


def _iris(value: Value, found: list, *_) -> bool | None:
    wanted = {v for v in (value.id, value.text) if v}
    return bool(wanted & {t.value for t in found}) if wanted else None


_COMPARE = {"year": _years, "number": _numbers, "entity": _entities, "name": _names,
            "text": _texts, "iri": _iris}
