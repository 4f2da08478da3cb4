// Urgent notices can be dismissed: the choice is remembered in this browser (localStorage)
// for that notice until it expires. A notice hides itself at its Expires time (to the minute,
// even on a page left open), before the next build removes it. Without JavaScript the notices
// stay visible until that build.
//
// Loaded in <head> without defer (base.html, only while there are notices), so that a notice
// already expired or dismissed is hidden before the page is first drawn: hidden later, it
// would move everything below it up (layout shift). The script runs before the notices are
// parsed, so it watches them arrive (MutationObserver: its callbacks run at the end of each
// parsing task, before the browser draws anything) and wires the dismiss buttons once the
// document is parsed; the buttons' room is kept meanwhile (site.css).
(function () {
  "use strict";
  var KEY = "dismissed-notices";
  var dismissed;
  try { dismissed = JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { dismissed = []; }
  var seen = [];

  function check(notice) {
    var id = notice.getAttribute("data-notice");
    var expires = Date.parse(notice.getAttribute("data-expires") || "");
    if (!isNaN(expires)) {
      var left = expires - Date.now();
      if (left <= 0) { notice.hidden = true; return; }
      if (left < 2147483647) { setTimeout(function () { notice.hidden = true; }, left); }
    }
    if (dismissed.indexOf(id) !== -1) { notice.hidden = true; }
  }

  function find() {
    document.querySelectorAll(".urgent-notice[data-notice]").forEach(function (notice) {
      if (seen.indexOf(notice) === -1) { seen.push(notice); check(notice); }
    });
  }

  var observer = new MutationObserver(function () {
    find();
    if (document.querySelector(".site-header")) { observer.disconnect(); }  // notices come before it
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  function wire() {
    observer.disconnect();
    find();
    seen.forEach(function (notice) {
      if (notice.hidden) { return; }
      var id = notice.getAttribute("data-notice");
      var button = notice.querySelector(".urgent-notice-dismiss");
      if (!button) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        notice.hidden = true;
        dismissed.push(id);
        try { localStorage.setItem(KEY, JSON.stringify(dismissed.slice(-50))); } catch (e) { /* private mode */ }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
