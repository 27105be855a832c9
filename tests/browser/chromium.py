"""Debian's Chromium as the browser tests and scripts/screenshots.py launch it, and a built site
served on localhost: one place for both (the flags are a promise: nothing downloads, nothing
phones home, no sandbox a container lacks)."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


def launch(playwright: Any) -> Any:
    """Chromium, headless, with the flags above (Playwright never downloads a browser here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)


def first_visit(browser: Any, **options: Any) -> Any:
    """A new browser context (``options``: viewport, colour scheme, touch...) whose pages never
    start the site's offline service worker: every page is a first visit, answered by the server.

    The worker, once registered, downloads the whole site into its cache in the background
    (the precache): ~2.5 s of Chromium's and the server's CPU in the 3 s after a page opens,
    and more until it is done or the context closes (measured), paid by every test that opened
    a context of its own though it never looks at the worker. The tests of the worker (a second
    visit, offline) open a plain ``browser.new_context()`` instead."""
    return browser.new_context(service_workers="block", **options)


@contextmanager
def serve_folder(folder: Path, replaced: Mapping[str, bytes] | None = None) -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free local port; yields its address ('http://…/').

    ``replaced``: files (paths relative to ``folder``) answered with these bytes instead."""
    handler = functools.partial(_QuietHandler, directory=str(folder), replaced=dict(replaced or {}))
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
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, replaced: dict[str, bytes], **kwargs: Any) -> None:
        self.replaced = replaced
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        data = self.replaced.get(urllib.parse.urlsplit(self.path).path.lstrip("/"))
        if data is None:
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass
