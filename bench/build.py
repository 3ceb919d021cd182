"""Full and incremental build times of newsdesk, beside plain Pelican and Hugo on the same
articles.

Usage: python bench/build.py CORPUS_PATH [--articles 1000 10000 50000] [--runs 3]
                             [--no-pelican] [--no-hugo] [--keep DIR]

CORPUS_PATH holds one folder per section of text files (first line the headline, then
paragraphs), such as ../shared/corpus/bbc. Its articles are replicated up to N header-block
seeds (given headline, date and section; tags derived): each copy beyond the corpus passes
its words through its own substitution cipher, keeping capitals, so that copies are
distinct stories with names of their own; dates are spread over two years.

For each N it prints wall time and peak memory (largest resident set of the process or of
any of its workers) of: a full build from nothing (median of --runs), newsdesk's time per
stage (`newsdesk build --timings`), a no-op rebuild, and rebuilds after editing, adding and
deleting one seed, each `newsdesk build` in its own process as a user runs it. Then, on the
Markdown newsdesk wrote (content/, without the newsletter notes): plain Pelican 4 with its
default theme and its feeds (full build, and a rebuild after touching one article with its
content cache on), and Hugo (Debian's `hugo`; a minimal theme with home, single, list and
taxonomy pages and its RSS feeds), with the ratios newsdesk / Pelican and newsdesk / Hugo.
Nothing is deleted until the bench ends (see TRASH).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_files, make_header_site

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1795000000"  # 2026-11-18: the seeds' two years end a few days before


# ext4 without a journal, as on this project's CI machine, creates files slowly for a few
# minutes after many were deleted (it will not reuse a recently freed inode, and scans past
# each one): what a step would delete is renamed into this folder, emptied when the bench ends.
TRASH = Path(tempfile.gettempdir())


def set_aside(path: Path) -> None:
    if path.exists():
        path.rename(Path(tempfile.mkdtemp(dir=TRASH)) / path.name)


def make_site(corpus: Path, count: int, site: Path) -> None:
    make_header_site(site, corpus_files(corpus), count)


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB of the process or any of its workers, stdout)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed in {cwd}")
    return seconds, usage.ru_maxrss / 1024, output


def newsdesk(site: Path) -> tuple[float, float, str]:
    command = [sys.executable, "-m", "generator", "--site", str(site), "--quiet", "build"]
    return timed([*command, "--timings"], site)


def stages(output: str) -> str:
    line = next((x for x in output.splitlines() if x.startswith("timings: ")), "")
    return line.removeprefix("timings: ")


def median_of(runs: int, step) -> tuple[float, float, str]:
    results = [step() for _ in range(runs)]
    results.sort(key=lambda r: r[0])
    middle = results[len(results) // 2]
    return middle[0], max(r[1] for r in results), middle[2]


def bench_newsdesk(site: Path, runs: int) -> list[tuple[str, float, float, str]]:
    def clean_build() -> tuple[float, float, str]:
        for folder in ("output", "content", ".newsdesk"):
            set_aside(site / folder)
        return newsdesk(site)

    rows = [("full build", *median_of(runs, clean_build))]
    rows.append(("no-op rebuild", *median_of(runs, lambda: newsdesk(site))))
    seed = site / "seeds" / "s00007.txt"
    seed.write_text(seed.read_text() + "\nAn added paragraph.\n")
    rows.append(("after editing one seed", *newsdesk(site)))
    (site / "seeds" / "new.txt").write_text(
        "Title: A new story\nDate: 2026-11-17 10:00\nCategory: Sport\n\nThe club won.\n"
    )
    rows.append(("after adding one seed", *newsdesk(site)))
    (site / "seeds" / "new.txt").unlink()
    rows.append(("after deleting one seed", *newsdesk(site)))
    return rows


def pelican_site(content: Path, target: Path) -> None:
    """Plain Pelican on newsdesk's Markdown: default theme and feeds, no newsdesk."""
    shutil.copytree(content, target / "content", ignore=shutil.ignore_patterns("newsletter"))
    (target / "pelicanconf.py").write_text(
        'SITENAME = "Bench"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nFEED_ALL_ATOM = "feeds/all.atom.xml"\n'
        'CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\nDEFAULT_PAGINATION = 20\n'
        "FORMATTED_FIELDS = []\n"
        "# Pelican's default pattern names page 2 of topic BBC tag/bbc2.html: topic BBC2's.\n"
        'PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"), '
        '(2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))\n'
    )


def pelican(site: Path, cached: bool = False) -> tuple[float, float, str]:
    """A full build (Pelican's defaults: no content cache), or with its content cache on."""
    if not cached:
        set_aside(site / "output")
    command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"]
    cache = "true" if cached else "false"
    extra = ["-e", f"CACHE_CONTENT={cache}", f"LOAD_CONTENT_CACHE={cache}"]
    return timed([*command, *extra, "-q"], site)


