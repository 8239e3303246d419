"""Response schemas and examples of the JSON-LD REST API (``/api/v1``), for its OpenAPI
description. The documents themselves are made by `kg.views`; tests check that every example
and every real response fits these models.

Keys are the terms of the API context (``/api/v1/context.jsonld``). Every property value is a
list, except language maps (``{"zh-hans": ["南京"]}``); properties that no term names have
compact-IRI keys (``bf:date``). Models allow such further keys. Long texts of the examples are
cut short with "…".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LanguageMap = dict[str, list[str]]
CONTEXT = "http://127.0.0.1:8000/api/v1/context.jsonld"
KG = "https://kg.jllib.cn/"


class Open(BaseModel):
    """A JSON-LD node: more keys may come."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Ref(Open):
    """A reference to a resource, with its display name where known."""

    id: str
    name: str | None = None


class Document(Open):
    """A top-level document: its context, IRI, types and display name."""

    context: str = Field(alias="@context", description="URL of the API's JSON-LD context")
    id: str
    type: list[str]
    name: str | None = None


class Entity(Document):
    """A knowledge-base entity (person, place, organization, event, period, place name ...)."""

    prefLabel: LanguageMap
    aliases: dict[str, LanguageMap] = Field(
        description="altLabel, alias, courtesyName, artName: language maps")
    dates: dict[str, list[int]] = Field(description="birthYear, deathYear, startYear ...")
    relations: dict[str, list[Ref]] = Field(description="related resources by property")
    identifiers: dict[str, list[str]] = Field(description="sameAs: IRIs elsewhere")
    graphs: list[str]


class ListItem(Open):
    """One resource of a list."""

    id: str
    type: list[str]
    name: str | None = None
    dates: dict[str, list[int]] | None = None


class Collection(Open):
    """One page of a list; follow ``next`` until it is null."""

    context: str = Field(alias="@context")
    id: str
    type: list[str]
    totalItems: int
    pageNumber: int
    limit: int
    first: str
    prev: str | None
    next: str | None
    last: str
    items: list[ListItem]


class Record(Document):
    """A work, instance or item: every property by its key, owned nodes embedded."""

    graphs: list[str]


class Mention(BaseModel):
    """A linked mention in a text part; offsets index the part's ``text``."""

    id: str
    start: int | None
    end: int | None
    quote: str | None
    entity: Ref | None
    confidence: float | None
    status: str | None = Field(description="machine, accepted or rejected")


class TextPart(Open):
    """A paragraph, page or transcript segment, with its mentions."""

    id: str
    type: list[str]
    mentions: list[Mention]


class Section(Open):
    """A section of a document: its heading (``label``), subsections and paragraphs."""

    id: str
    type: list[str]
    sections: list[Section]
    paragraphs: list[TextPart]


class DocumentInstance(Open):
    """The instance of a local document that holds its text."""

    id: str
    sections: list[Section]
    paragraphs: list[TextPart]


class LocalDocument(Record):
    """A local document with its sections, paragraphs and mentions."""

    hasInstance: list[DocumentInstance]


class BookPage(TextPart):
    """A page of an ancient book; ``imageService`` is its IIIF Image API service."""

    imageService: str | None = None


class Book(Record):
    """A digitised ancient book with its pages and its IIIF manifest."""

    pages: list[BookPage]
    manifest: str | None


class Interview(Record):
    """An oral-history interview with its transcript segments."""

    segments: list[TextPart]


class Neighbour(Ref):
    """An entity mentioned in the same text parts; ``weight`` counts the parts."""

    type: list[str]
    weight: int


class Related(Ref):
    """A resource directly related to the entity, by ``property`` either way."""

    property: str
    direction: Literal["out", "in"]


class Neighbours(Document):
    """An entity's co-occurring entities and its directly related resources."""

    cooccurring: list[Neighbour]
    related: list[Related]


