/*
 * 防诈课堂 slides: present a lesson's deck on the classroom projector.
 *
 * One slide fills the window at 16:9. → ← ↑ ↓, space, PageDown/PageUp (what presentation
 * clickers send), Home/End, a tap or swipe, or the bar's buttons move between slides; F
 * toggles full screen, B or . blanks the screen. The slide number is kept in the address
 * (#3), so a reload stays put. Works from file:// and offline; plain ES2017, no library.
 * Without this script the slides stand one under another, readable and printable.
 */
(function () {
  "use strict";

  var deck = document.querySelector("[data-deck]");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll("[data-slide]"));
  if (!slides.length) return;

  var root = document.documentElement;
  var bar = document.querySelector("[data-deck-bar]");
  var counter = document.querySelector("[data-deck-counter]");
  var status = document.querySelector("[data-deck-status]");
  var current = -1;

  root.classList.add("fz-deck-js");
  if (bar) {
    bar.hidden = false;
    var back = document.querySelector(".fz-deck-back");
    if (back) bar.insertBefore(back, bar.firstChild);
  }

  function fromHash() {
    var match = /^#(\d+)$/.exec(window.location.hash);
    if (!match) return 0;
    return Math.min(Math.max(parseInt(match[1], 10) - 1, 0), slides.length - 1);
  }

  function titleOf(slide) {
    var title = slide.querySelector(".fz-slide__title");
    return title ? title.textContent.trim() : "";
  }

  /* Shrink the type of a slide whose text still overflows, down to 70 % of its size. */
  function overflows(slide, body) {
    return slide.scrollHeight > slide.clientHeight + 2 || body.scrollHeight > body.clientHeight + 2;
  }

  function fit(slide) {
    var body = slide.querySelector(".fz-slide__body");
    if (!body) return;
    body.style.fontSize = "";
    if (!overflows(slide, body)) return;
    var base = parseFloat(window.getComputedStyle(body).fontSize);
    for (var scale = 0.95; scale >= 0.7 && overflows(slide, body); scale -= 0.05) {
      body.style.fontSize = base * scale + "px";
    }
  }

  function show(index) {
    index = Math.min(Math.max(index, 0), slides.length - 1);
    if (index === current) return;
    if (current >= 0) slides[current].classList.remove("is-current");
    current = index;
    var slide = slides[current];
    slide.classList.add("is-current");
    fit(slide);
    var label = current + 1 + " / " + slides.length;
    if (counter) counter.textContent = label;
    if (status) status.textContent = "第 " + (current + 1) + " 张，共 " + slides.length + " 张：" + titleOf(slide);
    try {
      window.history.replaceState(null, "", "#" + (current + 1));
    } catch (e) {
      /* some file:// contexts refuse; the deck works without the address */
    }
  }

  function blank(on) {
    root.classList.toggle("fz-deck--black", on);
  }

  function next() {
    blank(false);
    show(current + 1);
  }

  function previous() {
    blank(false);
    show(current - 1);
  }

  function fullscreen() {
    var doc = document;
    var active = doc.fullscreenElement || doc.webkitFullscreenElement;
    try {
      if (active) {
        (doc.exitFullscreen || doc.webkitExitFullscreen).call(doc);
      } else {
        var request = root.requestFullscreen || root.webkitRequestFullscreen;
        if (request) {
          var result = request.call(root);
          if (result && result.catch) result.catch(function () {});
        }
      }
    } catch (e) {
      /* full screen refused (an iframe, an old browser): the window still shows the slide */
    }
  }

  function print(layout) {
    root.classList.toggle("fz-print-six", layout === "six");
    window.print();
  }

  window.addEventListener("afterprint", function () {
    root.classList.remove("fz-print-six");
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var onControl = target && target.closest && target.closest("button, a");
    var key = event.key;
    if ((key === " " || key === "Enter") && onControl) return; /* let the control act */
    var handled = true;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || (key === " " && !event.shiftKey) || key === "n" || key === "N") next();
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || (key === " " && event.shiftKey) || key === "p" || key === "P") previous();
    else if (key === "Home") show(0);
    else if (key === "End") show(slides.length - 1);
    else if (key === "f" || key === "F") fullscreen();
    else if (key === "b" || key === "B" || key === ".") blank(!root.classList.contains("fz-deck--black"));
    else handled = false;
    if (handled) event.preventDefault();
  });

  if (bar) {
    bar.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button") : null;
      if (!button) return;
      if (button.hasAttribute("data-deck-next")) next();
      else if (button.hasAttribute("data-deck-prev")) previous();
      else if (button.hasAttribute("data-deck-fullscreen")) fullscreen();
      else if (button.hasAttribute("data-deck-print")) print(button.getAttribute("data-deck-print"));
    });
  }

  /* A click or tap on the slide: the left third goes back, the rest goes on. A swipe turns too. */
  var touch = null;
  deck.addEventListener(
    "touchstart",
    function (event) {
      var t = event.changedTouches[0];
      touch = { x: t.clientX, y: t.clientY };
    },
    { passive: true }
  );
  deck.addEventListener("touchend", function (event) {
    if (!touch) return;
    var t = event.changedTouches[0];
    var dx = t.clientX - touch.x;
    var dy = t.clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) {
      event.preventDefault();
      if (dx < 0) next();
      else previous();
    }
  });
  deck.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) return;
    if (event.clientX < window.innerWidth / 3) previous();
    else next();
  });

  /* The bar fades after a few seconds without the mouse, and comes back when it moves. */
  var idle = null;
  function wake() {
    if (!bar) return;
    bar.classList.remove("is-idle");
    window.clearTimeout(idle);
    idle = window.setTimeout(function () {
      bar.classList.add("is-idle");
    }, 3000);
  }
  document.addEventListener("mousemove", wake);
  document.addEventListener("focusin", wake);
  wake();

  window.addEventListener("hashchange", function () {
    show(fromHash());
  });
  window.addEventListener("resize", function () {
    if (current >= 0) fit(slides[current]);
  });

  show(fromHash());
})();
