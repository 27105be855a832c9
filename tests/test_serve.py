"""`runstrong serve` rebuilds when a file in the content folder changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .conftest import ROOT, VALID_EXERCISE

Write = Callable[[str, str], Path]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_on_a_content_change(content: Path, write: Write) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--content", str(content),
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/exercises/test-hinge/"
    try:
        assert wait_for(url, "A hinge used by the tests."), "the first build was never served"
        write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("A hinge used by the tests.", "Edited live."))
        assert wait_for(url, "Edited live."), "serve did not rebuild after the YAML changed"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
