"""Reading an evaluation corpus: one folder per section of text files, first line the
headline (such as ../shared/corpus/bbc, one of whose files is not valid UTF-8)."""

from __future__ import annotations

from pathlib import Path


def corpus_files(root: Path) -> list[tuple[str, str]]:
    """(section folder, whole text) of every article, in a fixed order."""
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        articles.append((path.parent.name, text))
    return articles
