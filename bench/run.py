"""How fast council-sim feels in a real terminal, as ratios against bare Textual apps in one run.

Each app runs in a pseudo-terminal of 80x24 (TERM=xterm-256color) that answers Textual's query
for synchronized output, so that every frame Textual draws ends with the marker `ESC[?2026l`.
The apps are alternated in one run (A, B, C, A, B, C...) so that all see the same load.

- Start-up: from starting the process to the end of the first frame that shows the list of
  scenarios (for the bare app: its one label). council-sim's modules are compiled first, as
  installing the package does: with PYTHONDONTWRITEBYTECODE set, every launch would otherwise
  compile them again, which no installed copy does.
- Key to screen: from writing a vote key to the pty to the end of the first frame whose text
  shows what the key did (council-sim: the verdict's banner, which the same frame draws with the
  member's vote, the tally and the reasons). Saving the vote to SQLite is part of it, as the
  student has it: council-sim runs with `--data` on a temporary folder.
- Rules: verdicts with pivotal members, and the what-if groups, counted per second.
- Memory: the peak resident memory (VmHWM) of each app after all its key presses.

- Power indices: both indices, exactly, for today's Council, the Council of 1945 and the General
  Assembly, against the `powerindex` package (floats), run in an environment of its own under
  build/bench-env/ so that it never becomes a dependency of the app, and checked to agree.

Run: python bench/run.py [--presses 500] [--launches 10] [--only terminal|power] [--no-write].
It prints the figures and puts them, with the date and the machine, in their sections of
bench/RESULTS.md (not with `--no-write`). Nothing here fails on a wall-clock time.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import json
import os
import platform
import random
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

SIZE = (80, 24)
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"
"""What a terminal with synchronized output answers: mode 2026 is supported, and reset."""
SYNC_END = b"\x1b[?2026l"
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=$ ]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")
X = "\N{MULTIPLICATION SIGN}"
"""As the ratios are written: 1.30 times."""
RESULTS = Path(__file__).with_name("RESULTS.md")
SECTION = "## In a terminal: start-up, key to screen, rules, memory (`bench/run.py`)"
SCENARIO = "2024-03-25-resolution-2728"
"""Resolution 2728, with the record loaded: the United Kingdom's vote then flips the outcome
(against: vetoed; abstain: adopted), so every measured key changes the verdict."""

BARE_LABEL = '''\
"""The baseline: a Textual app that shows one label and updates it on every key."""
from textual.app import App, ComposeResult
from textual.events import Key
from textual.widgets import Label


class Bare(App[None]):
    presses = 0

    def compose(self) -> ComposeResult:
        yield Label("bare app ready", id="label")

    def on_key(self, event: Key) -> None:
        self.presses += 1
        self.query_one(Label).update(f"key {self.presses} {event.key} ")


Bare().run()
'''

BARE_VOTE_SCREEN = '''\
"""The baseline: a screen of the vote screen's shape, with nothing of council-sim in it.

A header, a banner, a 15-row table, three panels and a footer; a vote key updates one cell and
the banner and panels, and moves the cursor down, as the vote screen does.
"""
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

CODES = "ALG CHN ECU FRA GUY JPN MLT MOZ KOR RUS SLE SVN CHE GBR USA".split()


class Shape(App[None]):
    CSS = """
    #banner { height: auto; text-align: center; background: $success; }
    #body { height: 1fr; }
    DataTable { width: auto; height: auto; max-height: 100%; border: round $primary; }
    #side { width: 1fr; padding: 0 1; }
    #side Static { height: auto; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("y", "vote('in favour')", "Yes"),
        Binding("n", "vote('against')", "No"),
        Binding("a", "vote('abstention')", "Abstain"),
        Binding("x", "vote('absent')", "Absent"),
        Binding("k", "up", "Up", show=False),
    ]
    presses = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare vote screen ready", id="banner")
        with Horizontal(id="body"):
            yield DataTable(cursor_type="row", show_header=False, id="members")
            with VerticalScroll(id="side"):
                yield Static("Tally", id="tally")
                yield Static("Why", id="why")
                yield Static("Pivotal", id="pivotal")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Member", width=22, key="member")
        table.add_column("Vote", width=14, key="vote")
        for code in CODES:
            table.add_row(code, "not yet voted", key=code)

    def action_vote(self, word: str) -> None:
        self.presses += 1
        table = self.query_one(DataTable)
        table.update_cell_at((table.cursor_row, 1), word)
        n = self.presses
        self.query_one("#banner", Static).update(f"{word.upper()} press {n}")
        self.query_one("#tally", Static).update(f"Tally: {n} presses\\nIn favour {n % 15}")
        self.query_one("#why", Static).update(f"Why: press {n} was {word}")
        self.query_one("#pivotal", Static).update(f"Pivotal: press {n}.")
        table.action_cursor_down()

    def action_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()


