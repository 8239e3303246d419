"""The knowledge graph: settings, IRIs, graphs, credentials, inference and validation.

Sits above `sparql` (the store) and `ontology` (terms and shapes); `ingest` and `api` build on it.
"""
