"""Saved work: the one module that touches the database.

One SQLite file, `work.sqlite3`, in the user's data folder, holds what students do: each student's
name, each scenario's latest ballot, every prediction locked, with its score, and small choices
such as a theme. A terminal usually has one student; a class served to browsers has one per name.
It also holds class sessions (`simulator.session`), shared by every process of a class: each
change there is one of the session's rules, applied inside one write transaction.
SQLite makes each write atomic and crash-safe; this module keeps every write to one short
transaction, runs in WAL mode with a busy timeout so that several copies of the app can share the
file, and numbers the schema with `PRAGMA user_version`, with one migration per version.

A `Store` acts for one student at a time, so that one student's work never reaches another's:

    opened = open_work(data_folder(None, os.environ))
    if opened.store is not None:
        opened.store.use_student("Amina Diallo")
        opened.store.keep_ballot(scenario.id, ballot)
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import platformdirs

# Re-exported: the names' rules lived here before the class session's core needed them too.
from simulator.names import NAME_MAX as NAME_MAX
from simulator.names import name_key as name_key
from simulator.names import name_problem as name_problem
from simulator.names import tidy_name as tidy_name
from simulator.predict import Prediction, Score
from simulator.rules import Ballot, BallotError, Vote
from simulator.scenarios import Scenario

if TYPE_CHECKING:
    from simulator.session import ClassSession

APP_NAME = "council-sim"
FILE_NAME = "work.sqlite3"
DATA_ENV = "COUNCIL_SIM_DATA"
"""The environment variable that names the data folder, below `--data DIR`."""

BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another copy of the app to finish its own: each takes milliseconds."""

SIDE_FILES = ("-wal", "-shm")
"""SQLite's log and shared-memory index beside the file, in WAL mode."""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1: the first schema. Votes are stored as JSON text, read back as data, never run.
    (
        """CREATE TABLE student (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE ballots (
            scenario_id TEXT PRIMARY KEY,
            decision TEXT NOT NULL,
            votes TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )""",
        """CREATE TABLE predictions (
            id INTEGER PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            votes TEXT NOT NULL,
            outcome TEXT,
            hints_used INTEGER NOT NULL,
            locked_at TEXT NOT NULL,
            members_right INTEGER,
            members INTEGER,
            outcome_right INTEGER
        )""",
        "CREATE INDEX predictions_by_scenario ON predictions (scenario_id, id)",
    ),
    # 1 -> 2: many students in one file (a class served to browsers), each with their own work.
    # The one student of version 1, and all its work, become student 1 with its name (or none).
    # `name_key` is the Python function `name_key`, given to each connection by `Store.open`.
    (
        """CREATE TABLE students (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            used_at TEXT
        )""",
        """INSERT INTO students (id, name, key)
            SELECT 1, name, name_key(name) FROM (
                SELECT COALESCE((SELECT name FROM student WHERE id = 1), '') AS name
            )
            WHERE EXISTS (SELECT 1 FROM student) OR EXISTS (SELECT 1 FROM ballots)
                OR EXISTS (SELECT 1 FROM predictions)""",
        """CREATE TABLE ballots_v2 (
            student_id INTEGER NOT NULL REFERENCES students (id),
            scenario_id TEXT NOT NULL,
            decision TEXT NOT NULL,
            votes TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (student_id, scenario_id)
        )""",
        """INSERT INTO ballots_v2 (student_id, scenario_id, decision, votes, saved_at)
            SELECT 1, scenario_id, decision, votes, saved_at FROM ballots""",
        "DROP TABLE ballots",
        "ALTER TABLE ballots_v2 RENAME TO ballots",
        """CREATE TABLE predictions_v2 (
            id INTEGER PRIMARY KEY,
            student_id INTEGER NOT NULL REFERENCES students (id),
            scenario_id TEXT NOT NULL,
            votes TEXT NOT NULL,
            outcome TEXT,
            hints_used INTEGER NOT NULL,
            locked_at TEXT NOT NULL,
            members_right INTEGER,
            members INTEGER,
            outcome_right INTEGER
        )""",
        """INSERT INTO predictions_v2 (id, student_id, scenario_id, votes, outcome, hints_used,
                locked_at, members_right, members, outcome_right)
            SELECT id, 1, scenario_id, votes, outcome, hints_used, locked_at, members_right,
                members, outcome_right FROM predictions""",
        "DROP TABLE predictions",
        "ALTER TABLE predictions_v2 RENAME TO predictions",
        "CREATE INDEX predictions_by_student ON predictions (student_id, scenario_id, id)",
        """CREATE TABLE settings (
            student_id INTEGER NOT NULL REFERENCES students (id),
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (student_id, name)
        )""",
        "DROP TABLE student",
    ),
    # 2 -> 3: class sessions, shared by every process of a class (the chair's, each student's).
    # A token is kept only as its SHA-256; the keys make one member one student's, and one
    # student one member's, whatever a process does. Votes are kept, verdicts never.
    (
        """CREATE TABLE class_sessions (
            code TEXT PRIMARY KEY,
            chair TEXT NOT NULL,
            mode TEXT NOT NULL,
            scenarios TEXT NOT NULL,
            folders TEXT NOT NULL,
            started_at TEXT NOT NULL
        )""",
        """CREATE TABLE class_rounds (
            code TEXT NOT NULL REFERENCES class_sessions (code),
            number INTEGER NOT NULL,
            scenario_id TEXT NOT NULL,
            phase TEXT NOT NULL,
            PRIMARY KEY (code, number)
        )""",
        """CREATE TABLE class_seats (
            code TEXT NOT NULL REFERENCES class_sessions (code),
            member TEXT NOT NULL,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            token TEXT NOT NULL,
            PRIMARY KEY (code, member),
            UNIQUE (code, key)
        )""",
        """CREATE TABLE class_votes (
            code TEXT NOT NULL,
            number INTEGER NOT NULL,
            member TEXT NOT NULL,
            vote TEXT NOT NULL,
            name TEXT NOT NULL,
            cast_at TEXT NOT NULL,
            PRIMARY KEY (code, number, member),
            FOREIGN KEY (code, number) REFERENCES class_rounds (code, number)
        )""",
    ),
)
"""`MIGRATIONS[n]` takes a database from version n to n + 1; a new version appends one."""

SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The database cannot be opened or written; the message says why, for people."""


class NewerStore(StoreError):
    """The file was written by a newer council-sim, with a schema this one does not know."""


class DamagedStore(StoreError):
    """The file is not a database, or fails SQLite's integrity check."""


def data_folder(option: Path | None, environ: Mapping[str, str]) -> Path:
    """Where work is saved: `--data DIR`, else `COUNCIL_SIM_DATA`, else the platform's user data
    folder (`~/.local/share/council-sim` on Linux)."""
    if option is not None:
        return option
    if environ.get(DATA_ENV):
        return Path(environ[DATA_ENV])
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _reason(error: sqlite3.Error) -> str:
    """SQLite's reason, to end a sentence of ours: some of its messages bring their own stop."""
    return str(error).rstrip(". ")


def _now() -> datetime:
    return datetime.now(UTC)


class Welcome(Enum):
    """What choosing a name found in the file."""

    NEW = "new"
    """The name is new here: its work starts empty."""
    BACK = "back"
    """The name was here before: its work is back."""
    CLAIMED = "claimed"
    """The work done without a name is now this name's (a name given for the first time)."""


@dataclass(frozen=True)
class Student:
    """One student in the file, as a teacher collecting a class's work sees them."""

    name: str
    """As first given, tidied; '' for the work done without a name."""
    ballots: int
    """The scenarios with votes saved."""
    predictions: int
    """The predictions locked."""


@dataclass(frozen=True)
class SavedPrediction:
    """A prediction as it was locked, with its score (None throughout for a draft never voted
    on: a discussion, not a score)."""

    scenario_id: str
    votes: Mapping[str, str]
    """Each member's predicted vote by code, in the words `Vote` takes ('yes', 'absent')."""
    outcome: str | None
    hints_used: int
    locked_at: str
    """When it was locked, ISO 8601 in UTC."""
    members_right: int | None
    members: int | None
    outcome_right: bool | None


def _votes_json(ballot: Ballot) -> str:
    return json.dumps({code: vote.value for code, vote in ballot.votes.items()}, sort_keys=True)


