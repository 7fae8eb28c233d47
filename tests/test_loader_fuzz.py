"""The scenario loader fed what a teacher's folder might hold by accident, or anyone's on purpose:
random and mutated TOML, wrong types, huge strings, odd Unicode, NUL bytes, deep nesting, bytes
that are not UTF-8, and things named `*.toml` that are not files. Each time: a valid scenario, or
problems that name the file (and the key, where there is one); never an exception, never a hang.

`tests/test_scenarios.py` checks the words of many of these problems; here the point is that
nothing gets past the loader, so every case runs under a deadline in a thread of its own.
"""

from __future__ import annotations

import datetime
import math
import os
import random
import socket
import sys
import threading
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.packs import catalogue_for
from simulator.scenarios import (
    PACK_FILE,
    Catalogue,
    Problem,
    ScenarioError,
    bundled_dir,
    load_paths,
    parse_scenario,
)

DEADLINE = 20.0
"""Seconds a load may take before the test calls it a hang: a scenario loads in milliseconds,
so this only fails on a real hang, however busy the machine."""

BUNDLED = sorted(bundled_dir().glob("*.toml"))
SAMPLE_ID = "2024-03-22-us-draft"
SAMPLE = bundled_dir() / f"{SAMPLE_ID}.toml"
"""A bundled scenario with every kind of key: summary, notes, questions, members, record."""

FUZZ = settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def guarded(load: Callable[[], Catalogue]) -> Catalogue:
    """Run a load in a thread and wait at most `DEADLINE`: fail on a hang, and on any exception
    that escapes it (the thread is a daemon, so a hang cannot hold the test run open)."""
    outcome: list[Catalogue | BaseException] = []

    def run() -> None:
        try:
            outcome.append(load())
        except BaseException as error:  # anything at all escaping the loader is the failure
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    assert not thread.is_alive(), f"loading did not finish within {DEADLINE:.0f} seconds"
    (result,) = outcome
    if isinstance(result, BaseException):
        raise AssertionError(f"an exception escaped the loader: {result!r}") from result
    return result


def load(*paths: Path) -> Catalogue:
    return guarded(lambda: load_paths(paths))


def assert_clear(catalogue: Catalogue, path: Path) -> None:
    """A scenario loaded from this file (a Council's or an Assembly's), or problems that name
    it: each problem one printable line, short enough to read, starting with the file's name."""
    loaded = catalogue.scenarios or catalogue.assemblies
    assert loaded or catalogue.problems, "neither a scenario nor a problem"
    for assembly in catalogue.assemblies:
        assert assembly.path == path
    for problem in catalogue.problems:
        assert problem.path == path
        line = problem.line()
        assert line.startswith(f"{path}: "), line
        assert line.isprintable(), line
        assert problem.message.strip()
        assert len(line) < len(str(path)) + 400, f"{len(line)} characters"
    for scenario in catalogue.scenarios:
        assert scenario.path == path
        if scenario.record is not None and scenario.has_recorded_votes:
            # A valid scenario: its recorded votes count to its recorded outcome.
            assert scenario.recorded_ballot().verdict.reason is scenario.record.outcome.reason


