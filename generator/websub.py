"""`newsdesk ping`: tell the WebSub hub which feeds changed since the last ping."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from .atomic import write_atomic
from .config import Config
from .errors import UsageError
from .feeds import FORMATS

TIMEOUT_SECONDS = 15


@dataclass
class PingReport:
    notified: list[str] = field(default_factory=list)  # feed URLs the hub accepted
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def ping(config: Config, everything: bool = False) -> PingReport:
    """POST hub.mode=publish for each feed in output/ whose bytes changed since the last
    successful ping (all of them with `everything`)."""
    hub = config.feeds.websub_hub
    if not hub:
        raise UsageError("newsdesk.toml: feeds.websub_hub is not set; there is no hub to ping")
    state_path = config.work_dir / "websub.json"
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    report = PingReport()
    for path in _feed_files(config):
        relative = path.relative_to(config.output_dir).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if not everything and state.get(relative) == digest:
            report.unchanged += 1
            continue
        url = config.site.url + relative
        problem = _publish(hub, url)
        if problem:
            report.errors.append(f"{url}: {problem}")
        else:
            report.notified.append(url)
            state[relative] = digest
    write_atomic(state_path, json.dumps(state, indent=1, sort_keys=True) + "\n")
    return report


def _feed_files(config: Config) -> list:
    suffixes = tuple(suffix for _, suffix, _ in FORMATS.values())
    roots = [config.output_dir / "feeds", config.output_dir / "newsletter"]
    return sorted(
        p
        for root in roots
        if root.is_dir()
        for p in root.rglob("*")
        if p.name.endswith(suffixes) and p.is_file()
    )


def _publish(hub: str, url: str) -> str | None:
    """One publish notification; the problem as text, or None when the hub accepted it."""
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode()
    request = urllib.request.Request(
        hub,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        return f"the hub answered {error.code} {error.reason}"
    except (urllib.error.URLError, OSError) as error:
        return f"cannot reach the hub: {getattr(error, 'reason', error)}"
    return None if 200 <= status < 300 else f"the hub answered {status}"
