"""``runstrong serve``: the live-reloading preview, and what it says while it runs."""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time

from .commands import cache_of, config_of, guide_folder, loaded_of


def serve(args: argparse.Namespace) -> int:
    from .failures import check_port_free
    from .mkdocs_plugin import serve as run_mkdocs_serve

    content = guide_folder(args).resolve()
    config = config_of(args)
    cache = cache_of(args)
    loaded = loaded_of(content, cache)  # report content errors up front, in our format
    check_port_free(args.dev_addr)  # before MkDocs spends seconds on a first build
    _ServeLog.install()
    run_mkdocs_serve(config, loaded, args.dev_addr, cache_dir=cache)
    return 0


class _ServeLog(logging.Handler):
    """What someone previewing needs from MkDocs' log: the address, and each rebuild as it ends.

    MkDocs says both only at INFO, among chatter; warnings and errors still reach stderr
    through the handler of ``mkdocs_plugin.quiet_mkdocs``. The plugin says how many pages a
    build rendered (a rebuild renders only what the edit touched); it is told with the time.
    """

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.builds = 0
        self.pages = ""

    @classmethod
    def install(cls) -> None:
        from .mkdocs_plugin import quiet_mkdocs

        quiet_mkdocs()
        handler = cls()
        for name in ("mkdocs", "runstrong"):
            logger = logging.getLogger(name)
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        # The live-reload server stamps its messages "[12:00:00] "; the stamp is printed anew.
        message = re.sub(r"^\[[\d:]+\] ", "", record.getMessage())
        now = time.strftime("%H:%M:%S")
        if record.name == "runstrong":
            if record.levelno >= logging.WARNING:  # the plugin's own warnings (a placeholder site_url)
                print(message, file=sys.stderr, flush=True)
            elif match := re.fullmatch(r"runstrong: (\d+) of (\d+) pages rendered", message):
                self.pages = f" ({match[1]} of {match[2]} pages)"
            elif message == "runstrong: the plan checks find nothing now":  # an edit cleared them
                print(f"{now} plan checks: no warnings now", flush=True)
        elif message.startswith("Serving on "):
            url = message.removeprefix("Serving on ").split()[0]
            print(f"Serving on {url} (edits to the content rebuild it; Ctrl+C stops)", flush=True)
        elif message == "Detected file changes":
            print(f"{now} content changed: rebuilding…", flush=True)
        elif message.startswith("Documentation built in "):
            seconds = message.removeprefix("Documentation built in ").removesuffix(" seconds")
            self.builds += 1
            done = "built" if self.builds == 1 else "rebuilt"
            print(f"{now} {done} in {seconds} s{self.pages}", flush=True)
            self.pages = ""
