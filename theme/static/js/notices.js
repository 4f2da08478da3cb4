// Urgent notices can be dismissed: the choice is remembered in this browser (localStorage)
// for that notice until it expires. Without JavaScript the notices simply stay visible.
(function () {
  "use strict";
  var KEY = "dismissed-notices";
  var dismissed;
  try { dismissed = JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { dismissed = []; }
  document.querySelectorAll(".urgent-notice[data-notice]").forEach(function (notice) {
    var id = notice.getAttribute("data-notice");
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
