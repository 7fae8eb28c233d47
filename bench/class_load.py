"""A class under load: thirty students changing their votes every 100 ms, on the real screens.

A session has fifteen seats, so thirty students are two class sessions in one data folder, as a
class of thirty splits into two Councils, or two classes share one server. Each student is a
process of its own: `council-sim class join CODE --name NAME` in a pseudo-terminal of 80x24 (the
`Terminal` of `bench/run.py`), driven by writing vote keys; each session's chair is
`council-sim class chair CODE --chair TOKEN` in a pseudo-terminal of its own. The chair keeps
each member for its student beforehand (`assign_seat`), so each student takes their own with
enter, and the chair opens the vote with its own key.

Then every student writes a vote key every `--interval` seconds (the next of yes, no, abstain,
absent: each key changes the vote), for `--seconds`, their keys spread evenly over the interval.
What is timed: from writing a key to a student's pty to the end of the first frame of their
chair's screen whose roll shows that member's new vote (the pty answers Textual's question for
synchronized output, so each frame ends with `ESC[?2026l`, and each chair's output is read into
a screen of 80x24 at each frame's end). With four votes, one vote on screen could be one of
several keys; so the benchmark's own copy of the database logs each vote written, with its time
(a trigger; the app is unchanged), and each key is matched to its write (the n-th key of a
student to the n-th write of its member, which also checks that no key was lost on the way),
and each write to the first frame that shows it (or a later write of the same vote: what the
screen shows then is the student's vote). A vote changed again before any frame showed it was
superseded, and is counted apart, never as lost. So the time splits in two: the key to the
store (the student's screen), and the store to the chair's frame.

At the end: the store is read, and every member's vote there must be the last its student cast
(no lost vote); no process may have ended or said an error; every screen (each chair's and each
student's last frame) must show the store's votes.

Then the same load again, with students that are processes writing through `Store.change_class`
directly, as a student's app does, without drawing: the store's own capacity, apart from the
screens' cost. The chairs are the real screens in both runs.

Run: python bench/class_load.py [--seconds 60] [--students 30] [--interval 0.1]
[--only screens|direct] [--no-write].
It prints a table and puts it, with the date and the machine, in its section of
bench/RESULTS.md (not with `--no-write`). Nothing here fails on a wall-clock time.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import select
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.cells import cell_len
from run import (
    ANSI,
    RESULTS,
    SIZE,
    SYNC_END,
    Terminal,
    X,
    _env,
    _machine,
    _quantile,
    compile_package,
    write_results,
)

from simulator import session as rules
from simulator.rules import Vote
from simulator.scenarios import Scenario, load_catalogue
from simulator.store import FILE_NAME, Store, StoreError

SCENARIO = "2024-03-25-resolution-2728"
"""Resolution 2728: fifteen members, none a party that must abstain, so every key counts."""

SEATS = 15
STALLED = 30.0
"""Seconds with no vote written, after the last key, from which the keys not written yet will
never be: the run stops waiting for them (and says how many)."""
CYCLE = (Vote.IN_FAVOUR, Vote.AGAINST, Vote.ABSTENTION, Vote.ABSENT)
"""Each student's votes in turn: each differs from the one before, so each key is a change."""
KEYS = {Vote.IN_FAVOUR: b"y", Vote.AGAINST: b"n", Vote.ABSTENTION: b"a", Vote.ABSENT: b"x"}

SECTION = "## A class under load: thirty students voting at once (`bench/class_load.py`)"
BEGIN = "<!-- bench/class_load.py writes the figures from here -->"
END = "<!-- to here, the class under load -->"

CHAIR_ROLL_COLUMNS = 41
"""The chair's roll at 80 columns: code, mark, student and vote; the side pane starts after."""
SEAT_ROLL_COLUMNS = 45
"""The student's members table at 80 columns, its two borders included."""

TROUBLE = (
    "Traceback",
    "locked",
    "not yours",
    "Your member",
    "Not taken",
    "Not cast",
    "Nothing was changed",
    "cannot be read",
    "Not read",
    "unexpected error",
    "no longer yours",
    "no longer in the data folder",
)
"""What a screen says when something went wrong: a refusal, a store it could not use, a crash."""


# A terminal's screen, from what the program wrote to it


_TOKEN = re.compile(
    rb"\x1b\[([0-9;?<>=$ ]*)([A-Za-z~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]"
    rb"|\x1b.|[\r\n\b]|[^\x1b\r\n\b]+"
)
_WHOLE = re.compile(
    rb"\x1b(\[[0-9;?<>=$ ]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[^\[\]()])"
)
"""An escape sequence read to its end: one that is not may end in the next read."""


