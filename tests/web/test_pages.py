"""The pages for researchers: each loads without a console error in Chromium and is shown in a
screenshot; search finds an entity; the language switch and a phone's screen work."""

import re

import pytest
from web_support import PAGES


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors(site, watched, name, shoot):
    watched.open(site.url + PAGES[name])
    page = watched.page
    assert page.locator("html").get_attribute("lang") in ("zh-Hans", "en")
    assert page.locator("h1").count() == 1
    shoot(page, name)


def test_search_from_the_home_page_finds_an_entity(site, watched, shoot):
    page = watched.page
    watched.open(site.url + "/")
    page.get_by_role("combobox").fill("朱元璋")
    page.keyboard.press("Enter")  # no suggestion chosen: Enter submits the form
    page.wait_for_url(re.compile(r"/search\?q="))
    assert "共" in page.get_by_role("status").inner_text()
    # 朱元璋 the person, not the subject heading of that name
    person = page.locator("ol.results li").filter(has_text="人物")
    person.get_by_role("link", name="朱元璋", exact=True).click()
    page.wait_for_url(re.compile(r"/entity/person/"))
    assert page.locator("h1").inner_text().startswith("朱元璋")
    shoot(page, "search-to-entity")


def test_suggestions_open_an_entity_from_the_keyboard(site, watched, shoot):
    page = watched.page
    watched.open(site.url + "/")
    page.get_by_role("combobox").type("朱元")
    options = page.get_by_role("option")
    options.first.wait_for()
    assert "朱元璋" in options.all_inner_texts()
    shoot(page, "suggest")
    page.keyboard.press("ArrowDown")
    assert page.get_by_role("combobox").get_attribute("aria-activedescendant")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/entity/"))


def test_facet_narrows_the_results(site, watched, shoot):
    page = watched.page
    watched.open(site.url + "/search?q=南京")
    total = _total(page.get_by_role("status").inner_text())
    page.get_by_label(re.compile("^地点")).check()
    page.wait_for_url(re.compile(r"type=Place"))
    assert 0 < _total(page.get_by_role("status").inner_text()) < total


def test_language_switch_is_remembered(site, watched, shoot):
    page = watched.page
    watched.open(site.url + "/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search$"))
    assert page.get_by_role("button", name="Search").is_visible()


@pytest.mark.parametrize("watched", [{"width": 390, "height": 844}], indirect=True)
def test_pages_fit_a_phone(site, watched, shoot):
    page = watched.page
    for name in ("home", "search", "person", "query", "document", "book"):
        watched.open(site.url + PAGES[name])
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        shoot(page, f"{name}-phone")


def test_every_form_field_has_a_label(site, watched, shoot):
    page = watched.page
    for name in ("home", "search", "query"):
        watched.open(site.url + PAGES[name])
        unlabelled = page.evaluate("""[...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length)
                    && !e.getAttribute('aria-label')).map(e => e.outerHTML)""")
        assert unlabelled == []


def test_data_is_escaped(site, watched, shoot):
    page = watched.page
    watched.open(site.url + "/search?q=<script>alert(1)</script>")
    assert "<script>alert(1)</script>" in page.get_by_role("status").inner_text()


def _total(status: str) -> int:
    return int(re.search(r"(\d[\d,]*)\s*条", status).group(1).replace(",", ""))


def test_entity_page_shows_names_facts_figures_and_mentions(site, watched, shoot):
    page = watched.page
    watched.open(site.url + PAGES["person"])
    assert page.locator("h1").inner_text() == "朱元璋"
    assert "明太祖" in page.locator("table").first.inner_text()  # an alias
    born = page.get_by_role("row", name=re.compile("生年")).inner_text()
    assert "1328" in born and born.rstrip().endswith("kb")  # the fact and where it comes from
    assert page.get_by_role("group", name=re.compile("时间轴")).is_visible()
    assert page.get_by_role("group", name=re.compile("关系网络.*马皇后")).is_visible()
    marks = page.locator("#mentions ~ ul mark").all_inner_texts()
    assert "朱元璋" in marks
    page.get_by_role("link", name="明孝陵").first.click()
    page.wait_for_url(re.compile(r"/entity/place/ming-xiaoling"))


def test_place_with_coordinates_has_a_map(site, watched, shoot):
    page = watched.page
    watched.open(site.url + PAGES["place-map"])
    figure = page.get_by_role("group", name=re.compile("地图"))
    assert figure.is_visible()
    assert figure.locator("circle").count() > 5  # the place and the places around it
    shoot(page, "place-map-figure")


def test_sparql_page_runs_a_query_in_the_editor(site, watched, shoot):
    page = watched.page
    watched.open(site.url + "/query")
    page.get_by_role("link", name=re.compile("南京的历代名称")).click()
    page.locator(".yasqe_queryButton").click()
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for()
    assert "建康" in page.locator(".yasr table").inner_text()
    shoot(page, "query-editor")


def test_sparql_page_without_scripts_gives_a_table_and_downloads(site, browser, shoot):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(site.url + "/query?example=02_historical_names")
    page.get_by_role("button", name="运行查询").click()
    page.wait_for_url(re.compile(r"/query\?query="))
    table = page.locator("table.results-table")
    assert "建康" in table.inner_text() and table.locator("tbody tr").count() >= 5
    shoot(page, "query-plain")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("name,label,from,to") and "建康" in text
    context.close()


def test_sparql_page_reports_a_bad_query(site, watched, shoot):
    page = watched.page
    response = page.goto(site.url + "/query?query=SELECT%20WHERE")
    assert response.status == 400
    assert page.get_by_role("alert").is_visible()
    watched.errors.clear()  # the 400 of the page itself is what the test asked for


def test_document_reader_marks_its_mentions(site, watched, shoot):
    page = watched.page
    watched.open(site.url + PAGES["document"])
    marks = page.locator("a.mention")
    assert marks.count() > 10
    page.locator("a.mention", has_text="朱元璋").first.click()
    page.wait_for_url(re.compile(r"/entity/person/zhu-yuanzhang"))


def test_interview_reader_shows_speakers_and_times(site, watched, shoot):
    page = watched.page
    watched.open(site.url + PAGES["interview"])
    turns = page.locator("ol.transcript > li")
    assert turns.count() > 3
    assert turns.first.locator(".speaker").inner_text().strip()
    assert re.fullmatch(r"\d+:\d\d", turns.first.locator("time").inner_text())


def test_book_viewer_shows_the_manifest_pages(site, watched, shoot):
    page = watched.page
    watched.open(site.url + PAGES["book"])
    viewer = page.locator("#viewer[data-pages]")
    viewer.wait_for()
    assert int(viewer.get_attribute("data-pages")) == page.locator("section.page").count()
    page.locator("#viewer canvas").first.wait_for()
    page.get_by_role("button", name="下一页").click()
    page.wait_for_function("document.getElementById('page-choice').value === '1'")
    page.wait_for_timeout(500)  # let the image draw before the screenshot
    shoot(page, "book-viewer")


@pytest.mark.parametrize("name, year", [("period", "1368"), ("event", "1912")])
def test_periods_and_events_have_a_timeline(site, watched, name, year):
    watched.open(site.url + PAGES[name])
    timeline = watched.page.get_by_role("group", name=re.compile("时间轴"))
    assert year in timeline.text_content()  # an SVG element: text, not inner text
