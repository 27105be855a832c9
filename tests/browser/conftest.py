"""Real Chromium (Debian's package) driven by Playwright, against the built site on localhost.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without Chromium
the browser tests skip on a developer's machine but *fail* under CI (CI is set), so a CI run
can never pass by silently skipping them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("RUNSTRONG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# A site built earlier (``runstrong build --site-dir DIR``) to iterate on browser tests without
# rebuilding: RUNSTRONG_BROWSER_SITE=DIR. Unset (CI, test.sh), the session's own build is used.
PREBUILT_ENV = "RUNSTRONG_BROWSER_SITE"


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    prebuilt = os.environ.get(PREBUILT_ENV)
    if prebuilt:
        return Path(prebuilt)
    site, _ = request.getfixturevalue("built_site")
    return Path(site)


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    site = site_dir
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A page closed mid-download (the service worker precaching in the background) is not
        # an error of the site; anything else still prints.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
