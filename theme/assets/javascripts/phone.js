// RunStrong in the hand (issue 10): keyboard access to Material's header controls, labelled
// record tables on phones, copy-link buttons for coaches, and the offline service worker.
;(function () {
  "use strict"

  // --- Header controls that Material draws as <label for=…> --------------------------------
  // The menu, search and palette buttons are labels of hidden checkboxes and radios: a label
  // cannot take keyboard focus, and the palette's radio input takes it instead while 0×0 and
  // invisible. Make the visible labels the buttons, and the hidden inputs unfocusable.
  function headerButtons() {
    document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
      if (label.dataset.rsButton) return
      label.dataset.rsButton = "1"
      label.setAttribute("role", "button")
      label.tabIndex = 0
      if (!label.getAttribute("aria-label")) {
        var name = label.getAttribute("title") || (label.htmlFor === "__drawer" ? "Menu" : "Search")
        label.setAttribute("aria-label", name)
      }
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return
        event.preventDefault()
        // Material's own keyboard handler would take this Enter as well and toggle it back.
        event.stopPropagation()
        var palette = label.closest("[data-md-component=palette]")
        label.click()
        if (palette) {
          // The label just used is hidden now: keep focus on the one that replaced it.
          setTimeout(function () {
            var shown = palette.querySelector("label.md-header__button:not([hidden])")
            if (shown) shown.focus()
          }, 0)
        }
      })
    })
    document.querySelectorAll("input.md-option").forEach(function (input) {
      input.tabIndex = -1
    })
  }

  // Material focuses the search box on the click of the search button, before the click has
  // opened search; on phones the closed box is hidden (phone.css), so focus it once it is open.
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) {
      var input = document.querySelector(".md-search__input")
      if (input) setTimeout(function () { input.focus() }, 0)
    }
  })

  // Escape closes the navigation drawer on phones and gives focus back to the menu button.
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer")
    if (event.key !== "Escape" || !drawer || !drawer.checked) return
    drawer.checked = false
    drawer.dispatchEvent(new Event("change"))
    var menu = document.querySelector('label.md-header__button[for="__drawer"]')
    if (menu) menu.focus()
  })

  // --- Record tables -----------------------------------------------------------------------
  // On a phone each row of a table is a card (phone.css); each cell is labelled with its
  // column heading so "90 s" still says it is the rest.
  function labelTables() {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      stackIfTooWide(table)
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim()
      })
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i]) cell.setAttribute("data-label", heads[i])
        })
      })
    })
  }

  // A table that does not fit its column even on a wide screen (a program's totals, nine
  // columns) stacks as cards too, instead of scrolling sideways.
  function stackIfTooWide(table) {
    table.removeAttribute("data-rs-stack")
    var box = table.closest(".md-typeset__scrollwrap") || table.parentElement
    if (box && box.scrollWidth > box.clientWidth + 1) table.setAttribute("data-rs-stack", "")
  }

  var resizeTimer = 0
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer)
    resizeTimer = setTimeout(function () {
      document.querySelectorAll(".md-typeset table:not([class])").forEach(stackIfTooWide)
    }, 150)
  })

  // --- Copy link -----------------------------------------------------------------------------
  // Beside each section heading of every page: an exercise page's (its anchors are pinned:
  // generator/urls.py ANCHORS), each week and session of a program page (#week-N, #week-N-tue),
  // each section of a guide page, and the page's title. The button copies the absolute address with the anchor.
  var ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3.9 12c0-1.71 1.39-3.1 ' +
    "3.1-3.1h4V7H7a5 5 0 0 0-5 5 5 5 0 0 0 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8v2m9-6h-4v1.9h4c1.71 " +
    '0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4a5 5 0 0 0 5-5 5 5 0 0 0-5-5z"/></svg>'

  function liveRegion() {
    var region = document.getElementById("rs-live")
    if (!region) {
      region = document.createElement("div")
      region.id = "rs-live"
      region.className = "rs-toast"
      region.setAttribute("role", "status")
      region.setAttribute("aria-live", "polite")
      region.hidden = true
      document.body.appendChild(region)
    }
    return region
  }

  var toastTimer = 0
  function announce(message) {
    var region = liveRegion()
    region.hidden = false
    // Cleared first, so the same message twice in a row is announced twice.
    region.textContent = ""
    setTimeout(function () { region.textContent = message }, 30)
    clearTimeout(toastTimer)
    toastTimer = setTimeout(function () { region.hidden = true; region.textContent = "" }, 2500)
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text) })
    }
    return fallbackCopy(text)
  }

  // Plain http (a preview on the local network) has no Clipboard API: the old way still works.
  function fallbackCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea")
      area.value = text
      area.setAttribute("readonly", "")
      area.style.position = "fixed"
      area.style.opacity = "0"
      document.body.appendChild(area)
      area.select()
      var ok = false
      try { ok = document.execCommand("copy") } catch (e) { ok = false }
      document.body.removeChild(area)
      if (ok) resolve()
      else reject(new Error("copy failed"))
    })
  }

  function sectionUrl(id, heading) {
    var page = location.origin + location.pathname
    return heading && heading.tagName === "H1" ? page : page + "#" + encodeURIComponent(id)
  }

  // Every heading of every page (issue 18): guide pages too, where a coach links "where it
  // hurts: shin" or a capacity test; the title (h1) copies the page's own address.
  function copyLinkHeadings() {
    var article = document.querySelector("article.md-content__inner")
    if (!article) return []
    return article.querySelectorAll("h1[id], h2[id], h3[id], h4[id]")
  }

  function copyLinks() {
    copyLinkHeadings().forEach(function (heading) {
      if (heading.dataset.rsCopy) return
      heading.dataset.rsCopy = "1"
      var title = Array.prototype.filter.call(heading.childNodes, function (node) {
        return node.nodeType === Node.TEXT_NODE || !node.classList.contains("headerlink")
      }).map(function (node) { return node.textContent }).join("").trim()
      var button = document.createElement("button")
      button.type = "button"
      button.className = "rs-copy-link"
      button.setAttribute("aria-label", "Copy link to " + title)
      button.title = "Copy link to this section"
      button.innerHTML = ICON
      button.dataset.rsFor = heading.id
      button.addEventListener("click", function (event) {
        // Inside a week's <summary> (program pages), a click would also fold or unfold it.
        event.preventDefault()
        copyText(sectionUrl(heading.id, heading)).then(
          function () { announce("Link copied") },
          function () { announce("Could not copy: the link is " + sectionUrl(heading.id, heading)) }
        )
      })
      // A week's heading is the <summary> of its fold (program pages): a button inside a
      // summary is a control inside a control, so it goes first in the week's body instead.
      var summary = heading.closest("summary")
      if (summary) {
        button.classList.add("rs-copy-link--week")
        summary.insertAdjacentElement("afterend", button)
        return
      }
      heading.appendChild(button)
      heading.classList.add("rs-has-copy-link")
    })
  }

  // --- Offline --------------------------------------------------------------------------------
  // The service worker (sw.js at the site root, written by the build with its precache list)
  // keeps the home page, the library, every exercise page with its figures, and every page
  // opened, for the gym with no signal. Not over file:// (browsers refuse it there).
  function registerWorker() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return
    var scope = typeof __md_scope !== "undefined" ? __md_scope : new URL(".", location.href)
    navigator.serviceWorker.register(new URL("sw.js", scope).href, { scope: scope.pathname }).catch(function () {})
  }

  // Exercise pages are left out of the nav (a 1,000-exercise nav would be in every page), so
  // Material marks no tab: the breadcrumb's first link (the library) names the tab to mark.
  function activeTab() {
    var crumb = document.querySelector(".rs-breadcrumb a[href]")
    if (!crumb) return
    var target = new URL(crumb.getAttribute("href"), location.href).pathname
    document.querySelectorAll(".md-tabs__item").forEach(function (item) {
      var link = item.querySelector("a[href]")
      if (link && new URL(link.getAttribute("href"), location.href).pathname === target) {
        item.classList.add("md-tabs__item--active")
      }
    })
  }

  // --- A coach's demo video (an exercise's `video:`) ---------------------------------------
  // The page links it; for YouTube and Vimeo a button plays it in the page. Nothing is asked
  // of their servers until that tap (no player, no thumbnail on page load).
  function videos() {
    document.querySelectorAll(".rs-video[data-embed]").forEach(function (box) {
      var embed = box.getAttribute("data-embed")
      if (!embed || box.querySelector(".rs-video__play")) return
      var button = document.createElement("button")
      button.type = "button"
      button.className = "rs-video__play"
      button.textContent = "Play the video here"
      button.addEventListener("click", function () {
        var frame = document.createElement("iframe")
        frame.src = embed
        frame.title = "Demo video: " + (document.querySelector("article h1") || {}).textContent
        frame.allow = "autoplay; fullscreen; picture-in-picture"
        frame.allowFullscreen = true
        frame.className = "rs-video__frame"
        button.replaceWith(frame)
        frame.focus()
      })
      box.appendChild(button)
    })
  }

  function onPage() {
    videos()
    activeTab()
    headerButtons()
    labelTables()
    copyLinks()
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage)
  } else {
    document.addEventListener("DOMContentLoaded", onPage)
  }
  window.addEventListener("load", registerWorker)
})()
