"""Every page checked by axe-core (npm, installed by make web) in Chromium: no serious or
critical violation of WCAG 2.1 A and AA (labels, names, contrast, landmarks, keyboard)."""

from pathlib import Path

import pytest
from web_support import PAGES

AXE = Path(__file__).resolve().parents[2] / "api" / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = pytest.mark.skipif(not AXE.is_file(), reason="no axe-core: `make web` installs it")
SERIOUS = ("serious", "critical")


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violation(site, watched, name):
    page = watched.page
    watched.open(site.url + PAGES[name])
    assert _serious(page) == []


def test_keyboard_reaches_the_search_box_and_skips_to_content(site, watched):
    page = watched.page
    watched.open(site.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("path", ["/curator", "/curator/merge", "/curator/history",
                                  "/curator/split?entity=/entity/person/zheng-he"])
def test_curator_page_has_no_serious_accessibility_violation(site, curator, path):
    page = curator.page
    curator.open(site.url + path)
    assert _serious(page) == []


def _serious(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))
        .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    return [v for v in found if v["impact"] in SERIOUS]