Shape().run()
'''


class Terminal:
    """One program in a pseudo-terminal of 80x24, read as a terminal would read it."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        columns, rows = SIZE
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,  # its own session, with the pty as its controlling terminal
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.output = bytearray()
        """Everything read since `mark`."""

    def _read(self, timeout: float) -> bool:
        """Read what there is within `timeout` seconds; False if nothing came."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the program has gone
            data = b""
        if not data:
            raise RuntimeError(f"the program ended early: {self.text()[-400:]!r}")
        if SYNC_QUERY in data:
            os.write(self.master, SYNC_REPLY)
        self.output += data
        return True

    def mark(self) -> None:
        self.output.clear()

    def text(self, upto: int | None = None) -> str:
        raw = bytes(self.output if upto is None else self.output[:upto])
        return ANSI.sub(b"", raw).decode("utf-8", "replace")

    def until_frame(self, shows: Callable[[str], bool], *, timeout: float = 30.0) -> float:
        """Read until a frame ends after which the screen's text since `mark` satisfies
        `shows`; the time, by `perf_counter`, at which that frame's end was read."""
        deadline = time.perf_counter() + timeout
        checked = 0
        while True:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no frame showed it in {timeout} s: {self.text()[-400:]!r}")
            if not self._read(0.5):
                continue
            now = time.perf_counter()
            end = self.output.rfind(SYNC_END)
            if end > checked:
                checked = end
                if shows(self.text(end)):
                    return now

    def settle(self, quiet: float = 0.04) -> None:
        """Read until nothing has come for `quiet` seconds: the key's last frames are in."""
        while self._read(quiet):
            pass

    def press(self, key: bytes, shows: Callable[[str], bool]) -> float:
        """Seconds from writing `key` to the end of the first frame that shows what it did."""
        self.settle()
        self.mark()
        start = time.perf_counter()
        os.write(self.master, key)
        return self.until_frame(shows) - start

    def peak_memory_mib(self) -> float:
        """The process's peak resident memory (Linux: VmHWM), in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self.master)


@dataclass
class App:
    """One of the programs compared: how to start it, what it shows, and the times measured."""

    name: str
    argv: list[str]
    ready: Callable[[str], bool]
    """The screen shows the program ready (council-sim: the list of scenarios)."""
    starts: list[float] = field(default_factory=list)
    keys: list[float] = field(default_factory=list)
    peak_mib: float = 0.0


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
    env.update(TERM="xterm-256color", COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    env["COUNCIL_SIM_DATA"] = str(data)
    return env


def compile_package() -> None:
    """Compile council-sim's modules, as installing it does, so that no launch compiles them."""
    import simulator

    compileall.compile_dir(Path(simulator.__file__).parent, quiet=1)


def measure_start_up(apps: Sequence[App], launches: int, env: dict[str, str]) -> None:
    """Start each app in turn, `launches` times, after one start each to warm the disk cache."""
    for round_ in range(launches + 1):
        for app in apps:
            terminal = Terminal(app.argv, env)
            try:
                seconds = terminal.until_frame(app.ready) - terminal.started
            finally:
                terminal.close()
            if round_:
                app.starts.append(seconds)


@dataclass(frozen=True)
class Press:
    """A key, and what the screen shows once it has acted."""

    key: bytes
    shows: Callable[[str], bool]
    timed: bool = True


def _council_presses(n: int) -> list[Press]:
    # On the United Kingdom: n vetoes the draft, a adopts it; each moves on to the United
    # States, and k comes back (not timed: it only moves the cursor).
    vetoed = Press(b"n", lambda text: "vetoed by the United Kingdom" in text)
    adopted = Press(b"a", lambda text: re.search(r"(?<!NOT )ADOPTED", text) is not None)
    back = Press(b"k", lambda text: True, timed=False)
    return [[vetoed, back, adopted, back][i % 4] for i in range(n)]


def _shows(expected: str) -> Callable[[str], bool]:
    return lambda text: expected in text


def _bare_presses(n: int, *, every_key: bool) -> list[Press]:
    """The same keys for a bare app, which numbers what it shows: the label, every key; the
    vote screen, every vote."""
    words = [(b"n", "against"), (b"k", ""), (b"a", "abstention"), (b"k", "")]
    presses = []
    count = 0
    for i in range(n):
        key, word = words[i % 4]
        if every_key or word:
            count += 1
        expected = f"key {count} " if every_key else f"Pivotal: press {count}."
        if word:
            presses.append(Press(key, _shows(expected)))
        else:
            presses.append(Press(key, lambda text: True, timed=False))
    return presses


def _council_ready_for_votes(terminal: Terminal) -> None:
    """Load the record, then move to the United Kingdom, next to last."""
    terminal.press(b"h", lambda text: re.search(r"(?<!NOT )ADOPTED", text) is not None)
    terminal.press(b"\x1b[F", lambda text: True)  # end: the United States
    terminal.press(b"k", lambda text: True)


@dataclass(frozen=True)
class Rules:
    verdicts_per_second: float
    flips_per_second: float


def measure_rules() -> Rules:
    """Verdicts with pivotal members, and what-if groups, on random ballots of 15 members."""
    from simulator.rules import Ballot, Vote, count
    from simulator.scenarios import load_catalogue
    from simulator.whatif import flip

    scenario = load_catalogue().get(SCENARIO)
    assert scenario is not None
    rng = random.Random(0)
    ballots: list[Ballot] = [
        scenario.ballot().cast_all({m.code: rng.choice(list(Vote)) for m in scenario.members})
        for _ in range(200)
    ]

    def per_second(work: Callable[[Ballot], object]) -> float:
        def run() -> None:
            for ballot in ballots:
                work(ballot)

        best = min(timeit.repeat(run, number=3, repeat=5))
        return 3 * len(ballots) / best

    return Rules(per_second(count), per_second(flip))


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _machine() -> str:
    import textual

    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f" and {kib / 1024 / 1024:.0f} GiB"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.system()} machine with {os.cpu_count()} cores{memory}, Python "
        f"{platform.python_version()}, Textual {textual.__version__}; load average "
        f"{load:.2f} at the start"
    )


def report(apps: Sequence[App], rules: Rules, presses: int, launches: int, machine: str) -> str:
    council, label, shape = apps
    ms = 1000.0

    def med(values: list[float]) -> float:
        return statistics.median(values)

    def p95(values: list[float]) -> float:
        return _quantile(values, 0.95)

    timed = len(council.keys)
    c_start, b_start, s_start = med(council.starts), med(label.starts), med(shape.starts)
    today = date.today()
    lines = [
        f"Measured on {today.day} {today:%B %Y}, on a {machine}.",
        "",
        f"Start-up, median of {launches} launches each, alternated:",
        "",
        "| | council-sim | bare app (one label) | ratio | bare vote screen | ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| to the first screen | {c_start:.2f} s | {b_start:.2f} s | {c_start / b_start:.2f}{X} "
        f"| {s_start:.2f} s | {c_start / s_start:.2f}{X} |",
        "",
        f"(The first screen: council-sim's list of scenarios; the bare app's label; the bare vote "
        f"screen's table of fifteen rows. The bare vote screen, with nothing of council-sim in "
        f"it, starts in {s_start / b_start:.2f}{X} the bare app's time.)",
        "",
        f"Key to screen, {timed} vote keys each ({presses} keys in all, alternated):",
        "",
        "| | council-sim | bare app (one label) | ratio | bare vote screen | ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for what, fn in (("median", med), ("95th percentile", p95), ("slowest", max)):
        c, b, s = fn(council.keys), fn(label.keys), fn(shape.keys)
        lines.append(
            f"| {what} | {c * ms:.1f} ms | {b * ms:.1f} ms | {c / b:.2f}{X} | {s * ms:.1f} ms "
            f"| {c / s:.2f}{X} |"
        )
    lines += [
        "",
        f"Memory, peak resident (VmHWM) after {presses} keys:",
        "",
        "| | council-sim | bare app (one label) | ratio | bare vote screen | ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| peak resident memory | {council.peak_mib:.0f} MiB | {label.peak_mib:.0f} MiB "
        f"| {council.peak_mib / label.peak_mib:.2f}{X} | {shape.peak_mib:.0f} MiB "
        f"| {council.peak_mib / shape.peak_mib:.2f}{X} |",
        "",
        "Rules, 15 members, random ballots:",
        "",
        f"- verdicts with pivotal members: {rules.verdicts_per_second:,.0f} per second "
        f"({1e6 / rules.verdicts_per_second:.0f} µs each)",
        f"- what-if groups (the smallest change that flips it): "
        f"{rules.flips_per_second:,.0f} per second ({1e6 / rules.flips_per_second:.0f} µs each)",
    ]
    return "\n".join(lines)


def targets(apps: Sequence[App], started: float) -> str:
    council, label, shape = apps
    start_ratio = statistics.median(council.starts) / statistics.median(label.starts)
    p95 = _quantile(council.keys, 0.95) * 1000
    median_ratio = statistics.median(council.keys) / statistics.median(shape.keys)

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    return "\n".join(
        [
            "Targets:",
            "",
            f"- start-up at most 1.3{X} the bare app: {start_ratio:.2f}{X}, "
            f"{met(start_ratio <= 1.3)}",
            f"- key to screen, 95th percentile under one 60 Hz frame (16.7 ms): {p95:.1f} ms, "
            f"{met(p95 < 16.7)}",
            f"- key to screen, median at most 1.3{X} the bare vote screen: {median_ratio:.2f}{X}, "
            f"{met(median_ratio <= 1.3)}",
            "",
            f"(The run took {time.perf_counter() - started:.0f} s.)",
        ]
    )


BEGIN = "<!-- bench/run.py writes the figures from here -->"
END = "<!-- to here -->"


def write_results(
    figures: str, *, begin: str = BEGIN, end: str = END, section: str = SECTION
) -> None:
    """Put the figures in their section of bench/RESULTS.md, between its markers; the words
    around them, and the other sections, stay as they are."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n"
    block = f"{begin}\n\n{figures}\n\n{end}"
    if begin in text and end in text:
        head, _, rest = text.partition(begin)
        _, _, tail = rest.partition(end)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + f"\n\n{section}\n\n{block}\n"
    RESULTS.write_text(text, "utf-8")


# --- Power indices, against the powerindex package ----------------------------------------------

POWER_SECTION = "## Power indices, exactly, against `powerindex` (`bench/run.py --only power`)"
POWER_BEGIN = "<!-- bench/run.py writes the power figures from here -->"
POWER_END = "<!-- to here, the power figures -->"
BENCH_ENV = Path(__file__).resolve().parent.parent / "build" / "bench-env"
"""The peer's own environment: powerindex is installed there, never beside the app."""
PEER = "powerindex"

PEER_SCRIPT = '''\
"""Time the powerindex package on each game given as JSON on stdin; print JSON on stdout."""
import json
import sys
import time
import timeit
from importlib.metadata import version

