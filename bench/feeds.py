"""Time to write every feed of a 10,000-article site.

Usage: python bench/feeds.py CORPUS_PATH [--articles N] [--workers N] [--runs N]

CORPUS_PATH holds one folder per section of text files (first line the headline, then
paragraphs), such as ../shared/corpus/bbc. Articles are replicated up to N with unique
headlines and dates spread over two years; tags come from newsdesk's own tag derivation.
Prints the number of feeds and files, and the time the build takes to render them (in its
worker processes: each story's entries once, then the feeds), publish them into a new
output/, and, a second time with nothing changed, to find that every feed can be kept:
medians of several runs, each into a new folder.
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.config import load_config
from generator.feeds import channels
from generator.models import Story, Term
from generator.outputs import Outputs
from generator.seeds import split_paragraphs
from generator.site.parallel import run_tasks
from generator.site.tasks import feed_tasks
from generator.slugs import slugify
from generator.tags import derive_tags
from generator.workers import cores


def corpus_articles(corpus: Path) -> list[tuple[str, str, list[str]]]:
    """(section, headline, paragraphs) for every file of the corpus."""
    articles = []
    for path in sorted(corpus.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        headline, _, body = text.strip().partition("\n")
        articles.append((path.parent.name.title(), headline.strip(), split_paragraphs(body)))
    return articles


def make_stories(corpus: Path, count: int, site_url: str) -> list[Story]:
    base = corpus_articles(corpus)
    tags = [derive_tags(paragraphs) for _, _, paragraphs in base]
    start = datetime(2024, 11, 1, tzinfo=UTC)
    stories = []
    for number in range(count):
        section, headline, paragraphs = base[number % len(base)]
        title = f"{headline} ({number // len(base) + 1})" if number >= len(base) else headline
        url = f"{site_url}{slugify(section)}/{slugify(title)}-{number}/"
        date = start + timedelta(minutes=105 * number)
        stories.append(
            Story(
                id=url,
                url=url,
                title=title,
                summary=paragraphs[0] if paragraphs else title,
                body_html="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
                date=date,
                updated=date,
                section=Term(section, slugify(section)),
                tags=tuple(Term(t, slugify(t, None)) for t in tags[number % len(base)]),
                authors=(Term(f"Reporter {number % 40}", f"reporter-{number % 40}"),),
            )
        )
    stories.reverse()  # newest first, as the site gives them
    return stories


def write_feeds(stories: list[Story], config, folder: Path, workers: int) -> tuple:
    """(channels, files written, bytes, seconds to plan and render, seconds to publish)."""
    with Outputs(folder / "output", folder / ".newsdesk") as outputs:
        started = time.perf_counter()
        feeds = channels(stories, config)
        tasks = feed_tasks(feeds, config, outputs, b"bench", lambda _stories: False)
        made, _, _ = run_tasks(tasks, workers)
        for record in made:
            outputs.add(record)
        rendered = time.perf_counter()
        outputs.publish()
        published = time.perf_counter()
    size = sum((folder / "output" / m.path).stat().st_size for m in made)
    return feeds, len(made), size, rendered - started, published - rendered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=cores())
    parser.add_argument("--runs", type=int, default=3, help="first builds to time (median)")
    args = parser.parse_args()
    config = load_config(Path(tempfile.gettempdir()) / "newsdesk-bench-feeds-none")
    stories = make_stories(args.corpus, args.articles, config.site.url)
    renders, publishes, agains = [], [], []
    # Every run's files stay until the end: ext4 without a journal (this machine's disk)
    # creates files slowly for half a minute after many were deleted.
    with tempfile.TemporaryDirectory() as name:
        for run in range(args.runs):
            folder = Path(name) / str(run)
            feeds, files, size, render, publish = write_feeds(stories, config, folder, args.workers)
            _, _, _, again, _ = write_feeds(stories, config, folder, args.workers)
            renders.append(render)
            publishes.append(publish)
            agains.append(again)
    totals = [r + p for r, p in zip(renders, publishes, strict=True)]
    scopes = {
        scope: sum(c.scope == scope for c in feeds)
        for scope in ("site", "section", "tag", "author")
    }
    print(f"articles            {len(stories):>8}")
    print(f"workers             {args.workers:>8}")
    print(
        f"feeds               {len(feeds):>8}  ({', '.join(f'{k} {v}' for k, v in scopes.items())})"
    )
    print(f"files               {files:>8}  ({size / 1e6:.1f} MB)")
    print(f"runs                {args.runs:>8}  (medians; all runs: {_seconds(totals)})")
    print(f"render seconds      {median(renders):>8.2f}")
    print(f"publish seconds     {median(publishes):>8.2f}")
    print(f"total seconds       {median(totals):>8.2f}")
    print(f"unchanged, seconds  {median(agains):>8.2f}  (every feed kept)")


def _seconds(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
