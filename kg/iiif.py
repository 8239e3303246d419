"""IIIF documents of digitised ancient books, built from query rows: no HTTP, no files.

The rows of ``book_manifest.rq`` become `book_fields`, those of ``book_pages.rq`` become
`book_pages`; `manifest` turns both into a Presentation API 3.0 Manifest, `image_info` gives a
page's Image API 3.0 level-0 ``info.json`` and `image_request_size` checks an image request
against it. Where each document lives is the caller's to say (`Urls`), so that every ``id``
dereferences on the server that answers.

Errors::

    IiifError (KgError, ValueError)
     ├── PageDataError            a page whose order, width or height is not a positive integer
     └── ImageRequestError        an image request this service cannot answer
          ├── MalformedImageRequest     not Image API syntax (HTTP 400)
          └── UnsupportedImageRequest   valid syntax, not offered at level 0 (HTTP 404)

>>> image_sizes(1200, 1800)
[(150, 225), (600, 900), (1200, 1800)]
>>> image_request_size("full", "600,900", "0", "default.jpg", 1200, 1800)
(600, 900)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from kg.errors import KgError

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
IMAGE_PROTOCOL = "http://iiif.io/api/image"
# Widths pre-made for every page narrower originals skip: thumbnails, reading, zoomed reading.
DERIVED_WIDTHS = (150, 600, 1200)
NO_LANGUAGE = "none"
# (field of book_manifest.rq, Chinese label, English label) of the manifest's metadata pairs;
# the Chinese headings are those of the national ancient-book census sheet.
METADATA_FIELDS = (
    ("title", "题名", "Title"),
    ("contributor", "著者", "Author"),
    ("edition", "版本", "Edition"),
    ("juan", "卷数", "Number of juan"),
    ("census", "普查编号", "Census number"),
    ("holder", "收藏单位", "Holding institution"),
)


class IiifError(KgError, ValueError):
    """Base of the errors of IIIF documents and requests."""


class PageDataError(IiifError):
    """A page of the graph whose order, width or height is not a positive integer."""

    def __init__(self, page: str, field: str, value: str):
        self.page, self.field, self.value = page, field, value
        super().__init__(f"page {page}: {field} must be a positive integer, not {value!r}; "
                         "fix the page's jl:" + field)


class ImageRequestError(IiifError):
    """An image request this level-0 service cannot answer; `status` is its HTTP status."""

    status = 400

    def __init__(self, parameter: str, value: str, why: str):
        self.parameter, self.value = parameter, value
        super().__init__(f"{parameter} {value!r}: {why}")


class MalformedImageRequest(ImageRequestError):
    """A parameter that is not Image API 3.0 syntax, or asks for upscaling without ``^``."""

    status = 400


class UnsupportedImageRequest(ImageRequestError):
    """Valid syntax that a level-0 service does not offer (Image API 3.0 §7: 404)."""

    status = 404


@dataclass(frozen=True)
class Text:
    """A literal as IIIF language maps want it: its value and its tag, or ``"none"``."""

    value: str
    language: str = NO_LANGUAGE

    @classmethod
    def of(cls, term: object) -> Text:
        """The text of an RDF term (a pyoxigraph Literal or anything with ``value``)."""
        language = getattr(term, "language", None)
        return cls(str(term.value), tag_case(language) if language else NO_LANGUAGE)


def tag_case(tag: str) -> str:
    """A language tag in the customary case of RFC 5646 §2.1.1 (stores give it lower-case):
    a script in title case, a region in upper case, the rest lower, and as is after ``x-``.

    >>> tag_case("zh-hans"), tag_case("ZH-hant-tw"), tag_case("en"), tag_case("zh-x-Ab")
    ('zh-Hans', 'zh-Hant-TW', 'en', 'zh-x-Ab')
    """
    parts = tag.split("-")
    cased = [parts[0].lower()]
    for index, part in enumerate(parts[1:], 1):
        if len(part) == 1:  # a singleton: extensions and private use keep their own case
            return "-".join([*cased, part.lower(), *parts[index + 1:]])
        if len(part) == 4 and part.isalpha():
            cased.append(part.title())
        else:
            cased.append(part.upper() if len(part) == 2 and part.isalpha() else part.lower())
    return "-".join(cased)


@dataclass(frozen=True)
class Page:
    """One page image of a book."""

    order: int
    image_file: str
    width: int
    height: int
    labels: tuple[Text, ...] = ()
    texts: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Urls:
    """Where the IIIF documents of one book live on the answering server.

    >>> urls = Urls("http://127.0.0.1:8000", "census", "320100-0101-0000123",
    ...             "http://127.0.0.1:8000/instances/census/320100-0101-0000123")
    >>> urls.manifest
    'http://127.0.0.1:8000/iiif/census/320100-0101-0000123/manifest'
    >>> urls.image(3, (150, 225))
    'http://127.0.0.1:8000/iiif/image/census/320100-0101-0000123/3/full/150,225/0/default.jpg'
    """

    base: str  # the server's base URL, without a trailing slash
    source: str
    key: str
    described_at: str  # the URL at which the instance's linked data dereferences

    @property
    def _book(self) -> str:
        return f"{quote(self.source, safe='-._~')}/{quote(self.key, safe='-._~')}"

    @property
    def manifest(self) -> str:
        """The manifest's id and URL."""
        return f"{self.base}/iiif/{self._book}/manifest"

    @property
    def canvases(self) -> str:
        """The folder of the canvases and of what lies below them."""
        return f"{self.base}/iiif/{self._book}/canvas"

    def canvas(self, order: int) -> str:
        """A page's canvas; its annotation pages and annotations live below it."""
        return f"{self.canvases}/{order}"

    def image_service(self, order: int) -> str:
        """A page's Image API service (``info.json`` lies below it)."""
        return f"{self.base}/iiif/image/{self._book}/{order}"

    def image(self, order: int, size: tuple[int, int] | None = None) -> str:
        """A page's full image, at a listed size or at ``max``."""
        wh = f"{size[0]},{size[1]}" if size else "max"
        return f"{self.image_service(order)}/full/{wh}/0/default.jpg"