class Screen:
    """The characters on a terminal of `width` x `height`, as the bytes written to it leave them.

    Enough of a terminal for Textual's output: it moves the cursor with `ESC[row;colH`, and
    ends lines with CR LF; colours and modes are read past. A wide character takes two cells.
    """

    def __init__(self, width: int = SIZE[0], height: int = SIZE[1]) -> None:
        self.width, self.height = width, height
        self._cells = [[" "] * width for _ in range(height)]
        self._x = self._y = 0
        self._rest = b""
        """The end of the last bytes fed, if it may be the start of an escape sequence."""
        self._text = codecs.getincrementaldecoder("utf-8")("replace")
        """UTF-8, with a character split between two reads kept for the next."""

    def feed(self, data: bytes) -> None:
        data = self._rest + data
        cut = data.rfind(b"\x1b")
        if cut != -1 and cut > len(data) - 64 and not _WHOLE.match(data, cut):
            data, self._rest = data[:cut], data[cut:]
        else:
            self._rest = b""
        for match in _TOKEN.finditer(data):
            token = match.group(0)
            final = match.group(2)
            if final is not None:
                if final in (b"H", b"f") and b"?" not in match.group(1):
                    numbers = [int(n) if n else 1 for n in match.group(1).split(b";")]
                    row, column = [*numbers, 1, 1][:2]
                    self._y = min(self.height - 1, max(0, row - 1))
                    self._x = min(self.width - 1, max(0, column - 1))
            elif token == b"\r":
                self._x = 0
            elif token == b"\n":
                self._y = min(self.height - 1, self._y + 1)
            elif token == b"\b":
                self._x = max(0, self._x - 1)
            elif not token.startswith(b"\x1b"):
                self._write(self._text.decode(token))

    def _write(self, text: str) -> None:
        row = self._cells[self._y]
        for character in text:
            width = cell_len(character)
            if not width:
                continue
            if self._x < self.width:
                row[self._x] = character
            for extra in range(1, width):
                if self._x + extra < self.width:
                    row[self._x + extra] = ""
            self._x += width

    def lines(self) -> list[str]:
        return ["".join(row) for row in self._cells]


def vote_labels(scenario: Scenario) -> dict[str, Vote | None]:
    """The words the screens use for each vote on this scenario, and for no vote yet."""
    labels: dict[str, Vote | None] = {
        scenario.decision.vote_label(vote, short=True): vote for vote in Vote
    }
    labels["not yet"] = None  # the chair's roll; the student's says "not yet voted"
    return labels


def shown_votes(
    lines: Sequence[str], codes: Iterable[str], labels: Mapping[str, Vote | None], columns: int
) -> dict[str, Vote | None]:
    """Each member's vote as a roll on screen shows it, read from the row with its code (in
    the first `columns` of each line); a member whose row is not on screen is left out."""
    shown: dict[str, Vote | None] = {}
    by_length = sorted(labels, key=len, reverse=True)
    for code in codes:
        pattern = re.compile(rf"(?<![A-Z]){code}(?![A-Z])")
        for line in lines:
            found = pattern.search(line[:columns])
            if found is None:
                continue
            rest = line[found.end() : columns]
            label = next((label for label in by_length if label in rest), None)
            if label is not None:
                shown[code] = labels[label]
                break
    return shown


# Matching the chair's frames to the keys, through the store's own record of its writes


WRITE_LOG = (
    "CREATE TABLE bench_writes (code TEXT, member TEXT, vote TEXT, at REAL)",
    "CREATE TRIGGER bench_cast AFTER INSERT ON class_votes BEGIN "
    "INSERT INTO bench_writes VALUES (NEW.code, NEW.member, NEW.vote, julianday('now')); END",
    "CREATE TRIGGER bench_changed AFTER UPDATE OF vote ON class_votes BEGIN "
    "INSERT INTO bench_writes VALUES (NEW.code, NEW.member, NEW.vote, julianday('now')); END",
)
"""Added to the benchmark's own database (the app's code is unchanged): each vote written, with
when its transaction wrote it, to the millisecond, so each key can be followed to the store,
and from there to the chair's screen, without guessing which of two keys of the same vote a
frame shows. Members are unique across the sessions of one run (each has its own members)."""


@dataclass(frozen=True)
class Cast:
    """A vote: which, and when (`time.perf_counter`): a key written, or a write to the store."""

    vote: Vote
    at: float


