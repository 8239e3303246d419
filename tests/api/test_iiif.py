"""The IIIF routes: Presentation 3.0 manifests of ancient books and a level-0 Image API 3.0.

The store holds tests/api/iiif/books.ttl; the page images are drawn here into a scratch media
folder, with one more image planted outside it that the unsafe paths of the data point at.
"""

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw
from pyoxigraph import RdfFormat
from support import free_port, jinling, jinling_env, start_server

from api.app import create_app
from kg.auth import TokenFile
from kg.iiif import IMAGE_CONTEXT, PRESENTATION_CONTEXT
from kg.iri import Minter
from kg.settings import Settings
from sparql.embedded import EmbeddedStore

HERE = Path(__file__).parent / "iiif"
BASE = "https://kg.jllib.cn/"
SERVER = "http://testserver"
BOOK = "/iiif/census/suiyuan"
IMAGE = "/iiif/image/census/suiyuan"
PROBLEM = "application/problem+json"
SUITES = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "suites"
if not SUITES.is_dir():
    SUITES = Path("/work/shared/conformance/suites")
# Page images of books.ttl: (path under the media folder, size, Pillow mode).
PAGES = [("ancient-books/suiyuan/0001.jpg", (1200, 1800), "RGB"),
         ("ancient-books/suiyuan/0002.png", (500, 800), "RGBA"),
         ("ancient-books/suiyuan/0010.tif", (100, 160), "RGB")]


@dataclass
class Iiif:
    client: TestClient
    media: Path
    outside: Path  # a JPEG outside the media folder that unsafe image paths lead to


