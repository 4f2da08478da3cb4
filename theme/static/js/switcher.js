// The search page's language switcher keeps the query (?q=…): the other language's search
// page then shows the same search. Loaded only by the search page; no inline code.
(function () {
  "use strict";
  function carry(link) {
    var query = new URLSearchParams(window.location.search).get("q");
    if (!query) { return; }
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("q", query);
    link.href = url.href;
  }
  var links = document.querySelectorAll(".language-switcher a:not([aria-current])");
  Array.prototype.forEach.call(links, function (link) {
    carry(link);
    link.addEventListener("click", function () { carry(link); });  // the query may have changed
  });
})();
