"""Hostile hand-written pages: special files, bad bytes, front matter, and stolen URLs.

A page in content/pages/ is read by MkDocs as it is, so every page is checked first by
``runstrong check`` (and by ``build``, which checks before MkDocs starts).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.load import load_guide

from .conftest import Good, bounded, runstrong
from .test_yaml import CLASSES as YAML_CLASSES
from .test_yaml import Maker, fifo, link_to, text

YAML_CASES = [case for cases in YAML_CLASSES.values() for case in cases]

BOMB = "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n" + "".join(
    f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 10) + "]\n" for i in range(1, 9)
)


def page(front: str, body: str = "# A page\n") -> Maker:
    return text(f"---\n{front}---\n\n{body}")


def folder_loop(path: Path) -> None:
    path.symlink_to(".", target_is_directory=True)


FILES: list[tuple[str, Maker, str]] = [
    ("pages/pipe.md", fifo, "pipe.md:1:1: a named pipe (FIFO), not a regular file"),
    ("pages/zero.md", link_to("/dev/zero"), "zero.md:1:1: a character device, not a regular file"),
    ("pages/gone.md", link_to("moved.md"), "gone.md:1:1: a broken symbolic link (it points to 'moved.md'"),
    ("pages/self.md", link_to("self.md"), "self.md:1:1: a symbolic link that loops back on itself"),
    ("pages/again", folder_loop, "again:1:1: a symbolic link back to a folder it is in (a loop)"),
    ("pages/pipe.css", fifo, "pipe.css:1:1: a named pipe (FIFO), not a regular file"),
    ("pages/latin1.md", text("# Caf\xe9\n".encode("latin-1")), "latin1.md:1:6: not valid UTF-8 (byte 0xe9)"),
    ("pages/utf16.md", text("# Page\n".encode("utf-16")), "utf16.md:1:1: not valid UTF-8 (byte 0xff)"),
    ("pages/nul.md", text(b"# Page\n\nA\x00B\n"), "nul.md:3:2: a NUL byte: this is a binary file, not text"),
    ("pages/huge.md", text(b"word " * 500_000), "huge.md:1:1: the file is larger than 2 MB"),
    # Markdown that crashes or stalls Python-Markdown (and so MkDocs): a RecursionError at
    # ~300 nested list levels; link matching that grows with the square of the '[' count.
    ("pages/deep-list.md", text("".join("    " * i + "- x\n" for i in range(300))), "deep-list.md:18:1: indented more than 16 levels deep"),
    ("pages/deep-quote.md", text("# Q\n\n" + ">" * 3000 + " x\n"), "deep-quote.md:3:1: quoted ('>') more than 16 levels deep"),
    ("pages/brackets.md", text("# B\n\nSee " + "[a " * 4000 + "\n"), "brackets.md:3:1: more than 200 '[' in one paragraph"),
]

FRONT_MATTER: list[tuple[str, Maker, str]] = [
    ("pages/bomb.md", page(BOMB), "bomb.md:6:10: the aliases expand to more than 20,000 values"),
    ("pages/self-alias.md", page("tags: &t [a, *t]\n"), "self-alias.md:2:14: alias '*t' is inside the block it names"),
    ("pages/order-text.md", page("nav_order: 'x'\n"), "order-text.md:2:12: nav_order: expected a whole number, got 'x'"),
    ("pages/order-bool.md", page("nav_order: true\n"), "order-bool.md:2:12: nav_order: expected a whole number, got True"),
    ("pages/order-float.md", page("nav_order: 2.5\n"), "order-float.md:2:12: nav_order: expected a whole number, got 2.5"),
    ("pages/title-list.md", page("nav_title: [a, b]\n"), "title-list.md:2:12: nav_title: expected text, got a list"),
    ("pages/title-script.md", page("nav_title: <script>alert(1)</script>\n"), "title-script.md:2:12: nav_title: '<script>alert(1)</script>' must be plain text"),
    ("pages/description-number.md", page("description: 42\n"), "description-number.md:2:14: description: expected text, got 42"),
    ("pages/image-remote.md", page("og_image: https://evil.example/x.png\n"), "image-remote.md:2:11: og_image: 'https://evil.example/x.png' does not match"),
    ("pages/image-up.md", page("og_image: ../../etc/x.png\n"), "image-up.md:2:11: og_image: '../../etc/x.png' does not match"),
    ("pages/typo.md", page("nav_ordr: 3\n"), "typo.md:2:1: nav_ordr: unknown field 'nav_ordr' (did you mean 'nav_order'?)"),
    ("pages/list-front.md", page("- a\n- b\n"), "list-front.md:2:1: front matter must be a mapping of fields, got a list"),
    ("pages/binary-front.md", page("title: !!binary aGk=\n"), "binary-front.md:2:8: '!!binary' values are not allowed"),
    ("pages/multimarkdown.md", text("nav_order: first\n\n# A page\n"), "multimarkdown.md:1:1: nav_order: expected a whole number, got 'first'"),
    ("pages/prose-as-meta.md", text("Note: warm up first.\nThen read on.\n"), "prose-as-meta.md:1:1: MkDocs reads 'note: …' at the top of a page as metadata"),
]

# Output paths the generator publishes for the good content (exercise test-hinge with the
# former slug old-hinge, program test-plan).
COLLISIONS: list[tuple[str, Maker, str]] = [
    ("pages/x/test-hinge.md", text("# Mine\n"), "x/test-hinge/index.html is already published by the short link /x/test-hinge/ of exercise 'test-hinge'"),
    ("pages/x/old-hinge/index.md", text("# Mine\n"), "x/old-hinge/index.html is already published by the short link /x/old-hinge/ of exercise 'test-hinge'"),
    ("pages/exercises/test-hinge.md", text("# Mine\n"), "exercises/test-hinge/index.html is already published by the page of exercise 'test-hinge'"),
    ("pages/exercises/test-hinge/README.md", text("# Mine\n"), "exercises/test-hinge/index.html is already published by the page of exercise 'test-hinge'"),
    ("pages/exercises/old-hinge.md", text("# Mine\n"), "exercises/old-hinge/index.html is already published by the redirect from the old address of 'test-hinge'"),
    ("pages/exercises/by-muscle.md", text("# Mine\n"), "exercises/by-muscle/index.html is already published by the exercise library"),
    ("pages/programs/test-plan/index.md", text("# Mine\n"), "programs/test-plan/index.html is already published by the page of program 'test-plan'"),
    ("pages/programs/index.md", text("# Mine\n"), "programs/index.html is already published by the list of programs"),
    ("pages/assets/generated/figures/test-hinge.png", text(b"\x89PNG fake"), "assets/generated/figures/test-hinge.png is already published by the generated pictures and PDFs"),
    ("pages/x/test-hinge/index.html", text("<p>mine</p>"), "x/test-hinge/index.html is already published by the short link /x/test-hinge/ of exercise 'test-hinge'"),
]

CLASSES = {"files": FILES, "front matter": FRONT_MATTER, "collisions": COLLISIONS}
ALL = [case for cases in CLASSES.values() for case in cases]


def prepare(content: Path, relative: str, make: Maker) -> None:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    exercise = content / "exercises" / "test-hinge.yaml"
    if "redirect_from" not in exercise.read_text(encoding="utf-8"):
        with exercise.open("a", encoding="utf-8") as f:
            f.write("redirect_from: [old-hinge]\n")


@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize(("relative", "make", "message"), ALL, ids=[c[0] for c in ALL])
def test_each_page_problem_is_one_error(hostile_content: Path, relative: str, make: Maker, message: str) -> None:
    prepare(hostile_content, relative, make)
    with bounded(), pytest.raises(ContentErrors) as caught:
        load_guide(hostile_content)
    errors = [str(e) for e in caught.value.errors]
    assert len(errors) == 1, errors
    assert message in errors[0], errors[0]
    assert f"{relative.removeprefix('pages/')}:" in errors[0]


def test_check_and_build_report_every_hostile_input_at_once(good: Good, hostile_content: Path) -> None:
    """Every hostile YAML file and page of the suite in one content folder, through the real
    command line: exit status 1, one line per problem, no traceback, < 200 MB, site untouched."""
    cases = [*YAML_CASES, *ALL]
    for relative, make, _ in cases:
        prepare(hostile_content, relative, make)
    for command in (["check"], ["build", "--site-dir", str(good.site)]):
        result = runstrong(*command, "--content", "content", "--cache-dir", good.cache, cwd=hostile_content.parent)
        result.assert_one_line_failure()
        lines = result.stderr.strip().splitlines()
        for relative, _, message in cases:
            assert any(line.startswith(f"content/{relative}:") and message in line for line in lines), message
        assert lines[-1].endswith("found; nothing was built."), lines[-1]
        good.assert_site_untouched()


def test_front_matter_is_escaped_where_it_is_printed(good: Good) -> None:
    html = (good.site / "questions" / "index.html").read_text(encoding="utf-8")
    assert 'content="Straps &amp; &quot;quotes&quot; &lt;b&gt;bold&lt;/b&gt; here"' in html
    assert "<b>bold</b>" not in html
    home = (good.site / "index.html").read_text(encoding="utf-8")
    assert "Q&amp;A &quot;fair&quot; use" in home  # the nav label, on every page
    assert 'Q&A "fair"' not in home


def test_a_multi_paragraph_safety_note_stays_in_its_admonition(good: Good) -> None:
    html = (good.site / "exercises" / "test-hinge" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="admonition warning">(.*?)</div>', html, flags=re.S)
    assert block is not None
    assert "<p>Keep the back flat.</p>" in block.group(1)
    assert "<p>Stop on any sharp pain &amp; see a physio.</p>" in block.group(1)


def test_brackets_in_code_blocks_are_fine(hostile_content: Path) -> None:
    (hostile_content / "pages" / "data.md").write_text(
        "# Data\n\n```json\n" + "[1, " * 1000 + "\n```\n\n[a link](index.md) and [another](index.md)\n",
        encoding="utf-8",
    )
    load_guide(hostile_content)


def test_valid_front_matter_passes(hostile_content: Path) -> None:
    (hostile_content / "pages" / "guide").mkdir()
    (hostile_content / "pages" / "assets").mkdir()
    (hostile_content / "pages" / "assets" / "warm-up.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # og_image
    (hostile_content / "pages" / "guide" / "warm-up.md").write_text(
        textwrap.dedent(
            """\
            ---
            title: Warm-up
            nav_order: 20
            nav_title: Warm-up
            description: Ten minutes before every session.
            og_image: assets/warm-up.png
            hide: [toc]
            search: {boost: 2}
            ---

            # Warm-up
            """
        ),
        encoding="utf-8",
    )
    load_guide(hostile_content)
