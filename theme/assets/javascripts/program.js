// A program in the pocket (issue 15): dates, "fit it to my week", the calendar file, the week
// folds and printing one week, on a program page; the chooser on the programs index.
//
// Nothing here knows a training rule. The layouts a runner may choose were computed and
// checked at build time by the plan checks (generator/arrange.py) and are read from the
// program's open data (api/programs/<slug>.json); this script only applies them. Without
// JavaScript the page is the program as written, complete.
;(function () {
  "use strict"

  var DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
  var DAY_SHORT = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" }
  var DAY_LONG = {
    mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday"
  }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  var DAY_MS = 86400000
  var STORE = "runstrong:program:"

  // --- Dates, in UTC days so a clock change never moves a session ----------------------------
  function parseDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "")
    if (!m) return null
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3])
    var d = new Date(t)
    if (d.getUTCMonth() !== +m[2] - 1) return null
    return t
  }
  function iso(t) { return new Date(t).toISOString().slice(0, 10) }
  function weekdayOf(t) { return (new Date(t).getUTCDay() + 6) % 7 } // Monday 0
  function mondayOf(t) { return t - weekdayOf(t) * DAY_MS }
  function shortDate(t) { var d = new Date(t); return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] }
  function todayUtc() {
    var now = new Date()
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())
  }

  // The date of a written day of a week, under a layout: week 1 starts on the Monday of the
  // start date, and each day moves to the runner's weekday.
  function dateOf(start, week, writtenDay, layout) {
    var day = layout ? layout.days[writtenDay] : writtenDay
    return start + ((week - 1) * 7 + DAYS.indexOf(day)) * DAY_MS
  }

  // --- Calendar file (RFC 5545) ---------------------------------------------------------------
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n")
  }
  // Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character.
  function fold(line) {
    var encoder = new TextEncoder()
    if (encoder.encode(line).length <= 75) return line
    var out = []
    var current = ""
    var size = 0
    var limit = 75
    for (var ch of line) {
      var n = encoder.encode(ch).length
      if (size + n > limit) {
        out.push(current)
        current = " "
        size = 1
      }
      current += ch
      size += n
    }
    out.push(current)
    return out.join("\r\n")
  }
  function compact(t) { return iso(t).replace(/-/g, "") }

  // One all-day event per training day (a run or a session; rest days have none). The UID is
  // the program, the week and the day as written, so importing again after a change of start
  // date or layout updates each event instead of adding a second.
  function buildIcs(data, start, layout, siteRoot) {
    var host = new URL(siteRoot).hostname || "runstrong"
    var page = new URL(data.url, siteRoot).href
    var stamp = compact(start) + "T000000Z"
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//RunStrong//Program calendar " + data.format_version + "//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(data.name)
    ]
    data.weeks.forEach(function (week) {
      week.days.forEach(function (day) {
        var tests = day.tests || []
        if (day.run.type === "rest" && !day.strength && !tests.length) return
        var date = dateOf(start, week.number, day.day, layout)
        var runnerDay = layout ? layout.days[day.day] : day.day
        var title = "Week " + week.number + " · " + DAY_SHORT[runnerDay] + ": " + day.run.line
        var text = [day.run.line + (day.run.description ? ": " + day.run.description : "")]
        if (tests.length) {
          title += " + capacity tests"
          text.push("Capacity tests: " + tests.join(", "))
        }
        var url = page + "#" + week.anchor
        if (day.strength) {
          title += " + " + day.strength.name
          url = page + "#" + day.strength.anchor
          text.push("", day.strength.name + ":")
          day.strength.exercises.forEach(function (p) {
            text.push("- " + p.name + ": " + p.dose + (p.note ? " (" + p.note + ")" : "") + " " + new URL(p.url, siteRoot).href)
          })
          text.push("", "Session card (PDF): " + new URL(week.pdf.a4, siteRoot).href)
        }
        text.push("", "Week " + week.number + (week.phase_name ? " (" + week.phase_name + ")" : "") + ": " + week.focus)
        text.push(url)
        lines.push(
          "BEGIN:VEVENT",
          "UID:" + data.slug + "-week-" + week.number + "-" + day.day + "@" + host,
          "DTSTAMP:" + stamp,
          "DTSTART;VALUE=DATE:" + compact(date),
          "DTEND;VALUE=DATE:" + compact(date + DAY_MS),
          "SUMMARY:" + icsText(title),
          "DESCRIPTION:" + icsText(text.join("\n")),
          "URL:" + url,
          "TRANSP:TRANSPARENT",
          "END:VEVENT"
        )
      })
    })
    lines.push("END:VCALENDAR")
    return lines.map(fold).join("\r\n") + "\r\n"
  }

  // --- The program page ----------------------------------------------------------------------
  function siteRootOf() {
    var scope = typeof __md_scope !== "undefined" ? __md_scope : new URL("../../", location.href)
    return new URL(".", scope).href
  }

  function layoutByKey(data, key) {
    var offered = data.arrangements.offered
    for (var i = 0; i < offered.length; i++) if (offered[i].key === key) return offered[i]
    return null
  }
  function writtenLayout(data) {
    return data.arrangements.offered.filter(function (a) { return a.written })[0] || null
  }

  function readState(slug) {
    var params = new URLSearchParams(location.search)
    var state = {}
    try { state = JSON.parse(localStorage.getItem(STORE + slug) || "{}") || {} } catch (e) { state = {} }
    var fromUrl = params.has("start") || params.has("race") || params.has("layout")
    if (fromUrl) state = { start: params.get("start") || "", race: params.get("race") || "", layout: params.get("layout") || "" }
    return state
  }

  function saveState(slug, state) {
    var clean = {}
    ;["start", "race", "layout"].forEach(function (k) { if (state[k]) clean[k] = state[k] })
    try {
      if (Object.keys(clean).length) localStorage.setItem(STORE + slug, JSON.stringify(clean))
      else localStorage.removeItem(STORE + slug)
    } catch (e) { /* private mode: the URL still carries it */ }
    var params = new URLSearchParams(location.search)
    ;["start", "race", "layout"].forEach(function (k) { if (clean[k]) params.set(k, clean[k]); else params.delete(k) })
    var query = params.toString()
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash)
  }

  // Week 1's Monday: from the start date, or counted back from the race date (the race falls
  // on its written day moved by the layout).
  function startOf(data, state, layout) {
    var start = parseDate(state.start)
    if (start !== null) return mondayOf(start)
    var race = parseDate(state.race)
    if (race !== null && data.race) {
      return mondayOf(race) - (data.race.week - 1) * 7 * DAY_MS
    }
    return null
  }

  // A race date on a weekday the layout does not race on: the offered layout that puts the
  // race there, keeping the quality days' places relative to the long run where it can.
  function layoutForRace(data, state, layout) {
    var race = parseDate(state.race)
    if (race === null || !data.race || parseDate(state.start) !== null) return layout
    var want = DAYS[weekdayOf(race)]
    var current = layout ? layout.days[data.race.day] : data.race.day
    if (current === want) return layout
    var options = data.arrangements.offered.filter(function (a) { return a.days[data.race.day] === want })
    return options.length ? options[0] : null
  }

  function setupPage(root, data) {
    var article = root.closest("article") || document
    var slug = data.slug
    var state = readState(slug)
    var form = root.querySelector(".rs-plan-form")
    var startInput = form.querySelector("#rs-start")
    var raceInput = form.querySelector("#rs-race")
    var longSelect = form.querySelector("#rs-long")
    var qualitySelect = form.querySelector("#rs-quality")
    var why = root.querySelector(".rs-plan-why")
    var now = root.querySelector(".rs-plan-now")
    var icsLink = root.querySelector("[data-rs-ics]")
    var offered = data.arrangements.offered
    var refused = data.arrangements.refused
    var written = writtenLayout(data)

    // Long-run days: the written one first, then the week in order; a day no layout allows
    // is listed but disabled, and the reason is shown when it is picked from the list below.
    var longDays = []
    offered.concat(refused).forEach(function (a) { if (a.long && longDays.indexOf(a.long) < 0) longDays.push(a.long) })
    longDays.sort(function (a, b) { return DAYS.indexOf(a) - DAYS.indexOf(b) })
    longSelect.innerHTML = ""
    longDays.forEach(function (day) {
      var ok = offered.some(function (a) { return a.long === day })
      // Listed but marked: picking it shows why it is not offered (a disabled option could
      // not be picked, and would say nothing).
      longSelect.add(new Option(DAY_LONG[day] + (ok ? "" : " (not offered)"), day))
    })
    if (!longDays.length) longSelect.closest("p").hidden = true
    var hasQuality = data.arrangements.quality_days.length > 0
    if (!hasQuality) qualitySelect.closest("p").hidden = true

    function fillQuality(long, selectedKey) {
      qualitySelect.innerHTML = ""
      offered.filter(function (a) { return a.long === long }).forEach(function (a) {
        var label = a.quality.map(function (d) { return DAY_LONG[d] }).join(" and ") || "—"
        qualitySelect.add(new Option(label, a.key, false, a.key === selectedKey))
      })
      var notOffered = refused.filter(function (a) { return a.long === long })
      if (!offered.some(function (a) { return a.long === long })) {
        why.textContent = "Long run on " + DAY_LONG[long] + " is not offered: " + (notOffered[0] ? notOffered[0].reason : "")
      } else if (notOffered.length) {
        why.textContent = notOffered.length + " other choice" + (notOffered.length > 1 ? "s" : "") +
          " of quality days with the long run on " + DAY_LONG[long] + " break the guide's rules, for example " +
          notOffered.map(function (a) { return a.quality.map(function (d) { return DAY_SHORT[d] }).join(" & ") }).slice(0, 1) +
          ": " + notOffered[0].reason
      } else {
        why.textContent = ""
      }
    }

    function currentLayout() {
      return layoutByKey(data, state.layout) || written
    }

    function showForm() {
      var layout = currentLayout()
      startInput.value = state.start || ""
      if (raceInput) raceInput.value = state.race || ""
      if (layout && layout.long) {
        longSelect.value = layout.long
        fillQuality(layout.long, layout.key)
      }
    }

    longSelect.addEventListener("change", function () {
      var first = offered.filter(function (a) { return a.long === longSelect.value })
      // Keep the quality days where they were relative to the long run, when allowed.
      fillQuality(longSelect.value, first.length ? first[0].key : "")
    })

    form.addEventListener("submit", function (event) {
      event.preventDefault()
      var allowed = offered.filter(function (a) { return a.long === longSelect.value })
      var chosen = hasQuality ? layoutByKey(data, qualitySelect.value) : allowed[0]
      var keep = state.layout || ""
      state = {
        start: startInput.value || "",
        race: raceInput && !startInput.value ? raceInput.value || "" : "",
        // A long-run day no layout allows keeps the layout there was (the reason stays shown).
        layout: !allowed.length ? keep : chosen && !chosen.written ? chosen.key : ""
      }
      var reason = why.textContent
      apply(true)
      if (!allowed.length) why.textContent = reason
    })
    root.querySelector("[data-rs-clear]").addEventListener("click", function () {
      state = {}
      apply(false)
    })

    function apply(scroll) {
      var layout = currentLayout()
      var raceLayout = layoutForRace(data, state, layout)
      var message = ""
      if (raceLayout !== layout) {
        if (raceLayout) {
          layout = raceLayout
          state.layout = layout.written ? "" : layout.key
        } else {
          message = "No layout the guide allows puts the race on a " + DAY_LONG[DAYS[weekdayOf(parseDate(state.race))]] + "."
        }
      }
      // An address typed or cut short: say what was not understood rather than ignore it.
      var problems = []
      if (state.start && parseDate(state.start) === null) problems.push("“" + state.start + "” is not a date (2027-01-04)")
      if (state.race && parseDate(state.race) === null) problems.push("“" + state.race + "” is not a date (2027-03-28)")
      if (state.layout && !layoutByKey(data, state.layout)) {
        problems.push("the layout “" + state.layout + "” is not one the guide offers; showing the program as written")
      }
      if (problems.length) {
        message = (message ? message + " " : "") + problems.join("; ") + "."
        if (state.start && parseDate(state.start) === null) state.start = ""
        if (state.race && parseDate(state.race) === null) state.race = ""
        if (state.layout && !layoutByKey(data, state.layout)) state.layout = ""
        root.querySelector("details.rs-plan-setup").open = true
      }
      saveState(slug, state)
      showForm()
      if (message) why.textContent = message
      var start = startOf(data, state, layout)
      arrange(article, data, layout, start)
      var current = markToday(article, data, layout, start, now)
      openWeek(article, current, scroll && current !== null)
      updateIcs(icsLink, data, start, layout)
    }

    showForm()
    root.hidden = false
    apply(false)
    var params = new URLSearchParams(location.search)
    var current = article.querySelector("details.rs-week[open]")
    if (!location.hash && (params.has("start") || params.has("race")) && current && current.dataset.week !== "1") {
      current.querySelector("summary").scrollIntoView()
    }
  }

  // Move each day line and each session to the runner's weekday (the order within the week
  // follows), relabel the days, and write the dates.
  function arrange(article, data, layout, start) {
    article.querySelectorAll("details.rs-week").forEach(function (details) {
      var week = +details.dataset.week
      var list = details.querySelector(".rs-days")
      var items = Array.prototype.slice.call(details.querySelectorAll(".rs-days > li[data-day]"))
      var sessions = Array.prototype.slice.call(details.querySelectorAll(".rs-session[data-day]"))
      function target(el) { return layout ? layout.days[el.dataset.day] : el.dataset.day }
      function byDay(a, b) { return DAYS.indexOf(target(a)) - DAYS.indexOf(target(b)) }
      items.sort(byDay).forEach(function (li) { list.appendChild(li) })
      if (sessions.length) {
        var anchor = sessions[sessions.length - 1].nextSibling
        var parent = sessions[0].parentNode
        sessions.sort(byDay).forEach(function (s) { parent.insertBefore(s, anchor) })
      }
      items.concat(sessions).forEach(function (el) {
        var day = target(el)
        el.querySelectorAll(".rs-day").forEach(function (span) { span.textContent = DAY_SHORT[day] })
        var date = el.querySelector(".rs-date")
        if (date) date.textContent = start === null ? "" : shortDate(dateOf(start, week, el.dataset.day, layout))
      })
      var range = details.querySelector(".rs-week-dates")
      if (range) {
        range.textContent = start === null ? "" :
          shortDate(start + (week - 1) * 7 * DAY_MS) + "–" + shortDate(start + ((week - 1) * 7 + 6) * DAY_MS)
      }
      // The table of contents names the sessions as their headings do.
      sessions.forEach(function (s) {
        var h = s.querySelector("h3[id]")
        if (!h) return
        document.querySelectorAll('.md-nav__link[href$="#' + h.id + '"]').forEach(function (link) {
          var label = link.querySelector(".md-ellipsis") || link
          label.textContent = "Week " + week + " · " + DAY_SHORT[target(s)] + " · " +
            h.textContent.replace(/^Week \d+ · \w+ · /, "").replace(/¶$/, "").trim()
        })
      })
      // The copy-link buttons say which session they copy: "Week 3 · Sat · Session A".
      details.querySelectorAll("h3[id] .rs-copy-link").forEach(function (button) {
        var heading = button.parentElement
        var title = Array.prototype.filter.call(heading.childNodes, function (node) {
          return node.nodeType === Node.TEXT_NODE || !node.classList.contains("headerlink") && !node.classList.contains("rs-copy-link")
        }).map(function (node) { return node.textContent }).join("").trim()
        button.setAttribute("aria-label", "Copy link to " + title)
      })
    })
  }

  // The week that holds today (null before the start or after the end), today's line marked.
  function markToday(article, data, layout, start, now) {
    article.querySelectorAll(".rs-today").forEach(function (el) {
      el.classList.remove("rs-today")
      el.removeAttribute("aria-current")
    })
    if (start === null) { now.hidden = true; return null }
    var today = todayUtc()
    var index = Math.floor((today - start) / DAY_MS)
    var weeks = data.weeks.length
    now.hidden = false
    if (index < 0) {
      now.textContent = "Week 1 starts on " + DAY_LONG.mon + " " + shortDate(start) + "."
      return 1
    }
    if (index >= weeks * 7) {
      now.textContent = "The program ended on " + shortDate(start + (weeks * 7 - 1) * DAY_MS) + "."
      return null
    }
    var week = Math.floor(index / 7) + 1
    var runnerDay = DAYS[index % 7]
    var writtenDay = null
    DAYS.forEach(function (d) { if ((layout ? layout.days[d] : d) === runnerDay) writtenDay = d })
    var details = article.querySelector('details.rs-week[data-week="' + week + '"]')
    var session = null
    if (details) {
      details.querySelectorAll('[data-day="' + writtenDay + '"]').forEach(function (el) {
        el.classList.add("rs-today")
        el.setAttribute("aria-current", "date")
        if (el.classList.contains("rs-session")) session = el
      })
    }
    now.innerHTML = ""
    var lead = document.createElement("strong")
    lead.textContent = "Today, " + DAY_SHORT[runnerDay] + " " + shortDate(today) + ": "
    now.appendChild(lead)
    var weekLink = document.createElement("a")
    weekLink.href = "#week-" + week
    weekLink.textContent = "this week (week " + week + ")"
    now.appendChild(weekLink)
    if (session) {
      var h = session.querySelector("h3[id]")
      now.appendChild(document.createTextNode(" · "))
      var todayLink = document.createElement("a")
      todayLink.href = "#" + h.id
      todayLink.textContent = "today's session"
      now.appendChild(todayLink)
    } else {
      now.appendChild(document.createTextNode(" · no strength session today"))
    }
    return week
  }

  function openWeek(article, week, scroll) {
    if (week === null) return
    article.querySelectorAll("details.rs-week").forEach(function (details) {
      details.open = +details.dataset.week === week
    })
    if (scroll) {
      var details = article.querySelector('details.rs-week[data-week="' + week + '"]')
      if (details) details.querySelector("summary").scrollIntoView({ block: "start" })
    }
  }

  var icsUrl = null
  function updateIcs(link, data, start, layout) {
    if (icsUrl) URL.revokeObjectURL(icsUrl)
    icsUrl = null
    if (start === null) {
      link.setAttribute("aria-disabled", "true")
      link.removeAttribute("href")
      link.title = "Choose a start date first"
      return
    }
    var text = buildIcs(data, start, layout, siteRootOf())
    icsUrl = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }))
    link.href = icsUrl
    link.removeAttribute("aria-disabled")
    link.title = ""
  }

  // --- Folds: a link to a week or session opens its week -------------------------------------
  function openTarget(hash) {
    if (!hash || hash.length < 2) return
    var target = document.getElementById(decodeURIComponent(hash.slice(1)))
    if (!target) return
    var details = target.closest("details")
    while (details) {
      details.open = true
      details = details.parentElement && details.parentElement.closest("details")
    }
    target.scrollIntoView({ block: "start" })
  }

  var foldsReady = false
  function setupFolds() {
    document.querySelectorAll(".rs-print-week").forEach(function (button) {
      button.hidden = false
      button.addEventListener("click", function () {
        var details = button.closest("details.rs-week")
        document.documentElement.classList.add("rs-print-one")
        details.classList.add("rs-print-this")
        window.print()
      })
    })
    openTarget(location.hash)
    if (foldsReady) return
    foldsReady = true
    document.addEventListener("click", function (event) {
      // Material's instant navigation makes every href absolute: a link to this page is one
      // whose address, without its anchor, is this page's.
      var a = event.target.closest && event.target.closest("a[href]")
      if (!a || !a.hash || !document.querySelector("details.rs-week")) return
      var to = new URL(a.href, location.href)
      if (to.origin !== location.origin || to.pathname !== location.pathname) return
      var target = document.getElementById(decodeURIComponent(to.hash.slice(1)))
      if (!target || !target.closest("details")) return
      event.preventDefault()
      event.stopPropagation()
      var jump = document.querySelector("details.rs-weekjump")
      if (jump) jump.open = false
      history.pushState(history.state, "", location.pathname + location.search + to.hash)
      openTarget(to.hash)
    }, true)
    window.addEventListener("hashchange", function () { openTarget(location.hash) })

    // Print: every week open (a folded week would print as one line), then as it was. "Print
    // this week" prints its week only (runstrong.css, .rs-print-one).
    var before = []
    window.addEventListener("beforeprint", function () {
      before = Array.prototype.map.call(document.querySelectorAll("details.rs-week, details.rs-fold"), function (d) {
        var was = d.open
        d.open = true
        return [d, was]
      })
    })
    window.addEventListener("afterprint", function () {
      before.forEach(function (pair) { pair[0].open = pair[1] })
      document.documentElement.classList.remove("rs-print-one")
      document.querySelectorAll(".rs-print-this").forEach(function (d) { d.classList.remove("rs-print-this") })
    })
  }

  // --- The chooser on the programs index -----------------------------------------------------
  var LEVELS = ["beginner", "intermediate", "advanced"]
  var KITS = ["none", "dumbbells", "gym"]
  var KIT_WORDS = { none: "no kit", dumbbells: "dumbbells", gym: "a gym" }
  var GOAL_WORDS = { none: "no race", "5k": "a 5K", "10k": "a 10K", half: "a half marathon", marathon: "a marathon" }

  function setupChooser(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".rs-program-card"))
    var fields = ["runs", "level", "kit", "goal"]
    var params = new URLSearchParams(location.search)
    fields.forEach(function (f) { if (params.get(f)) form.elements[f].value = params.get(f) })
    form.hidden = false
    function update() {
      var chosen = {}
      fields.forEach(function (f) { chosen[f] = form.elements[f].value })
      var shown = 0
      cards.forEach(function (card) {
        var reasons = []
        var fits = true
        var runs = +card.dataset.runs
        if (chosen.runs) {
          var mine = +chosen.runs
          // A plan for fewer run days fits (add easy runs), down to two fewer; not more.
          if (runs && (runs > mine || runs < mine - 2)) fits = false
          else if (runs) reasons.push("built for " + runs + " runs a week")
        }
        if (chosen.level) {
          if (LEVELS.indexOf(card.dataset.level) > LEVELS.indexOf(chosen.level)) fits = false
          else reasons.push(card.dataset.level + " level")
        }
        if (chosen.kit) {
          if (KITS.indexOf(card.dataset.kit) > KITS.indexOf(chosen.kit)) fits = false
          else reasons.push(card.dataset.kit === "none" ? "needs no kit" : "needs " + KIT_WORDS[card.dataset.kit])
        }
        if (chosen.goal) {
          var goals = card.dataset.goals.split(" ")
          if (goals.indexOf(chosen.goal) < 0) fits = false
          else reasons.push(chosen.goal === "none" ? "no race in it" : "leads into " + GOAL_WORDS[chosen.goal])
        }
        card.hidden = !fits
        var why = card.querySelector(".rs-fit")
        why.hidden = !fits || !reasons.length
        why.textContent = reasons.length ? "Fits you: " + reasons.join(", ") + "." : ""
        if (fits) shown++
      })
      var count = form.querySelector(".rs-chooser-count")
      count.textContent = shown === cards.length ? cards.length + " programs." :
        shown + " of " + cards.length + " programs fit" + (shown ? "." : ": try fewer conditions.")
      var next = new URLSearchParams(location.search)
      fields.forEach(function (f) { if (chosen[f]) next.set(f, chosen[f]); else next.delete(f) })
      var query = next.toString()
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash)
    }
    form.addEventListener("change", update)
    form.addEventListener("submit", function (e) { e.preventDefault() })
    update()
  }

  // --- The offline page: what this device has stored -----------------------------------------
  // The service worker's caches, read here: every stored page by its title, programs first.
  function listStored(box) {
    var status = box.querySelector(".rs-offline-status")
    var list = box.querySelector(".rs-offline-list")
    var from = new URLSearchParams(location.search).get("from")
    if (from && from.charAt(0) === "/") {
      var asked = document.createElement("p")
      asked.className = "rs-offline-asked"
      asked.textContent = "Not stored on this device: " + from
      box.insertBefore(asked, box.firstChild)
    }
    if (!("caches" in window)) return
    caches.keys().then(function (names) {
      names = names.filter(function (n) { return n.indexOf("runstrong-") === 0 })
      return Promise.all(names.map(function (n) {
        return caches.open(n).then(function (c) {
          return c.keys().then(function (requests) { return requests.map(function (r) { return [c, r] }) })
        })
      }))
    }).then(function (groups) {
      var seen = {}
      var pages = []
      var pdfs = 0
      groups.forEach(function (g) {
        g.forEach(function (pair) {
          var url = new URL(pair[1].url)
          if (seen[url.pathname]) return
          seen[url.pathname] = true
          if (/\.pdf$/.test(url.pathname)) pdfs++
          if (/\/$/.test(url.pathname) && url.pathname.indexOf("/x/") < 0) pages.push(pair)
        })
      })
      return Promise.all(pages.map(function (pair) {
        return pair[0].match(pair[1]).then(function (r) { return r ? r.text() : "" }).then(function (html) {
          var m = /<title>([^<]*)<\/title>/.exec(html)
          var title = m ? m[1].replace(/ - RunStrong$/, "").replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"') : pair[1].url
          return { url: pair[1].url, title: title, program: /\/programs\/[^/]+\/$/.test(new URL(pair[1].url).pathname) }
        })
      })).then(function (found) {
        found = found.filter(function (f) { return !/\/offline\/$/.test(f.url) && !/Redirecting/.test(f.title) })
        found.sort(function (a, b) { return (b.program - a.program) || a.title.localeCompare(b.title) })
        list.innerHTML = ""
        found.forEach(function (f) {
          var li = document.createElement("li")
          var a = document.createElement("a")
          a.href = f.url
          a.textContent = f.title
          li.appendChild(a)
          list.appendChild(li)
        })
        status.textContent = found.length + " pages" + (pdfs ? " and " + pdfs + " PDF" + (pdfs > 1 ? "s" : "") : "") +
          " are stored on this device."
      })
    }).catch(function () { status.textContent = "This browser does not say what it has stored." })
  }

  function onPage() {
    var offline = document.querySelector("[data-rs-offline]")
    if (offline) listStored(offline)
    var root = document.querySelector(".rs-plan[data-api]")
    if (root && !root.dataset.rsReady) {
      root.dataset.rsReady = "1"
      setupFolds()
      fetch(new URL(root.dataset.api, location.href).href)
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json() })
        .then(function (data) { setupPage(root, data) })
        .catch(function () { /* no data (offline, not stored): the page as written */ })
    }
    var chooser = document.querySelector("form.rs-chooser")
    if (chooser && !chooser.dataset.rsReady) {
      chooser.dataset.rsReady = "1"
      setupChooser(chooser)
    }
  }

  // For tests and other scripts: the calendar file for a start date and layout key.
  window.runstrongProgram = {
    ics: function (data, startIso, layoutKey) {
      var start = parseDate(startIso)
      return buildIcs(data, mondayOf(start), layoutByKey(data, layoutKey) || writtenLayout(data), siteRootOf())
    }
  }

  if (typeof document$ !== "undefined") document$.subscribe(onPage)
  else document.addEventListener("DOMContentLoaded", onPage)
})()
