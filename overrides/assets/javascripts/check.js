/*
 * 防诈课堂 这条消息可疑吗？ — checks a pasted or dictated message in the browser.
 *
 * Nothing leaves the device: the text is read here, against check-index.js (built from every
 * scam page's `signals` and the site's generic flags, see fangzha/checker.py), and never stored.
 * The result marks each red-flag phrase in the text, names the matching scam types best first
 * and gives a verdict that never says "safe". A phrase inside a warning ("警方提醒…", "请勿泄露")
 * counts a quarter; a code or a password counts only when the message asks for it.
 *
 * analyse() is plain and also runs under Node for the tests. Plain ES2017, works from file://.
 */
(function (root) {
  "use strict";

  var ENDS = /[。！？!?；;\n]/;

  /* The text as the index was written: NFKC (full-width to half-width), lower case, with a map
     back to the characters the reader typed. */
  function normalise(text, t2s) {
    var simplified = {};
    for (var j = 0; j + 1 < (t2s || "").length; j += 2) simplified[t2s.charAt(j)] = t2s.charAt(j + 1);
    var out = "";
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      var ch = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? text.substr(i, 2) : text.charAt(i);
      var norm = ch.normalize ? ch.normalize("NFKC").toLowerCase() : ch.toLowerCase();
      if (simplified[norm]) norm = simplified[norm];
      for (var k = 0; k < norm.length; k++) map.push(i);
      out += norm;
      i += ch.length - 1;
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  /* The two-character pieces of the Chinese runs, and the Latin words and numbers. */
  function pieces(text) {
    var out = [];
    (text.match(/[\u4e00-\u9fff]+|[a-z0-9]{2,}/g) || []).forEach(function (run) {
      if (/^[a-z0-9]/.test(run)) out.push(run);
      else for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    });
    return out;
  }

  function sentenceOf(text, at) {
    var start = at;
    while (start > 0 && !ENDS.test(text.charAt(start - 1))) start--;
    var end = at;
    while (end < text.length && !ENDS.test(text.charAt(end))) end++;
    return text.slice(start, end);
  }

  function hasAny(text, words) {
    for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) >= 0) return true;
    return false;
  }

  /* How much one occurrence counts: 0 when a code is named but not asked for. */
  function factor(text, at, asks, cues) {
    var sentence = sentenceOf(text, at);
    if (asks) {
      if (hasAny(sentence, cues.keep) || !hasAny(sentence, cues.ask)) return 0;
    }
    return hasAny(sentence, cues.warn) ? 0.25 : 1;
  }

  /* Every occurrence of every flag: [{start, end, weight, means, page (index or -1), key}]. */
  function findFlags(norm, index) {
    var text = norm.text;
    var found = [];
    index.signals.forEach(function (signal, number) {
      signal.w.forEach(function (word) {
        for (var at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
          found.push({
            start: at,
            end: at + word.length,
            key: "s" + number,
            page: signal.p,
            weight: signal.g * factor(text, at, signal.a, index.cues),
            means: signal.m,
          });
        }
      });
    });
    index.generic.forEach(function (flag) {
      var pattern = new RegExp(flag.r, "g");
      var match;
      while ((match = pattern.exec(text))) {
        var at = match.index;
        found.push({
          start: at,
          end: match.index + match[0].length,
          key: "g" + flag.k,
          page: -1,
          weight: flag.g * factor(text, at, flag.a, index.cues),
          means: flag.m,
        });
        if (!match[0].length) pattern.lastIndex++;
      }
    });
    return found;
  }

  /* The page profiles as {piece: weight}, unpacked once from [pieces, tenths, {latin: tenths}]. */
  function unpack(index) {
    if (index.unpacked) return index.unpacked;
    index.unpacked = index.profiles.map(function (packed) {
      var profile = {};
      for (var i = 0; i < packed[1].length; i++) profile[packed[0].substr(2 * i, 2)] = packed[1][i] / 10;
      Object.keys(packed[2]).forEach(function (word) {
        profile[word] = packed[2][word] / 10;
      });
      return profile;
    });
    return index.unpacked;
  }

  /* The verdict: {level, score, flags (strongest occurrence of each, in text order), matches}. */
  function analyse(input, index) {
    var norm = normalise(String(input || ""), index.t2s);
    var found = findFlags(norm, index).filter(function (f) {
      return f.weight > 0;
    });
    var best = {};
    found.forEach(function (f) {
      if (!best[f.key] || best[f.key].weight < f.weight) best[f.key] = f;
    });
    var flags = Object.keys(best).map(function (key) {
      return best[key];
    });
    var score = 0;
    var pages = {};
    var seenWords = {};
    flags.forEach(function (f) {
      var word = norm.text.slice(f.start, f.end);
      if (!seenWords[word]) score += f.weight;
      seenWords[word] = true;
      if (f.page >= 0) {
        var entry = pages[f.page] || (pages[f.page] = { page: f.page, score: 0, top: 0, sim: 0 });
        entry.score += f.weight;
        entry.top = Math.max(entry.top, f.weight);
      }
    });
    /* How much the message sounds like each page (its two-character pieces, see checker.py). */
    var seenPieces = {};
    var profiles = unpack(index);
    pieces(norm.text).forEach(function (piece) {
      if (seenPieces[piece]) return;
      seenPieces[piece] = true;
      profiles.forEach(function (profile, number) {
        var weight = profile[piece];
        if (!weight) return;
        var entry = pages[number] || (pages[number] = { page: number, score: 0, top: 0, sim: 0 });
        entry.sim = (entry.sim || 0) + weight;
      });
    });
    var mix = index.mix;
    var ranked = Object.keys(pages)
      .map(function (key) {
        var m = pages[key];
        m.total = m.score * mix.signal + (m.sim || 0) * mix.sound;
        return m;
      })
      .sort(function (a, b) {
        return b.total - a.total || b.top - a.top || a.page - b.page;
      });
    /* A message that sounds very like one scam is suspicious in itself, unless it is someone
       warning about that scam (a police reminder, a school notice): those use warning words. */
    var like = ranked.length ? ranked[0].sim || 0 : 0;
    var official = hasAny(norm.text, index.cues.official);
    if (official) score = score / 2;
    else if (like >= mix.sounds_like && !hasAny(norm.text, index.cues.warn)) score += mix.sounds_like_adds;
    var matches = ranked
      .filter(function (m) {
        return m.total >= mix.listed;
      })
      .slice(0, 3)
      .map(function (m) {
        var page = index.pages[m.page];
        return { slug: page.slug, title: page.title, url: page.url, score: Math.round(m.total * 10) / 10 };
      });
    var level = score >= index.levels.high ? "high" : score >= index.levels.medium ? "medium" : "low";
    /* One note per marked phrase: where entries flag the same or overlapping words, the longer
       (then the stronger) one is marked and explains them, so the numbers in the text and the
       notes below always match. */
    flags.sort(function (a, b) {
      return a.start - b.start || b.end - a.end || b.weight - a.weight;
    });
    var reach = 0;
    flags = flags.filter(function (f) {
      if (f.start < reach) return false;
      reach = f.end;
      return true;
    });
    flags = flags.map(function (f) {
      return {
        start: norm.map[f.start],
        end: norm.map[f.end],
        means: f.means,
        weight: f.weight,
        page: f.page,
      };
    });
    return { level: level, score: score, flags: flags, matches: matches };
  }

  root.fzCheck = { analyse: analyse };
  if (typeof module !== "undefined" && module.exports) module.exports = { analyse: analyse };
  if (typeof document === "undefined") return;

  /* -- the page --------------------------------------------------------------------------- */

  var here = document.currentScript ? document.currentScript.src : "";

  function base() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base + "/", window.location.href).href;
    } catch (error) {
      return new URL("../", window.location.href).href;
    }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  /* The reader's text with each flag marked; overlapping flags keep the first. */
  function marked(text, flags) {
    var box = el("p", { class: "fz-checker__text" });
    var at = 0;
    flags.forEach(function (flag, number) {
      if (flag.start < at) return;
      box.appendChild(document.createTextNode(text.slice(at, flag.start)));
      var mark = el("mark", { "data-check-flag": String(number + 1), title: flag.means }, text.slice(flag.start, flag.end));
      box.appendChild(mark);
      var note = el("sup", { class: "fz-checker__ref", "aria-hidden": "true" }, String(number + 1));
      box.appendChild(note);
      at = flag.end;
    });
    box.appendChild(document.createTextNode(text.slice(at)));
    return box;
  }

  function render(widget, text, index) {
    var result = widget.querySelector("[data-check-result]");
    result.textContent = "";
    if (!text.trim()) return;
    var found = analyse(text, index);
    var verdict = index.verdicts[found.level];
    var box = el("section", {
      class: "fz-checker__verdict fz-checker__verdict--" + found.level,
      "data-check-verdict": "",
      "data-level": found.level,
      tabindex: "-1",
    });
    box.appendChild(el("h2", { class: "fz-checker__title" }, verdict.title));
    box.appendChild(el("p", { class: "fz-checker__advice" }, verdict.advice));
    var speak = el("button", { type: "button", class: "md-button", "data-check-speak": "", hidden: "" }, "朗读结果");
    box.appendChild(speak);
    result.appendChild(box);

    if (found.matches.length) {
      result.appendChild(el("h3", {}, "像这些骗局"));
      var list = el("ol", { class: "fz-checker__matches" });
      var site = base();
      found.matches.forEach(function (match) {
        var item = el("li", { "data-check-match": "", "data-scam": match.slug });
        item.appendChild(el("a", { href: new URL(match.url, site).href }, match.title));
        list.appendChild(item);
      });
      result.appendChild(list);
    }
    if (found.flags.length) {
      result.appendChild(el("h3", {}, "可疑的说法"));
      result.appendChild(marked(text, found.flags));
      var notes = el("ol", { class: "fz-checker__flags" });
      var seen = {};
      found.flags.forEach(function (flag, number) {
        if (seen[flag.means]) return;
        seen[flag.means] = true;
        var item = el("li", { value: String(number + 1) });
        item.appendChild(el("strong", {}, "“" + text.slice(flag.start, flag.end) + "”"));
        item.appendChild(document.createTextNode("：" + flag.means));
        notes.appendChild(item);
      });
      result.appendChild(notes);
    }
    if (window.speechSynthesis && typeof window.SpeechSynthesisUtterance === "function") {
      var voices = window.speechSynthesis.getVoices() || [];
      if (voices.some(function (v) { return /^zh/i.test(v.lang); })) {
        speak.hidden = false;
        speak.addEventListener("click", function () {
          var words = verdict.title + "。" + verdict.advice;
          if (found.matches.length) words += "。像" + found.matches.map(function (m) { return m.title; }).join("、") + "。";
          var utterance = new window.SpeechSynthesisUtterance(words);
          utterance.lang = "zh-CN";
          window.speechSynthesis.cancel();
          window.speechSynthesis.speak(utterance);
        });
      }
    }
    return box;
  }

  function withIndex(callback) {
    if (root.fzCheckIndex) return callback(root.fzCheckIndex);
    var script = document.createElement("script");
    script.src = new URL("check-index.js", here || window.location.href).href;
    script.onload = function () {
      if (root.fzCheckIndex) callback(root.fzCheckIndex);
    };
    document.body.appendChild(script);
  }

  function mount(widget) {
    if (widget.hasAttribute("data-check-ready")) return;
    widget.setAttribute("data-check-ready", "");
    var form = widget.querySelector("[data-check-form]");
    var input = widget.querySelector("[data-check-input]");
    var fallback = widget.querySelector("[data-check-fallback]");
    withIndex(function (index) {
      form.hidden = false;
      if (fallback) fallback.hidden = true;
      var timer = null;
      var run = function (focus) {
        window.clearTimeout(timer);
        var box = render(widget, input.value, index);
        if (box && focus) box.focus();
      };
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        run(true);
      });
      /* Typed, pasted, dictated: check a moment after the text stops changing. */
      input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          run(false);
        }, 400);
      });
      widget.querySelector("[data-check-clear]").addEventListener("click", function () {
        input.value = "";
        run(false);
        input.focus();
      });
      /* From a search for a whole sentence: #text=… (a fragment never reaches the server). */
      var hash = /[#&]text=([^&]*)/.exec(window.location.hash);
      if (hash) {
        try {
          input.value = decodeURIComponent(hash[1]);
        } catch (error) {
          input.value = "";
        }
        history.replaceState(null, "", window.location.pathname + window.location.search);
        run(false);
      }
    });
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-checker]"), mount);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})(typeof window !== "undefined" ? window : globalThis);
