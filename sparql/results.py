"""Query results that look the same whatever store produced them.

Embedded and remote stores both return one of `SelectResult`, `AskResult` or `GraphResult`;
each serializes itself to the formats of the SPARQL 1.1 protocol.

>>> from pyoxigraph import Literal, QueryResultsFormat
>>> r = SelectResult(["name"], [(Literal("金陵", language="zh"),)])
>>> print(r.serialize(QueryResultsFormat.CSV).decode())
name\r
金陵\r
<BLANKLINE>
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    serialize,
)

Term = NamedNode | BlankNode | Literal | Triple
Row = tuple[Term | None, ...]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_SRX = "http://www.w3.org/2005/sparql-results#"


@dataclass
class SelectResult:
    """The solutions of a SELECT query: variable names and rows of terms (None = unbound)."""

    variables: list[str]
    rows: list[Row] = field(default_factory=list)

    def __iter__(self) -> Iterator[dict[str, Term]]:
        for row in self.rows:
            yield {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}

    def __len__(self) -> int:
        return len(self.rows)

    def serialize(self, fmt: QueryResultsFormat) -> bytes:
        """The rows in a SPARQL results format (JSON, XML, CSV or TSV)."""
        writer = {QueryResultsFormat.JSON: _select_json, QueryResultsFormat.XML: _select_xml,
                  QueryResultsFormat.CSV: _select_csv, QueryResultsFormat.TSV: _select_tsv}[fmt]
        return writer(self.variables, self.rows)


@dataclass
class AskResult:
    """The answer of an ASK query."""

    value: bool

    def __bool__(self) -> bool:
        return self.value

    def serialize(self, fmt: QueryResultsFormat) -> bytes:
        """The boolean in a SPARQL results format (JSON or XML; CSV/TSV as a single cell)."""
        if fmt == QueryResultsFormat.JSON:
            return json.dumps({"head": {}, "boolean": self.value}).encode()
        if fmt == QueryResultsFormat.XML:
            root = ET.Element("sparql", xmlns=_SRX)
            ET.SubElement(root, "head")
            ET.SubElement(root, "boolean").text = "true" if self.value else "false"
            return ET.tostring(root, encoding="utf-8", xml_declaration=True)
        return (b"true" if self.value else b"false") + b"\n"


@dataclass
class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE query."""

    triples: list[Triple]

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)

    def serialize(self, fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
        """The triples in an RDF format."""
        kwargs = {"prefixes": prefixes} if prefixes and fmt == RdfFormat.TURTLE else {}
        return serialize(self.triples, format=fmt, **kwargs) or b""


QueryResult = SelectResult | AskResult | GraphResult


@dataclass(frozen=True)
class Serialized:
    """A query result already written out: solutions or a boolean in a SPARQL results format,
    or triples as N-Triples."""

    kind: str  # "solutions", "boolean" or "graph"
    format: QueryResultsFormat | RdfFormat
    data: bytes


def serialize_result(result: QueryResult, fmt: QueryResultsFormat) -> Serialized:
    """Our result written out the way `Store.query_serialized` returns it."""
    if isinstance(result, GraphResult):
        return Serialized("graph", RdfFormat.N_TRIPLES, result.serialize(RdfFormat.N_TRIPLES))
    kind = "boolean" if isinstance(result, AskResult) else "solutions"
    return Serialized(kind, fmt, result.serialize(fmt))


def count_rows(data: bytes, fmt: QueryResultsFormat | RdfFormat) -> int:
    """Solutions (or N-Triples lines) in written-out results, read at C speed.

    >>> count_rows(b"?a\\n<http://e/1>\\n<http://e/2>\\n", QueryResultsFormat.TSV)
    2
    """
    if fmt == QueryResultsFormat.JSON:
        return len(json.loads(data).get("results", {}).get("bindings", []))
    if fmt == QueryResultsFormat.XML:
        return data.count(b"<result>") + data.count(b"<result/>")
    if fmt == QueryResultsFormat.CSV:
        return max(sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8")))) - 1, 0)
    lines = data.count(b"\n")
    return lines - 1 if fmt == QueryResultsFormat.TSV else lines


def term_to_json(term: Term) -> dict[str, object]:
    """A term in the SPARQL 1.1 Query Results JSON form."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": term_to_json(term.subject),
                                        "predicate": term_to_json(term.predicate),
                                        "object": term_to_json(term.object)}}


def _select_json(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    bindings = [
        {v: term_to_json(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode()


def _xml_term(parent: ET.Element, term: Term) -> None:
    if isinstance(term, NamedNode):
        ET.SubElement(parent, "uri").text = term.value
    elif isinstance(term, BlankNode):
        ET.SubElement(parent, "bnode").text = term.value
    elif isinstance(term, Literal):
        attrs = {}
        if term.language:
            attrs["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            attrs["datatype"] = term.datatype.value
        ET.SubElement(parent, "literal", attrs).text = term.value
    else:
        triple = ET.SubElement(parent, "triple")
        for part in ("subject", "predicate", "object"):
            _xml_term(ET.SubElement(triple, part), getattr(term, part))


def _select_xml(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    root = ET.Element("sparql", xmlns=_SRX)
    head = ET.SubElement(root, "head")
    for v in variables:
        ET.SubElement(head, "variable", name=v)
    results = ET.SubElement(root, "results")
    for row in rows:
        result = ET.SubElement(results, "result")
        for v, t in zip(variables, row, strict=True):
            if t is not None:
                _xml_term(ET.SubElement(result, "binding", name=v), t)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, NamedNode | Literal):
        return term.value
    return str(term)


def _select_csv(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(t) for t in row])
    return buf.getvalue().encode()


def _select_tsv(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


class Stopped(Exception):
    """Raised inside `collect` when the caller asked evaluation to stop."""


def collect(native: object, *, stop: object = None, limit: int | None = None) -> QueryResult:
    """Turn a pyoxigraph result (from a store or from `parse_query_results`) into ours.

    Args:
        native: QuerySolutions, QueryBoolean or an iterable of triples.
        stop: an object with ``is_set()`` (a threading.Event); checked between rows.
        limit: the most rows or triples allowed; one more raises ResultLimitExceeded.
    """
    from pyoxigraph import QueryBoolean, QuerySolutions

    from sparql.errors import ResultLimitExceeded

    if isinstance(native, QueryBoolean):
        return AskResult(bool(native))
    items: list = []
    for item in native:  # type: ignore[attr-defined]
        if stop is not None and stop.is_set():  # type: ignore[attr-defined]
            raise Stopped
        if limit is not None and len(items) >= limit:
            raise ResultLimitExceeded(limit)
        items.append(item)
    if isinstance(native, QuerySolutions):
        names = [v.value for v in native.variables]
        return SelectResult(names, [tuple(s[n] for n in names) for s in items])
    return GraphResult(items)
