// RunStrong's search worker (issue 18): Material's own worker, with the query rewritten first.
// main.html points Material's search at this file, naming Material's worker (?material=…),
// which it loads and runs unchanged: the index, its fields and weights are Material's and
// generator/search_index.py's. Only the typed words change, before Material sees them:
//  - a phrase the index knows ("IT band", "runner's knee", "no equipment", "calf raise":
//    "_it_band"… in the names, terms, helps and topics fields) becomes that one token,
//    so its words no longer match on their own ("no" → "Nordic", "it" → "item");
//  - short words lunr drops anyway (stop words: "my", "in", "with") are left out when other
//    words remain: Material would otherwise search them as prefixes ("in" → "inner");
//  - a query that finds nothing is searched again with each unknown word replaced by the
//    nearest word of the index (one or two letters off: "achiles", "hamstirng", "calfs").
// Material's worker keeps lunr's languages next to it (../lunr), so this file lives beside it.
;(function () {
  "use strict"

  var SETUP = 0
  var QUERY = 2
  var RESULT = 3
  var FIELDS_WITH_PHRASES = ["names", "terms", "topics", "helps"]
  var VOCABULARY_FIELDS = ["title", "tags", "names", "terms", "topics", "forms", "body"]

  var material = new URL(location.href).searchParams.get("material") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) material = ""

  // Material's worker adds one message listener and answers with postMessage: keep the
  // listener to call it ourselves, and take its answers.
  var listeners = []
  var addListener = self.addEventListener.bind(self)
  self.addEventListener = function (type, listener, options) {
    if (type === "message") listeners.push(listener)
    else addListener(type, listener, options)
  }
  var post = self.postMessage.bind(self)
  var waiting = []
  self.postMessage = function (message) {
    var next = waiting.shift()
    if (next) next(message)
    else post(message)
  }
  if (material) importScripts(material)
  self.addEventListener = addListener

  function ask(message) {
    return new Promise(function (resolve) {
      waiting.push(resolve)
      listeners.forEach(function (listener) { listener({ data: message }) })
    })
  }

  var phrases = {} // "it band" → "it_band"
  var longest = 1
  var vocabulary = {} // word → number of entries it is in

  function words(text) {
    return String(text || "").toLowerCase().split(/[\s\-,.;!?()[\]"/]+/).filter(Boolean)
  }

  function learn(docs) {
    docs.forEach(function (doc) {
      var seen = {}
      FIELDS_WITH_PHRASES.forEach(function (field) {
        words(doc[field]).forEach(function (token) {
          if (token.charAt(0) !== "_") return
          var parts = token.slice(1).split("_")
          phrases[parts.join(" ")] = token
          longest = Math.max(longest, parts.length)
        })
      })
      VOCABULARY_FIELDS.forEach(function (field) {
        var value = Array.isArray(doc[field]) ? doc[field].join(" ") : doc[field]
        words(value).forEach(function (word) {
          if (word.length < 4 || !/^[a-z']+$/.test(word) || seen[word]) return
          seen[word] = true
          vocabulary[word] = (vocabulary[word] || 0) + 1
        })
      })
    })
  }

  function isStopWord(word) {
    var lunr = self.lunr
    return !!(lunr && lunr.stopWordFilter && lunr.stopWordFilter(word) === undefined)
  }

  // "Knee pain in my runner's knee" → ["knee_pain", "runners_knee"] (phrases first, longest wins).
  function rewrite(query) {
    if (/[+\-~^*:"]/.test(query.replace(/(\w)-(\w)/g, "$1 $2"))) return null // lunr syntax: as typed
    var typed = query.toLowerCase().replace(/['’]/g, "").replace(/-/g, " ").split(/\s+/).filter(Boolean)
    var out = []
    for (var i = 0; i < typed.length; ) {
      var found = 0
      for (var n = Math.min(longest, typed.length - i); n >= 2 && !found; n--) {
        var token = phrases[typed.slice(i, i + n).join(" ")]
        if (token) { out.push(token); found = n }
      }
      if (!found) { out.push(typed[i]); found = 1 }
      i += found
    }
    var kept = out.filter(function (word) { return !isStopWord(word) })
    return kept.length ? kept : out
  }

  // Levenshtein distance with transpositions, given up beyond `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1
    var prev2 = null
    var prev = []
    for (var j = 0; j <= b.length; j++) prev.push(j)
    for (var i = 1; i <= a.length; i++) {
      var row = [i]
      var best = i
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1
        var d = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + cost)
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          d = Math.min(d, prev2[k - 2] + 1)
        }
        row.push(d)
        best = Math.min(best, d)
      }
      if (best > limit) return limit + 1
      prev2 = prev
      prev = row
    }
    return prev[b.length]
  }

  function known(word) {
    if (word.indexOf("_") !== -1 || word.length < 4) return true
    for (var v in vocabulary) if (v.lastIndexOf(word, 0) === 0) return true
    return false
  }

  function nearest(word) {
    var limit = word.length >= 7 ? 2 : 1
    var best = null
    var bestDistance = limit + 1
    for (var v in vocabulary) {
      var d = distance(word, v, limit)
      if (d < bestDistance || (d === bestDistance && best && vocabulary[v] > vocabulary[best])) {
        best = v
        bestDistance = d
      }
    }
    return bestDistance <= limit ? best : null
  }

  function empty(result) {
    return !result || !result.data || !result.data.items || result.data.items.length === 0
  }

  async function search(query) {
    var terms = rewrite(query)
    if (!terms) return ask({ type: QUERY, data: query })
    var result = await ask({ type: QUERY, data: terms.join(" ") })
    if (!empty(result)) return result
    var changed = false
    var fixed = terms.map(function (word) {
      if (known(word)) return word
      var near = nearest(word)
      if (near) changed = true
      return near || word
    })
    if (!changed) return result
    return ask({ type: QUERY, data: fixed.join(" ") })
  }

  // One message at a time, in order: Material answers each query once.
  var queue = Promise.resolve()
  addListener("message", function (event) {
    var message = event.data
    queue = queue.then(function () {
      if (message && message.type === SETUP) {
        learn((message.data && message.data.docs) || [])
        return ask(message)
      }
      if (message && message.type === QUERY && typeof message.data === "string") return search(message.data)
      return ask(message)
    }).then(function (answer) {
      if (answer) post(answer)
    }, function () {
      post({ type: RESULT, data: { items: [] } })
    })
  })
})()