@dataclass
class Reached:
    """One member's votes, followed from the key to the store to the chair's screen."""

    to_store: list[tuple[float, float]] = field(default_factory=list)
    """For every key written: (when it was written, seconds from it to its write in the store)."""
    to_chair: list[tuple[float, float, float]] = field(default_factory=list)
    """For each vote a chair's frame showed: (when the key was written, seconds from the key to
    the end of that frame, seconds from the store's write to it)."""
    superseded: int = 0
    """Written, and changed again before any of the chair's frames showed it."""
    never_shown: int = 0
    """Written after the last vote a frame showed: none, once the screens have caught up."""
    stood: int = 0
    """The last write, when no frame came after it because the chair's screen showed its vote
    already (the votes between were changed again before a frame): the screen had nothing to
    draw, and its last frame shows the write."""
    keys_not_written: bool = False
    """The store has a write that no key cast, in order."""
    dropped: int = 0
    """Keys whose vote never reached the store, though a later key's did."""
    unwritten: int = 0
    """Keys not (yet) written to the store: the last ones, when the screen is behind."""


def follow(
    keys: Sequence[Cast],
    writes: Sequence[Cast],
    frames: Iterable[tuple[float, Vote | None]],
    final: Vote | str | None = "not read",
) -> Reached:
    """Match each of one member's keys to its write in the store (in order: the n-th to the
    n-th, unless a key's vote never reached the store, which is counted as dropped), and each
    write to the first of the chair's frames (`(end, vote shown)`, in order) that shows it or a
    later write of the same vote: a frame shows the newest vote it can, and the writes before
    that one, never shown, were superseded.

    `final` is the member's vote on the chair's screen at the end. Where it is the last
    write's, and no frame came after that write, the screen had nothing to draw: it showed that
    vote already, the votes between were changed again before a frame, and the write stood."""
    reached = Reached()
    matched: list[Cast] = []
    at = 0
    for write in writes:  # each write to the next key of its vote: keys skipped were dropped
        while at < len(keys) and keys[at].vote is not write.vote:
            at += 1
        if at == len(keys):
            break
        matched.append(keys[at])
        at += 1
    if len(matched) < len(writes):
        reached.keys_not_written = True
        matched = list(writes)  # a write no key cast: timed from the store alone
    else:
        reached.dropped = at - len(matched)
        reached.unwritten = len(keys) - at
    keys = matched
    reached.to_store = [(k.at, w.at - k.at) for k, w in zip(keys, writes, strict=True)]
    upto = 0
    for end, vote in frames:
        newest = None
        for index in range(upto, len(writes)):
            if writes[index].at > end:
                break
            if writes[index].vote is vote:
                newest = index
        if newest is None:
            continue
        reached.to_chair.append((keys[newest].at, end - keys[newest].at, end - writes[newest].at))
        reached.superseded += newest - upto
        upto = newest + 1
    rest = len(writes) - upto
    if rest and final is writes[-1].vote:
        reached.superseded += rest - 1
        reached.stood = 1
    else:
        reached.never_shown = rest
    return reached


def read_writes(path: Path, offset: float) -> dict[tuple[str, str], list[Cast]]:
    """The store's log of vote writes, by session and member, in order; times moved to
    `perf_counter`'s clock by `offset` (`time.time() - time.perf_counter()`)."""
    writes: dict[tuple[str, str], list[Cast]] = {}
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT code, member, vote, at FROM bench_writes ORDER BY rowid")
        for code, member, word, day in rows:
            at = (day - 2440587.5) * 86400.0 - offset
            writes.setdefault((code, member), []).append(Cast(Vote(word), at))
    finally:
        db.close()
    return writes


def count_writes(path: Path) -> dict[tuple[str, str], int]:
    """How many votes the store's log has for each session and member."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT code, member, count(*) FROM bench_writes GROUP BY code, member")
        return {(code, member): count for code, member, count in rows}
    finally:
        db.close()


def keep_write_log(path: Path) -> None:
    """Add the log of vote writes (`WRITE_LOG`) to the benchmark's database."""
    db = sqlite3.connect(path)
    try:
        for statement in WRITE_LOG:
            db.execute(statement)
        db.commit()
    finally:
        db.close()


# Setting up: two sessions, each member kept for its student


@dataclass(frozen=True)
class Student:
    code: str
    member: str
    name: str
    seat: str
    """The seat's token, for a student writing to the store directly; '' for a screen."""


@dataclass(frozen=True)
class Session:
    code: str
    chair: str
    students: tuple[Student, ...]


def make_sessions(store: Store, scenario: Scenario, students: int, *, take: bool) -> list[Session]:
    """Sessions of up to fifteen students each on `scenario`, every member kept for its
    student by the chair (to take by joining with the name), or, with `take`, taken already
    with a token of its own; the vote is not open yet."""
    sessions = []
    for first in range(0, students, SEATS):
        chair = rules.new_token()
        session = rules.start(scenario, chair=chair, code=rules.new_code())
        while not store.start_class(session):
            session = rules.start(scenario, chair=chair, code=rules.new_code())
        seated = []
        for number, member in enumerate(scenario.members[: students - first], start=first + 1):
            student = Student(session.code, member.code, f"Student {number:02d}", "")
            if take:
                student = Student(student.code, student.member, student.name, rules.new_token())
            store.change_class(session.code, _seating(scenario, chair, student))
            seated.append(student)
        sessions.append(Session(session.code, chair, tuple(seated)))
    return sessions


