"""A small SPARQL lexer: enough to tell queries from updates and to place bound values.

Values never enter query text as raw strings. Where an engine has no substitution API (remote
endpoints, pyoxigraph updates) a binding is written as a ``VALUES`` block at the start of each
top-level ``WHERE`` group, using the term object's own N-Triples form, which escapes it.

>>> from pyoxigraph import Literal
>>> bind_values("SELECT ?s WHERE { ?s ?p ?name }", {"name": Literal('say "hi"')})
'SELECT ?s WHERE { VALUES (?name) { ("say \\\\"hi\\\\"") } ?s ?p ?name }'
>>> operation_keyword("PREFIX ex: <http://e/> # c\\n insert data { ex:a ex:b ex:c }")
'INSERT'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"
                  |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
      | (?P<open>\{) | (?P<close>\}) | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) of each token; whitespace is skipped."""
    for m in _TOKEN.finditer(text):
        yield m.lastgroup or "other", m.group(), m.start()


def operation_keyword(text: str) -> str | None:
    """The first keyword after the prologue (PREFIX/BASE), upper-cased."""
    skip_to_iri = False
    for kind, value, _ in tokens(text):
        if kind == "comment":
            continue
        if skip_to_iri:
            skip_to_iri = kind != "iri"
            continue
        if kind == "word" and value.upper() in ("PREFIX", "BASE"):
            skip_to_iri = True
            continue
        return value.upper() if kind == "word" else None
    return None


def looks_like_update(text: str) -> bool:
    """True when the text starts (after its prologue) with an update keyword."""
    return operation_keyword(text) in UPDATE_KEYWORDS


def where_group_offsets(text: str) -> list[int]:
    """Offsets just inside the opening brace of every top-level WHERE group.

    A query without the WHERE keyword (``SELECT * { … }``, ``ASK { … }``) gets its first
    top-level group.
    """
    depth, after_where, offsets, first_group = 0, False, [], None
    for kind, value, start in tokens(text):
        if kind == "word" and depth == 0 and value.upper() == "WHERE":
            after_where = True
        elif kind == "open":
            if depth == 0 and after_where:
                offsets.append(start + 1)
                after_where = False
            elif depth == 0 and first_group is None:
                first_group = start + 1
            depth += 1
        elif kind == "close":
            depth -= 1
    if not offsets and first_group is not None and operation_keyword(text) in ("SELECT", "ASK"):
        offsets.append(first_group)
    return offsets


def _variables(names: Iterable[str]) -> str:
    """``?a ?b`` for variable names, each checked: a name never reaches the text unchecked."""
    names = list(names)
    for name in names:
        if not _VARIABLE.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    return " ".join(f"?{name}" for name in names)


def values_block(bindings: Mapping[str, NamedNode | BlankNode | Literal | Triple]) -> str:
    """A VALUES block for the bindings, each term written in its escaped N-Triples form."""
    row = " ".join(str(term) for term in bindings.values())
    return f"VALUES ({_variables(bindings)}) {{ ({row}) }}"


def values_list(name: str, terms: Iterable[NamedNode | BlankNode | Literal]) -> str:
    """``VALUES ?name { t1 t2 … }``, each term in its escaped N-Triples form."""
    return f"VALUES {_variables([name])} {{ {' '.join(str(t) for t in terms)} }}"


def values_rows(names: Sequence[str],
                rows: Iterable[Sequence[NamedNode | BlankNode | Literal | None]]) -> str:
    """``VALUES (?a ?b) { (t1 t2) … }``, a table of rows; None is written UNDEF.

    >>> values_rows(["s", "n"], [(NamedNode("http://e/a"), None)])
    'VALUES (?s ?n) { (<http://e/a> UNDEF) }'
    """
    body = " ".join("(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")"
                    for row in rows)
    return f"VALUES ({_variables(names)}) {{ {body} }}"


def bind_block(text: str, block: str) -> str:
    """The query or update with the VALUES block at the start of each WHERE group."""
    offsets = where_group_offsets(text)
    if not offsets:
        raise ValueError("cannot bind values: the query or update has no WHERE group")
    for offset in reversed(offsets):
        text = text[:offset] + " " + block + text[offset:]
    return text


