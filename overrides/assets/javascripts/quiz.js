/*
 * 防诈课堂 quizzes: progressive enhancement of the server-rendered quiz markup.
 *
 * Without JavaScript every question, its options and its answer (in a collapsed
 * <details>) are readable. With it: feedback per question or on handing in, a
 * score, a review of mistakes, retry, progress kept in localStorage on this
 * device only, and a completion card (回执卡) drawn locally. Nothing is sent
 * anywhere. Plain ES2017, no framework, for WeChat's and DingTalk's browsers.
 */
(function () {
  "use strict";

  var STORE_PREFIX = "fangzha:quiz:";
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* -- storage: best effort; private modes and some in-app browsers refuse it ---------- */
  function load(id) {
    try {
      var raw = window.localStorage.getItem(STORE_PREFIX + id);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }

  function save(id, state) {
    try {
      window.localStorage.setItem(STORE_PREFIX + id, JSON.stringify(state));
    } catch (e) {
      /* storage unavailable: the quiz still works for this visit */
    }
  }

  /* Keep only what fits this quiz as it is now: a record saved by an older version of the
     site, for a quiz since edited, or corrupted by hand must not stop the quiz from working. */
  function sanitize(saved, questions) {
    var state = { answers: {}, done: {}, finished: false };
    if (!saved || typeof saved !== "object" || Array.isArray(saved)) return state;
    var answers = saved.answers && typeof saved.answers === "object" ? saved.answers : {};
    var done = saved.done && typeof saved.done === "object" ? saved.done : {};
    var complete = true;
    questions.forEach(function (q) {
      var chosen = answers[q.number];
      if (Array.isArray(chosen)) {
        chosen = chosen.filter(function (index) {
          return typeof index === "number" && index >= 0 && index < q.inputs.length && index % 1 === 0;
        });
        if (chosen.length) state.answers[q.number] = chosen;
      }
      if (done[q.number] === true && state.answers[q.number]) state.done[q.number] = true;
      if (!state.answers[q.number]) complete = false;
    });
    state.finished = saved.finished === true && complete;
    if (typeof saved.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(saved.day)) state.day = saved.day;
    return state;
  }

  function forget(id) {
    try {
      window.localStorage.removeItem(STORE_PREFIX + id);
    } catch (e) {
      /* nothing stored */
    }
  }

  /* -- the check code on the completion card; the Python twin is fangzha.quiz.check_code */
  function checkCode(id, score, total, day) {
    var data = id + "|" + score + "/" + total + "|" + day;
    var hash = 0x811c9dc5;
    for (var i = 0; i < data.length; i++) {
      hash ^= data.charCodeAt(i) & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    var out = "";
    for (var j = 0; j < 6; j++) {
      out += CODE_ALPHABET.charAt(hash % 32);
      hash = Math.floor(hash / 32);
    }
    return out;
  }

  function today() {
    var d = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function orgName() {
    var meta = document.querySelector('meta[name="fangzha:org"]');
    return meta ? meta.getAttribute("content") : "";
  }

  /* -- one quiz -------------------------------------------------------------------------- */
  function Quiz(root) {
    this.root = root;
    this.id = root.getAttribute("data-quiz");
    this.eachFeedback = root.getAttribute("data-feedback") === "each";
    this.title = (root.querySelector("[data-quiz-title]") || {}).textContent || document.title;
    this.live = root.querySelector("[data-quiz-live]");
    this.result = root.querySelector("[data-quiz-result]");
    this.actions = root.querySelector(".fz-quiz__actions");
    this.submit = root.querySelector("[data-quiz-submit]");
    this.questions = all(root, "[data-question]").map(function (item) {
      var options = all(item, ".fz-option");
      return {
        item: item,
        number: item.getAttribute("data-question"),
        inputs: all(item, "input"),
        correct: options
          .map(function (option, index) {
            return option.hasAttribute("data-correct") ? index : -1;
          })
          .filter(function (index) {
            return index >= 0;
          }),
        check: item.querySelector("[data-quiz-check]"),
        feedback: item.querySelector("[data-quiz-feedback]"),
        answer: item.querySelector("[data-answer]"),
        done: false,
      };
    });
    this.state = sanitize(load(this.id), this.questions);
    this.bind();
    this.restore();
    root.classList.add("fz-quiz--ready");
  }

  Quiz.prototype.announce = function (text) {
    if (!this.live) return;
    this.live.textContent = "";
    var live = this.live;
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
  };

  Quiz.prototype.chosen = function (q) {
    return q.inputs
      .map(function (input, index) {
        return input.checked ? index : -1;
      })
      .filter(function (index) {
        return index >= 0;
      });
  };

  Quiz.prototype.isRight = function (q) {
    var chosen = this.chosen(q);
    return chosen.length === q.correct.length && chosen.every(function (i) {
      return q.correct.indexOf(i) >= 0;
    });
  };

  Quiz.prototype.bind = function () {
    var self = this;
    this.questions.forEach(function (q) {
      q.inputs.forEach(function (input) {
        input.addEventListener("change", function () {
          self.state.answers[q.number] = self.chosen(q);
          save(self.id, self.state);
          self.syncSelection(q);
          if (q.check) q.check.disabled = self.chosen(q).length === 0;
        });
      });
      if (self.eachFeedback && q.check) {
        q.check.hidden = false;
        q.check.disabled = true;
        q.check.addEventListener("click", function () {
          self.mark(q, true);
          if (self.questions.every(function (x) { return x.done; })) self.finish();
        });
      }
    });
    if (!this.eachFeedback && this.submit) {
      this.actions.hidden = false;
      this.submit.addEventListener("click", function () {
        self.handIn();
      });
    }
  };

  Quiz.prototype.syncSelection = function (q) {
    q.inputs.forEach(function (input) {
      input.closest(".fz-option").classList.toggle("fz-option--chosen", input.checked);
    });
  };

  Quiz.prototype.restore = function () {
    var self = this;
    this.questions.forEach(function (q) {
      var saved = self.state.answers[q.number] || [];
      q.inputs.forEach(function (input, index) {
        input.checked = saved.indexOf(index) >= 0;
      });
      self.syncSelection(q);
      if (q.check) q.check.disabled = saved.length === 0;
      if (self.state.done[q.number]) self.mark(q, false);
    });
    if (this.state.finished) this.finish(true);
  };

  /* Show right or wrong for one question, in words and symbols, not colour alone. */
  Quiz.prototype.mark = function (q, announce) {
    var right = this.isRight(q);
    var letters = q.correct
      .map(function (i) {
        return LETTERS.charAt(i);
      })
      .join("、");
    q.done = true;
    this.state.done[q.number] = true;
    save(this.id, this.state);
    q.item.classList.remove("fz-question--right", "fz-question--wrong");
    q.item.classList.add(right ? "fz-question--right" : "fz-question--wrong");
    q.inputs.forEach(function (input, index) {
      input.disabled = true;
      var option = input.closest(".fz-option");
      option.classList.toggle("fz-option--correct", q.correct.indexOf(index) >= 0);
    });
    var text = right ? "✔ 回答正确。" : "✘ 回答错误，正确答案是 " + letters + "。";
    q.feedback.textContent = text;
    q.feedback.hidden = false;
    q.feedback.setAttribute("tabindex", "-1");
    if (q.check) q.check.hidden = true;
    if (q.answer) q.answer.open = true;
    if (announce) {
      this.announce("第 " + q.number + " 题：" + text);
      q.feedback.focus();
    }
  };

  Quiz.prototype.handIn = function () {
    var self = this;
    var missing = this.questions.filter(function (q) {
      return self.chosen(q).length === 0;
    });
    if (missing.length) {
      this.announce("还有 " + missing.length + " 题没有作答：第 " + missing.map(function (q) { return q.number; }).join("、") + " 题。");
      missing[0].inputs[0].focus();
      return;
    }
    this.questions.forEach(function (q) {
      self.mark(q, false);
    });
    this.finish();
  };

  Quiz.prototype.score = function () {
    var self = this;
    return this.questions.filter(function (q) {
      return self.isRight(q);
    }).length;
  };

  Quiz.prototype.finish = function (restoring) {
    var self = this;
    var total = this.questions.length;
    var score = this.score();
    this.state.finished = true;
    if (!this.state.day) this.state.day = today();
    save(this.id, this.state);
    if (this.actions) this.actions.hidden = true;

    var box = this.result;
    box.textContent = "";
    box.appendChild(el("h2", { class: "fz-result__title", tabindex: "-1" }, "测验结果"));
    var line = el("p", { class: "fz-result__score" }, "得分：");
    line.appendChild(el("strong", { "data-quiz-score": "" }, score + "/" + total));
    box.appendChild(line);
    var ratio = score / total;
    box.appendChild(
      el(
        "p",
        {},
        ratio === 1
          ? "全部答对，真棒！把学到的讲给家人听吧。"
          : ratio >= 0.6
            ? "不错！再看看下面答错的题，弄明白为什么。"
            : "建议把答错的题对应的页面再读一遍，然后再做一次。"
      )
    );

    var wrong = this.questions.filter(function (q) {
      return !self.isRight(q);
    });
    if (wrong.length) {
      box.appendChild(el("p", { class: "fz-result__review-title" }, "需要复习的题目："));
      var list = el("ul", { class: "fz-result__review" });
      wrong.forEach(function (q) {
        var item = el("li");
        var jump = el("a", { href: "#" + q.item.id }, "第 " + q.number + " 题");
        item.appendChild(jump);
        all(q.answer || q.item, ".fz-answer__see a").forEach(function (link) {
          item.appendChild(document.createTextNode(" · 复习："));
          item.appendChild(el("a", { href: link.getAttribute("href") }, link.textContent));
        });
        list.appendChild(item);
      });
      box.appendChild(list);
    }

    var buttons = el("p", { class: "fz-result__actions" });
    var retry = el("button", { type: "button", class: "md-button" }, "再做一遍");
    retry.addEventListener("click", function () {
      self.reset();
    });
    buttons.appendChild(retry);
    box.appendChild(buttons);
    box.appendChild(this.cardForm(score, total));
    box.hidden = false;
    if (!restoring) {
      this.announce("答题结束，得分 " + score + "/" + total + "。");
      box.querySelector(".fz-result__title").focus();
    }
  };

  Quiz.prototype.reset = function () {
    forget(this.id);
    this.state = { answers: {}, done: {}, finished: false };
    this.questions.forEach(function (q) {
      q.done = false;
      q.item.classList.remove("fz-question--right", "fz-question--wrong");
      q.inputs.forEach(function (input) {
        input.checked = false;
        input.disabled = false;
        input.closest(".fz-option").classList.remove("fz-option--correct", "fz-option--chosen");
      });
      q.feedback.hidden = true;
      q.feedback.textContent = "";
      if (q.answer) q.answer.open = false;
      if (q.check) {
        q.check.hidden = false;
        q.check.disabled = true;
      }
    });
    if (!this.eachFeedback && this.actions) this.actions.hidden = false;
    this.result.hidden = true;
    this.result.textContent = "";
    this.questions[0].inputs[0].focus();
    this.announce("已清空答案，可以重新作答。");
  };

  /* -- completion card (回执卡): drawn on this device, never uploaded ------------------- */
  Quiz.prototype.cardForm = function (score, total) {
    return cardForm({ id: this.id, title: this.title, score: score, total: total, day: this.state.day || today() });
  };

  /* The card form for any finished exercise: a quiz, a drill, a 真还是假 round. ``info`` has
     the id and title the check code and the teacher's check use, the score, the total and the
     day it was done. */
  function cardForm(info) {
    var wrap = el("div", { class: "fz-card-form", "data-quiz-card-form": "" });
    wrap.appendChild(el("h3", {}, "生成回执卡"));
    wrap.appendChild(
      el("p", {}, "老师让你提交完成情况时，可以生成一张回执卡，截图或保存图片后发给老师。姓名和班级可以不填，只显示在卡片上，不会保存或上传。")
    );
    var nameId = "fz-card-name-" + info.id;
    var classId = "fz-card-class-" + info.id;
    var fields = el("div", { class: "fz-card-form__fields" });
    fields.appendChild(el("label", { for: nameId }, "姓名（可不填）"));
    var name = el("input", { id: nameId, type: "text", autocomplete: "off", maxlength: "20" });
    fields.appendChild(name);
    fields.appendChild(el("label", { for: classId }, "班级（可不填）"));
    var klass = el("input", { id: classId, type: "text", autocomplete: "off", maxlength: "20" });
    fields.appendChild(klass);
    wrap.appendChild(fields);
    var make = el("button", { type: "button", class: "md-button md-button--primary", "data-quiz-card-make": "" }, "生成回执卡");
    var out = el("div", { class: "fz-card-out", "aria-live": "polite" });
    make.addEventListener("click", function () {
      out.textContent = "";
      var data = cardData(info, name.value.trim(), klass.value.trim());
      var card = drawCard(data);
      out.appendChild(card);
      var image = cardImage(card, data);
      /* One card to send: the image when this device can draw it (it can be long-pressed and
         saved, even in WeChat), else the card itself. The image's text alternative carries
         everything on the card. Scrolled fully into view, clear of the sticky header. */
      var shown = card;
      if (image) {
        card.hidden = true;
        out.appendChild(image);
        shown = image;
      }
      shown.focus({ preventScroll: true });
      shown.scrollIntoView({ block: "start" });
    });
    wrap.appendChild(make);
    wrap.appendChild(out);
    return wrap;
  }

  function cardData(info, name, klass) {
    var day = info.day || today();
    return {
      title: info.title,
      score: info.score + "/" + info.total,
      day: day,
      org: orgName(),
      name: name,
      klass: klass,
      code: checkCode(info.id, info.score, info.total, day),
    };
  }

  function drawCard(data) {
    var card = el("div", { class: "fz-card", "data-quiz-card": "", tabindex: "-1", role: "group", "aria-label": "回执卡" });
    card.appendChild(el("p", { class: "fz-card__head" }, "防诈课堂 · 回执卡"));
    card.appendChild(el("p", { class: "fz-card__title" }, data.title));
    var rows = [
      ["得分", data.score],
      ["日期", data.day],
      ["单位", data.org],
    ];
    if (data.name) rows.push(["姓名", data.name]);
    if (data.klass) rows.push(["班级", data.klass]);
    rows.push(["校验码", data.code]);
    var list = el("dl", { class: "fz-card__rows" });
    rows.forEach(function (row) {
      list.appendChild(el("dt", {}, row[0]));
      list.appendChild(el("dd", row[0] === "校验码" ? { "data-quiz-code": "" } : {}, row[1]));
    });
    card.appendChild(list);
    card.appendChild(el("p", { class: "fz-card__note" }, "本卡在你的设备上生成，没有上传任何信息。"));
    return card;
  }

  /* Draw the card as an image that can be long-pressed and saved (WeChat blocks downloads). */
  function cardImage(card, data) {
    var canvas = document.createElement("canvas");
    if (!canvas.getContext) return null;
    var scale = 2;
    var width = 540;
    var rows = all(card, "dt").length;
    var height = 250 + rows * 44;
    canvas.width = width * scale;
    canvas.height = height * scale;
    var ctx = canvas.getContext("2d");
    if (!ctx) return null;
    var family = window.getComputedStyle(document.body).fontFamily;
    ctx.scale(scale, scale);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.strokeStyle = "#0b4f8a";
    ctx.lineWidth = 4;
    ctx.strokeRect(10, 10, width - 20, height - 20);
    ctx.fillStyle = "#0b4f8a";
    ctx.font = "bold 20px " + family;
    ctx.fillText("防诈课堂 · 回执卡", 36, 52);
    ctx.fillStyle = "#111111";
    ctx.font = "bold 24px " + family;
    var y = wrapText(ctx, data.title, 36, 96, width - 72, 32);
    ctx.font = "20px " + family;
    all(card, "dt").forEach(function (dt) {
      y += 44;
      ctx.fillStyle = "#555555";
      ctx.fillText(dt.textContent, 36, y);
      ctx.fillStyle = "#111111";
      ctx.fillText(dt.nextElementSibling.textContent, 140, y);
    });
    ctx.fillStyle = "#555555";
    ctx.font = "16px " + family;
    ctx.fillText("本卡在你的设备上生成，没有上传任何信息。", 36, height - 36);
    var url;
    try {
      url = canvas.toDataURL("image/png");
    } catch (e) {
      return null;
    }
    var figure = el("figure", { class: "fz-card-image", "data-quiz-card-image": "", tabindex: "-1" });
    figure.appendChild(el("p", { class: "fz-card-image__howto" }, "这是你的回执卡：手机上长按图片，选“保存图片”或“发送给朋友”，发给老师。"));
    figure.appendChild(el("img", { src: url, alt: "回执卡图片：" + data.title + "，得分 " + data.score + "，日期 " + data.day + "，校验码 " + data.code, width: String(width) }));
    var caption = el("figcaption", {}, "电脑上可以");
    var link = el("a", { href: url, download: "回执卡-" + data.day + ".png" }, "下载图片");
    caption.appendChild(link);
    caption.appendChild(document.createTextNode("。"));
    figure.appendChild(caption);
    return figure;
  }

  function wrapText(ctx, text, x, y, maxWidth, lineHeight) {
    var line = "";
    for (var i = 0; i < text.length; i++) {
      var next = line + text.charAt(i);
      if (ctx.measureText(next).width > maxWidth && line) {
        ctx.fillText(line, x, y);
        line = text.charAt(i);
        y += lineHeight;
      } else {
        line = next;
      }
    }
    ctx.fillText(line, x, y);
    return y;
  }

  /* -- the teacher's check of a completion card, on this device ---------------------------- */
  /* Full-width digits and letters (a Chinese keyboard's default) as plain ASCII. */
  function halfWidth(text) {
    return String(text || "").replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ").trim();
  }

  /* What a teacher types, read the way the card shows it: 「11/15」, 「11」, 「11分」, full-width
     digits; dates as 2026-11-29, 2026/11/29, 2026.11.29 or 2026年11月29日; codes in any case,
     with spaces. Each problem is a plain sentence saying what to type. */
  function readCard(scoreText, dayText, codeText, total) {
    var problems = [];
    var score = null;
    var s = halfWidth(scoreText).replace(/\s+/g, "");
    var m = /^(\d{1,3})(?:分)?(?:\/(\d{1,3})(?:题)?)?(?:分)?$/.exec(s);
    if (!s) problems.push("请填写得分：卡片上“得分”一栏斜线前面的数，例如 " + Math.max(total - 2, 0) + "/" + total + " 就填 " + Math.max(total - 2, 0) + "。");
    else if (!m) problems.push("得分要写数字，例如 " + Math.max(total - 2, 0) + " 或 " + Math.max(total - 2, 0) + "/" + total + "，现在写的是“" + scoreText + "”。");
    else if (m[2] && Number(m[2]) !== total) problems.push("卡片上得分斜线后面的数是 " + m[2] + "，而选中的这一项是 " + total + "：请在上面选卡片上写的那一项。");
    else if (Number(m[1]) > total) problems.push("得分不能超过斜线后面的数 " + total + "。");
    else score = Number(m[1]);
    var d = halfWidth(dayText).replace(/\s+/g, "");
    var dm = /^(\d{4})[-\/.年](\d{1,2})[-\/.月](\d{1,2})日?$/.exec(d);
    var day = dm ? dm[1] + "-" + ("0" + dm[2]).slice(-2) + "-" + ("0" + dm[3]).slice(-2) : "";
    if (!d) problems.push("请填写卡片上的日期。");
    else if (!dm) problems.push("日期请照卡片写，例如 2026-11-29。");
    var code = halfWidth(codeText).replace(/[\s-]/g, "").toUpperCase();
    if (!code) problems.push("请填写卡片最下面的 6 位校验码。");
    else if (!/^[0-9A-Z]{6}$/.test(code)) problems.push("校验码是 6 位字母和数字，现在填了 " + code.length + " 位，请对照卡片再看一遍。");
    return { problems: problems, score: score, day: day, code: code };
  }

  function mountCardCheck(form) {
    var result = form.querySelector("[data-card-check-result]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var option = form.quiz.options[form.quiz.selectedIndex];
      var total = Number(option.getAttribute("data-total"));
      var read = readCard(form.score.value, form.day.value, form.code.value, total);
      if (read.problems.length) {
        result.textContent = read.problems.join(" ");
        result.className = "fz-card-check__result fz-card-check__result--problem";
        return;
      }
      var score = read.score;
      var day = read.day;
      var code = read.code;
      var match = checkCode(option.value, score, total, day) === code;
      result.textContent = match
        ? "✔ 相符：校验码与这项测验、" + score + "/" + total + " 分和 " + day + " 这一天一致。"
        : "✘ 不相符：得分、日期或测验与校验码对不上，请向学生核实。";
      result.className = "fz-card-check__result " + (match ? "fz-card-check__result--match" : "fz-card-check__result--mismatch");
    });
  }

  /* -- mount on every page, including after Material's instant navigation -------------- */
  function mountAll() {
    all(document, "[data-card-check]").forEach(function (form) {
      if (!form.hasAttribute("data-card-check-mounted")) {
        form.setAttribute("data-card-check-mounted", "");
        mountCardCheck(form);
      }
    });
    all(document, '[data-quiz][data-mode="interactive"]').forEach(function (root) {
      if (!root.hasAttribute("data-quiz-mounted")) {
        root.setAttribute("data-quiz-mounted", "");
        new Quiz(root);
      }
    });
  }

  window.fangzhaQuiz = { checkCode: checkCode, cardForm: cardForm, today: today };
  // Material's document$ announces pages reached by instant navigation; it stays silent on
  // file://, where instant navigation is off, so mount on page load as well (mounting twice
  // is harmless: a mounted quiz is skipped).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