def _seating(
    scenario: Scenario, chair: str, student: Student
) -> Callable[[rules.ClassSession], rules.ClassSession]:
    """The rule that seats `student`: taken with its token, or kept for it by the chair."""
    if student.seat:
        return lambda s: rules.take_seat(s, scenario, student.member, student.name, student.seat)
    return lambda s: rules.assign_seat(s, scenario, chair, student.member, student.name)


# A student that writes to the store directly (--direct), in a process of its own


def direct_student(
    data: Path, code: str, seat: str, start: float, seconds: float, interval: float, first: int
) -> None:
    """Cast the next vote of `CYCLE` every `interval` from `start` (by `time.perf_counter`,
    which is the system's monotonic clock on Linux, the same in every process) for `seconds`;
    print, as JSON, each vote with when its write began and ended, and any error."""
    scenario = load_catalogue().get(SCENARIO)
    assert scenario is not None
    casts: list[tuple[str, float, float]] = []
    errors: list[str] = []
    with Store.open(data / FILE_NAME) as store:
        number = first
        while True:
            due = start + (number - first) * interval
            if due >= start + seconds:
                break
            time.sleep(max(0.0, due - time.perf_counter()))
            vote = CYCLE[number % len(CYCLE)]
            began = time.perf_counter()
            try:
                store.change_class(code, _casting(scenario, seat, vote))
            except (rules.SessionError, StoreError) as error:
                errors.append(str(error))
            else:
                casts.append((vote.value, began, time.perf_counter()))
            number += 1
    print(json.dumps({"casts": casts, "errors": errors}))


def _casting(
    scenario: Scenario, seat: str, vote: Vote
) -> Callable[[rules.ClassSession], rules.ClassSession]:
    return lambda s: rules.cast_vote(s, scenario, seat, vote)


# The run


@dataclass
class Watched:
    """A program in a pseudo-terminal, and its screen as far as its output has been read."""

    terminal: Terminal
    screen: Screen
    fed: int = 0
    ended: str = ""

    def pump(self, timeout: float) -> bool:
        """Read what there is within `timeout`; False if nothing came (or it has ended)."""
        if self.ended:
            return False
        try:
            return self.terminal._read(timeout)
        except RuntimeError as error:
            self.ended = str(error)
            return False

    def frames(self) -> Iterable[None]:
        """Feed the screen up to the end of each frame read and not yet fed, one at a time."""
        output = self.terminal.output
        while (end := output.find(SYNC_END, self.fed)) != -1:
            end += len(SYNC_END)
            self.screen.feed(bytes(output[self.fed : end]))
            self.fed = end
            yield None

    def catch_up(self) -> None:
        """Feed the screen everything read, frame or not."""
        output = self.terminal.output
        self.screen.feed(bytes(output[self.fed :]))
        self.fed = len(output)

    def wait(
        self,
        shows: Callable[[list[str]], bool],
        everyone: Sequence[Watched],
        timeout: float = 300.0,
    ) -> None:
        """Read until the screen satisfies `shows`, reading the others' screens meanwhile (each
        program asks its terminal a question at start, and waits for no one to read it)."""
        deadline = time.perf_counter() + timeout
        masters = {w.terminal.master: w for w in everyone if not w.ended}
        while True:
            self.catch_up()
            if shows(self.screen.lines()):
                return
            if self.ended or time.perf_counter() > deadline:
                text = "\n".join(self.screen.lines())
                raise RuntimeError(f"the screen never showed it: {self.ended}\n{text}")
            ready, _, _ = select.select(list(masters), [], [], 0.5)
            for master in ready:
                masters[master].pump(0)

    def trouble(self) -> list[str]:
        """What went wrong, as the program said it at any time."""
        raw = bytes(self.terminal.output)
        said = []
        for phrase in TROUBLE:
            at = raw.find(phrase.encode())
            if at != -1:
                near = ANSI.sub(b" ", raw[at : at + 400]).decode("utf-8", "replace")
                said.append(" ".join(near.split())[:160])
        return ([f"ended: {self.ended[:200]}"] if self.ended else []) + said

    def write(self, key: bytes) -> float:
        at = time.perf_counter()
        os.write(self.terminal.master, key)
        return at


def _shows(words: str) -> Callable[[list[str]], bool]:
    return lambda lines: any(words in line for line in lines)


