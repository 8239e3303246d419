# Remove records' descriptions from a graph: roots, their items, and their '#' fragments.
# in: ?g (the graph); ?root bound by VALUES rows (work, instance, authority entity)
# out: nothing (an update)
# Fragments are the '#' nodes of the roots and items, two levels deep, linked from their owner
# (a title, a note) or to it (a segment's jl:segmentOf, a paragraph in a section of the
# instance), and any '#' node that is part of the owner through a chain of dcterms:isPartOf
# (paragraphs of nested sections). Shared entities (agents, concepts) stay: other records point
# to them.
# Every branch binds ?root itself (no BIND of an outer variable): a group is evaluated on its
# own, so a branch that left ?root unbound would match the whole graph.
PREFIX bf: <http://id.loc.gov/ontologies/bibframe/>
PREFIX dcterms: <http://purl.org/dc/terms/>

DELETE { GRAPH ?g { ?s ?p ?o } }
WHERE {
  GRAPH ?g {
    { ?root bf:hasItem? ?s }
    UNION { ?root bf:hasItem? ?owner . ?owner ?r1 ?s .
            FILTER(isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?owner), "#"))) }
    UNION { ?root bf:hasItem? ?owner . ?owner ?r1 ?f . ?f ?r2 ?s .
            FILTER(isIRI(?f) && STRSTARTS(STR(?f), CONCAT(STR(?owner), "#"))
                   && isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?owner), "#"))) }
    UNION { ?root bf:hasItem? ?owner . ?s ?r1 ?owner .
            FILTER(isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?owner), "#"))) }
    UNION { ?root bf:hasItem? ?owner . ?f ?r1 ?owner . ?s ?r2 ?f .
            FILTER(isIRI(?f) && STRSTARTS(STR(?f), CONCAT(STR(?owner), "#"))
                   && isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?owner), "#"))) }
    UNION { ?root bf:hasItem? ?owner . ?s dcterms:isPartOf+ ?owner .
            FILTER(isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?owner), "#"))) }
    ?s ?p ?o .
  }
}
