// RunStrong's search worker (issues 18, 21): the engine's own worker, with the query rewritten
// first. main.html points the search at this file, naming the engine's worker (?material=…:
// Material's, or Zensical's, which speaks the same messages), which it loads and runs
// unchanged: the index, its fields and weights are generator/search_index.py's. The typed
// words change before the engine sees them:
//  - a phrase the index knows ("IT band", "runner's knee", "no equipment", "calf raise":
//    "_it_band"… in the names, terms, helps and topics fields) becomes that one token,
//    so its words no longer match on their own ("no" → "Nordic", "it" → "item");
//  - short words lunr drops anyway (stop words: "my", "in", "with") are left out when other
//    words remain: the engine would otherwise search them as prefixes ("in" → "inner");
//  - a query that finds nothing is searched again with each unknown word replaced by the
//    nearest word of the index (one or two letters off: "achiles", "hamstirng", "calfs").
// Zensical's worker has three fixed fields (title ×3, path ×2, text ×1) and no boosts: it
// ranks a result by its best field, then by how many of the words sit close together there,
// then by how early they come. So this worker hands it each entry laid out for that ranking
// (zensicalEntry: the guide topics as its "title", the names, tags, lay terms, … and title
// as its "path", each kind from a fixed word position on, so an earlier kind always ranks
// first, and the text last; boosted pages first among equals) and maps the highlighted
// words of each result back onto the title and text the dialog shows (zensicalResult).
// Both engines' workers keep their files (lunr's languages) next to them: this file lives
// beside them.
;(function () {
  "use strict"

  var SETUP = 0
  var QUERY = 2
  var RESULT = 3
  var FIELDS_WITH_PHRASES = ["names", "terms", "topics", "helps"]
  var VOCABULARY_FIELDS = ["title", "tags", "names", "terms", "topics", "forms", "body", "text"]

  var material = new URL(location.href).searchParams.get("material") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) material = ""
  var zensical = null // set up for Zensical's index: its entries' order and layout
  var stopWords = null // Zensical's index lists them (Material's worker has lunr's)

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
  // Zensical's worker listens with `self.onmessage`: taken too, or it would answer the page's
  // messages itself, before and besides this worker.
  if (typeof self.onmessage === "function") {
    var own = self.onmessage
    self.onmessage = null
    listeners.push(function (event) { return own.call(self, event) })
  }

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
    if (stopWords) return Object.prototype.hasOwnProperty.call(stopWords, word)
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

  // `query`: the typed words; `message(words)`: the engine's query message for other words.
  async function search(query, message) {
    var terms = rewrite(query)
    if (!terms) return ask(message(query))
    var result = await ask(message(terms.join(" ")))
    if (!empty(result)) return result
    var changed = false
    var fixed = terms.map(function (word) {
      if (known(word)) return word
      var near = nearest(word)
      if (near) changed = true
      return near || word
    })
    if (!changed) return result
    return ask(message(fixed.join(" ")))
  }

  // ---- Zensical ------------------------------------------------------------------------------

  // A word nobody types and no typo comes near (Zensical also matches words a letter or two
  // off): it fills a kind's word positions up to where the next kind starts.
  var FILLER = " \uE000\uE000\uE000\uE000\uE000\uE000\uE000\uE000"

  function joined(value) {
    return Array.isArray(value) ? value.join(" ") : value == null ? "" : String(value)
  }

  // The kinds of an entry's words in Zensical's "path" field, best first: MkDocs' weights
  // (FIELD_BOOSTS in generator/search_index.py) names > tags > terms > helps > title and its
  // forms. Material indexes a page's tags on its first entry only: so does this.
  function kinds(item) {
    var page = String(item.location || "").indexOf("#") === -1
    return [
      joined(item.names),
      page ? joined(item.tags) : "",
      joined(item.terms),
      joined(item.helps),
      [String(item.title || ""), joined(item.forms)].join(" "),
    ]
  }

  // Zensical's index laid out for its ranking; remembers where each entry's title and text are.
  function zensicalSetup(index) {
    var config = index.config || {}
    var separator = new RegExp(config.separator || "[\\s\\-]+", "u")
    function count(text) {
      return text.split(separator).filter(Boolean).length
    }
    stopWords = {}
    ;(config.stop_words || []).forEach(function (word) { stopWords[word] = true })
    var items = index.items || []
    var laid = items.map(kinds)
    var widths = laid[0] ? laid[0].map(function (_, k) {
      return Math.max.apply(null, laid.map(function (parts) { return count(parts[k]) }))
    }) : []
    var layout = []
    var views = items.map(function (item, id) {
      var parts = laid[id]
      var path = parts.map(function (text, k) {
        if (k === parts.length - 1) return text
        // Every kind from the same word position on, in every entry: an earlier kind's match
        // comes earlier than any later kind's, whatever the entry.
        return text + FILLER.repeat(widths[k] - count(text))
      })
      var at = 0
      for (var k = 0; k < path.length - 1; k++) at += path[k].length
      var text = String(item.text || "")
      layout[id] = { titleAt: at, title: String(item.title || "").length, text: text.length }
      return {
        location: item.location,
        tags: item.tags,
        title: joined(item.topics), // the guide topics: above everything (FIELD_BOOSTS)
        path: path,
        text: [text, " " + joined(item.body_forms)],
      }
    })
    // Zensical keeps the index's order among equal results: boosted pages (an exercise over a
    // browse page that lists it: pages.search_terms.EXERCISE_BOOST) first, then as written.
    var order = items.map(function (_, id) { return id })
    function boost(id) {
      var value = Number(items[id].boost)
      return isFinite(value) ? value : 1
    }
    order.sort(function (a, b) { return boost(b) - boost(a) || a - b })
    zensical = { order: order, layout: layout }
    return { config: config, items: order.map(function (id) { return views[id] }) }
  }

  // A match's highlighted words within [at, at + length) of its field, as the dialog's field.
  function shown(match, field, at, length) {
    var value = match.value || {}
    var ranges = ((value.highlight && value.highlight.ranges) || []).filter(function (range) {
      return range.start >= at && range.end <= at + length
    }).map(function (range) {
      return Object.assign({}, range, { start: range.start - at, end: range.end - at })
    })
    return Object.assign({}, match, { field: field, value: Object.assign({}, value, { highlight: { ranges: ranges } }) })
  }

  // A result as the dialog reads it: the entries' own numbers, and the words found in the title
  // and the text the dialog shows (the topics and kinds of words above are not shown).
  function zensicalResult(answer) {
    if (!zensical || !answer || answer.type !== RESULT || !answer.data || !answer.data.items) return answer
    answer.data.items = answer.data.items.map(function (item) {
      var id = zensical.order[item.id]
      var layout = zensical.layout[id]
      var matches = (item.matches || []).map(function (match) {
        if (match.field === "path") return shown(match, "title", layout.titleAt, layout.title)
        if (match.field === "text") return shown(match, "text", 0, layout.text)
        return Object.assign({}, match, { field: "topics" })
      })
      return Object.assign({}, item, { id: id, matches: matches })
    })
    return answer
  }

  // ---- Messages ----------------------------------------------------------------------------

  // One message at a time, in order: the engine answers each query once.
  var queue = Promise.resolve()
  addListener("message", function (event) {
    var message = event.data
    queue = queue.then(function () {
      var data = message && message.data
      if (message && message.type === SETUP) {
        if (data && Array.isArray(data.items)) { // Zensical's search.json
          learn(data.items)
          return ask({ type: SETUP, data: zensicalSetup(data) })
        }
        learn((data && data.docs) || [])
        return ask(message)
      }
      if (message && message.type === QUERY && typeof data === "string") {
        return search(data, function (words) { return { type: QUERY, data: words } })
      }
      // Zensical's query: the typed words and the tag filter; a further page of the same
      // results (`page`) comes from the worker's last search as it is.
      if (message && message.type === QUERY && data && typeof data.input === "string" && !data.page) {
        return search(data.input, function (words) {
          return { type: QUERY, data: Object.assign({}, data, { input: words }) }
        }).then(zensicalResult)
      }
      return ask(message).then(zensicalResult)
    }).then(function (answer) {
      if (answer) post(answer)
    }, function () {
      var none = { items: [] }
      if (zensical) none = { items: [], pagination: { total: 0 }, aggregations: [] }
      post({ type: RESULT, data: none })
    })
  })
})()
