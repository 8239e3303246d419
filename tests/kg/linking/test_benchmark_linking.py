"""Smoke tests of benchmarks/linking.py: the corpus documents it links. No timing asserted."""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[3] / "benchmarks" / "linking.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("linking_bench", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_documents_have_the_asked_size(bench):
    docs = bench.build_documents(["金陵\n秦淮河\n玄武湖"], 100, 10)
    assert 90 <= sum(len(d) for d in docs) <= 110
    assert all(len(d) <= 20 for d in docs)


def test_benchmark_corpus_texts(bench):
    corpus = bench.default_corpus()
    if not (corpus / "texts").is_dir():
        pytest.skip(f"no shared corpus at {corpus}")
    texts = bench.corpus_texts(corpus)
    assert len(texts) > 100 and "金陵图书馆" in texts[0]


def test_benchmark_times_jieba_over_the_same_documents(bench):
    seconds = bench.jieba_run(["金陵图书馆在南京", "秦淮河畔"])
    assert isinstance(seconds, float) and seconds >= 0