def cpu_seconds(pid: int) -> float:
    """The processor time a process has used, user and system (Linux: /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Outcome:
    """What one run measured and found."""

    direct: bool
    students: int
    sessions: int
    seconds: float
    interval: float
    casts: int
    reached: list[Reached]
    late: list[float]
    """How late each key was written against its schedule (the driver's own lag)."""
    change_times: list[float]
    """With --direct: seconds each `change_class` took."""
    cpu: dict[str, float]
    """Cores used during the load, by kind of process: processor seconds over wall seconds."""
    caught_up: float | None
    """Seconds from the last key to the last vote written to the store; None if the run
    stopped waiting while votes were still being written."""
    shown_up: float | None
    """Seconds from the last key to every chair showing every last vote; None if not in time."""
    lost: list[str]
    wrong_screens: list[str]
    trouble: list[str]
    load: tuple[float, float]
    catch_up: float
    """How long the run waited, after the last key, for the screens to catch up."""
    """The load average (1 minute) before and at the end of the load."""


def run_load(options: argparse.Namespace) -> Outcome:
    n, seconds, interval, direct = (
        options.students,
        options.seconds,
        options.interval,
        options.direct,
    )
    catalogue = load_catalogue()
    scenario = catalogue.get(SCENARIO)
    assert scenario is not None
    labels = vote_labels(scenario)
    codes = [m.code for m in scenario.members]
    python = sys.executable
    compile_package()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        env = _env(data)
        with Store.open(data / FILE_NAME) as store:
            sessions = make_sessions(store, scenario, n, take=direct)
        keep_write_log(data / FILE_NAME)
        chairs: list[Watched] = []
        seats: list[Watched] = []
        workers: list[subprocess.Popen[str]] = []
        try:
            for session in sessions:
                argv = [python, "-m", "simulator", "class", "chair", session.code]
                argv += ["--chair", session.chair, "--data", str(data)]
                chairs.append(Watched(Terminal(argv, env), Screen()))
            students = [s for session in sessions for s in session.students]
            if not direct:
                for student in students:
                    argv = [python, "-m", "simulator", "class", "join", student.code]
                    argv += ["--name", student.name, "--data", str(data)]
                    seats.append(Watched(Terminal(argv, env), Screen()))
            everyone = chairs + seats
            for chair in chairs:
                chair.wait(_shows("USA"), everyone)
            print(f"{len(chairs)} chairs up; {len(seats)} student screens starting ...")
            for seat in seats:
                seat.wait(_shows("kept for you"), everyone)
                seat.write(b"\r")
            for seat in seats:
                seat.wait(_shows("You hold"), everyone)
            for chair in chairs:
                chair.write(b"o")
                chair.wait(_shows("The vote is open"), everyone)
            _settle(everyone, 2.0)
            for watched in everyone:
                watched.catch_up()
            print("The vote is open; the load starts.")

            keys: dict[tuple[str, str], list[Cast]] = {(s.code, s.member): [] for s in students}
            chair_of = {session.code: chairs[i] for i, session in enumerate(sessions)}
            frames: dict[int, list[tuple[float, dict[str, Vote | None]]]] = {
                id(c): [] for c in chairs
            }
            start = time.perf_counter() + 0.5
            clock = time.time() - time.perf_counter()
            end = start + seconds
            cpu_before = _cpu(chairs, seats, workers)
            own_before = _own_cpu()
            if direct:
                for i, student in enumerate(students):
                    offset = start + i * interval / n
                    argv = [python, __file__, "--worker", str(data), student.code, student.seat]
                    argv += [repr(offset), repr(seconds - (offset - start)), repr(interval), str(i)]
                    workers.append(
                        subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)
                    )
                cpu_before = _cpu(chairs, seats, workers)
            schedule = [start + i * interval / n for i in range(n)]
            turn = list(range(n))
            late: list[float] = []
            last: dict[tuple[str, str], Vote] = {}
            masters = {w.terminal.master: w for w in everyone}
            while True:
                now = time.perf_counter()
                if not direct:
                    for i, due in enumerate(schedule):
                        if due <= now and due < end:
                            student, vote = students[i], CYCLE[turn[i] % len(CYCLE)]
                            at = seats[i].write(KEYS[vote])
                            keys[student.code, student.member].append(Cast(vote, at))
                            last[student.code, student.member] = vote
                            late.append(at - due)
                            turn[i] += 1
                            schedule[i] = due + interval
                upcoming = [d for d in schedule if d < end] if not direct else []
                if now >= end and not upcoming:
                    break
                wake = min([*upcoming, end]) - time.perf_counter()
                ready, _, _ = select.select(list(masters), [], [], max(0.0, wake))
                for master in ready:
                    watched = masters[master]
                    watched.pump(0)
                    if watched in chairs:
                        _frames(watched, frames[id(watched)], codes, labels)
            cpu_after = _cpu(chairs, seats, workers)
            own_after = _own_cpu()
            wall = time.perf_counter() - start
            load_end = os.getloadavg()[0]
            change_times: list[float] = []
            trouble: list[str] = []
            for i, worker in enumerate(workers):
                out, _ = worker.communicate(timeout=120)
                result = json.loads(out)
                student = students[i]
                for word, began, ended in result["casts"]:
                    keys[student.code, student.member].append(Cast(Vote(word), began))
                    last[student.code, student.member] = Vote(word)
                    change_times.append(ended - began)
                trouble += [f"{student.name}: {e}" for e in result["errors"]]
                if worker.returncode:
                    trouble.append(f"{student.name}: ended with status {worker.returncode}")
            # How far behind: every key in the store, then every last vote on the chairs'
            # screens. Every screen is read meanwhile: a program whose output is not read stops.
            wanted = {pair: len(cast) for pair, cast in keys.items()}
            shown_up = None
            written = False
            give_up = time.perf_counter() + options.catch_up
            counted: dict[tuple[str, str], int] = {}
            moved = time.perf_counter()
            while time.perf_counter() < give_up and shown_up is None:
                _pump(everyone, 0.25)
                for chair in chairs:
                    _frames(chair, frames[id(chair)], codes, labels)
                if not written:
                    now_counted = count_writes(data / FILE_NAME)
                    if now_counted == wanted:
                        written = True
                    elif now_counted != counted:
                        counted, moved = now_counted, time.perf_counter()
                    elif time.perf_counter() - moved > STALLED:
                        written = True  # keys never to be written: counted below
                if written and all(
                    shown_votes(
                        chair_of[code].screen.lines(), [member], labels, CHAIR_ROLL_COLUMNS
                    ).get(member, "missing")
                    == vote
                    for (code, member), vote in last.items()
                ):
                    shown_up = time.perf_counter() - end
            _settle(everyone, 1.0)
            for chair in chairs:
                _frames(chair, frames[id(chair)], codes, labels)
            # Each key, to its write in the store, to the first chair's frame that shows it.
            writes = read_writes(data / FILE_NAME, clock)
            last_write = max((w.at for cast in writes.values() for w in cast), default=end)
            caught_up = last_write - end if written else None
            reached = []
            for session, chair in zip(sessions, chairs, strict=True):
                for student in session.students:
                    member = student.member
                    shows = [
                        (at, shown[member]) for at, shown in frames[id(chair)] if member in shown
                    ]
                    at_store = writes.get((session.code, member), [])
                    final = shown_votes(
                        chair.screen.lines(), [member], labels, CHAIR_ROLL_COLUMNS
                    ).get(member, "not shown")
                    reached.append(follow(keys[session.code, member], at_store, shows, final))
            # The store, and every screen, at the end.
            lost: list[str] = []
            wrong: list[str] = []
            with Store.open(data / FILE_NAME) as store:
                for session, chair in zip(sessions, chairs, strict=True):
                    kept = store.class_session(session.code)
                    assert kept is not None
                    votes = dict(kept.current.votes)
                    for student in session.students:
                        cast = last.get((session.code, student.member))
                        if votes.get(student.member) is not cast:
                            lost.append(
                                f"{student.name} ({student.member}): cast {cast}, the store "
                                f"has {votes.get(student.member)}"
                            )
                    expected = {m: votes.get(m) for m in codes}
                    on_chair = shown_votes(chair.screen.lines(), codes, labels, CHAIR_ROLL_COLUMNS)
                    if on_chair != expected:
                        wrong.append(f"the chair of {session.code}: {_differs(on_chair, expected)}")
                    for i, student in enumerate(students):
                        if student.code != session.code or direct:
                            continue
                        seat = seats[i]
                        seat.catch_up()
                        on_seat = shown_votes(seat.screen.lines(), codes, labels, SEAT_ROLL_COLUMNS)
                        if on_seat != expected:
                            wrong.append(f"{student.name}'s screen: {_differs(on_seat, expected)}")
            for watched, who in [(c, f"chair {i + 1}") for i, c in enumerate(chairs)] + [
                (s, students[i].name) for i, s in enumerate(seats)
            ]:
                if watched.terminal.process.poll() is not None and not watched.ended:
                    watched.ended = f"status {watched.terminal.process.returncode}"
                trouble += [f"{who}: {t}" for t in watched.trouble()]
        finally:
            for watched in chairs + seats:
                watched.terminal.close()
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait()
    cpu = {kind: (cpu_after[kind] - cpu_before[kind]) / wall for kind in cpu_after}
    cpu["this script"] = (own_after - own_before) / wall
    return Outcome(
        direct=direct,
        students=n,
        sessions=len(sessions),
        seconds=seconds,
        interval=interval,
        casts=sum(len(k) for k in keys.values()),
        reached=reached,
        late=late,
        change_times=change_times,
        cpu=cpu,
        caught_up=caught_up,
        shown_up=shown_up,
        lost=lost,
        wrong_screens=wrong,
        trouble=trouble,
        load=(load_before, load_end),
        catch_up=options.catch_up,
    )


