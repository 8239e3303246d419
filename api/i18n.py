"""The pages' language: Chinese by default, English on request (api/tables/messages.tsv).

A page asked for with ``?lang=en`` (or ``zh``) is shown in that language and remembers it in a
cookie, so that the links from it stay in it.

>>> words("en")("search.results", q="南京", total=3)
'Results for “南京”: 3'
>>> words("zh")("nav.home")
'首页'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.requests import Request

from kg.tables import Tables

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
COOKIE = "lang"
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
# the pages' tables (messages, editable properties …), read once for all of api
TABLES = Tables(Path(__file__).parent / "tables")


class UnknownMessage(KeyError):
    """A page asked for a message key that messages.tsv lacks."""


@cache
def _messages() -> dict[str, dict[str, str]]:
    return {row["key"]: row for row in TABLES.table("messages")}


class Words:
    """The messages of one language: ``words(key, **values)``, and ``words.get(key, default)``
    for a key that may be missing (a class the table does not name)."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        try:
            text = _messages()[key][self.lang]
        except KeyError:
            raise UnknownMessage(f"api/tables/messages.tsv: no message {key!r}") from None
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        return self(key) if key in _messages() else default


def words(lang: str) -> Words:
    """The messages of a language."""
    return Words(lang)


def asked(request: Request) -> str | None:
    """The language the request's ``lang`` parameter asks for, if it names one we have."""
    lang = request.query_params.get("lang")
    return lang if lang in LANGUAGES else None


def language(request: Request) -> str:
    """The request's language: its ``lang`` parameter, else its cookie, else Chinese."""
    cookie = request.cookies.get(COOKIE)
    return asked(request) or (cookie if cookie in LANGUAGES else DEFAULT)


def switched(request: Request, lang: str) -> str:
    """The URL of the same page in the other language."""
    other = LANGUAGES[1 - LANGUAGES.index(lang)]
    return str(request.url.include_query_params(lang=other).replace(scheme="", netloc=""))
