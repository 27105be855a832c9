"""The finder's matching rule and facets, the precache list and the search index tidy-up (#10)."""

from __future__ import annotations

import json
from pathlib import Path

from generator import urls
from generator.offline import precache_entries, write_service_worker
from generator.pages import finder, search_terms
from generator.search_index import clean_search_index, plain

from ..conftest import real_guide

GUIDE = real_guide()


def test_calves_and_muscle_groups_are_filter_values() -> None:
    filters = finder.muscle_filters(GUIDE)
    assert filters["calves"] == ["gastrocnemius", "soleus"]
    assert filters["soleus"] == ["soleus"]
    assert set(filters["core"]) == {m.id for m in GUIDE.muscles.values() if m.group == "Core"}
    # Every vocabulary id is a value of its own, whatever groups and shared names exist.
    assert all(filters[m] == [m] for m in GUIDE.muscles)


def test_filters_combine_and_body_weight_answers_to_none() -> None:
    filters = finder.muscle_filters(GUIDE)
    query = {"muscle": "calves", "equipment": "none"}
    found = {s for s, ex in GUIDE.exercises.items() if finder.matches(ex, query, filters)}
    assert found
    for slug in found:
        ex = GUIDE.exercises[slug]
        assert {"gastrocnemius", "soleus"} & set(ex.muscles.primary)
        assert set(ex.equipment.required) <= {"none"}
    only_calves = {
        s for s, ex in GUIDE.exercises.items() if finder.matches(ex, {"muscle": "calves"}, filters)
    }
    assert found < only_calves or found == only_calves


def test_facets_offer_only_values_some_exercise_has() -> None:
    facets = {f.key: f for f in finder.facets(GUIDE, {"hinge": "Hinge"}, {"strength": "Strength"})}
    equipment = [o.value for _, options in facets["equipment"].groups for o in options]
    assert "none" in equipment
    assert all(any(e in finder.equipment_of(ex) for ex in GUIDE.exercises.values()) for e in equipment)
    muscle_values = [o.value for _, options in facets["muscle"].groups for o in options]
    assert "calves" in muscle_values and len(muscle_values) == len(set(muscle_values))


def test_library_cards_escape_their_data() -> None:
    html_card = finder.card(GUIDE, "romanian-deadlift", {})
    assert 'data-muscle="hamstrings glute-max"' in html_card or "data-muscle=" in html_card
    assert "<script" not in html_card


def test_related_exercises_share_the_pattern_and_skip_the_easier_harder_links() -> None:
    for slug, ex in GUIDE.exercises.items():
        linked = {v.exercise for v in [*ex.easier, *ex.harder] if v.exercise}
        for other in finder.related(GUIDE, slug):
            assert other != slug and other not in linked
            assert GUIDE.exercises[other].pattern is ex.pattern


def test_lay_terms_and_short_names() -> None:
    rdl = GUIDE.exercises["romanian-deadlift"]
    assert "RDL" in search_terms.short_names(rdl)
    assert all(" " not in n for n in search_terms.short_names(rdl))
    calf = [ex for ex in GUIDE.exercises.values() if "soleus" in ex.muscles.primary]
    assert calf and all("calf" in search_terms.exercise_terms(ex) for ex in calf)


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for path, body in {
        "index.html": "home",
        "exercises/index.html": "library",
        "exercises/a/index.html": "a",
        "assets/javascripts/bundle.min.js": "js",
        "assets/javascripts/bundle.min.js.map": "map",
        "assets/javascripts/rs-sw.js": "/* worker */",
        "assets/generated/figures/a.png": "p" * 100,
        "assets/generated/figures/a.webp": "w" * 5000,
        "assets/generated/pdf/x/x-a4.pdf": "pdf",
        "search/search_index.json": json.dumps(
            {
                "config": {},
                "docs": [{"location": "exercises/a/#steps", "title": "<b>A</b>", "text": "<p>x &lt;y</p>"}],
            }
        ),
    }.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(body, encoding="utf-8")
    return site


def test_precache_list_keeps_pages_and_pictures_and_leaves_pdfs_and_maps(tmp_path: Path) -> None:
    site = _site(tmp_path)
    paths = [e.path for e in precache_entries(site, [urls.exercise_url("a")])]
    assert paths[:2] == ["", "exercises/"]
    assert "exercises/a/" in paths and "assets/generated/figures/a.png" in paths
    assert not [p for p in paths if p.endswith((".map", ".pdf")) or p.endswith("rs-sw.js")]
    # Over budget, the animations are the first left out.
    small = [e.path for e in precache_entries(site, [urls.exercise_url("a")], budget=1000)]
    assert "assets/generated/figures/a.webp" not in small and "exercises/a/" in small


def test_precache_order_is_each_kind_in_path_order(tmp_path: Path) -> None:
    """One walk of the site lists what the questions of each file listed: pages by URL, theme
    files, data and pictures part by part ('a/x' before 'a-b/x', as paths sort), links as the
    files they point to, folders never."""
    site = _site(tmp_path)
    for path in (
        "assets/stylesheets/a-b/x.css",
        "assets/stylesheets/a/x.css",
        "assets/generated/muscles/b.png",
        "assets/generated/figures-x/c.png",
        "api/programs.json",
        "api/programs/b.json",
        "api/programs-old/a.json",
        "programs/index.html",
        "programs/b/index.html",
        "guide/a-b/index.html",
        "guide/a/index.html",
        "x/rdl/index.html",
    ):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path, encoding="utf-8")
    (site / "assets/stylesheets/link.css").symlink_to(site / "assets/stylesheets/a/x.css")
    (site / "assets/stylesheets/folder.css").mkdir()
    paths = [e.path for e in precache_entries(site, [urls.exercise_url("a")])]
    assert paths == [
        "",
        "exercises/",
        "search/search_index.json",
        "assets/javascripts/bundle.min.js",
        "assets/stylesheets/a/x.css",
        "assets/stylesheets/a-b/x.css",
        "assets/stylesheets/link.css",
        "exercises/a/",
        "guide/a-b/",
        "guide/a/",
        "programs/",
        "programs/b/",
        "x/rdl/",
        "api/programs/b.json",
        "api/programs-old/a.json",
        "api/programs.json",
        "assets/generated/figures/a.png",
        "assets/generated/figures-x/c.png",
        "assets/generated/muscles/b.png",
    ]


def test_service_worker_changes_when_a_precached_file_changes(tmp_path: Path) -> None:
    site = _site(tmp_path)
    write_service_worker(site, ["exercises/a/"])
    first = (site / "sw.js").read_text(encoding="utf-8")
    assert first.startswith("// Written by the RunStrong build") and "/* worker */" in first
    (site / "exercises/a/index.html").write_text("a, edited", encoding="utf-8")
    write_service_worker(site, ["exercises/a/"])
    assert (site / "sw.js").read_text(encoding="utf-8") != first


def test_search_index_becomes_plain_text_with_extra_fields(tmp_path: Path) -> None:
    site = _site(tmp_path)
    clean_search_index(site, {"exercises/a/": {"terms": "calf calves"}})
    doc = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"][0]
    assert doc["terms"].split()[:2] == ["calf", "calves"]  # then other forms a runner types ("calfs")
    assert {k: doc[k] for k in ("location", "title", "text", "body")} == {
        "location": "exercises/a/#steps",
        "title": "A",
        "text": "x &lt;y",  # the teaser (the whole text, here) …
        "body": "",  # … and the rest, both searched
    }
    assert plain("<p>a</p>\n<ul><li>b</li></ul>") == "a b"
