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
      return document.querySelectorAll('.ev[data-facts~="' + id + '"]');
    }

    function select(i, scroll) {
      if (i < 0 || i >= facts.length) return;
      document.querySelectorAll(".ev.current").forEach(function (m) { m.classList.remove("current"); });
      if (current >= 0) facts[current].classList.remove("current");
      current = i;
      var li = facts[i];
      li.classList.add("current");
      var ms = marks(li.dataset.fact);
      ms.forEach(function (m) { m.classList.add("current"); });
      if (scroll !== false) {
        li.scrollIntoView({ block: "nearest" });
        // the first evidence in the text, and on the scanned page when there is one
        var panes = [];
        ms.forEach(function (m) {
          var pane = m.closest(".testimony-text, .scan");
          if (panes.indexOf(pane) < 0) { panes.push(pane); m.scrollIntoView({ block: "center" }); }
        });
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
    document.querySelectorAll(".ev[data-facts]").forEach(function (m) {
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
})();
