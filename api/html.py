"""HTML rendering: Jinja2 templates with autoescaping on, so data is always escaped.

`render` gives every page its language (`api.i18n`): the message function ``t``, the
``lang`` of the page and the link to the other language.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import Response

from api import i18n
from api.state import state

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.autoescape = True
YEAR = 365 * 24 * 3600


def render(request: Request, template: str, context: dict, status: int = 200,
           headers: dict[str, str] | None = None) -> Response:
    """A page in the request's language; a ``lang`` parameter is remembered in a cookie."""
    lang = i18n.language(request)
    page = {"t": i18n.words(lang), "lang": lang, "html_lang": i18n.HTML_LANG[lang],
            "switch_url": i18n.switched(request, lang),
            "base_iri": state(request).settings.base_iri, **context}
    response = TEMPLATES.TemplateResponse(request, template, page, status_code=status,
                                          headers={"Vary": "Accept, Cookie", **(headers or {})})
    if i18n.asked(request):
        response.set_cookie(i18n.COOKIE, lang, max_age=YEAR, samesite="lax")
    return response
