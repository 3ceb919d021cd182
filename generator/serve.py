"""`newsdesk serve`: build, serve output/ on 127.0.0.1, rebuild on change, reload open tabs.

The live-reload script is added to HTML responses by this server only; output/ never
contains it. A failed rebuild is shown in the terminal and in the page, and the server keeps
serving the last good build.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build import BuildReport, build
from .config import CONFIG_NAME, Config, load_config
from .errors import NewsdeskError

EVENTS_PATH = "/__newsdesk/events"
POLL_SECONDS = 0.3
RELOAD_SCRIPT = b"""<script>
(function () {
  var source = new EventSource("%s");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (event) {
    var box = document.getElementById("newsdesk-error") || document.createElement("pre");
    box.id = "newsdesk-error";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;margin:0;padding:1em;z-index:99999;" +
      "background:#7f1d1d;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap";
    box.textContent = "newsdesk: the last rebuild failed\\n" + JSON.parse(event.data);
    document.body.appendChild(box);
  });
})();
</script>
"""


class BuildState:
    """The outcome of the latest build, and a condition that wakes the event streams."""

    def __init__(self) -> None:
        self.version = 0
        self.error = ""
        self.changed = threading.Condition()

    def publish(self, error: str) -> None:
        with self.changed:
            self.version += 1
            self.error = error
            self.changed.notify_all()

    def wait_after(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout=timeout)
            return self.version


def watched_files(config: Config) -> Iterator[Path]:
    yield config.root / CONFIG_NAME
    for folder in (config.seeds_dir, config.content_dir, config.root / "theme"):
        if folder.is_dir():
            for root, dirs, files in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (Path(root) / name for name in sorted(files) if not name.startswith("."))


def snapshot(config: Config) -> dict[Path, tuple[int, int]]:
    """(mtime, size) of every watched file: a change of either means rebuild."""
    stamps = {}
    for path in watched_files(config):
        try:
            info = path.stat()
        except OSError:
            continue
        stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def rebuild(root: Path, say: Callable[[str], None]) -> str:
    """Build once; the error text, or '' on success. Never raises."""
    started = time.monotonic()
    try:
        report: BuildReport = build(load_config(root))
    except NewsdeskError as error:
        say(f"rebuild failed: {error}")
        return str(error)
    problems = [str(e) for e in report.ingest.errors] + report.site.errors
    for problem in problems:
        say(problem)
    render = report.site.render
    pages = f"{render.rendered} pages made, {render.kept} kept; " if render else ""
    say(
        f"rebuilt in {time.monotonic() - started:.2f} s: {pages}"
        f"{report.files_updated} files updated, {report.files_removed} removed"
    )
    return "\n".join(problems)


def watch(
    root: Path,
    state: BuildState,
    say: Callable[[str], None],
    stop: threading.Event,
    seen: dict[Path, tuple[int, int]],
) -> None:
    """Poll the watched files; rebuild and notify on a change from `seen`. Polling needs no
    extra library and costs milliseconds even for thousands of seeds."""
    config = load_config(root)
    while not stop.wait(POLL_SECONDS):
        with contextlib.suppress(NewsdeskError):  # the rebuild reports a bad config
            config = load_config(root)
        if snapshot(config) != seen:
            error = rebuild(root, say)
            seen = snapshot(config)  # what the build itself wrote to content/ is no change
            state.publish(error)


class LiveHandler(SimpleHTTPRequestHandler):
    state: BuildState

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == EVENTS_PATH:
            self._events()
        elif self.path.split("?")[0].endswith((".html", "/")):
            self._html()
        else:
            super().do_GET()

    def _html(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            path = Path(self.directory) / "404.html"
            status = HTTPStatus.NOT_FOUND
        else:
            status = HTTPStatus.OK
        body = path.read_bytes() if path.is_file() else b"<!doctype html><title>404</title>"
        body = body.replace(b"</body>", RELOAD_SCRIPT % EVENTS_PATH.encode() + b"</body>", 1)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version = self.state.version
        if self.state.error:
            self._send("failed", self.state.error)
        try:
            while True:
                latest = self.state.wait_after(version, timeout=15)
                if latest == version:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    # Reload even after a partial failure: the reloaded page's own stream
                    # then shows what failed.
                    self._send("reload", "")
                self.wfile.flush()
                version = latest
        except (BrokenPipeError, ConnectionResetError):
            return

    def _send(self, event: str, data: str) -> None:
        self.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()


def serve(root: Path, host: str, port: int, say: Callable[[str], None]) -> None:
    """Build, then serve until interrupted."""
    state = BuildState()
    state.error = rebuild(root, say)
    output = load_config(root).output_dir
    output.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (LiveHandler,), {"state": state})
    server = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(output)))
    server.daemon_threads = True
    stop = threading.Event()
    # The files as the first build left them, taken before "serving" is announced: an edit
    # made as soon as the server answers is then always seen as a change.
    seen = snapshot(load_config(root))
    watcher = threading.Thread(target=watch, args=(root, state, say, stop, seen), daemon=True)
    watcher.start()
    say(f"serving http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        stop.set()
        server.server_close()
