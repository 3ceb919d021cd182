// Browser checks for the test suite, in Debian's Chromium driven by playwright-core (never a
// downloaded browser). Reads one JSON job from argv[2], prints one JSON report on stdout:
//   {"base": "http://127.0.0.1:PORT/", "chromium": "/usr/bin/chromium", "flags": [...],
//    "axe": ["", "world/"], "screens": [""], "widths": [375, 1280], "shots": "/tmp/dir",
//    "search": {"path": "search/", "query": "ferry"},
//    "reload": {"path": "x/", "file": "/site/seeds/x.txt", "append": "New line.", "expect": "New"},
//    "signup": {"path": "newsletter/", "field": "#page-email", "email": "reader@example.org"}}
// Report: {"axe": {path: {scheme: [violation…]}}, "screens": [{path, width, …}],
//          "search": [result titles], "foreign": [URLs requested from another host],
//          "reload": {reloaded, seconds, found}, "signup": {url, heading},
//          "errors": [console errors]}
import { appendFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const job = JSON.parse(process.argv[2]);
const report = { axe: {}, screens: [], search: null, foreign: [], errors: [] };
const base = new URL(job.base);

async function open(browser, path, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.host !== base.host && !["data:", "blob:"].includes(url.protocol)) {
      report.foreign.push(request.url());
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error") report.errors.push(`${path}: ${message.text()}`);
  });
  page.on("pageerror", (error) => report.errors.push(`${path}: ${error.message}`));
  await page.goto(new URL(path, base).href, { waitUntil: "load" });
  return { context, page };
}

async function axe(browser, path) {
  report.axe[path] = {};
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await open(browser, path, { colorScheme });
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    report.axe[path][colorScheme] = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
    await context.close();
  }
}

async function screen(browser, path, width) {
  const viewport = { width, height: width < 600 ? 812 : 800 };
  const { context, page } = await open(browser, path, { viewport });
  const facts = await page.evaluate(() => {
    const h1 = [...document.querySelectorAll(".lead-title, h1")].find((e) => e.getBoundingClientRect().width > 1);
    const box = h1 ? h1.getBoundingClientRect() : null;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      headline: h1 ? h1.textContent.trim() : null,
      headlineBottom: box ? box.bottom : null,
      headlineWidth: box ? box.width : 0,
      textLength: document.body.innerText.length,
    };
  });
  const file = `${job.shots}/${path.replaceAll("/", "_") || "front"}-${width}.png`;
  await page.screenshot({ path: file });
  report.screens.push({ path, width, height: viewport.height, file, ...facts });
  await context.close();
}

async function search(browser, { path, query }) {
  const { context, page } = await open(browser, `${path}?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => /found/.test(document.getElementById("search-status").textContent));
  report.search = await page.$$eval("#search-results li a", (links) =>
    links.map((a) => ({ title: a.textContent, href: a.getAttribute("href") })),
  );
  await context.close();
}

// Live reload under `newsdesk serve`: open a page, edit a file, and wait for the page to
// reload by itself and show the edit.
async function reload(browser, { path, file, append, expect }) {
  const { context, page } = await open(browser, path);
  await page.evaluate(() => { window.__notReloaded = true; });
  await new Promise((resolve) => setTimeout(resolve, 300));  // the event stream connects
  const started = Date.now();
  appendFileSync(file, append);
  await page.waitForFunction(() => !window.__notReloaded, null, { timeout: 10000 });
  await page.waitForLoadState("load");
  report.reload = {
    reloaded: true,
    seconds: (Date.now() - started) / 1000,
    found: (await page.content()).includes(expect),
  };
  await context.close();
}

// The newsletter sign-up form: type an address, press the button, read the answer page.
async function signup(browser, { path, field, email }) {
  const { context, page } = await open(browser, path);
  await page.fill(field, email);
  await Promise.all([page.waitForNavigation(), page.press(field, "Enter")]);
  report.signup = { url: page.url(), heading: await page.textContent("h1") };
  await context.close();
}

const browser = await chromium.launch({ executablePath: job.chromium, args: job.flags });
try {
  for (const path of job.axe || []) await axe(browser, path);
  for (const path of job.screens || []) {
    for (const width of job.widths || [375, 1280]) await screen(browser, path, width);
  }
  if (job.search) await search(browser, job.search);
  if (job.reload) await reload(browser, job.reload);
  if (job.signup) await signup(browser, job.signup);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
