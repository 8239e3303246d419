# Remove an ingest activity's description and its file's from a graph, before it is rewritten.
# in: ?g (the graph), ?activity, ?file (substituted as constants)
# out: nothing (an update)
DELETE WHERE { GRAPH ?g { ?activity ?p ?o } } ;
DELETE WHERE { GRAPH ?g { ?file ?p ?o } }
