"""`council-sim serve`: the command each browser tab runs, what the teacher is told, the checks
made before serving, and a real server started, fetched from and stopped."""

from __future__ import annotations

import contextlib
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator import cli
from simulator.cli import main
from simulator.serve import (
    ASK_NAME,
    address,
    is_loopback,
    network_addresses,
    open_warning,
    page_addresses,
    port_problem,
    public_url_problem,
    served_command,
    where_to_open,
)
from simulator.store import FILE_NAME

ROOT = Path(__file__).parent.parent
PACK = ROOT / "docs" / "example-pack"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse's own exits (--help, usage errors)
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_served_command_is_this_program_in_browser_mode(tmp_path: Path) -> None:
    """The same interpreter runs `-m simulator` on the same scenarios and data, absolute,
    asking for a name, each word quoted for the shell."""
    folder = tmp_path / "a pack; rm -rf ~"
    command = served_command("/opt/py 3/python", scenarios=[folder], data=Path("rel/data"))
    assert shlex.split(command) == [
        "/opt/py 3/python",
        "-m",
        "simulator",
        "--scenarios",
        str(folder),
        "--data",
        str(Path("rel/data").absolute()),
        ASK_NAME,
    ]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("classroom.example.org", False),
    ],
)
def test_only_loopback_addresses_are_private(host: str, loopback: bool) -> None:
    """127.0.0.0/8, ::1 and localhost reach this computer only; anything else may be reached
    by others, and the teacher is warned, plainly."""
    assert is_loopback(host) is loopback
    warning = open_warning(host)
    assert bool(warning) is not loopback
    if warning:
        assert "anyone who can reach this address can open the app" in warning
        assert "any name" in warning and "\n" not in warning
    seats = open_warning(host, seats=True)
    assert bool(seats) is not loopback
    if seats:
        assert "anyone who can reach this address can join the class session" in seats
        assert "take back a member" in seats and "\n" not in seats


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000"),
        ("0.0.0.0", "http://localhost:8000"),
        ("::1", "http://[::1]:8000"),
    ],
)
def test_the_address_to_open(host: str, url: str) -> None:
    """A wildcard host is no address for a browser: this computer's own is shown instead."""
    assert address(host, 8000) == url


def test_on_every_address_the_teacher_is_told_what_students_open() -> None:
    """Served on 0.0.0.0, localhost is no address for a student: this computer's addresses on
    the network are; where none is found, the teacher is told what to look for."""
    assert where_to_open("0.0.0.0", 8124, ["10.0.0.5", "192.168.1.20"]) == (
        "Open http://localhost:8124 in a web browser. Students open http://10.0.0.5:8124 or "
        "http://192.168.1.20:8124 (this computer on their network)."
    )
    assert where_to_open("0.0.0.0", 8124, []) == (
        "Open http://localhost:8124 in a web browser. Students open this computer's address on "
        "their network, port 8124."
    )
    assert where_to_open("10.0.0.5", 8124, ["10.0.0.5"]) == (
        "Open http://10.0.0.5:8124 in a web browser."
    )
    assert all(not a.startswith("127.") for a in network_addresses())


def test_serve_help_names_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    """`serve --help` shows --host, --port, --scenarios, --data and that a name is no login."""
    status, out, _ = run(capsys, "serve", "--help")
    assert status == 0
    for option in ("--host", "--port", "--scenarios", "--data"):
        assert option in out
    assert "not a login" in " ".join(out.split())
    assert ASK_NAME not in run(capsys, "--help")[1]


def test_a_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Another program listening on the port: one line, status 2, no server."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert "already in use" in port_problem("127.0.0.1", port)
        status, out, err = run(capsys, "serve", "--port", str(port), "--data", str(tmp_path))
    assert (status, out) == (2, "")
    assert err == (
        f"council-sim: error: port {port} is already in use on 127.0.0.1: "
        "choose another with --port\n"
    )


@pytest.mark.parametrize("port", ["0", "70000"])
def test_a_port_out_of_range_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, port: str
) -> None:
    """A number that is no port is said to be one, before anything starts."""
    status, _, err = run(capsys, "serve", "--port", port, "--data", str(tmp_path))
    assert status == 2 and f"port {port} is not a port" in err