class Problem(BaseModel):
    """An RFC 9457 problem document (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None


def _ref(path: str, name: str | None = None) -> dict:
    return {"id": KG + path, "name": name} if name else {"id": KG + path}


ENTITY = {
    "@context": CONTEXT, "id": KG + "entity/place/qinhuai-he", "type": ["Place"],
    "name": "秦淮河", "prefLabel": {"en": ["Qinhuai River"], "zh-hans": ["秦淮河"]},
    "aliases": {"altLabel": {"zh-hans": ["秦淮"]}, "alias": {"zh-hans": ["淮水", "龙藏浦"]}},
    "dates": {}, "relations": {"locatedIn": [_ref("entity/place/nanjing", "南京")]},
    "identifiers": {}, "graphs": [KG + "graphs/kb"]}
PERSON = {
    "@context": CONTEXT, "id": KG + "entity/person/zhu-yuanzhang", "type": ["Person"],
    "name": "朱元璋", "prefLabel": {"en": ["Zhu Yuanzhang"], "zh-hans": ["朱元璋"]},
    "aliases": {"alias": {"en": ["Hongwu Emperor"], "zh-hans": ["明太祖", "朱重八", "洪武帝"]},
                "courtesyName": {"zh-hans": ["国瑞"], "zh-hant": ["國瑞"]}},
    "dates": {"birthYear": [1328], "deathYear": [1398]},
    "relations": {"activeIn": [_ref("entity/period/era-634", "洪武"),
                               _ref("entity/period/ming", "明")],
                  "burialPlace": [_ref("entity/place/ming-xiaoling", "明孝陵")]},
    "identifiers": {},
    "note": {"en": ["Founder of the Ming dynasty, with Nanjing as its capital."]},
    "graphs": [KG + "graphs/kb"]}
_PAGE = "http://127.0.0.1:8000/api/v1/entities?type=event&page={}&limit=2"
ENTITY_LIST = {
    "@context": CONTEXT, "id": _PAGE.format(2), "type": ["Collection"], "totalItems": 65,
    "pageNumber": 2, "limit": 2, "first": _PAGE.format(1), "prev": _PAGE.format(1),
    "next": _PAGE.format(3), "last": _PAGE.format(33), "items": [
        {"id": KG + "entity/event/chen-dai-liang", "type": ["Event"], "name": "陈霸先代梁建陈",
         "dates": {"startYear": [557], "endYear": [557]}},
        {"id": KG + "entity/event/chu-zhi-jinling-yi", "type": ["Event"], "name": "楚置金陵邑",
         "dates": {"startYear": [-333], "endYear": [-333]}}]}
_WORKS = "http://127.0.0.1:8000/api/v1/works?type=localdocument&page={}&limit=20"
WORK_LIST = {
    "@context": CONTEXT, "id": _WORKS.format(1), "type": ["Collection"], "totalItems": 2,
    "pageNumber": 1, "limit": 20, "first": _WORKS.format(1), "prev": None, "next": None,
    "last": _WORKS.format(1), "items": [
        {"id": KG + "work/jingding-jiankang-zhi", "type": ["LocalDocument"],
         "name": "景定建康志"},
        {"id": KG + "works/documents/ming-xiaoling", "type": ["bf:Text", "LocalDocument"],
         "name": "明孝陵简介"}]}
NEIGHBOURS = {
    "@context": CONTEXT, "id": KG + "entity/place/ming-xiaoling", "type": ["Place"],
    "name": "明孝陵", "cooccurring": [
        {"id": KG + "entity/person/zhu-yuanzhang", "name": "朱元璋", "type": ["Person"],
         "weight": 2}],
    "related": [{"id": KG + "entity/person/zhu-yuanzhang", "type": ["Person"], "name": "朱元璋",
                 "property": "burialPlace", "direction": "in"}]}
WORK = {
    "@context": CONTEXT, "id": KG + "works/catalogue/JL0000001",
    "type": ["bf:Text", "bf:Work", "Work"], "name": "随园诗话",
    "contribution": [{"id": KG + "works/catalogue/JL0000001#contribution701-1",
                      "type": ["bf:Contribution"],
                      "agent": [_ref("entity/person/jll-JLA000001", "Yuan, Mei, 1716-1797")],
                      "role": [{"id": "http://id.loc.gov/vocabulary/relators/aut"}]}],
    "hasInstance": [_ref("instances/catalogue/JL0000001", "随园诗话")],
    "label": {"zh-hans": ["随园诗话"]},
    "subject": [_ref("entity/concept/hd5fd8c2441d6726d", "诗话--中国--清代")],
    "title": [{"id": KG + "instances/catalogue/JL0000001#title200-1", "type": ["bf:Title"],
               "mainTitle": {"zh-hans": ["随园诗话"], "zh-latn-pinyin": ["Sui yuan shi hua"]}}],
    "graphs": [KG + "graphs/catalogue"]}
ITEM = {
    "@context": CONTEXT, "id": KG + "items/catalogue/JL0000001-1", "type": ["bf:Item", "Item"],
    "name": "JLL I207.22/4043",
    "heldBy": [_ref("entity/organization/agency-jll", "JLL")],
    "itemOf": [_ref("instances/catalogue/JL0000001", "随园诗话")],
    "label": {"@none": ["JLL I207.22/4043"]}, "physicalLocation": {"zh-hans": ["中文书库"]},
    "graphs": [KG + "graphs/catalogue"]}
_TEXT = "2003年，明孝陵作为“明清皇家陵寝”的扩展项目列入联合国教科文组织《世界遗产名录》。"
_MENTION = {"id": KG + "mentions/27adab0d6394b722/6-9", "start": 6, "end": 9, "quote": "明孝陵",
            "entity": _ref("entity/place/ming-xiaoling", "明孝陵"), "confidence": 0.9981,
            "status": "machine"}
_DOC = KG + "instances/documents/ming-xiaoling"
DOCUMENT = {
    "@context": CONTEXT, "id": KG + "works/documents/ming-xiaoling",
    "type": ["bf:Text", "LocalDocument"], "name": "明孝陵简介",
    "description": {"zh-hans": ["示例地方文献：明孝陵的位置、营建、神道与世界遗产身份。"]},
    "graphs": [KG + "graphs/documents"],
    "hasInstance": [{"id": _DOC, "type": ["bf:Electronic", "bf:Instance"], "name": "明孝陵简介",
                     "format": ["text/markdown"], "graphs": [KG + "graphs/documents"],
                     "sections": [{"id": _DOC + "#s1", "type": ["Section"], "sections": [{
                         "id": _DOC + "#s1.3", "type": ["Section"],
                         "label": {"zh-hans": ["世界遗产"]}, "order": [3],
                         "startOffset": [265], "endOffset": [314], "sections": [],
                         "paragraphs": [{"id": _DOC + "#s1.3-p1", "type": ["Paragraph"],
                                         "order": [1], "startOffset": [271], "endOffset": [314],
                                         "text": {"zh-hans": [_TEXT]},
                                         "mentions": [_MENTION]}]}], "paragraphs": []}],
                     "paragraphs": []}]}
_BOOK = "instances/ancient-books/320100-0000-0000001"
BOOK = {
    "@context": CONTEXT, "id": KG + _BOOK, "type": ["bf:Instance", "AncientBook"],
    "name": "南唐二主词", "editionStatement": {"zh-hans": ["明万历四十八年吕远墨华斋刻本"]},
    "editionType": [{"id": "https://kg.jllib.cn/ontology#woodblockEdition", "name": "刻本"}],
    "instanceOf": [_ref("works/ancient-books/320100-0000-0000001", "南唐二主词")],
    "juanCount": [1], "graphs": [KG + "graphs/ancient-books"],
    "pages": [{"id": KG + _BOOK + "#page-3", "type": ["Page"], "order": [3],
               "label": {"zh-hans": ["第3页"]}, "width": [1200], "height": [1700],
               "imageFile": ["ancient-books/320100-0000-0000001/0003.jpg"],
               "text": {"zh-hans": ["虞美人·春花秋月何时了　李煜\n…"]},
               "mentions": [{"id": KG + "mentions/59d965cf95dcb84a/12-14", "start": 12,
                             "end": 14, "quote": "李煜",
                             "entity": _ref("entity/person/li-yu", "李煜"),
                             "confidence": 0.752, "status": "machine"}],
               "imageService": "http://127.0.0.1:8000/iiif/image/ancient-books/"
                               "320100-0000-0000001/3"}],
    "manifest": "http://127.0.0.1:8000/iiif/ancient-books/320100-0000-0000001/manifest"}
_OH = KG + "works/oral-history/JL-OH-SAMPLE-002"
INTERVIEW = {
    "@context": CONTEXT, "id": _OH, "type": ["bf:Audio", "OralHistoryInterview"],
    "name": "秦淮河边的老邻居——夫子庙一带的生活记忆（虚构示例）", "dialect": ["南京话"],
    "interviewee": [_ref("entity/person/ha9adfd72c521a5e9", "周桂兰")],
    "graphs": [KG + "graphs/oral-history"],
    "segments": [{"id": _OH + "#seg-2", "type": ["TranscriptSegment"], "order": [2],
                  "speaker": [_ref("entity/person/ha9adfd72c521a5e9", "周桂兰")],
                  "speakerLabel": ["受访人"], "startTime": [7], "endTime": [19.8],
                  "text": {"zh-hans": ["我家就在夫子庙后面，出门走几步就是秦淮河。那时候河边都是"
                                       "老房子，早上有人在河边洗菜。"]},
                  "mentions": [{"id": KG + "mentions/03043e7f41df2e37/17-20", "start": 17,
                                "end": 20, "quote": "秦淮河",
                                "entity": _ref("entity/place/qinhuai-he", "秦淮河"),
                                "confidence": 0.9933, "status": "machine"}]}]}
NOT_FOUND = {"type": "about:blank", "title": "Not found", "status": 404,
             "detail": "nothing is known about https://kg.jllib.cn/entity/person/nobody",
             "instance": "/api/v1/entities/person/nobody"}
GONE = {"type": "about:blank", "title": "Gone", "status": 410,
        "detail": "https://kg.jllib.cn/works/catalogue/JL0000013 was deleted at "
                  "2026-11-23T02:13:10Z; its tombstone stays",
        "instance": "/api/v1/works/catalogue/JL0000013"}
BAD = {"type": "about:blank", "title": "Bad request", "status": 400,
       "detail": "limit: between 1 and 100, not 500", "instance": "/api/v1/entities"}
UNAVAILABLE = {"type": "about:blank", "title": "Store unavailable", "status": 503,
               "detail": "the store is locked by another process", "instance": "/api/v1/works"}
