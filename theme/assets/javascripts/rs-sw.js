// RunStrong's service worker: the guide at the gym with no signal (issues 10 and 15).
//
// The build (generator/offline.py) writes sw.js at the site root as `const PRECACHE = {...}`
// followed by this file. PRECACHE.files lists [path, revision] for every page of the site
// (exercises, programs, browse and guide pages, the /x/ short links and rename redirects, the
// offline page), the open data (api/), the theme and the small pictures; on install each is
// fetched once (or copied from the previous version's cache when its revision did not change).
// Anything else the runner opens (an animation, a program's PDF) is kept as it is fetched and
// served from that copy when the network fails. Query strings (the finder's ?muscle=…, a
// program's ?start=…) and anchors do not change which copy answers; "/x/rdl" answers as
// "/x/rdl/". A page neither stored nor reachable gets PRECACHE.offline, our own page listing
// what is stored. This file is not a page script: phone.js registers sw.js.
/* global PRECACHE */
"use strict"

var PREFIX = "runstrong-"
var PRECACHE_NAME = PREFIX + "precache-" + PRECACHE.version
var RUNTIME_NAME = PREFIX + "runtime"
var REVISIONS = "__revisions.json"
// What is kept beyond the precache (animations, pages of a newer build): at most this many,
// the oldest dropped first, so a phone's storage does not grow with every visit.
var RUNTIME_LIMIT = 80
// PDFs, apart: a runner opens their program's print pack or a week's sheet at home and shows
// it at the gym with no signal (issue 15). A handful (~100 KB each), the oldest dropped first.
var PDF_NAME = PREFIX + "pdf"
var PDF_LIMIT = 12

function absolute(path) {
  return new URL(path, self.registration.scope).href
}

function keyOf(url) {
  var u = new URL(url)
  return u.origin + u.pathname
}

// A response that followed a redirect cannot answer a navigation: keep its body only.
function storable(response) {
  if (!response.redirected) return Promise.resolve(response)
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
  })
}

function previousPrecache() {
  return caches.keys().then(function (names) {
    var old = names.filter(function (n) { return n.indexOf(PREFIX + "precache-") === 0 && n !== PRECACHE_NAME })
    if (!old.length) return null
    return caches.open(old[old.length - 1]).then(function (cache) {
      return cache.match(absolute(REVISIONS)).then(function (r) { return r ? r.json() : {} }).then(function (revs) {
        return { cache: cache, revs: revs }
      })
    })
  })
}

// A few downloads at a time: a phone on a weak network should not open hundreds at once.
function eachLimited(items, limit, work) {
  var index = 0
  function next() {
    if (index >= items.length) return Promise.resolve()
    var item = items[index++]
    return work(item).catch(function () {}).then(next)
  }
  var runners = []
  for (var i = 0; i < limit; i++) runners.push(next())
  return Promise.all(runners)
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    Promise.all([caches.open(PRECACHE_NAME), previousPrecache()]).then(function (opened) {
      var cache = opened[0]
      var old = opened[1]
      var revs = {}
      return eachLimited(PRECACHE.files, 6, function (entry) {
        var url = absolute(entry[0])
        var rev = entry[1]
        var reuse = old && old.revs[url] === rev ? old.cache.match(url) : Promise.resolve(undefined)
        return reuse.then(function (hit) {
          if (hit) return cache.put(url, hit)
          return fetch(new Request(url, { cache: "reload" })).then(function (response) {
            if (!response.ok) throw new Error(url + ": " + response.status)
            return storable(response).then(function (r) { return cache.put(url, r) })
          })
        }).then(function () { revs[url] = rev })
      }).then(function () {
        return cache.put(absolute(REVISIONS), new Response(JSON.stringify(revs), {
          headers: { "Content-Type": "application/json" }
        }))
      })
    }).then(function () { return self.skipWaiting() })
  )
})

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) {
        return n.indexOf(PREFIX + "precache-") === 0 && n !== PRECACHE_NAME
      }).map(function (n) { return caches.delete(n) }))
    }).then(function () { return self.clients.claim() })
  )
})

