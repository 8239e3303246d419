"""MARC21 bibliographic rules, one module per field range.

    fixed.py            leader, 001/003/005/008 and the record-level set-up (language, script)
    coded.py            coded values as vocabulary IRIs (003, 008/35-37, 040, 041, 043, 044)
    identifiers.py      010-048 numbers that need more than the generic identifier rule
    agents.py           1XX/7XX names -> contributions and shared agents
    titles.py           130/240/245/246 and the other titles
    edition_imprint.py  260-264 provision activities
    physical.py         300, 336-338
    series.py           440/490/8XX
    subjects.py         6XX (and 751-754) -> SKOS/MADS concepts
    links.py            730/740 and 760-787 related works
    holdings.py         852 items, 856 electronic locators
    alternate.py        880 text no rule reads; a label for records without a 245

The mapping table ``mappings/marc21-bibliographic.tsv`` says which field goes to which rule;
the generic rules of ``convert/common.py`` do the fields that need no logic of their own.
"""

from ingest.marc.convert import common  # noqa: F401
from ingest.marc.convert.marc21 import (  # noqa: F401  (they register rules)
    agents,
    alternate,
    coded,
    edition_imprint,
    fixed,
    holdings,
    identifiers,
    links,
    physical,
    series,
    subjects,
    titles,
)
