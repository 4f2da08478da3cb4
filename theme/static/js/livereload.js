// Preview only (make serve): reloads the page when the preview has been rebuilt.
(function () {
  "use strict";
  var seen = null;
  function check() {
    fetch("/__build.txt", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (stamp) {
        if (stamp === null) { return; }
        if (seen !== null && stamp !== seen) { location.reload(); }
        seen = stamp;
      })
      .catch(function () { /* the preview server is restarting */ })
      .then(function () { setTimeout(check, 700); });
  }
  check();
})();
