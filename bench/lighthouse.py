"""Lighthouse scores of the front page and an article page of a built site.

Usage: python bench/lighthouse.py [OUTPUT_DIR] [--runs 3]

Without OUTPUT_DIR, builds this repository's demo site (seeds/ and content/pages/) in a
temporary folder with SOURCE_DATE_EPOCH fixed. Serves the folder on 127.0.0.1, runs Lighthouse
(tests/js/node_modules, installed by tests/run) with Debian's Chromium via CHROME_PATH and no
access to other hosts, and prints the median of each category over the runs (the performance
score moves by ±1 between runs on small pages).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.servers import CHROMIUM_FLAGS, chromium, serve_folder  # noqa: E402

LIGHTHOUSE = REPO / "tests" / "js" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def build_demo(folder: Path) -> Path:
    from generator.build import build
    from generator.config import load_config

    shutil.copytree(REPO / "seeds", folder / "seeds")
    shutil.copytree(REPO / "content" / "pages", folder / "content" / "pages")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    build(load_config(folder))
    return folder / "output"


def first_article(output: Path) -> str:
    for page in sorted(output.glob("*/*/index.html")):
        if '"@type": "NewsArticle"' in page.read_text():
            return page.parent.relative_to(output).as_posix() + "/"
    raise SystemExit(f"no article page in {output}")


def scores(url: str) -> dict[str, int]:
    """One Lighthouse run: each category's score out of 100."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        flags = [f"--chrome-flags={flag}" for flag in CHROMIUM_FLAGS]  # one flag each
        options = ["--quiet", "--output=json", f"--output-path={report}"]
        subprocess.run(
            [str(LIGHTHOUSE), url, *flags, *options, f"--only-categories={','.join(CATEGORIES)}"],
            env={**os.environ, "CHROME_PATH": chromium()},
            check=True,
            timeout=300,
        )
        categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, help="a built site's output/ folder")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `bash tests/run` (or npm ci in tests/js)")
    with tempfile.TemporaryDirectory() as scratch:
        output = args.output or build_demo(Path(scratch) / "site")
        with serve_folder(output) as base:
            for name, path in (("front page", ""), ("article", first_article(output))):
                runs = [scores(base + path) for _ in range(args.runs)]
                medians = {c: int(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
                figures = "  ".join(f"{c} {medians[c]}" for c in CATEGORIES)
                print(f"{name:<11} {figures}   (/{path}, median of {args.runs})")


if __name__ == "__main__":
    main()
