# Replace the entity linker's machine mentions of a batch of text parts, in one transaction.
# in: ?links (the links graph), VALUES ?source and VALUES rows of mentions (see below)
# out: none (an update)
# First WHERE group: ?links and VALUES ?source (the text parts linked); second: ?links and
# VALUES rows (?m ?label ?body ?source ?start ?end ?exact ?prefix ?suffix ?confidence ?created
# ?candidateClass ?candidateLabel), one per mention; third: ?links.
# 1. The machine's mentions (jl:linkStatus jl:machine) of those parts are deleted with their
#    target and selectors ('#' nodes), unless a curator gave the same mention a status.
# 2. The new mentions are inserted as Web Annotations with a position and a quote selector,
#    except where the mention's IRI already has a status (a curator's decision). The rows
#    leave out mentions on spans curators decided on (kg.linking.store.curated_spans). A
#    candidate entity (a body with ?candidateClass) gets its class and label.
# Patterns start from the bound values: a pattern that starts from all machine mentions would
# read the whole links graph for every batch. Candidates no mention names any more are pruned
# once per run (link_prune.ru).
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX jl: <https://kg.jllib.cn/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

DELETE { GRAPH ?links { ?s ?p ?o } }
WHERE {
  GRAPH ?links {
    ?target oa:hasSource ?source .
    ?m oa:hasTarget ?target ; jl:linkStatus jl:machine .
    { ?m ?p ?o BIND(?m AS ?s) }
    UNION { ?target ?p ?o BIND(?target AS ?s) }
    UNION { ?target oa:hasSelector ?s . ?s ?p ?o }
  }
  FILTER NOT EXISTS { GRAPH ?curated { ?m jl:linkStatus ?status }
                      FILTER(?status != jl:machine) }
} ;

INSERT { GRAPH ?links {
  ?m a jl:Mention ; rdfs:label ?label ; oa:motivatedBy oa:identifying ; oa:hasBody ?body ;
     oa:hasTarget ?target ; jl:confidence ?confidence ; jl:linkStatus jl:machine ;
     dcterms:created ?created .
  ?target a oa:SpecificResource ; oa:hasSource ?source ; oa:hasSelector ?position , ?quote .
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?quote a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
  ?body a ?candidateClass ; skos:prefLabel ?candidateLabel .
} }
WHERE {
  BIND(IRI(CONCAT(STR(?m), "#target")) AS ?target)
  BIND(IRI(CONCAT(STR(?m), "#position")) AS ?position)
  BIND(IRI(CONCAT(STR(?m), "#quote")) AS ?quote)
  FILTER NOT EXISTS { GRAPH ?any { ?m jl:linkStatus ?anyStatus } }
}
