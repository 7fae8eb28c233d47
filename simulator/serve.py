"""`council-sim serve`: the simulator in a web browser, for a class without terminals.

Each browser tab runs its own copy of the app on the server (textual-serve starts the command
below once per tab), all saving into the server's one data folder; the app asks each tab for a
name first, and keeps each name's work apart. What is served, and what the teacher is told, is
worked out here by pure functions, so that it can be checked without starting a server.

    command = served_command(sys.executable, scenarios=[Path("my-pack")], data=folder)
    serve(command, host="127.0.0.1", port=8000)
    seats = served_command(sys.executable, scenarios=[], data=folder, class_code="KQ7-M4X-P2")
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import re
import shlex
import socket
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "UN Security Council"
ASK_NAME = "--ask-name"
"""The hidden option that starts the app in browser mode: a name first, then that name's work."""


def served_command(
    python: str, *, scenarios: Sequence[Path], data: Path, class_code: str | None = None
) -> str:
    """The command each browser tab runs: this same program, with the same interpreter, on the
    same scenarios and data folder (absolute, as the server may start it from anywhere), asking
    for a name first; quoted for the shell that textual-serve runs it with. With `class_code`,
    a student's seat in that class session (`class join`), which asks for the name itself."""
    words = [python, "-m", "simulator"]
    if class_code is not None:
        words += ["class", "join", class_code]
    for folder in scenarios:
        words += ["--scenarios", str(folder.absolute())]
    words += ["--data", str(data.absolute())]
    if class_code is None:
        words.append(ASK_NAME)
    return shlex.join(words)


def is_loopback(host: str) -> bool:
    """Only this computer can reach the address: 127.0.0.0/8, ::1 or localhost."""
    if host.strip().lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def open_warning(host: str, *, seats: bool = False) -> str:
    """What the teacher must know before serving beyond this computer; '' on loopback. With
    `seats` (`serve --class`), what anyone who reaches it can do in the class session."""
    if is_loopback(host):
        return ""
    if seats:
        return (
            f"Warning: serving on {host}, so anyone who can reach this address can join the "
            "class session, take a free member and vote, or take back a member by typing the "
            "name of the student who holds it: the names are not passwords."
        )
    return (
        f"Warning: serving on {host}, so anyone who can reach this address can open the app, "
        "and see and change the work saved under any name: the names keep a class's work "
        "apart, they are not passwords."
    )


def address(host: str, port: int) -> str:
    """The address to open in a browser; on a wildcard host, this computer's own."""
    shown = host
    if host in ("0.0.0.0", "::", ""):
        shown = "localhost"
    elif ":" in host and not host.startswith("["):
        shown = f"[{host}]"  # an IPv6 address in a URL is in brackets
    return f"http://{shown}:{port}"


