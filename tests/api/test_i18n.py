"""The pages' messages: every key a template names is in api/tables/messages.tsv, in both
languages; a page asked for in English is in English and remembers it."""

import re
from pathlib import Path

import pytest

from api.i18n import LANGUAGES, UnknownMessage, _messages, words

TEMPLATES = Path(__file__).resolve().parents[2] / "api" / "templates"
NAMED = re.compile(r"""\bt\(\s*["']([\w.]+)["']""")


def test_every_message_has_both_languages():
    for key, row in _messages().items():
        assert all(row[lang].strip() for lang in LANGUAGES), key


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_every_key_a_template_names_exists(template):
    named = set(NAMED.findall(template.read_text(encoding="utf-8")))
    # a key the template completes ("class." ~ type) needs messages under its prefix
    prefixes = {key for key in named if key.endswith(".")}
    assert not named - prefixes - set(_messages()), named - prefixes - set(_messages())
    assert all(any(k.startswith(p) for k in _messages()) for p in prefixes), prefixes


def test_unknown_message_names_the_table():
    with pytest.raises(UnknownMessage, match="messages.tsv"):
        words("zh")("no.such.key")


def test_english_page_and_cookie(api):
    page = api.client.get("/search?lang=en", headers={"Accept": "text/html"})
    assert '<html lang="en">' in page.text and ">Search<" in page.text
    assert page.cookies.get("lang") == "en"
    again = api.client.get("/", headers={"Accept": "text/html"})
    assert '<html lang="en">' in again.text  # the cookie keeps the choice