// Cache.keys() lists entries in the order they were stored: the first ones are the oldest.
function trim(cache, limit) {
  return cache.keys().then(function (keys) {
    var extra = keys.slice(0, Math.max(0, keys.length - limit))
    return Promise.all(extra.map(function (k) { return cache.delete(k) }))
  })
}

// Where a response fetched at runtime is kept: PDFs apart, so opening a few print packs never
// pushes the pages and animations out (and the other way round).
function runtimeFor(key) {
  return /\.pdf$/i.test(key) ? { name: PDF_NAME, limit: PDF_LIMIT } : { name: RUNTIME_NAME, limit: RUNTIME_LIMIT }
}

// The stored copy of a URL: as asked, then as the folder it names ("/x/rdl" is "/x/rdl/"),
// first in the precache, then in what was kept at runtime.
function stored(key) {
  var keys = [key]
  if (!/\/$/.test(key) && !/\.[a-z0-9]+$/i.test(key)) keys.push(key + "/")
  if (/\/index\.html$/.test(key)) keys.push(key.slice(0, -"index.html".length))
  var names = [PRECACHE_NAME, RUNTIME_NAME, PDF_NAME]
  var i = 0
  function next() {
    if (i >= keys.length * names.length) return Promise.resolve(undefined)
    var k = keys[Math.floor(i / names.length)]
    var name = names[i % names.length]
    i++
    return caches.open(name).then(function (cache) { return cache.match(k) }).then(function (hit) {
      return hit || next()
    })
  }
  return next()
}

// Sent to our offline page (not given its body: its links and scripts are relative to its
// own address), which says which page was asked for.
function offlinePage(url) {
  return caches.open(PRECACHE_NAME).then(function (precache) {
    var page = absolute(PRECACHE.offline)
    return precache.match(page).then(function (hit) {
      if (!hit) return undefined
      return Response.redirect(page + "?from=" + encodeURIComponent(new URL(url).pathname), 302)
    })
  })
}

// A worker runs at the address of the response that answers its script, and a stored copy
// keeps the address it was stored under, without the query. Our search worker reads its query
// (?material=: the engine's worker to load), so a worker's script is answered by a copy with
// no address of its own: the worker then runs at the address it asked for (issue 19: search
// stayed at "Initializing search" on every visit the service worker answered).
function forRequest(request, response) {
  if (!response || (request.destination !== "worker" && request.destination !== "sharedworker")) {
    return Promise.resolve(response)
  }
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
  })
}

function respond(request) {
  return answer(request).then(function (response) { return forRequest(request, response) })
}

function answer(request) {
  var key = keyOf(request.url)
  return caches.open(PRECACHE_NAME).then(function (precache) {
    return precache.match(key).then(function (hit) {
      if (hit) return hit
      var where = runtimeFor(key)
      return caches.open(where.name).then(function (runtime) {
        return fetch(request).then(function (response) {
          // Whole responses only: a range request's 206 (a PDF viewer reading a part) is not
          // the file.
          if (response.status === 200 && response.type === "basic") {
            var copy = response.clone()
            storable(copy).then(function (r) { return runtime.put(key, r) }).then(function () {
              return trim(runtime, where.limit)
            })
          }
          return response
        }, function (error) {
          return stored(key).then(function (kept) {
            if (kept) return kept
            if (request.mode === "navigate") {
              return offlinePage(request.url).then(function (page) {
                if (page) return page
                throw error
              })
            }
            throw error
          })
        })
      })
    })
  })
}

self.addEventListener("fetch", function (event) {
  var request = event.request
  if (request.method !== "GET") return
  var url = new URL(request.url)
  var scope = new URL(self.registration.scope)
  if (url.origin !== scope.origin || url.pathname.indexOf(scope.pathname) !== 0) return
  event.respondWith(respond(request))
})
