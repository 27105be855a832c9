"""Issue 18: the ranking search_index.py computes (word forms, phrases, teasers, guide topics),
the guide pages' search terms and their anchors, and the finder's kit rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import urls
from generator.errors import ContentErrors
from generator.handwritten import heading_anchors
from generator.load import load_guide
from generator.pages import finder, search_terms
from generator.pages.render import video_embed
from generator.search_index import (
    FIELD_BOOSTS,
    INDEX,
    SEPARATOR,
    clean_search_index,
    field_text,
    name_phrases,
    new_forms,
    phrase_token,
    rank_entries,
    teaser,
    word_forms,
)

from .conftest import CONTENT, real_guide

GUIDE = real_guide()


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("stair", {"stairs"}),
        ("lunge", {"lunges"}),
        ("lunges", {"lunge"}),
        ("calf", {"calves", "calfs"}),
        ("calves", {"calf"}),
        ("injury", {"injuries"}),
        ("stretches", {"stretch"}),
        ("hop", {"hops", "hopping"}),
        ("running", {"run"}),
    ],
)
def test_word_forms_a_runner_types(word: str, forms: set[str]) -> None:
    assert forms <= set(word_forms(word))


def test_only_forms_no_present_word_starts_with_are_added() -> None:
    # "lunge" is found in "lunges" by a prefix query already; "calves" is not in "calf".
    assert new_forms(["lunges", "calf"], ["lunges", "calf"]) == ["calfs", "calves"]
    assert new_forms(["the", "for"], []) == []  # stop words get no forms


def test_phrases_are_one_token_that_a_word_alone_cannot_prefix() -> None:
    assert phrase_token("IT band") == "_it_band"
    assert phrase_token("runner's knee") == "_runners_knee"
    text = field_text(["IT band", "knee"])
    assert "_it_band" in text.split() and "band" not in text.split() and "knee" in text.split()


def test_full_names_win_over_names_that_contain_them() -> None:
    rdl = name_phrases({"titles": ["Romanian deadlift"], "names": ["RDL"]})
    single = name_phrases({"titles": ["Single-leg Romanian deadlift"]})
    assert "_romanian_deadlift" in rdl["names"]
    assert "_romanian_deadlift" not in single["names"] and "_romanian_deadlift" in single["terms"]


def test_teasers_are_a_line_or_two_of_whole_words() -> None:
    long = "Rising onto the toes of one foot from a step edge, knee straight. " * 10
    short = teaser(long)
    assert len(short) <= 160 and long.startswith(short)
    assert teaser("word " * 100).endswith(" …")
    assert not teaser("a &amp; b " * 40).removesuffix(" …").endswith("&amp")


def test_guide_sections_get_topics_and_the_index_its_weights(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    docs = [
        {"location": "guide/hurts/", "title": "Where it hurts", "text": "<p>Pain.</p>"},
        {"location": "guide/hurts/#knee", "title": "Knee", "text": "<p>Stairs hurt.</p>"},
        {"location": "guide/hurts/#shin", "title": "Shin", "text": "<p>Shins.</p>"},
    ]
    (site / INDEX).write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}), encoding="utf-8")
    topics = {
        "guide/hurts/": ["pain"],
        "guide/hurts/#knee": ["knee", "runner's knee"],
        "guide/hurts/#shin": ["shin"],
    }
    clean_search_index(site, {}, topics)
    index = json.loads((site / INDEX).read_text(encoding="utf-8"))
    assert index["config"]["separator"] == SEPARATOR
    assert {k: v["boost"] for k, v in index["config"]["fields"].items() if k in FIELD_BOOSTS} == FIELD_BOOSTS
    by = {d["location"]: d for d in index["docs"]}
    assert "_runners_knee" in by["guide/hurts/#knee"]["topics"].split()
    # The first section with topics ranks a little above the next (same words, page order).
    assert by["guide/hurts/#knee"]["boost"] > by["guide/hurts/#shin"]["boost"]
    # "Stairs" in the text: "stair" is its form, and so found by "stair" and by "stairs".
    once = (site / INDEX).read_bytes()
    clean_search_index(site, {}, topics)
    assert (site / INDEX).read_bytes() == once


def test_rank_entries_is_the_same_run_twice() -> None:
    docs = [{"location": "a/", "title": "Calf raise", "text": "Lunges and stairs. " * 20}]
    once = rank_entries([dict(d) for d in docs], {"a/": ["calf"]})
    twice = rank_entries([dict(d) for d in once], {"a/": ["calf"]})
    assert once == twice


def test_the_guides_section_terms_name_real_sections_and_find_its_exercises() -> None:
    topics = search_terms.page_topics(CONTENT / "pages")
    hurts = "guide/where-it-hurts/"
    anchors = heading_anchors((CONTENT / "pages/guide/where-it-hurts.md").read_text(encoding="utf-8"))
    sections = [loc.split("#")[1] for loc in topics if loc.startswith(hurts + "#")]
    assert sections and set(sections) <= set(anchors)
    helps = search_terms.section_helps(CONTENT / "pages")
    # The exercises the knee section lists are found by its words; one it warns off is not.
    assert "knee" in helps[urls.exercise_url("wall-sit")]
    assert "achilles" not in helps.get(urls.exercise_url("pogo-hops"), [])


def test_a_section_term_naming_no_heading_is_an_error_with_a_hint(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    page = content / "pages/guide/where-it-hurts.md"
    text = page.read_text(encoding="utf-8").replace("    shin: [shin,", "    shins: [shin,", 1)
    page.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_guide(content)
    message = str(caught.value)
    assert "where-it-hurts.md:" in message and "search.sections.shins" in message
    assert "did you mean 'shin'" in message


def test_heading_anchors_follow_the_toc_extension() -> None:
    text = "# Title\n\n## Outside of the knee (IT band)\n\n```\n## not a heading\n```\n\n## Dose { #dose }\n\n## Title\n"
    assert heading_anchors(text) == ["title", "outside-of-the-knee-it-band", "dose", "title_1"]


def test_kit_allows_what_a_runner_has() -> None:
    for slug, ex in GUIDE.exercises.items():
        needed = set(ex.equipment.required) - {"none"}
        assert finder.kit_allows(ex, needed), slug
        assert finder.kit_allows(ex, set()) == (not needed), slug
    filters = finder.muscle_filters(GUIDE)
    wall_step = {
        s for s, ex in GUIDE.exercises.items() if finder.matches(ex, {"equipment": "wall,step"}, filters)
    }
    assert wall_step == {s for s, ex in GUIDE.exercises.items() if finder.kit_allows(ex, {"wall", "step"})}


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("https://vimeo.com/123456", "https://player.vimeo.com/video/123456?dnt=1&autoplay=1"),
        ("https://coach.example/demos/rdl.mp4", ""),
    ],
)
def test_video_players_load_only_from_known_hosts(url: str, embed: str) -> None:
    assert video_embed(url) == embed


def test_a_video_is_a_link_and_a_tap_to_play_never_a_player_on_load() -> None:
    from generator.pages import render_pages

    guide = load_guide(CONTENT)
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    guide.exercises["wall-sit"] = guide.exercises["wall-sit"].model_copy(update={"video": url})
    page = next(f for f in render_pages(guide) if f.path == urls.exercise_source("wall-sit")).content.decode()
    assert f"]({url})" in page and 'data-embed="https://www.youtube-nocookie.com/embed/' in page
    assert "<iframe" not in page and "youtube.com/vi/" not in page  # no player, no thumbnail
