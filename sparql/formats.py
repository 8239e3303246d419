"""RDF and SPARQL-results formats by short name, media type and file extension.

>>> rdf_format("ttl").name
'Turtle'
>>> rdf_format_for_path("data/kb/persons.jsonld").media_type
'application/ld+json'
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import QueryResultsFormat, RdfFormat

from sparql.errors import UnsupportedFormat

RDF_FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "ttl": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nt": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "rdfxml": RdfFormat.RDF_XML,
    "rdf": RdfFormat.RDF_XML,
    "owl": RdfFormat.RDF_XML,
    "xml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
    "json-ld": RdfFormat.JSON_LD,
}

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}

# Media types that name the same format as a registered one.
_RDF_ALIASES = {"application/x-turtle": RdfFormat.TURTLE, "text/n3": RdfFormat.TURTLE,
                "text/plain": RdfFormat.N_TRIPLES, "application/xml": RdfFormat.RDF_XML,
                "text/xml": RdfFormat.RDF_XML, "application/json": RdfFormat.JSON_LD}

RDF_MEDIA_TYPES: dict[str, RdfFormat] = {
    fmt.media_type: fmt for fmt in set(RDF_FORMATS.values())
} | _RDF_ALIASES

RESULT_MEDIA_TYPES: dict[str, QueryResultsFormat] = {
    fmt.media_type: fmt for fmt in RESULT_FORMATS.values()
} | {"application/json": QueryResultsFormat.JSON, "application/xml": QueryResultsFormat.XML,
     "text/xml": QueryResultsFormat.XML}


def rdf_format(name: str) -> RdfFormat:
    """The RDF format with this short name (``turtle``, ``nt``, ``nquads`` ...)."""
    try:
        return RDF_FORMATS[name.lower()]
    except KeyError:
        raise UnsupportedFormat(
            f"unknown RDF format {name!r}: use one of {', '.join(sorted(RDF_FORMATS))}"
        ) from None


def result_format(name: str) -> QueryResultsFormat:
    """The SPARQL results format with this short name (``json``, ``xml``, ``csv``, ``tsv``)."""
    try:
        return RESULT_FORMATS[name.lower()]
    except KeyError:
        raise UnsupportedFormat(
            f"unknown results format {name!r}: use one of {', '.join(RESULT_FORMATS)}"
        ) from None


def rdf_format_for_path(path: str | Path) -> RdfFormat:
    """The RDF format of a file, from its extension."""
    suffix = Path(path).suffix.lstrip(".").lower()
    if suffix not in RDF_FORMATS:
        raise UnsupportedFormat(
            f"{path}: cannot tell the RDF format from the extension .{suffix}; "
            "use .ttl, .nt, .nq, .trig, .rdf or .jsonld"
        )
    return RDF_FORMATS[suffix]


def is_rdf_file(path: Path) -> bool:
    """True when the file's extension names an RDF format we read."""
    return path.suffix.lstrip(".").lower() in RDF_FORMATS


def rdf_format_for_media_type(media_type: str) -> RdfFormat:
    """The RDF format of a Content-Type value (parameters ignored)."""
    base = media_type.split(";")[0].strip().lower()
    if base not in RDF_MEDIA_TYPES:
        raise UnsupportedFormat(
            f"cannot read RDF sent as {base or 'no content type'}: send Turtle, N-Triples, "
            "N-Quads, TriG, RDF/XML or JSON-LD with its media type"
        )
    return RDF_MEDIA_TYPES[base]
