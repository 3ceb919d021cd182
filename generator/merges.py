"""The same story in several seeds: which one is published, and the record of the others.

`[ingest] duplicates` chooses: "newest" (latest date), "first" (earliest) or "both". A seed
left out is recorded in `content/duplicates.json` (seed name → its hash and the seed kept),
so that later runs skip it without deriving it again, until it changes or the kept seed goes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .atomic import write_atomic
from .config import Config
from .duplicates import Signature, Verdicts, find_groups, signature

LEDGER_NAME = "duplicates.json"


@dataclass(frozen=True)
class Candidate:
    """A story that may be a duplicate: new in this run, or already in content/."""

    seed: str
    date: datetime
    text: str
    new: bool  # derived in this run (else already published)
    signed: Signature | None = None  # the text's signature, if known (then text may be "")

    def signature(self) -> Signature:
        return self.signed or signature(self.text)


@dataclass(frozen=True)
class Merge:
    kept: int  # index into the candidates
    dropped: tuple[int, ...]


def choose(
    candidates: list[Candidate], policy: str, verdicts: Verdicts | None = None
) -> list[Merge]:
    """For each group of candidates telling one story, with at least one new: the one to
    publish and the ones to leave out. Ties go to the first seed by name, never to whichever
    happened to be published first: the result does not depend on the order in which seeds
    arrived, so a run that was killed and run again gives what one whole run gives.
    `verdicts`: pairs compared before (duplicates.find_pairs)."""
    if policy == "both" or not any(c.new for c in candidates):
        return []  # what was published was merged when it was new
    groups = find_groups([c.signature() for c in candidates], verdicts)
    return choose_in(groups, dict(enumerate(candidates)), policy)


def choose_in(
    groups: list[list[int]], candidates: Mapping[int, Candidate], policy: str
) -> list[Merge]:
    """`choose` for groups found already (by `duplicates.find_groups`, or
    `duplicates.groups_with`): `candidates` holds at least the candidates in a group."""
    merges: list[Merge] = []
    sign = -1 if policy == "newest" else 1
    for group in groups:
        if policy == "both" or not any(candidates[i].new for i in group):
            continue

        def rank(i: int) -> tuple[float, str]:
            return (sign * candidates[i].date.timestamp(), candidates[i].seed)

        kept = min(group, key=rank)
        merges.append(Merge(kept, tuple(i for i in group if i != kept)))
    return merges


def read_ledger(config: Config) -> dict[str, dict[str, str]]:
    path = _path(config)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_ledger(config: Config, ledger: dict[str, dict[str, str]]) -> None:
    path = _path(config)
    if ledger or path.exists():
        text = json.dumps(dict(sorted(ledger.items())), indent=1, ensure_ascii=False) + "\n"
        write_atomic(path, text)


def _path(config: Config) -> Path:
    return config.content_dir / LEDGER_NAME
