"""The sample inputs of the document, ancient-book and oral-history ingests (data/)."""

import importlib.util
import json
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
BOOKS = ROOT / "data" / "ancient-books"
PAGES = BOOKS / "pages" / "320100-0000-0000001"
CORPUS = ROOT.parent / "shared" / "corpus"


def build_module():
    spec = importlib.util.spec_from_file_location("build_pages", BOOKS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_page_images_are_jpeg_leaves_of_one_size():
    images = sorted(PAGES.glob("*.jpg"))
    assert [p.name for p in images] == ["0001.jpg", "0002.jpg", "0003.jpg"]
    for path in images:
        with Image.open(path) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 1700))


@pytest.mark.skipif(not (CORPUS / "texts").is_dir(), reason="../shared/corpus is absent")
def test_page_texts_are_what_build_py_makes_from_the_corpus():
    texts = build_module().texts(CORPUS)
    assert [(PAGES / f"000{n}.txt").read_text("utf-8") for n in (1, 2, 3)] == [
        t + "\n" for t in texts]
    poems = json.loads((CORPUS / "texts" / "nantang_erzhu_ci.json").read_text("utf-8"))
    assert poems[0]["paragraphs"][0] in texts[0]


def test_the_drawn_leaf_is_the_committed_size_and_mode():
    leaf = build_module().leaf(1)
    assert (leaf.size, leaf.mode) == ((1200, 1700), "RGB")
