"""Load on the subscription service: many sign-ups from concurrent clients, on 127.0.0.1.

Usage: python bench/signups.py [--signups 2000] [--clients 20]

Starts `newsdesk serve-subscriptions` for a temporary site (confirmation mails go to its
outbox folder), sends the sign-ups from concurrent clients (each sign-up as a different
reader: its own address, and its own client address in X-Forwarded-For, as a reverse proxy
would pass it), then checks that none was lost or duplicated and prints requests/second and
latency percentiles.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def client(port: int, numbers: list[int], latencies: list[float], failures: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for number in numbers:
        body = f"email=reader{number}%40example.org&name=Reader+{number}"
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": f"10.{number // 65536}.{number // 256 % 256}.{number % 256}",
        }
        started = time.perf_counter()
        connection.request("POST", "/subscribe", body, headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            failures.append(f"reader{number}: {response.status}")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signups", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site, port = Path(folder), free_port()
        (site / "newsdesk.toml").write_text(
            f'[subscribers]\nendpoint = "http://127.0.0.1:{port}/"\n'
        )
        env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSDESK_TOKEN_KEY": "k" * 40}
        service = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "--site",
                str(site),
                "serve-subscriptions",
                "--port",
                str(port),
            ],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            latencies: list[float] = []
            failures: list[str] = []
            shares = [list(range(i, args.signups, args.clients)) for i in range(args.clients)]
            threads = [
                threading.Thread(target=client, args=(port, share, latencies, failures))
                for share in shares
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            service.terminate()
            service.wait(timeout=10)
        db = sqlite3.connect(site / "data" / "newsdesk.sqlite")
        stored = db.execute("SELECT COUNT(*), COUNT(DISTINCT email) FROM subscribers").fetchone()
        mails = len(list((site / "data" / "outbox").glob("*.eml")))
    cuts = statistics.quantiles(latencies, n=100)
    print(f"sign-ups sent          {args.signups:>8} from {args.clients} clients")
    print(f"failed answers         {len(failures):>8}")
    print(f"subscribers stored     {stored[0]:>8} ({stored[1]} distinct)")
    print(f"confirmation mails     {mails:>8}")
    print(f"requests per second    {args.signups / elapsed:>8.0f}")
    print(f"latency p50 / p99 ms   {cuts[49] * 1000:>8.1f} / {cuts[98] * 1000:.1f}")


if __name__ == "__main__":
    main()