def _stored_votes(text: str) -> dict[str, str]:
    """The votes as saved: a JSON object of strings; anything else is read as no votes."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def fit(scenario: Scenario, votes: Mapping[str, str]) -> Ballot:
    """The scenario's blank ballot with each saved vote that still fits it: a member no longer on
    the Council, an unknown vote or one the rules refuse (a party's fixed abstention, an abstention
    on a statement) is dropped, member by member."""
    ballot = scenario.ballot()
    for code, word in votes.items():
        try:
            ballot = ballot.cast(code, Vote(word))
        except (ValueError, BallotError):  # BallotError is a ValueError too; both say "drop it"
            continue
    return ballot


_LAST_USED = "SELECT id, name FROM students ORDER BY used_at IS NULL, used_at DESC, id LIMIT 1"
"""The student a store acts for when no name was chosen: the one chosen last (in a terminal, the
one student there is)."""


class Store:
    """An open database of saved work, acting for one student at a time: every method that
    reads or keeps work reads or keeps that student's only (`use_student` chooses whom). Every
    method is one short transaction."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._seen = -1
        """`PRAGMA data_version` when `changed` was last asked; -1 before it ever was."""
        self._student: int | None = None
        """The student acted for, by id; None until chosen, or until the first read or write
        takes the one used last (the first write makes an unnamed one if there is none)."""
        self._name = ""

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (or create) the database at `path` and bring its schema up to date.

        `NewerStore` or `DamagedStore` when the file is not one this version can use;
        `StoreError` when it cannot be opened or written at all (a folder without write access).
        """
        try:
            # isolation_level=None: transactions are begun and ended here, explicitly and briefly.
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open {path}: {_reason(error)}") from None
        try:
            # The migration to version 2 calls it; SQLite has no case-folding of its own.
            db.create_function("name_key", 1, name_key, deterministic=True)
            cls._check(db, path)
            try:
                db.execute("PRAGMA journal_mode = WAL")
                # FULL: each commit is on the disk before it returns, so a power cut loses
                # nothing that was saved.
                db.execute("PRAGMA synchronous = FULL")
            except sqlite3.Error as error:
                raise StoreError(f"cannot write {path}: {_reason(error)}") from None
            store = cls(db, path)
            store._migrate()
            store.changed()  # from now on, `changed` answers for what others write
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.close()
            raise
        return store

    @staticmethod
    def _check(db: sqlite3.Connection, path: Path) -> None:
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NewerStore(
                    f"{path} was saved by a newer version of council-sim "
                    f"(schema {version}; this one knows {SCHEMA_VERSION})"
                )
            result = [row[0] for row in db.execute("PRAGMA integrity_check")]
        except sqlite3.Error as error:
            if _is_damage(error):
                raise DamagedStore(f"{path} is damaged or is not a database ({error})") from None
            raise StoreError(f"cannot read {path}: {_reason(error)}") from None
        if result != ["ok"]:
            raise DamagedStore(f"{path} is damaged: {result[0]}")

    def _migrate(self) -> None:
        """Apply the migrations this file lacks, each with its version, in one transaction.

        The version is read again inside the transaction: another copy of the app opening the
        same new file at the same moment has then either done it already or waits for this one.
        It is also the first write, so a file that cannot be written is found here, not later.
        """
        with self._write() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number]:
                    db.execute(statement)
            if version < SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; `StoreError` if it cannot be written."""
        db = self._db
        try:
            # IMMEDIATE takes the write lock at once, so a busy database waits here, with the
            # busy timeout, rather than failing halfway through.
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(f"cannot write {self.path}: {_reason(error)}") from None
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise StoreError(f"cannot write {self.path}: {_reason(error)}") from None
            raise

    def _read(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {_reason(error)}") from None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        """The schema version of the open file."""
        (row,) = self._read("PRAGMA user_version")
        return int(str(row[0]))

    def _reading(self) -> int | None:
        """The student whose work is read; None while the file has no student at all."""
        if self._student is None:
            rows = self._read(_LAST_USED)
            if rows:
                self._student, self._name = int(str(rows[0][0])), str(rows[0][1])
        return self._student

    def _writing(self, db: sqlite3.Connection) -> int:
        """The student whose work is written, inside the write's transaction: the one chosen,
        else the one used last, else a new unnamed one. A student cleared away by another copy
        of the app (`reset-work`) is made again, so that work saved since is not lost."""
        if self._student is None:
            row = db.execute(_LAST_USED).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO students (name, key) VALUES ('', '') ON CONFLICT DO NOTHING"
                )
                row = db.execute("SELECT id, name FROM students WHERE key = ''").fetchone()
            self._student, self._name = int(row[0]), str(row[1])
        else:
            db.execute(
                "INSERT INTO students (id, name, key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (self._student, self._name, name_key(self._name)),
            )
        return self._student

    def use_student(self, name: str, *, claim_unnamed: bool = False) -> Welcome:
        """Act from now on for the student of this name (see `name_key`), made if new; '' is
        the student without a name. With `claim_unnamed`, a name new here takes over the work
        done without a name, if any: in a terminal, a student who adds a name later keeps
        their work. Never in a class served to browsers, where that work is nobody's to take.
        """
        tidy, key = tidy_name(name), name_key(name)
        with self._write() as db:
            row = db.execute("SELECT id, name FROM students WHERE key = ?", (key,)).fetchone()
            unnamed = None
            if row is None and claim_unnamed and key:
                unnamed = db.execute("SELECT id FROM students WHERE key = ''").fetchone()
            if row is not None:
                student, tidy, welcome = int(row[0]), str(row[1]), Welcome.BACK
            elif unnamed is not None:
                student = int(unnamed[0])
                db.execute(
                    "UPDATE students SET name = ?, key = ? WHERE id = ?", (tidy, key, student)
                )
                work = db.execute(
                    "SELECT EXISTS (SELECT 1 FROM ballots WHERE student_id = ?) "
                    "OR EXISTS (SELECT 1 FROM predictions WHERE student_id = ?)",
                    (student, student),
                ).fetchone()[0]
                welcome = Welcome.CLAIMED if work else Welcome.NEW
            else:
                student = int(
                    db.execute(
                        "INSERT INTO students (name, key) VALUES (?, ?) RETURNING id", (tidy, key)
                    ).fetchone()[0]
                )
                welcome = Welcome.NEW
            db.execute(
                "UPDATE students SET used_at = ? WHERE id = ?", (_now().isoformat(), student)
            )
        self._student, self._name = student, tidy
        return welcome

    def as_student(self, name: str) -> Store:
        """Another store on the same file, acting for the student of this name, who must be
        there (see `students`); for reading a whole class's work, one student at a time. It
        changes nothing, not even which student a terminal opens on next. Close it after use."""
        key = name_key(name)
        rows = self._read("SELECT id, name FROM students WHERE key = ?", (key,))
        if not rows:
            raise StoreError(f"there is no student {tidy_name(name)!r} in {self.path}")
        other = Store.open(self.path)
        other._student, other._name = int(str(rows[0][0])), str(rows[0][1])
        return other

    def students(self) -> list[Student]:
        """Everyone with work in the file, by name (the unnamed first), with how much each did."""
        rows = self._read(
            "SELECT name, "
            "(SELECT COUNT(*) FROM ballots WHERE student_id = students.id), "
            "(SELECT COUNT(*) FROM predictions WHERE student_id = students.id) "
            "FROM students ORDER BY key, id"
        )
        return [
            Student(name=str(row[0]), ballots=int(str(row[1])), predictions=int(str(row[2])))
            for row in rows
        ]

    def student_name(self) -> str:
        """The name of the student acted for, or '' if none was given."""
        self._reading()
        return self._name

    def set_student_name(self, name: str) -> None:
        """Rename the student acted for, keeping their work; `StoreError` if another student
        has that name already."""
        tidy, key = tidy_name(name), name_key(name)
        with self._write() as db:
            student = self._writing(db)
            taken = db.execute(
                "SELECT 1 FROM students WHERE key = ? AND id != ?", (key, student)
            ).fetchone()
            if taken:
                raise StoreError(f"another student is already called {tidy!r}")
            db.execute("UPDATE students SET name = ?, key = ? WHERE id = ?", (tidy, key, student))
        self._name = tidy

    def setting(self, name: str) -> str | None:
        """A small choice the student made (the theme, say), as kept; None if never made."""
        student = self._reading()
        if student is None:
            return None
        rows = self._read(
            "SELECT value FROM settings WHERE student_id = ? AND name = ?", (student, name)
        )
        return str(rows[0][0]) if rows else None

    def keep_setting(self, name: str, value: str) -> None:
        """Keep a small choice for the student, replacing the one before."""
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (student_id, name, value) VALUES (?, ?, ?) "
                "ON CONFLICT (student_id, name) DO UPDATE SET value = excluded.value",
                (self._writing(db), name, value),
            )

    def keep_ballot(self, scenario_id: str, ballot: Ballot) -> None:
        """Save this scenario's latest ballot, replacing the one before."""
        with self._write() as db:
            db.execute(
                "INSERT INTO ballots (student_id, scenario_id, decision, votes, saved_at) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (student_id, scenario_id) DO UPDATE SET "
                "decision = excluded.decision, votes = excluded.votes, "
                "saved_at = excluded.saved_at",
                (
                    self._writing(db),
                    scenario_id,
                    ballot.decision.value,
                    _votes_json(ballot),
                    _now().isoformat(),
                ),
            )

    def saved_votes(self, scenario_id: str) -> Mapping[str, str] | None:
        """The votes saved for a scenario, by member code, as stored; None if there are none."""
        student = self._reading()
        rows = self._read(
            "SELECT votes FROM ballots WHERE student_id = ? AND scenario_id = ?",
            (student, scenario_id),
        )
        if not rows:
            return None
        return MappingProxyType(_stored_votes(str(rows[0][0])))

    def ballot(self, scenario: Scenario) -> Ballot | None:
        """The scenario's saved ballot, keeping only the votes that still fit it; None if none."""
        votes = self.saved_votes(scenario.id)
        return None if votes is None else fit(scenario, votes)

    def scenario_ids(self) -> list[str]:
        """The scenarios with a saved ballot, in id order."""
        rows = self._read(
            "SELECT scenario_id FROM ballots WHERE student_id = ? ORDER BY 1", (self._reading(),)
        )
        return [str(row[0]) for row in rows]

    def keep_prediction(
        self,
        scenario_id: str,
        prediction: Prediction,
        result: Score | None,
        *,
        locked_at: datetime | None = None,
    ) -> None:
        """Save a locked prediction with its score (`result` is None where there was no vote)."""
        when = (locked_at or _now()).isoformat()
        outcome_right = None if result is None else result.outcome_right
        with self._write() as db:
            db.execute(
                "INSERT INTO predictions (student_id, scenario_id, votes, outcome, hints_used, "
                "locked_at, members_right, members, outcome_right) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self._writing(db),
                    scenario_id,
                    _votes_json(prediction.ballot),
                    prediction.outcome.value if prediction.outcome else None,
                    prediction.hints_used,
                    when,
                    None if result is None else result.members_right,
                    None if result is None else result.members,
                    None if outcome_right is None else int(outcome_right),
                ),
            )

    def predictions(self, scenario_id: str | None = None) -> list[SavedPrediction]:
        """The predictions locked, oldest first; only one scenario's if `scenario_id` is given."""
        sql = (
            "SELECT scenario_id, votes, outcome, hints_used, locked_at, members_right, members, "
            "outcome_right FROM predictions WHERE student_id = ?"
        )
        parameters: tuple[object, ...] = (self._reading(),)
        if scenario_id is not None:
            sql += " AND scenario_id = ?"
            parameters = (*parameters, scenario_id)
        return [
            SavedPrediction(
                scenario_id=str(row[0]),
                votes=MappingProxyType(_stored_votes(str(row[1]))),
                outcome=None if row[2] is None else str(row[2]),
                hints_used=int(str(row[3])),
                locked_at=str(row[4]),
                members_right=None if row[5] is None else int(str(row[5])),
                members=None if row[6] is None else int(str(row[6])),
                outcome_right=None if row[7] is None else bool(row[7]),
            )
            for row in self._read(sql + " ORDER BY id", parameters)
        ]

    def changed(self) -> bool:
        """Whether another connection has written to the file since the last call (since it
        was opened, the first time): one cheap query, for a screen to ask ten times a second.
        This store's own writes do not count: it knows of them already."""
        (row,) = self._read("PRAGMA data_version")
        now = int(str(row[0]))
        seen, self._seen = self._seen, now
        return now != seen

    def start_class(self, session: ClassSession) -> bool:
        """Keep a new class session; False, and nothing kept, if its code is taken already
        (draw another)."""
        with self._write() as db:
            taken = db.execute(
                "SELECT 1 FROM class_sessions WHERE code = ?", (session.code,)
            ).fetchone()
            if taken:
                return False
            db.execute(
                "INSERT INTO class_sessions (code, chair, mode, scenarios, folders, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    session.code,
                    session.chair,
                    session.mode.value,
                    json.dumps(list(session.order)),
                    json.dumps(list(session.folders)),
                    _now().isoformat(),
                ),
            )
            _write_class(db, None, session)
        return True

    def class_session(self, code: str) -> ClassSession | None:
        """The class session with this code (as `session.read_code` gives it), read whole in
        one transaction; None if there is none."""
        try:
            self._db.execute("BEGIN")  # one snapshot: no write lands between the tables read
            try:
                return _read_class(self._db, code, self.path)
            finally:
                self._db.execute("COMMIT")
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {_reason(error)}") from None

    def change_class(self, code: str, rule: Callable[[ClassSession], ClassSession]) -> ClassSession:
        """Apply one of the session's rules (`simulator.session`) to the session as it is in
        the file, and keep what it gives, in one write transaction: the state cannot change
        between the reading and the writing, so two processes can never both take one member.

        The rule's `SessionError` leaves the file as it was, and reaches the caller;
        `StoreError` if the session is gone or the file cannot be written.
        """
        with self._write() as db:
            before = _read_class(db, code, self.path)
            if before is None:
                raise StoreError(f"there is no class session {code} in {self.path}")
            after = rule(before)
            _write_class(db, before, after)
        return after

    def clear(self) -> None:
        """Forget all saved work, every student's and every class session (the file is the
        folder's: `reset-work`), in one transaction; the file and its schema stay."""
        with self._write() as db:
            for table in (
                "class_votes",
                "class_seats",
                "class_rounds",
                "class_sessions",
                "settings",
                "predictions",
                "ballots",
                "students",
            ):
                db.execute(f"DELETE FROM {table}")  # the names are the schema's own
        self._student, self._name = None, ""


