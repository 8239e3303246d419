"""VALUES blocks for the linker's queries and updates: lists and tables of bound terms.

`sparql.text` binds one row of values, or one column; the linker also needs a table of rows
(one per mention) in one WHERE group and a different list in another. Terms are written by
their own N-Triples form, which escapes them, as `sparql.text` does: no value is ever pasted
into query text as a raw string.

>>> from pyoxigraph import Literal, NamedNode
>>> values_rows(["s", "n"], [(NamedNode("http://e/a"), Literal('x"y')), (None, Literal(2))])[:51]
'VALUES (?s ?n) { (<http://e/a> "x\\\\"y") (UNDEF "2"^^'
>>> bind_groups("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["VALUES ?s { <http://e/a> }"])
'DELETE { ?s ?p ?o } WHERE { VALUES ?s { <http://e/a> } ?s ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pyoxigraph import Literal, NamedNode

from sparql.text import where_group_offsets

Term = NamedNode | Literal
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _names(names: Sequence[str]) -> str:
    for name in names:
        if not _VARIABLE.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    return " ".join(f"?{name}" for name in names)


def values_list(name: str, terms: Iterable[Term]) -> str:
    """``VALUES ?name { t1 t2 … }``."""
    return f"VALUES {_names([name])} {{ {' '.join(str(t) for t in terms)} }}"


def values_rows(names: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> str:
    """``VALUES (?a ?b) { (t1 t2) … }``; None is written UNDEF."""
    body = " ".join("(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")"
                    for row in rows)
    return f"VALUES ({_names(names)}) {{ {body} }}"


def bind_groups(text: str, blocks: Sequence[str]) -> str:
    """The text with ``blocks[i]`` at the start of its i-th top-level WHERE group ("" for none).

    Raises:
        ValueError: the text has a different number of WHERE groups than there are blocks.
    """
    offsets = where_group_offsets(text)
    if len(offsets) != len(blocks):
        raise ValueError(f"the update has {len(offsets)} groups to bind, "
                         f"and {len(blocks)} blocks were given")
    for offset, block in sorted(zip(offsets, blocks, strict=True), reverse=True):
        if block:
            text = text[:offset] + " " + block + text[offset:]
    return text


def bind_every_group(text: str, block: str) -> str:
    """The text with the same block at the start of each of its top-level WHERE groups."""
    return bind_groups(text, [block] * len(where_group_offsets(text)))
