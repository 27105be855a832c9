"""What every page kind is checked for, at each width and in each colour scheme: nothing wider
than the screen, and axe-core's WCAG 2.2 A/AA rules; and how a page is switched between light
and dark without loading it again. Shared by test_phone.py and test_program.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .chromium import first_visit

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"

# Elements wider than the viewport, and boxes that scroll sideways, ignoring what is hidden or
# slid out of view on purpose and what a clipping parent cuts off (the finder's key-frame crops).
WIDER_THAN_VIEWPORT = """() => {
  const width = document.documentElement.clientWidth
  const wide = []
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect()
    if (box.width === 0 || box.height === 0 || box.right <= 0) continue
    const style = getComputedStyle(el)
    if (style.visibility === "hidden") continue
    if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      wide.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways`)
    }
    let right = box.right
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (["hidden", "clip"].includes(getComputedStyle(up).overflowX)) {
        right = Math.min(right, up.getBoundingClientRect().right)
      }
    }
    if (right > width + 1) wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(right)}px`)
  }
  return { width, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 5) }
}"""


def axe_violations(page: Any) -> list[str]:
    """Serious and critical WCAG 2.2 A/AA violations (axe-core is in the page: add_init_script)."""
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})"
    )
    return [
        f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]} {v['nodes'][0]['failureSummary'][:200]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# Material keeps the palette a page chose in local storage and applies it on the next page
# before the system's preference: cleared before any page script runs, so every page of a
# context opens in the context's colour scheme, as on a first visit.
FORGET_PALETTE = """for (const key of Object.keys(localStorage)) {
  if (key.endsWith("__palette")) localStorage.removeItem(key)
}"""
SCHEMES = {"light": "default", "dark": "slate"}  # colour scheme -> Material's palette scheme


def open_in_scheme(browser: Any, viewport: dict[str, int]) -> Any:
    """A context in the light scheme (``first_visit``: no service worker) with axe-core in every
    page, and Material's stored palette forgotten between pages (``FORGET_PALETTE``): a page
    opens light, ``switch_scheme`` turns it dark without loading it again."""
    context = first_visit(browser, viewport=viewport, color_scheme="light")
    # Injected into every page as it is created: one read of the 650 KB file, no round trip a page.
    context.add_init_script(path=str(AXE))
    context.add_init_script(FORGET_PALETTE)
    return context


def switch_scheme(page: Any, scheme: str) -> None:
    """Show ``page`` in ``scheme`` ('light' or 'dark') without reloading it: the system's
    preference changes (``emulate_media``) and the palette is switched by Material's own toggle
    input, the code that paints a page opened in that preference (Material picks the palette
    once, when the page opens, and does not follow a later change of preference). Returns once
    the new palette is painted (Material's ``data-md-color-switching`` is gone)."""
    page.emulate_media(color_scheme=scheme)
    wanted = SCHEMES[scheme]
    page.evaluate(
        """wanted => {
          if (document.body.dataset.mdColorScheme === wanted) return
          const input = document.querySelector(`input[name=__palette][data-md-color-scheme=${wanted}]`)
          if (!input) throw new Error(`no palette ${wanted} on ${location.pathname}`)
          input.click()
        }""",
        wanted,
    )
    page.wait_for_function(
        "wanted => document.body.dataset.mdColorScheme === wanted"
        " && !document.body.hasAttribute('data-md-color-switching')",
        arg=wanted,
    )


def fit_and_axe(page: Any, label: str, problems: dict[str, object]) -> None:
    """Add what is wider than the screen and what axe-core finds on ``page`` to ``problems``."""
    fit = page.evaluate(WIDER_THAN_VIEWPORT)
    if fit["wide"] or fit["scrollWidth"] > fit["width"]:
        problems[f"{label}: wider than {fit['width']} px"] = fit
    violations = axe_violations(page)
    if violations:
        problems[f"{label}: axe"] = violations
