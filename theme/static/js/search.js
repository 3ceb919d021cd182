// Full-text search with Pagefind's indexes (built by `newsdesk build` into pagefind/, one
// per month, listed in pagefind/shards.json). The form works without this script (it
// reloads the page with ?q=); this script reads q, asks Pagefind and lists the stories
// found. Everything comes from this site's own folder.
const script = document.currentScript || document.querySelector("script[data-pagefind]");
const form = document.querySelector("form.search");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
let pagefind;

function item(result) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title || result.url;
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is the page's own text with <mark> around matches: keep only those.
  excerpt.innerHTML = result.excerpt.replace(/<(?!\/?mark>)[^>]*>/g, "");
  li.append(link, excerpt);
  return li;
}

// The newest month's index answers, with every other month merged into it.
async function load(listing) {
  const { shards } = await (await fetch(listing)).json();
  if (!shards.length) return null;
  const base = new URL(".", new URL(listing, location.href));
  const index = await import(new URL(`${shards[0]}/pagefind.js`, base));
  await Promise.all(shards.slice(1).map((s) => index.mergeIndex(new URL(`${s}/`, base).href)));
  return index;
}

async function search(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "Type a word to search every story.";
    return;
  }
  status.textContent = "Searching…";
  pagefind = pagefind || (await load(script.dataset.pagefind));
  if (!pagefind) {
    status.textContent = "No stories yet.";
    return;
  }
  const found = await pagefind.search(query);
  const results = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  list.replaceChildren(...results.map(item));
  const count = found.results.length;
  status.textContent = `${count} ${count === 1 ? "story" : "stories"} found for “${query}”.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", `?q=${encodeURIComponent(input.value)}`);
  search(input.value);
});
input.value = new URLSearchParams(location.search).get("q") || "";
search(input.value);
