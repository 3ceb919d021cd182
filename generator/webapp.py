"""`newsdesk serve-subscriptions`: sign-up, confirmation and one-click unsubscribe for a
static site, as a small Starlette application (run by uvicorn).

Starlette and uvicorn are small, well kept and asynchronous, so one process holds thousands
of idle connections (mail scanners following links) without threads; the work per request is
one short SQLite transaction, run in a worker thread so that waiting on the disk (or the mail
server) does not stall other requests. Answers never reveal whether an address is subscribed.
"""

from __future__ import annotations

import html
import sys
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .config import Config
from .errors import NewsdeskError
from .subscribers import normalise_address
from .subscriptions import change_status, request_subscription

MAX_BODY_BYTES = 8 * 1024
SIGNUPS_PER_WINDOW = 5  # per client address
WINDOW_SECONDS = 600
HONEYPOT = "website"  # a field people never see and bots fill in
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class RateLimit:
    """At most `limit` events per client in a sliding window."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self.events: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, client: str) -> bool:
        now, events = time.monotonic(), self.events[client]
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True


def create_app(config: Config) -> Starlette:
    limiter = RateLimit(SIGNUPS_PER_WINDOW, WINDOW_SECONDS)

    async def subscribe(request: Request) -> Response:
        client = request.client.host if request.client else "?"
        if not limiter.allow(client):
            return _answer(
                request,
                config,
                429,
                "Too many sign-ups",
                "Please wait a few minutes before trying again.",
            )
        form = await _form(request)
        if form is None:
            return _answer(request, config, 413, "Too large", "That request was too large.")
        address, name = form.get("email", ""), form.get("name", "")
        try:
            normalise_address(address)
        except ValueError as error:
            problem = f"That is not an e-mail address we can use: {error}"
            return _answer(request, config, 400, "Check the address", problem)
        if not form.get(HONEYPOT):
            try:
                await run_in_threadpool(request_subscription, config, address, name)
            except NewsdeskError as error:  # the service's own problem, not the reader's
                print(f"newsdesk serve-subscriptions: {error}", file=sys.stderr)
                problem = "Signing up failed on our side; please try again later."
                return _answer(request, config, 500, "Sorry", problem)
        return _answer(
            request,
            config,
            200,
            "Check your inbox",
            "If the address can receive our newsletter, a message is on its way "
            "with a link to confirm. Nothing is sent until you confirm.",
        )

    async def follow(request: Request, status: str, failure: str) -> Response | None:
        """Apply the status a link's token asks for; an answer page if the token is bad."""
        try:
            token = request.query_params.get("token", "")
            await run_in_threadpool(change_status, config, None, token, status)
        except NewsdeskError:
            return _answer(request, config, 400, "This link does not work", failure)
        return None

    async def confirm(request: Request) -> Response:
        failure = "The link is not valid or has expired. Sign up again to get a new one."
        thanks = f"Thank you: you will receive the {config.site.title} newsletter."
        return await follow(request, "confirmed", failure) or _answer(
            request, config, 200, "Subscribed", thanks
        )

    async def unsubscribe(request: Request) -> Response:
        token = request.query_params.get("token", "")
        if request.method == "GET":  # mail scanners follow links: a GET never unsubscribes
            return _unsubscribe_form(config, token)
        form = await _form(request)
        if form is None or form.get("List-Unsubscribe") != "One-Click":
            return _answer(
                request, config, 400, "Not unsubscribed", "Use the button on the unsubscribe page."
            )
        failure = "The link is not valid. Reply to any newsletter to unsubscribe."
        gone = "You will not receive the newsletter any more."
        return await follow(request, "unsubscribed", failure) or _answer(
            request, config, 200, "Unsubscribed", gone
        )

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok\n")

    routes = [
        Route("/subscribe", subscribe, methods=["POST"]),
        Route("/confirm", confirm, methods=["GET"]),
        Route("/unsubscribe", unsubscribe, methods=["GET", "POST"]),
        Route("/healthz", healthz, methods=["GET"]),
    ]
    security = Middleware(BaseHTTPMiddleware, dispatch=_security_headers)
    return Starlette(routes=routes, middleware=[security])


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.update(SECURITY_HEADERS)
    return response


async def _form(request: Request) -> dict[str, str] | None:
    """An urlencoded form body of at most MAX_BODY_BYTES (None when larger)."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=20)
    return {key: values[0] for key, values in fields.items()}


def _answer(request: Request, config: Config, status: int, title: str, text: str) -> Response:
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"status": status, "title": title, "message": text}, status_code=status)
    return HTMLResponse(_page(config, title, f"<p>{html.escape(text)}</p>"), status_code=status)


def _unsubscribe_form(config: Config, token: str) -> Response:
    action = html.escape(f"unsubscribe?token={token}")
    body = (
        f"<p>Stop receiving the {html.escape(config.site.title)} newsletter?</p>"
        f'<form method="post" action="{action}">'
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
        '<button type="submit">Unsubscribe</button></form>'
    )
    return HTMLResponse(_page(config, "Unsubscribe", body))


def _page(config: Config, title: str, body: str) -> str:
    site = html.escape(config.site.title)
    return (
        f'<!DOCTYPE html><html lang="{html.escape(config.site.language)}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><title>{html.escape(title)} | {site}</title>'
        "<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;"
        "padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head><body><main>"
        f"<h1>{html.escape(title)}</h1>{body}"
        f'<p><a href="{html.escape(config.site.url)}">{site}</a></p></main></body></html>'
    )
