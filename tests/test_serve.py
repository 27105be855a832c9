"""`runstrong serve` rebuilds when a file in the content folder changes."""

from __future__ import annotations

import re
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


def wait_for_line(log: Path, pattern: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(re.fullmatch(pattern, line) for line in log.read_text(encoding="utf-8").splitlines()):
            return True
        time.sleep(0.1)
    return False


def test_serve_rebuilds_on_a_content_change(content: Path, write: Write, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.out"  # a file, not a pipe: a pipe nobody reads can fill and block serve
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--content", str(content),
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/exercises/test-hinge/"
    try:
        assert wait_for(url, "A hinge used by the tests."), "the first build was never served"
        # It says where it serves, and when the first build is done.
        first = log.read_text(encoding="utf-8").splitlines()
        assert f"Serving on http://127.0.0.1:{port}/ (edits to the content rebuild it; Ctrl+C stops)" in first
        assert any(re.fullmatch(r"\d\d:\d\d:\d\d built in \d+\.\d\d s", line) for line in first), first
        write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("A hinge used by the tests.", "Edited live."))
        assert wait_for(url, "Edited live."), "serve did not rebuild after the YAML changed"
        # …and each rebuild, as it starts and as it ends (the page may be served a moment
        # before the build's last step logs its time).
        assert wait_for_line(log, r"\d\d:\d\d:\d\d content changed: rebuilding…"), log.read_text("utf-8")
        assert wait_for_line(log, r"\d\d:\d\d:\d\d rebuilt in \d+\.\d\d s"), log.read_text("utf-8")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
