"""Screenshot pages of a built site with Debian's Chromium (for the README and for review).

.venv/bin/python scripts/screenshots.py site OUT_DIR [PATH ...] [--dark] [--mobile]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository: tests.browser
from tests.browser.chromium import launch, serve_folder  # the flags the browser tests use


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "paths", nargs="*", default=["", "exercises/", "exercises/romanian-deadlift/", "programs/foundation/"]
    )
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--mobile", action="store_true")
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    parser.add_argument("--wait", type=int, default=0, help="ms to wait (animations) before the shot")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    size = {"width": 390, "height": 844} if args.mobile else {"width": 1280, "height": 860}
    with serve_folder(args.site) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(
            viewport=size, color_scheme="dark" if args.dark else "light", device_scale_factor=1
        )
        for path in args.paths:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(args.wait)
            name = (
                (path.strip("/").replace("/", "-") or "home")
                + ("-dark" if args.dark else "")
                + ("-mobile" if args.mobile else "")
            )
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=args.full)
            print(args.out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
