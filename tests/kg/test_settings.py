from pathlib import Path

import pytest
from pydantic import ValidationError

from kg.settings import Settings, documented_settings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_settings_from_environment(monkeypatch):
    monkeypatch.setenv("JINLING_BASE_IRI", "https://example.org/kg")
    monkeypatch.setenv("JINLING_QUERY_TIMEOUT", "5")
    settings = Settings()
    assert settings.base_iri == "https://example.org/kg/"
    assert settings.query_timeout == 5


@pytest.mark.parametrize("field, value", [
    ("base_iri", "not an iri"), ("query_timeout", 0), ("result_limit", -1), ("port", 70000),
])
def test_settings_reject_bad_values(field, value):
    with pytest.raises(ValidationError):
        Settings(**{field: value})


@pytest.mark.parametrize("name", [name for name, _, _ in documented_settings()])
def test_settings_are_documented(name):
    assert name in DOCS.read_text(encoding="utf-8"), f"{name} is missing from docs/settings.md"
