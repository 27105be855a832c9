"""The import rules of ARCHITECTURE.md, read off the source (AST), so a violation fails here.

Rules (ARCHITECTURE.md, "Import rules"):

1. Only ``generator/mkdocs_plugin.py`` imports ``mkdocs`` (or ``material``): MkDocs 2.0 drops
   plugins, so the engine must be one module to replace.
2. Only the command line and the build (``cli.py``, ``build.py``) import that adapter.
3. ``generator/pages/`` imports no picture or card renderer (``generator.figures``,
   ``generator.cards``): pages read pictures' facts as data.
4. The model and the loader (``model``, ``load``, ``yamlsource``, ``errors``, ``handwritten``,
   ``urls``) import no renderer and nothing of the pipeline (two exceptions, in ``ALLOWED``).
5. Renderers (``pages``, ``figures``, ``cards``, ``redirects``) import nothing of the pipeline:
   they return files and do not know who publishes them.
6. Only the writer writes files: no ``write_bytes``/``write_text``, ``open(…, "w")``,
   ``os.fdopen(…, "w")``, ``shutil.copy*``/``copytree`` or ``os.link`` outside
   ``generator/writer.py`` and the caches (listed in ``WRITERS`` with why).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"

ADAPTER = "generator.mkdocs_plugin"
ADAPTER_USERS = {"generator.cli", "generator.build"}
ENGINES = ("mkdocs", "material")
RENDERERS = ("generator.pages", "generator.figures", "generator.cards", "generator.redirects")
PIPELINE = ("generator.pipeline", "generator.build", "generator.writer", "generator.cli", ADAPTER)
MODEL = (
    "generator.model",
    "generator.load",
    "generator.yamlsource",
    "generator.errors",
    "generator.handwritten",
    "generator.urls",
)
# Imports a rule forbids that the design allows, and why.
ALLOWED = {
    (
        "generator.load",
        "generator.figures.geometry",
    ): "the check holds figures to the pose maths (no drawing)",
    ("generator.load", "generator.redirects"): "published_outputs: each page's and redirect's URL, "
    "checked for collisions before anything renders",
}
# The modules that may put bytes on disk, and why.
WRITERS = {
    "generator.writer": "the one writer",
    "generator.cache": "the render cache: content-addressed entries, written tmp + rename",
    "generator.cards.pdf": "fpdf2 reads fonts by path: the subset font is cached in the temp folder",
}
WRITE_METHODS = {"write_bytes", "write_text"}
COPY_FUNCTIONS = {("shutil", "copy"), ("shutil", "copy2"), ("shutil", "copyfile"), ("shutil", "copytree")}
COPY_FUNCTIONS |= {("os", "link"), ("os", "symlink")}


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.what}"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Every module imported anywhere in the file (top level or inside a function), absolute."""
    base = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                prefix = ".".join(anchor + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            yield node.lineno, prefix
            for alias in node.names:  # `from . import figures` imports generator.figures
                yield node.lineno, f"{prefix}.{alias.name}"


def _within(name: str, roots: tuple[str, ...] | set[str]) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def writes(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Calls that write a file: methods, open/fdopen in a writing mode, copies and links."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in WRITE_METHODS:
            yield node.lineno, f".{func.attr}()"
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if (func.value.id, func.attr) in COPY_FUNCTIONS:
                yield node.lineno, f"{func.value.id}.{func.attr}()"
            elif (func.value.id, func.attr) == ("os", "fdopen") and _writing_mode(node, 1):
                yield node.lineno, "os.fdopen(…, write mode)"
        if isinstance(func, ast.Name) and func.id == "open" and _writing_mode(node, 1):
            yield node.lineno, "open(…, write mode)"
        elif isinstance(func, ast.Attribute) and func.attr == "open":
            if isinstance(func.value, ast.Name) and func.value.id == "os":
                if _writing_flags(node):
                    yield node.lineno, "os.open(…, O_WRONLY/O_RDWR/O_CREAT)"
            # path.open(mode): only a literal mode is a mode (Image.open(fp) reads a picture).
            elif _writing_mode(node, 0, literal_only=True):
                yield node.lineno, ".open(…, write mode)"


def _writing_flags(call: ast.Call) -> bool:
    names = {n.attr for arg in call.args[1:2] for n in ast.walk(arg) if isinstance(n, ast.Attribute)}
    return bool(names & {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"})


def _writing_mode(call: ast.Call, position: int, *, literal_only: bool = False) -> bool:
    mode: ast.expr | None = call.args[position] if len(call.args) > position else None
    for keyword in call.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
    if mode is None:
        return False
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return any(c in mode.value for c in "wax+")
    return not literal_only  # open() with a mode computed at run time: assume the worst


def violations(source: str, module: str, is_package: bool = False) -> list[Violation]:
    """Every rule the file ``module`` (its source) breaks, once per line and rule."""
    tree = ast.parse(source)
    found: dict[tuple[int, str], str] = {}  # (line, reason) -> the import that broke it
    for line, name in imports(tree, module, is_package):
        top = name.split(".")[0]
        reasons = []
        if top in ENGINES and module != ADAPTER:
            reasons.append(f"only {ADAPTER} imports MkDocs")
        if _within(name, {ADAPTER}) and module not in ADAPTER_USERS and module != ADAPTER:
            reasons.append("only the command line and the build run MkDocs")
        if _within(module, ("generator.pages",)) and _within(name, ("generator.figures", "generator.cards")):
            reasons.append("pages import no picture or card renderer")
        if _within(module, MODEL) and _within(name, RENDERERS + PIPELINE):
            reasons.append("the model and the loader import no renderer")
        if _within(module, RENDERERS) and _within(name, PIPELINE):
            reasons.append("a renderer returns files, it runs no pipeline")
        if any(_within(name, {allowed}) for (user, allowed) in ALLOWED if user == module):
            continue
        for reason in reasons:
            found.setdefault((line, reason), f"imports {name}")
    if module not in WRITERS:
        for line, what in writes(tree):
            found.setdefault((line, "only generator/writer.py writes"), f"{what} writes a file")
    return [Violation(module, line, f"{what}: {reason}") for (line, reason), what in sorted(found.items())]


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_generator_keeps_the_import_rules() -> None:
    found = [
        str(v)
        for path in package_files()
        for v in violations(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    ]
    assert found == [], "ARCHITECTURE.md's import rules are broken:\n" + "\n".join(found)


def test_the_rules_cover_the_modules_they_name() -> None:
    """A renamed module must not silently drop out of a rule."""
    modules = {module_name(p) for p in package_files()}
    for name in (ADAPTER, *ADAPTER_USERS, *RENDERERS, *MODEL, *WRITERS, "generator.pipeline"):
        assert name in modules, f"{name} is named by a rule but does not exist"


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("generator.pipeline", "import mkdocs.config\n", "only generator.mkdocs_plugin imports MkDocs"),
        (
            "generator.pipeline",
            "from material.plugins import x\n",
            "only generator.mkdocs_plugin imports MkDocs",
        ),
        (
            "generator.pipeline",
            "from .mkdocs_plugin import build_into\n",
            "only the command line and the build",
        ),
        ("generator.pages.render", "from ..figures.strip import FRAME_GAP_PX\n", "pages import no picture"),
        ("generator.pages.render", "def f():\n    from .. import cards\n", "pages import no picture"),
        (
            "generator.load",
            "from .pages import render_pages\n",
            "the model and the loader import no renderer",
        ),
        (
            "generator.model",
            "from generator.pipeline import Site\n",
            "the model and the loader import no renderer",
        ),
        ("generator.figures.draw", "from ..writer import put\n", "a renderer returns files"),
        (
            "generator.pages.render",
            "from pathlib import Path\nPath('x').write_text('y')\n",
            "only generator/writer.py",
        ),
        ("generator.offline", "with open(p, 'wb') as f:\n    f.write(b'')\n", "only generator/writer.py"),
        ("generator.offline", "p.open(mode='a')\n", "only generator/writer.py"),
        ("generator.schema", "import shutil\nshutil.copytree(a, b)\n", "only generator/writer.py"),
        ("generator.schema", "import os\nos.fdopen(fd, 'wb')\n", "only generator/writer.py"),
        ("generator.schema", "import os\nos.open(p, os.O_WRONLY | os.O_CREAT)\n", "only generator/writer.py"),
        ("generator.schema", "open(p, mode)\n", "only generator/writer.py"),
        ("generator.load", "from .figures.draw import draw\n", "the model and the loader import no renderer"),
    ],
)
def test_the_checker_catches_a_violation(module: str, source: str, expected: str) -> None:
    found = violations(source, module)
    assert len(found) == 1 and expected in str(found[0]), found


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("generator.mkdocs_plugin", "from mkdocs.plugins import BasePlugin\n"),
        ("generator.cli", "from .mkdocs_plugin import serve\n"),
        ("generator.pages.render", "from ..model import Guide\nopen(p).read()\nopen(p, 'rb')\n"),
        ("generator.writer", "open(p, 'wb')\n"),
        ("generator.cards.render", "from ..figures.print import thumbnail\n"),
        ("generator.pages.pictures", "from PIL import Image\nImage.open(io.BytesIO(data))\n"),
        ("generator.yamlsource", "import os\nos.open(path, os.O_RDONLY | os.O_NONBLOCK)\n"),
        ("generator.load", "from .figures.geometry import check_figure\n"),
    ],
)
def test_the_checker_allows_what_the_rules_allow(module: str, source: str) -> None:
    assert violations(source, module) == []
