"""What became of one attempt to hand a message over."""

from __future__ import annotations

from dataclasses import dataclass

SENT = "sent"  # the server accepted it (250), or it was written to the outbox
RETRY = "retry"  # a temporary refusal (4xx), or the connection dropped before the message ended
FAILED = "failed"  # a permanent refusal (5xx): do not try again
UNCERTAIN = "uncertain"  # the whole message was written, then no reply: it may have arrived


@dataclass(frozen=True)
class Outcome:
    kind: str
    reply: str  # the server's reply, or what went wrong, in one line
    bounce: bool = False  # a permanent refusal of this recipient's address

    @classmethod
    def from_reply(cls, code: int, message: bytes | str, stage: str) -> Outcome:
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
        reply = f"{code} {' '.join(text.split())}".strip()
        if 200 <= code < 300:
            return cls(SENT, reply)
        if 400 <= code < 500:
            return cls(RETRY, reply)
        # A refused address (RCPT) or message (end of DATA) is the recipient's bounce;
        # a refused MAIL FROM is our problem, not theirs.
        return cls(FAILED, reply, bounce=stage in ("rcpt", "data"))