def _differs(shown: Mapping[str, Vote | None], expected: Mapping[str, Vote | None]) -> str:
    return ", ".join(
        f"{code} shows {shown.get(code, 'nothing')}, the store has {vote}"
        for code, vote in expected.items()
        if shown.get(code, "missing") != vote
    )


def _frames(
    chair: Watched,
    frames: list[tuple[float, dict[str, Vote | None]]],
    codes: Sequence[str],
    labels: Mapping[str, Vote | None],
) -> None:
    """Each frame of the chair's read since the last call, with the votes its roll shows, at
    the time its end was read."""
    now = time.perf_counter()
    for _ in chair.frames():
        frames.append((now, shown_votes(chair.screen.lines(), codes, labels, CHAIR_ROLL_COLUMNS)))


def _pump(everyone: Sequence[Watched], timeout: float) -> None:
    """Read what every screen has written within `timeout`."""
    masters = {w.terminal.master: w for w in everyone if not w.ended}
    ready, _, _ = select.select(list(masters), [], [], timeout)
    for master in ready:
        masters[master].pump(0)


def _settle(everyone: Sequence[Watched], quiet: float) -> None:
    """Read every screen until none has written for `quiet` seconds (two minutes at most)."""
    deadline = time.perf_counter() + 120
    masters = {w.terminal.master: w for w in everyone if not w.ended}
    while masters and time.perf_counter() < deadline:
        ready, _, _ = select.select(list(masters), [], [], quiet)
        if not ready:
            return
        for master in ready:
            masters[master].pump(0)


