"""Benchmarks of the document, ancient-book and edition-statement ingest (issue 4).

    python benchmarks/sources.py documents --copies 200
    python benchmarks/sources.py census --rows 20000
    python benchmarks/sources.py editions --rounds 200

**documents** ingests ``--copies`` copies of the library's plan (../shared/corpus/documents, a
56 kB plain-text document with page debris; each copy gets one distinct first line, so every
copy is a new document) into a fresh on-disk store holding the knowledge base of data/kb, as
``jinling ingest document`` does, and prints documents/s and MB/s of source text; then links
the new paragraphs to the knowledge base as the command does after an ingest
(`kg.linking.link_store`, its gazetteer built from the store), and prints the figures with
linking.

**census** writes a census sheet of ``--rows`` rows, cycling through the rows of the sample
sheet (data/ancient-books/census.csv) with unique census numbers, and times (a) reading and
converting every row with nothing stored and (b) the whole ingest into a fresh on-disk store.

**editions** parses every distinct edition statement of the parser's test table
(tests/ingest/ancient_book/cases/editions.tsv) ``--rounds`` times, each round with the cache
of the parser cleared, and prints statements/s.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from pathlib import Path

from common import BASE

from ingest.jobs import run_files
from ingest.registry import source
from ingest.run import RunOptions
from kg.iri import Minter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus",
                           Path("/work/shared/corpus")) if p.is_dir()), None)
SAMPLE_SHEET = ROOT / "data" / "ancient-books" / "census.csv"
EDITIONS = ROOT / "tests" / "ingest" / "ancient_book" / "cases" / "editions.tsv"


def ingest(kind_name: str, files: list[Path], folder: Path, graph: str, kb: bool = False,
           link: bool = False):
    """The ingest as the CLI runs it (in this process), into a fresh on-disk store (with the
    knowledge base loaded first, untimed, when ``kb``); then the linking when ``link``."""
    from sparql.embedded import EmbeddedStore

    store = EmbeddedStore(folder / "store")
    kind, minter = source(kind_name), Minter(BASE)
    if kb:
        from kg.loading import load_files, plan

        load_files(store, minter, plan([ROOT / "data" / "kb"]), base_iri=BASE)
    options = RunOptions(graph=graph, source=graph, kind=kind_name,
                         rejects=folder / "rejects.jsonl", version=kind.version)
    started = time.perf_counter()
    summary = run_files(store, minter, files, options, media=folder / "media")
    store.flush()
    seconds = time.perf_counter() - started
    linked = None
    if link:
        from kg.linking import link_store

        started = time.perf_counter()
        linked = link_store(store, minter, [graph])
        store.flush()
        linked.seconds = time.perf_counter() - started
    store.close()
    return summary, seconds, linked


def documents(args: argparse.Namespace) -> None:
    plan = args.corpus / "documents" / "jinling-library-14th-five-year-plan.txt"
    text = plan.read_text("utf-8")
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        folder = Path(tmp)
        inputs = folder / "in"
        inputs.mkdir()
        for n in range(args.copies):
            (inputs / f"plan-{n:05d}.txt").write_text(f"副本{n}\n\n{text}", "utf-8")
        files = sorted(inputs.iterdir())
        size = sum(f.stat().st_size for f in files)
        summary, seconds, linked = ingest("document", files, folder, "documents", kb=True,
                                          link=True)
    print(f"documents: {summary.converted} of {args.copies} ingested ({summary.rejected} "
          f"rejected, {summary.written.quads:,} triples, {summary.issues} issues reported)")
    print(f"  without linking: {seconds:.1f} s, {summary.converted / seconds:,.1f} documents/s, "
          f"{size / seconds / 1e6:.2f} MB/s of source text ({size / 1e6:.1f} MB)")
    both = seconds + linked.seconds
    print(f"  linking: {linked.line()}")
    print(f"  with linking: {both:.1f} s, {summary.converted / both:,.1f} documents/s, "
          f"{size / both / 1e6:.2f} MB/s of source text")


def census_sheet(rows: int, out: Path) -> int:
    lines = list(csv.reader(io.StringIO(SAMPLE_SHEET.read_text("utf-8"))))
    header, body = lines[0], lines[1:]
    number = header.index("普查编号")
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for n in range(rows):
            row = list(body[n % len(body)])
            row[number] = f"320100-9999-{n:07d}"
            writer.writerow(row)
    return out.stat().st_size


def census(args: argparse.Namespace) -> None:
    from sparql.embedded import EmbeddedStore

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        folder = Path(tmp)
        sheet = folder / "census.csv"
        census_sheet(args.rows, sheet)
        kind = source("ancient-book")
        convert = kind.converter(Minter(BASE), "bench", kind.context(EmbeddedStore()))
        started = time.perf_counter()
        converted = sum(1 for row in kind.reader()(sheet) if convert(row) is not None)
        parse = time.perf_counter() - started
        summary, seconds, _ = ingest("ancient-book", [sheet], folder, "ancient-books")
    print(f"census rows: {args.rows:,} (the {len(SAMPLE_SHEET.read_text().splitlines()) - 1} "
          "sample rows cycled, unique census numbers)")
    print(f"  read + convert: {parse:.1f} s, {converted / parse:,.0f} rows/s")
    print(f"  end-to-end ingest: {seconds:.1f} s, {summary.converted / seconds:,.0f} rows/s "
          f"({summary.written.quads:,} triples, {summary.rejected} rejected)")


def editions(args: argparse.Namespace) -> None:
    from ingest.ancient_book import edition

    lines = [x for x in EDITIONS.read_text("utf-8").splitlines()
             if x.strip() and not x.startswith("#")]
    statements = sorted({x.split("\t")[0] for x in lines[1:]})
    clear = [f for f in vars(edition).values() if hasattr(f, "cache_clear")]
    seconds = 0.0
    for _ in range(args.rounds):
        for f in clear:
            f.cache_clear()
        started = time.perf_counter()
        for text in statements:
            edition.parse_edition(text)
        seconds += time.perf_counter() - started
    parsed = len(statements) * args.rounds
    print(f"edition statements: {len(statements)} distinct x {args.rounds} rounds "
          f"(parser caches cleared each round)")
    print(f"  {seconds:.2f} s, {parsed / seconds:,.0f} statements/s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder")
    parser.add_argument("--tmp", type=Path, help="folder for the temporary stores")
    commands = parser.add_subparsers(dest="command", required=True)
    docs = commands.add_parser("documents", help="documents/s and MB/s")
    docs.add_argument("--copies", type=int, default=200)
    rows = commands.add_parser("census", help="census rows/s")
    rows.add_argument("--rows", type=int, default=20_000)
    eds = commands.add_parser("editions", help="edition statements parsed/s")
    eds.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)
    if args.command == "documents" and args.corpus is None:
        sys.exit("documents: no corpus (give --corpus)")
    {"documents": documents, "census": census, "editions": editions}[args.command](args)


if __name__ == "__main__":
    main()