def book_fields(rows: Iterable[Mapping[str, object]]) -> dict[str, list[Text]]:
    """The values of each field of ``book_manifest.rq`` rows, in row order, without repeats.

    >>> from pyoxigraph import Literal
    >>> row = {"field": Literal("edition"), "value": Literal("清乾隆刻本", language="zh-Hans")}
    >>> book_fields([row])
    {'edition': [Text(value='清乾隆刻本', language='zh-Hans')]}
    """
    fields: dict[str, list[Text]] = {}
    for row in rows:
        values = fields.setdefault(str(row["field"].value), [])
        text = Text.of(row["value"])
        if text not in values:
            values.append(text)
    return fields


def book_pages(rows: Iterable[Mapping[str, object]]) -> list[Page]:
    """The pages of ``book_pages.rq`` rows in page order; the first row of an order wins.

    Raises:
        PageDataError: a page's order, width or height is not a positive integer.
    """
    first: dict[int, Mapping[str, object]] = {}
    labels: dict[int, list[Text]] = {}
    texts: dict[int, list[Text]] = {}
    for row in rows:
        order = _positive(row, "order")
        first.setdefault(order, row)
        for name, found in (("label", labels), ("text", texts)):
            values = found.setdefault(order, [])
            if name in row and Text.of(row[name]) not in values:
                values.append(Text.of(row[name]))
    return [Page(order, str(row["file"].value), _positive(row, "width"),
                 _positive(row, "height"), tuple(labels[order]), tuple(texts[order]))
            for order, row in sorted(first.items())]


def _positive(row: Mapping[str, object], name: str) -> int:
    raw = str(row[name].value)
    if not (raw.isascii() and raw.isdigit()) or int(raw) == 0:
        raise PageDataError(str(row["page"].value), name, raw)
    return int(raw)


def language_map(texts: Iterable[Text]) -> dict[str, list[str]]:
    """A IIIF language map, Chinese first and ``none`` last.

    >>> language_map([Text("Suiyuan"), Text("随园诗话", "zh-Hans")])
    {'zh-Hans': ['随园诗话'], 'none': ['Suiyuan']}
    """
    found: dict[str, list[str]] = {}
    for text in texts:
        found.setdefault(text.language, []).append(text.value)
    rank = {k: (0 if k.lower().startswith("zh") else 2 if k == NO_LANGUAGE else 1) for k in found}
    return {k: found[k] for k in sorted(found, key=lambda k: rank[k])}


