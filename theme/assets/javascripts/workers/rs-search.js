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
// (zensicalSetup: the guide topics as its "title", the names, tags, lay terms, … and title
// as its "path", each kind from a fixed word position on, so an earlier kind always ranks
// first, and the text last; boosted pages first among equals) and marks the typed words in
// the title and text the dialog shows (zensicalResult).
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
  var zensical = null // set up for Zensical's index: its entries and their order there
  var stopWords = null // Zensical's index lists them (Material's worker has lunr's)
  var lastWords = [] // the words of Zensical's last search: a further page marks them too

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
  // `searched(words)`, if given, is told the words of the answer (Zensical marks them).
  async function search(query, message, searched) {
    var tell = searched || function () {}
    var terms = rewrite(query)
    if (!terms) {
      tell(query.split(/\s+/))
      return ask(message(query))
    }
    tell(terms)
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
    tell(fixed)
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
  // forms. Material indexes a page's tags on its first entry only: so does this. Names, terms
  // and helps are single tokens ("rdl", "_calf_raise"), shortest first: a word typed whole
  // then comes before the longer ones it begins ("_calf_raise" before "_calf_raise_hold"), as
  // lunr's several matches on the exact name put it first.
  function kinds(item) {
    var page = String(item.location || "").indexOf("#") === -1
    return [
      shortestFirst(item.names),
      page ? joined(item.tags) : "",
      shortestFirst(item.terms),
      shortestFirst(item.helps),
      [String(item.title || ""), titleFormsFirst(item)].join(" "),
    ]
  }

  // The title's own word forms ("squats" of "Split squat") before those of its tags ("squats"
  // of a box jump's alias "Squat jump"): a form of a title word is a match in the title.
  function titleFormsFirst(item) {
    var title = String(item.title || "").toLowerCase().split(/[^\p{L}]+/u).filter(Boolean)
    function ofTitle(form) {
      return title.some(function (word) {
        var stem = word.slice(0, Math.max(3, word.length - 1))
        return form.lastIndexOf(stem, 0) === 0
      })
    }
    var forms = joined(item.forms).split(/\s+/).filter(Boolean)
    return forms.filter(ofTitle).concat(forms.filter(function (f) { return !ofTitle(f) })).join(" ")
  }

  function shortestFirst(value) {
    var tokens = joined(value).split(/\s+/).filter(Boolean)
    return tokens.map(function (token, i) { return [token.length, i, token] })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] })
      .map(function (entry) { return entry[2] }).join(" ")
  }

  // Material multiplies a page's score by its boost (an exercise 3, a browse page 0.5): more
  // than the text's weight, less than a field's (×10 each). So pages of about the same boost
  // (log2, rounded) share a band, and in the last kind (the title, which every page has) a
  // higher band's words come first.
  function band(item) {
    var value = Number(item.boost)
    return -Math.round(Math.log2(isFinite(value) && value > 0 ? value : 1))
  }

  // The words of the phrase tokens ("_sore_knee" → "sore knee"), in the text the worker
  // searches: Material's search finds a page by any of the typed words, Zensical's by all of
  // them, so "sore knees" needs "sore" somewhere on the guide section its topics lead to.
  function phraseWords(item) {
    var words = []
    FIELDS_WITH_PHRASES.forEach(function (field) {
      joined(item[field]).split(/\s+/).forEach(function (token) {
        if (token.charAt(0) === "_") words.push(token.slice(1).split("_").join(" "))
      })
    })
    return words.join(" ")
  }

  // Zensical's index laid out for its ranking.
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
    var bands = items.map(band)
    var ranks = bands.filter(function (b, i) { return bands.indexOf(b) === i }).sort(function (a, b) { return a - b })
    var views = items.map(function (item, id) {
      var parts = laid[id]
      var last = parts.length - 1
      var path = parts.map(function (text, k) {
        // Every kind from the same word position on, in every entry: an earlier kind's match
        // comes earlier than any later kind's, whatever the entry.
        if (k < last) return text + FILLER.repeat(widths[k] - count(text))
        return FILLER.repeat(ranks.indexOf(bands[id]) * widths[k]) + text
      })
      return {
        location: item.location,
        tags: item.tags,
        title: joined(item.topics), // the guide topics: above everything (FIELD_BOOSTS)
        path: path,
        text: [String(item.text || ""), joined(item.body_forms), phraseWords(item)].join(" "),
      }
    })
    // Zensical keeps the index's order among equal results: boosted pages first, then as written.
    var order = items.map(function (_, id) { return id })
    function boost(id) {
      var value = Number(items[id].boost)
      return isFinite(value) ? value : 1
    }
    order.sort(function (a, b) { return boost(b) - boost(a) || a - b })
    zensical = { order: order, items: items }
    return { config: config, items: order.map(function (id) { return views[id] }) }
  }

  // The typed words (a phrase token's words) marked where they begin a word of `text`:
  // Zensical's dialog underlines the typed part of each.
  function marks(text, words, limit) {
    var ranges = []
    var word = /[\p{L}\p{N}'’]+/gu
    var found
    while ((found = word.exec(text)) && ranges.length < limit) {
      var lower = found[0].toLowerCase().replace(/['’]/g, "")
      var typed = words.find(function (w) { return lower.lastIndexOf(w, 0) === 0 })
      if (typed) ranges.push({ start: found.index, end: found.index + found[0].length, value: typed.length })
    }
    return ranges
  }

  function typedWords(terms) {
    var out = []
    terms.forEach(function (term) {
      String(term).toLowerCase().replace(/^_/, "").split(/[_\s]+/).forEach(function (w) {
        if (w && !isStopWord(w) && out.indexOf(w) === -1) out.push(w)
      })
    })
    return out
  }

  // A result as the dialog reads it: the entries' own numbers, and the typed words marked in
  // the title and text it shows (the worker matched them in fields the dialog does not show).
  function zensicalResult(answer, terms) {
    if (!zensical || !answer || answer.type !== RESULT || !answer.data || !answer.data.items) return answer
    var words = typedWords(terms || [])
    answer.data.items = answer.data.items.map(function (item) {
      var id = zensical.order[item.id]
      var entry = zensical.items[id] || {}
      var kept = (item.matches || []).map(function (match) {
        return Object.assign({}, match, { field: "rs-" + match.field }) // not shown as they are
      })
      var shown = [["title", marks(String(entry.title || ""), words, 50)], ["text", marks(String(entry.text || ""), words, 50)]]
      shown.forEach(function (pair) {
        kept.push({ field: pair[0], value: { highlight: { ranges: pair[1] } } })
      })
      return Object.assign({}, item, { id: id, matches: kept })
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
        }, function (words) { lastWords = words }).then(function (answer) {
          return zensicalResult(answer, lastWords)
        })
      }
      return ask(message).then(function (answer) { return zensicalResult(answer, lastWords) })
    }).then(function (answer) {
      if (answer) post(answer)
    }, function () {
      var none = { items: [] }
      if (zensical) none = { items: [], pagination: { total: 0 }, aggregations: [] }
      post({ type: RESULT, data: none })
    })
  })
})()
