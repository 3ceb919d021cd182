"""The checkers the site tests drive: the Nu HTML Checker (vnu.jar, Java) and the browser
jobs of tests/js/browser.mjs (axe-core, screenshots, search) in Debian's Chromium.

tests/run installs them (`npm ci` into tests/js, Java and Chromium from apt)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .servers import CHROMIUM_FLAGS, chromium

TOOLS = Path(__file__).resolve().parent / "js"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _need(what: str, present: bool) -> None:
    if not present:
        raise RuntimeError(f"{what} is missing: run `bash tests/run` (it installs the test tools)")


def vnu_errors(pages: list[Path], root: Path) -> list[str]:
    """Every error the Nu HTML Checker finds in `pages`, as 'path:line: message'."""
    _need("java", shutil.which("java") is not None)
    _need(str(VNU), VNU.is_file())
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m['url'].removeprefix('file:')).relative_to(root)}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
    ]


def browser_job(base_url: str, shots: Path | None = None, **job: object) -> dict:
    """Run tests/js/browser.mjs with one job (see its header) and return its report."""
    _need("node", shutil.which("node") is not None)
    _need("tests/js/node_modules", (TOOLS / "node_modules" / "playwright-core").is_dir())
    flags = [f for f in CHROMIUM_FLAGS if f != "--headless"]  # playwright adds its own
    spec = {"base": base_url, "chromium": chromium(), "flags": flags, **job}
    if shots is not None:
        spec["shots"] = str(shots)
    result = subprocess.run(
        ["node", str(TOOLS / "browser.mjs"), json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"browser.mjs failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)
