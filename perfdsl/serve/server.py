"""`perfdsl serve`: bind the socket, then run the app under uvicorn until Ctrl+C.

Binding first, ourselves, gives a plain message when the port is taken (rather than uvicorn's
log line and exit), and lets `--port 0` pick a free port whose URL is printed — the tests start
the real command that way. The printed line is the first line on stdout:
`perfdsl serve: http://127.0.0.1:8000/ (rubrics from rubrics)`.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from pathlib import Path

import uvicorn

from perfdsl.serve.app import create_app
from perfdsl.serve.guard import LOOPBACK_HOSTS


def default_folder() -> Path:
    """`rubrics/` of the current folder if there is one, else the current folder itself."""
    here = Path("rubrics")
    return here if here.is_dir() else Path(".")


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(folder: Path | None, host: str, port: int, lang: str) -> int:
    folder = default_folder() if folder is None else folder
    if not folder.is_dir():
        print(f"perfdsl serve: no folder {folder}", file=sys.stderr)
        return 2
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.create_server((host.strip("[]"), port), family=family)
    except OSError as error:
        print(f"perfdsl serve: cannot listen on {host}:{port}: {error.strerror or error}",
              file=sys.stderr)
        return 2
    local = is_loopback(host)
    # Bound to this machine, the server answers only requests addressed to it; bound to a
    # network address, the user chose to be reachable under whatever name the network uses.
    app = create_app(folder, lang=lang, allowed_hosts=LOOPBACK_HOSTS + (host.strip("[]"),) if local else None)
    shown_host = f"[{host.strip('[]')}]" if ":" in host else host
    actual_port = sock.getsockname()[1]
    _say(f"perfdsl serve: http://{shown_host}:{actual_port}/ (rubrics from {folder}; Ctrl+C stops)")
    if not local:
        _say("perfdsl serve: warning: listening on a network address: anyone who can reach it "
             "can use these pages (there is no login)", sys.stderr)
    logger = logging.getLogger("perfdsl.serve")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(name)s: %(message)s"))
        logger.addHandler(handler)
    config = uvicorn.Config(app, lifespan="off", server_header=False, log_level="info",
                            timeout_graceful_shutdown=3, limit_concurrency=64)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0


def _say(text: str, stream=None) -> None:
    """Print a line that survives a console that cannot show every character (GBK on Windows)."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "replace").decode(encoding) + "\n")
    stream.flush()
