"""Ingest after a one-seed edit of an existing site, taken apart: where its time goes.

Usage: SOURCE_DATE_EPOCH=... python bench/ingest_edit.py SITE [--seed NAME] [--profile FILE]

SITE is a site that has been ingested (or built) before, for instance a copy of the seeds
and newsdesk.toml of one kept by `bench/build.py --keep DIR` (DIR/newsdesk-bench-*/10000/site),
ingested once. It appends a sentence to one seed (the first text seed, or --seed, relative
to seeds/) and runs ingest once in this process, as `newsdesk build` does before the site;
then it prints the wall time of loading generator.ingest (what a `newsdesk build` process
pays for it), of the ingest call and of both, the steps of `ingest(..., timings=)`, and what
the run wrote. Run it again for another sample: a second ingest in the same process would
find the modules loaded. With --profile, the ingest call runs under cProfile, its statistics
saved to FILE (the times printed are then the profiler's). Run from the repository root.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.config import load_config
from generator.timings import Timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--seed", help="seed to edit, relative to seeds/ (default: the first)")
    parser.add_argument("--profile", type=Path, help="save cProfile statistics here")
    args = parser.parse_args()
    config = load_config(args.site)
    seed = config.seeds_dir / args.seed if args.seed else min(config.seeds_dir.rglob("*.txt"))
    with seed.open("a", encoding="utf-8") as file:
        file.write("Edited by bench/ingest_edit.py.\n")
    started = time.perf_counter()
    from generator.ingest import ingest

    loaded = time.perf_counter()
    timings = Timings()
    if args.profile:
        import cProfile

        with cProfile.Profile() as profile:
            report = ingest(config, timings=timings)
        profile.dump_stats(args.profile)
    else:
        report = ingest(config, timings=timings)
    done = time.perf_counter()
    print(
        f"ingest of one edit: {done - started:.3f} s (loading generator.ingest "
        f"{loaded - started:.3f} s, ingest() {done - loaded:.3f} s; edited {seed.name})"
    )
    print("steps: " + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in timings.items()))
    print(
        f"written {len(report.written)}, unchanged {len(report.unchanged)}, "
        f"duplicates left out {len(report.duplicates)}, errors {len(report.errors)}"
    )


if __name__ == "__main__":
    main()
