// Lighthouse on several URLs in one Chromium, for tests/gates/test_lighthouse.py.
//
//   node tests/gates/lighthouse.mjs URL...
//
// Prints one JSON object: for each URL, each category's score (0 to 1) and
// the audits that lowered it. One browser and one loaded Lighthouse for all
// URLs: on a small machine starting them costs as much as auditing a page.
// CHROME_PATH names the browser; CHROME_FLAGS adds to its command line.
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";

const CATEGORIES = ["accessibility", "best-practices", "seo"];

const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromeFlags: ["--headless=new", ...(process.env.CHROME_FLAGS || "").split(" ").filter(Boolean)],
});
const results = {};
try {
  for (const url of urls) {
    const { lhr } = await lighthouse(
      url,
      {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: CATEGORIES,
        disableFullPageScreenshot: true,
      },
      desktopConfig,
    );
    if (lhr.runtimeError) {
      throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    }
    results[url] = Object.fromEntries(
      CATEGORIES.map((id) => {
        const category = lhr.categories[id];
        const failing = category.auditRefs
          .filter((ref) => ref.weight > 0)
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit.score !== null && audit.score < 1)
          .map((audit) => ({
            id: audit.id,
            title: audit.title,
            score: audit.score,
            items: (audit.details?.items || []).slice(0, 5),
          }));
        return [id, { score: category.score, failing }];
      }),
    );
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
