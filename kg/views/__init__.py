"""The documents of the JSON-LD REST API (``/api/v1``), made from the store.

- `context`: the versioned API ``@context`` (the ontology's, plus ``api-context.jsonld``) and
  the key each IRI and value takes;
- `render`: statements to compact nodes; `labels`: display names;
- `describe`: one resource and its state (404, 410, 301) and when it changed;
- `listing` and `paging`: filtered, paged lists;
- `entities`, `records`, `texts` (with `mentions`): the views themselves.

Every view returns a `describe.View`: the document without its ``@context`` (the HTTP layer
adds the published URL) and the time its data last changed, where known. Errors are the typed
`errors.ViewError`s.
"""
