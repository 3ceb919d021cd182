"""Lines repeated across seeds (a source's footers: `cleaning.repeated_keys`), found for a
run that derives a few seeds from the ingest cache's index of line keys, without the line
keys of every seed: only the keys those seeds' articles look up are counted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from .cleaning import MIN_REPEATS
from .derive import tested_line_keys
from .ingestcache import SEED_ID, CacheUnreadable, IngestCache, line_id
from .models import Seed


def repeated_among(
    todo: Iterable[Seed],
    counted: Mapping[str, tuple[str, ...] | None],
    cache: IngestCache,
) -> frozenset[str] | None:
    """`cleaning.repeated_keys` over the line keys of the seeds `counted` (sha256 → line
    keys, or None where the cache records them), narrowed to the keys that `make_article`
    looks up for the seeds of `todo`: it gives each of them the same article. None when
    the cache cannot tell (no index, a seed in `counted` it does not record, a row it cannot
    read): the caller counts all seeds then."""
    indexed = cache.indexed_seeds()
    if indexed is None:
        return None
    own: dict[str, set[bytes]] = defaultdict(set)  # key → leads, of the seeds not indexed
    for sha, keys in counted.items():
        if sha in indexed:
            continue
        if keys is None:
            return None
        for key in keys[1:] if len(keys) >= 2 else ():
            own[key].add(line_id(keys[0]))
    seeds = {sha[: 2 * SEED_ID] for sha in counted}
    wanted = set().union(*(tested_line_keys(seed) for seed in todo))
    try:
        return frozenset(key for key in wanted if key and _leads(key, seeds, own, cache))
    except CacheUnreadable:
        return None


def _leads(key: str, seeds: set[str], own: dict[str, set[bytes]], cache: IngestCache) -> bool:
    """Whether the seeds counted hold `key` after at least MIN_REPEATS different leads."""
    leads = set(own.get(key, ()))
    leads.update(lead for seed, lead in cache.line_leads(key) if seed in seeds)
    return len(leads) >= MIN_REPEATS
