import pytest

from kg.auth import Principal, Role, Targets, authorize
from kg.errors import Forbidden, Unauthenticated
from kg.scope import update_targets
from sparql.errors import QuerySyntaxError

KB = "https://kg.jllib.cn/graphs/kb"
OTHER = "https://kg.jllib.cn/graphs/district/xuanwu"


def iri_of(name):
    return f"https://kg.jllib.cn/graphs/{name}"


@pytest.mark.parametrize("update, graphs, default, everything", [
    (f"INSERT DATA {{ GRAPH <{KB}> {{ <a:s> <a:p> 1 }} }}", {KB}, False, False),
    ("INSERT DATA { <a:s> <a:p> 1 }", set(), True, False),
    (f"WITH <{KB}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", {KB}, False, False),
    ("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }", set(), False,
     True),
    ("DROP ALL", set(), False, True),
    (f"CLEAR GRAPH <{KB}> ; COPY <{OTHER}> TO <{KB}>", {KB}, False, False),
    (f"MOVE <{OTHER}> TO <{KB}>", {KB, OTHER}, False, False),
    (f"DELETE WHERE {{ GRAPH <{OTHER}> {{ ?s ?p ?o }} }}", {OTHER}, False, False),
])
def test_scope_update_targets(update, graphs, default, everything):
    targets = update_targets(update)
    assert set(targets.graphs) == graphs
    assert targets.default is default
    assert targets.everything is everything


def test_scope_load_is_a_fetch():
    assert update_targets(f"LOAD <http://example.org/x> INTO GRAPH <{KB}>").fetches


def test_scope_malformed_update():
    with pytest.raises(QuerySyntaxError):
        update_targets("CLEAR XYZ")


def test_scope_district_token_writes_only_its_graph():
    district = Principal("t1", Role.DISTRICT, "kb")
    authorize(district, Targets(frozenset({KB})), iri_of)
    with pytest.raises(Forbidden, match="only graph kb"):
        authorize(district, Targets(frozenset({KB, OTHER})), iri_of)
    with pytest.raises(Forbidden, match="default graph"):
        authorize(district, Targets(default=True), iri_of)


def test_scope_curator_and_admin():
    curator = Principal("t2", Role.CURATOR, None)
    authorize(curator, Targets(frozenset({KB, OTHER})), iri_of)
    with pytest.raises(Forbidden, match="whole store"):
        authorize(curator, Targets(everything=True), iri_of)
    authorize(Principal("t3", Role.ADMIN, None), Targets(everything=True), iri_of)


def test_scope_no_token():
    with pytest.raises(Unauthenticated):
        authorize(None, Targets(frozenset({KB})), iri_of)
