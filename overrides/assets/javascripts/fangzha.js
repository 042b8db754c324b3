/*
 * 防诈课堂 core script, on every page: 长辈模式 and font size (remembered on this device), and
 * loading the quiz player and read-aloud only on pages that can use them.
 *
 * The saved mode and size are applied before the page paints by a tiny inline script in
 * <head>; this file wires up the controls. Plain ES2017, with event delegation so that it
 * keeps working across Material's instant navigation.
 */
(function () {
  "use strict";

  /* -- scripts a page may need, loaded once, from next to this file -------------------- */
  var here = document.currentScript ? document.currentScript.src : "";
  var loaded = {};

  function load(name) {
    if (loaded[name] || !here) return;
    loaded[name] = true;
    var script = document.createElement("script");
    script.src = new URL(name, here).href;
    document.body.appendChild(script);
  }

  function hasChineseVoice() {
    var synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return false;
    return (synth.getVoices() || []).some(function (voice) {
      return /^zh/i.test(voice.lang);
    });
  }

  function loadWhatThePageNeeds() {
    // Drills and 真还是假 rounds make their completion card with quiz.js.
    if (document.querySelector('[data-quiz][data-mode="interactive"], [data-card-check], [data-drill], [data-spot]')) load("quiz.js");
    if (document.querySelector("[data-drill]")) load("drill.js");
    if (document.querySelector("[data-spot]")) load("spot.js");
    if (document.querySelector("[data-screen]")) load("screen.js");
    if (document.querySelector("[data-copy]")) load("share.js");
    if (document.querySelector("[data-checker]")) load("check.js");
    if (document.querySelector("[data-read-aloud]") && hasChineseVoice()) load("read-aloud.js");
  }

  /* A "print" link on the 宣传周 plan opens a page with ?print: open the print dialog for it. */
  var printed = false;
  function printIfAsked() {
    if (printed || !/[?&]print\b/.test(window.location.search)) return;
    printed = true;
    var go = function () {
      window.setTimeout(function () {
        window.print();
      }, 300);
    };
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(go, go);
    else go();
  }

  if (window.speechSynthesis && window.speechSynthesis.addEventListener) {
    window.speechSynthesis.addEventListener("voiceschanged", loadWhatThePageNeeds);
  }

  var ELDER_KEY = "fangzha:elder";
  var FONT_KEY = "fangzha:font";
  var root = document.documentElement;

  function store(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) {
      /* storage unavailable: the setting lasts for this page only */
    }
  }

  function elderOn() {
    return root.getAttribute("data-elder") === "on";
  }

  function fontStep() {
    return root.getAttribute("data-font-step") || "0";
  }

  function announce(text) {
    var status = document.querySelector("[data-read-status]");
    if (status) status.textContent = text;
  }

  /* Material's menu and search buttons are <label>s, which a keyboard cannot reach or
     press: make them focusable and let Enter and Space press them. */
  function keyboardLabels() {
    Array.prototype.forEach.call(document.querySelectorAll("label.md-header__button[for]"), function (label) {
      if (label.hasAttribute("tabindex")) return;
      label.setAttribute("tabindex", "0");
      label.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          label.click();
        }
      });
    });
  }

  /* Reflect the current state in every control's aria-pressed. */
  function sync() {
    loadWhatThePageNeeds();
    printIfAsked();
    keyboardLabels();
    var on = elderOn();
    Array.prototype.forEach.call(document.querySelectorAll("[data-elder-toggle]"), function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      var state = button.querySelector("[data-elder-state]");
      if (state) state.textContent = on ? "：开" : "";
    });
    var step = fontStep();
    Array.prototype.forEach.call(document.querySelectorAll("button[data-font-step]"), function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-font-step") === step ? "true" : "false");
    });
  }

  function setElder(on) {
    if (on) root.setAttribute("data-elder", "on");
    else root.removeAttribute("data-elder");
    store(ELDER_KEY, on ? "on" : null);
    sync();
    announce(on ? "已打开长辈模式" : "已关闭长辈模式");
  }

  function setFont(step) {
    if (step === "0") root.removeAttribute("data-font-step");
    else root.setAttribute("data-font-step", step);
    store(FONT_KEY, step === "0" ? null : step);
    sync();
    announce("字号已调整");
  }

  /* Material searches on key releases only: text pasted from the long-press menu, dictated by
     a voice keyboard or filled in by the browser arrives without one and found nothing. Search
     on every change of the text instead (after an input method has committed its word). */
  function searchOnChange(event) {
    var box = event.target;
    if (event.isComposing || !box.matches || !box.matches("[data-md-component=search-query]")) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    offerChecker(box.value);
  }

  /* A long query is usually a message someone received: offer the checker above the results. */
  function offerChecker(query) {
    var meta = document.querySelector('meta[name="fangzha:check"]');
    var results = document.querySelector(".md-search-result");
    if (!meta || !results) return;
    var link = results.querySelector("[data-search-check]");
    var text = query.trim();
    if (text.replace(/\s+/g, "").length < 12) {
      if (link) link.hidden = true;
      return;
    }
    if (!link) {
      link = document.createElement("a");
      link.className = "fz-search-check";
      link.setAttribute("data-search-check", "");
      link.textContent = "这是收到的一段消息？放进“这条消息可疑吗？”里逐句查一查 →";
      results.insertBefore(link, results.firstChild);
    }
    link.hidden = false;
    link.href = new URL(meta.getAttribute("content"), window.location.href).href + "#text=" + encodeURIComponent(text);
  }
  document.addEventListener("input", searchOnChange, true);
  document.addEventListener("compositionend", searchOnChange, true);

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-elder-toggle], button[data-font-step]") : null;
    if (!target) return;
    if (target.hasAttribute("data-elder-toggle")) setElder(!elderOn());
    else setFont(target.getAttribute("data-font-step"));
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(sync);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", sync);
  else sync();

  /* -- small helpers for the practice players this file loads (drill.js, spot.js) ---------- */
  window.fangzha = {
    all: function (scope, selector) {
      return Array.prototype.slice.call(scope.querySelectorAll(selector));
    },
    el: function (tag, attrs, text) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (key) {
        node.setAttribute(key, attrs[key]);
      });
      if (text !== undefined) node.textContent = text;
      return node;
    },
    /* Progress kept on this device only; private modes and some in-app browsers refuse it. */
    loadJSON: function (key) {
      try {
        var saved = JSON.parse(window.localStorage.getItem(key) || "null");
        return saved && typeof saved === "object" ? saved : null;
      } catch (e) {
        return null;
      }
    },
    saveJSON: function (key, value) {
      store(key, JSON.stringify(value));
    },
    /* The completion card is quiz.js's, loaded beside the player: wait for it a little. */
    withCards: function (use) {
      var tries = 0;
      (function attempt() {
        if (window.fangzhaQuiz && window.fangzhaQuiz.cardForm) use(window.fangzhaQuiz);
        else if (tries++ < 50) window.setTimeout(attempt, 100);
      })();
    },
  };
})();
