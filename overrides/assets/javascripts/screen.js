/*
 * 防诈课堂 big screen: plays a page's slogans full screen, one at a time, in very large type,
 * for as long as the hall PC stays on.
 *
 * It builds the stage once and afterwards only changes the text of the same nodes, with one
 * timer at a time, so hours of rotation neither grow the page nor pile up timers. Started
 * by the 全屏播放 button, or by opening the page with #play (no click needed on a kiosk PC).
 * Space pauses, → ← move on or back, Esc stops. Plain ES2017, works from file://.
 */
(function () {
  "use strict";

  function helplines() {
    var numbers = [];
    Array.prototype.forEach.call(document.querySelectorAll(".fz-footer__helplines li"), function (item) {
      var text = item.textContent.replace(/\s+/g, " ").trim();
      if (text) numbers.push(text);
    });
    return numbers.length ? numbers.join(" · ") : "反诈预警劝阻专线 96110 · 报警电话 110";
  }

  function orgName() {
    var meta = document.querySelector('meta[name="fangzha:org"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function reduced() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function mount(screen) {
    if (screen.hasAttribute("data-screen-ready")) return;
    screen.setAttribute("data-screen-ready", "");
    var lines = Array.prototype.map.call(screen.querySelectorAll("[data-screen-line]"), function (item) {
      var group = item.closest(".fz-screen__group");
      var title = group ? group.querySelector(".fz-screen__group-title") : null;
      return { text: item.textContent.trim(), group: title ? title.textContent.trim() : "" };
    });
    if (!lines.length) return;
    var seconds = parseInt(screen.getAttribute("data-interval"), 10) || 8;
    var controls = screen.querySelector("[data-screen-controls]");
    if (controls) controls.hidden = false;

    var stage = null;
    var parts = {};
    var index = 0;
    var timer = null;
    var paused = false;
    var lock = null;

    function build() {
      stage = document.createElement("div");
      stage.className = "fz-screen-stage";
      stage.setAttribute("data-screen-stage", "");
      stage.setAttribute("role", "region");
      stage.setAttribute("aria-label", "大屏滚动标语");
      stage.setAttribute("tabindex", "-1");
      stage.innerHTML =
        '<p class="fz-screen-stage__group" data-screen-group></p>' +
        '<div class="fz-screen-stage__box" data-screen-box aria-live="polite"></div>' +
        '<p class="fz-screen-stage__foot"><span data-screen-org></span><span data-screen-lines></span></p>' +
        '<button type="button" class="fz-screen-stage__close" data-screen-close>退出播放（Esc）</button>';
      document.body.appendChild(stage);
      parts.group = stage.querySelector("[data-screen-group]");
      parts.box = stage.querySelector("[data-screen-box]");
      /* Every line is built once, as phrases that do not break inside (a line wraps only
         after its punctuation); rotating only shows one and hides the rest. */
      parts.lines = lines.map(function (line) {
        var p = document.createElement("p");
        p.className = "fz-screen-stage__text";
        p.hidden = true;
        (line.text.match(/[^，、；。！？,;]+[，、；。！？,;]*/g) || [line.text]).forEach(function (phrase) {
          var span = document.createElement("span");
          span.className = "fz-screen-stage__phrase";
          span.textContent = phrase;
          p.appendChild(span);
        });
        parts.box.appendChild(p);
        return p;
      });
      parts.org = stage.querySelector("[data-screen-org]");
      parts.help = stage.querySelector("[data-screen-lines]");
      parts.org.textContent = orgName();
      parts.help.textContent = helplines();
      stage.querySelector("[data-screen-close]").addEventListener("click", stop);
      stage.addEventListener("keydown", onKey);
      window.addEventListener("resize", function () {
        if (!stage.hidden) fit();
      });
    }

    /* The largest type at which the line fits its box: binary search on the font size. */
    function fit() {
      var box = parts.box;
      var text = parts.lines[index];
      var low = 16;
      var high = Math.max(24, Math.floor(Math.min(box.clientHeight * 0.9, box.clientWidth / 3)));
      while (high - low > 1) {
        var mid = Math.floor((low + high) / 2);
        text.style.fontSize = mid + "px";
        if (text.scrollWidth <= box.clientWidth && text.scrollHeight <= box.clientHeight) low = mid;
        else high = mid;
      }
      text.style.fontSize = low + "px";
    }

    function render() {
      var line = lines[index];
      parts.lines.forEach(function (p, i) {
        p.hidden = i !== index;
      });
      parts.group.textContent = line.group;
      stage.setAttribute("data-screen-index", String(index));
      fit();
      if (!reduced()) {
        stage.classList.remove("is-fresh");
        void stage.offsetWidth; /* restart the fade-in */
        stage.classList.add("is-fresh");
      }
    }

    function schedule() {
      window.clearTimeout(timer);
      if (paused) return;
      timer = window.setTimeout(function () {
        index = (index + 1) % lines.length;
        render();
        schedule();
      }, seconds * 1000);
    }

    function step(by) {
      index = (index + by + lines.length) % lines.length;
      render();
      schedule();
    }

    function onKey(event) {
      if (event.key === "Escape") stop();
      else if (event.key === " ") {
        paused = !paused;
        stage.classList.toggle("is-paused", paused);
        schedule();
      } else if (event.key === "ArrowRight" || event.key === "PageDown") step(1);
      else if (event.key === "ArrowLeft" || event.key === "PageUp") step(-1);
      else return;
      event.preventDefault();
    }

    function keepAwake() {
      try {
        if (navigator.wakeLock && navigator.wakeLock.request) {
          navigator.wakeLock.request("screen").then(
            function (sentinel) {
              lock = sentinel;
            },
            function () {}
          );
        }
      } catch (e) {
        /* not offered here: the screen's own power settings apply */
      }
    }

    function start(full) {
      if (!stage) build();
      stage.hidden = false;
      document.documentElement.classList.add("fz-screen-playing");
      paused = false;
      stage.classList.remove("is-paused");
      render();
      schedule();
      stage.focus();
      keepAwake();
      if (full) {
        var request = stage.requestFullscreen || stage.webkitRequestFullscreen;
        try {
          var result = request && request.call(stage);
          if (result && result.catch) result.catch(function () {});
        } catch (e) {
          /* the window still fills with the slogans */
        }
      }
    }

    function stop() {
      window.clearTimeout(timer);
      timer = null;
      if (stage) stage.hidden = true;
      document.documentElement.classList.remove("fz-screen-playing");
      if (lock && lock.release) lock.release();
      lock = null;
      var doc = document;
      if (doc.fullscreenElement || doc.webkitFullscreenElement) {
        try {
          (doc.exitFullscreen || doc.webkitExitFullscreen).call(doc);
        } catch (e) {
          /* already left */
        }
      }
      var button = screen.querySelector("[data-screen-play]");
      if (button) button.focus();
    }

    document.addEventListener("fullscreenchange", function () {
      if (stage && !stage.hidden && !document.fullscreenElement && stage.hasAttribute("data-screen-full")) stop();
      if (stage) stage.toggleAttribute("data-screen-full", document.fullscreenElement === stage);
    });

    var play = screen.querySelector("[data-screen-play]");
    if (play) {
      play.addEventListener("click", function () {
        start(true);
      });
    }
    if (/^#play$/.test(window.location.hash) || /[?&]play\b/.test(window.location.search)) start(false);
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-screen]"), mount);
  }

  /* Material's document$ announces pages reached by instant navigation; on file:// it stays
     silent, so mount on load as well (a mounted screen is skipped). */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
