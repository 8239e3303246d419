"""The researchers' notebooks of notebooks/, run the way a researcher runs them.

A module-scoped `jinling serve` holds the sample data as `make load` loads it for them
(`jinling load data/`, then the MARC samples into graph catalogue) in a scratch store. Each
notebook is executed in a fresh kernel on this interpreter, with JINLING_ENDPOINT set to the
server's /sparql and MPLBACKEND=Agg, and must run without an error and print what it is about.
The committed notebooks must be valid nbformat 4, carry no outputs, and import none of the
project's own packages: they talk to the endpoint over HTTP only.
"""

import ast
import json
import os
import re
import sys
from pathlib import Path

import httpx
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from support import free_port, jinling, jinling_env, start_server, stop

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MARC = ROOT / "data" / "marc"
PROJECT_PACKAGES = {"ontology", "sparql", "kg", "ingest", "api", "benchmarks"}
DEFAULT_ENDPOINT = "http://127.0.0.1:8000/sparql"
CELL_SECONDS = 120


def test_there_are_at_least_three_notebooks():
    assert len(NOTEBOOKS) >= 3, [path.name for path in NOTEBOOKS]


def _code(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def _imported(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_committed_notebook_is_clean(path):
    """Valid nbformat 4, no outputs or counts, plain metadata, and only published packages."""
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert set(nb.metadata) <= {"kernelspec", "language_info"}, nb.metadata
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
        assert not cell.get("metadata"), cell.source[:60]
    code = _code(nb)
    imported = set().union(*(_imported(source) for source in code))
    assert not imported & PROJECT_PACKAGES, imported & PROJECT_PACKAGES
    assert "JINLING_ENDPOINT" in code[0] and DEFAULT_ENDPOINT in code[0]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """The /sparql URL of a real `jinling serve` over the sample data."""
    folder = tmp_path_factory.mktemp("notebook-server")
    env = jinling_env(folder)
    for name in ("JINLING_ENDPOINT", "JINLING_UPDATE_ENDPOINT", "JINLING_GSP_ENDPOINT"):
        env.pop(name, None)  # the commands load the scratch store, never a remote endpoint
    rejects = str(folder / "rejects.jsonl")
    jinling(env, "load", str(ROOT / "data"))
    jinling(env, "ingest", "marc", str(MARC / "jinling-authority.mrc"), "--graph", "catalogue",
            "--no-infer", "--rejects", rejects)
    jinling(env, "ingest", "marc", str(MARC / "jinling-marc21.mrc"),
            str(MARC / "jinling-cnmarc.iso"), "--graph", "catalogue", "--no-infer",
            "--rejects", rejects)
    port = free_port()
    process = start_server({**env, "JINLING_PORT": str(port)}, port)
    try:
        yield f"http://127.0.0.1:{port}/sparql"
    finally:
        stop(process)


@pytest.fixture(scope="module")
def kernels(tmp_path_factory) -> KernelSpecManager:
    """Kernelspecs holding one `python3` that runs ipykernel on this very interpreter, whatever
    `python3` means to the Jupyter installation around it."""
    folder = tmp_path_factory.mktemp("kernels")
    (folder / "python3").mkdir()
    (folder / "python3" / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (test)", "language": "python"}))
    return KernelSpecManager(kernel_dirs=[str(folder)])


def _run(path: Path, endpoint: str, kernels: KernelSpecManager, folder: Path):
    nb = nbformat.read(path, as_version=4)
    manager = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=kernels)
    client = NotebookClient(nb, km=manager, timeout=CELL_SECONDS,
                            resources={"metadata": {"path": str(folder)}})
    env = {**os.environ, "JINLING_ENDPOINT": endpoint, "MPLBACKEND": "Agg",
           "IPYTHONDIR": str(folder / "ipython")}
    client.execute(env=env)  # raises CellExecutionError, with the traceback, on a failing cell
    return nb


def _outputs(nb) -> list:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _printed(nb) -> str:
    return "".join(out.text for out in _outputs(nb)
                   if out.output_type == "stream" and out.name == "stdout")


def _images(nb) -> int:
    return sum("image/png" in out.get("data", {}) for out in _outputs(nb))


def _graph_names(endpoint: str) -> set[str]:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = httpx.get(endpoint, params={"query": query}, timeout=30,
                       headers={"Accept": "application/sparql-results+json"})
    answer.raise_for_status()
    return {row["g"]["value"].rsplit("/", 1)[-1] for row in answer.json()["results"]["bindings"]}


def _check_tour(nb, endpoint):
    printed = _printed(nb)
    listed = re.search(r"^graphs: (.+)$", printed, re.M)
    assert listed, printed[:2000]
    names = set(listed.group(1).split(", "))
    assert names == _graph_names(endpoint) and {"kb", "catalogue"} <= names
    assert re.search(r"^person: https?://\S+/entity/person/", printed, re.M)
    # the concatenated query matches every name; the escaped one matches none
    matched = [int(n) for n in re.findall(r"^  matches (\d+) names$", printed, re.M)]
    assert len(matched) == 2 and matched[0] > 0 and matched[1] == 0, matched
    assert "@prefix" in printed  # the CONSTRUCT came back as Turtle


def _check_network(nb, endpoint):
    printed = _printed(nb)
    assert re.search(r"^6 dynasties kept: ", printed, re.M), printed[:2000]
    sizes = re.search(r"^nodes: (\d+), edges: (\d+)$", printed, re.M)
    assert sizes and int(sizes.group(1)) > 0 and int(sizes.group(2)) > 0, printed[:2000]
    assert _images(nb) == 1


def _check_catalogue(nb, endpoint):
    printed = _printed(nb)
    instances = re.search(r"^instances with a CLC class: (\d+)$", printed, re.M)
    assert instances and int(instances.group(1)) > 0, printed[:2000]
    totals = {letter: int(n) for letter, n in re.findall(r"^([A-Z]) \S+: (\d+)$", printed, re.M)}
    assert totals and all(n > 0 for n in totals.values()), printed[-2000:]
    assert _images(nb) == 1


CHECKS = {
    "01_sparql_tour": _check_tour,
    "02_six_dynasties_network": _check_network,
    "03_catalogue_by_class_and_decade": _check_catalogue,
}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_against_a_live_server(path, endpoint, kernels, tmp_path):
    nb = _run(path, endpoint, kernels, tmp_path)
    errors = [out for out in _outputs(nb) if out.output_type == "error"]
    assert not errors, errors
    check = CHECKS.get(path.stem)
    if check is not None:
        check(nb, endpoint)