def at(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


# --- TOML written from Python values ------------------------------------------------------------


def toml_string(text: str) -> str:
    """A TOML basic string: every control character escaped, as TOML requires."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return (
        key
        if key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
        else toml_string(key)
    )


def toml_value(value: object) -> str:
    """Any value TOML can hold, inline: a table as { … }, a list as [ … ]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def toml_document(table: dict[str, Any]) -> str:
    return "".join(f"{toml_key(key)} = {toml_value(value)}\n" for key, value in table.items())


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
"""Any text a UTF-8 file can hold: every character but the halves of surrogate pairs."""

SCALARS = st.one_of(
    TEXT,
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def sample_table() -> dict[str, Any]:
    return tomllib.loads(SAMPLE.read_text(encoding="utf-8"))


def paths_in(
    table: dict[str, Any], prefix: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """Where each value sits in a parsed file: ('record', 'votes', 'USA'), ('members', 3)."""
    for key, value in table.items():
        yield (*prefix, key)
        if isinstance(value, dict):
            yield from paths_in(value, (*prefix, key))
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for i, item in enumerate(value):
                yield (*prefix, key, i)
                yield from paths_in(item, (*prefix, key, i))


SAMPLE_PATHS = list(paths_in(sample_table()))


def replaced(table: dict[str, Any], where: tuple[str | int, ...], value: object) -> dict[str, Any]:
    """A copy of the table with the value at `where` replaced."""
    copy: Any = _copy(table)
    inner = copy
    for step in where[:-1]:
        inner = inner[step]
    inner[where[-1]] = value
    return dict(copy)


def _copy(value: object) -> object:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def same_kind(a: object, b: object) -> bool:
    """Whether two values are of one TOML type (a date and a date-time counting as one)."""
    kinds = (bool, int | float, str, datetime.date, datetime.time, list, dict)
    return any(isinstance(a, kind) and isinstance(b, kind) for kind in kinds)


def key_path(where: tuple[str | int, ...]) -> str:
    """The key as a problem names it: 'record.votes.USA', 'members[4].code'."""
    words = ""
    for step in where:
        words += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if words else step)
    return words


# --- Generated files ----------------------------------------------------------------------------


@FUZZ
@given(table=st.dictionaries(st.sampled_from(sorted(sample_table())) | TEXT, VALUES, max_size=8))
def test_random_toml_tables_load_or_are_problems(tmp_path: Path, table: dict[str, Any]) -> None:
    """A random table under a scenario's keys and others: problems naming the file, no crash."""
    path = at(tmp_path, "random.toml", toml_document(table))
    catalogue = load(path)
    assert not catalogue.scenarios  # no random table is a whole scenario
    assert_clear(catalogue, path)


@FUZZ
@given(where=st.sampled_from(SAMPLE_PATHS), data=st.data())
def test_a_value_of_the_wrong_type_is_a_problem_at_its_key(
    tmp_path: Path, where: tuple[str | int, ...], data: st.DataObject
) -> None:
    """The sample scenario with one value replaced by one of another type: a problem at that key
    (or above it, where the table holding it is what is wrong), never a crash."""
    table = sample_table()
    original: Any = table
    for step in where:
        original = original[step]
    value = data.draw(VALUES.filter(lambda v: not same_kind(v, original)), label="value")
    path = at(tmp_path, "wrong.toml", toml_document(replaced(table, where, value)))
    catalogue = load(path)
    assert_clear(catalogue, path)
    assert not catalogue.scenarios, f"{key_path(where)} = {value!r} was taken"
    top = str(where[0])
    assert any(p.key.startswith(top) for p in catalogue.problems), [
        str(p) for p in catalogue.problems
    ]


@st.composite
def mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """The bytes with a few deleted, inserted or replaced, anywhere."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["delete", "insert", "replace"]))
        chunk = draw(st.binary(min_size=1, max_size=4))
        if kind == "delete":
            del data[where : where + len(chunk)]
        elif kind == "insert":
            data[where:where] = chunk
        else:
            data[where : where + len(chunk)] = chunk
    return bytes(data)


@FUZZ
@given(original=st.sampled_from(BUNDLED), data=st.data())
def test_a_mutated_bundled_file_loads_or_is_a_problem(
    tmp_path: Path, original: Path, data: st.DataObject
) -> None:
    """A bundled file with bytes deleted, inserted or replaced: still a valid scenario, or
    problems that name the file."""
    mutated = data.draw(mutations(original.read_bytes()), label="bytes")
    path = at(tmp_path, original.name, mutated)
    assert_clear(load(path), path)


@settings(max_examples=60)
@given(text=st.text(max_size=60))
def test_any_text_in_any_field_is_a_scenario_or_a_problem_without_a_traceback(text: str) -> None:
    """Any text at all, surrogates included, as a title, a member's code or a vote: the parsed
    table goes straight to the checks, which never raise anything but their own error."""
    path = Path("any.toml")
    for where in [
        ("title",),
        ("id",),
        ("members", 0, "code"),
        ("record", "votes", "USA"),
        ("date",),
    ]:
        table = replaced(sample_table(), where, text)
        try:
            parse_scenario(table, path)
        except ScenarioError as error:
            for problem in error.problems:
                assert problem.line().isprintable()
                assert len(problem.line()) < 400


# --- What a file can be by accident -------------------------------------------------------------

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def with_title(title: str) -> str:
    return SAMPLE_TEXT.replace(
        'title = "US draft: ceasefire tied to release of hostages"', f"title = {title}", 1
    )


DEEP = 10_000
NASTY_TEXT = {
    "a 10 MB string": with_title('"' + "x" * 10_000_000 + '"'),
    "a string just under the size limit": with_title('"' + "x" * 1_000_000 + '"'),
    "an escaped surrogate": with_title('"\\uD800 half of a pair"'),
    "an escaped code point beyond Unicode": with_title('"\\U00110000"'),
    "a raw NUL byte": with_title('"a\x00b"'),
    "an escaped NUL": with_title('"a\\u0000b"'),
    "a NUL outside a string": SAMPLE_TEXT + "\x00\n",
    "nested arrays": f"x = {'[' * DEEP}{']' * DEEP}\n",
    "nested inline tables": "x = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n",
    "nested arrays in a known key": f"questions = {'[' * DEEP}{']' * DEEP}\n",
    "a dotted key 10,000 deep": ".".join(["a"] * DEEP) + " = 1\n",
    "a table header 10,000 deep": "[" + ".".join(["a"] * DEEP) + "]\n",
    "arrays of tables 600 deep": "".join(
        "[[" + ".".join(["a"] * n) + "]]\n" for n in range(1, 600)
    ),
    "a right-to-left override in the title": with_title('"\u202eevil txt.exe"'),
    "right-to-left marks and Arabic": with_title(
        '"\u200f\u0645\u0634\u0631\u0648\u0639 \u200e(draft)"'
    ),
    "combining characters": with_title('"Z\u0351\u0361a\u0352\u0317l\u0301g\u0308o\u0300"'),
    "emoji": with_title('"\U0001f1fa\U0001f1f3 \U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1 draft"'),
    "an emoji as a member's code": SAMPLE_TEXT.replace('code = "DZA"', 'code = "\U0001f600"', 1),
    "a combining accent on a code": SAMPLE_TEXT.replace('code = "DZA"', 'code = "DZA\u0301"', 1),
    "a line separator in a title": with_title('"one\u2028two"'),
    "an escape sequence in a name": SAMPLE_TEXT.replace('"Algeria"', '"\\u001b[31mAlgeria"', 1),
    "50,000 unknown keys": "".join(f"k{i} = {i}\n" for i in range(50_000)),
    "5,000 members": SAMPLE_TEXT
    + "".join(f'[[members]]\ncode = "X{i:02d}"\nname = "M"\n' for i in range(5_000)),
    "an integer of 5,000 digits": SAMPLE_TEXT + "x = " + "9" * 5_000 + "\n",
    "an empty file": "",
    "a byte-order mark alone": "\ufeff",
}
NASTY_BYTES = {
    "a byte 0xFF": b'title = "\xff"\n',
    "an overlong slash": b'title = "\xc0\xaf"\n',
    "an encoded surrogate": b'title = "\xed\xa0\x80"\n',
    "a sequence cut off at the end": SAMPLE_TEXT.encode() + b"# \xe2\x82",
    "UTF-16": SAMPLE_TEXT.encode("utf-16"),
    "Latin-1 after a byte-order mark": b"\xef\xbb\xbf" + 'title = "Caf\u00e9"'.encode("latin-1"),
}


@pytest.mark.parametrize(
    "content",
    [*NASTY_TEXT.values(), *NASTY_BYTES.values()],
    ids=[*NASTY_TEXT, *NASTY_BYTES],
)
def test_a_nasty_file_is_a_scenario_or_a_clear_problem(
    tmp_path: Path, content: str | bytes
) -> None:
    """Each accident or attack: a valid scenario, or problems naming the file; in time."""
    path = at(tmp_path, "nasty.toml", content)
    assert_clear(load(path), path)


def test_a_10_mb_value_is_quoted_short(tmp_path: Path) -> None:
    """A value of 10 MB that reaches the checks (as parsed data, past the file's size limit) is
    quoted in 40 characters, never printed whole."""
    big = "\x07" + "x" * 10_000_000
    table = replaced(replaced(sample_table(), ("title",), big), ("members", 0, "code"), big)
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(table, tmp_path / "big.toml")
    for problem in raised.value.problems:
        assert len(problem.line()) < 400, problem.key


def things_named_toml(folder: Path) -> dict[str, Path]:
    """A folder, a named pipe, a socket, links that loop or lead nowhere or to a device: each
    named like a scenario file."""
    made = {}
    made["a folder"] = folder / "folder.toml"
    made["a folder"].mkdir()
    (made["a folder"] / "inside.toml").write_text(SAMPLE_TEXT, encoding="utf-8")
    made["a named pipe"] = folder / "pipe.toml"
    os.mkfifo(made["a named pipe"])
    made["a link that loops"] = folder / "loop.toml"
    made["a link that loops"].symlink_to(made["a link that loops"])
    made["links that loop in two"] = folder / "one.toml"
    (folder / "two.toml").symlink_to(made["links that loop in two"])
    made["links that loop in two"].symlink_to(folder / "two.toml")
    made["a link to nothing"] = folder / "nothing.toml"
    made["a link to nothing"].symlink_to(folder / "gone")
    made["a link to a device"] = folder / "zero.toml"
    made["a link to a device"].symlink_to("/dev/zero")
    made["a link to a pipe"] = folder / "to-pipe.toml"
    made["a link to a pipe"].symlink_to(made["a named pipe"])
    made["a socket"] = folder / "socket.toml"
    listening = socket.socket(socket.AF_UNIX)
    try:
        listening.bind(str(made["a socket"]))
    finally:
        listening.close()
    return made


def test_things_named_toml_given_one_by_one(tmp_path: Path) -> None:
    """Each named on its own: a clear problem naming it (the folder's own scenario loads), in
    time: a named pipe, even behind a link, is never opened to wait for a writer."""
    for kind, path in things_named_toml(tmp_path).items():
        catalogue = load(path)
        if kind == "a folder":
            assert [s.path for s in catalogue] == [path / "inside.toml"]
            continue
        assert [p.path for p in catalogue.problems] == [path], kind
        assert all(p.line().startswith(f"{path}: ") for p in catalogue.problems), kind
        assert not catalogue.scenarios, kind


def test_things_named_toml_in_a_folder(tmp_path: Path) -> None:
    """The same things in a folder given whole, beside a good file: the good file loads, and
    each of the others is one problem naming it, in time."""
    made = things_named_toml(tmp_path)
    at(tmp_path, "good.toml", SAMPLE_TEXT)
    catalogue = load(tmp_path)
    assert [s.path for s in catalogue] == [tmp_path / "good.toml"]
    named = {p.path for p in catalogue.problems}
    # A link to the pipe is the pipe, by its real path: read once, so named once (as the pipe).
    expected = {*made.values(), tmp_path / "two.toml"} - {made["a link to a pipe"]}
    assert named == expected, named ^ expected
    for problem in catalogue.problems:
        assert problem.line().isprintable()


def test_a_folder_of_random_bytes_named_toml(tmp_path: Path) -> None:
    """Fifty files of random bytes (a fixed seed): each a problem naming it, in time."""
    rng = random.Random(8)
    files = [
        at(tmp_path, f"{i:02d}.toml", rng.randbytes(rng.randrange(1, 2_000))) for i in range(50)
    ]
    catalogue = load(tmp_path)
    assert not catalogue.scenarios
    assert {p.path for p in catalogue.problems} == set(files)


def test_the_guard_itself_catches_an_exception_and_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness fails a test on an escaped exception and on a hang, or it proves nothing."""

    def crash() -> Catalogue:
        raise RecursionError

    never = threading.Event()

    def hang() -> Catalogue:
        never.wait()
        return Catalogue()

    with pytest.raises(AssertionError, match="escaped the loader"):
        guarded(crash)
    monkeypatch.setattr(sys.modules[__name__], "DEADLINE", 0.05)
    with pytest.raises(AssertionError, match="did not finish"):
        guarded(hang)
    never.set()


def test_problem_is_what_assert_clear_checks() -> None:
    """`assert_clear` refuses a problem naming another file: it would let that defect by."""
    other = Problem(Path("other.toml"), "is wrong")
    with pytest.raises(AssertionError):
        assert_clear(Catalogue(problems=(other,)), Path("this.toml"))


# --- A teacher's pack.toml, read by the same reader ---------------------------------------------

PACK_KEYS = ["title", "instructions", "order", "predict_first"]
OWN_TEXT = SAMPLE_TEXT.replace(f'id = "{SAMPLE_ID}"', 'id = "own-draft"', 1)
"""A scenario of the pack's own: a bundled id would clash when the pack falls back to plain."""


@FUZZ
@given(table=st.dictionaries(st.sampled_from(PACK_KEYS) | TEXT, VALUES, max_size=5))
def test_a_random_pack_toml_is_used_or_its_problems_named(
    tmp_path: Path, table: dict[str, Any]
) -> None:
    """A random pack.toml beside a good scenario: the pack is used, or problems name pack.toml
    and the scenario still loads as a plain folder's."""
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    at(folder, "own.toml", OWN_TEXT)
    pack = at(folder, PACK_FILE, toml_document(table))
    catalogue = guarded(lambda: catalogue_for([folder]))
    assert "own-draft" in {s.id for s in catalogue}
    for problem in catalogue.problems:
        assert problem.path == pack
        assert problem.line().startswith(f"{pack}: ") and problem.line().isprintable()
    assert (catalogue.pack is None) is bool(catalogue.problems)


@pytest.mark.parametrize("kind", ["a folder", "a named pipe", "a link that loops"])
def test_a_pack_toml_that_is_not_a_file_is_named(tmp_path: Path, kind: str) -> None:
    """A pack.toml that is a folder, a pipe or a looping link: one problem naming it, in time,
    and the folder's scenario loads without the pack."""
    at(tmp_path, "own.toml", OWN_TEXT)
    pack = tmp_path / PACK_FILE
    if kind == "a folder":
        pack.mkdir()
    elif kind == "a named pipe":
        os.mkfifo(pack)
    else:
        pack.symlink_to(pack)
    catalogue = guarded(lambda: catalogue_for([tmp_path]))
    assert catalogue.pack is None
    assert "own-draft" in {s.id for s in catalogue}
    assert [p.path for p in catalogue.problems] == [pack]
