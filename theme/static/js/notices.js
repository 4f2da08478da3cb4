// Urgent notices can be dismissed: the choice is remembered in this browser (localStorage)
// for that notice until it expires. A notice hides itself at its Expires time (to the minute,
// even on a page left open), before the next build removes it. Without JavaScript the notices
// stay visible until that build.
(function () {
  "use strict";
  var KEY = "dismissed-notices";
  var dismissed;
  try { dismissed = JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { dismissed = []; }
  document.querySelectorAll(".urgent-notice[data-notice]").forEach(function (notice) {
    var id = notice.getAttribute("data-notice");
    var expires = Date.parse(notice.getAttribute("data-expires") || "");
    if (!isNaN(expires)) {
      var left = expires - Date.now();
      if (left <= 0) { notice.hidden = true; return; }
      if (left < 2147483647) { setTimeout(function () { notice.hidden = true; }, left); }
    }
    if (dismissed.indexOf(id) !== -1) { notice.hidden = true; return; }
    var button = notice.querySelector(".urgent-notice-dismiss");
    button.hidden = false;
    button.addEventListener("click", function () {
      notice.hidden = true;
      dismissed.push(id);
      try { localStorage.setItem(KEY, JSON.stringify(dismissed.slice(-50))); } catch (e) { /* private mode */ }
    });
  });
})();
