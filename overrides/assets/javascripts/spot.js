/*
 * 防诈课堂 真还是假？: judge each message of a round as 真消息, 诈骗 or 拿不准.
 *
 * Without JavaScript each message has its answer behind a 「看答案」 disclosure. With it, the
 * answer opens after the reader's own judgement, the telling phrases light up in the message,
 * and the score counts both mistakes: a scam taken for real and a genuine message called a
 * scam. Answers are kept on this device only. Plain ES2017.
 */
(function () {
  "use strict";

  var STORE_PREFIX = "fangzha:spot:";
  var VALUES = ["real", "fake", "unsure"];

  var kit = window.fangzha;
  var all = kit.all;
  var el = kit.el;

  function load(id) {
    return kit.loadJSON(STORE_PREFIX + id);
  }

  function save(id, state) {
    kit.saveJSON(STORE_PREFIX + id, state);
  }

  function Round(root) {
    var self = this;
    this.root = root;
    this.id = root.getAttribute("data-spot-id");
    this.title = root.getAttribute("data-spot-title") || "";
    this.howToCheck = root.getAttribute("data-how-to-check") || "";
    /* 你 or 您 (pages for the elderly say 您): set by the block's ``address`` option. */
    this.you = root.getAttribute("data-address") === "您" ? "您" : "你";
    this.result = root.querySelector("[data-spot-result]");
    this.items = all(root, "[data-spot-item]").map(function (node, index) {
      var item = {
        node: node,
        index: index,
        truth: node.getAttribute("data-truth"),
        feedback: node.querySelector("[data-spot-feedback]"),
        key: node.querySelector("[data-spot-key]"),
        check: all(node, ".fz-spot__check").map(function (p) {
          return p.textContent;
        }),
        buttons: all(node, "[data-spot-answer]"),
      };
      item.buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", "false");
        button.addEventListener("click", function () {
          self.answer(item, button.getAttribute("data-spot-answer"), true);
        });
      });
      return item;
    });
    var saved = load(this.id) || {};
    this.state = { answers: {}, day: saved.day || "" };
    var answers = saved.answers && typeof saved.answers === "object" ? saved.answers : {};
    this.items.forEach(function (item) {
      var value = answers[item.index];
      if (VALUES.indexOf(value) >= 0) self.answer(item, value, false);
    });
    root.setAttribute("data-spot-ready", "");
  }

  Round.prototype.answer = function (item, value, live) {
    if (item.node.hasAttribute("data-answered")) return;
    this.state.answers[item.index] = value;
    item.node.setAttribute("data-answered", value);
    item.buttons.forEach(function (button) {
      var chosen = button.getAttribute("data-spot-answer") === value;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
      button.disabled = true;
    });
    var real = item.truth === "real";
    var verdict;
    var outcome;
    if (value === "unsure") {
      outcome = "unsure";
      verdict = (real ? "答案：这是真消息。" : "答案：这是诈骗。") + (item.check.length ? "" : this.howToCheck);
    } else if ((value === "real") === real) {
      outcome = "right";
      verdict = real ? "✔ 判断对了：这是真消息。" : "✔ 判断对了：这是诈骗。";
    } else if (real) {
      outcome = "false-alarm";
      verdict = "✘ 这其实是真消息：" + this.you + "把它当成了诈骗（误报）。真消息也有认出来的办法，看下面标出的地方。";
    } else {
      outcome = "missed";
      verdict = "✘ 这是诈骗：" + this.you + "把它当成了真消息（漏掉的诈骗）。看下面标出的红旗。";
    }
    item.node.setAttribute("data-outcome", outcome);
    item.feedback.textContent = verdict;
    item.feedback.className = "fz-spot__feedback fz-spot__feedback--" + outcome;
    if (item.key) item.key.open = true;
    if (!this.state.day && window.fangzhaQuiz && window.fangzhaQuiz.today) this.state.day = window.fangzhaQuiz.today();
    save(this.id, this.state);
    this.update(live);
  };

  Round.prototype.update = function (live) {
    var self = this;
    var answered = this.items.filter(function (item) {
      return item.node.hasAttribute("data-answered");
    });
    if (answered.length < this.items.length) return;
    var count = function (outcome) {
      return self.items.filter(function (item) {
        return item.node.getAttribute("data-outcome") === outcome;
      }).length;
    };
    var right = count("right");
    var missed = count("missed");
    var alarms = count("false-alarm");
    var unsure = count("unsure");
    var total = this.items.length;
    var box = this.result;
    box.textContent = "";
    box.setAttribute("data-missed", String(missed));
    box.setAttribute("data-false-alarms", String(alarms));
    box.setAttribute("data-unsure", String(unsure));
    var heading = el("h3", { class: "fz-spot__result-title", tabindex: "-1" }, "这一组的结果");
    box.appendChild(heading);
    var line = el("p", { class: "fz-spot__score-line" }, "判断对了 ");
    line.appendChild(el("strong", { "data-spot-score": "" }, right + "/" + total));
    line.appendChild(document.createTextNode(" 条。"));
    box.appendChild(line);
    var list = el("ul", { class: "fz-spot__tally" });
    list.appendChild(el("li", { "data-spot-missed": "" }, "漏掉的诈骗（把诈骗当成真消息）：" + missed + " 条"));
    list.appendChild(el("li", { "data-spot-false-alarms": "" }, "误报（把真消息当成诈骗）：" + alarms + " 条"));
    list.appendChild(el("li", {}, "拿不准：" + unsure + " 条"));
    box.appendChild(list);
    var advice = [];
    if (missed) advice.push("漏掉的诈骗最危险：回头看看那几条里标出的红旗。");
    if (alarms) advice.push("把真消息当成诈骗，会错过银行、学校和快递的正常通知：真消息只让" + this.you + "去官方渠道，不向" + this.you + "要钱、要验证码。");
    if (unsure) advice.push(this.howToCheck);
    if (!missed && !alarms && !unsure) advice.push("全部判断正确：既认出了诈骗，也没有冤枉真消息。");
    advice.push("两种错误都算：练的是判断，不是把什么都当成诈骗。");
    advice.forEach(function (text) {
      box.appendChild(el("p", {}, text));
    });
    var again = el("p", { class: "fz-spot__actions" });
    var retry = el("button", { type: "button", class: "md-button", "data-spot-restart": "" }, "重新做一遍");
    retry.addEventListener("click", function () {
      self.reset();
    });
    again.appendChild(retry);
    box.appendChild(again);
    var info = { id: this.id, title: "真还是假：" + this.title, score: right, total: total, day: this.state.day };
    kit.withCards(function (cards) {
      if (!box.querySelector("[data-quiz-card-form]")) box.appendChild(cards.cardForm(info));
    });
    box.hidden = false;
    if (live) heading.focus();
  };

  Round.prototype.reset = function () {
    this.state = { answers: {}, day: "" };
    save(this.id, this.state);
    this.items.forEach(function (item) {
      item.node.removeAttribute("data-answered");
      item.node.removeAttribute("data-outcome");
      item.feedback.textContent = "";
      item.feedback.className = "fz-spot__feedback";
      if (item.key) item.key.open = false;
      item.buttons.forEach(function (button) {
        button.disabled = false;
        button.setAttribute("aria-pressed", "false");
      });
    });
    this.result.hidden = true;
    this.result.textContent = "";
    if (this.items.length) this.items[0].buttons[0].focus();
  };

  function mountAll() {
    all(document, "[data-spot]").forEach(function (root) {
      if (!root.hasAttribute("data-spot-mounted")) {
        root.setAttribute("data-spot-mounted", "");
        new Round(root);
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
