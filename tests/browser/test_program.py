"""Issue 15 in a real Chromium: a program in the pocket, on a 390 × 844 phone.

The longest program of the guide (most weeks, then most prescriptions): Week 1's first session
within two screens, a start date in the address opening its week with today marked, every week
two taps from the top, the calendar file parsed back with a real iCalendar library, the chooser
on the programs index, printing, and the whole site offline after one visit.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import icalendar
import pytest

from generator import urls
from generator.arrange import rearranged
from generator.model import RunType, Weekday
from generator.pages.render import program_goals, program_kit

from ..conftest import real_arrangements, real_guide
from .chromium import first_visit
from .pagechecks import WIDER_THAN_VIEWPORT, axe_violations, open_in_scheme, switch_scheme
from .test_phone import PAGES as PHONE_PAGES
from .test_phone import PHONE, _handwritten_page

pytestmark = [pytest.mark.browser, pytest.mark.no_search]  # conftest.py: an empty search index

GUIDE = real_guide()
ARRANGED = real_arrangements()
SCREEN = PHONE["height"]


def _size(slug: str) -> tuple[int, int]:
    program = GUIDE.programs[slug]
    items = sum(len(d.strength.exercises) for w in program.weeks for d in w.days if d.strength)
    return len(program.weeks), items


LONGEST = max(sorted(GUIDE.programs), key=_size)
PAGE = urls.program_url(LONGEST)


def _moves(slug: str) -> bool:
    """Whether the plan checks allow the long run on another day than written."""
    written = next(a for a in ARRANGED[slug] if a.is_written)
    return any(a.offered and a.long is not written.long for a in ARRANGED[slug])


# The layout tests need a program whose long run may move (the longest may allow only its own).
MOVABLE = max((s for s in sorted(GUIDE.programs) if _moves(s)), key=_size)
MOVABLE_PAGE = urls.program_url(MOVABLE)
ORDER = list(Weekday)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def test_week_one_is_near_the_top_and_the_page_fits_and_passes_axe_light_and_dark(
    browser: Any, site_url: str
) -> None:
    """Opened once, in the light scheme, then switched to dark on the same page (test_phone's
    ``switch_scheme``): the width check and axe-core in both, the controls open."""
    context = open_in_scheme(browser, PHONE)  # a context of its own: nothing remembered
    try:
        page = context.new_page()
        page.goto(site_url + PAGE)
        page.wait_for_selector(".rs-plan:not([hidden])")
        first = page.locator('details.rs-week[data-week="1"] .rs-session h3').first
        top = first.evaluate("h => h.getBoundingClientRect().top + window.scrollY")
        assert top <= 2 * SCREEN, f"Week 1's first session is {top / SCREEN:.2f} screens down"
        # Controls open, so axe and the width check see them too.
        page.click("details.rs-plan-setup > summary")
        page.click("details.rs-weekjump > summary")
        for scheme in ("light", "dark"):
            switch_scheme(page, scheme)
            fit = page.evaluate(WIDER_THAN_VIEWPORT)
            assert not fit["wide"] and fit["scrollWidth"] <= fit["width"], (scheme, fit)
            assert axe_violations(page) == [], scheme
        # Every week jump target is thumb-sized.
        for box in page.locator("details.rs-weekjump nav a").evaluate_all(
            "as => as.map(a => a.getBoundingClientRect()).map(r => [r.width, r.height])"
        ):
            assert box[0] >= 44 and box[1] >= 44
    finally:
        context.close()


@pytest.mark.parametrize("today", ["2027-01-20", "2027-01-24"], ids=["wednesday", "sunday"])
def test_a_start_date_in_week_three_opens_week_three_with_today_marked(
    browser: Any, site_url: str, today: str
) -> None:
    # The browser's clock is pinned: "today" must not move under the test (midnight, time zones).
    day = datetime.date.fromisoformat(today)
    start = _monday(day) - datetime.timedelta(days=14)
    context = first_visit(browser, viewport=PHONE)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime.datetime(day.year, day.month, day.day, 9, 30))
        page.goto(f"{site_url}{PAGE}?start={start.isoformat()}")
        page.wait_for_selector(".rs-today")
        opened = page.locator("details.rs-week[open]").evaluate_all("ds => ds.map(d => d.dataset.week)")
        assert opened == ["3"]
        marked = page.locator('details.rs-week[data-week="3"] [aria-current="date"]')
        assert marked.count() >= 1
        line = page.locator('details.rs-week[data-week="3"] li.rs-today')
        assert line.locator(".rs-date").inner_text().strip() == f"{day.day} {day.strftime('%b')}"
        assert line.locator(".rs-day").inner_text().strip().endswith(ORDER[day.weekday()].value.capitalize())
        # A session that day is marked too, and the "today" line links to it.
        program = GUIDE.programs[LONGEST]
        written = next((d for d in program.weeks[2].days if d.day is ORDER[day.weekday()]), None)
        if written is not None and written.strength is not None:
            assert page.locator('details.rs-week[data-week="3"] .rs-session.rs-today').count() == 1
        # The page opens on week 3: its heading is on the first screen.
        top = page.locator("#week-3").evaluate("h => h.getBoundingClientRect().top")
        assert 0 <= top < SCREEN
        # Remembered on the device: the bare address opens the same way.
        page.goto(site_url + PAGE)
        page.wait_for_selector(".rs-today")
        assert page.locator("details.rs-week[open]").evaluate_all("ds => ds.map(d => d.dataset.week)") == [
            "3"
        ]
        assert f"start={start.isoformat()}" in page.url
    finally:
        context.close()


def test_every_week_is_two_taps_from_the_top(new_page: Callable[..., Any], site_url: str) -> None:
    page = new_page(viewport=PHONE, has_touch=True)
    try:
        page.goto(site_url + PAGE)
        page.wait_for_selector(".rs-plan:not([hidden])")
        for week in range(1, len(GUIDE.programs[LONGEST].weeks) + 1):
            page.evaluate("window.scrollTo(0, 0)")
            page.tap("details.rs-weekjump > summary")  # 1
            page.tap(f'details.rs-weekjump nav a[href$="#week-{week}"]')  # 2
            details = page.locator(f'details.rs-week[data-week="{week}"]')
            assert details.evaluate("d => d.open"), week
            top = page.locator(f"#week-{week}").evaluate("h => h.getBoundingClientRect().top")
            assert -2 <= top < SCREEN / 2, (week, top)
    finally:
        page.close()


def _session_dates(slug: str, start: datetime.date, key: str) -> dict[tuple[int, str], datetime.date]:
    """(week, written day) → date, computed from the program in Python (not from the page)."""
    program = GUIDE.programs[slug]
    layout = next(a for a in ARRANGED[slug] if a.key == key)
    moved = rearranged(program, layout.days)
    dates: dict[tuple[int, str], datetime.date] = {}
    for w, (written, arranged) in enumerate(zip(program.weeks, moved.weeks, strict=True), start=1):
        for before, after in zip(written.days, arranged.days, strict=True):
            if before.run.type is RunType.rest and before.strength is None and not before.tests:
                continue
            dates[(w, before.day.value)] = start + datetime.timedelta(
                days=7 * (w - 1) + ORDER.index(after.day)
            )
    return dates


def test_the_calendar_file_parses_and_every_event_falls_on_its_session_date(
    browser: Any, site_url: str
) -> None:
    context = first_visit(browser, viewport=PHONE)
    start = datetime.date(2027, 1, 4)
    written = next(a for a in ARRANGED[MOVABLE] if a.is_written)
    other = next(
        a for a in ARRANGED[MOVABLE] if a.offered and not a.is_written and a.long is not written.long
    )
    try:
        page = context.new_page()
        page.goto(site_url + MOVABLE_PAGE)
        page.wait_for_selector(".rs-plan:not([hidden])")
        data = page.evaluate(f"fetch('{site_url}api/programs/{MOVABLE}.json').then(r => r.json())")
        texts = {
            (day, key): page.evaluate("([d, s, k]) => runstrongProgram.ics(d, s, k)", [data, day, key])
            for day in (start.isoformat(), "2027-03-10")
            for key in (written.key, other.key)
        }
        # The download button gives the same file as the page's own builder.
        page.click("details.rs-plan-setup > summary")
        page.fill("#rs-start", start.isoformat())
        page.click(".rs-plan-form button[type=submit]")
        page.wait_for_selector("[data-rs-ics][href^='blob:']")
        downloaded = page.evaluate("fetch(document.querySelector('[data-rs-ics]').href).then(r => r.text())")
        assert downloaded == texts[(start.isoformat(), written.key)]
    finally:
        context.close()

    uids: dict[tuple[str, str], list[str]] = {}
    for (day, key), text in texts.items():
        raw = text.encode()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "a line longer than 75 octets"
        calendar = icalendar.Calendar.from_ical(text)
        assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]).startswith("-//RunStrong//")
        events = list(calendar.walk("VEVENT"))
        monday = _monday(datetime.date.fromisoformat(day))
        expected = _session_dates(MOVABLE, monday, key)
        got: dict[tuple[int, str], datetime.date] = {}
        for event in events:
            for field in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
                assert field in event, field
            begin = event["DTSTART"].dt
            assert isinstance(begin, datetime.date) and not isinstance(begin, datetime.datetime)  # all-day
            assert event["DTEND"].dt == begin + datetime.timedelta(days=1)
            _, _, week, written_day = str(event["UID"]).split("@")[0].rsplit("-", 3)
            got[(int(week), written_day)] = begin
        assert got == expected, (day, key)
        uids[(day, key)] = sorted(str(e["UID"]) for e in events)
        assert len(set(uids[(day, key)])) == len(events)
    # Another start date or layout: the same events (a re-import updates them).
    assert len({tuple(u) for u in uids.values()}) == 1
    # The same choice gives the same bytes (DTSTAMP included).
    session = next(d for d in GUIDE.programs[MOVABLE].weeks[0].days if d.strength)
    assert session.strength is not None
    assert session.strength.name in texts[(start.isoformat(), written.key)]


def test_choosing_a_long_run_day_moves_the_days_and_stays_in_the_address(browser: Any, site_url: str) -> None:
    written = next(a for a in ARRANGED[MOVABLE] if a.is_written)
    other = next(a for a in ARRANGED[MOVABLE] if a.offered and a.long is not written.long)
    assert written.long is not None and other.long is not None
    context = first_visit(browser, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + MOVABLE_PAGE)
        page.wait_for_selector(".rs-plan:not([hidden])")
        page.click("details.rs-plan-setup > summary")
        page.select_option("#rs-long", other.long.value)
        page.select_option("#rs-quality", other.key)
        page.click(".rs-plan-form button[type=submit]")
        page.wait_for_url(f"**layout={other.key}**")
        long_line = page.locator(
            f'details.rs-week[data-week="1"] li[data-day="{written.long.value}"] .rs-day'
        )
        assert long_line.inner_text().strip() == other.long.value.capitalize()
        # The week reads in the runner's order, Monday first.
        shown = page.locator('details.rs-week[data-week="1"] .rs-days .rs-day').all_inner_texts()
        assert [ORDER.index(Weekday(d.strip().lower())) for d in shown] == sorted(
            ORDER.index(Weekday(d.strip().lower())) for d in shown
        )
        # Session headings and their copy-link labels carry the new day.
        for h in page.locator('details.rs-week[data-week="1"] .rs-session h3').all():
            label = h.locator(".rs-copy-link").get_attribute("aria-label") or ""
            day = h.locator(".rs-day").inner_text().strip()
            assert label.startswith("Copy link to Week 1 · " + day)
        page.goto(site_url + MOVABLE_PAGE)
        page.wait_for_selector(".rs-plan:not([hidden])")
        assert long_line.inner_text().strip() == other.long.value.capitalize()
    finally:
        context.close()


def test_without_javascript_the_program_is_complete_and_the_index_a_plain_list(
    new_page: Callable[..., Any], site_url: str
) -> None:
    page = new_page(viewport=PHONE, java_script_enabled=False)
    try:
        page.goto(site_url + PAGE)
        program = GUIDE.programs[LONGEST]
        sessions = sum(1 for w in program.weeks for d in w.days if d.strength)
        assert page.locator(".rs-session h3").count() == sessions
        assert page.locator(".rs-days > li").count() == sum(len(w.days) for w in program.weeks)
        assert not page.locator(".rs-plan").is_visible()
        assert page.locator('details.rs-week[data-week="1"]').evaluate("d => d.open")
        page.goto(site_url + urls.url_of(urls.PROGRAMS_SOURCE))
        assert not page.locator("form.rs-chooser").is_visible()
        assert page.locator(".rs-program-card:visible").count() == len(GUIDE.programs)
    finally:
        page.close()


def test_the_chooser_narrows_the_programs_and_says_why_each_fits(
    new_page: Callable[..., Any], site_url: str
) -> None:
    runs = sorted({p.runner.run_days for p in GUIDE.programs.values() if p.runner})[0]
    query = {"runs": str(runs), "kit": "none"}
    expected = {
        slug
        for slug, p in GUIDE.programs.items()
        if p.runner and runs - 2 <= p.runner.run_days <= runs and program_kit(p, GUIDE).value == "none"
    }
    page = new_page(viewport=PHONE)
    try:
        page.goto(f"{site_url}{urls.url_of(urls.PROGRAMS_SOURCE)}?runs={query['runs']}&kit={query['kit']}")
        page.wait_for_selector("form.rs-chooser:not([hidden])")
        shown = page.locator(".rs-program-card:visible h2 a:not(.headerlink)").evaluate_all(
            "as => as.map(a => new URL(a.href).pathname.split('/').filter(Boolean).pop())"
        )
        assert set(shown) == expected
        for reason in page.locator(".rs-program-card:visible .rs-fit").all_inner_texts():
            assert reason.startswith("Fits you:") and "needs no kit" in reason
        page.select_option("#rs-goal", "none")
        assert "goal=none" in page.url
        for slug in page.locator(".rs-program-card:visible h2 a:not(.headerlink)").evaluate_all(
            "as => as.map(a => new URL(a.href).pathname.split('/').filter(Boolean).pop())"
        ):
            assert "none" in program_goals(GUIDE.programs[slug])
    finally:
        page.close()


def test_print_hides_the_controls_and_can_print_one_week(new_page: Callable[..., Any], site_url: str) -> None:
    page = new_page(viewport=PHONE)
    try:
        page.goto(site_url + PAGE)
        page.wait_for_selector(".rs-plan:not([hidden])")
        page.evaluate("window.print = () => { window.dispatchEvent(new Event('beforeprint')) }")
        page.locator('details.rs-week[data-week="2"]').evaluate("d => d.open = true")
        page.locator('details.rs-week[data-week="2"] .rs-print-week').click()
        page.emulate_media(media="print")
        hidden = ".rs-copy-link, details.rs-weekjump, .rs-plan, .rs-print-week"
        assert page.locator(hidden).evaluate_all("es => es.filter(e => e.checkVisibility())") == []
        shown = page.locator("details.rs-week").evaluate_all(
            "ds => ds.filter(d => getComputedStyle(d).display !== 'none').map(d => d.dataset.week)"
        )
        assert shown == ["2"]
        summary = page.locator('details.rs-week[data-week="2"] > summary')
        assert summary.evaluate("s => getComputedStyle(s).breakAfter") == "avoid"
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        shown = page.locator("details.rs-week").evaluate_all(
            "ds => ds.filter(d => getComputedStyle(d).display !== 'none').map(d => d.dataset.week)"
        )
        assert len(shown) == len(GUIDE.programs[LONGEST].weeks)
    finally:
        page.close()


def test_after_one_visit_the_whole_site_works_offline(browser: Any, site_url: str) -> None:
    """One visit to the home page (and a program) online; then the network goes: pages opened
    before and never opened render, an exercise page with its figure. (One test, so the site is
    precached once: test_phone's offline page with its figure joined this one.)"""
    other = next(s for s in sorted(GUIDE.programs) if s != LONGEST)
    slug = sorted(GUIDE.exercises)[0]
    code = GUIDE.short_code(slug)
    pictured = next(
        s for s, ex in sorted(GUIDE.exercises.items()) if ex.figure is not None and s != "romanian-deadlift"
    )
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
        page.goto(site_url + PHONE_PAGES["program"])  # opened once online: kept for later
        # The precache is complete once the worker is active and its cache holds the list.
        page.wait_for_function(
            "caches.keys().then(ks => ks.some(k => k.startsWith('runstrong-precache-')))", timeout=30_000
        )
        page.wait_for_function(
            f"Promise.all([caches.match('{site_url}offline/'), caches.match('{site_url}{urls.program_url(other)}')])"
            ".then(rs => rs.every(Boolean))",
            timeout=30_000,
        )
        context.set_offline(True)
        for path in (urls.exercise_url(pictured), PHONE_PAGES["library"], PHONE_PAGES["program"], ""):
            response = page.goto(site_url + path)
            assert response is not None and response.ok, path
            assert page.locator("article h1").first.is_visible(), path
        page.goto(site_url + urls.exercise_url(pictured))
        figure = page.locator(
            f'article img[src$="{urls.figure_strip_path(pictured).rsplit("/", 1)[-1]}"]:visible'
        ).first
        figure.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=figure.element_handle(), timeout=10_000
        )
        assert (
            page.locator("article h1").first.inner_text().strip().removesuffix("¶")
            == GUIDE.exercises[pictured].name
        )
        for path, title in (
            (urls.program_url(other), GUIDE.programs[other].name),
            (_handwritten_page(), None),
            (urls.url_of(urls.library_group_source("by-muscle")), "Exercises by muscle"),
            (urls.short_url(code), GUIDE.exercises[slug].name),
            (urls.short_url(code).rstrip("/"), GUIDE.exercises[slug].name),
            (urls.url_of(urls.OFFLINE_SOURCE), "You are offline"),
        ):
            page.goto(site_url + path)
            page.wait_for_load_state("load")
            if title is not None:
                page.wait_for_function(
                    "t => document.querySelector('article h1')?.textContent.startsWith(t)",
                    arg=title,
                    timeout=10_000,
                )
            assert page.locator("article h1").first.is_visible(), path
        # A page never published: our offline page, listing what is stored.
        page.goto(site_url + "no/such/page/")
        assert page.locator("article h1").first.inner_text().startswith("You are offline")
        page.wait_for_function("document.querySelectorAll('.rs-offline-list li').length > 0", timeout=10_000)
        stored = page.locator(".rs-offline-list a").all_inner_texts()
        assert GUIDE.programs[other].name in stored
    finally:
        context.close()


