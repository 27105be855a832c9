"""`runstrong serve` rebuilds when a file in the content folder changes."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def serving(content: Path, log: Path) -> Iterator[str]:
    """``runstrong serve`` on a free port, its output in ``log``; yields its address and stops it.

    Output (and errors) go to a file, not a pipe: a pipe nobody reads can fill and block serve.
    """
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--content", str(content),
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,  # warnings too, in order with the rest
            text=True,
        )  # fmt: skip
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def test_serve_rebuilds_on_a_content_change(content: Path, write: Write, tmp_path: Path) -> None:
    log = tmp_path / "serve.out"
    with serving(content, log) as base:
        url = base + "exercises/test-hinge/"
        assert wait_for(url, "A hinge used by the tests."), "the first build was never served"
        # It says where it serves, and when the first build is done.
        first = log.read_text(encoding="utf-8").splitlines()
        assert f"Serving on {base} (edits to the content rebuild it; Ctrl+C stops)" in first
        assert any(
            re.fullmatch(r"\d\d:\d\d:\d\d built in \d+\.\d\d s \(\d+ of \d+ pages\)", line) for line in first
        ), first
        write(
            "exercises/test-hinge.yaml", VALID_EXERCISE.replace("A hinge used by the tests.", "Edited live.")
        )
        assert wait_for(url, "Edited live."), "serve did not rebuild after the YAML changed"
        # …and each rebuild, as it starts and as it ends (the page may be served a moment
        # before the build's last step logs its time).
        assert wait_for_line(log, r"\d\d:\d\d:\d\d content changed: rebuilding…"), log.read_text("utf-8")
        assert wait_for_line(log, r"\d\d:\d\d:\d\d rebuilt in \d+\.\d\d s \(\d+ of \d+ pages\)"), (
            log.read_text("utf-8")
        )


def changed_pages(content: Path, site_url: str, edit: Callable[[], object]) -> tuple[set[str], int]:
    """The pages a rebuild after ``edit`` renders — the generated Markdown pages whose text it
    changes, not the hand-written pages (kept: dirty.py gives them back their title and
    anchors) — and how many pages the site has. Built for serve's own address: the PDFs' QR codes hold it, and
    a program page shows its PDFs' sizes, so another address (serve's port is a free one) can
    round a size differently and change one page more or less."""
    import json
    import subprocess
    import sys

    def pages() -> dict[str, str]:
        # Built in a fresh interpreter, as serve builds: nothing an earlier test left in this
        # worker (a module's memo, an os.environ entry) can change the pages it counts. Seen
        # only in the whole suite: this worker counted one page more than serve rendered.
        code = (
            "import hashlib, json, sys; from pathlib import Path; from generator import pipeline; "
            "site = pipeline.build(Path(sys.argv[1]), pipeline.Settings(sys.argv[2])); "
            "print(json.dumps({f.path: hashlib.sha256(f.content).hexdigest() "
            "for f in site.files if f.path.endswith('.md')}))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(content), site_url], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        digests: dict[str, str] = json.loads(done.stdout.strip().splitlines()[-1])
        return digests

    before = pages()
    edit()
    after = pages()
    handwritten = {p.relative_to(content / "pages").as_posix() for p in (content / "pages").rglob("*.md")}
    return {path for path in after if before.get(path) != after[path]}, len(after) + len(handwritten)


def test_an_edit_rebuilds_only_the_pages_it_touches(content: Path, write: Write, tmp_path: Path) -> None:
    """A serve rebuild renders the edited exercise's page and the pages that list it, no other
    generated page;
    the search index stays complete (the pages not rendered keep their entries)."""
    import json

    log = tmp_path / "serve.out"
    with serving(content, log) as base:
        assert wait_for(base + "exercises/test-hinge/", "A hinge used by the tests."), "never served"
        assert wait_for_line(log, r".* built in .*"), log.read_text("utf-8")
        index_before = json.loads(fetch(base + "search/search_index.json"))
        edited = VALID_EXERCISE.replace("A hinge used by the tests.", "Edited live.")
        changed, total = changed_pages(content, base, lambda: write("exercises/test-hinge.yaml", edited))
        assert "exercises/test-hinge.md" in changed and len(changed) < total
        assert wait_for(base + "exercises/test-hinge/", "Edited live."), "the edit was never served"
        pattern = rf"\d\d:\d\d:\d\d rebuilt in \d+\.\d\d s \({len(changed)} of {total} pages\)"
        assert wait_for_line(log, pattern), (log.read_text("utf-8"), sorted(changed))
        index_after = json.loads(fetch(base + "search/search_index.json"))
        locations = [doc["location"] for doc in index_after["docs"]]
        before = [doc["location"] for doc in index_before["docs"]]
        assert locations == before, f"every page still searchable: {locations} != {before}"
        texts = {doc["location"]: doc["text"] for doc in index_after["docs"]}
        page = [text for location, text in texts.items() if location.startswith("exercises/test-hinge/")]
        assert any("Edited live." in text for text in page), "the edited page's new text is searchable"
        unchanged = [doc for doc in index_before["docs"] if not doc["location"].startswith("exercises/")]
        assert unchanged and all(texts[doc["location"]] == doc["text"] for doc in unchanged)

        # A new program changes the nav every page shows: every page is rendered again.
        program = (content / "programs" / "test-plan.yaml").read_text(encoding="utf-8")
        write("programs/second-plan.yaml", program.replace("name: Test plan", "name: Second plan"))
        assert wait_for(base + "programs/second-plan/", "Second plan"), "the new program was never served"
        assert wait_for_line(log, r"\d\d:\d\d:\d\d rebuilt in \d+\.\d\d s \((\d+) of \1 pages\)"), (
            log.read_text("utf-8")
        )
