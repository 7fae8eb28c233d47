"""Thirty browser sessions at once on `council-sim serve`, against a bare Textual app served alike.

Each browser tab is a copy of the app on the server, so a class costs thirty processes. This
opens the sessions as a browser does (a websocket to `/ws`), all at once, and measures the time
from opening each one to its first screen, and the server's memory with all of them open. The
baseline is the smallest Textual app, served by the same textual-serve in the same run, so the
ratios compare across machines; the plain figures say what this machine did.

Run: python bench/serve_sessions.py [--sessions 30]. Nothing here fails on a wall-clock time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

BARE_APP = "from textual.app import App\nfrom textual.widgets import Static\n\n" + (
    "class Bare(App[None]):\n"
    "    def compose(self):\n"
    "        yield Static('bare app ready')\n\n"
    "Bare().run()\n"
)
"""The baseline: the least a served Textual app can be."""

ANSI = re.compile(r"\x1b(\[[0-9;?<>=$ ]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")


@dataclass(frozen=True)
class Figures:
    """One served app under one load: seconds to each session's first screen, and memory."""

    first_screen: list[float]
    rss_mib: float
    pss_mib: float
    processes: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _children(root: int) -> list[int]:
    """The process and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        family.extend(frontier)
    return family


def _memory(root: int) -> tuple[float, float, int]:
    """Resident and proportional set sizes of a process tree, in MiB, and how many processes.

    RSS counts the pages the copies share once per copy; PSS divides each shared page between
    them, so it is the fairer sum for thirty copies of one program.
    """
    rss = pss = 0
    family = _children(root)
    for pid in family:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            name, _, rest = line.partition(":")
            if name == "Rss":
                rss += int(rest.split()[0])
            elif name == "Pss":
                pss += int(rest.split()[0])
    return rss / 1024, pss / 1024, len(family)


@contextmanager
def _served(argv: list[str], port: int) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start: {shlex.join(argv)}") from None
                time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _session(
    http: aiohttp.ClientSession, url: str, marker: str, opened: asyncio.Event, done: asyncio.Event
) -> float:
    """One tab: seconds from opening the websocket to the marker on screen; then held open."""
    start = time.perf_counter()
    screen = ""
    async with http.ws_connect(url) as socket_:
        await socket_.send_json(["resize", {"width": 80, "height": 24}])
        async for message in socket_:
            if message.type == aiohttp.WSMsgType.BINARY:
                screen += message.data.decode("utf-8", "replace")
            elif message.type == aiohttp.WSMsgType.TEXT:
                continue
            else:
                raise RuntimeError(f"the session closed before its first screen: {message.type}")
            if marker in ANSI.sub("", screen):
                break
        seconds = time.perf_counter() - start
        opened.set()
        await done.wait()
    return seconds


async def _all(events: list[asyncio.Event]) -> None:
    for event in events:
        await event.wait()


async def _load(port: int, sessions: int, marker: str, server: int) -> Figures:
    url = f"ws://127.0.0.1:{port}/ws?width=80&height=24"
    done = asyncio.Event()
    async with aiohttp.ClientSession() as http:
        opened = [asyncio.Event() for _ in range(sessions)]
        tasks = [asyncio.create_task(_session(http, url, marker, e, done)) for e in opened]
        all_open = asyncio.create_task(_all(opened))
        finished, _ = await asyncio.wait(
            [all_open, *tasks], timeout=300, return_when="FIRST_COMPLETED"
        )
        if all_open not in finished:
            for task in finished:
                task.result()  # a session that ended early: its error
            raise SystemExit(f"{sessions} sessions did not all reach their first screen in 300 s")
        await asyncio.sleep(2)  # let every app settle after its first frame before measuring
        rss, pss, processes = _memory(server)
        done.set()
        seconds = await asyncio.gather(*tasks)
    return Figures(sorted(seconds), rss, pss, processes)


def _measure(argv: list[str], port: int, sessions: int, marker: str) -> tuple[Figures, Figures]:
    """One session alone (after one to warm the disk cache), then `sessions` at once."""
    with _served(argv, port) as process:
        asyncio.run(_load(port, 1, marker, process.pid))
        time.sleep(1)
        alone = asyncio.run(_load(port, 1, marker, process.pid))
        time.sleep(1)
        return alone, asyncio.run(_load(port, sessions, marker, process.pid))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    options = parser.parse_args()
    n = options.sessions

    with tempfile.TemporaryDirectory() as folder:
        bare_app = Path(folder) / "bare_app.py"
        bare_app.write_text(BARE_APP)
        port = _free_port()
        serve_bare = (
            "import sys\nfrom textual_serve.server import Server\n"
            "Server(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])).serve()\n"
        )
        bare_command = shlex.join([sys.executable, str(bare_app)])
        bare_alone, bare = _measure(
            [sys.executable, "-c", serve_bare, bare_command, str(port)], port, n, "bare app ready"
        )
        port = _free_port()
        council_argv = [sys.executable, "-m", "simulator", "serve", "--port", str(port)]
        council_argv += ["--data", str(Path(folder) / "data")]
        council_alone, council = _measure(council_argv, port, n, "Your name")

    def row(label: str, ours: float, base: float, unit: str) -> None:
        print(f"{label:<44} {ours:8.2f} {unit:<4} bare {base:8.2f} {unit:<4} {ours / base:6.2f}x")

    print(f"council-sim served / a bare Textual app served, on {os.cpu_count()} cores")
    alone = "first screen, one session alone"
    row(alone, council_alone.first_screen[0], bare_alone.first_screen[0], "s")
    print(f"{n} sessions opened at once:")
    row(
        f"first screen, median of {n}",
        statistics.median(council.first_screen),
        statistics.median(bare.first_screen),
        "s",
    )
    row("first screen, slowest", council.first_screen[-1], bare.first_screen[-1], "s")
    row("memory, all sessions (PSS)", council.pss_mib, bare.pss_mib, "MiB")
    row("memory, all sessions (RSS, shared counted)", council.rss_mib, bare.rss_mib, "MiB")
    row("memory per session (PSS)", council.pss_mib / n, bare.pss_mib / n, "MiB")
    print(f"(processes on the server: council-sim {council.processes}, bare {bare.processes})")


if __name__ == "__main__":
    main()
