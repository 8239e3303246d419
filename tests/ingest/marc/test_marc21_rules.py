"""MARC21 rules on hand-built fields: authority links of names, codes and dates.

The fixture cases (cases/marc21/) cover real records; these pin the choices that depend on the
run's environment (authority headings) or that no corpus record happens to show.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from ingest.marc.convert import CONVERTER_VERSION, convert
from ingest.marc.convert.context import Env
from ingest.marc.convert.marc21.fixed import edtf
from ingest.marc.convert.marc21.support import clean, control_number
from ingest.marc.record import Field, Record
from kg.iri import Minter
from kg.vocab import BF

BASE = "https://kg.jllib.cn/"
LEADER = "00000nam a2200000 a 4500"


def _agent_of(record: Record, env: Env) -> NamedNode:
    triples = convert(record, env).triples
    return next(o for s, p, o in triples if p == BF.agent)


def _record(*fields: Field) -> Record:
    return Record(LEADER, [Field("001", value="1"),
                           Field("245", "1", "0", [("a", "Title.")]), *fields])


def test_marc21_rules_agent_found_by_heading_without_dates():
    authority = NamedNode(BASE + "entity/person/nlc-000123")
    env = Env(Minter(BASE), "test", CONVERTER_VERSION, headings={"袁枚": authority})
    record = _record(Field("100", "0", " ", [("a", "袁枚,"), ("d", "1716-1797")]))
    assert _agent_of(record, env) == authority


def test_marc21_rules_agent_by_control_number_in_0():
    env = Env(Minter(BASE), "test", CONVERTER_VERSION)
    record = _record(Field("700", "1", " ", [
        ("a", "Austen, Jane,"), ("d", "1775-1817."),
        ("0", "http://id.loc.gov/authorities/names/n79032879")]))
    assert _agent_of(record, env) == NamedNode(BASE + "entity/person/dlc-n79032879")


def test_marc21_rules_control_number_forms():
    def f(*values):
        return Field("700", "1", " ", [("a", "X")] + [("0", v) for v in values])
    assert control_number(f("(DLC)n  79021164")) == "(DLC)n  79021164"
    assert control_number(f("http://id.loc.gov/authorities/names/n79021164.html")) == \
        "(DLC)n79021164"
    assert control_number(f("http://viaf.org/viaf/102333412")) is None
    assert control_number(f("(DLC)")) is None


def test_marc21_rules_edtf_dates():
    assert edtf("s", "1994", "    ") == "1994"
    assert edtf("c", "2013", "9999") == "2013/.."
    assert edtf("m", "1990", "1995") == "1990/1995"
    assert edtf("q", "19uu", "19uu") == "19XX"
    assert edtf("e", "1999", "12  ") == "1999-12"
    assert edtf("|", "1994", "    ") is None


def test_marc21_rules_clean_keeps_brackets_paired_and_drops_direction_marks():
    assert clean("[Beijing] :") == "[Beijing]"  # supplied by the cataloguer: brackets kept
    assert clean("1398 [2019 or 2020]") == "1398 [2019 or 2020]"
    assert clean("\u200f\u0646\u0634\u0631 \u062e\u0627\u0645\u0648\u0634\u060c\u200f") == \
        "\u0646\u0634\u0631 \u062e\u0627\u0645\u0648\u0634"
