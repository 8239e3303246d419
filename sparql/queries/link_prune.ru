# Delete the candidate entities that no mention in the links graph names any more.
# in: ?links (the links graph)
# out: none (an update)
# Run once at the end of a linking run: a candidate is named by machine mentions only, so one
# whose mentions were all replaced has no reason to stay.
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
DELETE { GRAPH ?links { ?candidate ?p ?o } }
WHERE {
  GRAPH ?links {
    ?candidate skos:prefLabel ?name .
    FILTER(CONTAINS(STR(?candidate), "/entity/candidate/"))
    ?candidate ?p ?o
  }
  FILTER NOT EXISTS { GRAPH ?links { ?mention oa:hasBody ?candidate } }
}
