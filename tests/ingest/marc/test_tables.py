import re
from collections import Counter

import pytest

from ingest.marc import tables

#: The columns each code table must have, in order.
COLUMNS = {
    "languages": ("code", "bcp47", "label_en", "label_zh"),
    "countries": ("code", "label_en", "label_zh", "iso3166"),
    "iso_countries": ("code", "label_en", "label_zh"),
    "cn_regions": ("code", "label_zh"),
    "relators": ("code", "label_en", "label_zh", "unimarc"),
    "unimarc_relators": ("unimarc", "marc", "label_en", "label_zh"),
    "relator_words": ("word", "marc", "label_zh", "note"),
    "scripts": ("code", "iso15924", "default_bcp47", "note"),
    "leader_types": ("flavour", "position", "code", "bf_class", "instance_class", "label_en"),
    "issuance": ("flavour", "code", "iri", "label_en", "note"),
    "rda_types": ("field", "code", "iri", "label_en", "label_zh"),
    "subject_schemes": ("flavour", "field", "indicator2_or_code", "scheme_iri", "label"),
    "cnmarc_charsets": ("code", "encoding", "label_en", "note"),
}

MINIMUM_ROWS = {"languages": 150, "iso_countries": 60, "cn_regions": 35, "relators": 80,
                "unimarc_relators": 70, "relator_words": 40}

# RFC 5646 language tag in canonical case, without grandfathered and private-use-only tags.
LANGUAGE = r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
BCP47 = re.compile(rf"^{LANGUAGE}(?:-[A-Z][a-z]{{3}})?(?:-(?:[A-Z]{{2}}|[0-9]{{3}}))?"
                   r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$")
IRI = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def rows_of(name):
    return tables.table(name)


def test_tables_every_file_has_a_schema():
    assert sorted(COLUMNS) == tables.names()


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_tables_header(name):
    assert tables.header(name) == COLUMNS[name]
    assert len(rows_of(name)) >= MINIMUM_ROWS.get(name, 1)


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_tables_keys_unique(name):
    key = tables.key_of(name)
    columns = (key,) if isinstance(key, str) else key
    counts = Counter(tuple(row[c] for c in columns) for row in rows_of(name))
    assert [k for k, n in counts.items() if n > 1] == []
    assert all(all(k) for k in counts), f"{name}: empty key"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_tables_no_stray_whitespace(name):
    for row in rows_of(name):
        for column, value in row.items():
            assert value == value.strip(), f"{name} {row} {column}"


def test_tables_bcp47_tags_well_formed():
    tags = [row["bcp47"] for row in rows_of("languages")]
    tags += [row["default_bcp47"] for row in rows_of("scripts")]
    assert [tag for tag in tags if not BCP47.match(tag)] == []


def test_tables_bcp47_pattern_rejects_bad_tags():
    assert BCP47.match("zh-Hant-TW") and BCP47.match("ja-Jpan") and BCP47.match("und-Latn")
    assert not any(BCP47.match(t) for t in ["ZH", "zh_CN", "zh-hant", "", "chinese-"])


def test_tables_language_codes_are_marc_codes():
    assert all(re.fullmatch(r"[a-z]{3}", row["code"]) for row in rows_of("languages"))


@pytest.mark.parametrize("name, column", [
    ("relator_words", "marc"), ("unimarc_relators", "marc")])
def test_tables_relator_codes_exist(name, column):
    known = tables.index("relators")
    assert sorted({row[column] for row in rows_of(name)} - known.keys()) == []


def test_tables_unimarc_codes_in_relators_exist():
    known = tables.index("unimarc_relators")
    used = {row["unimarc"] for row in rows_of("relators") if row["unimarc"]}
    assert sorted(used - known.keys()) == []


def test_tables_country_iso_codes_exist():
    known = tables.index("iso_countries")
    used = {row["iso3166"] for row in rows_of("countries") if row["iso3166"]}
    assert sorted(used - known.keys()) == []


def test_tables_cn_regions_are_gb2260_codes():
    codes = [row["code"] for row in rows_of("cn_regions")]
    assert all(re.fullmatch(r"[1-8]\d{5}", code) for code in codes)
    assert len([code for code in codes if code.endswith("0000")]) == 34


@pytest.mark.parametrize("name, column", [
    ("issuance", "iri"), ("rda_types", "iri"), ("subject_schemes", "scheme_iri")])
def test_tables_iris_absolute(name, column):
    values = [row[column] for row in rows_of(name)]
    assert [v for v in values if v and not IRI.match(v)] == []


def test_tables_rda_iri_ends_with_code():
    for row in rows_of("rda_types"):
        assert row["iri"].endswith("/" + row["code"])


def test_tables_lookup_examples():
    assert tables.lookup("languages", "jpn", "bcp47") == "ja"
    assert tables.lookup("countries", "cc", "iso3166") == "CN"
    assert tables.lookup("relator_words", "主編", "marc") == "edt"
    assert tables.lookup("cnmarc_charsets", "50", "encoding") == "utf-8"
    assert tables.lookup("subject_schemes", ("unimarc", "690", "#"), "scheme_iri") == (
        "https://kg.jllib.cn/scheme/clc")
    assert tables.lookup("languages", "???", "bcp47") is None


def test_tables_index_is_cached():
    assert tables.index("languages") is tables.index("languages")


def test_tables_unknown_table_and_column():
    with pytest.raises(tables.TableError, match="no code table"):
        tables.table("no_such_table")
    with pytest.raises(tables.TableError, match="no column"):
        tables.index("languages", "nope")
