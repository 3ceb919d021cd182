"""Messages per second and peak memory of `newsdesk send` to 10,000 subscribers.

Usage: python bench/send.py [--subscribers N] [--connections C]

Starts aiosmtpd (its Sink handler, which accepts and drops every message) in a subprocess
on 127.0.0.1, makes a temporary site from this repository's seeds, builds it, adds N
confirmed subscribers in one transaction, then runs `python -m generator send` as a
subprocess with no rate limit and prints its messages per second and peak RSS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import build
from generator.config import load_config
from generator.database import open_database, transaction, utc_now

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"the SMTP server did not start on port {port}")


def make_site(root: Path, port: int, subscribers: int, connections: int) -> str:
    """A built demo site with `subscribers` confirmed addresses; returns the latest issue."""
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    (root / "newsdesk.toml").write_text(
        '[subscribers]\nendpoint = "https://news.example.org/subscriptions/"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        f"connections = {connections}\n"
    )
    report = build(load_config(root))
    db = open_database(load_config(root).database_path)
    now = utc_now()
    with transaction(db):
        db.executemany(
            "INSERT INTO subscribers (email, name, status, consent_at, consent_method, "
            "created_at, updated_at, confirmed_at) VALUES (?, ?, 'confirmed', ?, 'bench', ?, ?, ?)",
            ((f"reader{n}@example.org", f"Reader {n}", now, now, now, now)
             for n in range(subscribers)),
        )  # fmt: skip
    db.close()
    return report.site.digests[-1].id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
         "aiosmtpd.handlers.Sink"],
    )  # fmt: skip
    try:
        wait_for(port)
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "site"
            issue = make_site(root, port, args.subscribers, args.connections)
            env = os.environ | {"NEWSDESK_TOKEN_KEY": "bench-" + "k" * 40}
            command = [sys.executable, "-m", "generator", "--site", str(root), "send"]
            started = time.perf_counter()
            sender = subprocess.Popen([*command, "--issue", issue], cwd=REPO, env=env)
            _, status, usage = os.wait4(sender.pid, 0)
            seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    if status != 0:
        raise SystemExit(f"newsdesk send failed (status {status})")
    print(f"subscribers         {args.subscribers:>8}")
    print(f"connections         {args.connections:>8}")
    print(f"seconds             {seconds:>8.2f}  (whole process, start-up included)")
    print(f"messages/second     {args.subscribers / seconds:>8.0f}")
    print(f"peak RSS (MB)       {usage.ru_maxrss / 1024:>8.1f}")


if __name__ == "__main__":
    main()
