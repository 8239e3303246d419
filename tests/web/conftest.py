"""The web pages in a real headless Chromium (Debian's, which `make browser` installs), driven
by Playwright, against a real `jinling serve` over the sample data of data/.

Every page a test opens is watched: a console error or an uncaught exception fails the test.
`shoot` writes a screenshot to var/screenshots/ for a reviewer to look at.
"""

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support import LiveServer, free_port, jinling, jinling_env, start_server, stop

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "var" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# as the machines' notes advise: no sandbox as root, no calls home from a closed network
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="no chromium: `make browser` installs Debian's")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> LiveServer:
    """`jinling serve` over data/'s KB, catalogue, documents, interviews and ancient books,
    loaded by the real CLI as `make load` does."""
    env = jinling_env(tmp_path_factory.mktemp("site"))
    jinling(env, "load", str(ROOT / "data"))
    jinling(env, "ingest", "document", str(ROOT / "data" / "documents"), "--no-infer")
    jinling(env, "ingest", "oral-history", str(ROOT / "data" / "oral-history" / "interviews"),
            "--no-infer")
    jinling(env, "ingest", "ancient-book", str(ROOT / "data" / "ancient-books"))
    port = free_port()
    process = start_server({**env, "JINLING_PORT": str(port)}, port)
    yield LiveServer(f"http://127.0.0.1:{port}", env, process)
    stop(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page and what went wrong on it."""

    page: object
    errors: list[str] = field(default_factory=list)

    def open(self, url: str):
        response = self.page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        return response


@pytest.fixture
def watched(browser, request):
    """A fresh browser context (Chinese locale, a laptop's window); fails the test on any
    console error or uncaught exception of its pages."""
    size = getattr(request, "param", {"width": 1200, "height": 900})
    context = browser.new_context(locale="zh-CN", viewport=size)
    page = context.new_page()
    seen = Watched(page)
    page.on("console", lambda m: seen.errors.append(f"console: {m.text} ({m.location})")
            if m.type == "error" else None)
    page.on("pageerror", lambda err: seen.errors.append(f"exception: {err}"))
    yield seen
    context.close()
    assert not seen.errors, "\n".join(seen.errors)


@pytest.fixture
def shoot():
    """``shoot(page, name)``: a full-page screenshot in var/screenshots/NAME.png."""
    def take(page, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path
    return take


@pytest.fixture(scope="session")
def curator_token(site):
    made = jinling(site.env, "token", "create", "--role", "curator").stdout
    return made.split()[-1]


@pytest.fixture
def curator(site, watched, curator_token):
    """A page logged in as a curator, through the login page."""
    page = watched.page
    watched.open(site.url + "/curator")
    page.wait_for_url(re.compile(r"/curator/login"))
    page.get_by_label("访问令牌").fill(curator_token)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/curator$"))
    return watched
