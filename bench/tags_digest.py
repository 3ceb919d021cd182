"""One hash of the tags derived for every article of a corpus: equal hashes from two
versions of generator/tags.py mean they derive the same tags.

Usage: python bench/tags_digest.py CORPUS_PATH [--copies 4]

Each article is derived as it is, then --copies more times with its words passed through a
substitution cipher that keeps their case (other names, the same shapes of text). Prints the
number of articles, the hash, and the time per article. Run from the repository root.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_files
from ingest_speed import _apply, _cipher_table

from generator.cleaning import normalise
from generator.seeds import split_paragraphs
from generator.tags import derive_tags


def articles(corpus: list[tuple[str, str]], copies: int) -> list[list[str]]:
    """Each article's paragraphs (its headline left out), then those of its ciphered copies."""
    vocabulary = sorted({w.lower() for _, t in corpus for w in re.findall(r"[A-Za-z]+", t)})
    tables = [{}] + [_cipher_table(vocabulary, random.Random(n)) for n in range(1, copies + 1)]
    found = []
    for table in tables:
        for _, text in corpus:
            body = _apply(table, text.strip().partition("\n")[2])
            found.append([p for p in map(normalise, split_paragraphs(body)) if p])
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    texts = articles(corpus_files(args.corpus), args.copies)
    digest = hashlib.sha256()
    start = time.process_time()
    for paragraphs in texts:
        digest.update("\t".join(derive_tags(paragraphs)).encode() + b"\n")
    elapsed = time.process_time() - start
    print(f"{len(texts)} articles, tags sha256 {digest.hexdigest()}")
    print(f"{elapsed / len(texts) * 1000:.3f} ms CPU per article")


if __name__ == "__main__":
    main()
