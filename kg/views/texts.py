"""Texts with their parts and mentions: local documents, ancient books, interviews.

- a document (``works/{source}/{key}``, a ``jl:LocalDocument``): the work, with each of its
  instances embedded in ``hasInstance``, holding ``sections`` (nested ``sections`` and
  ``paragraphs``) and ``paragraphs``; the full text is left out, each paragraph has its own;
- a book (``instances/{source}/{key}``, a ``jl:AncientBook``): the instance, its ``pages``
  (order, label, OCR text, image size and IIIF ``imageService``) and its IIIF ``manifest``;
- an interview (``works/{source}/{key}``, a ``jl:OralHistoryInterview``): the work and its
  ``segments`` (speaker, time codes, text).

Every text part has its ``mentions`` (`kg.views.mentions`), in order. Parts come in their
``order`` (then IRI order).
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.graphs import INFERRED
from kg.iiif import Urls
from kg.iri import Minter
from kg.views.describe import View, describe, modified, require_type
from kg.views.labels import labels_of, language_rank
from kg.views.mentions import mentions_by_part
from kg.views.records import record_doc
from kg.views.render import Description, statements
from kg.vocab import BF, DCT, JL
from sparql import Store, queries
from sparql.text import substitute

PART_OF = frozenset({DCT.isPartOf.value})
SEGMENT_OF = frozenset({JL.segmentOf.value})


def parts_of(store: Store, minter: Minter, root: str, query: str) -> Description:
    """The statements about the parts of a text (``api_parts`` or ``api_segments``)."""
    rows = store.query(substitute(queries.load(query), {
        "root": NamedNode(root), "inferred": minter.graph(INFERRED)}))
    found = Description(root, statements(rows))
    found.names = labels_of(store, {i for i in found.referenced() if i not in found})
    return found


def texts(parts: Description) -> dict[str, str]:
    """Part IRI -> its text (Chinese first), for the parts that have one."""
    found = {}
    for part in parts.by_subject:
        values = [v for v in parts.values(part, JL.text.value) if isinstance(v, Literal)]
        if values:
            found[part] = min(values, key=lambda v: (language_rank(v.language), v.value)).value
    return found


def ordered(parts: Description, subjects: list[str]) -> list[str]:
    """The subjects in their ``jl:order``, then by IRI."""
    def key(subject: str) -> tuple[int, str]:
        orders = [int(v.value) for v in parts.values(subject, JL.order.value)
                  if isinstance(v, Literal) and v.value.lstrip("-").isdigit()]
        return (min(orders) if orders else 0, subject)
    return sorted(subjects, key=key)


def document(store: Store, minter: Minter, source: str, key: str) -> View:
    """The local document ``works/{source}/{key}`` with its sections, paragraphs, mentions."""
    found = describe(store, minter, minter.record("works", source, key))
    require_type(found, JL.LocalDocument, "a local document (jl:LocalDocument)")
    doc, created = record_doc(found), []
    instances = []
    for instance in found.values(found.root, BF.hasInstance.value):
        node, times = _document_instance(store, minter, instance.value)
        instances.append(node)
        created += times
    doc["hasInstance"] = instances
    return View(doc, modified(store, found.graphs(), *created))


def _document_instance(store: Store, minter: Minter, iri: str) -> tuple[dict, list]:
    node = record_doc(describe(store, minter, NamedNode(iri)), frozenset({JL.fullText.value}))
    parts = parts_of(store, minter, iri, "api_parts")
    mentions, created = mentions_by_part(store, texts(parts))
    return {**node, **_children(parts, iri, mentions)}, created


def _children(parts: Description, parent: str, mentions: dict[str, list]) -> dict:
    """The sections (with their own children) and paragraphs directly under ``parent``."""
    below = ordered(parts, [p for p in parts.by_subject
                            if any(v.value == parent for v in parts.values(p, DCT.isPartOf.value))])
    sections = [p for p in below if JL.Section.value in parts.types(p)]
    return {"sections": [{**parts.node(s, PART_OF), **_children(parts, s, mentions)}
                         for s in sections],
            "paragraphs": [_part(parts, p, mentions, PART_OF) for p in below
                           if p not in sections]}


def _part(parts: Description, iri: str, mentions: dict[str, list], skip: frozenset) -> dict:
    return {**parts.node(iri, skip), "mentions": mentions.get(iri, [])}


def book(store: Store, minter: Minter, source: str, key: str, server: str) -> View:
    """The ancient book ``instances/{source}/{key}`` with its pages; ``server`` is the URL
    root the IIIF links start with."""
    found = describe(store, minter, minter.record("instances", source, key))
    require_type(found, JL.AncientBook, "an ancient book (jl:AncientBook)")
    parts = parts_of(store, minter, found.root, "api_parts")
    mentions, created = mentions_by_part(store, texts(parts))
    urls = Urls(server.rstrip("/"), source, key, found.root)
    pages = [_page(parts, p, mentions, urls) for p in ordered(parts, list(parts.by_subject))
             if JL.Page.value in parts.types(p)]
    imaged = any("imageService" in p for p in pages)
    doc = {**record_doc(found), "pages": pages, "manifest": urls.manifest if imaged else None}
    return View(doc, modified(store, found.graphs(), *created))


def _page(parts: Description, iri: str, mentions: dict[str, list], urls: Urls) -> dict:
    page = _part(parts, iri, mentions, PART_OF)
    if all(k in page for k in ("imageFile", "width", "height", "order")):
        page["imageService"] = urls.image_service(page["order"][0])
    return page


def interview(store: Store, minter: Minter, source: str, key: str) -> View:
    """The oral-history interview ``works/{source}/{key}`` with its transcript segments."""
    found = describe(store, minter, minter.record("works", source, key))
    require_type(found, JL.OralHistoryInterview,
                 "an oral-history interview (jl:OralHistoryInterview)")
    segments = parts_of(store, minter, found.root, "api_segments")
    mentions, created = mentions_by_part(store, texts(segments))
    doc = {**record_doc(found), "segments": [
        _part(segments, s, mentions, SEGMENT_OF)
        for s in ordered(segments, list(segments.by_subject))]}
    return View(doc, modified(store, found.graphs(), *created))
