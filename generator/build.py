"""``runstrong build``: the content loaded once, published by MkDocs, swapped in atomically.

Follow a build from the command line (``cli.main`` → ``commands.build``):

1. ``lastbuild.fingerprint``: every input hashed; the command line stops there when the site
   the last build left is that fingerprint's and untouched (``lastbuild.up_to_date``);
2. ``pipeline.load``: the content loaded and checked once (errors stop here, before anything
   is written);
3. ``build_site`` (below), inside a staging folder beside ``site/`` (``writer.atomic_folder``),
   with one pool of drawing processes (``drawing.Drawing``): queue every picture
   (``pipeline.start_pictures``, the strips first); read mkdocs.yml meanwhile
   (``mkdocs_plugin.configure``: its ``site_url`` is what the QR codes print); make the ``Site``
   for it as soon as the strips and PDFs are drawn (``pipeline.build_beside``: the other
   pictures still drawing); have MkDocs publish it (``publish``: the plugin joins the other
   pictures after the last page, before the site is finished); write the stamp
   (``lastbuild.write_stamp``); then the folder is swapped in. A failed build ends the pool's
   workers and leaves the last good site as it was.

No MkDocs import here: the ``generator/mkdocs_plugin/`` package is the only one that imports it.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .cache import read_own, render_cache_dir, site_records, trusted_cache_dir, write_own
from .lastbuild import source_date
from .removal import at_once
from .seeding import seeding
from .writer import atomic_folder

if TYPE_CHECKING:
    from .drawing import Drawing
    from .files import GeneratedFile
    from .pipeline import Loaded


@dataclass(frozen=True)
class BuildReport:
    pages: int
    images: int
    pdfs: int
    seconds: float

    def summary(self) -> str:
        return (
            f"Built site: {self.pages} pages, {self.images} images, {self.pdfs} PDFs in {self.seconds:.2f} s"
        )


def count_site(pages: int, files: Iterable[GeneratedFile]) -> tuple[int, int, int]:
    """The report's counts: the engine's pages, and the Site's pictures and PDFs (counted from
    what was published, not read back from the disk: ~1,800 files at 900 exercises)."""
    images = pdfs = 0
    for file in files:
        path = PurePosixPath(file.path)
        suffix = path.suffix.lower()
        if suffix in {".png", ".webp", ".svg", ".jpg"} and "generated" in path.parts:
            images += 1
        elif suffix == ".pdf":
            pdfs += 1
    return pages, images, pdfs


def build_site(
    content: Path,
    site_dir: Path,
    config_file: Path | None = None,
    *,
    strict: bool = True,
    loaded: Loaded | None = None,
    progress: bool = False,
    stamp: str | None = None,
    engine: str | None = None,
    reuse: bool = True,
    cache_dir: Path | None = None,
    processes: int = 0,
    drawing: Drawing | None = None,
) -> BuildReport:
    """Validate, generate and run a real MkDocs build into ``site_dir``, atomically.

    ``loaded`` is the content already loaded by the caller (the command line prints its plan
    warnings first); the content is loaded here otherwise — once either way. ``stamp`` (a
    ``lastbuild.fingerprint``) is stored in the new site, so the next build with the same inputs
    is skipped; with ``engine`` (a ``lastbuild.engine_fingerprint``) too, a build after a content
    edit starts from the last site and renders only the pages whose Markdown changed
    (``reuse=False``: every page). ``cache_dir``: the render cache (default: ``cache.render_cache_dir``).
    ``processes``: how many render MkDocs' pages (0: one per core when there are enough pages).
    ``drawing``: the pool that draws the pictures and PDFs, if the caller started it (its workers
    import the renderers while the content loads); closed here either way.
    Raises ContentErrors for bad content (before anything is written) and MkDocs' exceptions
    (``mkdocs_plugin.MkDocsException``) when MkDocs itself fails (strict warnings included).
    """
    from . import pipeline
    from .drawing import Drawing
    from .lastbuild import Digests, last_site, write_stamp
    from .mkdocs_plugin import configure

    started = time.perf_counter()
    cache = render_cache_dir(cache_dir)
    if loaded is None:
        loaded = pipeline.load(content, cache)  # fail fast, before a temporary folder even exists
    config_file = config_file or default_config()
    digests: Digests = {}
    records_file = records_file_of(cache_dir, site_dir)
    last = None
    if engine is not None and reuse:
        last = last_site(site_dir, engine, digests, _records(records_file))
    records: dict[str, object] | None = None
    with (
        _dated_by(content),
        # The old site's removal left to a detached process at once when it is large.
        atomic_folder(site_dir, budget=at_once(len(last.files)) if last else None) as staging,
        # The last site linked into the staging folder by another process meanwhile (seeding.py).
        seeding(last.folder if last else None, last.files if last else (), staging, site_dir) as seed,
        drawing or Drawing() as drawing,
    ):
        # One pool for every drawing: the strips and PDFs the pages wait for first, the other
        # pictures drawn while the pages are rendered and published (``schedule.py``).
        pictures = pipeline.start_pictures(loaded.guide, drawing, cache, progress=progress)
        mkdocs = configure(config_file, staging, loaded.pages_dir.resolve(), strict=strict, cache_dir=cache)
        settings = pipeline.Settings(mkdocs.site_url, cache_dir=cache)
        site, later = pipeline.build_beside(loaded, settings, pictures, progress=progress)
        state = mkdocs.publish(
            site, later=later, last=last, seed=seed, progress=progress, processes=processes
        )
        if stamp is not None:  # swapped in with the site it describes
            records = write_stamp(staging, stamp, engine or "", state.to_json(), digests)
    if records is not None and records_file is not None:  # the next build reads only changed files
        with contextlib.suppress(OSError):
            write_own(records_file, json.dumps(records, separators=(",", ":")).encode("utf-8"))
    pages, images, pdfs = count_site(mkdocs.pages, [*site.files, *later.done])
    return BuildReport(pages, images, pdfs, time.perf_counter() - started)


def records_file_of(cache_dir: Path | None, site_dir: Path) -> Path | None:
    """Where the digests of ``site_dir``'s files are kept between builds (``cache.site_records``):
    in the render cache, so trusted as it is, and not at all when another user can write it."""
    trusted = trusted_cache_dir(cache_dir)
    return site_records(trusted, site_dir) if trusted is not None else None


def _records(path: Path | None) -> object:
    """The last build's records of its site's files (``lastbuild.write_stamp``), None if unreadable."""
    data = read_own(path) if path is not None else None
    try:
        return json.loads(data) if data is not None else None
    except ValueError:
        return None


@contextlib.contextmanager
def _dated_by(content: Path) -> Iterator[None]:
    """The sitemap's <lastmod> otherwise carries the build date: the same content built on two
    days would give two different sites. MkDocs honours SOURCE_DATE_EPOCH; one set by the
    caller is kept."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = source_date(content)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def default_config() -> Path:
    """mkdocs.yml of the working folder if there is one, else the guide's own (installed: the starter's)."""
    from .install import default_config_file

    local = Path("mkdocs.yml")
    return local if local.is_file() else default_config_file()


def site_url_of(config_file: Path) -> str:
    """``site_url`` of an mkdocs.yml (read by the MkDocs adapter, the one package importing mkdocs)."""
    from .mkdocs_plugin import site_url_of as read

    return read(config_file)


def default_content() -> Path:
    """./content when it is a content folder, else the guide's own (packaged in a wheel)."""
    from .install import guide_content

    local = Path("content")
    return local if (local / "vocabulary").is_dir() else guide_content()