def _cpu(
    chairs: Sequence[Watched], seats: Sequence[Watched], workers: Sequence[subprocess.Popen[str]]
) -> dict[str, float]:
    return {
        "chairs' screens": sum(cpu_seconds(c.terminal.process.pid) for c in chairs),
        "students' screens": sum(cpu_seconds(s.terminal.process.pid) for s in seats),
        "students writing directly": sum(cpu_seconds(w.pid) for w in workers),
    }


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


# The report


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def report(outcome: Outcome) -> str:
    """The figures of one run as a table, and what was checked at the end."""
    timed = sorted(t for r in outcome.reached for t in r.to_chair)
    to_chair = [seconds for _, seconds, _ in timed]
    store_to_chair = [seconds for _, _, seconds in timed]
    stored = sorted(t for r in outcome.reached for t in r.to_store)
    to_store = [seconds for _, seconds in stored]
    superseded = sum(r.superseded for r in outcome.reached)
    never = sum(r.never_shown for r in outcome.reached)
    stood = sum(r.stood for r in outcome.reached)
    keys_not_written = sum(r.keys_not_written for r in outcome.reached)
    unwritten = sum(r.unwritten for r in outcome.reached)
    dropped = sum(r.dropped for r in outcome.reached)
    kind = (
        "students writing through `Store.change_class` (no screen)"
        if outcome.direct
        else f"students' screens (`class join`, 80{X}24)"
    )
    rate = outcome.casts / outcome.seconds
    rows = [
        ("students", f"{outcome.students}, in {outcome.sessions} class sessions, {kind}"),
        ("chairs' screens", f"{outcome.sessions} (`class chair`, 80{X}24)"),
        (
            "votes cast",
            f"{outcome.casts} in {outcome.seconds:.0f} s ({rate:.0f} a second; one each "
            f"{outcome.interval * 1000:.0f} ms a student)",
        ),
        ("shown on the chair's screen", f"{len(to_chair)}"),
        ("changed again before any chair's frame showed them (superseded)", f"{superseded}"),
        (
            "last votes the chair's screen showed already, with no frame to draw (see `follow`)",
            f"{stood}",
        ),
    ]
    for what, figures in (
        ("key (or write) to the end of the chair's frame that shows it", to_chair),
        ("every key (or write) to the store", to_store),
        ("the store to the chair's frame that shows it", store_to_chair),
    ):
        if figures:
            rows.append(
                (
                    f"{what}: median, 95th percentile, slowest",
                    f"{_ms(statistics.median(figures))}, {_ms(_quantile(figures, 0.95))}, "
                    f"{_ms(max(figures))}",
                )
            )
    for what, seconds in (
        ("key to the chair's frame", [(at, total) for at, total, _ in timed]),
        ("key to the store", stored),
    ):
        if len(seconds) >= 8:
            quarter = len(seconds) // 4
            first = statistics.median(s for _, s in seconds[:quarter])
            final = statistics.median(s for _, s in seconds[-quarter:])
            rows.append(
                (
                    f"{what}: median in the first and the last quarter of the run",
                    f"{_ms(first)}, {_ms(final)}",
                )
            )
    limit = f"not within {outcome.catch_up:.0f} s"
    rows += [
        (
            "after the last key, until the last vote was written to the store",
            limit if outcome.caught_up is None else f"{outcome.caught_up:.2f} s",
        ),
        (
            "after the last key, until every chair showed every last vote",
            limit if outcome.shown_up is None else f"{outcome.shown_up:.2f} s",
        ),
    ]
    if outcome.late:
        rows.append(
            (
                "keys written late by this script (median, 95th percentile)",
                f"{_ms(statistics.median(outcome.late))}, {_ms(_quantile(outcome.late, 0.95))}",
            )
        )
    if outcome.change_times:
        rows.append(
            (
                "one `change_class` (median, 95th percentile, slowest)",
                f"{statistics.median(outcome.change_times) * 1000:.1f} ms, "
                f"{_quantile(outcome.change_times, 0.95) * 1000:.1f} ms, "
                f"{max(outcome.change_times) * 1000:.1f} ms",
            )
        )
    cores = ", ".join(f"{kind} {used:.2f}" for kind, used in outcome.cpu.items() if used)
    rows.append(("processor, in cores used during the load", cores))
    rows.append(
        (
            "load average (1 minute), before and at the end",
            f"{outcome.load[0]:.2f}, {outcome.load[1]:.2f}",
        )
    )
    lines = ["| | |", "| --- | --- |", *(f"| {what} | {value} |" for what, value in rows)]
    screens = outcome.sessions + (0 if outcome.direct else outcome.students)

    def check(ok: bool, good: str, bad: str) -> str:
        return good if ok else f"NOT met: {bad}"

    lines += [
        "",
        "At the end:",
        "",
        "- lost votes (the store's vote is not the last its student cast): "
        + check(not outcome.lost, "none", "; ".join(outcome.lost)),
        "- votes in the store that no key cast, in order: "
        + check(not keys_not_written, "none", f"for {keys_not_written} students"),
        "- keys whose vote never reached the store, though a later key's did: "
        + check(not dropped, "none", f"{dropped}"),
        "- keys not in the store when the run stopped waiting: "
        + check(not unwritten, "none", f"{unwritten}"),
        "- votes written and never shown on the chair's screen, once it caught up: "
        + check(not never, "none", f"{never}"),
        "- screens showing the store's votes in their last frame: "
        + check(
            not outcome.wrong_screens,
            f"all {screens}",
            f"{len(outcome.wrong_screens)} of {screens} ("
            + "; ".join(outcome.wrong_screens[:3])
            + ("; …" if len(outcome.wrong_screens) > 3 else "")
            + ")",
        ),
        "- errors said, or processes ended: "
        + check(not outcome.trouble, "none", "; ".join(outcome.trouble[:10])),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--worker"]:
        data, code, seat, start, seconds, interval, first = arguments[1:]
        direct_student(
            Path(data), code, seat, float(start), float(seconds), float(interval), int(first)
        )
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the load lasts")
    parser.add_argument("--students", type=int, default=30, help="students, fifteen a session")
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between two votes")
    parser.add_argument(
        "--only",
        choices=["screens", "direct"],
        help="one run: the students' screens, or students writing to the store directly",
    )
    parser.add_argument(
        "--catch-up",
        type=float,
        default=600.0,
        help="seconds to wait after the last key for the screens to catch up",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    options = parser.parse_args(arguments)
    if options.students < 1:
        parser.error("--students must be at least 1")
    started = time.perf_counter()
    machine = _machine()
    today = date.today()
    parts = [f"Measured on {today.day} {today:%B %Y}, on a {machine}."]
    for direct in (False, True):
        if options.only == ("screens" if direct else "direct"):
            continue
        options.direct = direct
        outcome = run_load(options)
        title = (
            "Students writing to the store directly, the same load (the store's own capacity):"
            if direct
            else "Students' screens, each in a terminal of its own:"
        )
        parts += ["", title, "", report(outcome)]
        print("\n".join(parts[-3:]), flush=True)
    parts += ["", f"(The runs took {time.perf_counter() - started:.0f} s in all.)"]
    text = "\n".join(parts)
    if not options.no_write:
        write_results(text, begin=BEGIN, end=END, section=SECTION)
        print(f"\nWritten to {RESULTS}")


if __name__ == "__main__":
    main()
