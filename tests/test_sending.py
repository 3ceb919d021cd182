"""`newsdesk send` against a real SMTP server on 127.0.0.1: TLS and AUTH, refusals, cut
connections, a killed sender, and the headers every subscriber gets."""

from __future__ import annotations

import email
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from email import policy
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.build import build
from generator.cli import RateColumn
from generator.config import load_config
from generator.database import open_database, transaction, utc_now
from generator.issues import read_ledger
from generator.subscribers import insert
from generator.tokens import UNSUBSCRIBE, TokenError, check_token

from .conftest import EPOCH, REPO
from .smtpserver import PASSWORD, USER, CuttingProxy, Recorder, make_certificate, smtp_server

ISSUE = "2026-W48"
KEY = "test-key-0123456789-0123456789-0123456789"
ENDPOINT = "https://news.example.org/subscriptions/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once: sending needs only its output/ and issue ledger."""
    root = tmp_path_factory.mktemp("built") / "site"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        assert build(load_config(root)).ok
    return root


@pytest.fixture
def newsroom(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the built site, with the secrets in the environment."""
    root = tmp_path / "site"
    shutil.copytree(built, root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.setenv("NEWSDESK_TOKEN_KEY", KEY)
    monkeypatch.setenv("NEWSDESK_SMTP_PASSWORD", PASSWORD)
    return root


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


def configure(site: Path, endpoint: str = ENDPOINT, **smtp: object) -> None:
    lines = ["[subscribers]", f'endpoint = "{endpoint}"', "max_hard_bounces = 1", "[smtp]"]
    settings = {"security": "none", "retry_delay": 0, "timeout": 5} | smtp
    for key, value in settings.items():
        lines.append(f"{key} = {value!r}".replace("'", '"'))
    (site / "newsdesk.toml").write_text("\n".join(lines) + "\n")


def subscribe(site: Path, addresses: Iterable[str], status: str = "confirmed") -> None:
    db = open_database(load_config(site).database_path)
    with transaction(db):
        for address in addresses:
            insert(db, address, "", status, "test", "test", utc_now())
    db.close()


def people(count: int, word: str = "reader") -> list[str]:
    return [f"{word}{n}@example.org" for n in range(count)]


def parsed(raw: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(raw, policy=policy.default)
    assert not message.defects
    return message


def send(newsdesk, site: Path, *options: str):
    return newsdesk("--site", str(site), "send", "--issue", ISSUE, *options)


def test_starttls_and_auth_deliver_one_personal_copy_to_each_confirmed_subscriber(
    newsroom: Path, newsdesk, certificate
) -> None:
    recorder = Recorder()
    with smtp_server(recorder, certificate) as port:
        configure(
            newsroom, host="127.0.0.1", port=port, security="starttls", username=USER,
            ca_file=str(certificate[0]), connections=2,
        )  # fmt: skip
        subscribe(newsroom, people(5))
        subscribe(newsroom, ["waiting@example.org"], "pending")
        subscribe(newsroom, ["gone@example.org"], "unsubscribed")
        result = send(newsdesk, newsroom)
        assert result.exit_code == 0, result.output
        assert "5 sent, 0 failed, 0 skipped, 0 uncertain" in result.output
        assert recorder.counts() == {address: 1 for address in people(5)}
        again = send(newsdesk, newsroom)
    assert again.exit_code == 0
    assert again.output == (
        f"newsletter {ISSUE}: already sent (5 sent, 0 failed, 0 skipped, 0 uncertain); "
        "nothing to do\n"
    )
    assert ISSUE in read_ledger(load_config(newsroom)).sent
    ids = {parsed(raw)["Message-ID"] for _, raw in recorder.messages}
    assert len(ids) == 5


def test_every_message_carries_its_own_one_click_unsubscribe_link(newsroom: Path, newsdesk) -> None:
    recorder = Recorder()
    with smtp_server(recorder) as port:
        configure(newsroom, host="127.0.0.1", port=port)
        subscribe(newsroom, people(3))
        assert send(newsdesk, newsroom).exit_code == 0
    key = KEY.encode()
    tokens = {}
    for address, raw in recorder.messages:
        message = parsed(raw)
        assert message["To"] == address
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        header = message["List-Unsubscribe"]
        assert re.fullmatch(r"<https://[^<>\s]+>", header), header
        url = header[1:-1]
        assert url.startswith(ENDPOINT + "unsubscribe?token=")
        assert f"Unsubscribe: {url}" in message.get_body(("plain",)).get_content()
        assert f'href="{url}"' in message.get_body(("html",)).get_content()
        assert "newsletter/#unsubscribe" not in str(message.get_body(("html",)))
        tokens[address] = parse_qs(urlsplit(url).query)["token"][0]
        check_token(key, tokens[address], UNSUBSCRIBE, address, time.time())
    # One subscriber's link cannot be turned into another's: not by changing the id it names,
    # nor by presenting it for another address.
    first, second = people(2)
    forged = tokens[first].replace("1.", "2.", 1)
    with pytest.raises(TokenError):
        check_token(key, forged, UNSUBSCRIBE, second, time.time())
    with pytest.raises(TokenError):
        check_token(key, tokens[first], UNSUBSCRIBE, second, time.time())


def test_without_an_endpoint_unsubscribing_is_a_mailto_without_one_click(
    newsroom: Path, newsdesk
) -> None:
    configure(newsroom, endpoint="")
    subscribe(newsroom, people(1))
    assert send(newsdesk, newsroom).exit_code == 0
    (path,) = (newsroom / "data" / "outbox").glob("*.eml")
    message = parsed(path.read_bytes())
    assert message["List-Unsubscribe"] == "<mailto:newsletter@localhost?subject=unsubscribe>"
    assert message["List-Unsubscribe-Post"] is None


def test_implicit_tls_with_auth(newsroom: Path, newsdesk, certificate) -> None:
    recorder = Recorder()
    with smtp_server(recorder, certificate, implicit_tls=True) as port:
        configure(
            newsroom, host="127.0.0.1", port=port, security="tls", username=USER,
            ca_file=str(certificate[0]),
        )  # fmt: skip
        subscribe(newsroom, people(2))
        assert send(newsdesk, newsroom).exit_code == 0
    assert recorder.counts() == {address: 1 for address in people(2)}
    assert recorder.authenticated == [True, True]


def test_a_refused_login_stops_the_send_and_a_later_run_sends_everything(
    newsroom: Path, newsdesk, certificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = Recorder()
    with smtp_server(recorder, certificate) as port:
        configure(
            newsroom, host="127.0.0.1", port=port, security="starttls", username=USER,
            ca_file=str(certificate[0]),
        )  # fmt: skip
        subscribe(newsroom, people(3))
        monkeypatch.setenv("NEWSDESK_SMTP_PASSWORD", "wrong")
        refused = send(newsdesk, newsroom)
        assert refused.exit_code == 1
        assert refused.stderr.startswith(f"smtp: 127.0.0.1:{port}: login refused: 535")
        assert "unsent messages stay queued: run newsdesk send again" in refused.stderr
        assert recorder.counts() == {}
        monkeypatch.setenv("NEWSDESK_SMTP_PASSWORD", PASSWORD)
        assert send(newsdesk, newsroom).exit_code == 0
    assert recorder.counts() == {address: 1 for address in people(3)}


def test_the_password_comes_only_from_the_environment(newsroom: Path, newsdesk, monkeypatch):
    configure(newsroom, host="127.0.0.1", port=1, security="starttls", username=USER)
    monkeypatch.delenv("NEWSDESK_SMTP_PASSWORD")
    result = send(newsdesk, newsroom)
    assert result.exit_code == 2
    assert result.stderr == (
        "smtp.username is set but the environment variable NEWSDESK_SMTP_PASSWORD "
        "(smtp.password_env) holding the password is empty\n"
    )


def test_temporary_refusals_are_retried_and_permanent_ones_fail_at_once(
    newsroom: Path, newsdesk
) -> None:
    recorder = Recorder()
    fine, deferred, busy, rejected = (
        people(3),
        ["defer@example.org"],
        ["busy@example.org"],
        ["reject@example.org"],
    )
    with smtp_server(recorder) as port:
        configure(newsroom, host="127.0.0.1", port=port, connections=2)
        subscribe(newsroom, fine + deferred + busy + rejected)
        result = send(newsdesk, newsroom)
    assert result.exit_code == 1
    assert recorder.counts() == {address: 1 for address in fine + deferred + busy}
    assert recorder.tries["defer@example.org"] == 3
    assert recorder.tries["busy@example.org"] == 2
    assert recorder.tries["reject@example.org"] == 1  # a 5xx is never retried
    assert (
        "failed: reject@example.org: 550 5.1.1 <reject@example.org>: no such user\n"
        in result.stderr
    )
    assert "5 sent, 1 failed, 0 skipped, 0 uncertain" in result.output
    listed = newsdesk("--site", str(newsroom), "subscribers", "list", "--status", "bounced")
    assert listed.output.startswith("reject@example.org\tbounced")


def test_a_retry_waits_its_delay_then_delivers(newsroom: Path, newsdesk) -> None:
    recorder = Recorder()
    with smtp_server(recorder) as port:
        configure(newsroom, host="127.0.0.1", port=port, retry_delay=1)
        subscribe(newsroom, ["busy@example.org"])
        start = time.monotonic()
        result = send(newsdesk, newsroom)
    assert result.exit_code == 0
    assert time.monotonic() - start >= 1.0
    assert recorder.counts() == {"busy@example.org": 1}


def test_a_message_still_refused_after_all_retries_fails(newsroom: Path, newsdesk) -> None:
    recorder = Recorder()
    with smtp_server(recorder) as port:
        configure(newsroom, host="127.0.0.1", port=port, retries=2)
        subscribe(newsroom, ["defer@example.org"])
        result = send(newsdesk, newsroom)
    assert result.exit_code == 1
    assert "failed: defer@example.org: gave up after 2 attempts: 451 4.3.0 try again later" in (
        result.stderr
    )
    listed = newsdesk("--site", str(newsroom), "subscribers", "list", "--status", "confirmed")
    assert "defer@example.org" in listed.output  # a temporary refusal is no bounce


def test_a_connection_cut_before_the_message_ends_is_retried(newsroom: Path, newsdesk) -> None:
    recorder = Recorder()
    with smtp_server(recorder) as port:
        proxy = CuttingProxy(port, "reader1@", "on-data")
        configure(newsroom, host="127.0.0.1", port=proxy.port)
        subscribe(newsroom, people(3))
        result = send(newsdesk, newsroom)
        proxy.close()
    assert proxy.cuts == 1
    assert result.exit_code == 0, result.output
    assert recorder.counts() == {address: 1 for address in people(3)}


def test_a_connection_reset_mid_message_never_gives_two_copies(newsroom: Path, newsdesk) -> None:
    """Whether the client had written the whole message when the reset came decides: if not,
    it retries (one copy); if so, it cannot know, and reports the message uncertain (here the
    server discarded the partial message: no copy, and none sent again)."""
    recorder = Recorder()
    with smtp_server(recorder) as port:
        proxy = CuttingProxy(port, "reader1@", "mid-message")
        configure(newsroom, host="127.0.0.1", port=proxy.port)
        subscribe(newsroom, people(3))
        result = send(newsdesk, newsroom)
        again = send(newsdesk, newsroom)
        proxy.close()
    assert proxy.cuts == 1
    uncertain = "uncertain: reader1@example.org" in result.stderr
    counts = recorder.counts()
    assert {address: counts[address] for address in people(3)} == {
        "reader0@example.org": 1, "reader1@example.org": 0 if uncertain else 1,
        "reader2@example.org": 1,
    }  # fmt: skip
    assert "nothing to do" in again.output


def test_a_connection_cut_after_the_message_ended_is_uncertain_and_not_resent(
    newsroom: Path, newsdesk
) -> None:
    recorder = Recorder()
    with smtp_server(recorder) as port:
        proxy = CuttingProxy(port, "reader1@", "after-end")
        configure(newsroom, host="127.0.0.1", port=proxy.port)
        subscribe(newsroom, people(3))
        result = send(newsdesk, newsroom)
        assert proxy.cuts == 1
        assert result.exit_code == 1
        assert "uncertain: reader1@example.org: no reply after the whole message was sent" in (
            result.stderr
        )
        assert "2 sent, 0 failed, 0 skipped, 1 uncertain" in result.output
        again = send(newsdesk, newsroom)
        assert "nothing to do" in again.output
        time.sleep(0.2)
        assert recorder.counts() == {address: 1 for address in people(3)}
        resent = send(newsdesk, newsroom, "--resend-uncertain")
        proxy.close()
    assert resent.exit_code == 0
    assert recorder.counts()["reader1@example.org"] == 2  # asked for: a second copy


def test_a_killed_send_resumes_and_everyone_gets_exactly_one_copy(newsroom: Path, newsdesk) -> None:
    recorder = Recorder(delay=0.02)
    everyone = people(60)
    with smtp_server(recorder) as port:
        configure(newsroom, host="127.0.0.1", port=port, connections=3)
        subscribe(newsroom, everyone)
        command = [sys.executable, "-m", "generator", "--site", str(newsroom), "send"]
        command += ["--issue", ISSUE]
        process = subprocess.Popen(command, cwd=REPO, env=os.environ.copy())
        deadline = time.monotonic() + 30
        while sum(recorder.counts().values()) < 20 and time.monotonic() < deadline:
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert 20 <= sum(recorder.counts().values()) < 60
        result = send(newsdesk, newsroom)
    uncertain = re.findall(r"^uncertain: (\S+):", result.stderr, re.MULTILINE)
    assert len(uncertain) <= 3  # at most one per connection
    counts = recorder.counts()
    for address in everyone:
        assert counts[address] == 1 or (address in uncertain and counts[address] <= 1), address
    assert f"{60 - len(uncertain)} sent, 0 failed, 0 skipped, {len(uncertain)} uncertain" in (
        result.output
    )


def test_outbox_dry_run_and_test_copy(newsroom: Path, newsdesk) -> None:
    configure(newsroom)
    subscribe(newsroom, people(3))
    dry = send(newsdesk, newsroom, "--dry-run")
    assert dry.output == f"newsletter {ISSUE}: dry run: 3 messages would be sent\n"
    assert not (newsroom / "data" / "outbox").exists()
    assert ISSUE not in read_ledger(load_config(newsroom)).sent
    test = send(newsdesk, newsroom, "--test-to", "editor@example.org")
    assert test.exit_code == 0
    (copy,) = (newsroom / "data" / "outbox").glob("*.eml")
    assert parsed(copy.read_bytes())["To"] == "editor@example.org"
    copy.unlink()
    assert send(newsdesk, newsroom).exit_code == 0
    outbox = sorted((newsroom / "data" / "outbox").glob("*.eml"))
    assert sorted(parsed(p.read_bytes())["To"] for p in outbox) == people(3)
    assert {oct(p.stat().st_mode & 0o777) for p in outbox} == {"0o600"}


def test_people_who_confirm_after_a_send_began_need_include_new(newsroom: Path, newsdesk) -> None:
    configure(newsroom)
    subscribe(newsroom, people(2))
    send(newsdesk, newsroom)
    subscribe(newsroom, ["late@example.org"])
    assert "nothing to do" in send(newsdesk, newsroom).output
    later = send(newsdesk, newsroom, "--include-new")
    assert "1 sent now" in later.output
    assert len(list((newsroom / "data" / "outbox").glob("*.eml"))) == 3


def test_the_rate_limit_paces_messages(newsroom: Path, newsdesk) -> None:
    recorder = Recorder()
    with smtp_server(recorder) as port:
        configure(newsroom, host="127.0.0.1", port=port, rate_per_second=20)
        subscribe(newsroom, people(11))
        start = time.monotonic()
        assert send(newsdesk, newsroom).exit_code == 0
    assert time.monotonic() - start >= 0.5  # 11 messages at 20/s: 10 intervals


def test_an_issue_without_an_unsubscribe_link_is_not_sent(newsroom: Path, newsdesk) -> None:
    configure(newsroom)
    subscribe(newsroom, people(1))
    eml = newsroom / "output" / "newsletter" / ISSUE / f"{ISSUE}.eml"
    link = b"Unsubscribe: http://localhost:8000/newsletter/#unsubscribe"
    assert link in eml.read_bytes()
    eml.write_bytes(eml.read_bytes().replace(link, b"Unsubscribe: write to us"))
    result = send(newsdesk, newsroom)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"newsletter issue {ISSUE}: its e-mail has no unsubscribe")
    assert not (newsroom / "data" / "outbox").exists()


def test_an_issue_sent_by_other_means_is_not_sent_again(newsroom: Path, newsdesk) -> None:
    configure(newsroom)
    subscribe(newsroom, people(1))
    newsdesk("--site", str(newsroom), "digest", "--issue", ISSUE, "--mark-sent")
    result = send(newsdesk, newsroom)
    assert result.exit_code == 2
    assert "by other means (newsdesk digest --mark-sent); not sending it again" in result.stderr


def test_the_progress_bar_of_a_send_shows_the_rate() -> None:
    assert str(RateColumn().render(SimpleNamespace(speed=212.4))) == "212/s"


def test_no_subscriber_address_ever_appears_under_output(newsroom: Path, newsdesk) -> None:
    configure(newsroom)
    subscribe(newsroom, people(4))
    send(newsdesk, newsroom)
    send(newsdesk, newsroom, "--test-to", "editor@example.org")
    assert newsdesk("--site", str(newsroom), "build").exit_code == 0
    for path in (newsroom / "output").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for address in [*people(4), "editor@example.org"]:
                assert address.encode() not in data, path
