"""MARC ingest: MARC21 and CNMARC (UNIMARC family), ISO 2709 and MARCXML, into BIBFRAME 2.

    readers.py    read_marc: ISO 2709 or MARCXML -> Records and Rejected entries
    iso2709.py    the binary format;  marcxml.py  MARCXML, SRU envelopes
    encoding.py   UTF-8, MARC-8 (with CJK EACC), GB18030/GBK/GB2312: declared, then checked
    flavour.py    MARC21 or UNIMARC/CNMARC, per record
    convert/      records -> RDF, by mapping tables (mappings/) and rules by field range
    codes/        code lists (languages, countries, relators ...) read by tables.py
    source.py     the `marc` ingest source: reader + converter for a run
"""
