"""The store layer: one `Store` protocol over embedded Oxigraph and remote SPARQL endpoints.

Queries live in ``sparql/queries/*.rq`` (updates in ``*.ru``) and are loaded by name;
values enter them only as bindings.
"""

from sparql.errors import (
    EndpointError,
    EndpointUnreachable,
    GraphNotFound,
    QuerySyntaxError,
    QueryTimeout,
    RdfSyntaxError,
    ResultLimitExceeded,
    StoreError,
    StoreLocked,
    UnsupportedFormat,
)
from sparql.open import open_store
from sparql.results import AskResult, GraphResult, QueryResult, SelectResult
from sparql.store import Dataset, LoadReport, Store

__all__ = [
    "AskResult",
    "Dataset",
    "EndpointError",
    "EndpointUnreachable",
    "GraphNotFound",
    "GraphResult",
    "LoadReport",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTimeout",
    "RdfSyntaxError",
    "ResultLimitExceeded",
    "SelectResult",
    "Store",
    "StoreError",
    "StoreLocked",
    "UnsupportedFormat",
    "open_store",
]
