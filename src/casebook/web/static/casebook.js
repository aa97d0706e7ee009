// Casebook: keyboard review (j/k move, a accept, e edit, r reject) and small conveniences.
// No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  function typing(ev) {
    var t = ev.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
                 t.isContentEditable);
  }

  function setupReview() {
    var list = document.getElementById("facts");
    if (!list) return;
    var facts = Array.prototype.slice.call(list.querySelectorAll("li.fact"));
    if (!facts.length) return;
    var current = -1;

    function marks(id) {
      return document.querySelectorAll('mark.ev[data-facts~="' + id + '"]');
    }

    function select(i, scroll) {
      if (i < 0 || i >= facts.length) return;
      document.querySelectorAll("mark.ev.current").forEach(function (m) { m.classList.remove("current"); });
      if (current >= 0) facts[current].classList.remove("current");
      current = i;
      var li = facts[i];
      li.classList.add("current");
      var ms = marks(li.dataset.fact);
      ms.forEach(function (m) { m.classList.add("current"); });
      if (scroll !== false) {
        li.scrollIntoView({ block: "nearest" });
        if (ms.length) ms[0].scrollIntoView({ block: "center" });
      }
    }

    // Start on the fact named in the address, else the first one still suggested.
    var start = 0;
    var hash = window.location.hash.replace("#fact-", "");
    facts.forEach(function (li, i) { if (li.dataset.fact === hash) start = i; });
    if (!hash) {
      for (var i = 0; i < facts.length; i++) {
        if (facts[i].classList.contains("s-suggested")) { start = i; break; }
      }
    } else {
      for (var j = start; j < facts.length; j++) {
        if (facts[j].classList.contains("s-suggested")) { start = j; break; }
      }
    }
    select(start);

    facts.forEach(function (li, i) {
      li.addEventListener("click", function (ev) {
        if (ev.target.closest("form, details")) return;
        select(i, false);
      });
    });
    document.querySelectorAll("mark.ev").forEach(function (m) {
      m.addEventListener("click", function () {
        var id = (m.dataset.facts || "").split(" ")[0];
        facts.forEach(function (li, i) { if (li.dataset.fact === id) select(i); });
      });
    });

    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (typing(ev)) {
        if (ev.key === "Escape") { ev.target.blur(); }
        return;
      }
      var li = facts[current];
      if (!li) return;
      if (ev.key === "j" || ev.key === "ArrowDown") { select(current + 1); ev.preventDefault(); }
      else if (ev.key === "k" || ev.key === "ArrowUp") { select(current - 1); ev.preventDefault(); }
      else if (ev.key === "a") { li.querySelector(".accept-form").submit(); ev.preventDefault(); }
      else if (ev.key === "r") { li.querySelector(".reject-form").submit(); ev.preventDefault(); }
      else if (ev.key === "e") {
        var d = li.querySelector("details.edit");
        d.open = true;
        var f = d.querySelector("input:not([type=hidden]), select");
        if (f) f.focus();
        ev.preventDefault();
      } else if (ev.key === "n") {
        var next = document.getElementById("next-testimony");
        if (next) window.location = next.href;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", setupReview);

  // Add a fact from the words: a selection in the text (or w, then typed words) opens the form
  // with the words and their place in the text; the reviewer says what they are and presses Enter.
  function setupAddFact() {
    var form = document.getElementById("add-form");
    var words = document.getElementById("words");
    if (!form || !words) return;
    var details = document.getElementById("add-fact");
    var said = document.getElementById("add-words");
    var start = document.getElementById("add-start");
    var end = document.getElementById("add-end");
    var occurrence = document.getElementById("add-occurrence");
    var key = document.getElementById("add-key");

    function offset(node, at) {
      var r = document.createRange();
      r.setStart(words, 0);
      r.setEnd(node, at);
      return r.toString().length;
    }

    function takeSelection() {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed || !sel.rangeCount) return false;
      var rg = sel.getRangeAt(0);
      if (!words.contains(rg.startContainer) || !words.contains(rg.endContainer)) return false;
      var full = words.textContent;
      var s = offset(rg.startContainer, rg.startOffset), e = offset(rg.endContainer, rg.endOffset);
      while (s < e && /\s/.test(full.charAt(s))) s++;
      while (e > s && /\s/.test(full.charAt(e - 1))) e--;
      if (e <= s) return false;
      var picked = full.slice(s, e);
      said.value = picked;
      start.value = s;
      end.value = e;
      var n = 0, i = full.indexOf(picked);
      while (i !== -1 && i < s) { n++; i = full.indexOf(picked, i + 1); }
      occurrence.value = n + 1;
      return true;
    }

    function open(toKey) {
      details.open = true;
      (toKey ? key : said).focus();
    }

    function show() {
      var opt = key.options[key.selectedIndex];
      var kind = opt && opt.dataset ? opt.dataset.kind : "";
      var code = key.value;
      var coded = form.querySelector('.add-value[data-for="' + code + '"]');
      form.querySelectorAll(".add-value").forEach(function (l) {
        var on = kind === "key" && (l.dataset.for === code || (l.dataset.for === "*typed" && !coded));
        l.hidden = !on;
        l.querySelectorAll("select, input").forEach(function (f) { f.disabled = !on; });
      });
      var fs = form.querySelector(".add-event");
      var isEvent = kind === "event";
      fs.hidden = !isEvent;
      fs.querySelectorAll("label").forEach(function (l) {
        var own = l.dataset.event;
        var on = isEvent && (!own || own === code);
        if (own) l.hidden = !on;
        l.querySelectorAll("select, input").forEach(function (f) { f.disabled = !on; });
      });
    }

    words.addEventListener("mouseup", function () { if (takeSelection()) open(true); });
    said.addEventListener("input", function () { start.value = ""; end.value = ""; occurrence.value = ""; });
    key.addEventListener("change", show);
    key.addEventListener("input", show);
    form.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && ev.target.tagName === "SELECT") {
        ev.preventDefault();
        if (ev.target === key) show();
        if (form.reportValidity()) form.requestSubmit();
      } else if (ev.key === "Escape") {
        details.open = false;
        ev.target.blur();
      }
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev)) return;
      if (ev.key === "w") {
        open(takeSelection());
        ev.preventDefault();
      }
    });
    show();
    if (details.open) said.focus();
  }

  document.addEventListener("DOMContentLoaded", setupAddFact);
})();
