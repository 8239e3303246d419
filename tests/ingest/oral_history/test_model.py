"""The data model, the errors, and the package's code tables."""

import unicodedata

import pytest

import ingest.oral_history as oral_history
from ingest.errors import IngestError
from ingest.oral_history.metadata import language_of
from ingest.oral_history.model import ROLES, TABLES, Issue, MetadataMalformed, issue_kinds


def test_model_issue_kind_must_be_documented():
    assert Issue(1, 3, "time-order", "…").kind == "time-order"
    with pytest.raises(ValueError, match="issue_kinds.tsv"):
        Issue(1, 3, "time-wobble", "…")


@pytest.mark.parametrize("kind", sorted(issue_kinds()))
def test_model_issue_kinds_table(kind):
    row = issue_kinds()[kind]
    assert row["scope"] in {"segment", "transcript", "either"}
    assert row["severity"] in {"error", "warning", "note"}
    assert len(row["meaning"]) > 20


@pytest.mark.parametrize("row", TABLES.table("languages"), ids=lambda row: row["word"])
def test_model_languages_table(row):
    assert language_of(row["bcp47"]) == (row["bcp47"], None), "not a well-formed BCP 47 tag"
    assert row["kind"] in {"dialect", "language"}
    assert len(row["iso639_3"]) == 3 and row["iso639_3"].isascii()


def test_model_tables_have_no_duplicate_keys():
    def key(word):
        return "".join(unicodedata.normalize("NFKC", word).casefold().split())
    for name, column in (("languages", "word"), ("speaker_labels", "label")):
        words = [key(row[column]) for row in TABLES.table(name)]
        assert len(words) == len(set(words)), name


def test_model_speaker_labels_roles():
    assert {row["role"] for row in TABLES.table("speaker_labels")} == set(ROLES)


def test_model_errors_say_where():
    err = MetadataMalformed("bad", source="a.yaml", field="date", line=2)
    assert isinstance(err, IngestError) and isinstance(err, ValueError)
    assert (str(err), err.reason) == ("a.yaml, line 2, field date: bad", "field")
    assert str(oral_history.InterviewFileMissing("gone", source="a.vtt")) == "a.vtt: gone"
    assert isinstance(oral_history.InterviewFileMissing("gone"), OSError)


def test_model_exports():
    for name in oral_history.__all__:
        assert getattr(oral_history, name).__doc__, name
