# Link heading-keyed shared entities of a graph to the one authority with their heading key.
# in: ?g (the graph whose heading-keyed entities are linked; the links are written there)
# out: none (an update)
# Heading-keyed entities are the agents and concepts records minted from a heading alone,
# {base}entity/{kind}/h{digest}. Each gets owl:sameAs the authority entity (bf:adminMetadata,
# not a tombstone, in any graph) whose jl:headingKey it shares, when that key names one
# authority only, the entity's keys reach one authority only, and the two share a class.
# Links this update made before are removed first, so it recomputes them: an authority
# deleted or made ambiguous since loses its links. Data patterns name their graphs: an
# update's default graph is not the union of graphs.
PREFIX bf: <http://id.loc.gov/ontologies/bibframe/>
PREFIX jl: <https://kg.jllib.cn/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>

DELETE { GRAPH ?g { ?shared owl:sameAs ?authority } }
WHERE {
  GRAPH ?g {
    ?shared owl:sameAs ?authority .
    FILTER(REGEX(STR(?shared), "/entity/[^/]+/h[0-9a-f]{16}$"))
  }
  GRAPH ?ga { ?authority bf:adminMetadata ?admin }
} ;

INSERT { GRAPH ?g { ?shared owl:sameAs ?authority } }
WHERE {
  {
    SELECT ?g ?shared (SAMPLE(?entity) AS ?authority) WHERE {
      GRAPH ?g {
        ?shared jl:headingKey ?key .
        FILTER(REGEX(STR(?shared), "/entity/[^/]+/h[0-9a-f]{16}$"))
      }
      {
        SELECT ?key (SAMPLE(?candidate) AS ?entity) WHERE {
          GRAPH ?ga { ?candidate jl:headingKey ?key ; bf:adminMetadata ?admin }
          FILTER NOT EXISTS { GRAPH ?gt { ?candidate a jl:Tombstone } }
        }
        GROUP BY ?key
        HAVING (COUNT(DISTINCT ?candidate) = 1)
      }
      FILTER EXISTS { GRAPH ?g { ?shared a ?class } GRAPH ?gc { ?entity a ?class } }
      FILTER NOT EXISTS { GRAPH ?gs { ?shared bf:adminMetadata ?own } }
    }
    GROUP BY ?g ?shared
    HAVING (COUNT(DISTINCT ?entity) = 1)
  }
}
