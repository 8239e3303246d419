"""Curation (kg.curation) and the change log (kg.changes) on a small real store."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyoxigraph import Literal, NamedNode

from kg.changes import ChangeConflict, ChangeLog, ChangeNotFound, undo
from kg.curation import Curation, CurationError, EntityNotFound, Statement
from kg.iri import Minter
from kg.vocab import DCT, JL, OWL, SKOS
from sparql.embedded import EmbeddedStore

HERE = Path(__file__).parent / "curation"
BASE = "https://kg.jllib.cn/"
LI_YU = NamedNode(BASE + "entity/person/li-yu")
HOUZHU = NamedNode(BASE + "entity/person/li-houzhu")
JINLING = NamedNode(BASE + "entity/place/jinling")
WORK = NamedNode(BASE + "works/cat/1")
MENTION = NamedNode(BASE + "mentions/a/0-3")
KB = NamedNode(BASE + "graphs/kb")


@pytest.fixture
def curation(tmp_path: Path) -> Curation:
    store = EmbeddedStore()
    store.load(HERE / "store.trig")
    return Curation(store, ChangeLog(tmp_path / "changes.sqlite"), Minter(BASE), "curator-1")


def quads(store) -> set[ox.Quad]:
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return set(ox.parse(out.getvalue(), ox.RdfFormat.N_QUADS))


def objects(store, subject: NamedNode, predicate: NamedNode) -> set:
    return {q.object for q in quads(store) if q.subject == subject and q.predicate == predicate}


def test_edit_adds_and_removes_in_the_home_graph_and_is_recorded(curation):
    alias = Literal("南唐后主", language="zh-Hans")
    change = curation.edit(LI_YU, add=[Statement(SKOS.altLabel, alias)],
                           remove=[Statement(JL.courtesyName, Literal("重光", language="zh-Hans"))])
    assert objects(curation.store, LI_YU, SKOS.altLabel) == {alias}
    assert objects(curation.store, LI_YU, JL.courtesyName) == set()
    assert (change.action, change.actor, change.graphs) == ("Update", "curator-1", (KB.value,))
    assert [c.id for c in curation.log.about(LI_YU.value)] == [change.id]
    assert {q.object for q in change.removed} == {Literal("重光", language="zh-Hans")}


@pytest.mark.parametrize("add, remove, error", [
    ([], [], "changes nothing"),
    ([], [Statement(SKOS.altLabel, Literal("无此名", language="zh-Hans"))], "has no statement"),
])
def test_edit_refuses(curation, add, remove, error):
    with pytest.raises(CurationError, match=error):
        curation.edit(LI_YU, add=add, remove=remove)


def test_edit_of_an_unknown_entity(curation):
    with pytest.raises(EntityNotFound):
        curation.edit(NamedNode(BASE + "entity/person/nobody"),
                      add=[Statement(SKOS.altLabel, Literal("某"))])


def test_review_queue_least_confident_first_and_decisions(curation):
    queue = curation.review_queue()
    assert [row["mention"] for row in queue] == [MENTION, NamedNode(BASE + "mentions/b/4-6")]
    assert queue[0]["exact"].value == "李后主"
    curation.decide(MENTION, "reject")
    assert objects(curation.store, MENTION, JL.linkStatus) == {JL.rejected}
    assert [row["mention"] for row in curation.review_queue()] == [
        NamedNode(BASE + "mentions/b/4-6")]
    with pytest.raises(CurationError, match="already"):
        curation.decide(MENTION, "reject")
    with pytest.raises(CurationError, match="accept or reject"):
        curation.decide(MENTION, "maybe")


def test_merge_moves_statements_and_references_and_undo_restores(curation):
    before = quads(curation.store)
    change = curation.merge(HOUZHU, LI_YU)
    store = curation.store
    assert objects(store, HOUZHU, OWL.sameAs) == {LI_YU}
    assert objects(store, HOUZHU, DCT.isReplacedBy) == {LI_YU}
    assert {q.predicate for q in quads(store) if q.subject == HOUZHU} == {OWL.sameAs,
                                                                        DCT.isReplacedBy}
    assert Literal("李后主", language="zh-Hans") in objects(store, LI_YU, SKOS.altLabel)
    assert objects(store, LI_YU, SKOS.prefLabel) == {Literal("李煜", language="zh-Hans"),
                                                     Literal("Li Yu", language="en")}
    assert objects(store, WORK, NamedNode("http://id.loc.gov/ontologies/bibframe/subject")) \
        == {LI_YU}
    assert objects(store, MENTION, NamedNode("http://www.w3.org/ns/oa#hasBody")) == {LI_YU}
    assert (change.action, change.target) == ("Merge", LI_YU.value)
    undone = undo(store, curation.log, change.id, "curator-2")
    assert quads(store) == before
    assert (undone.action, undone.undoes) == ("Undo", change.id)


def test_merge_refuses_self_and_merged_entities(curation):
    with pytest.raises(CurationError, match="itself"):
        curation.merge(LI_YU, LI_YU)
    curation.merge(HOUZHU, LI_YU)
    with pytest.raises(CurationError, match="already merged"):
        curation.merge(JINLING, HOUZHU)


def test_undo_conflicts_when_the_store_moved_on(curation):
    alias = Literal("钟隐", language="zh-Hans")
    first = curation.edit(LI_YU, add=[Statement(SKOS.altLabel, alias)])
    curation.edit(LI_YU, remove=[Statement(SKOS.altLabel, alias)])
    with pytest.raises(ChangeConflict, match="cannot be undone"):
        undo(curation.store, curation.log, first.id, "curator-1")
    with pytest.raises(ChangeNotFound):
        undo(curation.store, curation.log, 99, "curator-1")


def test_split_moves_chosen_statements_to_a_new_entity(curation):
    moved = Statement(JL.deathYear, Literal(978))
    label = Literal("李后主（另一人）", language="zh-Hans")
    change = curation.split(HOUZHU, [moved], label, key="li-houzhu-2")
    new = NamedNode(BASE + "entity/person/li-houzhu-2")
    assert objects(curation.store, new, JL.deathYear) == {Literal(978)}
    assert objects(curation.store, new, SKOS.prefLabel) == {label}
    assert objects(curation.store, new, NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")) == {JL.Person}
    assert objects(curation.store, HOUZHU, JL.deathYear) == set()
    assert change.subjects == (HOUZHU.value, new.value)
    with pytest.raises(CurationError, match="exists already"):
        curation.split(HOUZHU, [Statement(JL.activeIn, NamedNode(BASE + "entity/period/nan-tang"))],
                       label, key="li-houzhu-2")


def test_home_is_never_the_inferred_graph(curation):
    """The inferred graph restates an entity's type (and sorts before kb by name): an edit
    still goes to the graph that describes it."""
    inferred = NamedNode(BASE + "graphs/inferred")
    curation.store.add_batch(
        f"<{LI_YU.value}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<http://schema.org/Person> .\n".encode(), inferred)
    assert curation.home(LI_YU) == KB
