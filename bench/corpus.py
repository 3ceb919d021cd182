"""Reading an evaluation corpus: one folder per section of text files, first line the
headline (such as ../shared/corpus/bbc, one of whose files is not valid UTF-8); and making
a site of header-block seeds from it, as many as asked for."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from pathlib import Path

_LETTERS = re.compile(r"[A-Za-z]+")


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


def make_header_site(root: Path, corpus: list[tuple[str, str]], count: int) -> None:
    """`count` header-block seeds (Title, Date, Category, then the body) in root/seeds/,
    dates spread over two years, and a newsdesk.toml naming the corpus's sections. Copies
    beyond the corpus pass their words through a cipher of their own (`cipher`), so that
    they are distinct stories with names of their own."""
    words = vocabulary(corpus)
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    span = timedelta(days=730) / count
    start = datetime(2024, 11, 1, 6, 0)
    table: dict[str, str] = {}
    for n in range(count):
        copy, i = divmod(n, len(corpus))
        if i == 0 and copy:
            table = cipher_table(words, random.Random(copy))
        folder, text = corpus[i]
        (seeds / f"s{n:05}.txt").write_text(
            header_seed(folder, text, start + span * n, table), encoding="utf-8"
        )
    write_sections(root, corpus)


def vocabulary(corpus: list[tuple[str, str]]) -> list[str]:
    return sorted({w.lower() for _, t in corpus for w in _LETTERS.findall(t)})


def header_seed(folder: str, text: str, when: datetime, table: dict[str, str]) -> str:
    headline, _, body = text.strip().partition("\n")
    headline, body = cipher(headline, table), cipher(body, table)
    return (
        f"Title: {headline.strip()}\nDate: {when:%Y-%m-%d %H:%M}\n"
        f"Category: {folder.title()}\n\n{body.strip()}\n"
    )


def cipher_table(words: list[str], rng: random.Random) -> dict[str, str]:
    shuffled = words[:]
    rng.shuffle(shuffled)
    return dict(zip(words, shuffled, strict=True))


def cipher(text: str, table: dict[str, str]) -> str:
    """Each word through the cipher, keeping its case (an empty table: the text as it is)."""

    def swap(match: re.Match[str]) -> str:
        word = match[0]
        new = table.get(word.lower())
        if new is None:
            return word
        if word.isupper() and len(word) > 1:
            return new.upper()
        return new[:1].upper() + new[1:] if word[0].isupper() else new

    return _LETTERS.sub(swap, text) if table else text


def write_sections(root: Path, corpus: list[tuple[str, str]]) -> None:
    sections = "".join(
        f'[[sections]]\nname = "{name.title()}"\n'
        for name in sorted({folder for folder, _ in corpus})
    )
    (root / "newsdesk.toml").write_text(sections, encoding="utf-8")
