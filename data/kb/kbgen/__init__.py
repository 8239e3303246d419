"""The parts of data/kb/build.py: read the fact tables and the corpus, merge, write Turtle.

    terms      the RDF terms the KB is written with (Ref, Iri, Text, Decimal) and their Turtle
    kb         the knowledge base being built: who owns which entity, and the merge rules
    names      Chinese names: simplified/traditional forms, pinyin slugs
    source     the fact tables of data/kb/src and the corpus files, and their errors
    periods    dynasties, periods and reign eras
    places     Nanjing's places and historical names, the administrative divisions, CHGIS
    persons    the hand-compiled persons, the DILA persons and the poets of the text corpus
    history    organisations and events
    turtle     the writer of the generated files
"""
