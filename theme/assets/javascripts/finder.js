// The exercise finder on the library page (issue 10). The page is a plain list of cards
// without JavaScript; this shows the filter form, hides the cards that do not match, keeps
// the count up to date and mirrors the filters in the query string (?muscle=calves&equipment=none)
// so a coach can send a filtered view. Each card carries its facets as data-* attributes,
// written by generator/pages/finder.py (which documents the matching rule, tested there too).
;(function () {
  "use strict"

  var FACETS = ["muscle", "equipment", "level", "pattern", "category"]

  function setUp() {
    var form = document.querySelector("form.rs-finder")
    if (!form || form.dataset.rsReady) return
    form.dataset.rsReady = "1"
    var muscles = JSON.parse(form.dataset.muscles || "{}")
    var cards = Array.prototype.slice.call(document.querySelectorAll(".rs-cards > li"))
    var count = form.querySelector(".rs-finder__count")
    var reset = form.querySelector(".rs-finder__reset")

    function chosen() {
      var query = {}
      FACETS.forEach(function (key) {
        var select = form.elements[key]
        if (select && select.value) query[key] = select.value
      })
      return query
    }

    function passes(card, query) {
      return Object.keys(query).every(function (key) {
        var have = (card.dataset[key] || "").split(" ")
        var wanted = key === "muscle" ? muscles[query.muscle] || [] : [query[key]]
        return wanted.some(function (value) { return have.indexOf(value) !== -1 })
      })
    }

    function apply(updateUrl) {
      var query = chosen()
      var shown = 0
      cards.forEach(function (card) {
        var ok = passes(card, query)
        card.hidden = !ok
        if (ok) shown++
      })
      // A letter heading (long libraries) goes when none of its cards is left.
      document.querySelectorAll(".rs-cards").forEach(function (list) {
        var heading = list.previousElementSibling
        var any = list.querySelector("li:not([hidden])") !== null
        list.hidden = !any
        if (heading && /^H[23]$/.test(heading.tagName)) heading.hidden = !any
      })
      count.textContent = shown === 1 ? "1 exercise" : shown + " exercises"
      reset.hidden = Object.keys(query).length === 0
      if (updateUrl) {
        var params = new URLSearchParams(location.search)
        FACETS.forEach(function (key) {
          if (query[key]) params.set(key, query[key])
          else params.delete(key)
        })
        var search = params.toString()
        history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash)
      }
    }

    // Filters from the address: unknown values are ignored rather than hiding everything.
    var params = new URLSearchParams(location.search)
    FACETS.forEach(function (key) {
      var select = form.elements[key]
      var value = params.get(key)
      if (!select || !value) return
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value })
      if (known) select.value = value
    })

    form.addEventListener("change", function () { apply(true) })
    form.addEventListener("submit", function (event) { event.preventDefault() })
    form.addEventListener("reset", function () {
      // The reset event fires before the fields are cleared.
      setTimeout(function () { apply(true); form.elements[FACETS[0]].focus() }, 0)
    })
    form.hidden = false
    apply(false)
  }

  // Material's instant navigation swaps pages without a reload: set up on every page view.
  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp)
  } else {
    document.addEventListener("DOMContentLoaded", setUp)
  }
})()
