"""Examples of answers for the OpenAPI description of the routes that return plain JSON.

Each is a real answer's shape, shortened; `tests/api/test_error_shape.py` checks that every
documented success answer of ``/api/v1`` has one.
"""

from __future__ import annotations

BASE = "https://kg.jllib.cn/"
ACTIVITY = {
    "id": BASE + "changes/12", "type": "Update", "published": "2026-11-23T02:19:25.081Z",
    "actor": {"type": "Person", "name": "a1b2c3d4"},
    "summary": "edit 1 added, 0 removed", "object": BASE + "entity/person/li-yu",
    "jl:subjects": [BASE + "entity/person/li-yu"], "jl:graphs": [BASE + "graphs/kb"],
    "jl:removed": "",
    "jl:added": f'<{BASE}entity/person/li-yu> <http://www.w3.org/2004/02/skos/core#altLabel> '
                f'"钟隐"@zh-Hans <{BASE}graphs/kb> .\n'}
CHANGES = {"items": [ACTIVITY]}
REVIEW = {"items": [{"mention": BASE + "mentions/50de775791b3ff71/3-6",
                     "body": BASE + "entity/place/qinhuai-he", "bodyLabel": "秦淮河",
                     "confidence": "0.61", "exact": "秦淮河",
                     "source": BASE + "works/documents/ming-xiaoling#s1-p2", "start": "3",
                     "end": "6", "g": BASE + "graphs/links"}], "limit": 50, "offset": 0}
UPLOAD = {"id": "20261123T021925-a1b2c3", "kind": "marc", "graph": "district/xuanwu",
          "actor": "a1b2c3d4", "files": ["batch.mrc"], "state": "running", "read": 1200,
          "rejected": 2, "summary": "", "error": "", "created": "2026-11-23T02:19:25Z",
          "finished": "", "url": "/api/v1/uploads/20261123T021925-a1b2c3",
          "rejects": "/api/v1/uploads/20261123T021925-a1b2c3/rejects"}
REJECT = {"source": "batch.mrc", "record": 17, "offset": 20480,
          "reason": "structure: the leader announces 999 bytes, 41 follow", "field": "leader",
          "raw": "MDA5OTluYW0gYTIyMDAwNDkgYSA0NTAw", "kept": False}
FEED = {"@context": ["https://www.w3.org/ns/activitystreams",
                     {"jl": "https://kg.jllib.cn/ontology#"}],
        "id": "http://127.0.0.1:8000/feed", "type": "OrderedCollection", "totalItems": 12,
        "first": "http://127.0.0.1:8000/feed/page?after=0", "jl:lastChange": 12}
FEED_PAGE = {"@context": FEED["@context"], "id": "http://127.0.0.1:8000/feed/page?after=11",
             "type": "OrderedCollectionPage", "partOf": "http://127.0.0.1:8000/feed",
             "orderedItems": [ACTIVITY]}
NEIGHBOURS = {"entity": {"entity": BASE + "entity/place/qinhuai-he", "label": "秦淮河",
                         "type": "PLACE"},
              "neighbours": [{"entity": BASE + "entity/place/fuzi-miao", "label": "夫子庙",
                              "type": "PLACE", "weight": 3}]}
PATH = {"path": [{"entity": BASE + "entity/person/li-bai", "label": "李白", "type": "PERSON"},
                 {"entity": BASE + "entity/place/fenghuang-tai", "label": "凤凰台",
                  "type": "PLACE"}]}
CENTRAL = {"measure": "degree", "entities": [
    {"entity": BASE + "entity/place/nanjing", "label": "南京", "type": "PLACE", "score": 42.0}]}
SEARCH = {"query": "南京", "total": 1, "page": 1, "limit": 20, "results": [
    {"@id": BASE + "entity/place/nanjing", "type": "Place", "label": "南京",
     "snippet": "<mark>南京</mark>", "score": 1.0, "matched": "name", "graphs": ["kb"],
     "periods": []}],
    "facets": {"type": [{"value": "Place", "count": 1}], "period": [],
               "graph": [{"value": "kb", "@id": BASE + "graphs/kb", "count": 1}]},
    "next": None, "prev": None}
SUGGEST = {"suggestions": [{"@id": BASE + "entity/person/li-yu", "type": "Person",
                            "label": "李煜", "match": "李煜"}]}

def ok(example: dict, status: int = 200, media: str = "application/json") -> dict:
    """The ``responses`` argument of a route documented with this example answer."""
    return {status: {"content": {media: {"example": example}}}}
