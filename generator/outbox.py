"""Delivery without a server: each message becomes one .eml file in the outbox folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .atomic import write_atomic
from .outcome import SENT, Outcome


class Outbox:
    """Same interface as `smtp.SmtpSender`. A file is named after the Message-ID, so writing
    the same message again replaces it: the outbox never holds two copies."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)

    def deliver(self, sender: str, recipient: str, payload: bytes, message_id: str) -> Outcome:
        name = re.sub(r"[^A-Za-z0-9._-]", "_", message_id.strip("<>")) + ".eml"
        path = self.folder / name
        write_atomic(path, payload)
        os.chmod(path, 0o600)  # it holds the recipient's address
        return Outcome(SENT, f"written to {path}")

    def close(self) -> None:
        pass
