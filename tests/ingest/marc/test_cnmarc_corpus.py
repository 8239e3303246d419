"""The dp2 SRU records (real CNMARC from a Chinese library) convert completely.

Every record converts; each has a Chinese work label, 中图法 class numbers from 690, subjects
from 606 and contributions with roles from 70X/71X; no CJK string of the descriptive, note,
subject and name fields is lost on the way.
"""

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from ingest.marc.convert import CONVERTER_VERSION, convert
from ingest.marc.convert.context import Env
from ingest.marc.readers import read_marc
from ingest.marc.record import Record
from ingest.marc.text import has_cjk, strip_isbd
from kg.iri import Minter
from kg.vocab import BF, RDFS

CORPUS = Path("/work/shared/corpus/marc/dp2-sru")
FILES = ["sample_cnmarcxml.xml", "sample_unimarcxml.xml"]
BASE = "https://kg.jllib.cn/"
CLC = NamedNode(BASE + "scheme/clc")
# Fields whose Chinese text must all reach the output (3XX: every note).
CHECKED = {"200", "210", "215", "225", "606", "690", "701"}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not mounted")


def _records(name: str) -> list[Record]:
    records = list(read_marc(CORPUS / name))
    assert records and all(isinstance(r, Record) for r in records), records
    return records


def _converted(name: str, fresh: bool = False):
    """(record, conversion); shared entities are described once per run, or per record when
    ``fresh``."""
    env = Env(Minter(BASE), "test", CONVERTER_VERSION)
    for record in _records(name):
        if fresh:
            env = Env(Minter(BASE), "test", CONVERTER_VERSION)
        yield record, convert(record, env)


def _objects(triples, s, p):
    return [o for s_, p_, o in triples if s_ == s and p_ == p]


@pytest.mark.parametrize("name", FILES)
def test_cnmarc_corpus_records_are_cnmarc_and_convert(name):
    converted = list(_converted(name))
    assert len(converted) == 10
    for record, conversion in converted:
        assert record.flavour == "cnmarc"
        assert conversion.triples and not conversion.deleted


@pytest.mark.parametrize("name", FILES)
def test_cnmarc_corpus_work_label_is_chinese(name):
    for record, c in _converted(name):
        work = c.roots[0]
        labels = [o for o in _objects(c.triples, work, RDFS.label) if isinstance(o, Literal)]
        assert any(lit.language == "zh-hans" and has_cjk(lit.value) for lit in labels), \
            (record.control("001"), labels)


@pytest.mark.parametrize("name", FILES)
def test_cnmarc_corpus_clc_classification_from_690(name):
    for record, c in _converted(name):
        numbers = {strip_isbd(f["a"]) for f in record["690"]}
        found = {o.value for s, p, o in c.triples if p == BF.classificationPortion
                 and (s, BF.source, CLC) in set(c.triples)}
        assert numbers and numbers <= found, (record.control("001"), numbers, found)


@pytest.mark.parametrize("name", FILES)
def test_cnmarc_corpus_subjects_from_606(name):
    for record, c in _converted(name):
        subjects = _objects(c.triples, c.roots[0], BF.subject)
        assert len(subjects) >= len(record["606"]) > 0, record.control("001")


@pytest.mark.parametrize("name", FILES)
def test_cnmarc_corpus_contributions_have_roles(name):
    for record, c in _converted(name):
        names = record.get("700", "701", "702", "710", "711", "712")
        contributions = _objects(c.triples, c.roots[0], BF.contribution)
        assert len(contributions) == len(names) > 0, record.control("001")
        for node in contributions:
            assert _objects(c.triples, node, BF.role), (record.control("001"), node)
            assert _objects(c.triples, node, BF.agent), (record.control("001"), node)


@pytest.mark.parametrize("name", FILES)
def test_cnmarc_corpus_keeps_every_cjk_string(name):
    for record, c in _converted(name, fresh=True):
        text = "\n".join(o.value for _, _, o in c.triples if isinstance(o, Literal))
        missing = [
            (f.tag, code, value) for f in record.fields
            if f.tag in CHECKED or f.tag.startswith("3")
            for code, value in f.subfields
            if has_cjk(value) and strip_isbd(value) not in text
        ]
        assert not missing, (record.control("001"), missing)
