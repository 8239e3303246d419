"""/query: the SPARQL page's results as a table and as downloads, read only."""

SELECT = ("SELECT ?name WHERE { ?s a <https://kg.jllib.cn/ontology#Person> ; "
          "<http://www.w3.org/2004/02/skos/core#altLabel> ?name } LIMIT 10")


def test_query_page_shows_the_first_example_in_the_form(api):
    page = api.client.get("/query")
    assert page.status_code == 200 and "<textarea" in page.text
    assert "PREFIX jl:" in page.text


def test_query_page_results_as_a_table_with_data_escaped(api):
    page = api.client.get("/query", params={"query": SELECT})
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text and 'class="results-table"' in page.text
    assert "<script>alert(1)</script>" not in page.text  # an altLabel of the fixture


def test_query_download_in_each_format(api):
    for ext, media in (("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                       ("json", "application/sparql-results+json")):
        answer = api.client.get(f"/query/results.{ext}", params={"query": SELECT})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
        assert "attachment" in answer.headers["content-disposition"]


def test_query_page_refuses_updates_and_unknown_formats(api):
    update = "DELETE WHERE { ?s ?p ?o }"
    assert api.client.get("/query", params={"query": update}).status_code == 400
    assert api.client.get("/query/results.csv", params={"query": update}).status_code == 400
    assert api.client.get("/query/results.pdf", params={"query": SELECT}).status_code == 404
    assert api.client.get("/query", params={"query": SELECT}).status_code == 200  # still there
