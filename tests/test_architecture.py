"""The import rules of ARCHITECTURE.md, read off the source (AST), so a violation fails here.

Rules (ARCHITECTURE.md, "Import rules"):

1. Only the ``generator/mkdocs_plugin/`` package imports ``mkdocs`` (or ``material``): MkDocs 2.0
   drops plugins, so the engine must be one package to replace.
2. Only ``runstrong build`` and ``runstrong serve`` (``build.py``, ``preview.py``) import that adapter.
3. ``generator/pages/`` imports no picture or card renderer (``generator.figures``,
   ``generator.cards``): pages read pictures' facts as data.
4. The model and the loader (``model``, ``load``, ``yamlsource``, ``errors``, ``handwritten``,
   ``urls``) import no renderer and nothing of the pipeline (two exceptions, in ``ALLOWED``).
5. Renderers (``pages``, ``figures``, ``cards``, ``redirects``) import nothing of the pipeline:
   they return files and do not know who publishes them.
6. Only the writer writes files: no ``write_bytes``/``write_text``, ``open(…, "w")``,
   ``os.fdopen(…, "w")``, ``shutil.copy*``/``copytree`` or ``os.link`` outside
   ``generator/writer.py`` and the caches (listed in ``WRITERS`` with why).
7. No import circle, and no import running back up ``FLOORS`` (a topological sort).
8. ARCHITECTURE.md's "may import" table lists what each module imports.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"

ADAPTER = "generator.mkdocs_plugin"
ADAPTER_USERS = {"generator.build", "generator.preview"}
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
    "generator.cards.subsetfont": "fpdf2 reads fonts by path: the subset font is cached in the temp folder",
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
            prefix = _absolute(node, base)
            yield node.lineno, prefix
            for alias in node.names:  # `from . import figures` imports generator.figures
                yield node.lineno, f"{prefix}.{alias.name}"


def _absolute(node: ast.ImportFrom, base: list[str]) -> str:
    """The module a ``from … import`` reads from, absolute (``base``: the importing package)."""
    if not node.level:
        return node.module or ""
    anchor = base[: len(base) - node.level + 1]
    return ".".join(anchor + ([node.module] if node.module else []))


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
        if top in ENGINES and not _within(module, {ADAPTER}):
            reasons.append(f"only {ADAPTER} imports MkDocs")
        if _within(name, {ADAPTER}) and module not in ADAPTER_USERS and not _within(module, {ADAPTER}):
            reasons.append("only the build and the preview run MkDocs")
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
            "only the build and the preview run MkDocs",
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
        ("generator.preview", "from .mkdocs_plugin import serve\n"),
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


# ---- one way up: no circle, and every import goes down the floors --------------------------
#
# The modules of generator/ on floors, lowest first: a module imports its own floor or lower
# ones, never a higher one, and the imports inside a floor form no circle (checked with a
# topological sort, which fails exactly when there is one). A module not on any floor fails too,
# so a new module is placed on purpose.

FLOORS: list[tuple[str, tuple[str, ...]]] = [
    (
        "ground: the model, URLs, errors, the cache and the writer",
        (
            "generator.model",
            "generator.urls",
            "generator.errors",
            "generator.files",
            "generator.progress",
            "generator.install",
            "generator.fonts",
            "generator.cache",
            "generator.bundle",
            "generator.deflate",
            "generator.writer",
            "generator.removal",
            "generator.seeding",
            "generator.gcpace",
            "generator.workers",
            "generator.drawing",
            "generator.yamlconfig",
            "generator.filedates",
            "generator.memo",
            "generator.verbatim",
        ),
    ),
    (
        "what the model says, read and checked (plan checks included)",
        (
            "generator.display",
            "generator.text",
            "generator.totals",
            "generator.substitutes",
            "generator.glyphs",
            "generator.yamlsource",
            "generator.handwritten",
            "generator.redirects",
            "generator.search_index",
            "generator.minify",
            "generator.offline",
            "generator.schema",
            "generator.failures",
            "generator.shortlinks",
            "generator.licence",
            "generator.yamlhints",
            "generator.plan_terms",
            "generator.plans",
            "generator.arrange",
            "generator.pagedates",
        ),
    ),
    ("the renderers", ("generator.pages", "generator.figures", "generator.cards", "generator.api")),
    ("the loader", ("generator.load", "generator.importers", "generator.checkstore", "generator.readahead")),
    (
        "the pipeline, what a build leaves and where it may write",
        (
            "generator.pipeline",
            "generator.schedule",
            "generator.postbuild",
            "generator.lastbuild",
            "generator.outputs",
        ),
    ),
    ("the engines", (ADAPTER, "generator.zensical")),
    (
        "the commands",
        (
            "generator.build",
            "generator.scaffold",
            "generator.commands",
            "generator.preview",
            "generator.printing",
            "generator.authoring",
        ),
    ),
    ("the command line", ("generator.cli",)),
]


class Circle(Exception):
    """Modules that import each other in a loop."""


def internal_imports(tree: ast.AST, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``module`` imports (``from . import x`` names module x,
    ``from .x import f`` module x; the root package itself is left out)."""
    base = module.split(".") if is_package else module.split(".")[:-1]

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    found: set[str | None] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(owner(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            prefix = _absolute(node, base)
            for alias in node.names:
                full = f"{prefix}.{alias.name}"
                found.add(full if full in modules else owner(prefix))
    return {name for name in found if name is not None and name != module and "." in name}


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in package_files() if p != PACKAGE / "__init__.py"}
    modules = set(files)
    return {
        name: internal_imports(
            ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py", modules
        )
        for name, path in files.items()
    }


def topological_order(graph: dict[str, set[str]]) -> list[str]:
    """The modules, each after everything it imports (Kahn's algorithm); raises Circle naming
    the modules left when no module is free of unsorted imports."""
    waiting = {module: set(imported) & graph.keys() for module, imported in graph.items()}
    order: list[str] = []
    free = sorted(m for m, imported in waiting.items() if not imported)
    while free:
        module = free.pop(0)
        order.append(module)
        for other, imported in waiting.items():
            if module in imported:
                imported.discard(module)
                if not imported and other not in order and other not in free:
                    free.append(other)
        free.sort()
    if len(order) != len(graph):
        raise Circle(", ".join(sorted(set(graph) - set(order))))
    return order


def floor_of(module: str, floors: list[tuple[str, tuple[str, ...]]] = FLOORS) -> int | None:
    for number, (_, members) in enumerate(floors):
        if _within(module, members):
            return number
    return None


def uphill(graph: dict[str, set[str]], floors: list[tuple[str, tuple[str, ...]]] = FLOORS) -> list[str]:
    """Every import that runs back up (to a higher floor), and every module on no floor."""
    found = []
    for module, imported in sorted(graph.items()):
        here = floor_of(module, floors)
        if here is None:
            found.append(f"{module} is on no floor: place it in FLOORS")
            continue
        for name in sorted(imported):
            there = floor_of(name, floors)
            if there is not None and there > here:
                found.append(f"{module} ({floors[here][0]}) imports {name} ({floors[there][0]})")
    return found


def test_the_imports_form_no_circle() -> None:
    graph = import_graph()
    order = topological_order(graph)  # raises Circle
    assert set(order) == set(graph)


def test_no_import_runs_back_up_the_floors() -> None:
    assert uphill(import_graph()) == []


def test_the_sort_finds_a_circle_in_a_bad_graph() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    with pytest.raises(Circle, match="a, b, c, d"):
        topological_order(graph)
    assert topological_order({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == ["b", "a", "c"]


def test_the_floor_check_finds_an_import_running_up() -> None:
    floors = [("low", ("x.low",)), ("high", ("x.high",))]
    graph = {"x.low.a": {"x.high"}, "x.high": {"x.low.a"}, "x.stray": set()}
    assert uphill(graph, floors) == [
        "x.low.a (low) imports x.high (high)",
        "x.stray is on no floor: place it in FLOORS",
    ]


def test_the_graph_reads_relative_imports_as_the_modules_they_name() -> None:
    modules = {"generator.figures", "generator.figures.draw", "generator.figures.style", "generator.urls"}
    source = "from . import style\nfrom .. import urls\nfrom .draw import paint\nimport generator.urls.x\n"
    found = internal_imports(ast.parse(source), "generator.figures.jobs", False, modules)
    assert found == {"generator.figures.style", "generator.urls", "generator.figures.draw"}


# ---- ARCHITECTURE.md's "may import" table, held against the code ---------------------------

DOC = ROOT / "ARCHITECTURE.md"


def may_import_table(text: str) -> list[tuple[list[str], set[str] | None]]:
    """The table's rows as (the modules a row is about, what they may import: None for any).

    A row names its modules in backticks (``generator/load.py``, ``generator/pages/``); its last
    cell lists what they may import in backticks (``model``, ``figures.geometry``), or '—' for
    nothing of the generator; a cell with neither (prose: "everything above, lazily") is not
    checked.
    """
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`generator/"):
            continue
        names = [
            name.removesuffix(".py").removesuffix("/").replace("/", ".")
            for name in re.findall(r"`(generator/[\w/]+(?:\.py|/)?)`", cells[0])
        ]
        allowed = {"generator." + name for name in re.findall(r"`([\w.]+)`", cells[2])}
        rows.append((names, allowed if allowed or cells[2].startswith("—") else None))
    return rows


def table_breaks(graph: dict[str, set[str]], rows: list[tuple[list[str], set[str] | None]]) -> list[str]:
    found = []
    for names, allowed in rows:
        if allowed is None:
            continue
        for module, imported in sorted(graph.items()):
            if not _within(module, tuple(names)):
                continue
            for name in sorted(imported):
                if not _within(name, tuple(names)) and not _within(name, tuple(allowed)):
                    found.append(f"{module} imports {name}, which ARCHITECTURE.md's row does not list")
    return found


def test_architecture_md_says_what_each_module_may_import() -> None:
    rows = may_import_table(DOC.read_text(encoding="utf-8"))
    graph = import_graph()
    listed = {name for names, _ in rows for name in names}
    assert table_breaks(graph, rows) == []
    unlisted = sorted(m for m in graph if not _within(m, tuple(listed)))
    assert unlisted == [], "modules ARCHITECTURE.md's table does not mention"


def test_the_table_check_catches_an_import_the_row_does_not_allow() -> None:
    doc = "| `generator/a.py`, `generator/b/` | job | `c`, `d.e` |\n| `generator/z.py` | job | everything |\n"
    rows = may_import_table(doc)
    assert rows == [
        (["generator.a", "generator.b"], {"generator.c", "generator.d.e"}),
        (["generator.z"], None),
    ]
    graph = {"generator.a": {"generator.b.x", "generator.d.e", "generator.f"}, "generator.z": {"generator.f"}}
    assert table_breaks(graph, rows) == [
        "generator.a imports generator.f, which ARCHITECTURE.md's row does not list"
    ]
