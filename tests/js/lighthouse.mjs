// Lighthouse over many pages in one node process and one browser (tests/hosting/test_lighthouse.py).
//
//   node tests/js/lighthouse.mjs <chromium> <desktop|mobile> <url>...
//
// Prints one JSON object: {url: {scores: {category: 0..100}, cls, failing: [audit ids]}}.
// The browser is the one given (Debian's Chromium); nothing is downloaded. A self-signed
// certificate (the test's nginx on 127.0.0.1) is accepted by the browser's flags.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const [chromePath, formFactor, ...urls] = process.argv.slice(2);
if (!chromePath || !["desktop", "mobile"].includes(formFactor) || urls.length === 0) {
  console.error("usage: node lighthouse.mjs <chromium> <desktop|mobile> <url>...");
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--ignore-certificate-errors",
    "--no-first-run",
    "--no-default-browser-check",
  ],
  logLevel: "silent",
});
const results = {};
try {
  for (const url of urls) {
    const flags = { port: chrome.port, output: "json", logLevel: "error" };
    const runner = await lighthouse(url, flags, formFactor === "desktop" ? desktopConfig : undefined);
    const lhr = runner.lhr;
    const scores = {};
    const failing = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push(`${id}:${ref.id}=${audit.displayValue || audit.score}`);
        }
      }
    }
    const shifts = lhr.audits["layout-shifts"]?.details?.items ?? [];
    results[url] = {
      scores,
      cls: lhr.audits["cumulative-layout-shift"].numericValue ?? null,
      fcp: lhr.audits["first-contentful-paint"].numericValue ?? null,
      lcp: lhr.audits["largest-contentful-paint"].numericValue ?? null,
      failing,
      shifts: shifts.map((s) => ({ score: s.score, node: s.node?.snippet ?? "" })),
      runtimeError: lhr.runtimeError?.message ?? lhr.audits["cumulative-layout-shift"].errorMessage ?? null,
    };
    console.error(`${url}: ${JSON.stringify(scores)} cls=${results[url].cls} ${results[url].runtimeError ?? ""}`);
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 1));
