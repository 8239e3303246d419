"""Every MARC21 bibliographic record of the shared corpus converts, is labelled, and keeps the
text of its 880 fields.

The corpus (``shared/corpus/marc``, real records from LoC, OCLC, national and university
libraries, and the test files of MARC libraries) sits beside the repository; without it
these tests skip.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pytest
from pyoxigraph import Literal

from ingest.errors import FieldRuleError, SourceUnreadable
from ingest.marc.convert import CONVERTER_VERSION, convert
from ingest.marc.convert.context import Env
from ingest.marc.readers import read_marc
from ingest.marc.record import Record
from ingest.protocol import Rejected
from kg.iri import Minter

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "marc"
BASE = "https://kg.jllib.cn/"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
BIBLIOGRAPHIC_TYPES = set("acdefgijkmoprt")  # leader/06; u v x y are holdings records
# FieldRuleErrors the corpus is known to raise, by message: none today.
KNOWN_ERRORS: dict[str, int] = {}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared MARC corpus not present")


def _records() -> list[tuple[str, Record]]:
    out = []
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        if path.suffix in (".md", ".json"):
            continue
        try:
            items = list(read_marc(path))
        except SourceUnreadable:  # the RDF baselines and other files that hold no records
            continue
        out += [(str(path.relative_to(CORPUS)), r) for r in items
                if not isinstance(r, Rejected) and r.flavour == "marc21"
                and not r.is_authority]
    return out


@cache
def _converted() -> tuple[list, dict[str, int]]:
    env = Env(Minter(BASE), "corpus", CONVERTER_VERSION)
    done, errors = [], {}
    for name, record in _records():
        try:
            done.append((name, record, convert(record, env)))
        except FieldRuleError as err:
            errors[err.message] = errors.get(err.message, 0) + 1
    return done, errors


def test_marc21_corpus_converts():
    done, errors = _converted()
    assert len(done) > 2000
    assert errors == KNOWN_ERRORS


def test_marc21_corpus_records_have_a_work_label():
    done, _ = _converted()
    unlabelled = [f"{name} #{rec.number}" for name, rec, conv in done
                  if _is_bibliographic(rec) and not _work_label(conv)]
    assert not unlabelled


def test_marc21_corpus_keeps_every_880_string():
    done, _ = _converted()
    dropped, checked = [], 0
    for name, record, conversion in done:
        literals = [_script(t[2].value) for t in conversion.triples if isinstance(t[2], Literal)]
        for f in record.fields:
            if f.tag != "880":
                continue
            for code, value in f.subfields:
                text = _script(value)
                if code == "6" or not text:
                    continue
                checked += 1
                if not any(text in lit for lit in literals):
                    dropped.append(f"{name} #{record.number} 880 {f['6']} ${code} {value!r}")
    assert checked > 1000  # CJK, Arabic, Hebrew, Cyrillic ... subfields of 880s in the corpus
    assert not dropped, "\n".join(dropped[:20])


def _is_bibliographic(record: Record) -> bool:
    return record.leader[6:7] in BIBLIOGRAPHIC_TYPES and record.status != "d"


def _work_label(conversion) -> bool:
    return any(t[1].value == LABEL and t[0].value.startswith(BASE + "works/")
               and "#" not in t[0].value for t in conversion.triples)


def _script(text: str) -> str:
    """The letters of a non-Latin script in ``text`` (NFC), the part that must survive."""
    if text.isascii():
        return ""
    return "".join(c for c in unicodedata.normalize("NFC", text)
                   if not c.isascii() and _non_latin_letter(c))


@cache
def _non_latin_letter(c: str) -> bool:
    return unicodedata.category(c)[0] == "L" and not unicodedata.name(c, "").startswith("LATIN")