def _read_class(db: sqlite3.Connection, code: str, path: Path) -> ClassSession | None:
    """A class session from its rows; the caller holds a transaction, so they agree."""
    # Loaded by the class commands alone: opening the app needs none of it (tests/test_startup).
    from simulator.session import ClassSession, Mode, Phase, Round, Seat

    row = db.execute(
        "SELECT chair, mode, scenarios, folders FROM class_sessions WHERE code = ?", (code,)
    ).fetchone()
    if row is None:
        return None
    votes: dict[int, dict[str, Vote]] = {}
    voters: dict[int, dict[str, str]] = {}
    for number, member, word, name in db.execute(
        "SELECT number, member, vote, name FROM class_votes WHERE code = ?", (code,)
    ):
        with contextlib.suppress(ValueError):  # a vote this version does not know: not cast
            votes.setdefault(number, {})[member] = Vote(word)
            voters.setdefault(number, {})[member] = name
    try:
        rounds = tuple(
            Round(scenario_id, Phase(phase), votes.get(number, {}), voters.get(number, {}))
            for number, scenario_id, phase in db.execute(
                "SELECT number, scenario_id, phase FROM class_rounds WHERE code = ? "
                "ORDER BY number",
                (code,),
            )
        )
        mode = Mode(row[1])
        order, folders = json.loads(row[2]), json.loads(row[3])
    except ValueError:
        rounds = ()
    if not rounds:
        raise StoreError(f"the class session {code} in {path} is damaged: it cannot be used")
    seats = {
        member: Seat(member, name, token)
        for member, name, token in db.execute(
            "SELECT member, name, token FROM class_seats WHERE code = ?", (code,)
        )
    }
    return ClassSession(
        code=code,
        chair=str(row[0]),
        rounds=rounds,
        mode=mode,
        order=tuple(str(i) for i in order),
        seats=seats,
        folders=tuple(str(f) for f in folders),
    )


