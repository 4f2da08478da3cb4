// Preview only (make serve): reloads the page when a build has written it anew, and shows
// the build's problems over the page (/__problems.json, written at the end of every preview
// build) until they are fixed. The words come from the page (partials/preview_problems.html);
// the problems are put in as text, never as HTML.
//
// /__build.txt lists the steps of recent builds, one a line after the first: when the step
// was written (ms since 1970) and the addresses of the pages it wrote anew, or "*" for every
// page (newsroom/pipeline/reload.py). A step newer than this page that names it reloads it:
// the article being edited reloads as soon as its own page is written, and a page that a
// save did not change does not reload.
(function () {
  "use strict";
  var since = Math.floor(performance.timeOrigin || Date.now());  // when this page was asked for
  var shownProblems = null;
  var hiddenFor = null;
  var box = document.querySelector(".preview-problems");

  function add(parent, tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text !== undefined) { element.textContent = text; }
    parent.appendChild(element);
    return element;
  }

  function where(problem) {
    return problem.line ? problem.path + " (" + box.dataset.line + " " + problem.line + ")" : problem.path;
  }

  function show(report, text) {
    if (!box) { return; }
    var problems = report && report.problems ? report.problems : [];
    if (!problems.length || hiddenFor === text) {
      box.hidden = true;
      return;
    }
    var advice = problems.every(function (p) { return p.severity === "notice" && !p.draft; });
    box.querySelector(".preview-problems-state").textContent =
      !report.rebuilt ? box.dataset.stale : advice ? box.dataset.advice : box.dataset.fresh;
    var list = box.querySelector(".preview-problems-list");
    list.textContent = "";
    problems.forEach(function (problem) {
      var item = add(list, "li", "preview-problem preview-problem-" + problem.severity);
      var head = add(item, "p", "preview-problem-where");
      add(head, "strong", "preview-problem-severity", box.dataset[problem.severity] || problem.severity);
      head.appendChild(document.createTextNode(" "));
      add(head, "code", "preview-problem-file", where(problem)).dir = "ltr";
      if (problem.draft) { add(head, "span", "preview-problem-draft", " (" + box.dataset.draft + ")"); }
      add(item, "p", "preview-problem-message", problem.message).dir = "auto";
      var todo = add(item, "p", "preview-problem-action", box.dataset.todo + " ");
      add(todo, "span", "", problem.action).dir = "auto";
    });
    box.querySelector(".preview-problems-more").textContent = report.notices ? box.dataset.notices : "";
    box.hidden = false;
  }

  function checkProblems() {
    return fetch("/__problems.json", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (text === null || text === shownProblems) { return; }
        shownProblems = text;
        var report = null;
        try { report = JSON.parse(text); } catch (error) { return; }
        show(report, text);
      });
  }

  function decoded(address) {
    try { return decodeURIComponent(address); } catch (error) { return address; }
  }

  var here = decoded(location.pathname.replace(/\/index\.html$/, "/"));

  // Whether a step written since `since` names this page; `since` moves to the newest step.
  function rewritten(stamp) {
    var found = false;
    stamp.split("\n").slice(1).forEach(function (line) {
      var parts = line.trim().split(" ");
      var when = Number(parts[0]);
      if (!parts[0] || !(when > since)) { return; }
      since = when;
      parts.slice(1).forEach(function (address) {
        if (address === "*" || decoded(address) === here) { found = true; }
      });
    });
    return found;
  }

  function check() {
    fetch("/__build.txt", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (stamp) {
        if (stamp === null) { return; }
        if (rewritten(stamp)) { location.reload(); return; }
        return checkProblems();
      })
      .catch(function () { /* the preview server is restarting */ })
      .then(function () { setTimeout(check, 700); });
  }

  if (box) {
    box.querySelector(".preview-problems-hide").addEventListener("click", function () {
      hiddenFor = shownProblems;  // until the problems change (the next save)
      box.hidden = true;
    });
  }
  check();
})();
