"""Builds the page images and page texts of the sample ancient book (南唐二主词, row 1 of
census.csv) under pages/320100-0000-0000001/.

The images are drawn, not scanned: a paper-coloured leaf with the frame (版框), the column
rules (界行) and the fold (版心) of a thread-bound Chinese book, at the size of a modest scan.
The page texts stand for OCR output: the first six 词 of 南唐二主词 from the chinese-poetry
collection (../shared/corpus/texts/nantang_erzhu_ci.json, MIT; see data/README.md), two per
page. Run from the repository root:

    .venv/bin/python data/ancient-books/build.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages" / "320100-0000-0000001"
SIZE = (1200, 1700)
PAPER, INK = (236, 224, 196), (60, 48, 40)


def leaf(number: int) -> Image.Image:
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = 90, 140, SIZE[0] - 90, SIZE[1] - 160
    draw.rectangle((left, top, right, bottom), outline=INK, width=6)
    middle = SIZE[0] // 2
    draw.rectangle((middle - 30, top, middle + 30, bottom), outline=INK, width=3)
    draw.polygon([(middle - 30, top + 160), (middle + 30, top + 160), (middle, top + 200)],
                 fill=INK)  # the fish-tail mark (鱼尾) of the fold
    for half in ((left, middle - 30), (middle + 30, right)):
        step = (half[1] - half[0]) / 9
        for k in range(1, 9):
            x = round(half[0] + k * step)
            draw.line((x, top, x, bottom), fill=INK, width=2)
    for k in range(number):  # a few dots in the fold tell the leaves apart
        draw.ellipse((middle - 6, bottom - 60 - 20 * k, middle + 6, bottom - 48 - 20 * k),
                     fill=INK)
    return image


def texts(corpus: Path) -> list[str]:
    poems = json.loads((corpus / "texts" / "nantang_erzhu_ci.json").read_text("utf-8"))
    blocks = [f"{p['title']}　{p['author']}\n" + "\n".join(p["paragraphs"]) for p in poems[:6]]
    return ["\n\n".join(blocks[i:i + 2]) for i in range(0, 6, 2)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parents[1].parent / "shared" /
                        "corpus")
    args = parser.parse_args()
    PAGES.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts(args.corpus), 1):
        leaf(number).save(PAGES / f"{number:04d}.jpg", quality=85)
        (PAGES / f"{number:04d}.txt").write_text(text + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote 3 pages to {PAGES}\n")


if __name__ == "__main__":
    main()
