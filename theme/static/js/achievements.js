// Filters the achievements list in place, by awarder and by year. The list is complete
// without this script; it only reveals the filter form (hidden in the HTML) and hides
// the awards that do not match. No inline code: loaded with <script src defer>.
(function () {
  "use strict";
  var form = document.querySelector(".award-filter");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll(".award-year li[data-year]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".award-year"));
  var shown = form.querySelector(".award-shown");
  var template = shown.dataset.template;  // translated in the page: "Showing {n} of {t}"

  function apply() {
    var awarder = form.elements.awarder.value;
    var year = form.elements.year.value;
    var count = 0;
    items.forEach(function (item) {
      var match = (!awarder || item.dataset.awarder === awarder) && (!year || item.dataset.year === year);
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
