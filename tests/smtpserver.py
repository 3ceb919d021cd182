"""A real SMTP server for tests (aiosmtpd on 127.0.0.1) that counts what each recipient
received and refuses some on purpose, and a TCP proxy that cuts connections mid-DATA."""

from __future__ import annotations

import asyncio
import socket
import ssl
import struct
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

USER, PASSWORD = "news", "s3cret-pass"


class Recorder:
    """An aiosmtpd handler. Recipients whose address contains "defer" get 451 twice, "busy"
    get 421 once (and the connection closed), "reject" get 550 every time."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.messages: list[tuple[str, bytes]] = []
        self.authenticated: list[bool] = []  # per message, whether the session had AUTH
        self.tries: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address: str, options) -> str:
        with self.lock:
            self.tries[address] += 1
            tries = self.tries[address]
        if "reject" in address:
            return f"550 5.1.1 <{address}>: no such user"
        if "defer" in address and tries <= 2:
            return "451 4.3.0 try again later"
        if "busy" in address and tries <= 1:
            return "421 4.7.0 too busy, closing"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            for address in envelope.rcpt_tos:
                self.messages.append((address, envelope.content))
                self.authenticated.append(bool(session.authenticated))
        return "250 2.0.0 queued"

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(address for address, _ in self.messages)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return cert, key


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd replies 535


@contextmanager
def smtp_server(
    handler: Recorder, certificate: tuple[Path, Path] | None = None, implicit_tls: bool = False
) -> Iterator[int]:
    """Run the server in a thread; yields its port. With a certificate it offers STARTTLS
    (or speaks TLS from the start) and requires AUTH."""
    options: dict = {}
    tls = None
    if certificate:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(*map(str, certificate))
        # aiosmtpd only counts TLS it started itself (STARTTLS) and warns about requiring
        # AUTH without it; with implicit TLS, AUTH is offered and `authenticated` checked.
        options = {"authenticator": _authenticate, "auth_required": not implicit_tls}
        options["auth_require_tls"] = not implicit_tls
        if not implicit_tls:
            options |= {"tls_context": tls, "require_starttls": True}
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        ssl_context=tls if implicit_tls else None,
        server_hostname="127.0.0.1",
        **options,
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


class CuttingProxy:
    """Forwards 127.0.0.1:<port> to the server. The first message to a recipient containing
    `marker` has its connection cut: mode "on-data" when the client says DATA (nothing of the
    message reached the server); "mid-message" (reset) after half of the message's first
    chunk reached the server; "after-end" once the whole message, final dot included, went to
    the server, without passing the server's reply back."""

    def __init__(self, target: int, marker: str, mode: str) -> None:
        self.target, self.marker, self.mode = target, marker.encode(), mode
        self.cuts = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            state = {"armed": False, "cut": False}
            threading.Thread(target=self._up, args=(client, server, state), daemon=True).start()
            threading.Thread(target=self._down, args=(server, client, state), daemon=True).start()

    def _up(self, client: socket.socket, server: socket.socket, state: dict) -> None:
        tail = b""
        while chunk := _recv(client):
            seen = tail + chunk
            tail = seen[-8:]
            if chunk.upper().startswith(b"RCPT TO:<") and self.marker in chunk and not self.cuts:
                state["armed"] = True
            if state["armed"] and self.mode == "on-data" and chunk.upper() == b"DATA\r\n":
                self.cuts += 1
                return _close(client, server)
            if state.get("in_data") and self.mode == "mid-message":
                self.cuts += 1
                server.sendall(chunk[: len(chunk) // 2])
                return _reset(client, server)
            if state["armed"] and chunk.upper() == b"DATA\r\n":
                state["in_data"] = True
            if state["armed"] and self.mode == "after-end" and b"\r\n.\r\n" in seen:
                self.cuts += 1
                state["cut"] = True  # first: the server's reply must not reach the client
                server.sendall(chunk)
                _close(client)
                threading.Timer(2.0, _close, args=(server,)).start()
                return
            server.sendall(chunk)
        _close(client, server)

    def _down(self, server: socket.socket, client: socket.socket, state: dict) -> None:
        while chunk := _recv(server):
            if state["cut"]:
                continue
            try:
                client.sendall(chunk)
            except OSError:
                break
        _close(client, server)

    def close(self) -> None:
        self.listener.close()


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _reset(*sockets: socket.socket) -> None:
    """Close with a TCP reset, as a crashed peer or a middlebox would."""
    for sock in sockets:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()


def _close(*sockets: socket.socket) -> None:
    for sock in sockets:
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
