"""Format lookup by short name, extension and media type, driven by the format tables."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sparql.errors import UnsupportedFormat
from sparql.formats import (
    RDF_FORMATS,
    RDF_MEDIA_TYPES,
    RESULT_FORMATS,
    is_rdf_file,
    rdf_format,
    rdf_format_for_media_type,
    rdf_format_for_path,
    result_format,
)

SAMPLE = [ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
                  ox.Literal("金陵", language="zh"))]


@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_formats_every_rdf_name_round_trips_a_graph(name: str):
    fmt = rdf_format(name)
    data = ox.serialize(SAMPLE, format=fmt)
    assert list(ox.parse(data, fmt)) == SAMPLE


@pytest.mark.parametrize("media_type", sorted(RDF_MEDIA_TYPES))
def test_formats_every_media_type_resolves(media_type: str):
    assert rdf_format_for_media_type(f"{media_type}; charset=utf-8") == RDF_MEDIA_TYPES[media_type]


def test_formats_names_are_case_insensitive():
    assert rdf_format("TTL") == ox.RdfFormat.TURTLE
    assert result_format("JSON") == RESULT_FORMATS["json"]


@pytest.mark.parametrize(("path", "fmt"), [
    ("kb/persons.jsonld", ox.RdfFormat.JSON_LD), ("a.NQ", ox.RdfFormat.N_QUADS),
    ("onto.owl", ox.RdfFormat.RDF_XML), (Path("x.trig"), ox.RdfFormat.TRIG),
])
def test_formats_by_extension(path: str | Path, fmt: ox.RdfFormat):
    assert rdf_format_for_path(path) == fmt
    assert is_rdf_file(Path(path))


def test_formats_unknown_names_say_what_is_accepted():
    with pytest.raises(UnsupportedFormat, match="turtle"):
        rdf_format("n3x")
    with pytest.raises(UnsupportedFormat, match="json"):
        result_format("yaml")
    with pytest.raises(UnsupportedFormat, match=r"\.ttl"):
        rdf_format_for_path("notes.txt")
    with pytest.raises(UnsupportedFormat, match="no content type"):
        rdf_format_for_media_type("")
    assert not is_rdf_file(Path("notes.txt"))
