"""The newsletter of a real build: the digest command, the issue ledger over rebuilds, and the
e-mail as SpamAssassin and a browser see it."""

import email
import re
import shutil
import subprocess
import tempfile
from email import policy
from pathlib import Path

import pytest

from .conftest import output_files, write_seed
from .servers import CHROMIUM_FLAGS, chromium, serve_folder


def eml(site: Path, issue: str) -> email.message.EmailMessage:
    path = site / "output" / "newsletter" / issue / f"{issue}.eml"
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_digest_prints_where_the_issue_is_and_its_text(demo_site: Path, newsdesk) -> None:
    result = newsdesk("--site", str(demo_site), "digest", "--issue", "2026-W48", "--text")
    assert result.exit_code == 0, result.output
    assert (
        "newsletter 2026-W48: 2 stories → output/newsletter/2026-W48/2026-W48.eml\n"
        "subject: Newsdesk Demo: Rail operator's new app tells passengers where the empty "
        "seats are\n"
    ) in result.output
    text = eml(demo_site, "2026-W48").get_body(("plain",)).get_content()
    assert result.output.endswith(text.replace("\r\n", "\n"))


def test_digest_preview_writes_the_html_part(demo_site: Path, newsdesk) -> None:
    result = newsdesk("--site", str(demo_site), "digest", "--preview")
    assert result.exit_code == 0
    preview = demo_site / ".newsdesk" / "preview" / "2026-W48.html"
    assert "preview: .newsdesk/preview/2026-W48.html" in result.output
    sent = eml(demo_site, "2026-W48").get_body(("html",)).get_content()
    assert preview.read_text() == sent.replace("\r\n", "\n").rstrip("\n")


def test_digest_of_an_unknown_issue_is_a_usage_error(demo_site: Path, newsdesk) -> None:
    result = newsdesk("--site", str(demo_site), "digest", "--issue", "2026-W01")
    assert result.exit_code == 2
    assert result.stderr == "no newsletter issue '2026-W01' (latest: 2026-W47, 2026-W48)\n"


def test_a_sent_issue_stays_as_sent_and_late_stories_go_in_the_next(
    demo_site: Path, newsdesk
) -> None:
    result = newsdesk("--site", str(demo_site), "digest", "--issue", "2026-W47", "--mark-sent")
    assert "newsletter 2026-W47: recorded as sent" in result.output
    sent_copy = (demo_site / "output/newsletter/2026-W47/2026-W47.eml").read_bytes()
    write_seed(
        demo_site,
        "late.txt",
        (
            "Title: Council publishes the ferry fault report\nDate: 2026-11-17 09:00\n\n"
            "The report blames a cooling fault.\n"
        ),
    )
    assert newsdesk("--site", str(demo_site), "build").exit_code == 0
    assert (demo_site / "output/newsletter/2026-W47/2026-W47.eml").read_bytes() == sent_copy
    titles = eml(demo_site, "2026-W48").get_body(("plain",)).get_content()
    assert "Council publishes the ferry fault report" in titles
    again = newsdesk("--site", str(demo_site), "digest", "--issue", "2026-W47", "--mark-sent")
    assert again.exit_code == 2
    assert "newsletter issue 2026-W47 was already sent on 2026-11-18T11:06:40+00:00" in (
        again.stderr
    )


def test_newsletter_pages_list_every_issue(demo_site: Path, newsdesk) -> None:
    newsdesk("--site", str(demo_site), "build")
    index = (demo_site / "output" / "newsletter" / "index.html").read_text()
    assert index.index("/newsletter/2026-W48/") < index.index("/newsletter/2026-W47/")
    page = (demo_site / "output" / "newsletter" / "2026-W48" / "index.html").read_text()
    assert "School orchestra wins national youth prize" in page
    assert 'href="/newsletter/2026-W48/2026-W48.eml"' in page


def test_an_editors_note_appears_on_the_issue_page_and_in_the_mail(
    demo_site: Path, newsdesk
) -> None:
    notes = demo_site / "content" / "newsletter"
    notes.mkdir(parents=True, exist_ok=True)
    (notes / "2026-W48.md").write_text("Welcome to our **first** issue.\n")
    newsdesk("--site", str(demo_site), "build")
    page = (demo_site / "output" / "newsletter" / "2026-W48" / "index.html").read_text()
    assert "<p>Welcome to our <strong>first</strong> issue.</p>" in page
    assert (
        "Welcome to our first issue."
        in eml(demo_site, "2026-W48").get_body(("plain",)).get_content()
    )


@pytest.fixture(scope="module")
def spamassassin() -> str:
    path = shutil.which("spamassassin")
    if not path:
        raise RuntimeError(
            "SpamAssassin is missing: apt-get install -y spamassassin (tests/run does it for you)"
        )
    return path


def test_spamassassin_scores_the_demo_issue_at_most_one(
    demo_site: Path, newsdesk, spamassassin: str
) -> None:
    newsdesk("--site", str(demo_site), "build")
    raw = (demo_site / "output/newsletter/2026-W48/2026-W48.eml").read_bytes()
    checked = subprocess.run(
        [spamassassin, "-L", "-t"], input=raw, capture_output=True, timeout=120, check=False
    ).stdout.decode()
    score = float(re.search(r"X-Spam-Status: \w+, score=(-?[\d.]+)", checked)[1])
    assert score <= 1.0, checked.split("Content analysis details:")[-1]


@pytest.mark.parametrize("width", [375, 600])
def test_the_html_part_fits_narrow_and_wide_screens(demo_site: Path, newsdesk, width: int) -> None:
    newsdesk("--site", str(demo_site), "build")
    html = eml(demo_site, "2026-W48").get_body(("html",)).get_content()
    probe = (
        "<script>document.documentElement.dataset.overflow = String("
        "document.documentElement.scrollWidth > window.innerWidth);</script></body>"
    )
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as profile:
        Path(folder, "mail.html").write_text(html.replace("</body>", probe))
        with serve_folder(Path(folder)) as base:
            common = [
                chromium(),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},900",
                "--hide-scrollbars",
            ]
            dom = subprocess.run(
                [*common, "--dump-dom", base + "mail.html"],
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            ).stdout
            shot = Path(folder, "shot.png")
            subprocess.run(
                [*common, f"--screenshot={shot}", base + "mail.html"],
                capture_output=True,
                timeout=60,
                check=True,
            )
            assert shot.stat().st_size > 5000  # a rendered page, not a blank one
    assert 'data-overflow="false"' in dom
    assert "Rail operator" in dom


def test_newsletter_output_is_deterministic(demo_site: Path, tmp_path: Path, newsdesk) -> None:
    other = tmp_path / "copy"
    shutil.copytree(demo_site, other)
    newsdesk("--site", str(demo_site), "build")
    newsdesk("--site", str(other), "build")
    mine = {k: v for k, v in output_files(demo_site).items() if k.startswith("newsletter/")}
    assert mine == {k: v for k, v in output_files(other).items() if k.startswith("newsletter/")}
    assert (demo_site / "content/newsletter/issues.json").read_bytes() == (
        other / "content/newsletter/issues.json"
    ).read_bytes()


def test_the_html_part_passes_the_nu_html_checker(
    demo_site: Path, newsdesk, tmp_path: Path
) -> None:
    from .webcheck import vnu_errors

    newsdesk("--site", str(demo_site), "build")
    for issue in ("2026-W47", "2026-W48"):
        page = tmp_path / f"{issue}.html"
        page.write_text(eml(demo_site, issue).get_body(("html",)).get_content())
    assert vnu_errors(sorted(tmp_path.glob("*.html")), tmp_path) == []
