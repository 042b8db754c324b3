/*
 * 防诈课堂 模拟对话: plays a drill's server-rendered script as a chat.
 *
 * Without JavaScript the page shows the whole 情景剧 script with every branch. With it, the
 * other side's messages arrive one by one (a short typing delay, skippable; none in 长辈模式
 * or with reduced motion), the learner answers with large buttons, and an ending shows the
 * conversation again with every red flag marked, the debrief, links and the completion card.
 * The path taken and the endings reached are kept on this device only. Plain ES2017.
 */
(function () {
  "use strict";

  var STORE_PREFIX = "fangzha:drill:";
  var WHO = { narration: "旁白", me: "你" };
  /* 你 or 您 (pages for the elderly say 您): set by the block's ``address`` option. */
  var YOU = "你";
  var LABEL = { call: "语音通话", payment: "付款请求", notice: "图片：“官方”文件", share: "屏幕共享请求", link: "链接" };

  var kit = window.fangzha;
  var all = kit.all;
  var el = kit.el;

  function load(id) {
    return kit.loadJSON(STORE_PREFIX + id);
  }

  function save(id, state) {
    kit.saveJSON(STORE_PREFIX + id, state);
  }

  function calm() {
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    return reduce || document.documentElement.getAttribute("data-elder") === "on";
  }

  function today() {
    if (window.fangzhaQuiz && window.fangzhaQuiz.today) return window.fangzhaQuiz.today();
    return new Date().toISOString().slice(0, 10);
  }

  /* A message's text as the reader receives it: the notes taken out, the marks kept (they
     stay plain until the ending shows them). */
  function messageText(node, withNotes) {
    var copy = node.cloneNode(true);
    if (!withNotes) {
      all(copy, ".fz-flag__note").forEach(function (note) {
        note.parentNode.removeChild(note);
      });
    }
    return copy;
  }

  /* -- one drill ------------------------------------------------------------------------- */
  function Drill(root) {
    var self = this;
    this.root = root;
    this.id = root.getAttribute("data-drill-id");
    this.title = root.getAttribute("data-drill-title") || "";
    this.other = root.getAttribute("data-other") || "对方";
    this.start = root.getAttribute("data-start");
    this.you = root.getAttribute("data-address") === "您" ? "您" : YOU;
    this.steps = {};
    this.endings = [];
    all(root, "[data-step]").forEach(function (section) {
      var key = section.getAttribute("data-step");
      var title = section.querySelector(".fz-drill__step-title");
      var step = {
        key: key,
        name: title ? title.getAttribute("data-name") : key,
        outcome: section.getAttribute("data-outcome"),
        messages: all(section, "[data-msg]").map(function (item) {
          return { kind: item.getAttribute("data-msg"), node: item.querySelector(".fz-drill__text") };
        }),
        question: (section.querySelector("[data-question]") || {}).textContent || self.you + "会怎么做？",
        choices: all(section, "[data-goto]").map(function (link) {
          return { label: link.textContent, target: link.getAttribute("data-goto") };
        }),
        debrief: all(section, "[data-debrief] p:not(.fz-drill__debrief-title)").map(function (p) {
          return p.textContent;
        }),
      };
      self.steps[key] = step;
      if (step.outcome) self.endings.push(step);
    });
    this.links = all(root, "[data-drill-more] a");
    var saved = load(this.id) || {};
    this.state = {
      path: Array.isArray(saved.path) ? saved.path : [],
      reached: Array.isArray(saved.reached) ? saved.reached.filter(function (k) { return self.steps[k] && self.steps[k].outcome; }) : [],
      day: saved.day || "",
    };
    this.queue = [];
    this.timer = null;
    this.build();
    this.replay();
    root.setAttribute("data-drill-ready", "");
  }

  Drill.prototype.build = function () {
    var self = this;
    var player = el("div", { class: "fz-drill__player", "data-drill-player": "" });
    var phone = el("div", { class: "fz-drill__phone" });
    var bar = el("div", { class: "fz-drill__bar" });
    bar.appendChild(el("span", { class: "fz-drill__avatar", "aria-hidden": "true" }, "?"));
    var who = el("div", { class: "fz-drill__contact" });
    who.appendChild(el("span", { class: "fz-drill__name" }, this.other));
    this.typing = el("span", { class: "fz-drill__typing", "aria-hidden": "true" }, "对方正在输入…");
    this.typing.hidden = true;
    who.appendChild(this.typing);
    bar.appendChild(who);
    phone.appendChild(bar);
    this.thread = el("div", { class: "fz-drill__thread", role: "log", "aria-live": "polite", "aria-label": "与“" + this.other + "”的对话", tabindex: "0" });
    phone.appendChild(this.thread);
    this.choices = el("div", { class: "fz-drill__choices", "data-drill-choices": "" });
    phone.appendChild(this.choices);
    player.appendChild(phone);

    var tools = el("div", { class: "fz-drill__tools" });
    this.skip = el("button", { type: "button", class: "md-button", "data-drill-skip": "" }, "跳过等待");
    this.skip.hidden = true;
    this.skip.addEventListener("click", function () {
      self.flush();
    });
    this.back = el("button", { type: "button", class: "md-button", "data-drill-back": "" }, "退回上一步");
    this.back.addEventListener("click", function () {
      self.state.path.pop();
      self.replay(true);
    });
    var restart = el("button", { type: "button", class: "md-button", "data-drill-restart": "" }, "从头再来");
    restart.addEventListener("click", function () {
      self.state.path = [];
      self.replay(true);
    });
    var print = el("button", { type: "button", class: "md-button", "data-drill-print": "" }, "打印情景剧剧本");
    print.addEventListener("click", function () {
      window.print();
    });
    tools.appendChild(this.skip);
    tools.appendChild(this.back);
    tools.appendChild(restart);
    tools.appendChild(print);
    this.progress = el("p", { class: "fz-drill__progress", "data-drill-progress": "" });
    player.appendChild(tools);
    player.appendChild(this.progress);
    this.end = el("div", { class: "fz-drill__end", "data-drill-end": "", tabindex: "-1" });
    this.end.hidden = true;
    player.appendChild(this.end);
    var script = this.root.querySelector("[data-drill-script]");
    this.root.insertBefore(player, script);
  };

  /* Draw the path taken so far without delays (on load, after 退回, after 从头再来). */
  Drill.prototype.replay = function (focus) {
    this.cancel();
    this.thread.textContent = "";
    this.end.hidden = true;
    this.end.removeAttribute("data-outcome");
    var key = this.start;
    var valid = [];
    for (var i = 0; i < this.state.path.length; i++) {
      var step = this.steps[key];
      var index = this.state.path[i];
      if (!step || step.outcome || !step.choices[index]) break;
      this.messages(step);
      this.bubble("me", step.choices[index].label);
      valid.push(index);
      key = step.choices[index].target;
    }
    this.state.path = valid;
    this.save();
    this.show(key, false, focus);
  };

  Drill.prototype.save = function () {
    save(this.id, this.state);
  };

  Drill.prototype.cancel = function () {
    if (this.timer) window.clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    this.typing.hidden = true;
    this.skip.hidden = true;
  };

  /* Append a step's messages, then its choices or its ending. */
  Drill.prototype.show = function (key, animate, focus) {
    var self = this;
    var step = this.steps[key];
    this.current = step;
    this.choices.textContent = "";
    this.back.disabled = this.state.path.length === 0;
    this.updateProgress();
    var then = function () {
      if (step.outcome) self.finish(step, focus);
      else self.ask(step, focus);
    };
    if (!animate || calm()) {
      this.messages(step);
      then();
      return;
    }
    this.queue = step.messages.slice();
    this.after = then;
    this.skip.hidden = false;
    this.next();
  };

  Drill.prototype.next = function () {
    var self = this;
    if (!this.queue.length) {
      this.typing.hidden = true;
      this.skip.hidden = true;
      this.timer = null;
      var after = this.after;
      this.after = null;
      if (after) after();
      return;
    }
    var message = this.queue[0];
    var length = message.node.textContent.length;
    this.typing.hidden = message.kind === "narration";
    this.timer = window.setTimeout(function () {
      self.queue.shift();
      self.message(message);
      self.next();
    }, Math.min(500 + length * 25, 1800));
  };

  /* 跳过等待: everything still to come at once. */
  Drill.prototype.flush = function () {
    if (this.timer) window.clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length) this.message(this.queue.shift());
    this.next();
  };

  Drill.prototype.messages = function (step) {
    var self = this;
    step.messages.forEach(function (message) {
      self.message(message);
    });
  };

  Drill.prototype.message = function (message) {
    var kind = message.kind;
    var bubble = el("div", { class: "fz-bubble fz-bubble--" + kind });
    bubble.appendChild(el("span", { class: "fz-visually-hidden" }, (WHO[kind] || this.other) + "："));
    if (LABEL[kind]) bubble.appendChild(el("span", { class: "fz-bubble__label" }, LABEL[kind]));
    var text = messageText(message.node, false);
    text.className = "fz-bubble__text";
    bubble.appendChild(text);
    if (kind === "share") {
      var fake = el("span", { class: "fz-bubble__fake-buttons", "aria-hidden": "true" });
      fake.appendChild(el("span", {}, "拒绝"));
      fake.appendChild(el("span", {}, "允许"));
      bubble.appendChild(fake);
    }
    this.thread.appendChild(bubble);
    this.thread.scrollTop = this.thread.scrollHeight;
  };

  Drill.prototype.bubble = function (kind, text) {
    var bubble = el("div", { class: "fz-bubble fz-bubble--" + kind });
    bubble.appendChild(el("span", { class: "fz-visually-hidden" }, (kind === "me" ? this.you : WHO[kind] || "") + "："));
    bubble.appendChild(el("span", { class: "fz-bubble__text" }, text));
    this.thread.appendChild(bubble);
    this.thread.scrollTop = this.thread.scrollHeight;
  };

  Drill.prototype.ask = function (step, focus) {
    var self = this;
    var question = el("p", { class: "fz-drill__ask", tabindex: "-1" }, step.question);
    this.choices.appendChild(question);
    step.choices.forEach(function (choice, index) {
      var button = el("button", { type: "button", class: "fz-drill__choice", "data-drill-choice": "", "data-target": choice.target }, choice.label);
      button.addEventListener("click", function () {
        self.choose(index);
      });
      self.choices.appendChild(button);
    });
    if (focus) {
      question.focus({ preventScroll: true });
      if (this.choices.scrollIntoView) this.choices.scrollIntoView({ block: "nearest" });
    }
  };

  Drill.prototype.choose = function (index) {
    var step = this.current;
    if (!step || step.outcome || !step.choices[index]) return;
    this.state.path.push(index);
    this.save();
    this.choices.textContent = "";
    this.bubble("me", step.choices[index].label);
    this.show(step.choices[index].target, true, true);
  };

  Drill.prototype.updateProgress = function () {
    var reached = this.state.reached.length;
    this.progress.textContent = "已经走到过 " + reached + "/" + this.endings.length + " 个结局" + (reached < this.endings.length ? "：试试别的选法，看看会走到哪里。" : "：全部走过了！");
  };

  /* -- an ending: outcome, debrief, the conversation with its red flags, what next ------- */
  Drill.prototype.finish = function (step, focus) {
    var self = this;
    if (this.state.reached.indexOf(step.key) < 0) this.state.reached.push(step.key);
    if (!this.state.day) this.state.day = today();
    this.save();
    this.updateProgress();
    var safe = step.outcome === "safe";
    var box = this.end;
    box.textContent = "";
    box.setAttribute("data-outcome", step.outcome);
    box.className = "fz-drill__end fz-drill__end--" + step.outcome;
    var heading = el("h3", { class: "fz-drill__end-title", tabindex: "-1" });
    heading.appendChild(el("span", { class: "fz-drill__badge" }, safe ? "安全" : "被骗"));
    heading.appendChild(document.createTextNode(safe ? this.you + "守住了：" + step.name : "这一次被骗了：" + step.name));
    box.appendChild(heading);
    step.debrief.forEach(function (text) {
      box.appendChild(el("p", {}, text));
    });

    /* The conversation again, every red flag marked where it appeared. */
    var flags = 0;
    var list = el("ol", { class: "fz-drill__timeline", "data-drill-timeline": "" });
    var key = this.start;
    var walk = this.state.path.concat([null]);
    walk.forEach(function (index) {
      var current = self.steps[key];
      current.messages.forEach(function (message) {
        var item = el("li", { class: "fz-drill__moment fz-drill__moment--" + message.kind });
        var who = (WHO[message.kind] || self.other) + (LABEL[message.kind] ? "（" + LABEL[message.kind] + "）" : "");
        item.appendChild(el("span", { class: "fz-drill__moment-who" }, who + "："));
        var text = messageText(message.node, true);
        text.className = "fz-drill__moment-text";
        item.appendChild(text);
        var count = text.querySelectorAll("mark").length;
        if (count) {
          flags += count;
          item.classList.add("fz-drill__moment--flagged");
          item.insertBefore(el("span", { class: "fz-drill__flag-count" }, "红旗 ×" + count), item.firstChild);
        }
        list.appendChild(item);
      });
      if (index !== null && current.choices[index]) {
        list.appendChild(el("li", { class: "fz-drill__moment fz-drill__moment--me" }, self.you + "选择：" + current.choices[index].label));
        key = current.choices[index].target;
      }
    });
    box.appendChild(
      el(
        "h4",
        {},
        flags ? (safe ? "回顾：这段对话里的 " + flags + " 处红旗，" + self.you + "没有被它们带着走" : "回顾：这 " + flags + " 处红旗，" + self.you + "错过了") : "回顾这段对话"
      )
    );
    box.appendChild(list);

    if (this.links.length) {
      var more = el("p", { class: "fz-drill__end-links" });
      this.links.forEach(function (link, i) {
        if (i) more.appendChild(document.createTextNode(" · "));
        more.appendChild(el("a", { href: link.getAttribute("href") }, link.textContent));
      });
      box.appendChild(more);
    }
    var missing = this.endings.filter(function (e) {
      return self.state.reached.indexOf(e.key) < 0;
    });
    box.appendChild(
      el(
        "p",
        { class: "fz-drill__end-next" },
        missing.length
          ? "还有 " + missing.length + " 个结局没走到。点“退回上一步”或“从头再来”，换一种选法试试。"
          : "这段对话的 " + this.endings.length + " 个结局" + this.you + "都走过了。"
      )
    );
    var again = el("p", { class: "fz-drill__end-actions" });
    var back = el("button", { type: "button", class: "md-button" }, "退回上一步");
    back.addEventListener("click", function () {
      self.state.path.pop();
      self.replay(true);
    });
    var restart = el("button", { type: "button", class: "md-button md-button--primary" }, "从头再来");
    restart.addEventListener("click", function () {
      self.state.path = [];
      self.replay(true);
    });
    again.appendChild(back);
    again.appendChild(restart);
    box.appendChild(again);
    var info = {
      id: this.id,
      title: "模拟对话：" + this.title,
      score: this.state.reached.length,
      total: this.endings.length,
      day: this.state.day,
    };
    kit.withCards(function (cards) {
      if (box.getAttribute("data-outcome") === step.outcome && !box.querySelector("[data-quiz-card-form]")) {
        var note = el("p", { class: "fz-drill__card-note" }, "回执卡上的“得分”是走过的结局数：" + info.score + "/" + info.total + "。");
        box.appendChild(note);
        box.appendChild(cards.cardForm(info));
      }
    });
    box.hidden = false;
    if (focus) heading.focus();
  };

  function mountAll() {
    all(document, "[data-drill]").forEach(function (root) {
      if (!root.hasAttribute("data-drill-mounted")) {
        root.setAttribute("data-drill-mounted", "");
        new Drill(root);
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