def pelican_edit(site: Path) -> tuple[float, float, str]:
    """A rebuild after editing one article, its content cache on (filled by a first run)."""
    pelican(site, cached=True)
    article = next((site / "content").rglob("*.md"))
    article.write_text(article.read_text() + "\nAn added paragraph.\n")
    return pelican(site, cached=True)


HUGO_LAYOUTS = {
    "_default/baseof.html": "<!doctype html><html lang=en><head><meta charset=utf-8>"
    "<title>{{ .Title }} | {{ .Site.Title }}</title></head><body>"
    '<nav><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></nav>'
    '<main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "_default/single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
    '<time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}'
    '<ul>{{ range .Params.tags }}<li><a href="{{ "/tags/" | relURL }}{{ . | urlize }}/">'
    "{{ . }}</a></li>{{ end }}</ul></article>{{ end }}\n",
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
    '{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
    '</li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}\n',
    "index.html": '{{ define "main" }}<ul>{{ range (.Paginate .Site.RegularPages).Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
    '{{ template "_internal/pagination.html" . }}{{ end }}\n',
}


def hugo_site(content: Path, target: Path) -> None:
    """The same articles as Hugo content: YAML front matter, the same Markdown body."""
    for source in sorted(content.rglob("*.md")):
        parts = source.relative_to(content).parts
        if parts[0] in ("newsletter", "pages"):
            continue
        header, _, body = source.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        front = {
            "title": meta.get("Title", ""),
            "date": meta.get("Date", ""),
            "slug": meta.get("Slug", ""),
            "categories": [meta.get("Category", "")],
            "tags": _names(meta.get("Tags", "")),
            "authors": _names(meta.get("Authors", "")),
        }
        lines = [f"{key}: {_yaml(value)}" for key, value in front.items()]
        path = target / "content" / parts[0] / source.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + body, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (target / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "layouts" / name).write_text(text)
    (target / "hugo.toml").write_text(
        'baseURL = "http://localhost/"\ntitle = "Bench"\npaginate = 20\n'
        '[taxonomies]\ncategory = "categories"\ntag = "tags"\nauthor = "authors"\n'
    )


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def _yaml(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def hugo(site: Path) -> tuple[float, float, str]:
    set_aside(site / "public")
    return timed(["hugo", "--quiet", "--minify=false"], site)


def bench(corpus: Path, count: int, runs: int, compare: dict[str, bool], folder: Path):
    site = folder / "site"
    make_site(corpus, count, site)
    rows = bench_newsdesk(site, runs)
    full = rows[0][1]
    if compare["pelican"]:
        plain = folder / "pelican"
        pelican_site(site / "content", plain)
        rows.append(("plain Pelican full build", *median_of(runs, lambda: pelican(plain))))
        rows.append(("plain Pelican after editing one", *pelican_edit(plain)))
        rows.append(("newsdesk / Pelican (full build)", full / rows[-2][1], 0, ""))
    if compare["hugo"] and shutil.which("hugo"):
        other = folder / "hugo"
        hugo_site(site / "content", other)
        rows.append(("Hugo full build", *median_of(runs, lambda: hugo(other))))
        rows.append(("newsdesk / Hugo (full build)", full / rows[-1][1], 0, ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=3, help="median of this many full builds")
    parser.add_argument("--no-pelican", action="store_true")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the sites")
    args = parser.parse_args()
    compare = {"pelican": not args.no_pelican, "hugo": not args.no_hugo}
    if compare["hugo"] and not shutil.which("hugo"):
        print("(no hugo on PATH: apt-get install hugo, or pass --no-hugo)", file=sys.stderr)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    top = Path(tempfile.mkdtemp(prefix="newsdesk-bench-", dir=args.keep))
    global TRASH
    TRASH = top / "set-aside"
    TRASH.mkdir()
    print(f"{'articles':>8}  {'step':<34} {'seconds':>8} {'peak MB':>8}  stages")
    try:
        for count in args.articles:
            rows = bench(args.corpus, count, args.runs, compare, top / str(count))
            for step, seconds, peak, output in rows:
                if step.startswith(("newsdesk / ",)):
                    print(f"{count:>8}  {step:<34} {seconds:>8.2f}")
                else:
                    print(f"{count:>8}  {step:<34} {seconds:>8.2f} {peak:>8.0f}  {stages(output)}")
            sys.stdout.flush()
    finally:
        shutil.rmtree(TRASH if args.keep else top, ignore_errors=True)


if __name__ == "__main__":
    main()
