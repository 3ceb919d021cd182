"""`newsdesk subscribers`: the SQLite store, import and export, double opt-in links."""

from __future__ import annotations

import csv
import email
import io
import re
import sqlite3
import time
from email import policy
from pathlib import Path

import pytest

from generator.config import load_config
from generator.database import MIGRATIONS, open_database
from generator.errors import ConfigError
from generator.tokens import CONFIRM, UNSUBSCRIBE, TokenError, check_token, make_token

KEY = "test-key-0123456789-0123456789-0123456789"
ENDPOINT = "https://news.example.org/subscriptions/"


@pytest.fixture
def desk(site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site with a subscription endpoint and a token key; mail goes to the outbox."""
    monkeypatch.setenv("NEWSDESK_TOKEN_KEY", KEY)
    (site / "newsdesk.toml").write_text(f'[subscribers]\nendpoint = "{ENDPOINT}"\n')
    return site


def run(newsdesk, site: Path, *args: str):
    return newsdesk("--site", str(site), "subscribers", *args)


def outbox(site: Path) -> list[email.message.EmailMessage]:
    paths = sorted((site / "data" / "outbox").glob("*.eml"))
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in paths]


def test_adding_sends_a_confirmation_link_that_confirms(desk: Path, newsdesk) -> None:
    result = run(newsdesk, desk, "add", " Ann@Example.ORG ", "--name", "Ann")
    assert result.output == "added Ann@example.org (pending)\nsent 1 confirmation mail\n"
    (mail,) = outbox(desk)
    assert mail["To"] == "Ann <Ann@example.org>"
    link = re.search(r"https://\S+", mail.get_content())[0]
    assert link.startswith(ENDPOINT + "confirm?token=")
    token = link.split("token=")[1]
    assert run(newsdesk, desk, "confirm", "--token", token).output == (
        "Ann@example.org: confirmed\n"
    )
    listed = run(newsdesk, desk, "list")
    assert listed.output.startswith("Ann@example.org\tconfirmed\tAnn\n")
    assert "subscribers: 0 pending, 1 confirmed" in listed.output
    exported = list(csv.DictReader(io.StringIO(run(newsdesk, desk, "export").stdout)))
    assert exported[0]["consent_method"] == "followed the confirmation link"
    assert exported[0]["consent_at"]


def test_the_same_address_in_another_case_is_the_same_subscriber(desk: Path, newsdesk) -> None:
    run(newsdesk, desk, "add", "ann@example.org", "--confirmed")
    result = run(newsdesk, desk, "add", "ANN@example.org", "--confirmed")
    assert result.output == "ann@example.org: already a subscriber (confirmed), unchanged\n"


def test_a_forged_or_expired_confirmation_link_is_refused(desk: Path, newsdesk) -> None:
    run(newsdesk, desk, "add", "ann@example.org")
    run(newsdesk, desk, "add", "bob@example.org")
    key = KEY.encode()
    ann = make_token(key, CONFIRM, 1, "ann@example.org", int(time.time()) + 60)
    as_bob = ann.replace("1.", "2.", 1)
    forged = run(newsdesk, desk, "confirm", "--token", as_bob)
    assert (forged.exit_code, forged.stderr) == (2, "this link is not valid (bad signature)\n")
    expired = make_token(key, CONFIRM, 1, "ann@example.org", int(time.time()) - 1)
    late = run(newsdesk, desk, "confirm", "--token", expired)
    assert late.stderr == "this link has expired; subscribe again for a new one\n"
    unsubscribe = make_token(key, UNSUBSCRIBE, 1, "ann@example.org", 0)
    wrong_purpose = run(newsdesk, desk, "confirm", "--token", unsubscribe)
    assert wrong_purpose.stderr == "this link is not valid (bad signature)\n"
    assert "0 confirmed" in run(newsdesk, desk, "list").output


def test_tokens_check_purpose_address_and_expiry() -> None:
    key = b"k" * 32
    token = make_token(key, UNSUBSCRIBE, 7, "ann@example.org", 0)
    check_token(key, token, UNSUBSCRIBE, "ann@example.org", time.time() + 10**9)
    for purpose, address, secret in [
        (CONFIRM, "ann@example.org", key),
        (UNSUBSCRIBE, "bob@example.org", key),
        (UNSUBSCRIBE, "ann@example.org", b"x" * 32),
    ]:
        with pytest.raises(TokenError):
            check_token(secret, token, purpose, address, time.time())
    with pytest.raises(TokenError, match="malformed"):
        check_token(key, token + "x", UNSUBSCRIBE, "ann@example.org", time.time())


def test_an_unsubscribe_link_unsubscribes(desk: Path, newsdesk) -> None:
    run(newsdesk, desk, "add", "ann@example.org", "--confirmed")
    token = make_token(KEY.encode(), UNSUBSCRIBE, 1, "ann@example.org", 0)
    result = run(newsdesk, desk, "unsubscribe", "--token", token)
    assert result.output == "ann@example.org: unsubscribed\n"


def test_double_opt_in_needs_an_endpoint_and_a_key(
    site: Path, newsdesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(newsdesk, site, "add", "ann@example.org")
    assert result.exit_code == 2
    assert result.stderr.startswith("subscribers.endpoint is not set")
    (site / "newsdesk.toml").write_text(f'[subscribers]\nendpoint = "{ENDPOINT}"\n')
    monkeypatch.delenv("NEWSDESK_TOKEN_KEY", raising=False)
    result = run(newsdesk, site, "add", "ann@example.org")
    assert result.stderr.startswith("NEWSDESK_TOKEN_KEY must hold a random secret")
    assert "0 pending" in run(newsdesk, site, "list").output  # nothing was added


def test_an_invalid_address_is_one_line(desk: Path, newsdesk) -> None:
    result = run(newsdesk, desk, "add", "ann@", "--confirmed")
    assert result.exit_code == 2
    assert result.stderr == ("ann@: There must be something after the @-sign.\n")


def test_import_reports_every_invalid_row_and_imports_nothing(desk: Path, newsdesk) -> None:
    path = desk / "readers.csv"
    path.write_text("email,name\nann@example.org,Ann\nnot-an-address,X\nbob@,Bob\n")
    result = run(newsdesk, desk, "import", str(path), "--confirmed")
    assert result.exit_code == 1
    assert f"{path}: line 3: An email address must have an @-sign.\n" in result.stderr
    assert f"{path}: line 4: There must be something after the @-sign.\n" in result.stderr
    assert "nothing imported: 2 invalid rows" in result.stderr
    assert "subscribers: 0 pending, 0 confirmed" in run(newsdesk, desk, "list").output


def test_import_dedupes_and_can_be_repeated(desk: Path, newsdesk) -> None:
    path = desk / "readers.csv"
    path.write_text(
        "Email,Name\nann@example.org,Ann\nANN@example.org,Ann again\nbob@example.org,\n"
    )
    first = run(newsdesk, desk, "import", str(path), "--confirmed")
    assert first.output.endswith("import: 2 added, 0 already present, 0 invalid\n")
    again = run(newsdesk, desk, "import", str(path), "--confirmed")
    assert again.output.endswith("import: 0 added, 2 already present, 0 invalid\n")
    assert "2 confirmed" in run(newsdesk, desk, "list").output


def test_import_without_confirmed_sends_a_confirmation_to_each(desk: Path, newsdesk) -> None:
    path = desk / "readers.csv"
    path.write_text("email\nann@example.org\nbob@example.org\n")
    result = run(newsdesk, desk, "import", str(path))
    assert "sent 2 confirmation mails" in result.output
    assert sorted(m["To"] for m in outbox(desk)) == ["ann@example.org", "bob@example.org"]


def test_export_defuses_spreadsheet_formulas(desk: Path, newsdesk) -> None:
    names = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "Plain"]
    for number, name in enumerate(names):
        run(newsdesk, desk, "add", f"p{number}@example.org", "--name", name, "--confirmed")
    rows = list(csv.DictReader(io.StringIO(run(newsdesk, desk, "export").stdout)))
    assert [r["name"] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "Plain",
    ]


def test_remove_erases_the_subscriber(desk: Path, newsdesk) -> None:
    run(newsdesk, desk, "add", "ann@example.org", "--confirmed")
    assert run(newsdesk, desk, "remove", "ann@example.org").output == "ann@example.org: removed\n"
    assert run(newsdesk, desk, "export").stdout.count("\n") == 1  # the header only
    missing = run(newsdesk, desk, "remove", "ann@example.org")
    assert missing.stderr == "ann@example.org is not a subscriber\n"


def test_the_database_is_private_migrated_and_in_wal_mode(desk: Path, newsdesk) -> None:
    run(newsdesk, desk, "add", "ann@example.org", "--confirmed")
    path = desk / "data" / "newsdesk.sqlite"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    open_database(path).close()  # opening again migrates nothing and keeps the data
    assert "1 confirmed" in run(newsdesk, desk, "list").output


@pytest.mark.parametrize("key", ["subscribers.database", "smtp.outbox"])
@pytest.mark.parametrize("place", ["output/subscribers.sqlite", "./content/x"])
def test_subscriber_data_is_refused_inside_output_or_content(
    site: Path, key: str, place: str
) -> None:
    table, name = key.split(".")
    (site / "newsdesk.toml").write_text(f'[{table}]\n{name} = "{place}"\n')
    with pytest.raises(ConfigError) as error:
        load_config(site)
    folder = place.removeprefix("./").split("/")[0]
    assert str(error.value) == (
        f"newsdesk.toml: {key}: {place!r} is inside {folder}/, which is published or "
        "committed; keep subscriber data elsewhere (such as data/)"
    )


def test_a_spam_complaint_stops_all_mail(desk: Path, newsdesk) -> None:
    for address in ("a@example.org", "b@example.org"):
        assert run(newsdesk, desk, "add", address, "--confirmed").exit_code == 0
    assert run(newsdesk, desk, "complained", "b@example.org").output == (
        "b@example.org: complained\n"
    )
    listed = run(newsdesk, desk, "list", "--status", "confirmed").stdout
    assert listed.startswith("a@example.org\tconfirmed") and "b@example.org" not in listed
    assert "1 confirmed, 0 unsubscribed, 0 bounced, 1 complained" in listed