def _write_class(db: sqlite3.Connection, before: ClassSession | None, after: ClassSession) -> None:
    """Write what a rule changed, and only that: at most a seat, a vote or a phase."""
    code, when = after.code, _now().isoformat()
    old_rounds = before.rounds if before is not None else ()
    for number, current in enumerate(after.rounds):
        old = old_rounds[number] if number < len(old_rounds) else None
        if old is None or old.phase is not current.phase:
            db.execute(
                "INSERT INTO class_rounds (code, number, scenario_id, phase) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (code, number) DO UPDATE SET phase = excluded.phase",
                (code, number, current.scenario_id, current.phase.value),
            )
        old_votes = old.votes if old is not None else {}
        old_voters = old.voters if old is not None else {}
        for member in old_votes.keys() - current.votes.keys():
            db.execute(
                "DELETE FROM class_votes WHERE code = ? AND number = ? AND member = ?",
                (code, number, member),
            )
        for member, vote in current.votes.items():
            name = current.voters.get(member, "")
            if old_votes.get(member) is vote and old_voters.get(member) == name:
                continue
            db.execute(
                "INSERT INTO class_votes (code, number, member, vote, name, cast_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code, number, member) DO UPDATE SET "
                "vote = excluded.vote, name = excluded.name, cast_at = excluded.cast_at",
                (code, number, member, vote.value, name, when),
            )
    old_seats = before.seats if before is not None else {}
    # Seats given up first, so that a name moving to another member never meets itself.
    for member, seat in old_seats.items():
        if after.seats.get(member) != seat:
            db.execute("DELETE FROM class_seats WHERE code = ? AND member = ?", (code, member))
    for member, seat in after.seats.items():
        if old_seats.get(member) != seat:
            db.execute(
                "INSERT INTO class_seats (code, member, name, key, token) VALUES (?, ?, ?, ?, ?)",
                (code, member, seat.name, seat.key, seat.token),
            )


