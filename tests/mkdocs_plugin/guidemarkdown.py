"""A Markdown instance made as the guide's mkdocs.yml configures it (its extensions and their
settings): the reference the converter's shortcuts are compared with."""

from __future__ import annotations

import os
from functools import cache

import markdown
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..conftest import ROOT


@cache
def guide_config() -> MkDocsConfig:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def guide_markdown() -> markdown.Markdown:
    """A new instance each call (a test may change its processors)."""
    config = guide_config()
    return markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