def draw(path: Path, size: tuple[int, int], mode: str = "RGB", colour: str = "black") -> None:
    """A page: a dark block on a white (or, with alpha, transparent) ground."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ground = (255, 255, 255, 0) if mode == "RGBA" else "white"
    image = Image.new(mode, size, ground)
    w, h = size
    ImageDraw.Draw(image).rectangle([w // 4, h // 4, 3 * w // 4, 3 * h // 4], fill=colour)
    image.save(path, "JPEG" if path.name == "passwd" else None)


def make_media(root: Path) -> tuple[Path, Path]:
    media = root / "srv" / "media"
    for name, size, mode in PAGES:
        draw(media / name, size, mode)
    outside = root / "etc" / "passwd"  # what ../../etc/passwd reaches from the media folder
    draw(outside, (200, 300))
    (media / "ancient-books" / "link.jpg").symlink_to(outside)
    (media / "ancient-books" / "not-an-image.jpg").write_text("not an image", encoding="utf-8")
    return media, outside


def books(outside: Path) -> bytes:
    return (HERE / "books.ttl").read_text(encoding="utf-8").replace(
        "ABSOLUTE", str(outside)).encode()


@pytest.fixture
def iiif(tmp_path):
    media, outside = make_media(tmp_path)
    store = EmbeddedStore()
    store.load(books(outside), format=RdfFormat.TURTLE, graph=Minter(BASE).graph("catalogue"),
               base_iri=BASE)
    settings = Settings(store=tmp_path / "store", tokens=tmp_path / "tokens.json", media=media)
    with TestClient(create_app(settings, store, TokenFile(settings.tokens))) as client:
        yield Iiif(client, media, outside)
    store.close()


def manifest(iiif: Iiif) -> dict:
    response = iiif.client.get(f"{BOOK}/manifest")
    assert response.status_code == 200, response.text
    return response.json()


def ids(node: object) -> list[str]:
    """Every id in a JSON document."""
    if isinstance(node, list):
        return [i for item in node for i in ids(item)]
    if isinstance(node, dict):
        own = [node["id"]] if isinstance(node.get("id"), str) else []
        return own + [i for value in node.values() for i in ids(value)]
    return []


def assert_problem(response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["access-control-allow-origin"] == "*"


# --- the manifest -----------------------------------------------------------------------------


def test_iiif_manifest_describes_the_book(iiif):
    doc = manifest(iiif)
    assert doc["@context"] == PRESENTATION_CONTEXT
    assert (doc["id"], doc["type"]) == (f"{SERVER}{BOOK}/manifest", "Manifest")
    assert doc["label"] == {"zh-Hans": ["随园诗话"], "en": ["Suiyuan shihua"]}
    assert doc["summary"] == {"zh-Hans": ["〔清〕袁枚撰；清乾隆刻本；16卷"]}
    assert doc["viewingDirection"] == "right-to-left"
    assert doc["behavior"] == ["paged"]
    described = f"{SERVER}/instances/census/suiyuan"
    assert doc["homepage"][0]["id"] == doc["seeAlso"][0]["id"] == described
    assert doc["thumbnail"][0]["id"] == f"{SERVER}{IMAGE}/1/full/150,225/0/default.jpg"


def test_iiif_manifest_metadata_pairs_in_chinese_and_english(iiif):
    doc = manifest(iiif)
    labels = [pair["label"] for pair in doc["metadata"]]
    assert [label["zh-Hans"] for label in labels] == [
        ["题名"], ["著者"], ["版本"], ["卷数"], ["普查编号"], ["收藏单位"]]
    assert all(list(label) == ["zh-Hans", "en"] for label in labels)
    values = {pair["label"]["zh-Hans"][0]: pair["value"] for pair in doc["metadata"]}
    assert values["著者"] == {"zh-Hans": ["〔清〕袁枚撰"]}
    assert values["卷数"] == {"none": ["16"]}
    assert values["普查编号"] == {"none": ["320100-0101-0000123"]}
    assert doc["requiredStatement"] == {
        "label": {"zh-Hans": ["收藏单位"], "en": ["Holding institution"]},
        "value": {"zh-Hans": ["金陵图书馆"]}}


def test_iiif_canvases_follow_page_order(iiif):
    canvases = manifest(iiif)["items"]
    assert [c["id"] for c in canvases] == [f"{SERVER}{BOOK}/canvas/{n}" for n in (1, 2, 10)]
    assert [c["label"] for c in canvases] == [
        {"zh-Hans": ["第1页"]}, {"zh-Hans": ["第2页"]}, {"zh-Hans": ["第10页"]}]
    assert [(c["width"], c["height"]) for c in canvases] == [(1200, 1800), (500, 800), (100, 160)]


def test_iiif_canvas_paints_the_page_image(iiif):
    canvas = manifest(iiif)["items"][1]
    [page] = canvas["items"]
    [painting] = page["items"]
    assert (painting["motivation"], painting["target"]) == ("painting", canvas["id"])
    service = [{"id": f"{SERVER}{IMAGE}/2", "type": "ImageService3", "profile": "level0"}]
    assert painting["body"] == {
        "id": f"{SERVER}{IMAGE}/2/full/max/0/default.jpg", "type": "Image",
        "format": "image/jpeg", "width": 500, "height": 800, "service": service}
    assert canvas["thumbnail"] == [{
        "id": f"{SERVER}{IMAGE}/2/full/150,240/0/default.jpg", "type": "Image",
        "format": "image/jpeg", "width": 150, "height": 240, "service": service}]


def test_iiif_page_text_is_a_supplementing_annotation(iiif):
    first, second, _ = manifest(iiif)["items"]
    [page] = first["annotations"]
    [annotation] = page["items"]
    assert (page["type"], annotation["motivation"]) == ("AnnotationPage", "supplementing")
    assert annotation["target"] == first["id"]
    assert annotation["body"] == {"type": "TextualBody", "value": "隨園詩話卷一",
                                  "format": "text/plain", "language": "zh-Hant"}
    assert "annotations" not in second


def test_iiif_every_id_is_under_the_server_and_dereferences(iiif):
    found = set(ids(manifest(iiif)))
    assert len(found) > 20
    for resource in sorted(found):
        assert resource.startswith(f"{SERVER}/"), resource
        response = iiif.client.get(resource, follow_redirects=True)
        assert response.status_code == 200, resource
        if "/canvas/" in resource:
            assert response.json()["id"] == resource


def test_iiif_parts_of_the_manifest_are_served_alone(iiif):
    doc = manifest(iiif)
    canvas = iiif.client.get(f"{BOOK}/canvas/1").json()
    assert canvas == {"@context": PRESENTATION_CONTEXT, **doc["items"][0]}
    text = iiif.client.get(f"{BOOK}/canvas/1/text").json()
    assert (text["type"], text["items"][0]["body"]["value"]) == ("AnnotationPage", "隨園詩話卷一")
    assert_problem(iiif.client.get(f"{BOOK}/canvas/2/text"), 404)
    assert_problem(iiif.client.get(f"{BOOK}/canvas/1/nothing"), 404)


def test_iiif_manifest_media_type_follows_accept(iiif):
    plain = iiif.client.get(f"{BOOK}/manifest")
    assert plain.headers["content-type"] == "application/json"
    ld = iiif.client.get(f"{BOOK}/manifest", headers={"Accept": "application/ld+json"})
    assert ld.headers["content-type"] == (
        f'application/ld+json;profile="{PRESENTATION_CONTEXT}"')
    assert "accept" in ld.headers["vary"].lower()


def test_iiif_manifest_gzipped_when_asked(iiif):
    zipped = iiif.client.get(f"{BOOK}/manifest", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in zipped.headers["vary"].lower()
    assert zipped.json()["id"] == f"{SERVER}{BOOK}/manifest"
    plain = iiif.client.get(f"{BOOK}/manifest", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers


@pytest.mark.parametrize("path", [
    "/iiif/census/not-a-book/manifest",  # pages, but not a jl:AncientBook
    "/iiif/census/no-pages/manifest",
    "/iiif/census/nothing/manifest",
    f"{BOOK}/canvas/99",
    f"{IMAGE}/99/info.json",
    f"{IMAGE}/01/info.json",
    f"{IMAGE}/x/full/max/0/default.jpg",
    "/iiif/image/census/no-pages/1/info.json",
    "/iiif/image/census/unsafe/4/info.json",  # the file is missing
    "/iiif/census/suiyuan",
    "/iiif/nothing/here/at/all",
])
def test_iiif_not_found(iiif, path):
    assert_problem(iiif.client.get(path), 404)


def test_iiif_bad_page_data_names_page_and_field(iiif):
    response = iiif.client.get("/iiif/census/bad-width/manifest")
    assert_problem(response, 500)
    detail = response.json()["detail"]
    assert "instances/census/bad-width#page-1" in detail and "width" in detail


# --- the Image API ----------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "sizes"), [
    (1, [(150, 225), (600, 900), (1200, 1800)]),
    (2, [(150, 240), (500, 800)]),
    (10, [(100, 160)]),  # smaller than every derived width: its own size only
])
def test_iiif_info_json(iiif, n, sizes):
    response = iiif.client.get(f"{IMAGE}/{n}/info.json")
    assert response.headers["content-type"] == "application/json"
    width, height = sizes[-1]
    assert response.json() == {
        "@context": IMAGE_CONTEXT, "id": f"{SERVER}{IMAGE}/{n}", "type": "ImageService3",
        "protocol": "http://iiif.io/api/image", "profile": "level0",
        "width": width, "height": height,
        "sizes": [{"width": w, "height": h} for w, h in sizes]}


def test_iiif_info_json_ld_when_asked(iiif):
    response = iiif.client.get(f"{IMAGE}/1/info.json", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"] == f'application/ld+json;profile="{IMAGE_CONTEXT}"'


@pytest.mark.parametrize("n", [1, 2, 10])
def test_iiif_every_listed_size_is_served_at_exactly_that_size(iiif, n):
    info = iiif.client.get(f"{IMAGE}/{n}/info.json").json()
    wanted = [(s["width"], s["height"]) for s in info["sizes"]]
    requests = [f"{w},{h}" for w, h in wanted] + ["max"]
    for size, expected in zip(requests, [*wanted, wanted[-1]], strict=True):
        response = iiif.client.get(f"{IMAGE}/{n}/full/{size}/0/default.jpg")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "image/jpeg"
        with Image.open(BytesIO(response.content)) as image:
            assert (image.format, image.size, image.mode) == ("JPEG", expected, "RGB")


def test_iiif_original_jpeg_is_served_as_is(iiif):
    response = iiif.client.get(f"{IMAGE}/1/full/max/0/default.jpg")
    assert response.content == (iiif.media / PAGES[0][0]).read_bytes()
    assert not (iiif.media / ".derived" / PAGES[0][0]).exists()


def test_iiif_other_formats_become_jpeg_with_transparency_on_white(iiif):
    response = iiif.client.get(f"{IMAGE}/2/full/max/0/default.jpg")
    with Image.open(BytesIO(response.content)) as image:
        assert image.format == "JPEG"
        assert min(image.getpixel((5, 5))) > 245  # the transparent ground, now white
        assert max(image.getpixel((250, 400))) < 10  # the block
    assert (iiif.media / ".derived" / PAGES[1][0] / "500,800.jpg").is_file()


def test_iiif_derivatives_are_cached_and_remade_when_the_original_changes(iiif):
    url = f"{IMAGE}/1/full/600,900/0/default.jpg"
    derived = iiif.media / ".derived" / PAGES[0][0] / "600,900.jpg"
    first = iiif.client.get(url).content
    made = derived.stat().st_mtime_ns
    assert iiif.client.get(url).content == first
    assert derived.stat().st_mtime_ns == made
    original = iiif.media / PAGES[0][0]
    draw(original, (1200, 1800), colour="red")
    later = derived.stat().st_mtime + 10
    os.utime(original, (later, later))
    with Image.open(BytesIO(iiif.client.get(url).content)) as image:
        red, green, _ = image.getpixel((300, 450))
        assert red > 200 and green < 60
    assert not list((iiif.media / ".derived").rglob("*.part"))


def _image_requests() -> list:
    with (HERE / "image_requests.tsv").open(encoding="utf-8") as rows:
        lines = [line for line in rows if not line.startswith("#")]
    return [pytest.param(r["request"], int(r["status"]), id=f"{r['request']} {r['why']}")
            for r in csv.DictReader(lines, delimiter="\t")]


@pytest.mark.parametrize(("request_path", "status"), _image_requests())
def test_iiif_image_request_table(iiif, request_path, status):
    response = iiif.client.get(f"{IMAGE}/1/{request_path}")
    if status == 200:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "image/jpeg"
    else:
        assert_problem(response, status)


def test_iiif_service_base_uri_redirects_to_info_json(iiif):
    response = iiif.client.get(f"{IMAGE}/1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"{SERVER}{IMAGE}/1/info.json"
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("n", [1, 2, 3])  # ../../etc/passwd, an absolute path, a symlink out
def test_iiif_image_paths_out_of_the_media_folder_are_refused(iiif, n):
    assert iiif.outside.is_file()  # it is there: only the check keeps it from being served
    planted = iiif.outside.read_bytes()
    for path in ("info.json", "full/max/0/default.jpg", "full/150,225/0/default.jpg"):
        response = iiif.client.get(f"/iiif/image/census/unsafe/{n}/{path}")
        assert_problem(response, 404)
        assert planted not in response.content
    assert sorted(p.name for p in iiif.outside.parent.iterdir()) == ["passwd"]


def test_iiif_unreadable_image_is_a_server_error(iiif):
    response = iiif.client.get("/iiif/image/census/unsafe/5/full/max/0/default.jpg")
    assert_problem(response, 500)
    assert "not-an-image.jpg" in response.json()["detail"]


# --- CORS -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "status"), [
    (f"{BOOK}/manifest", 200), (f"{BOOK}/canvas/1", 200), (f"{IMAGE}/1/info.json", 200),
    (f"{IMAGE}/1/full/max/0/default.jpg", 200), (f"{IMAGE}/1", 303),
    (f"{IMAGE}/1/full/big/0/default.jpg", 400), ("/iiif/census/nothing/manifest", 404),
])
def test_iiif_cors_on_every_answer(iiif, path, status):
    response = iiif.client.get(path, headers={"Origin": "http://viewer.example"},
                               follow_redirects=False)
    assert response.status_code == status
    assert response.headers["access-control-allow-origin"] == "*"


def test_iiif_cors_preflight(iiif):
    response = iiif.client.options(f"{BOOK}/manifest", headers={
        "Origin": "http://viewer.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "accept"})
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-headers"] == "accept"
    assert "GET" in response.headers["access-control-allow-methods"]


def test_iiif_head_answers_like_get(iiif):
    for path, media in ((f"{BOOK}/manifest", "application/json"),
                        (f"{IMAGE}/1/full/max/0/default.jpg", "image/jpeg")):
        response = iiif.client.head(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"] == media
        assert response.headers["access-control-allow-origin"] == "*"


# --- validation -------------------------------------------------------------------------------


def test_iiif_manifest_loads_into_the_iiif_prezi3_models(iiif):
    prezi3 = pytest.importorskip("iiif_prezi3")
    doc = manifest(iiif)
    loaded = prezi3.Manifest(**{k: v for k, v in doc.items() if k != "@context"})
    assert len(loaded.items) == 3
    page = iiif.client.get(f"{BOOK}/canvas/1/text").json()
    prezi3.AnnotationPage(**{k: v for k, v in page.items() if k != "@context"})
    broken = {**doc, "viewingDirection": "sideways"}  # the models do reject a bad manifest
    with pytest.raises(ValueError):
        prezi3.Manifest(**{k: v for k, v in broken.items() if k != "@context"})


@pytest.mark.slow
@pytest.mark.skipif(not SUITES.is_dir(), reason="../shared/conformance is absent")
@pytest.mark.skipif(not os.environ.get("IIIF_SCHEMA"),
                    reason="IIIF_SCHEMA names no copy of presentation-validator's iiif_3_0.json")
def test_iiif_shared_conformance_runner_against_a_live_server(tmp_path):
    media, outside = make_media(tmp_path)
    (tmp_path / "books.ttl").write_bytes(books(outside))
    port = free_port()
    env = jinling_env(tmp_path, JINLING_PORT=port, JINLING_MEDIA=media)
    process = start_server(env, port)
    try:
        jinling(env, "load", str(tmp_path / "books.ttl"), "--graph", "catalogue")
        url = f"http://127.0.0.1:{port}{BOOK}/manifest"
        result = subprocess.run(
            [sys.executable, str(SUITES / "tools" / "run_iiif_checks.py"),
             "--schema", os.environ["IIIF_SCHEMA"], "--url", url, "--json",
             str(tmp_path / "report.json")],
            capture_output=True, text=True, timeout=300, cwd=SUITES)
    finally:
        process.terminate()
        process.wait(timeout=15)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert {r["verdict"] for r in report} == {"PASS"}
    assert len(report) == 8