def _is_damage(error: sqlite3.Error) -> bool:
    """Not a database, or a damaged one; unlike a locked file or a folder without access."""
    name = getattr(error, "sqlite_errorname", "")
    if name:
        return name in ("SQLITE_NOTADB", "SQLITE_CORRUPT")
    return not isinstance(error, sqlite3.OperationalError)


@dataclass(frozen=True)
class Opened:
    """What opening the saved work gave: a store, or None; and one line to tell the user."""

    store: Store | None
    notice: str = ""
    """Empty when all went well."""


def set_aside(path: Path, kind: str, *, now: Callable[[], datetime] = _now) -> Path:
    """Move the file to `work.sqlite3.KIND-YYYYMMDD-HHMMSS` beside it, never deleting it.

    Its WAL and shared-memory files go with it, renamed to match, so that the copy opens with
    its last transactions, and a fresh store never finds the old one's log (SQLite would replay
    it into the new file). They are moved first: stopped halfway, the old file is still where
    it was, to be set aside next time.
    """
    stamp = now().astimezone().strftime("%Y%m%d-%H%M%S")  # the user's own clock
    target = path.with_name(f"{path.name}.{kind}-{stamp}")
    number = 1
    while any(Path(f"{target}{side}").exists() for side in ("", *SIDE_FILES)):
        number += 1
        target = path.with_name(f"{path.name}.{kind}-{stamp}-{number}")
    for side in SIDE_FILES:
        source = Path(f"{path}{side}")
        if source.exists():
            os.replace(source, f"{target}{side}")
    os.replace(path, target)
    return target


