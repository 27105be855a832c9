"""``runstrong serve``'s time from saving an edited exercise to serving the edited page."""

from __future__ import annotations

import math
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
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
    return [phases.total for phases in serve_phases(content, slug, runs, env)]


@dataclass(frozen=True)
class Phases:
    """One edit's way to the reloaded page, from serve's own lines (each read as it is printed)."""

    detected: float  # saved → "content changed" (the watcher's poll)
    built: float  # → "rebuilt in" (MkDocs' wait for more changes, then the build)
    served: float  # → the edited page served
    total: float


def serve_phases(content: Path, slug: str, runs: int, env: dict[str, str]) -> list[Phases]:
    """``serve_reload_times``, each edit cut into its phases (serve's stdout, timed as read)."""
    port = free_port()
    server = subprocess.Popen(
        [*RUNSTRONG, "serve", "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env},
        text=True,
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()
    url = f"http://127.0.0.1:{port}/exercises/{slug}/"
    file = content / "exercises" / f"{slug}.yaml"
    original = file.read_text(encoding="utf-8")
    summary = yaml.safe_load(original)["summary"]
    found: list[Phases] = []
    try:
        deadline = time.monotonic() + 900
        while not page_has(url, "<h1") and time.monotonic() < deadline:
            time.sleep(0.5)
        for i in range(runs):
            marker = f"Serve phase {i} {time.time_ns()}."
            seen = len(lines)
            saved = time.perf_counter()
            file.write_text(original.replace(summary, marker, 1), encoding="utf-8")
            while not page_has(url, marker):
                if time.perf_counter() - saved > 600:
                    raise SystemExit("serve never showed the edit")
                time.sleep(0.02)
            served = time.perf_counter()
            time.sleep(1)  # the rebuild's last line, and the live-reload server settles
            new = lines[seen:]
            changed = next((t for t, line in new if "content changed" in line), math.nan)
            rebuilt = next((t for t, line in new if " rebuilt in " in line), math.nan)
            found.append(Phases(changed - saved, rebuilt - changed, served - rebuilt, served - saved))
    finally:
        file.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return found


def main() -> None:
    """``python -m benchmarks.serve_measure CONTENT SLUG [RUNS]``: each phase's median."""
    content, slug = Path(sys.argv[1]), sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    phases = serve_phases(content, slug, runs, {})
    for name in ("detected", "built", "served", "total"):
        values = [getattr(p, name) for p in phases]
        print(
            f"{name:>9}: median {statistics.median(values):.3f} s  ({', '.join(f'{v:.2f}' for v in values)})"
        )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
