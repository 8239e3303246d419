"""Build the generated files of the authority KB (data/kb/generated/*.ttl).

    .venv/bin/python data/kb/build.py                          # corpus in ../shared/corpus
    .venv/bin/python data/kb/build.py --corpus PATH --out DIR  # elsewhere

Reads the hand-written Turtle files of data/kb (kept as they are), the fact tables of
data/kb/src, the dynasty and era tables of ingest/ancient_book/tables, and the shared corpus
(CHGIS, DILA, administrative divisions, chinese-poetry). Each generated file starts with a '#'
header naming its sources and licence (src/outputs.tsv). The output depends on the inputs
only, so a rebuild gives the same bytes; tests/data/test_kb.py checks that.

Coordinates (schema:latitude, schema:longitude) are written only once ontology/context.jsonld
names those terms.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as a script: the kbgen package sits beside it
    sys.path.insert(0, str(HERE))

from kbgen import history, periods, persons, places, poets  # noqa: E402
from kbgen.common import COORDINATES, Ctx, context_names  # noqa: E402
from kbgen.kb import KB, KBError  # noqa: E402
from kbgen.names import Names  # noqa: E402
from kbgen.source import REPO, Source, SourceError  # noqa: E402
from kbgen.stated import read_stated  # noqa: E402
from kbgen.terms import TermError  # noqa: E402
from kbgen.turtle import header_lines, write  # noqa: E402

from kg.tables import TableError  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def hand_written(folder: Path = HERE) -> list[Path]:
    """The hand-written Turtle files: those directly in data/kb."""
    return sorted(folder.glob("*.ttl"))


def build(corpus: Path, out: Path) -> Ctx:
    """Fill the KB from every source, in priority order, and write the generated files."""
    source = Source(corpus)
    ctx = Ctx(source, KB(*read_stated(hand_written())), Names(source),
              coordinates=context_names(*COORDINATES))
    dynasties = periods.build_dynasties(ctx)
    places.build_places(ctx)
    places.build_placenames(ctx)
    persons.build_persons(ctx)
    history.build_organizations(ctx)
    history.build_events(ctx)
    periods.build_eras(ctx, dynasties)
    persons.build_dila(ctx, dynasties)
    poets.build_poets(ctx)
    persons.build_designations(ctx)
    places.build_admin(ctx)
    places.build_chgis(ctx)
    ctx.kb.check()
    write_files(ctx, out)
    return ctx


def write_files(ctx: Ctx, out: Path) -> None:
    grouped = ctx.kb.by_file()
    for row in ctx.source.table("outputs"):
        head = header_lines(row["title"], row["sources"], row["licence"], row["notes"])
        write(out / row["path"], head, grouped.get(row["key"], []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the shared corpus folder (default: ../shared/corpus)")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="where the paths of src/outputs.tsv start (default: data/kb)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        ctx = build(args.corpus, args.out)
    except (SourceError, KBError, TermError, TableError) as err:
        sys.stderr.write(f"build.py: {err}\n")
        return 1
    counts = ctx.kb.counts()
    sys.stdout.write(f"{sum(counts.values())} entities in {time.monotonic() - started:.1f} s: "
                     + ", ".join(f"{cls.partition(':')[2]} {n}" for cls, n in counts.items())
                     + "\n")
    if not ctx.coordinates:
        sys.stdout.write("coordinates left out: ontology/context.jsonld names no "
                         "schema:latitude and schema:longitude\n")
    for message in ctx.kb.dropped:
        sys.stderr.write(f"kept the first value: {message}\n")
    for message in ctx.warnings:
        sys.stderr.write(f"check: {message}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