def image_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """The sizes a page's image service offers: each derived width below the original's, then
    the original; heights keep the aspect ratio (rounded, at least 1).

    >>> image_sizes(500, 800)
    [(150, 240), (500, 800)]
    """
    scaled = [(w, max(1, round(height * w / width))) for w in DERIVED_WIDTHS if w < width]
    return [*scaled, (width, height)]


def image_info(service: str, width: int, height: int) -> dict:
    """The Image API 3.0 ``info.json`` of a level-0 service over one page image."""
    return {"@context": IMAGE_CONTEXT, "id": service, "type": "ImageService3",
            "protocol": IMAGE_PROTOCOL, "profile": "level0", "width": width, "height": height,
            "sizes": [{"width": w, "height": h} for w, h in image_sizes(width, height)]}


# Image API 3.0 §4 syntax of each request parameter; what level 0 offers is narrower.
_REGION = re.compile(r"full|square|\d+,\d+,\d+,\d+|pct:[\d.]+,[\d.]+,[\d.]+,[\d.]+")
_SIZE = re.compile(r"\^?(max|\d+,|,\d+|pct:[\d.]+|!?\d+,\d+)")
_ROTATION = re.compile(r"!?\d+(\.\d+)?")
_QUALITY_FORMAT = re.compile(r"(default|color|gray|bitonal)\.(jpg|tif|png|gif|jp2|pdf|webp)")


def image_request_size(region: str, size: str, rotation: str, quality_format: str,
                       width: int, height: int) -> tuple[int, int]:
    """The pixel size of the JPEG that an image request of a ``width`` × ``height`` page asks
    for: region ``full``, size ``max`` or a listed ``w,h``, rotation ``0``, ``default.jpg``.

    Raises:
        MalformedImageRequest: a parameter is not Image API syntax, or upscales without ``^``.
        UnsupportedImageRequest: valid, but not offered by this level-0 service.
    """
    _check("region", region, _REGION, "full")
    _check("rotation", rotation, _ROTATION, "0")
    _check("quality and format", quality_format, _QUALITY_FORMAT, "default.jpg")
    _check("size", size, _SIZE, None)
    if size == "max":
        return width, height
    wanted = _pixel_size(size)
    if wanted and (wanted[0] > width or wanted[1] > height or 0 in wanted):
        raise MalformedImageRequest("size", size, f"empty, or larger than the image "
                                    f"({width},{height}) without '^'")
    offered = image_sizes(width, height)
    if wanted in offered:
        return wanted
    listed = " ".join(f"{w},{h}" for w, h in offered)
    raise UnsupportedImageRequest("size", size, f"this level-0 service offers max and {listed}")


def _check(parameter: str, value: str, syntax: re.Pattern, offered: str | None) -> None:
    if not syntax.fullmatch(value):
        raise MalformedImageRequest(parameter, value, "not IIIF Image API 3.0 syntax")
    if offered is not None and value != offered:
        raise UnsupportedImageRequest(parameter, value, f"this level-0 service offers {offered}")


def _pixel_size(size: str) -> tuple[int, int] | None:
    """(w, h) of a ``w,h`` size, else None."""
    match = re.fullmatch(r"(\d+),(\d+)", size)
    return (int(match[1]), int(match[2])) if match else None


