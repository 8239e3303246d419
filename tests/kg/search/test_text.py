import pytest

from kg.search.text import fold, squeeze, token_text, tokens


@pytest.mark.parametrize("text, folded", [
    ("金陵圖書館", "金陵图书馆"),          # traditional to simplified
    ("ＮａｎＪｉｎｇ　南京", "nanjing 南京"),  # full-width to half-width, lower case
    ("鍾山", "钟山"),                      # variant characters folded
    ("İzmir", "İzmir"),                    # a character that lower-cases to two stays
])
def test_text_fold_keeps_length(text, folded):
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize("text, expected", [
    ("南京", ["南", "京"]),
    ("南京1912年", ["南", "京", "1912", "年"]),
    ("the Good-man", ["the", "good", "man"]),
    ("《儒林外史》", ["儒", "林", "外", "史"]),
    ("、。 ", []),
])
def test_text_tokens(text, expected):
    assert tokens(fold(text)) == expected
    assert token_text(text) == " ".join(expected)


def test_text_squeeze():
    assert squeeze(" a \n\t b ") == "a b"
