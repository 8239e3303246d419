import pytest
from rdflib import Graph

PATH = "/entity/person/zhu-yuanzhang"


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
])
def test_resources_content_negotiation(api, accept, fmt):
    r = api.client.get(PATH, headers={"accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == accept
    assert "accept" in r.headers["vary"].lower()
    graph = Graph().parse(data=r.text, format=fmt)
    labels = {str(o) for o in graph.objects()}
    assert "朱元璋" in labels


def test_resources_formats_agree(api):
    turtle = Graph().parse(data=api.client.get(PATH, headers={"accept": "text/turtle"}).text,
                           format="turtle")
    jsonld = Graph().parse(data=api.client.get(PATH, headers={"accept": "application/ld+json"}).text,
                           format="json-ld")
    assert len(turtle) == len(jsonld) > 0


def test_resources_html_escapes_data(api):
    r = api.client.get(PATH, headers={"accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "朱元璋" in r.text
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;" in r.text


def test_resources_q_values(api):
    r = api.client.get(PATH, headers={"accept": "application/rdf+xml;q=0.5, text/turtle;q=0.9"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_resources_not_acceptable_and_head(api):
    assert api.client.get(PATH, headers={"accept": "image/png"}).status_code == 406
    head = api.client.head(PATH, headers={"accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("text/turtle")


def test_resources_unknown_is_404(api):
    assert api.client.get("/entity/person/nobody").status_code == 404


def test_resources_ontology_page_and_turtle(api):
    page = api.client.get("/ontology", headers={"accept": "text/html"})
    assert page.status_code == 200 and "jl:Person" in page.text
    turtle = api.client.get("/ontology", headers={"accept": "text/turtle"})
    assert "owl:Ontology" in turtle.text or "Ontology" in turtle.text
    context = api.client.get("/ontology/context.jsonld")
    assert context.headers["content-type"] == "application/ld+json" and "@context" in context.json()


def test_resources_home_and_health(api):
    assert "金陵图书馆" in api.client.get("/").text
    assert api.client.get("/health").json()["status"] == "ok"
