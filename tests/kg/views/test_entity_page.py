"""kg.views.entity_page and kg.views.reader: the figures' layout and the readers' pieces."""

import math

from kg.iri import Minter
from kg.views import entity_page as ep
from kg.views.reader import pieces, text_of

MINTER = Minter("https://kg.jllib.cn/")
E = "https://kg.jllib.cn/entity/"


def test_years_take_the_first_span_the_dates_have():
    assert ep._years({"birthYear": [1328], "deathYear": [1398]}) == (1328, 1398)
    assert ep._years({"periodStart": [1644], "periodEnd": [1368]}) == (1368, 1644)
    assert ep._years({"deathYear": [1645]}) == (1645, 1645)
    assert ep._years({}) is None


def test_axis_puts_every_bar_inside_the_view_box_with_round_ticks():
    bars = [{"name": "朱元璋", "span": (1328, 1398), "own": True, "href": None},
            {"name": "明", "span": (1368, 1644), "own": False, "href": "/entity/period/ming"}]
    axis = ep._axis(bars)
    for bar in axis["bars"]:
        assert 0 <= bar["x"] and bar["x"] + bar["width"] <= ep.WIDTH
    years = [t["year"] for t in axis["ticks"]]
    assert years == sorted(years) and len(years) <= 9 and all(y % 50 == 0 for y in years)
    assert axis["bars"][0]["label"] == "朱元璋 1328–1398"


def test_network_places_neighbours_on_a_ring_once_each():
    around = {"id": E + "person/a", "name": "甲",
              "related": [{"id": E + "place/b", "name": "乙", "property": "burialPlace",
                           "direction": "out"}],
              "cooccurring": [{"id": E + "place/b", "name": "乙", "weight": 2},
                              {"id": E + "person/c", "name": "丙", "weight": 1},
                              {"id": E + "person/a", "name": "甲", "weight": 9}]}
    figure = ep.network(MINTER, around)
    assert [n["name"] for n in figure["nodes"]] == ["乙", "丙"]  # no duplicate, not itself
    assert figure["nodes"][0]["property"] == "burialPlace"
    assert figure["nodes"][1] == {**figure["nodes"][1], "weight": 1, "href": "/entity/person/c"}
    centre = figure["centre"]
    radii = {round(math.hypot((n["x"] - centre["x"]) / 1.3, n["y"] - centre["y"]))
             for n in figure["nodes"]}
    assert len(radii) == 1  # all on one (stretched) ring


def test_projection_centres_the_place_and_keeps_north_up():
    project = ep._projection(32.05, 118.78)
    assert project(32.05, 118.78) == {"x": ep.WIDTH / 2, "y": ep.HEIGHT / 2}
    north, east = project(32.3, 118.78), project(32.05, 119.0)
    assert north["y"] < ep.HEIGHT / 2 and east["x"] > ep.WIDTH / 2


def test_reader_pieces_skip_overlaps_and_rejected_links():
    link = {"entity": {"id": E + "person/a", "name": "甲"}, "status": "machine"}
    cut = pieces("甲乙丙丁", [{**link, "start": 0, "end": 2}, {**link, "start": 1, "end": 3},
                            {**link, "start": 3, "end": 4, "status": "rejected"}])
    assert [(p["text"], "entity" in p) for p in cut] == [("甲乙", True), ("丙丁", False)]
    assert text_of({"text": {"zh-hant": ["臺城"], "zh-hans": ["台城"]}}) == "台城"
