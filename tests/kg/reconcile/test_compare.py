"""How a condition's values compare with a candidate's, by the kind of property."""

import pytest
from pyoxigraph import Literal, NamedNode

from kg.reconcile.batch import Value
from kg.reconcile.compare import agrees, year
from kg.reconcile.terms import find_property

XSD = "http://www.w3.org/2001/XMLSchema#"
BASE = "https://kg.jllib.cn/"
NANJING = NamedNode(BASE + "entity/place/nanjing")
NAMES = {NANJING.value: {"南京": True, "金陵": False, "nanjing": True}}


def integer(n):
    return Literal(str(n), datatype=NamedNode(XSD + "integer"))


def decimal(x):
    return Literal(str(x), datatype=NamedNode(XSD + "decimal"))


def iri_of(id_):
    return id_ if id_.startswith("http") else BASE + id_


@pytest.mark.parametrize("text, expected", [
    ("1328", 1328), ("1328年", 1328), (" 1328 ", 1328), ("-221", -221), ("前221", -221),
    ("公元前221年", -221), ("公元1912年", 1912), ("约1900", None), ("13280", None), ("", None),
    ("明洪武元年", None),
])
def test_compare_years_as_typed(text, expected):
    assert year(text) == expected


@pytest.mark.parametrize("pid, wanted, found, verdict", [
    # years
    ("jl:birthYear", [Value("1328")], [integer(1328)], True),
    ("jl:birthYear", [Value("1328年")], [integer(1328)], True),
    ("jl:birthYear", [Value("1329")], [integer(1328)], False),
    ("jl:birthYear", [Value("1329"), Value("1328")], [integer(1328)], True),
    ("jl:birthYear", [Value("洪武元年")], [integer(1328)], None),     # cannot be read
    ("jl:birthYear", [Value("1328")], [], None),                       # nothing to tell
    # numbers
    ("schema:latitude", [Value("32.05")], [decimal(32.06)], True),
    ("schema:latitude", [Value("31.2")], [decimal(32.06)], False),
    ("schema:latitude", [Value("north")], [decimal(32.06)], None),
    # entities: by id, by IRI, by any name (folded), a reconciled cell's id
    ("jl:locatedIn", [Value("entity/place/nanjing")], [NANJING], True),
    ("jl:locatedIn", [Value(id=NANJING.value)], [NANJING], True),
    ("jl:locatedIn", [Value("金陵")], [NANJING], True),
    ("jl:locatedIn", [Value("NanJing")], [NANJING], True),
    ("jl:locatedIn", [Value("南京", "Q16666")], [NANJING], True),      # id elsewhere, name here
    ("jl:locatedIn", [Value("苏州")], [NANJING], False),
    ("jl:locatedIn", [Value("", "entity/place/suzhou")], [NANJING], False),
    # names: folded (traditional = simplified, case)
    ("jl:alias", [Value("金圖")], [Literal("金图", language="zh-Hans")], True),
    ("jl:alias", [Value("JINTU")], [Literal("jintu")], True),
    ("jl:alias", [Value("南图")], [Literal("金图", language="zh-Hans")], False),
    ("jl:alias", [Value("  ")], [Literal("金图")], None),
    # text: contained agrees, anything else tells nothing
    ("skos:note", [Value("Ming")], [Literal("Founder of the Ming dynasty")], True),
    ("skos:note", [Value("Qing")], [Literal("Founder of the Ming dynasty")], None),
    # IRIs elsewhere
    ("owl:sameAs", [Value("http://www.wikidata.org/entity/Q16666")],
     [NamedNode("http://www.wikidata.org/entity/Q16666")], True),
    ("owl:sameAs", [Value("http://www.wikidata.org/entity/Q1")],
     [NamedNode("http://www.wikidata.org/entity/Q16666")], False),
])
def test_compare_agrees(pid, wanted, found, verdict):
    assert agrees(find_property(pid), tuple(wanted), found, NAMES, iri_of) is verdict