import powerindex


def timed(game, method):
    """(seconds per call, the values) for one index; (seconds to fail, the error) if it fails."""
    def once():
        g = powerindex.Game(game["quota"], list(game["weights"]))
        getattr(g, method)()
        return g

    started = time.perf_counter()
    try:
        once()
    except Exception as error:  # the answer to report: how it fails, and after how long
        failed = f"{type(error).__name__}: {error}"
        return {"seconds": time.perf_counter() - started, "error": failed}
    timer = timeit.Timer(once)
    number, _ = timer.autorange()
    seconds = min(timer.repeat(repeat=5, number=number)) / number
    g = once()
    values = g.banzhaf if method == "calc_banzhaf" else g.shapley_shubik
    return {"seconds": seconds, "values": list(values)}


games = json.load(sys.stdin)
answers = [
    {
        "banzhaf": timed(game, "calc_banzhaf"),
        "shapley_shubik": timed(game, "calc_shapley_shubik"),
    }
    for game in games
]
print(json.dumps({"version": version("powerindex"), "games": answers}))
'''


@dataclass(frozen=True)
class PowerGame:
    """A game timed both ways: ours as the Charter has it, the peer's as plain weights."""

    name: str
    weights: tuple[int, ...]
    quota: int
    vetoes: frozenset[int]
    peer_weights: tuple[int, ...]
    """powerindex has no veto: a permanent member weighs so much that no coalition reaches the
    quota without all five, which is the same game (tests/test_power.py checks it)."""
    peer_quota: int


def power_games() -> list[PowerGame]:
    from simulator.power import assembly_game, council_game, council_of
    from simulator.rules import Decision, RuleSet

    games = []
    # Today: 7 for each permanent member, 1 for each elected; 39 = 5 x 7 + 4, while four
    # permanent members and all ten elected hold 38. In 1945: 5 and 1, 27 = 5 x 5 + 2 > 4 x 5 + 6.
    for name, rules, weight, quota in (
        ("today's Council (15 members, nine votes, five vetoes)", RuleSet.CHARTER_1965, 7, 39),
        ("the Council of 1945 (11 members, seven votes, five vetoes)", RuleSet.CHARTER_1945, 5, 27),
    ):
        game = council_game(council_of(rules), Decision.SUBSTANTIVE, rules)
        peer = tuple(weight if i in game.vetoes else 1 for i in range(len(game.weights)))
        games.append(PowerGame(name, game.weights, game.quota, game.vetoes, peer, quota))
    for name, two_thirds in (
        ("the General Assembly (193 members, a simple majority)", False),
        ("the General Assembly (193 members, two-thirds)", True),
    ):
        game = assembly_game(two_thirds=two_thirds)
        games.append(
            PowerGame(name, game.weights, game.quota, game.vetoes, game.weights, game.quota)
        )
    return games


def _bench_python() -> Path | None:
    """The bench environment's interpreter, with powerindex installed in it (made the first
    time); None, after saying why, if the package cannot be had."""
    python = BENCH_ENV / "bin" / "python"
    if not python.exists():
        done = subprocess.run([sys.executable, "-m", "venv", str(BENCH_ENV)], check=False)
        if done.returncode:
            print(f"Skipping {PEER}: could not make an environment for it in {BENCH_ENV}.")
            return None
    found = subprocess.run([str(python), "-c", f"import {PEER}"], capture_output=True, check=False)
    if found.returncode:
        print(f"Installing {PEER} into {BENCH_ENV} (once), for the comparison only ...")
        installed = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", PEER],
            capture_output=True,
            text=True,
            check=False,
        )
        if installed.returncode:
            reason = (installed.stderr.strip().splitlines() or ["no reason given"])[-1]
            print(f"Skipping {PEER}: pip could not install it ({reason}).")
            return None
    return python


@dataclass(frozen=True)
class PowerTiming:
    game: PowerGame
    ours: float
    """Seconds for both indices, exactly."""
    shapley_shubik: tuple[Fraction, ...]
    banzhaf: tuple[Fraction, ...]
    peer: dict[str, dict[str, Any]] | None
    """The peer's answer for each index: seconds and values, or seconds and an error."""


def _time_ours(game: PowerGame) -> tuple[float, tuple[Fraction, ...], tuple[Fraction, ...]]:
    from simulator.power import Game, Power, indices

    def once() -> tuple[Power, ...]:
        # The game is made in each call, as the peer's is.
        return indices(Game(game.weights, game.quota, game.vetoes))

    timer = timeit.Timer(once)
    number, _ = timer.autorange()
    seconds = min(timer.repeat(repeat=5, number=number)) / number
    powers = once()
    return (
        seconds,
        tuple(p.shapley_shubik for p in powers),
        tuple(p.banzhaf for p in powers),
    )


def measure_power() -> tuple[list[PowerTiming], str]:
    """Time both indices ours and the peer's on each game; the peer's version, or why not."""
    games = power_games()
    python = _bench_python()
    answers: list[dict[str, dict[str, Any]] | None] = [None] * len(games)
    peer = f"{PEER} not run"
    if python is not None:
        payload = json.dumps(
            [{"weights": list(g.peer_weights), "quota": g.peer_quota} for g in games]
        )
        ran = subprocess.run(
            [str(python), "-c", PEER_SCRIPT],
            input=payload,
            capture_output=True,
            text=True,
            check=False,
        )
        if ran.returncode:
            reason = (ran.stderr.strip().splitlines() or ["no reason given"])[-1]
            print(f"Skipping {PEER}: its timing stopped ({reason}).")
        else:
            result = json.loads(ran.stdout)
            answers = result["games"]
            peer = f"{PEER} {result['version']}"
    timings = []
    for game, answer in zip(games, answers, strict=True):
        seconds, shapley, banzhaf = _time_ours(game)
        timings.append(PowerTiming(game, seconds, shapley, banzhaf, answer))
    return timings, peer


AGREE = 1e-9
"""How close the peer's floats must come to the exact fractions."""
AGREE_WORDS = "1e-9"


def _agreement(exact: Sequence[Fraction], answer: dict[str, Any]) -> str:
    """Whether the peer's index agrees with ours, or how it failed."""
    if "error" in answer:
        return f"fails after {answer['seconds']:.2f} s ({answer['error']})"
    values = answer["values"]
    worst = max(abs(float(x) - v) for x, v in zip(exact, values, strict=True))
    if worst <= AGREE:
        return f"agrees (within {AGREE_WORDS})"
    return f"DISAGREES (by up to {worst:.3g})"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms" if seconds < 0.01 else f"{seconds * 1000:.1f} ms"


def power_report(timings: Sequence[PowerTiming], peer: str, machine: str) -> str:
    today = date.today()
    lines = [
        f"Measured on {today.day} {today:%B %Y}, on a {machine}; {peer}.",
        "",
        f"Both indices for each game: council-sim exactly, as fractions; {PEER} in floats. "
        "Times are the best of five runs of as many calls as fill 0.2 s.",
        "",
        f"| game | council-sim | {PEER} | ratio | {PEER}'s Shapley-Shubik | {PEER}'s Banzhaf |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    ratios: dict[str, float] = {}
    for timing in timings:
        answer = timing.peer
        if answer is None:
            lines.append(f"| {timing.game.name} | {_ms(timing.ours)} | not run | | | |")
            continue
        shapley, banzhaf = answer["shapley_shubik"], answer["banzhaf"]
        if "error" in shapley or "error" in banzhaf:
            # Its one answer, against both of ours: what it can do, at the least.
            answered = [a for a in (shapley, banzhaf) if "error" not in a]
            theirs = " + ".join(_ms(a["seconds"]) for a in answered) or "no answer"
            theirs = f"{theirs} (one index only)" if answered else theirs
            ratio = f"{answered[0]['seconds'] / timing.ours:.0f}{X} (one index)" if answered else ""
        else:
            both = shapley["seconds"] + banzhaf["seconds"]
            ratios[timing.game.name] = both / timing.ours
            theirs, ratio = _ms(both), f"{both / timing.ours:.0f}{X}"
        lines.append(
            f"| {timing.game.name} | {_ms(timing.ours)} | {theirs} | {ratio} "
            f"| {_agreement(timing.shapley_shubik, shapley)} "
            f"| {_agreement(timing.banzhaf, banzhaf)} |"
        )
    council = timings[0]
    lines += ["", "Targets:", ""]
    if council.game.name in ratios:
        faster = ratios[council.game.name]
        lines.append(
            f"- at least 10{X} faster than {PEER} on today's Council: {faster:.0f}{X}, "
            f"{'met' if faster >= 10 else 'NOT met'}"
        )
    else:
        lines.append(f"- at least 10{X} faster than {PEER} on today's Council: not measured")
    failed = [
        t.game.name
        for t in timings
        if t.peer is not None and any("error" in a for a in t.peer.values())
    ]
    if failed:
        lines.append(
            f"- exact where {PEER} fails: {'; '.join(failed)}: council-sim gives every index "
            "there as an exact fraction"
        )
    disagreeing = [
        t.game.name
        for t in timings
        if t.peer is not None
        and any(
            "DISAGREES" in _agreement(exact, t.peer[key])
            for key, exact in (("shapley_shubik", t.shapley_shubik), ("banzhaf", t.banzhaf))
        )
    ]
    agreement = "; ".join(disagreeing) or "none"
    if all(t.peer is None for t in timings):
        agreement = "not compared"
    lines.append(
        f"- games where {PEER} answers but disagrees by more than {AGREE_WORDS}: {agreement}"
    )
    return "\n".join(lines)


def run_power(*, write: bool) -> None:
    timings, peer = measure_power()
    text = power_report(timings, peer, _machine())
    print(text)
    if write:
        write_results(text, begin=POWER_BEGIN, end=POWER_END, section=POWER_SECTION)
        print(f"\nWritten to {RESULTS}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--presses", type=int, default=500, help="keys pressed in each app")
    parser.add_argument("--launches", type=int, default=10, help="starts of each app")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--only",
        choices=["terminal", "power"],
        help="run one section: the app in a terminal, or the power indices against powerindex",
    )
    options = parser.parse_args(argv)
    if options.presses % 4:
        parser.error("--presses must be a multiple of 4 (vote, back, vote, back)")
    if options.only != "power":
        run_terminal(options)
    if options.only != "terminal":
        run_power(write=not options.no_write)


def run_terminal(options: argparse.Namespace) -> None:
    """The app in a pseudo-terminal against bare Textual apps, and the rules per second."""
    started = time.perf_counter()
    machine = _machine()

    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        (here / "bare_label.py").write_text(BARE_LABEL)
        (here / "bare_vote_screen.py").write_text(BARE_VOTE_SCREEN)
        python = sys.executable
        council_list = App(
            "council-sim",
            [python, "-m", "simulator", "--data", str(here / "data")],
            lambda text: "2021-05-17" in text and "2021-05-19" in text,
        )
        label = App("bare", [python, str(here / "bare_label.py")], lambda t: "bare app ready" in t)
        # Started too, to its table of fifteen rows: what a screen of this kind costs Textual.
        shape_table = App(
            "bare vote screen",
            [python, str(here / "bare_vote_screen.py")],
            lambda text: "bare vote screen ready" in text and "USA" in text,  # its last row
        )
        compile_package()
        measure_start_up([council_list, label, shape_table], options.launches, _env(here / "data"))

        council = App(
            "council-sim",
            [python, "-m", "simulator", "--data", str(here / "keys"), "open", SCENARIO],
            lambda text: "Resolution 2728" in text,
        )
        shape = App(
            "bare vote screen",
            [python, str(here / "bare_vote_screen.py")],
            lambda text: "bare vote screen ready" in text,
        )
        apps = [council, label, shape]
        env = _env(here / "keys")
        n = options.presses
        scripts = [
            _council_presses(n),
            _bare_presses(n, every_key=True),
            _bare_presses(n, every_key=False),
        ]
        measure_keys(apps, scripts, env, prepare={0: _council_ready_for_votes})
        council.starts, shape.starts = council_list.starts, shape_table.starts

    rules = measure_rules()
    table = report(apps, rules, n, options.launches, machine)
    text = table + "\n\n" + targets(apps, started)
    print(text)
    if not options.no_write:
        write_results(text)
        print(f"\nWritten to {RESULTS}")


def measure_keys(
    apps: Sequence[App],
    scripts: Sequence[list[Press]],
    env: dict[str, str],
    *,
    prepare: dict[int, Callable[[Terminal], None]],
) -> None:
    """Start every app, bring each to its first vote (`prepare`, by the app's place), then
    press their keys in turn: one key in each app, then the next."""
    terminals: list[Terminal] = []
    try:
        for index, app in enumerate(apps):
            terminal = Terminal(app.argv, env)
            terminals.append(terminal)
            terminal.until_frame(app.ready)
            if index in prepare:
                prepare[index](terminal)
        for presses in zip(*scripts, strict=True):
            for app, terminal, press in zip(apps, terminals, presses, strict=True):
                seconds = terminal.press(press.key, press.shows)
                if press.timed:
                    app.keys.append(seconds)
        for app, terminal in zip(apps, terminals, strict=True):
            terminal.settle()
            app.peak_mib = terminal.peak_memory_mib()
    finally:
        for terminal in terminals:
            terminal.close()


if __name__ == "__main__":
    main()
