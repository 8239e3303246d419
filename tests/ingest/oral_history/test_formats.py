"""The transcript-format registry: every suffix has a module, every module its format."""

import pytest

from ingest.oral_history.formats import FORMATS, TRANSCRIPT_SUFFIXES, parser


@pytest.mark.parametrize("suffix", sorted(TRANSCRIPT_SUFFIXES))
def test_formats_every_suffix_has_a_parser(suffix):
    module = parser(suffix.upper())
    assert module.FORMAT == TRANSCRIPT_SUFFIXES[suffix]
    assert callable(module.parse)


def test_formats_every_format_has_a_suffix():
    assert set(TRANSCRIPT_SUFFIXES.values()) == set(FORMATS)


def test_formats_unknown_suffix():
    with pytest.raises(KeyError, match=".vtt"):
        parser(".docx")
