"""The subscription service, run by uvicorn on 127.0.0.1 and spoken to over real HTTP."""

import email
import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email import policy
from pathlib import Path

import pytest
import uvicorn

from generator.config import load_config
from generator.database import open_database
from generator.subscribers import find
from generator.tokens import UNSUBSCRIBE, make_token
from generator.webapp import SECURITY_HEADERS, SIGNUPS_PER_WINDOW, create_app

KEY = "test-key-0123456789abcdef-0123456789abcdef"
ENDPOINT = "https://news.example.org/subscriptions/"


@pytest.fixture
def service(site: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """(base URL, site folder) of a running service; mail goes to the site's outbox."""
    monkeypatch.setenv("NEWSDESK_TOKEN_KEY", KEY)
    (site / "newsdesk.toml").write_text(f'[subscribers]\nendpoint = "{ENDPOINT}"\n')
    server = uvicorn.Server(
        uvicorn.Config(create_app(load_config(site)), host="127.0.0.1", port=0, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/", site
    server.should_exit = True
    thread.join(timeout=10)


def call(url: str, data: bytes | None = None, accept: str = "text/html"):
    """(status, headers, body) of one real HTTP request."""
    request = urllib.request.Request(url, data=data, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def outbox(site: Path) -> list[email.message.EmailMessage]:
    paths = sorted((site / "data" / "outbox").glob("*.eml"))
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in paths]


def status_of(site: Path, address: str) -> str | None:
    db = open_database(load_config(site).database_path)
    try:
        found = find(db, address)
        return found.status if found else None
    finally:
        db.close()


def token_in(message: email.message.EmailMessage) -> str:
    return re.search(r"confirm\?token=(\S+)", message.get_content())[1]


def test_sign_up_then_confirm_by_the_emailed_link(service) -> None:
    base, site = service
    status, _, page = call(base + "subscribe", b"email=Reader%40Example.org&name=Ann")
    assert status == 200 and "Check your inbox" in page
    (mail,) = outbox(site)
    assert status_of(site, "Reader@example.org") == "pending"
    for _ in range(2):  # confirming twice is harmless
        status, _, page = call(base + "confirm?token=" + token_in(mail))
        assert status == 200 and "<h1>Subscribed</h1>" in page
    assert status_of(site, "Reader@example.org") == "confirmed"


def test_the_answer_never_tells_who_is_subscribed(service) -> None:
    base, site = service
    answers = set()
    for _ in range(3):  # new, then pending, then confirmed
        answers.add(call(base + "subscribe", b"email=a%40example.org", "application/json")[2])
        if status_of(site, "a@example.org") == "pending" and len(outbox(site)) == 2:
            call(base + "confirm?token=" + token_in(outbox(site)[-1]))
    assert len(answers) == 1
    assert json.loads(answers.pop())["title"] == "Check your inbox"


def test_forged_and_expired_tokens_change_nothing(service) -> None:
    base, site = service
    call(base + "subscribe", b"email=b%40example.org")
    token = token_in(outbox(site)[0])
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    status, _, page = call(base + "confirm?token=" + forged)
    assert status == 400 and "not valid or has expired" in page
    expired = make_token(KEY.encode(), "confirm", 1, "b@example.org", int(time.time()) - 1)
    assert call(base + "confirm?token=" + expired)[0] == 400
    assert status_of(site, "b@example.org") == "pending"


def test_a_get_never_unsubscribes_but_the_one_click_post_does(service) -> None:
    base, site = service
    call(base + "subscribe", b"email=c%40example.org")
    call(base + "confirm?token=" + token_in(outbox(site)[0]))
    token = make_token(KEY.encode(), UNSUBSCRIBE, 1, "c@example.org", 0)
    status, _, page = call(base + "unsubscribe?token=" + token)
    assert status == 200 and '<button type="submit">Unsubscribe</button>' in page
    assert status_of(site, "c@example.org") == "confirmed"
    assert call(base + "unsubscribe?token=" + token, b"")[0] == 400
    status, _, page = call(base + "unsubscribe?token=" + token, b"List-Unsubscribe=One-Click")
    assert status == 200 and "<h1>Unsubscribed</h1>" in page
    assert status_of(site, "c@example.org") == "unsubscribed"


def test_an_unsubscribe_link_cannot_be_turned_into_another_subscribers(service) -> None:
    base, site = service
    for address in ("d@example.org", "e@example.org"):
        call(base + "subscribe", f"email={address}".encode())
    token = make_token(KEY.encode(), UNSUBSCRIBE, 1, "d@example.org", 0)
    other = "2" + token[1:]  # the id of e@example.org, d's signature
    assert call(base + "unsubscribe?token=" + other, b"List-Unsubscribe=One-Click")[0] == 400
    assert status_of(site, "e@example.org") == "pending"


def test_bots_filling_the_hidden_field_are_thanked_and_ignored(service) -> None:
    base, site = service
    status, _, page = call(base + "subscribe", b"email=bot%40example.org&website=spam")
    assert status == 200 and "Check your inbox" in page
    assert status_of(site, "bot@example.org") is None and outbox(site) == []


def test_bad_addresses_large_bodies_and_floods_are_refused(service) -> None:
    base, _ = service
    status, _, page = call(base + "subscribe", b"email=not-an-address")
    assert status == 400 and "That is not an e-mail address we can use" in page
    assert call(base + "subscribe", b"email=" + b"x" * 10000)[0] == 413
    codes = [call(base + "subscribe", b"email=f%40example.org")[0] for _ in range(6)]
    allowed = SIGNUPS_PER_WINDOW - 2  # the two requests above count too
    assert codes == [200] * allowed + [429] * (6 - allowed)


def test_every_answer_carries_security_headers(service) -> None:
    base, _ = service
    status, headers, body = call(base + "healthz")
    assert (status, body) == (200, "ok\n")
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value


def test_the_site_offers_the_form_only_with_an_endpoint(demo_site: Path, newsdesk) -> None:
    newsdesk("--site", str(demo_site), "build")
    assert 'class="signup"' not in (demo_site / "output" / "newsletter" / "index.html").read_text()
    (demo_site / "newsdesk.toml").write_text(f'[subscribers]\nendpoint = "{ENDPOINT}"\n')
    newsdesk("--site", str(demo_site), "build")
    for page in ("newsletter/index.html", "index.html"):
        html = (demo_site / "output" / page).read_text()
        assert f'<form class="signup" method="post" action="{ENDPOINT}subscribe">' in html
        assert 'name="website" type="text" tabindex="-1"' in html
    from .webcheck import vnu_errors

    output = demo_site / "output"
    assert vnu_errors([output / "index.html", output / "newsletter" / "index.html"], output) == []


def test_a_reader_signs_up_in_a_browser_and_the_confirmation_mail_arrives(
    demo_site: Path, newsdesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .servers import serve_folder
    from .smtpserver import Recorder, free_port, smtp_server
    from .webcheck import browser_job

    monkeypatch.setenv("NEWSDESK_TOKEN_KEY", KEY)
    recorder = Recorder()
    with smtp_server(recorder) as smtp_port:
        port = free_port()
        endpoint = f"http://127.0.0.1:{port}/"
        (demo_site / "newsdesk.toml").write_text(
            f'[subscribers]\nendpoint = "{endpoint}"\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\n'
        )
        assert newsdesk("--site", str(demo_site), "build").exit_code == 0
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(load_config(demo_site)), host="127.0.0.1", port=port, log_level="warning"
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        try:
            with serve_folder(demo_site / "output") as site_url:
                report = browser_job(
                    site_url,
                    signup={
                        "path": "newsletter/",
                        "field": "#page-email",
                        "email": "new@example.org",
                    },
                )
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    assert report["signup"] == {"url": endpoint + "subscribe", "heading": "Check your inbox"}
    (address, raw) = recorder.messages[0]
    assert address == "new@example.org"
    mail = email.message_from_bytes(raw, policy=policy.default)
    assert token_in(mail) and endpoint + "confirm?token=" in mail.get_content()
    assert status_of(demo_site, "new@example.org") == "pending"
