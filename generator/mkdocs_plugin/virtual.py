"""The Site's generated files handed to MkDocs as virtual files (``File.generated``).

Writing them into ``docs_dir`` would make ``mkdocs serve`` rebuild in a loop, so MkDocs gets
them from memory (or copies them from the render cache). A hand-written file that would be
published at the same address is refused in one line that names it and what else publishes
there: the loader checks the paths it can compute; this checks the files themselves.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..errors import display_path
from ..files import GeneratedFile
from ..pipeline import Site
from ..redirects import published_outputs
from .dirty import Generated, virtual_file


def add_site_files(files: Files, config: MkDocsConfig, site: Site) -> None:
    """Append the Site's files, and the pictures still drawing (pages link them; their bytes
    come at ``on_post_build``: ``dirty.put_late``), to MkDocs' ``files``."""
    guide = site.guide
    published = published_outputs(guide.exercises, guide.programs, guide.kept_shorts)
    handwritten_by_output = {f.dest_uri: f for f in files if f.generated_by is None}
    pending = set(site.pending)
    for generated in [*site.files, *(GeneratedFile(path) for path in site.pending)]:
        file = virtual_file(config, generated)
        if generated.path in pending and isinstance(file, Generated):
            file.late = True
        mine = files.src_uris.get(generated.path) or handwritten_by_output.get(file.dest_uri)
        if mine is not None and mine.generated_by is None:
            owner = published.get(file.dest_uri, f"the generated file {generated.path}")
            raise PluginError(
                f"{display_path(Path(mine.abs_src_path or mine.src_path))}:1: {file.dest_uri} is already "
                f"published by {owner}; rename or move this file"
            )
        files.append(file)