def test_a_folder_that_is_not_there_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--scenarios` naming nothing: one line, status 2, before any server or store."""
    missing = tmp_path / "missing"
    status, out, err = run(capsys, "serve", "--scenarios", str(missing))
    assert (status, out) == (2, "")
    assert err == f"council-sim: error: {missing}: no such folder\n"


def test_a_pack_file_given_for_its_folder_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`--scenarios my-pack/pack.toml`: it is there, but a file; the folder is asked for."""
    status, out, err = run(capsys, "serve", "--scenarios", str(PACK / "pack.toml"))
    assert (status, out) == (2, "")
    assert err == (
        f"council-sim: error: {PACK / 'pack.toml'} is a file: give the folder it is in with "
        "--scenarios\n"
    )


def test_a_folder_without_scenarios_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A folder with no scenario files would serve a lesson without its votes: refused."""
    status, _, err = run(capsys, "serve", "--scenarios", str(tmp_path))
    assert status == 2 and "has no scenario files" in err and err.count("\n") == 1


def test_a_pack_that_cannot_be_used_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A pack.toml with a problem: the class would get the wrong list; one line, status 2."""
    pack = tmp_path / "pack"
    pack.mkdir()
    for scenario in PACK.glob("*.toml"):
        (pack / scenario.name).write_bytes(scenario.read_bytes())
    (pack / "pack.toml").write_text('title = "A pack"\nnot toml at all [\n')
    status, _, err = run(capsys, "serve", "--scenarios", str(pack))
    assert status == 2 and "pack.toml" in err and err.count("\n") == 1


def test_serving_beyond_this_computer_warns_then_serves_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 0.0.0.0 the warning comes first, then where work is kept; the server is given the
    command built for the pack and data folder (caught here, not started)."""
    served: list[tuple[str, str, int, str | None]] = []
    monkeypatch.setattr(
        "simulator.serve.serve",
        lambda command, *, host, port, public_url: served.append((command, host, port, public_url)),
    )
    monkeypatch.setattr(cli, "port_problem", lambda host, port: "")
    data = tmp_path / "data"
    argv = ["serve", "--host", "0.0.0.0", "--port", "8123", "--scenarios", str(PACK)]
    status, out, err = run(capsys, *argv, "--data", str(data))
    assert status == 0
    assert err == open_warning("0.0.0.0") + "\n"
    assert out == f"Work is saved in {data / FILE_NAME}.\n"
    assert served == [
        (served_command(sys.executable, scenarios=[PACK], data=data), "0.0.0.0", 8123, None)
    ]
    assert (data / FILE_NAME).exists()


@contextlib.contextmanager
def served(data: Path, *options: str) -> Iterator[tuple[int, str, str, str]]:
    """`serve` started as a teacher would, on a free port: (the port, what it said first, what
    it said then, the page at its address). Stopped with SIGINT (Ctrl+C), which must end it with
    status 0 and no traceback."""
    port = free_port()
    command = ["serve", "--port", str(port), "--data", str(data), *options]
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        first, then = process.stdout.readline(), process.stdout.readline()
        page = ""
        for _ in range(100):  # the line is printed as the server starts listening
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        yield port, first, then, page
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "Traceback" not in err


def test_a_real_server_serves_the_page_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """Started as a teacher would, it serves the page at the address it prints; SIGINT (Ctrl+C)
    stops it with status 0 and no traceback."""
    with served(tmp_path) as (port, first, then, page):
        assert first == f"Work is saved in {tmp_path / FILE_NAME}.\n"
        url = f"http://127.0.0.1:{port}"
        assert then.startswith(f"Open {url} in a web browser.")
        assert "<title>UN Security Council</title>" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
        # The font comes with the page, not from a third party, so every link is to the server.
        assert "googleapis" not in page
        font = f"{url}/static/fonts/RobotoMono-VariableFont_wght.ttf"
        assert font in page
        with urllib.request.urlopen(font, timeout=10) as response:
            assert response.status == 200


def test_the_page_is_addressed_as_the_browser_asked_or_as_students_open_it() -> None:
    """Without a public address, the page's files and websocket are where the browser asked;
    behind a proxy, where students open it, over wss:// where that address is https."""
    assert page_addresses("http", "10.0.0.5:8000", None) == (
        "http://10.0.0.5:8000/static/",
        "ws://10.0.0.5:8000/ws",
    )
    assert page_addresses("https", "council.example", None) == (
        "https://council.example/static/",
        "wss://council.example/ws",
    )
    # A proxy that ends HTTPS reaches the server over plain http, on loopback.
    for public in ("https://3b.council.example", "https://3b.council.example/"):
        assert page_addresses("http", "127.0.0.1:8001", public) == (
            "https://3b.council.example/static/",
            "wss://3b.council.example/ws",
        )
    assert page_addresses("http", "127.0.0.1:8001", "http://council.example:8080/3b/") == (
        "http://council.example:8080/3b/static/",
        "ws://council.example:8080/3b/ws",
    )


@pytest.mark.parametrize(
    "url", ["3b.council.example", "ftp://council.example", "https://", "https://a.example/?x=1"]
)
def test_a_public_address_that_is_none_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str
) -> None:
    """Not an http or https address of a host (or one with a query): one line, status 2, and
    no server."""
    assert public_url_problem(url)
    status, out, err = run(capsys, "serve", "--public-url", url, "--data", str(tmp_path))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "--public-url" in err
    assert not public_url_problem("https://3b.council.example")
    assert not public_url_problem("http://10.0.0.5:8001/3b/")


def test_a_real_server_behind_a_proxy_gives_the_page_the_public_address(tmp_path: Path) -> None:
    """With --public-url https://..., the page served on loopback asks for its websocket over
    wss:// at the public address (as a browser requires on an https page), and its files
    there too; the teacher is told the address students open."""
    public = "https://3b.council.example"
    with served(tmp_path, "--public-url", public) as (port, first, then, page):
        assert first == f"Work is saved in {tmp_path / FILE_NAME}.\n"
        proxied = f"http://127.0.0.1:{port}"
        assert then.startswith(f"Students open {public} (through the proxy in front of {proxied}).")
        assert "wss://3b.council.example/ws" in page
        assert "ws://127.0.0.1" not in page
        assert f"{public}/static/fonts/RobotoMono-VariableFont_wght.ttf" in page
