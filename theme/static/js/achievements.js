// Filters the achievements list in place, by every <select> of the form (awarder, field,
// year: each matches the item's data-<name>). The list is complete without this script; it
// only reveals the filter form (hidden in the HTML) and hides the awards that do not match.
// No inline code: loaded with <script src defer>.
(function () {
  "use strict";
  var form = document.querySelector(".award-filter");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll(".award-year li[data-year]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".award-year"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var shown = form.querySelector(".award-shown");
  var template = shown.dataset.template;  // translated in the page: "Showing {n} of {t}"

  function apply() {
    var count = 0;
    items.forEach(function (item) {
      var match = selects.every(function (select) {
        return !select.value || item.dataset[select.name] === select.value;
      });
      item.hidden = !match;
      if (match) { count += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li[data-year]:not([hidden])");
    });
    shown.textContent = template.replace("{n}", count).replace("{t}", items.length);
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