def manifest(urls: Urls, fields: Mapping[str, list[Text]], pages: list[Page]) -> dict:
    """The Presentation API 3.0 Manifest of a book with at least one page.

    Read right to left and paged, as Chinese thread-bound books are; its thumbnail is the first
    page's; each page's text is a ``supplementing`` annotation on its canvas.
    """
    titles = fields.get("title") or fields.get("work_title") or [Text(urls.key)]
    doc = {"@context": PRESENTATION_CONTEXT, "id": urls.manifest, "type": "Manifest",
           "label": language_map(titles)}
    summary = _summary(fields)
    if summary:
        doc["summary"] = language_map([summary])
    doc["metadata"] = _metadata({**fields, "title": titles})
    if fields.get("holder"):
        doc["requiredStatement"] = _pair("holder", fields["holder"])
    doc |= {"viewingDirection": "right-to-left", "behavior": ["paged"],
            "homepage": [{"id": urls.described_at, "type": "Text", "format": "text/html",
                          "label": language_map(titles)}],
            "seeAlso": [{"id": urls.described_at, "type": "Dataset",
                         "format": "application/ld+json",
                         "label": {"zh-Hans": ["关联数据"], "en": ["Linked data"]}}],
            "thumbnail": [_thumbnail(urls, pages[0])],
            "items": [canvas(urls, page) for page in pages]}
    return doc


def _summary(fields: Mapping[str, list[Text]]) -> Text | None:
    parts = [*fields.get("contributor", []), *fields.get("edition", [])]
    parts += [Text(f"{t.value}卷") for t in fields.get("juan", [])]
    if not parts:
        return None
    chinese = [t.language for t in parts if t.language.lower().startswith("zh")]
    return Text("；".join(t.value for t in parts), chinese[0] if chinese else NO_LANGUAGE)


def _pair(field: str, values: list[Text]) -> dict:
    zh, en = next((zh, en) for name, zh, en in METADATA_FIELDS if name == field)
    return {"label": {"zh-Hans": [zh], "en": [en]}, "value": language_map(values)}


def _metadata(fields: Mapping[str, list[Text]]) -> list[dict]:
    return [_pair(name, fields[name]) for name, _, _ in METADATA_FIELDS if fields.get(name)]


def _image(urls: Urls, page: Page, size: tuple[int, int]) -> dict:
    full = size == (page.width, page.height)
    return {"id": urls.image(page.order, None if full else size), "type": "Image",
            "format": "image/jpeg", "width": size[0], "height": size[1],
            "service": [{"id": urls.image_service(page.order), "type": "ImageService3",
                         "profile": "level0"}]}


def _thumbnail(urls: Urls, page: Page) -> dict:
    return _image(urls, page, image_sizes(page.width, page.height)[0])


def canvas(urls: Urls, page: Page) -> dict:
    """The canvas of one page: its image painted on it, its text as a supplementing annotation.

    Ids: the canvas is ``…/canvas/{order}``; its image annotation page ``…/page`` with the
    annotation ``…/page/image``; its text annotation page ``…/text`` with ``…/text/{i}``.
    """
    cid = urls.canvas(page.order)
    labels = page.labels or (Text(f"第{page.order}页", "zh-Hans"),)
    painting = {"id": f"{cid}/page/image", "type": "Annotation", "motivation": "painting",
                "target": cid, "body": _image(urls, page, (page.width, page.height))}
    doc = {"id": cid, "type": "Canvas", "label": language_map(labels), "width": page.width,
           "height": page.height, "thumbnail": [_thumbnail(urls, page)],
           "items": [{"id": f"{cid}/page", "type": "AnnotationPage", "items": [painting]}]}
    if page.texts:
        doc["annotations"] = [{"id": f"{cid}/text", "type": "AnnotationPage",
                               "items": [_text(cid, i, t) for i, t in enumerate(page.texts, 1)]}]
    return doc


def _text(canvas_id: str, index: int, text: Text) -> dict:
    body = {"type": "TextualBody", "value": text.value, "format": "text/plain"}
    if text.language != NO_LANGUAGE:
        body["language"] = text.language
    return {"id": f"{canvas_id}/text/{index}", "type": "Annotation", "motivation": "supplementing",
            "target": canvas_id, "body": body}


def find(doc: dict, resource: str) -> dict | None:
    """The canvas, annotation page or annotation with this id inside a manifest, as a document
    of its own (with the ``@context``), or None."""
    stack: list[object] = [doc.get("items", [])]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and node.get("type") in ("Canvas", "AnnotationPage",
                                                             "Annotation"):
            if node.get("id") == resource:
                return {"@context": PRESENTATION_CONTEXT, **node}
            stack.extend(node.get(k, []) for k in ("items", "annotations"))
    return None
