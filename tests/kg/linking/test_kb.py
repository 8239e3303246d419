"""kg.linking.kb: what the linker reads of a KB (entities, names, years, neighbours)."""

import pytest

from kg.iri import Minter
from kg.linking.kb import clean_name, read_kb
from kg.loading import LoadJob, load_files
from sparql.embedded import EmbeddedStore

from .conftest import BASE, FIXTURE_KB

E = BASE + "entity/"


@pytest.fixture(scope="module")
def kb():
    store = EmbeddedStore()
    minter = Minter(BASE)
    load_files(store, minter, [LoadJob(p, "kb") for p in FIXTURE_KB], base_iri=BASE)
    return read_kb(store)


def _entity(kb, iri):
    return next(e for e in kb.entities if e.iri == E + iri)


def test_kb_types_and_classes(kb):
    assert (_entity(kb, "person/wang-anshi").type, _entity(kb, "period/ming").cls) == \
        ("PERSON", "Dynasty")
    assert _entity(kb, "placename/jiankang-313").type == "PLACE"
    assert _entity(kb, "period/hongwu").cls == "ReignEra"


def test_kb_names_by_kind_and_simplified(kb):
    at = kb.index()[E + "person/wang-anshi"]
    names = {(n.text, n.kind) for n in kb.names if n.entity == at}
    assert names == {("王安石", "pref"), ("介甫", "courtesy"), ("半山", "art"),
                     ("王荆公", "alias")}


def test_kb_label_drops_qualifier(kb):
    assert _entity(kb, "place/ming-xiaoling").label == "明孝陵"


def test_kb_label_is_the_simplified_label_as_written(kb):
    liu = _entity(kb, "person/liu-yizheng")
    assert liu.label == "柳诒徵"  # matching folds 徵 to 征; the label keeps it
    assert {n.text for n in kb.names if n.entity == kb.index()[liu.iri]} == {"柳诒征"}


def test_kb_leaves_out_tombstones_and_merged_but_keeps_outside_sameas(kb):
    iris = {e.iri for e in kb.entities}
    assert E + "person/old-name" not in iris
    assert E + "person/merged" not in iris
    assert E + "person/zhu-yuanzhang" in iris


def test_kb_years_places_and_neighbours(kb):
    jiankang = _entity(kb, "placename/jiankang-313")
    assert (jiankang.start, jiankang.end, jiankang.place) == (313, 589, E + "place/nanjing")
    zhu = _entity(kb, "person/zhu-yuanzhang")
    assert {E + "place/ming-xiaoling", E + "period/hongwu"} <= zhu.related
    assert zhu.prominence > _entity(kb, "person/xu-tang").prominence


@pytest.mark.parametrize(("label", "name"), [("袁枚 (1716-1797)", "袁枚"), ("應天府", "应天府"),
                                             ("金陵（南京）", "金陵"), (" 南京 ", "南京")])
def test_kb_clean_name(label, name):
    assert clean_name(label) == name
