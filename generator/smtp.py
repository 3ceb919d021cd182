"""One SMTP connection that delivers message after message, and knows, when the connection
drops, whether the server can have the message (the whole payload was written) or cannot."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
import time

from .config import SmtpConfig
from .errors import NewsdeskError, UsageError
from .outcome import FAILED, RETRY, UNCERTAIN, Outcome

CONNECT_TRIES = 3
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


class SmtpError(NewsdeskError):
    """The server cannot be used at all (unreachable, TLS or AUTH refused): stop sending."""


def smtp_password(config: SmtpConfig) -> str:
    """The AUTH password, from the environment variable the config names."""
    if not config.username:
        return ""
    if config.security == "none":
        raise UsageError(
            "smtp.security = 'none' would send the password in clear text; use 'starttls' or 'tls'"
        )
    password = os.environ.get(config.password_env, "")
    if not password:
        raise UsageError(
            f"smtp.username is set but the environment variable {config.password_env} "
            "(smtp.password_env) holding the password is empty"
        )
    return password


class SmtpSender:
    """A lazily opened, reused connection. `deliver` never raises for one message's trouble:
    it returns an Outcome. It raises SmtpError when the server cannot be used at all."""

    def __init__(self, config: SmtpConfig, password: str) -> None:
        self.config = config
        self.password = password
        self.connection: smtplib.SMTP | None = None

    def deliver(self, sender: str, recipient: str, payload: bytes, message_id: str) -> Outcome:
        connection = self.connection or self._connect()
        try:
            code, message = connection.mail(sender)
            if code != 250:
                return self._refused(code, message, "mail")
            code, message = connection.rcpt(recipient)
            if code not in (250, 251):
                return self._refused(code, message, "rcpt")
            return self._data(connection, payload)
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            return Outcome(RETRY, f"connection lost before the message was sent: {error}")

    def _data(self, connection: smtplib.SMTP, payload: bytes) -> Outcome:
        """DATA by hand (smtplib's `data()` cannot say how far it got): until the final
        "." is written, a dropped connection means the server discards the partial message
        and a retry is safe; after it, the server may have accepted it."""
        connection.putcmd("data")
        code, message = connection.getreply()
        if code != 354:
            return self._refused(code, message, "data")
        stuffed = _LEADING_DOT.sub(b"..", payload)
        if not stuffed.endswith(b"\r\n"):
            stuffed += b"\r\n"
        connection.send(stuffed + b".\r\n")  # raises before the end: safe to retry
        try:
            code, message = connection.getreply()
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            return Outcome(UNCERTAIN, f"no reply after the whole message was sent: {error}")
        if code != 250:
            return self._refused(code, message, "data")
        return Outcome.from_reply(code, message, "data")

    def _refused(self, code: int, message: bytes, stage: str) -> Outcome:
        outcome = Outcome.from_reply(code, message, stage)
        if code == 421 or code < 0:  # the server is closing the connection
            self.close()
        else:
            self._reset()
        return outcome if outcome.kind in (RETRY, FAILED) else Outcome(RETRY, outcome.reply)

    def _reset(self) -> None:
        try:
            if self.connection:
                self.connection.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    def _connect(self) -> smtplib.SMTP:
        """Connect, with a few quick tries: a server that stays unreachable stops the send
        (nothing is lost: unsent messages stay queued for the next run)."""
        problem = ""
        for attempt in range(CONNECT_TRIES):
            try:
                self.connection = self._open()
                return self.connection
            except smtplib.SMTPAuthenticationError as error:
                raise SmtpError(f"smtp: {self._where()}: login refused: {_text(error)}") from None
            except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
                problem = _text(error)
                time.sleep(0.5 * (attempt + 1))
        raise SmtpError(f"smtp: cannot connect to {self._where()}: {problem}")

    def _open(self) -> smtplib.SMTP:
        config = self.config
        context = ssl.create_default_context(cafile=config.ca_file or None)
        if config.security == "tls":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=context
            )
        else:
            connection = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        try:
            connection.ehlo()
            if config.security == "starttls":
                connection.starttls(context=context)
                connection.ehlo()
            if config.username:
                _login(connection, config.username, self.password)
        except BaseException:
            connection.close()
            raise
        return connection

    def _where(self) -> str:
        return f"{self.config.host}:{self.config.port}"

    def close(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.quit()
        except (smtplib.SMTPException, OSError):
            self.connection.close()
        self.connection = None


def _login(connection: smtplib.SMTP, username: str, password: str) -> None:
    """AUTH PLAIN when offered (always safe here: the connection is encrypted), so that a
    refused password is reported as the server's 535, not as whatever the next mechanism
    smtplib would try makes of it."""
    if "plain" in connection.esmtp_features.get("auth", "").lower().split():
        connection.user, connection.password = username, password
        code, message = connection.auth("PLAIN", connection.auth_plain)
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, message)
    else:
        connection.login(username, password)


def _text(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
        return f"{error.smtp_code} {' '.join(text.split())}"
    return " ".join(str(error).split()) or type(error).__name__
