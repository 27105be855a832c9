// RunStrong's service worker: the guide at the gym with no signal (issue 10).
//
// The build (generator/offline.py) writes sw.js at the site root as `const PRECACHE = {...}`
// followed by this file. PRECACHE.files lists [path, revision] for the home page, the library,
// every exercise page and the pictures and theme files they use; on install each is fetched
// once (or copied from the previous version's cache when its revision did not change). Any
// other page the runner opens (a program) is kept as it is fetched and served from that copy
// when the network fails. Query strings (the finder's ?muscle=…) and anchors do not change
// which copy answers. This file is not a page script: phone.js registers sw.js.
/* global PRECACHE */
"use strict"

var PREFIX = "runstrong-"
var PRECACHE_NAME = PREFIX + "precache-" + PRECACHE.version
var RUNTIME_NAME = PREFIX + "runtime"
var REVISIONS = "__revisions.json"
// Pages and pictures kept beyond the precache (programs, browse pages opened): at most this
// many, the oldest dropped first, so a phone's storage does not grow with every visit. PDFs are
// not kept: they are large, and printing one needs a printer and a network anyway.
var RUNTIME_LIMIT = 80

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
function trim(cache) {
  return cache.keys().then(function (keys) {
    var extra = keys.slice(0, Math.max(0, keys.length - RUNTIME_LIMIT))
    return Promise.all(extra.map(function (k) { return cache.delete(k) }))
  })
}

function respond(request) {
  var key = keyOf(request.url)
  return caches.open(PRECACHE_NAME).then(function (precache) {
    return precache.match(key).then(function (hit) {
      if (hit) return hit
      return caches.open(RUNTIME_NAME).then(function (runtime) {
        return fetch(request).then(function (response) {
          if (response.ok && response.type === "basic" && !/\.pdf$/i.test(key)) {
            var copy = response.clone()
            storable(copy).then(function (r) { return runtime.put(key, r) }).then(function () {
              return trim(runtime)
            })
          }
          return response
        }, function (error) {
          return runtime.match(key).then(function (kept) {
            if (kept) return kept
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
