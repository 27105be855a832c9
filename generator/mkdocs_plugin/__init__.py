"""The MkDocs adapter: the only package that imports mkdocs (tests/test_architecture.py holds it).

Thin on purpose (MkDocs 2.0 drops plugins; the generator must outlive this package), one job a
file:

- ``plugin.py``: the ``runstrong`` plugin, MkDocs' events (the entry point names it here);
- ``run.py``: running MkDocs for the command line (``configure`` + ``publish``, ``serve``,
  ``site_url_of``);
- ``dirty.py``: MkDocs' dirty build made exact (only the pages whose Markdown changed);
- ``theme.py``: the packaged theme put in, unused theme files left out, compiled templates kept.
"""

from mkdocs.exceptions import MkDocsException

from .handover import Handover
from .plugin import RunStrongPlugin
from .run import MkDocsBuild, configure, quiet_mkdocs, serve, site_url_of

__all__ = [
    "Handover",
    "MkDocsBuild",
    "MkDocsException",
    "RunStrongPlugin",
    "configure",
    "quiet_mkdocs",
    "serve",
    "site_url_of",
]
