"""Authority records: one entity per record, and how bibliographic headings reach it.

A bibliographic heading links to its authority by control number ($0 / $3), else by heading key
(`env.headings`, from the authority_headings query), else it becomes a heading-keyed shared
entity that `kg.authority.link_headings` links once the authority is in the store.
"""

from dataclasses import replace
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from ingest.batches import commit, encode
from ingest.errors import FieldRuleError
from ingest.marc.convert import CONVERTER_VERSION, Conversion, convert
from ingest.marc.convert.context import Context, Env
from ingest.marc.convert.names import name_heading
from ingest.marc.convert.rules import MAPPINGS
from ingest.marc.readers import read_marc
from ingest.marc.record import Field, Record
from ingest.marc.source import SOURCE
from ingest.protocol import Rejected
from kg.authority import link_headings
from kg.iri import Minter
from kg.vocab import BF, JL, SKOS, XSD, A
from sparql import Store
from sparql.embedded import EmbeddedStore

SAMPLE = Path("/work/shared/corpus/marc/mrrc-testbed/authority/sample.mrc")
MINTER = Minter("https://kg.jllib.cn/")
GRAPH = MINTER.graph("marc")
AUTH_LEADER = "00000nz  a2200000n  4500"
BIB_LEADER = "00000nam a2200000 a 4500"


def env(**headings: NamedNode) -> Env:
    return Env(MINTER, "test", CONVERTER_VERSION, headings=dict(headings))


def person_authority(number: str, name: str, dates: str = "", status: str = "n") -> Record:
    heading = [("a", name)] + ([("d", dates)] if dates else [])
    return Record(AUTH_LEADER[:5] + status + AUTH_LEADER[6:], [
        Field("001", value=number), Field("003", value="DLC"),
        Field("100", "1", " ", heading)])


def bib_record(number: str, *fields: Field) -> Record:
    return Record(BIB_LEADER, [Field("001", value=number), *fields])


def bib_agent(rec: Record, e: Env, f: Field) -> tuple[NamedNode, Context]:
    """The agent a bibliographic name field links to, as the bibliographic rules mint it."""
    h = name_heading(f, "marc21")
    ctx = Context(rec, e)
    control = next((v for v in f.values("0")), None)
    return ctx.agent(h.kind, h.label, control=control, keys=(h.key, h.name_key),
                     types=(JL.Person, BF.Person)), ctx


def store_with(*conversions: Conversion) -> EmbeddedStore:
    store = EmbeddedStore()
    commit(store, GRAPH, [encode(c) for c in conversions])
    return store


def same_as(store: Store) -> set[tuple[str, str]]:
    rows = store.query("SELECT ?s ?o WHERE { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o }")
    return {(row["s"].value, row["o"].value) for row in rows}


# -- the sample of real LoC authority records ----------------------------------------------


@pytest.fixture(scope="module")
def sample() -> list[Conversion]:
    if not SAMPLE.exists():
        pytest.skip(f"corpus not available: {SAMPLE}")
    records = list(read_marc(SAMPLE))
    assert not [r for r in records if isinstance(r, Rejected)]
    e = env()
    return [convert(r, e) for r in records]


def test_authority_sample_converts_every_record(sample):
    assert len(sample) == 150
    assert all(not c.deleted and len(c.roots) == 1 for c in sample)
    assert len({c.roots[0] for c in sample}) == 150


def test_authority_sample_entities_have_a_preferred_label(sample):
    for c in sample:
        (root,) = c.roots
        labels = [o for s, p, o in c.triples if s == root and p == SKOS.prefLabel]
        assert labels, f"no skos:prefLabel for {root}"
        assert (root, BF.adminMetadata, NamedNode(root.value + "#admin")) in c.triples


def test_authority_sample_kinds_follow_the_heading_tag(sample):
    kinds = {c.roots[0].value.split("/")[-2] for c in sample}
    assert kinds == {"person", "organization", "meeting", "work", "place"}


# -- the entity of an authority record -------------------------------------------------------


def test_authority_iri_is_the_one_a_bib_control_number_mints():
    auth = convert(person_authority("n  79021164", "Austen, Jane,", "1775-1817"), env())
    f = Field("100", "1", " ", [("a", "Austen, Jane."), ("0", "(DLC)n  79021164")])
    agent, _ = bib_agent(bib_record("b1", f), env(), f)
    assert auth.roots == (agent,)
    assert agent.value == "https://kg.jllib.cn/entity/person/dlc-n79021164"


def test_authority_keys_with_and_without_dates():
    c = convert(person_authority("n  1", "Smith, Robert,", "1722-1777"), env())
    keys = {o.value for s, p, o in c.triples if p == JL.headingKey and s == c.roots[0]}
    assert keys == {"smith robert 1722-1777", "smith robert"}
    assert (c.roots[0], JL.deathYear, Literal("1777", datatype=XSD.integer)) in c.triples


