"""The ASGI middleware every request passes first: who may ask, how much, and what may run.

Guarantees, for every HTTP request before it reaches a route:
- the Host header names an allowed host (by default this machine: 127.0.0.1, localhost, ::1),
  so a web page elsewhere cannot reach the server through a DNS name rebound to 127.0.0.1;
- a body is at most `max_body` bytes, whether announced by Content-Length or streamed;
- every response forbids scripts, styles, frames and form targets from anywhere but the page's
  own origin (Content-Security-Policy), sniffing of content types, and referrers — so even text
  a template failed to escape could not run.
A refused request gets a short plain page in the language of the site's default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from starlette.exceptions import HTTPException

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    def __init__(self, app, *, allowed_hosts: Iterable[str] | None, max_body: int,
                 refuse: Callable[[int, str], tuple[bytes, bytes]]):
        """`allowed_hosts` None allows any host (the user bound the server to a network);
        `refuse(status, reason)` gives the body and content type of a refusal."""
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
        self.max_body = max_body
        self.refuse = refuse

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        if self.allowed is not None and host_of(headers.get(b"host", b"")) not in self.allowed:
            await self._refuse(send, 400, "host")
            return
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_large = int(length) > self.max_body
            except ValueError:
                await self._refuse(send, 400, "400")
                return
            if too_large:
                await self._refuse(send, 413, "413")
                return
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Raised inside the route that reads the body: Starlette answers it with
                    # the site's 413 page, as it would an announced length.
                    raise HTTPException(413)
            return message

        async def guarded_send(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, counted_receive, guarded_send)

    async def _refuse(self, send, status: int, reason: str) -> None:
        body, content_type = self.refuse(status, reason)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type),
                                (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": body})


def host_of(header: bytes) -> str:
    """The host of a Host header, without its port: `[::1]:8000` → `::1`."""
    text = header.decode("latin-1").strip().lower()
    if text.startswith("["):
        return text[1:text.find("]")] if "]" in text else text
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text
