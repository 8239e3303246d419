"""Chinese full-text search and label suggest: a side index of the store in one SQLite file.

Oxigraph has no full-text index, so the labels, aliases and titles of resources and the text of
paragraphs, pages and transcript segments are copied into SQLite FTS5 tables that can be
rebuilt from the store at any time (`SearchIndex.rebuild`, ``jinling index rebuild``) and are
kept current by the write paths (`SearchIndex.refresh` for resources, `refresh_graph` for a
graph). Text is folded (traditional to simplified, full-width to half-width) and every Han
character is a token, so 宁 finds 江宁 and 金陵圖書館 finds 金陵图书馆; names also carry
their pinyin, so nanjing and nan jing find 南京.

    index = open_index(settings)        # one object per index file in a process
    index.ensure(store)                 # build it on first use
    index.search("南京", type="Person")  # Results: hits, total, facets
    index.suggest("nanj")               # [Suggestion]
    index.refresh(store, [iri])         # after a write

Modules: ``text`` (folding, tokens), ``pinyin``, ``query`` (what was typed, as FTS5 match
expressions), ``snippet`` (HTML with <mark>), ``source`` (records read from the store),
``storage`` (the SQLite file), ``lookup`` (search and suggest SQL), ``index`` (the facade).
"""

from kg.search.errors import BadQuery, IndexUnavailable, SearchError
from kg.search.index import IndexSummary, SearchIndex, open_index
from kg.search.model import Facet, Hit, Results, Suggestion

__all__ = ["BadQuery", "Facet", "Hit", "IndexSummary", "IndexUnavailable", "Results",
           "SearchError", "SearchIndex", "Suggestion", "open_index"]
