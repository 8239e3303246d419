"""Typed errors of the search index.

    SearchError (KgError)
     ├── BadQuery (ValueError)     a query or filter that cannot be searched for
     └── IndexUnavailable          the index is not built, or its file cannot be written
"""

from kg.errors import KgError


class SearchError(KgError):
    """Base of the errors raised by kg.search."""


class BadQuery(SearchError, ValueError):
    """A query or filter that cannot be searched for: empty, only punctuation, an unknown type."""


class IndexUnavailable(SearchError):
    """The index is not built yet, or its file is held by another process or cannot be
    written."""
