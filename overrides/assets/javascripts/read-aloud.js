/*
 * 防诈课堂 朗读: reads the page's main text aloud with the browser's own speech synthesis
 * (zh-CN), sentence by sentence, highlighting the sentence being read. Nothing is sent
 * anywhere. The control stays hidden when the browser has no Chinese voice.
 */
(function () {
  "use strict";

  var SKIP = "script, style, svg, button, summary, .fz-trust, .fz-reading-tools, .fz-page-qr, .fz-qr__code, " +
    ".fz-receipt, [data-answer], [hidden], .fz-quiz__result, .md-source-file, .headerlink";
  var BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, td, th, legend, figcaption, blockquote > p";
  var SENTENCE_END = /[。！？；!?;]/;

  var synth = window.speechSynthesis;
  var state = null;

  function chineseVoice() {
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return null;
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (/^zh([-_]CN|[-_]Hans)?/i.test(voices[i].lang) && !/TW|HK/i.test(voices[i].lang)) return voices[i];
    }
    for (var j = 0; j < voices.length; j++) {
      if (/^zh/i.test(voices[j].lang)) return voices[j];
    }
    return null;
  }

  /* Split the article's readable text into sentences, each kept as DOM ranges. */
  function sentences(article) {
    var out = [];
    var blocks = article.querySelectorAll(BLOCKS);
    for (var b = 0; b < blocks.length; b++) {
      var block = blocks[b];
      if (block.closest(SKIP) || block.querySelector(BLOCKS)) continue;
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          return node.parentElement && node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        },
      });
      var current = { text: "", start: null, end: null, block: block };
      var node;
      while ((node = walker.nextNode())) {
        var text = node.nodeValue;
        for (var i = 0; i < text.length; i++) {
          if (current.start === null) {
            if (/\s/.test(text.charAt(i))) continue;
            current.start = { node: node, offset: i };
          }
          current.text += text.charAt(i);
          current.end = { node: node, offset: i + 1 };
          if (SENTENCE_END.test(text.charAt(i))) {
            out.push(current);
            current = { text: "", start: null, end: null, block: block };
          }
        }
      }
      if (current.start !== null && current.text.replace(/[\s\u200b]/g, "")) out.push(current);
    }
    return out.filter(function (s) {
      return /[\u4e00-\u9fff0-9A-Za-z]/.test(s.text);
    });
  }

  function highlight(sentence) {
    clearHighlight();
    if (!sentence) return;
    if (window.CSS && CSS.highlights && typeof window.Highlight === "function") {
      var range = document.createRange();
      range.setStart(sentence.start.node, sentence.start.offset);
      range.setEnd(sentence.end.node, sentence.end.offset);
      CSS.highlights.set("fz-reading", new window.Highlight(range));
    }
    sentence.block.classList.add("fz-reading-block");
    if (sentence.block.scrollIntoView) sentence.block.scrollIntoView({ block: "nearest" });
  }

  function clearHighlight() {
    if (window.CSS && CSS.highlights) CSS.highlights.delete("fz-reading");
    Array.prototype.forEach.call(document.querySelectorAll(".fz-reading-block"), function (el) {
      el.classList.remove("fz-reading-block");
    });
  }

  function controls() {
    var box = document.querySelector("[data-read-aloud]");
    return box && {
      box: box,
      start: box.querySelector("[data-read-start]"),
      pause: box.querySelector("[data-read-pause]"),
      stop: box.querySelector("[data-read-stop]"),
      status: document.querySelector("[data-read-status]"),
    };
  }

  function show(reading, paused) {
    var c = controls();
    if (!c) return;
    c.start.hidden = reading;
    c.pause.hidden = !reading;
    c.stop.hidden = !reading;
    c.pause.textContent = paused ? "继续" : "暂停";
    c.pause.setAttribute("aria-pressed", paused ? "true" : "false");
  }

  function say(text) {
    var c = controls();
    if (c && c.status) c.status.textContent = text;
  }

  function speakNext() {
    if (!state) return;
    if (state.index >= state.list.length) {
      stop("朗读结束");
      return;
    }
    var sentence = state.list[state.index];
    var utterance = new window.SpeechSynthesisUtterance(sentence.text.replace(/\u200b/g, ""));
    utterance.lang = "zh-CN";
    utterance.voice = state.voice;
    utterance.rate = document.documentElement.getAttribute("data-elder") === "on" ? 0.85 : 1;
    var token = state;
    utterance.onstart = function () {
      if (state === token) highlight(sentence);
    };
    utterance.onend = function () {
      if (state !== token || state.paused) return;
      state.index += 1;
      speakNext();
    };
    utterance.onerror = utterance.onend;
    synth.speak(utterance);
  }

  function start() {
    var article = document.querySelector("article.md-content__inner");
    var voice = chineseVoice();
    if (!article || !voice) return;
    synth.cancel();
    state = { list: sentences(article), index: 0, voice: voice, paused: false };
    show(true, false);
    say("开始朗读，共 " + state.list.length + " 句");
    speakNext();
  }

  function togglePause() {
    if (!state) return;
    state.paused = !state.paused;
    if (state.paused) synth.pause();
    else synth.resume();
    show(true, state.paused);
    say(state.paused ? "已暂停" : "继续朗读");
  }

  function stop(message) {
    state = null;
    if (synth) synth.cancel();
    clearHighlight();
    show(false, false);
    say(message || "已停止朗读");
  }

  function mount() {
    var c = controls();
    if (!c) return;
    if (state) stop(""); // a new page from instant navigation
    c.box.hidden = !chineseVoice();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-read-start], [data-read-pause], [data-read-stop]") : null;
    if (!target) return;
    if (target.hasAttribute("data-read-start")) start();
    else if (target.hasAttribute("data-read-pause")) togglePause();
    else stop();
  });

  if (synth && "onvoiceschanged" in synth) synth.addEventListener("voiceschanged", mount);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mount);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
  window.addEventListener("pagehide", function () {
    if (state) stop("");
  });
})();
