"""CNMARC (UNIMARC family) bibliographic rules, one module per field block.

Which field each rule converts is in ingest/marc/mappings/cnmarc-bibliographic.tsv.
"""

from ingest.marc.convert import common  # noqa: F401
from ingest.marc.convert.cnmarc import (  # noqa: F401  (they register rules)
    admin,
    coded,
    description,
    holdings,
    identifiers,
    links,
    responsibility,
    subjects,
    titles,
)