def network_addresses() -> list[str]:
    """This computer's IPv4 addresses on its networks, for students to type: not loopback."""
    found: set[str] = set()
    with contextlib.suppress(OSError, UnicodeError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    # The address this computer would reach other networks from: a UDP "connection" sends
    # nothing, it only chooses the route.
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never a real host
        found.add(str(probe.getsockname()[0]))
    return sorted(a for a in found if not ipaddress.ip_address(a).is_loopback)


def where_to_open(host: str, port: int, addresses: Sequence[str]) -> str:
    """What the teacher is told to open, and on every address, what the students open."""
    line = f"Open {address(host, port)} in a web browser."
    if host not in ("0.0.0.0", "::", ""):
        return line
    if not addresses:
        return f"{line} Students open this computer's address on their network, port {port}."
    urls = " or ".join(address(a, port) for a in addresses)
    return f"{line} Students open {urls} (this computer on their network)."


def public_url_problem(url: str) -> str:
    """Why `url` cannot be the address students open through a proxy, in one line; '' if it
    can: an http or https address of a host, without a query or a fragment."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return (
            f"--public-url {url!r} is not an address to open: give one such as "
            "https://council.school.example"
        )
    if parts.query or parts.fragment:
        return f"--public-url {url!r}: give the address alone, without '?' or '#'"
    return ""


def page_addresses(scheme: str, host: str, public_url: str | None) -> tuple[str, str]:
    """Where the page finds its files and its websocket: from the address the browser asked
    for (`scheme`, `host`), or behind a proxy from the address students open, so that a proxy
    that ends HTTPS has the page ask for `wss://`, as a browser requires on an https page."""
    where = host
    if public_url:
        parts = urlsplit(public_url)
        scheme, where = parts.scheme, f"{parts.netloc}{parts.path.rstrip('/')}"
    socket_scheme = "wss" if scheme == "https" else "ws"
    return f"{scheme}://{where}/static/", f"{socket_scheme}://{where}/ws"


def port_problem(host: str, port: int) -> str:
    """Why the server could not listen on this host and port, in one line; '' if it can.

    Tried by binding a socket as the server will (with the address reusable, so that a port
    left in TIME_WAIT by the last run is not taken for one in use), then closing it.
    """
    if not 0 < port < 65536:
        return f"port {port} is not a port: give one from 1 to 65535"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        return f"cannot serve on {host!r}: not an address of this computer ({error})"
    family, kind, proto, _, where = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"port {port} is already in use on {host}: choose another with --port"
            if error.errno == errno.EACCES:
                return f"port {port} needs special rights on this computer: choose one above 1023"
            return f"cannot serve on {host} port {port}: {error.strerror or error}"
    return ""


def serve(command: str, *, host: str, port: int, public_url: str | None = None) -> None:
    """Serve `command` to browsers until Ctrl+C; prints the address to open. Every tab that
    opens the page starts its own copy of the command. Behind a reverse proxy, `public_url`
    is the address students open (see `page_addresses`)."""
    # Imported here: only this command needs the web server, and it takes a moment to load.
    import aiohttp_jinja2
    from textual_serve.server import Server

    class ClassServer(Server):
        """textual-serve's server, saying only what a teacher needs, and giving each browser
        the address it reached the server by (a wildcard host is no address to connect to),
        or behind a proxy the address students open."""

        def initialize_logging(self) -> None:
            # No line per request on the teacher's console; warnings and errors still show.
            super().initialize_logging()
            import logging

            logging.getLogger().setLevel(logging.WARNING)

        async def on_startup(self, app: web.Application) -> None:
            where = where_to_open(host, port, network_addresses())
            if public_url:
                proxied = address(host, port)
                where = f"Students open {public_url} (through the proxy in front of {proxied})."
            # soft_wrap: one line, however long, as the teacher's terminal wraps it (an address
            # cut by a newline cannot be copied whole).
            self.console.print(
                f"{where} Press Ctrl+C to stop.", highlight=False, markup=False, soft_wrap=True
            )

        async def handle_index(self, request: web.Request) -> web.Response:
            static, websocket = page_addresses(request.scheme, request.host, public_url)
            context = {
                "font_size": _font_size(request.query.get("fontsize", "16")),
                "app_websocket_url": websocket,
                "config": {"static": {"url": static}},
                "application": {"name": TITLE},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.text = page(response.text or "", static)
            return response

    ClassServer(command, host=host, port=port, title=TITLE).serve()


_WEB_FONT = re.compile(r"<link\s[^>]*fonts\.googleapis\.com[^>]*>", re.S)

_LOCAL_FONT = """<style>
      @font-face {{
        font-family: "Roboto Mono";
        src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf");
        font-weight: 100 700;
      }}
      @font-face {{
        font-family: "Roboto Mono";
        font-style: italic;
        src: url("{static}fonts/RobotoMono-Italic-VariableFont_wght.ttf");
        font-weight: 100 700;
      }}
    </style>"""


def page(html: str, static: str) -> str:
    """textual-serve's page, for a class: a title on the browser tab, and the terminal's font
    from the files served with the page rather than from Google's, so that no student's browser
    calls a third party, and a classroom without the internet looks the same."""
    html = _WEB_FONT.sub(lambda _: _LOCAL_FONT.format(static=static), html, count=1)
    return html.replace("<head>", f"<head>\n    <title>{TITLE}</title>", 1)


def _font_size(text: str) -> int:
    """The page's font size as the browser asked (`?fontsize=20`), within reason."""
    try:
        return min(max(int(text), 8), 48)
    except ValueError:
        return 16
