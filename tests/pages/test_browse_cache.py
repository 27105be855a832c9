"""Browse pages kept by what they show: an edit they do not show renders none of them again,
and one they show is shown (compared with a render that keeps nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import urls
from generator.model import Guide, Level
from generator.pages import pagecache, render

from ..conftest import real_guide


def browse(guide: Guide, cache_dir: Path | None) -> dict[str, str]:
    files = render.render_pages(guide, cache_dir=cache_dir)
    wanted = {urls.library_group_source(g.key) for g in urls.GROUPINGS}
    return {f.path: f.content.decode() for f in files if f.path in wanted}


def edited(guide: Guide, slug: str, **changes: object) -> Guide:
    ex = guide.exercises[slug]
    update = {k: v for k, v in changes.items() if k != "muscles"}
    if "muscles" in changes:
        update["muscles"] = ex.muscles.model_copy(update=changes["muscles"])  # type: ignore[arg-type]
    exercises = {**guide.exercises, slug: ex.model_copy(update=update)}
    return guide.model_copy(update={"exercises": exercises})


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"summary": "Another summary."}, False),
        ({"cues": ["Another cue."]}, False),
        ({"name": "Zzz renamed"}, True),
        ({"level": Level.advanced}, True),
        ({"muscles": {"secondary": ["adductors"]}}, True),
    ],
)
def test_browse_pages_are_rendered_again_only_for_what_they_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changes: dict[str, object], shown: bool
) -> None:
    guide = real_guide()
    slug = "glute-bridge"
    pagecache.forget()
    browse(guide, tmp_path)  # kept
    rendered: list[str] = []
    original = render._render

    def counting(template: str, **context: object) -> str:
        rendered.append(template)
        return original(template, **context)

    monkeypatch.setattr(render, "_render", counting)
    after = edited(guide, slug, **changes)
    pages = browse(after, tmp_path)
    assert (rendered.count("grouping.md.j2") > 0) is shown
    pagecache.forget()
    assert pages == browse(after, None), "the same pages as a render that keeps nothing"