def test_authority_family_name_is_a_family():
    rec = Record(AUTH_LEADER, [Field("001", value="n  4"), Field("003", value="DLC"),
                               Field("100", "3", " ", [("a", "Zhu (Family :"),
                                                       ("d", "1368-1644)")])])
    c = convert(rec, env())
    assert c.roots == (MINTER.entity("family", "dlc-n4"),)
    assert (c.roots[0], A, BF.Family) in c.triples
    assert (c.roots[0], A, JL.Person) not in c.triples
    assert not [t for t in c.triples if t[1] == JL.birthYear]


def test_authority_name_title_heading_is_a_work_without_the_bare_name_key():
    rec = Record(AUTH_LEADER, [Field("001", value="n  00010680"), Field("003", value="DLC"),
                               Field("100", "1", " ", [("a", "Thomas, Heather Smith,"),
                                                       ("d", "1944-"),
                                                       ("t", "Guide to raising beef cattle")])])
    c = convert(rec, env())
    (root,) = c.roots
    assert root == MINTER.entity("work", "dlc-n00010680")
    keys = {o.value for s, p, o in c.triples if p == JL.headingKey}
    assert keys == {"thomas heather smith 1944- guide to raising beef cattle"}
    assert not [t for t in c.triples if t[1] == JL.birthYear]


def test_authority_deleted_record_is_a_deletion_of_its_entity():
    c = convert(person_authority("n  2", "Smith, Joan R.", status="d"), env())
    assert c.deleted and c.roots == (MINTER.entity("person", "dlc-n2"),)


def test_authority_without_heading_is_rejected_with_the_field():
    rec = Record(AUTH_LEADER, [Field("001", value="n  3"),
                               Field("670", " ", " ", [("a", "A source.")])])
    with pytest.raises(FieldRuleError) as err:
        convert(rec, env())
    assert err.value.field == "1XX"


def agents_of(bib: Record, e: Env) -> set[NamedNode]:
    return {o for _, p, o in convert(bib, e).triples if p == BF.agent}


@pytest.mark.skipif(not (MAPPINGS / "marc21-bibliographic.tsv").exists(),
                    reason="no MARC21 bibliographic mapping table yet")
@pytest.mark.parametrize("heading", [
    [("a", "Austen, Jane,"), ("d", "1775-1817."), ("0", "(DLC)n  79021164")],
    [("a", "Austen, Jane,"), ("d", "1775-1817.")],  # by heading key, through env.headings
    [("a", "Austen, Jane.")],                        # by the key without dates
])
def test_authority_marc21_bib_record_points_at_the_authority(heading):
    auth = convert(person_authority("n  79021164", "Austen, Jane,", "1775-1817"), env())
    bib = bib_record("b5", Field("008", value=" " * 40), Field("100", "1", " ", heading),
                     Field("245", "1", "0", [("a", "Pride and prejudice.")]))
    headings = authority_headings(store_with(auth))
    assert agents_of(bib, replace(env(), headings=headings)) == {auth.roots[0]}


@pytest.mark.skipif(not (MAPPINGS / "cnmarc-bibliographic.tsv").exists(),
                    reason="no CNMARC bibliographic mapping table yet")
@pytest.mark.parametrize("heading", [
    [("3", "A0000001"), ("a", "袁枚"), ("4", "著")],  # by authority record number
    [("a", "袁枚"), ("f", "1716-1797"), ("4", "著")],  # by heading key
])
def test_authority_cnmarc_bib_record_points_at_the_authority(heading):
    case = Path(__file__).parent / "cases" / "authority" / "cnmarc-person-yuanmei" / "input.xml"
    (record,) = read_marc(case)
    auth = convert(record, env())
    bib = Record("00000nam0 2200000   450 ", [
        Field("001", value="b6"),
        Field("100", " ", " ", [("a", "20240101d1985    em y0chiy50      ea")]),
        Field("200", "1", " ", [("a", "随园诗话")]), Field("701", " ", "0", heading),
        Field("801", " ", "0", [("a", "CN"), ("b", "JL")])],  # $3 points into JL's file
        flavour="cnmarc")
    headings = authority_headings(store_with(auth))
    assert auth.roots[0] in agents_of(bib, replace(env(), headings=headings))


def authority_headings(store) -> dict:
    """What a run hands the converter: heading key -> authority entity."""
    return {k: NamedNode(v) for k, v in SOURCE.context(store)["headings"].items()}


# -- bibliographic headings without a control number ---------------------------------------


