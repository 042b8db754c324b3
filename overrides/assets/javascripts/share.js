/*
 * 防诈课堂 转发短版: the 复制文字 button of a /// share box copies its lines, and the address of
 * the page, ready to paste into a WeChat or DingTalk group.
 *
 * The Clipboard API needs a secure page (https, localhost); a school server on plain http,
 * the offline copy on file:// and some in-app browsers lack it, so the copy falls back to a
 * selected text area, and when even that is refused the text is left selected with a note
 * to long-press and copy. The address is the page's canonical one when the site sets
 * site_url, else the address in the browser; never a file:// path. Plain ES2017.
 */
(function () {
  "use strict";

  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var href = canonical ? canonical.href : window.location.href;
    if (!/^https?:/i.test(href)) return "";
    return href.split("#")[0].split("?")[0];
  }

  function textOf(box) {
    var lines = Array.prototype.map.call(box.querySelectorAll("[data-copy-text] p"), function (p) {
      return p.textContent.trim();
    });
    var address = box.hasAttribute("data-copy-link") ? pageAddress() : "";
    if (address) lines.push("详细内容：" + address);
    return lines.join("\n");
  }

  function selectNode(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    area.setSelectionRange(0, text.length);
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(area);
    return done;
  }

  function copy(box) {
    var text = textOf(box);
    var status = box.querySelector("[data-copy-status]");
    var say = function (message) {
      status.textContent = message;
    };
    var copied = function () {
      box.setAttribute("data-copied", "");
      say("已复制。打开微信群，长按输入框，选“粘贴”，再发送。");
    };
    var manual = function () {
      selectNode(box.querySelector("[data-copy-text]"));
      say("这个浏览器不让网页直接复制：文字已选中，请长按选中的文字，选“复制”。");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(copied, function () {
        if (copyBySelection(text)) copied();
        else manual();
      });
    } else if (copyBySelection(text)) {
      copied();
    } else {
      manual();
    }
  }

  function mount(box) {
    if (box.hasAttribute("data-copy-ready")) return;
    box.setAttribute("data-copy-ready", "");
    var actions = box.querySelector("[data-copy-actions]");
    if (actions) actions.hidden = false;
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), mount);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy-button]");
    if (!button) return;
    var box = button.closest("[data-copy]");
    if (box) copy(box);
  });

  /* Material's document$ announces pages reached by instant navigation; on file:// it stays
     silent, so mount on load as well (a mounted box is skipped). */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
