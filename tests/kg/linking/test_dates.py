"""kg.linking.dates: the years a text speaks of."""

import pytest

from kg.linking.dates import chinese_count, document_years
from kg.linking.model import Proposal


@pytest.mark.cases("dates")
def test_dates_cases(text, years):
    found = ";".join(f"{a}-{b}" for a, b, _ in document_years(text, [], None))
    assert found == ("" if years == "-" else years)


def test_dates_era_years_need_the_kb(gazetteer):
    norm = "洪武三年"
    hongwu = [Proposal(0, 2, None, gazetteer.lookup("洪武"))]
    assert (1370, 1370, 1.0) in document_years(norm, hongwu, gazetteer)


@pytest.mark.parametrize(("text", "value"), [("十", 10), ("十二", 12), ("二十", 20),
                                             ("廿三", 23), ("元", 1), ("三", 3), ("甲", None)])
def test_dates_chinese_count(text, value):
    assert chinese_count(text) == value