def bind_groups(text: str, blocks: Sequence[str]) -> str:
    """The text with ``blocks[i]`` at the start of its i-th WHERE group ("" for none): for an
    update whose operations bind different values.

    >>> bind_groups("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["VALUES ?s { <http://e/a> }"])
    'DELETE { ?s ?p ?o } WHERE { VALUES ?s { <http://e/a> } ?s ?p ?o }'
    """
    offsets = where_group_offsets(text)
    if len(offsets) != len(blocks):
        raise ValueError(f"the update has {len(offsets)} groups to bind, "
                         f"and {len(blocks)} blocks were given")
    for offset, block in sorted(zip(offsets, blocks, strict=True), reverse=True):
        if block:
            text = text[:offset] + " " + block + text[offset:]
    return text


def bind_values(text: str, bindings: Mapping[str, NamedNode | BlankNode | Literal | Triple]
                ) -> str:
    """The query or update with the bindings placed at the start of each WHERE group."""
    return bind_block(text, values_block(bindings)) if bindings else text


def bind_rows(text: str, name: str, terms: Iterable[NamedNode | BlankNode | Literal]) -> str:
    """The query or update with ``VALUES ?name { t1 t2 ... }`` at the start of each WHERE group.

    >>> bind_rows("SELECT * WHERE { ?s ?p ?o }", "s", [NamedNode("http://e/a")])
    'SELECT * WHERE { VALUES ?s { <http://e/a> } ?s ?p ?o }'
    """
    return bind_block(text, values_list(name, terms))


def substitute(text: str, bindings: Mapping[str, NamedNode | Literal]) -> str:
    """The text with each bound variable replaced by its term's escaped N-Triples form.

    For a value the engine should plan with as a constant: a graph name bound by ``VALUES``
    makes Oxigraph join the block with every graph, where a constant is one index lookup.

    >>> substitute("SELECT * WHERE { GRAPH ?g { ?s ?p $g } }", {"g": NamedNode("http://e/g")})
    'SELECT * WHERE { GRAPH <http://e/g> { ?s ?p <http://e/g> } }'
    """
    out, last, pending = [], 0, None
    for kind, value, start in tokens(text):
        if pending is not None and kind == "word" and start == pending + 1 and value in bindings:
            out += [text[last:pending], str(bindings[value])]
            last = start + len(value)
        pending = start if kind == "other" and value in "?$" else None
    return "".join(out) + text[last:]


def has_dataset_clause(text: str) -> bool:
    """True when an update names its own dataset (USING or WITH at the top level)."""
    depth = 0
    for kind, value, _ in tokens(text):
        depth += {"open": 1, "close": -1}.get(kind, 0)
        if kind == "word" and depth == 0 and value.upper() in ("USING", "WITH"):
            return True
    return False


def add_using(text: str, default_graphs: list[NamedNode], named_graphs: list[NamedNode]) -> str:
    """The update with USING / USING NAMED clauses before each top-level WHERE.

    This is how the protocol's using-graph-uri and using-named-graph-uri apply.
    """
    clauses = [f"USING {g}" for g in default_graphs] + [f"USING NAMED {g}" for g in named_graphs]
    if not clauses:
        return text
    depth, offsets = 0, []
    for kind, value, start in tokens(text):
        depth += {"open": 1, "close": -1}.get(kind, 0)
        if kind == "word" and depth == 0 and value.upper() == "WHERE":
            offsets.append(start)
    block = " ".join(clauses) + " "
    for offset in reversed(offsets):
        text = text[:offset] + block + text[offset:]
    return text


def insert_data(quads: Iterable[Quad]) -> str:
    """An ``INSERT DATA`` update for the quads, every term written by its own ``str()``.

    >>> q = Quad(NamedNode("http://e/a"), NamedNode("http://e/p"),
    ...          Literal('say "hi"'), NamedNode("http://e/g"))
    >>> print(insert_data([q]))
    INSERT DATA {
    GRAPH <http://e/g> { <http://e/a> <http://e/p> "say \\"hi\\"" . }
    }
    """
    return _data_block("INSERT DATA", quads)


def delete_data(quads: Iterable[Quad]) -> str:
    """A ``DELETE DATA`` update for the quads (`insert_data`'s counterpart)."""
    return _data_block("DELETE DATA", quads)


def _data_block(keyword: str, quads: Iterable[Quad]) -> str:
    lines = []
    for q in quads:
        triple = f"{q.subject} {q.predicate} {q.object} ."
        if isinstance(q.graph_name, DefaultGraph):
            lines.append(triple)
        else:
            lines.append(f"GRAPH {q.graph_name} {{ {triple} }}")
    return keyword + " {\n" + "\n".join(lines) + "\n}"