def open_work(folder: Path, *, now: Callable[[], datetime] = _now) -> Opened:
    """Open the saved work in `folder`, whatever state it is in; never raises.

    A file from a newer version, or a damaged one, is set aside and a fresh store opened; a
    folder that cannot be made or written gives no store: the app then runs without saving.
    """
    path = folder / FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return Opened(None, f"Work is not saved: {folder} is not a folder.")
    except OSError as error:
        return Opened(None, f"Work is not saved: cannot make {folder} ({error.strerror or error}).")
    try:
        return Opened(Store.open(path))
    except NewerStore:
        kind, why = "newer", "is from a newer version of council-sim"
    except DamagedStore:
        kind, why = "damaged", "is damaged or is not a database"
    except StoreError as error:
        return Opened(None, f"Work is not saved: {error}.")
    try:
        kept = set_aside(path, kind, now=now)
    except OSError as error:
        return Opened(
            None,
            f"Work is not saved: {path} {why} and cannot be moved aside "
            f"({error.strerror or error}).",
        )
    try:
        store = Store.open(path)
    except StoreError as error:
        return Opened(None, f"Work is not saved: {path} {why}; kept as {kept.name}; {error}.")
    return Opened(store, f"Your saved work {why}: it is kept as {kept}, and a fresh one begun.")
