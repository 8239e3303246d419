"""kg.linking.annotations: deterministic IRIs and the rows of the link_replace update."""

from pyoxigraph import Literal, NamedNode

from kg.iri import Minter
from kg.linking.annotations import ROW, candidate_iri, mention_iri, mention_row
from kg.linking.model import Mention
from kg.vocab import SCHEMA, XSD

MINTER = Minter("https://kg.jllib.cn/")
SOURCE = "https://kg.jllib.cn/segment/s1"
NOW = Literal("2026-01-01T00:00:00+00:00", datatype=XSD.dateTime)


def test_annotations_mention_iris_are_deterministic_per_source_and_span():
    a = mention_iri(MINTER, SOURCE, 3, 6)
    assert a == mention_iri(MINTER, SOURCE, 3, 6)
    assert a != mention_iri(MINTER, SOURCE, 3, 7)
    assert a != mention_iri(MINTER, SOURCE + "x", 3, 6)
    assert a.value.startswith("https://kg.jllib.cn/mentions/") and a.value.endswith("/3-6")


def test_annotations_kb_mention_row():
    m = Mention(2, 5, "秦淮河", "PLACE", "https://kg.jllib.cn/entity/place/q", "秦淮河", 0.9)
    row = dict(zip(ROW, mention_row(MINTER, SOURCE, "沿着秦淮河走回家", m, NOW, "秦淮河"),
                   strict=True))
    assert row["body"] == NamedNode("https://kg.jllib.cn/entity/place/q")
    assert (row["prefix"].value, row["exact"].value, row["suffix"].value) == \
        ("沿着", "秦淮河", "走回家")
    assert row["confidence"].datatype == XSD.decimal and row["confidence"].value == "0.9"
    assert row["candidateClass"] is None and row["start"].value == "2"


def test_annotations_candidate_row():
    m = Mention(0, 2, "焦翔", "PERSON", None, None, 0.7, "abc123")
    row = dict(zip(ROW, mention_row(MINTER, SOURCE, "焦翔", m, NOW, "焦翔"), strict=True))
    assert row["body"] == candidate_iri(MINTER, "abc123")
    assert row["candidateClass"] == SCHEMA.Person
    assert row["prefix"] is None and row["suffix"] is None
