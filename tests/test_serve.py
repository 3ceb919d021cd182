"""`newsdesk serve` in a real subprocess: rebuilds on change, reloads tabs, survives errors."""

import http.client
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import EPOCH, REPO, write_seed

SEED = "business/2026-11-18-harbour-ferry.txt"


@pytest.fixture
def server(demo_site: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--site", str(demo_site), "serve", "--port", "0"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = ""
    for line in process.stderr:
        if line.startswith("serving "):
            break
    base = re.search(r"http://127\.0\.0\.1:\d+/", line)[0]
    yield base, process
    process.terminate()
    process.wait(timeout=10)
    process.stderr.close()


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def wait_for(condition, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s")


def test_served_pages_reload_but_output_stays_clean(demo_site: Path, server) -> None:
    base, _ = server
    page = get(base)
    assert 'new EventSource("/__newsdesk/events")' in page
    assert "EventSource" not in (demo_site / "output" / "index.html").read_text()
    assert get(base + "theme/css/site.css").startswith("/* newsdesk default theme")


def test_an_edited_seed_is_soon_on_the_served_page(demo_site: Path, server) -> None:
    # Typically about one second here (poll 0.3 s + rebuild); the bound leaves room for a
    # loaded CI machine, since a timed test must not fail on a slow day.
    base, _ = server
    article = base + "business/harbour-ferry-returns-after-six-month-repair/"
    assert "The ferry now runs every hour." not in get(article)
    with (demo_site / "seeds" / SEED).open("a") as seed:
        seed.write("\nThe ferry now runs every hour.\n")
    wait_for(lambda: "The ferry now runs every hour." in get(article), 5.0)


def test_a_rebuild_remakes_only_the_pages_the_edit_touches(demo_site: Path, server) -> None:
    _, process = server
    untouched = demo_site / "output" / "newsletter" / "index.html"
    stamp = untouched.stat().st_mtime_ns
    with (demo_site / "seeds" / SEED).open("a") as seed:
        seed.write("\nThe ferry now runs every hour.\n")
    line = ""
    while not line.startswith("rebuilt in"):
        line = process.stderr.readline()
        assert line, "the server stopped"
    made, kept = map(int, re.search(r"(\d+) pages made, (\d+) kept", line).groups())
    assert 0 < made < kept, line
    assert untouched.stat().st_mtime_ns == stamp


def test_open_tabs_are_told_to_reload(demo_site: Path, server) -> None:
    base, _ = server
    connection = http.client.HTTPConnection(base.split("/")[2], timeout=10)
    connection.request("GET", "/__newsdesk/events")
    stream = connection.getresponse()
    assert stream.getheader("Content-Type") == "text/event-stream"
    write_seed(demo_site, "new.txt", "The museum reopened on Monday after a long repair.\n")
    assert stream.fp.readline() == b"event: reload\n"
    connection.close()


def test_a_broken_seed_is_reported_and_the_server_keeps_going(demo_site: Path, server) -> None:
    base, process = server
    write_seed(demo_site, "broken.txt", b"\x00\x01")

    def failure_announced() -> bool:
        """A new event stream opens with the failure once the rebuild has failed; before
        that it stays silent, so give up on it after a moment and ask again."""
        connection = http.client.HTTPConnection(base.split("/")[2], timeout=2)
        try:
            connection.request("GET", "/__newsdesk/events")
            stream = connection.getresponse()
            return stream.fp.readline() == b"event: failed\n"
        except TimeoutError:
            return False
        finally:
            connection.close()

    wait_for(failure_announced, 15.0)
    assert process.poll() is None
    assert "Harbour ferry" in get(base)
    error_line = next(line for line in process.stderr if "broken.txt" in line)
    assert error_line.endswith("broken.txt: binary file, not text (contains NUL bytes)\n")


def test_a_browser_tab_reloads_itself_after_an_edit(demo_site: Path, server) -> None:
    from .webcheck import browser_job

    base, _ = server
    report = browser_job(
        base,
        reload={
            "path": "business/harbour-ferry-returns-after-six-month-repair/",
            "file": str(demo_site / "seeds" / SEED),
            "append": "\nThe ferry now runs every hour.\n",
            "expect": "The ferry now runs every hour.",
        },
    )
    assert report["reload"]["reloaded"] and report["reload"]["found"]
    assert report["reload"]["seconds"] < 5
    assert report["errors"] == [] and report["foreign"] == []