RACED = next(
    (
        s
        for s in sorted(GUIDE.programs)
        for w in GUIDE.programs[s].weeks
        for d in w.days
        if d.run.type is RunType.race
    ),
    None,
)


@pytest.mark.skipif(RACED is None, reason="no program of the guide has a race")
@pytest.mark.parametrize("shift", [0, -1], ids=["race-day-as-written", "a-day-earlier"])
def test_a_race_date_counts_the_start_back_and_moves_the_race_day(
    browser: Any, site_url: str, shift: int
) -> None:
    """The race lands on the date given: the start is counted back from it, and a race date on
    another weekday picks the layout (if one is offered) that races that day."""
    assert RACED is not None
    program = GUIDE.programs[RACED]
    week, written = next(
        (w, d.day)
        for w, wk in reversed(list(enumerate(program.weeks, start=1)))
        for d in wk.days
        if d.run.type is RunType.race
    )
    race = datetime.date(2027, 3, 1) + datetime.timedelta(days=ORDER.index(written) + shift)
    wanted = ORDER[race.weekday()]
    layout = next((a for a in ARRANGED[RACED] if a.offered and a.days[written] is wanted), None)
    context = first_visit(browser, viewport=PHONE)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime.datetime(2026, 12, 1, 9, 0))
        page.goto(f"{site_url}{urls.program_url(RACED)}?race={race.isoformat()}")
        page.wait_for_selector(".rs-plan:not([hidden])")
        line = page.locator(f'details.rs-week[data-week="{week}"] li[data-day="{written.value}"]')
        page.wait_for_function(
            'd => document.querySelector(`details.rs-week[data-week="${d[0]}"] li[data-day="${d[1]}"] .rs-date`)'
            ".textContent !== ''",
            arg=[week, written.value],
        )
        if layout is None:
            assert "No layout" in (page.locator(".rs-plan-why").text_content() or "")
            return
        assert (line.locator(".rs-date").text_content() or "").strip() == f"{race.day} {race.strftime('%b')}"
        assert (line.locator(".rs-day").text_content() or "").strip() == wanted.value.capitalize()
        first = (
            page.locator('details.rs-week[data-week="1"] .rs-days li')
            .first.locator(".rs-date")
            .text_content()
            or ""
        )
        monday = _monday(race) - datetime.timedelta(days=7 * (week - 1))
        assert first.strip() == f"{monday.day} {monday.strftime('%b')}"
    finally:
        context.close()


def test_an_address_it_cannot_read_is_said_not_ignored(browser: Any, site_url: str) -> None:
    context = first_visit(browser, viewport=PHONE)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        for query in ("start=2027-02-30", "start=soon", "layout=nope", "race=2027-13-01&layout=mon-mon"):
            page.goto(f"{site_url}{PAGE}?{query}")
            page.wait_for_selector(".rs-plan:not([hidden])")
            why = page.locator(".rs-plan-why").inner_text()
            assert "is not a date" in why or "is not one the guide offers" in why, query
            # The program as written, no dates, nothing marked today; nothing remembered.
            assert page.locator(".rs-today").count() == 0, query
            assert page.locator('details.rs-week[data-week="1"]').evaluate("d => d.open"), query
            assert page.evaluate(f"localStorage.getItem('runstrong:program:{LONGEST}')") is None, query
        assert errors == []
    finally:
        context.close()
