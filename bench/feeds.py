"""Time to write every feed of a 10,000-article site.

Usage: python bench/feeds.py CORPUS_PATH [--articles N]

CORPUS_PATH holds one folder per section of text files (first line the headline, then
paragraphs), such as ../shared/corpus/bbc. Articles are replicated up to N with unique
headlines and dates spread over two years; tags come from newsdesk's own tag derivation.
Prints the number of feeds and files and the time to render and write them.
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.config import load_config
from generator.feeds import channels, render_channels
from generator.models import Story, Term
from generator.outputs import Outputs
from generator.seeds import split_paragraphs
from generator.slugs import slugify
from generator.tags import derive_tags


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        config = load_config(Path(folder))
        stories = make_stories(args.corpus, args.articles, config.site.url)
        started = time.perf_counter()
        feeds = channels(stories, config)
        files = render_channels(feeds, config)
        rendered = time.perf_counter()
        with Outputs(Path(folder) / "output", Path(folder) / ".newsdesk") as outputs:
            for relative, data in files.items():
                outputs.write(relative, data)
            written = time.perf_counter()
    scopes = {
        scope: sum(c.scope == scope for c in feeds)
        for scope in ("site", "section", "tag", "author")
    }
    print(f"articles            {len(stories):>8}")
    print(
        f"feeds               {len(feeds):>8}  ({', '.join(f'{k} {v}' for k, v in scopes.items())})"
    )
    print(f"files               {len(files):>8}  ({sum(map(len, files.values())) / 1e6:.1f} MB)")
    print(f"render seconds      {rendered - started:>8.2f}")
    print(f"write seconds       {written - rendered:>8.2f}")
    print(f"total seconds       {written - started:>8.2f}")


if __name__ == "__main__":
    main()
