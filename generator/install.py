"""Where runstrong finds its theme, the guide and the starter guide, installed or not.

The design keeps ``theme/`` (mkdocs.yml's ``custom_dir``) and ``content/`` (the guide) at the
top of the repository. A wheel (``pip install .``) carries them inside the package, as
``generator/theme`` and ``generator/guide`` (pyproject.toml maps them), so an installed
runstrong needs no repository. In the repository itself (an editable install, or running from
the tree) they are the top-level folders. Nothing here imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The repository, when runstrong runs from it; in site-packages this folder has no guide.
PROJECT_ROOT = PACKAGE.parent


def _inside_or_repo(packaged: str, repo: str) -> Path:
    """The packaged copy when there is one (a wheel), else the repository's folder."""
    inside = PACKAGE / packaged
    return inside if inside.is_dir() else PROJECT_ROOT / repo


def theme_dir() -> Path:
    """RunStrong's Material overrides (templates, stylesheets, scripts, favicon).

    The MkDocs plugin puts this folder into the theme's search path, behind a coach's own
    ``custom_dir`` and ahead of Material, so a guide's mkdocs.yml names no path into
    site-packages.
    """
    return _inside_or_repo("theme", "theme")


def guide_content() -> Path:
    """The guide's own content folder: the exercises a coach's plan may name with no content
    folder of their own (``runstrong cards``), and the source ``runstrong new`` copies from."""
    return _inside_or_repo("guide", "content")


def is_packaged(path: Path) -> bool:
    """True for a path inside an installed package's own data (the packaged guide): a command
    must never write there (site-packages is the installer's, and a reinstall drops it)."""
    packaged = PACKAGE / "guide"
    return packaged.is_dir() and path.resolve().is_relative_to(packaged.resolve())


def starter_dir() -> Path:
    """The starter guide that ``runstrong new`` copies (``generator/scaffold.py`` adds the
    vocabulary, schemas and example exercises from the guide)."""
    return PACKAGE / "defaults" / "starter"


def default_config_file() -> Path:
    """The guide's mkdocs.yml in the repository; installed from a wheel, the starter's (the
    guide's settings without the repository's ``custom_dir``, which the plugin supplies)."""
    if (PACKAGE / "guide").is_dir():
        return starter_dir() / "mkdocs.yml"
    return PROJECT_ROOT / "mkdocs.yml"
