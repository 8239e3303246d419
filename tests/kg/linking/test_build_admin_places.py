"""The lists of China's provinces, cities and counties and their build from the corpus."""

import pytest

from kg.linking import build_admin_places
from kg.linking.name_lists import CUED, NAME, listed_names
from kg.linking.tables import TABLES

AREAS = "code,name,cityCode,provinceCode\n"


def _corpus(tmp_path, areas: list[str]):
    folder = tmp_path / "authority"
    folder.mkdir()
    (folder / "cn_admin_areas.csv").write_text(
        AREAS + "".join(f'{n},"{name}",1,1\n' for n, name in enumerate(areas)), "utf-8")
    return tmp_path


def test_build_counties_full_and_short_names(tmp_path):
    corpus = _corpus(tmp_path, ["江阴市", "德兴市", "万年县", "鼓楼区", "长阳土家族自治县",
                                "和县", "杭州市"])
    assert build_admin_places.county_names(corpus, {"杭州市", "杭州"}) == [
        ("万年", "short"), ("万年县", "full"), ("和县", "full"), ("德兴", "short"),
        ("德兴市", "full"), ("江阴", "short"), ("江阴市", "full"), ("长阳土家族自治县", "full")]


@pytest.mark.skipif(not build_admin_places.default_corpus().is_dir(),
                    reason="the shared corpus is not here")
def test_build_admin_places_tables_match_a_rebuild(tmp_path):
    build_admin_places.write(build_admin_places.default_corpus(), tmp_path)
    for name in ("admin_places.tsv", "admin_counties.tsv"):
        assert (tmp_path / name).read_bytes() == (TABLES / name).read_bytes()


def test_counties_short_names_need_a_cue_and_skips_are_left_out():
    kinds = {name: kind for name, type_, kind in listed_names() if type_ == "PLACE"}
    assert kinds["德兴"] == CUED and kinds["德兴市"] == NAME
    assert "江山" not in kinds and kinds["江山县"] == NAME
