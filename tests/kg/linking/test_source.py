"""kg.linking.source: the gazetteer from files, and its cache keyed by the files' contents."""

import pytest

from kg.linking.errors import KbLoadError
from kg.linking.source import cache_key, cached_gazetteer, kb_files
from sparql import RdfSyntaxError

from .conftest import BASE, FIXTURE_KB


def test_source_second_load_comes_from_the_cache(tmp_path):
    first = cached_gazetteer(FIXTURE_KB, BASE, tmp_path)
    second = cached_gazetteer(FIXTURE_KB, BASE, tmp_path)
    assert (first.cached, second.cached) == (False, True)
    assert second.gazetteer.texts == first.gazetteer.texts
    assert list(tmp_path.glob("gazetteer-*.pickle")) == [first.cache_file]


def test_source_changed_file_gives_a_new_key_and_drops_the_old_cache(tmp_path):
    kb = tmp_path / "kb.ttl"
    kb.write_bytes(FIXTURE_KB[0].read_bytes())
    cache = tmp_path / "cache"
    old = cached_gazetteer([kb], BASE, cache)
    kb.write_text(kb.read_text(encoding="utf-8").replace('"金图"', '"金新"'),
                  encoding="utf-8")
    new = cached_gazetteer([kb], BASE, cache)
    assert not new.cached and new.cache_file != old.cache_file
    assert not old.cache_file.exists()
    assert new.gazetteer.lookup("金新") and not new.gazetteer.lookup("金图")


def test_source_key_depends_on_base(tmp_path):
    assert cache_key(FIXTURE_KB, BASE) != cache_key(FIXTURE_KB, "https://example.org/")


def test_source_broken_cache_is_rebuilt(tmp_path):
    first = cached_gazetteer(FIXTURE_KB, BASE, tmp_path)
    first.cache_file.write_bytes(b"not a pickle")
    again = cached_gazetteer(FIXTURE_KB, BASE, tmp_path)
    assert not again.cached and again.gazetteer.lookup("金图")


def test_source_no_cache_dir_caches_nothing(tmp_path):
    assert cached_gazetteer(FIXTURE_KB, BASE, None).cache_file is None


def test_source_missing_file(tmp_path):
    with pytest.raises(KbLoadError, match="gone.ttl: no such file"):
        cached_gazetteer([tmp_path / "gone.ttl"], BASE, None)


def test_source_malformed_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix jl: <https://kg.jllib.cn/ontology#> .\n<a> jl:x \n", encoding="utf-8")
    with pytest.raises(RdfSyntaxError, match="bad.ttl"):
        cached_gazetteer([bad], BASE, None)


def test_source_kb_files_of_a_root_without_data(tmp_path):
    with pytest.raises(KbLoadError, match="no KB files"):
        kb_files(tmp_path)