def test_authority_headings_link_a_bib_heading_without_control_number():
    auth = convert(person_authority("n  00002553", "Smith, Robert,", "1722-1777"), env())
    headings = authority_headings(store_with(auth))
    assert headings["smith robert 1722-1777"] == auth.roots[0]
    e = replace(env(), headings=headings)
    for name in ("Smith, Robert, 1722-1777.", "Smith, Robert."):  # with and without dates
        f = Field("100", "1", " ", [("a", name)])
        agent, _ = bib_agent(bib_record("b2", f), e, f)
        assert agent == auth.roots[0], name


def test_authority_headings_leave_out_keys_two_authorities_share():
    one = convert(person_authority("n  10", "Smith, John,", "1900-1970"), env())
    two = convert(person_authority("n  11", "Smith, John,", "1950-"), env())
    headings = authority_headings(store_with(one, two))
    assert "smith john" not in headings
    assert headings["smith john 1900-1970"] == one.roots[0]
    f = Field("100", "1", " ", [("a", "Smith, John.")])
    agent, _ = bib_agent(bib_record("b3", f), replace(env(), headings=headings), f)
    assert "/entity/person/h" in agent.value


def test_authority_headings_skip_tombstones():
    auth = convert(person_authority("n  12", "Voit, Mark"), env())
    store = store_with(auth)
    commit(store, GRAPH, [encode(convert(person_authority("n  12", "Voit, Mark", status="d"),
                                         env()))])
    assert "voit mark" not in authority_headings(store)


# -- kg.authority.link_headings: authorities ingested after the bibliographic records ---------
# `store` is each backend of tests/conftest.py: in memory, on disk, remote.


def bib_first_then_authority(store: Store, *authorities: Record) -> NamedNode:
    """Fill the store: a bib heading 'Smith, Robert, 1722-1777' becomes a heading-keyed agent
    before any authority arrives, then the authority records are committed; the agent."""
    f = Field("100", "1", " ", [("a", "Smith, Robert,"), ("d", "1722-1777.")])
    agent, ctx = bib_agent(bib_record("b4", f), env(), f)
    bib = Conversion("b4", (ctx.instance,), list(ctx.triples) + [(ctx.instance, A, BF.Instance)],
                     "d", False)
    commit(store, GRAPH, [encode(bib)])
    commit(store, GRAPH, [encode(convert(r, env())) for r in authorities])
    return agent


def test_link_headings_adds_same_as_to_the_authority(store):
    agent = bib_first_then_authority(
        store, person_authority("n  00002553", "Smith, Robert,", "1722-1777"))
    assert "/entity/person/h" in agent.value and not same_as(store)
    link_headings(store, GRAPH)
    authority = MINTER.entity("person", "dlc-n00002553").value
    assert same_as(store) == {(agent.value, authority)}
    link_headings(store, GRAPH)  # idempotent
    assert same_as(store) == {(agent.value, authority)}


def test_link_headings_leaves_ambiguous_keys_alone(store):
    bib_first_then_authority(
        store, person_authority("n  20", "Smith, Robert,", "1722-1777"),
        person_authority("n  21", "Smith, Robert,", "1722-1777"))
    link_headings(store, GRAPH)
    assert not same_as(store)


def test_link_headings_drops_the_link_of_a_deleted_authority(store):
    bib_first_then_authority(
        store, person_authority("n  22", "Smith, Robert,", "1722-1777"))
    link_headings(store, GRAPH)
    assert same_as(store)
    deleted = person_authority("n  22", "Smith, Robert,", "1722-1777", status="d")
    commit(store, GRAPH, [encode(convert(deleted, env()))])
    link_headings(store, GRAPH)
    assert not same_as(store)


def test_link_headings_needs_a_class_in_common(store):
    org = Record(AUTH_LEADER, [Field("001", value="n  23"), Field("003", value="DLC"),
                               Field("110", "2", " ", [("a", "Smith, Robert, 1722-1777")])])
    bib_first_then_authority(store, org)
    link_headings(store, GRAPH)
    assert not same_as(store)


@pytest.mark.skipif(not (MAPPINGS / "marc21-bibliographic.tsv").exists(),
                    reason="no MARC21 bibliographic mapping table yet")
def test_link_headings_links_a_subject_concept():
    bib = bib_record("b7", Field("008", value=" " * 40),
                     Field("245", "1", "0", [("a", "A history of Chinese libraries.")]),
                     Field("650", " ", "0", [("a", "Library science"), ("z", "China"),
                                             ("x", "History.")]))
    case = Path(__file__).parent / "cases" / "authority" / "marc21-concept" / "input.xml"
    store = store_with(convert(bib, env()))
    commit(store, GRAPH, [encode(convert(r, env())) for r in read_marc(case)])
    link_headings(store, GRAPH)
    (link,) = same_as(store)
    assert link[1] == MINTER.entity("concept", "test-jlsh0000017").value
