"""The service manifest: what ``GET /reconcile`` answers (W3C Reconciliation API 0.2, read by
OpenRefine; 0.1 clients read it too).

URLs are absolute, made from the server's own root as the request reached it, so OpenRefine and
a browser can follow them; ids are paths under ``identifierSpace`` (the base IRI), which the
``view`` template puts after that root.

>>> m = manifest("https://kg.jllib.cn/", "http://127.0.0.1:8000/")
>>> m["view"]["url"], m["suggest"]["entity"]["service_path"], m["defaultTypes"][0]["id"]
('http://127.0.0.1:8000/{{id}}', '/suggest/entity', 'jl:Person')
"""

from __future__ import annotations

from kg.reconcile.terms import types
from ontology import JL

NAME = "金陵知识图谱 Jinling Knowledge Graph"
VERSIONS = ["0.1", "0.2"]
PATH = "reconcile"
PREVIEW_WIDTH, PREVIEW_HEIGHT = 400, 220
PROPERTY_SETTINGS = [{
    "type": "number", "name": "limit", "label": "最多取值数 Limit", "default": 0,
    "help_text": "How many values to fetch at most for each entity (0: all of them).",
}]


def manifest(base_iri: str, root: str) -> dict:
    """The manifest of the service at ``root`` + ``reconcile`` over IRIs under ``base_iri``."""
    root = root if root.endswith("/") else root + "/"
    endpoint = root + PATH

    def service(path: str) -> dict[str, str]:
        return {"service_url": endpoint, "service_path": path}

    return {
        "versions": VERSIONS,
        "name": NAME,
        "identifierSpace": base_iri,
        "schemaSpace": JL,
        "documentation": root + "docs#/reconciliation",
        "defaultTypes": [t.reference() for t in types() if t.default],
        "view": {"url": root + "{{id}}"},
        "preview": {"url": endpoint + "/preview?id={{id}}", "width": PREVIEW_WIDTH,
                    "height": PREVIEW_HEIGHT},
        "suggest": {"entity": service("/suggest/entity"), "type": service("/suggest/type"),
                    "property": service("/suggest/property")},
        "extend": {"propose_properties": service("/propose_properties"),
                   "property_settings": PROPERTY_SETTINGS},
    }
