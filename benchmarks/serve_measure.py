"""``runstrong serve``'s time from saving an edited exercise to serving the edited page."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from benchmarks.processes import ROOT, RUNSTRONG


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def page_has(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return text in response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def serve_reload_times(content: Path, slug: str, runs: int, env: dict[str, str]) -> list[float]:
    """Seconds from saving an edited exercise to the preview serving the edited page."""
    port = free_port()
    server = subprocess.Popen(
        [*RUNSTRONG, "serve", "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}/exercises/{slug}/"
    file = content / "exercises" / f"{slug}.yaml"
    original = file.read_text(encoding="utf-8")
    summary = yaml.safe_load(original)["summary"]
    times = []
    try:
        deadline = time.monotonic() + 900
        while not page_has(url, "<h1") and time.monotonic() < deadline:
            time.sleep(0.5)
        for i in range(runs):
            marker = f"Serve edit {i} {time.time_ns()}."
            started = time.perf_counter()
            file.write_text(original.replace(summary, marker, 1), encoding="utf-8")
            while not page_has(url, marker):
                if time.perf_counter() - started > 600:
                    raise SystemExit("serve never showed the edit")
                time.sleep(0.05)
            times.append(time.perf_counter() - started)
            time.sleep(1)  # let the live-reload server settle before the next edit
    finally:
        file.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return times
