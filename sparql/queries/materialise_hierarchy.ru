# Recompute the inferred graph: rdf:type along rdfs:subClassOf, values along rdfs:subPropertyOf.
# in: ?inferred (graph to replace), ?ontology (graph holding the class and property hierarchy)
# out: none (an update)
# Data patterns name GRAPH ?g explicitly: an update's default graph is not the union of graphs.
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

DELETE { GRAPH ?inferred { ?s ?p ?o } }
WHERE { GRAPH ?inferred { ?s ?p ?o } } ;

INSERT { GRAPH ?inferred { ?x rdf:type ?super } }
WHERE {
  GRAPH ?ontology { ?class rdfs:subClassOf+ ?super . FILTER(isIRI(?super) && ?super != ?class) }
  GRAPH ?g { ?x rdf:type ?class }
  FILTER NOT EXISTS { GRAPH ?h { ?x rdf:type ?super } }
} ;

INSERT { GRAPH ?inferred { ?s ?super ?o } }
WHERE {
  GRAPH ?ontology { ?p rdfs:subPropertyOf+ ?super . FILTER(isIRI(?super) && ?super != ?p) }
  GRAPH ?g { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?h { ?s ?super ?o } }
}
