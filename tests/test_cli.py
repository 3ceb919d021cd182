"""The command line, the README and the package as users get them."""

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from generator import __version__
from generator.cli import cli

from .conftest import REPO, articles_in


def test_version(newsdesk) -> None:
    result = newsdesk("--version")
    assert result.output == f"newsdesk, version {__version__}\n"


def test_every_command_has_help_with_an_example(newsdesk) -> None:
    for name in cli.commands:
        result = newsdesk(name, "--help")
        assert result.exit_code == 0
        assert "Example: newsdesk" in result.output, name


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    for name in cli.commands:
        assert f"`newsdesk {name}" in readme, name


def test_init_creates_a_site_that_builds(tmp_path: Path, newsdesk, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    folder = tmp_path / "paper"
    result = newsdesk("init", str(folder), "--title", "The Example Gazette")
    assert result.exit_code == 0
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "newsdesk.toml",
        "seeds/welcome.txt",
    ]
    assert 'title = "The Example Gazette"' in (folder / "newsdesk.toml").read_text()
    result = newsdesk("--site", str(folder), "build")
    assert result.exit_code == 0, result.output
    assert "The Example Gazette" in (folder / "output" / "index.html").read_text()
    assert "Welcome to your newsdesk" in (folder / "output" / "index.html").read_text()


def test_init_refuses_an_existing_site(tmp_path: Path, newsdesk) -> None:
    (tmp_path / "newsdesk.toml").write_text("")
    result = newsdesk("init", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'newsdesk.toml'}: already exists; not overwriting it\n"


def test_ingest_only_writes_content(site: Path, newsdesk) -> None:
    (site / "seeds" / "a.txt").write_text("The council met on Monday to discuss the harbour.\n")
    result = newsdesk("--site", str(site), "ingest")
    assert result.exit_code == 0
    assert result.output == "ingest: 1 written, 0 unchanged, 0 kept, 0 removed, 0 failed\n"
    assert len(articles_in(site)) == 1
    assert not (site / "output").exists()


def test_missing_site_folder_is_a_usage_error(tmp_path: Path, newsdesk) -> None:
    result = newsdesk("--site", str(tmp_path / "nope"), "build")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope'}: no such site folder\n"


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--version"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert result.stdout == f"newsdesk, version {__version__}\n"


def test_the_wheel_carries_the_theme(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("newsdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {str(p.relative_to(REPO)) for p in (REPO / "theme").rglob("*") if p.is_file()}
    assert {f"generator/{name}" for name in theme} <= names
    assert "generator/py.typed" in names
    assert not [n for n in names if re.match(r"(seeds|content|tests)/", n)]


def test_code_is_formatted_and_lint_free() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command],
            cwd=REPO,
            capture_output=True,
            text=True,
            env=env,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_bad_source_date_epoch_is_a_usage_error(site: Path, newsdesk, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1.5e9")
    result = newsdesk("--site", str(site), "ingest")
    assert result.exit_code == 2
    assert result.stderr == (
        "SOURCE_DATE_EPOCH: expected whole seconds since 1970 (up to 221845392000), got '1.5e9'\n"
    )


def test_init_writes_valid_toml_whatever_the_title(tmp_path: Path, newsdesk) -> None:
    title = 'Back\\slash "quoted"\nnew line – Café'
    assert newsdesk("init", str(tmp_path / "x"), "--title", title).exit_code == 0
    from generator.config import load_config

    assert load_config(tmp_path / "x").site.title == title


def test_configuration_reference_matches_the_schema() -> None:
    from generator.configdoc import config_reference

    assert (REPO / "docs" / "configuration.md").read_text() == config_reference(), (
        "docs/configuration.md is stale: run python -m generator.configdoc > docs/configuration.md"
    )


def test_quiet_prints_only_errors_and_summaries(demo_site: Path, newsdesk) -> None:
    (demo_site / "seeds" / "bad.txt").write_bytes(b"\x00")
    result = newsdesk("--site", str(demo_site), "--quiet", "build")
    lines = result.stdout.splitlines()
    assert lines[0] == "ingest: 8 written, 0 unchanged, 0 kept, 0 removed, 1 failed"
    assert re.fullmatch(
        r"site: 8 articles, 2 newsletter issues → output/ \(\d+ files? updated, "
        r"0 removed; \d+ pages made, 0 kept\)",
        lines[1],
    )
    assert len(lines) == 2
    assert result.stderr == "seeds/bad.txt: binary file, not text (contains NUL bytes)\n"


def test_verbose_lists_every_file_written(demo_site: Path, newsdesk) -> None:
    result = newsdesk("--site", str(demo_site), "--verbose", "ingest")
    written = [line for line in result.stdout.splitlines() if line.endswith(": written")]
    assert len(written) == 8
    assert "content/culture/school-orchestra-wins-national-youth-prize.md: written" in written


def run_on_a_terminal(site: Path, env: dict[str, str]) -> bytes:
    """Run `newsdesk ingest` with a pseudo-terminal as its output; return what it drew."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--site", str(site), "ingest"],
        stdout=terminal,
        stderr=terminal,
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if k != "NO_COLOR"},
            "TERM": "xterm-256color",
            "COLUMNS": "100",
            **env,
        },
    )
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    process.wait(timeout=30)
    os.close(controller)
    return drawn


def test_a_terminal_gets_a_progress_bar_in_colour_unless_no_color(demo_site: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1795000000"}
    drawn = run_on_a_terminal(demo_site, env)
    assert b"ingest" in drawn and b"7/7" in drawn
    assert re.search(rb"\x1b\[[0-9;]*3\dm", drawn)  # a foreground colour
    plain = run_on_a_terminal(demo_site, {**env, "NO_COLOR": "1"})
    assert b"7/7" in plain
    assert not re.search(rb"\x1b\[[0-9;]*3\dm", plain)


def test_the_docs_link_to_files_that_exist() -> None:
    for page in [REPO / "README.md", *(REPO / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(((?!https?:|#)[^)#]+)", page.read_text()):
            assert (page.parent / target).is_file(), (page.name, target)


def test_build_timings_name_each_stage_and_what_render_made(demo_site: Path, newsdesk) -> None:
    result = newsdesk("--site", str(demo_site), "--quiet", "build", "--timings")
    line = next(x for x in result.output.splitlines() if x.startswith("timings: "))
    for stage in ("ingest", "read", "queue", "search", "render", "publish"):
        assert re.search(rf"\b{stage} \d+\.\d\d s \(\d+ MB\)", line), (stage, line)
    assert re.search(r"render CPU: digests \d+\.\d\d s, feeds \d+\.\d\d s, pages \d", line), line
