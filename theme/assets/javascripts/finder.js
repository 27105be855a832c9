// The exercise finder on the library page (issues 10 and 18). The page is a plain list of cards
// without JavaScript; this shows the filter form, hides the cards that do not match, and keeps
// the count, the heading and the address (?muscle=calves&equipment=wall,step) up to date so a
// coach can send a filtered view. Each card carries its facets as data-* attributes, written by
// generator/pages/finder.py (which documents the matching rule, tested there too):
//  - equipment is what the runner has, several kinds at once: an exercise is shown when all it
//    needs is ticked (body-weight exercises always are);
//  - each option shows how many exercises choosing it would leave;
//  - no match names the filters to relax, with the count each would give back;
//  - values in the address are matched without regard to case ("Calves", a label or an id);
//    one the finder does not know is said so, with the nearest it does, not silently dropped.
;(function () {
  "use strict"

  var SELECTS = ["muscle", "level", "pattern", "category"]
  var FACETS = ["muscle", "equipment", "level", "pattern", "category"]
  var NAMES = { muscle: "Main muscle", equipment: "Equipment you have", level: "Level", pattern: "Movement", category: "Type" }

  function setUp() {
    var form = document.querySelector("form.rs-finder")
    if (!form || form.dataset.rsReady) return
    form.dataset.rsReady = "1"
    var muscles = JSON.parse(form.dataset.muscles || "{}")
    var cards = Array.prototype.slice.call(document.querySelectorAll(".rs-cards > li"))
    var count = form.querySelector(".rs-finder__count")
    var reset = form.querySelector(".rs-finder__reset")
    var notice = form.querySelector(".rs-finder__notice")
    var kit = form.querySelector(".rs-finder__kit")
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=equipment]"))
    var heading = document.getElementById("all-exercises")
    var empty = document.querySelector(".rs-finder__empty")
    var facts = cards.map(function (card) {
      return {
        muscle: (card.dataset.muscle || "").split(" "),
        equipment: (card.dataset.equipment || "").split(" ").filter(function (e) { return e && e !== "none" }),
        level: card.dataset.level,
        pattern: card.dataset.pattern,
        category: card.dataset.category,
      }
    })

    function chosen() {
      var query = {}
      SELECTS.forEach(function (key) {
        var select = form.elements[key]
        if (select && select.value) query[key] = select.value
      })
      var have = boxes.filter(function (b) { return b.checked }).map(function (b) { return b.value })
      if (have.length) query.equipment = have
      return query
    }

    function passes(fact, query) {
      return Object.keys(query).every(function (key) {
        if (key === "equipment") {
          return fact.equipment.every(function (e) { return query.equipment.indexOf(e) !== -1 })
        }
        if (key === "muscle") {
          return (muscles[query.muscle] || []).some(function (m) { return fact.muscle.indexOf(m) !== -1 })
        }
        return fact[key] === query[key]
      })
    }

    function howMany(query) {
      var n = 0
      facts.forEach(function (fact) { if (passes(fact, query)) n++ })
      return n
    }

    function without(query, key) {
      var copy = {}
      Object.keys(query).forEach(function (k) { if (k !== key) copy[k] = query[k] })
      return copy
    }

    function plural(n) { return n === 1 ? "1 exercise" : n + " exercises" }

    function label(key, value) {
      if (key === "equipment") {
        return value.map(function (v) {
          var box = boxes.filter(function (b) { return b.value === v })[0]
          return box ? box.nextElementSibling.dataset.label.toLowerCase() : v
        }).join(" or ")
      }
      var select = form.elements[key]
      var option = select && Array.prototype.filter.call(select.options, function (o) { return o.value === value })[0]
      return option ? option.dataset.label : value
    }

    // Counts beside each option: what choosing it (the others as they are) would leave.
    function counts(query) {
      SELECTS.forEach(function (key) {
        var select = form.elements[key]
        if (!select) return
        Array.prototype.forEach.call(select.options, function (option) {
          var q = without(query, key)
          if (option.value) q[key] = option.value
          option.textContent = option.dataset.label + " (" + howMany(q) + ")"
        })
      })
      boxes.forEach(function (box) {
        var have = (query.equipment || []).slice()
        if (have.indexOf(box.value) === -1) have.push(box.value)
        var q = without(query, "equipment")
        q.equipment = have
        box.parentNode.querySelector(".rs-finder__n").textContent = "(" + howMany(q) + ")"
      })
    }

    // "12 exercises for calves, with a wall or a step, beginner" — what the list shows.
    // Labels without their explanations in brackets: "Calves (all)" → "calves".
    function short(text) { return text.replace(/\s*\([^)]*\)/g, "") }

    function describe(query, shown) {
      var parts = []
      if (query.muscle) parts.push("for " + short(label("muscle", query.muscle)).toLowerCase())
      if (query.equipment) parts.push("with " + short(label("equipment", query.equipment)))
      ;["level", "pattern", "category"].forEach(function (key) {
        if (query[key]) parts.push(label(key, query[key]).toLowerCase())
      })
      if (!parts.length) return "All exercises"
      return plural(shown) + " " + parts.join(", ")
    }

    function setHeading(text) {
      if (!heading) return
      var node = Array.prototype.filter.call(heading.childNodes, function (n) { return n.nodeType === Node.TEXT_NODE })[0]
      if (node) node.textContent = text
      else heading.insertBefore(document.createTextNode(text), heading.firstChild)
    }

    // No match: which filter to relax, and what each gives back.
    function explainEmpty(query) {
      if (!empty) return
      var keys = Object.keys(query)
      if (howMany(query) > 0 || !keys.length) {
        empty.hidden = true
        empty.textContent = ""
        return
      }
      empty.textContent = ""
      var text = document.createElement("p")
      text.textContent = "No exercise matches all of these. Remove a filter:"
      empty.appendChild(text)
      var list = document.createElement("ul")
      keys.map(function (key) { return [key, howMany(without(query, key))] })
        .sort(function (a, b) { return b[1] - a[1] })
        .forEach(function (pair) {
          var key = pair[0]
          var item = document.createElement("li")
          var button = document.createElement("button")
          button.type = "button"
          button.className = "rs-finder__relax"
          button.textContent = "Without " + NAMES[key] + " (" + label(key, query[key]) + "): " + plural(pair[1])
          button.addEventListener("click", function () {
            if (key === "equipment") boxes.forEach(function (b) { b.checked = false })
            else form.elements[key].value = ""
            apply(true, true)
          })
          item.appendChild(button)
          list.appendChild(item)
        })
      empty.appendChild(list)
      empty.hidden = false
    }

    function apply(updateUrl, reveal) {
      var query = chosen()
      var shown = 0
      cards.forEach(function (card, i) {
        var ok = passes(facts[i], query)
        card.hidden = !ok
        if (ok) shown++
      })
      // A letter heading (long libraries) goes when none of its cards is left.
      document.querySelectorAll(".rs-cards").forEach(function (list) {
        var before = list.previousElementSibling
        var any = list.querySelector("li:not([hidden])") !== null
        list.hidden = !any
        if (before && /^H[34]$/.test(before.tagName)) before.hidden = !any
      })
      count.textContent = plural(shown)
      reset.hidden = Object.keys(query).length === 0
      setHeading(describe(query, shown))
      counts(query)
      explainEmpty(query)
      if (kit) {
        kit.querySelector(".rs-finder__kit-chosen").textContent = query.equipment ? label("equipment", query.equipment) : "any"
      }
      if (updateUrl) {
        var params = new URLSearchParams(location.search)
        FACETS.forEach(function (key) {
          if (query[key]) params.set(key, key === "equipment" ? query[key].join(",") : query[key])
          else params.delete(key)
        })
        var search = params.toString().replace(/%2C/g, ",")
        history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash)
      }
      if (reveal) revealResults()
    }

    // On a phone the form fills the screen: after a change, bring the results into view.
    function revealResults() {
      var target = heading || count
      var first = cards.filter(function (c) { return !c.hidden })[0]
      var box = (first || empty || target).getBoundingClientRect()
      if (box.top >= 0 && box.top < window.innerHeight - 80) return
      target.scrollIntoView({ block: "start" })
    }

    // --- Filters from the address ----------------------------------------------------------
    function norm(text) { return String(text || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") }

    function nearest(value, candidates) {
      var best = null
      var bestD = 3
      candidates.forEach(function (c) {
        var d = distance(value, c)
        if (d < bestD) { bestD = d; best = c }
      })
      return best
    }

    function distance(a, b) {
      var prev = []
      for (var j = 0; j <= b.length; j++) prev.push(j)
      for (var i = 1; i <= a.length; i++) {
        var row = [i]
        for (var k = 1; k <= b.length; k++) {
          row.push(Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1)))
        }
        prev = row
      }
      return prev[b.length]
    }

    // Options of a facet as [value, label]; a value in the address matches either, any case.
    function optionsOf(key) {
      if (key === "equipment") return boxes.map(function (b) { return [b.value, b.nextElementSibling.dataset.label] })
      var select = form.elements[key]
      return select ? Array.prototype.filter.call(select.options, function (o) { return o.value })
        .map(function (o) { return [o.value, o.dataset.label] }) : []
    }

    function find(key, value) {
      var wanted = norm(value)
      var match = optionsOf(key).filter(function (o) { return norm(o[0]) === wanted || norm(o[1]) === wanted })[0]
      if (match) return { value: match[0] }
      if (key === "muscle" && muscles[wanted]) return { value: wanted }
      var near = nearest(wanted, optionsOf(key).map(function (o) { return norm(o[0]) }))
      var nearLabel = near && optionsOf(key).filter(function (o) { return norm(o[0]) === near })[0][1]
      return { unknown: value, near: nearLabel }
    }

    var problems = []
    var params = new URLSearchParams(location.search)
    FACETS.forEach(function (key) {
      var values = params.getAll(key).join(",").split(",").map(function (v) { return v.trim() }).filter(Boolean)
      if (key !== "equipment") values = values.slice(0, 1)
      values.forEach(function (value) {
        var found = find(key, value)
        if (found.unknown !== undefined) {
          problems.push("“" + found.unknown + "” is not a " + NAMES[key].toLowerCase() + " the finder knows" +
            (found.near ? " (did you mean " + found.near + "?)" : "") + ", so that filter is off.")
        } else if (key === "equipment") {
          boxes.forEach(function (b) { if (b.value === found.value) b.checked = true })
        } else {
          form.elements[key].value = found.value
        }
      })
    })
    if (problems.length) {
      notice.textContent = problems.join(" ")
      notice.hidden = false
    }

    form.addEventListener("change", function () { apply(true, true) })
    form.addEventListener("submit", function (event) { event.preventDefault() })
    form.addEventListener("reset", function () {
      // The reset event fires before the fields are cleared.
      setTimeout(function () {
        notice.hidden = true
        apply(true, false)
        form.elements[SELECTS[0]].focus()
      }, 0)
    })
    form.hidden = false
    apply(problems.length > 0, false)
  }

  // Material's instant navigation swaps pages without a reload: set up on every page view.
  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp)
  } else {
    document.addEventListener("DOMContentLoaded", setUp)
  }
})()
