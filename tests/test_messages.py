"""Every error message a user can meet, triggered once and checked word for word, so that none
changes by accident; and a check that finds the message-making calls in the source and fails on
one that no test pins.

Many are pinned already where their feature is tested (`test_scenarios.py`, `test_cli.py`,
`test_store.py`, …): the check below counts those, and this module adds the rest.
"""

from __future__ import annotations

import ast
import json
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from simulator.export import UnknownFormat, format_for
from simulator.rules import Ballot, BallotError, Decision, Member, Vote, parse_vote
from simulator.scenarios import ScenarioError, bundled_dir, load_catalogue, parse_scenario
from simulator.store import FILE_NAME, Store, StoreError

ROOT = Path(__file__).parent.parent
CATALOGUE = load_catalogue()
US_DRAFT = "2024-03-22-us-draft"
STATEMENTS = "2021-05-17-press-statements"


# --- The command line: one line on stderr, and its status ---------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    return status, capsys.readouterr().err


CLI_MESSAGES = {
    "unknown scenario": (
        ["vote", "no-such-draft"],
        2,
        "council-sim: error: unknown scenario 'no-such-draft' (see 'council-sim list')",
    ),
    "not CODE=VOTE": (
        ["vote", US_DRAFT, "USA"],
        2,
        "council-sim: error: 'USA' is not CODE=VOTE, e.g. USA=no",
    ),
    "a member twice": (
        ["vote", US_DRAFT, "USA=yes", "usa=no"],
        2,
        "council-sim: error: USA is given more than once",
    ),
    "not a vote": (
        ["vote", US_DRAFT, "USA=maybe"],
        2,
        "council-sim: error: 'maybe' is not a vote: use one of yes, no, abstain, absent",
    ),
    "a statement word on a draft": (
        ["vote", US_DRAFT, "USA=object"],
        2,
        "council-sim: error: 'object' is not a vote: use one of yes, no, abstain, absent "
        "(agree, object and silent are for statements)",
    ),
    "not a member": (
        ["vote", US_DRAFT, "XYZ=yes"],
        2,
        "council-sim: error: 'XYZ' is not a member of the Council in this scenario",
    ),
    "abstaining on a statement": (
        ["vote", STATEMENTS, "USA=abstain"],
        2,
        "council-sim: error: a press statement is agreed or objected to: there is no "
        "abstention; use agree, object or silent (silence does not block it)",
    ),
    "not a position on a statement": (
        ["vote", STATEMENTS, "USA=maybe"],
        2,
        "council-sim: error: 'maybe' is not a position on a press statement: use one of "
        "agree, object, silent (or yes, no, absent)",
    ),
    "no recorded vote": (
        ["vote", "2021-05-french-draft", "--recorded"],
        2,
        "council-sim: error: French draft on a Gaza ceasefire and aid: no recorded vote (the "
        "draft was never voted on)",
    ),
    "not a scenario id": (
        ["new", "Bad Id"],
        2,
        "council-sim: error: 'Bad Id' is not a scenario id: lower-case letters, digits, '-', "
        "'_' or '.', starting with a letter or digit",
    ),
    "no such folder for new": (
        ["new", "my-draft", "--dir", "no-such-folder"],
        2,
        "council-sim: error: no-such-folder: no such folder",
    ),
    "power without a scenario": (
        ["power"],
        2,
        "council-sim: error: give a scenario (see 'council-sim list'), or --assembly for the "
        "General Assembly",
    ),
    "power of a scenario and the Assembly": (
        ["power", US_DRAFT, "--assembly"],
        2,
        "council-sim: error: give a scenario or --assembly, not both: the Assembly is not a "
        "scenario's Council (see 'council-sim power --help')",
    ),
    "power of an unknown scenario": (
        ["power", "no-such-draft"],
        2,
        "council-sim: error: unknown scenario 'no-such-draft' (see 'council-sim list')",
    ),
    "two-thirds without the Assembly": (
        ["power", US_DRAFT, "--two-thirds"],
        2,
        "council-sim: error: --two-thirds is for the General Assembly: add --assembly",
    ),
    "a decision for the Assembly": (
        ["power", "--assembly", "--decision", "procedural"],
        2,
        "council-sim: error: --decision is for a scenario's Council: the Assembly has no veto",
    ),
    "the chair's screen without a terminal": (
        ["class", "open", US_DRAFT],
        2,
        "council-sim: error: the chair's screen needs a terminal; in a script, use "
        "'council-sim class new' and the other steps of class",
    ),
    "an export name without a format": (
        ["export", "work.txt"],
        2,
        "council-sim: error: 'work.txt' does not say which format to write: end the name with "
        ".md (Markdown, to read or print), .json (for a grader) or .csv (for a spreadsheet)",
    ),
}


@pytest.mark.parametrize(("argv", "status", "line"), CLI_MESSAGES.values(), ids=CLI_MESSAGES)
def test_a_command_line_error_in_its_words(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv: list[str],
    status: int,
    line: str,
) -> None:
    """Each mistake on the command line: its one line on stderr, word for word, and its status."""
    monkeypatch.chdir(tmp_path)
    assert run(capsys, *argv) == (status, line + "\n")


def test_new_over_a_file_already_there(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`new` never writes over a file: it says so, and nothing was written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-draft.toml").write_text("kept", encoding="utf-8")
    assert run(capsys, "new", "my-draft") == (
        1,
        "council-sim: error: my-draft.toml already exists: nothing was written "
        "(choose another id)\n",
    )
    assert (tmp_path / "my-draft.toml").read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize("existing", ["a folder", "a file"])
def test_export_onto_a_folder_or_a_file_already_there(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    existing: str,
) -> None:
    """`export` to a folder's name, or over a file without --force: nothing is written."""
    monkeypatch.chdir(tmp_path)
    if existing == "a folder":
        (tmp_path / "hand-in.md").mkdir()
        line = "hand-in.md is a folder: give a file name, such as hand-in.md/work.md"
        expected = 2
    else:
        (tmp_path / "hand-in.md").write_text("kept", encoding="utf-8")
        line = "hand-in.md already exists: nothing was written (add --force to replace it)"
        expected = 1
    assert run(capsys, "export", "hand-in.md") == (expected, f"council-sim: error: {line}\n")


# --- The rules and the saved work, as the screens and commands pass them on ---------------------


def test_a_party_to_the_dispute_cannot_change_its_vote() -> None:
    """A party's vote is fixed at abstention on substance (Art. 27(3)), in these words."""
    ballot = Ballot.open([Member("SYR", "Syrian Arab Republic", party_to_dispute=True)])
    with pytest.raises(BallotError) as raised:
        ballot.cast("SYR", Vote.IN_FAVOUR)
    assert str(raised.value) == (
        "Syrian Arab Republic is a party to the dispute: under Article 27(3) it must abstain, "
        "so its vote is fixed"
    )


def test_a_statement_ballot_takes_no_abstention() -> None:
    """A statement's ballot refuses an abstention, and says what a member can do instead."""
    with pytest.raises(BallotError) as raised:
        Ballot((Member("MLT", "Malta"),), Decision.PRESS_STATEMENT, votes={"MLT": Vote.ABSTENTION})
    assert str(raised.value) == (
        "a press statement is agreed or objected to: there is no abstention; Malta can agree, "
        "object or stay silent, and silence does not block it"
    )


def test_a_statement_has_no_positions_on_record() -> None:
    """A statement without positions on record: said in a statement's words."""
    scenario = CATALOGUE.get(US_DRAFT)
    assert scenario is not None
    from dataclasses import replace

    statement = replace(scenario, decision=Decision.PRESS_STATEMENT, record=None)
    with pytest.raises(BallotError) as raised:
        statement.recorded_ballot()
    assert str(raised.value) == (
        "US draft: ceasefire tied to release of hostages: no positions are on record for this "
        "statement"
    )


def test_parse_vote_on_a_statement() -> None:
    """'abstain' on a statement: no abstention, and the words to use."""
    with pytest.raises(BallotError) as raised:
        parse_vote("abstain", Decision.PRESIDENTIAL_STATEMENT)
    assert str(raised.value) == (
        "a presidential statement is agreed or objected to: there is no abstention; use agree, "
        "object or silent (silence does not block it)"
    )


def test_an_export_name_without_a_known_ending() -> None:
    """The export dialog and `export` share this message."""
    with pytest.raises(UnknownFormat) as raised:
        format_for(Path("work"))
    assert str(raised.value) == (
        "'work' does not say which format to write: end the name with .md (Markdown, to read or "
        "print), .json (for a grader) or .csv (for a spreadsheet)"
    )


def test_the_store_names_a_student_who_is_not_there_and_one_taken(tmp_path: Path) -> None:
    """Asking for a student not in the folder, and renaming onto a name taken."""
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        with pytest.raises(StoreError) as raised, store.as_student("Nobody Here"):
            pass
        assert str(raised.value) == f"there is no student 'Nobody Here' in {path}"
        store.set_student_name("Amina Diallo")
        with store.as_student("Amina Diallo"):
            pass
        store.use_student("Li")
        with pytest.raises(StoreError) as taken:
            store.set_student_name("amina  diallo")
        assert str(taken.value) == "another student is already called 'amina diallo'"
    assert path.exists()


@pytest.mark.parametrize(
    ("order", "line"),
    [
        ('"one, two"', "order: must be a list of scenario ids, not a string"),
        ("[1]", "order[1]: must be a scenario id (a string), not a number"),
    ],
)
def test_a_pack_order_of_the_wrong_type(tmp_path: Path, order: str, line: str) -> None:
    """`order` must list ids: what was given instead is named, at its place."""
    from simulator.packs import read_pack

    (tmp_path / "pack.toml").write_text(f'title = "Lesson"\norder = {order}\n', "utf-8")
    with pytest.raises(ScenarioError) as raised:
        read_pack(tmp_path, [])
    assert [p.line() for p in raised.value.problems] == [f"{tmp_path / 'pack.toml'}: {line}"]


# --- Scenario files: each problem at its key ----------------------------------------------------

SAMPLE = tomllib.loads((bundled_dir() / f"{US_DRAFT}.toml").read_text(encoding="utf-8"))


def changed(**changes: Any) -> dict[str, Any]:
    """The sample scenario's table with these top-level keys set (None: taken out)."""
    table = {k: v for k, v in SAMPLE.items() if k not in changes}
    return table | {k: v for k, v in changes.items() if v is not None}


def with_record(**changes: Any) -> dict[str, Any]:
    record = {k: v for k, v in SAMPLE["record"].items() if k not in changes}
    return changed(record=record | {k: v for k, v in changes.items() if v is not None})


SCENARIO_PROBLEMS: dict[str, tuple[Callable[[], dict[str, Any]], str]] = {
    "an id in capitals": (
        lambda: changed(id="My-Draft"),
        "id: 'My-Draft' must be lower-case letters, digits, '-', '_' or '.'",
    ),
    "a date that is not one": (
        lambda: changed(date="22 March"),
        "date: '22 March' is not a date such as 2024-03-22",
    ),
    "no date": (lambda: changed(date=None), "date: missing (a date such as 2024-03-22)"),
    "questions not a list": (
        lambda: changed(questions="why?"),
        "questions: must be a list of strings",
    ),
    "a prediction not a table": (
        lambda: changed(prediction="guess"),
        "prediction: must be a table: [prediction]",
    ),
    "hints not a list": (
        lambda: changed(prediction={"briefing": "b", "hints": "h"}),
        "prediction.hints: must be a list of strings",
    ),
    "a prediction without a record": (
        lambda: changed(prediction={"briefing": "b"}, record=None),
        "prediction: a prediction is checked against the record: add a [record], or leave this "
        "table out",
    ),
    "amends not an id": (
        lambda: changed(amends="Draft One"),
        "amends: 'Draft One' is not a scenario id (the id of the draft)",
    ),
    "amends itself": (
        lambda: changed(amends=US_DRAFT),
        "amends: names this scenario's own id: an amendment amends another draft",
    ),
    "no members": (
        lambda: changed(members=None),
        "members: missing: list the Council as [[members]] tables",
    ),
    "members not tables": (
        lambda: changed(members=["USA"]),
        "members: must be a list of [[members]] tables",
    ),
    "six permanent members": (
        lambda: changed(
            members=[{**SAMPLE["members"][0], "permanent": True}, *SAMPLE["members"][1:]]
        ),
        "members: the Council has 5 permanent members, but 6 are marked",
    ),
    "a flag not true or false": (
        lambda: changed(
            members=[{**SAMPLE["members"][0], "permanent": "no"}, *SAMPLE["members"][1:]]
        ),
        "members[1].permanent: must be true or false, not a string",
    ),
    "a name not a string": (
        lambda: changed(members=[{**SAMPLE["members"][0], "name": 7}, *SAMPLE["members"][1:]]),
        "members[1].name: must be a string, not a number",
    ),
    "a record not a table": (lambda: changed(record="vetoed"), "record: must be a table: [record]"),
    "votes not a table": (
        lambda: with_record(votes=["yes"]),
        'record.votes: must be a table such as { USA = "yes", RUS = "no" }',
    ),
    "votes on a draft never voted": (
        lambda: with_record(outcome="not_voted"),
        "record.votes: a draft that was not voted on has no votes",
    ),
    "no decision": (
        lambda: changed(decision=None),
        "decision: missing (one of: substantive, procedural, press-statement, "
        "presidential-statement)",
    ),
    "a decision not known": (
        lambda: changed(decision="urgent"),
        "decision: 'urgent' is not one of: substantive, procedural, press-statement, "
        "presidential-statement",
    ),
    "an amendment that is a statement": (
        lambda: changed(
            decision="press-statement", amends="2023-11-15-resolution-2712", record=None
        ),
        "amends: a press statement is agreed, not voted, so it cannot be an amendment put to a "
        "vote",
    ),
    "a party to the dispute on a procedural vote": (
        lambda: changed(
            decision="procedural",
            members=[{**SAMPLE["members"][0], "party_to_dispute": True}, *SAMPLE["members"][1:]],
        ),
        "members[1].party_to_dispute: applies only to substantive decisions (Article 27(3)); "
        "this is a procedural decision",
    ),
    "a draft's outcome on a statement": (
        lambda: changed(decision="press-statement", record={"outcome": "vetoed"}),
        "record.outcome: 'vetoed' is not what happens to a press statement: it is 'agreed' (no "
        "member objected) or 'blocked'",
    ),
    "a statement's outcome on a draft": (
        lambda: with_record(outcome="blocked"),
        "record.outcome: 'blocked' is for statements: a draft resolution is 'adopted', "
        "'vetoed', 'insufficient_votes' or 'not_voted'",
    ),
}


@pytest.mark.parametrize(("table", "line"), SCENARIO_PROBLEMS.values(), ids=list(SCENARIO_PROBLEMS))
def test_a_scenario_problem_in_its_words(table: Callable[[], dict[str, Any]], line: str) -> None:
    """Each problem a scenario file can have, at its key, word for word."""
    path = Path("draft.toml")
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(table(), path)
    lines = [problem.line() for problem in raised.value.problems]
    assert f"{path}: {line}" in lines, lines


def test_a_second_pack_is_read_as_plain_scenarios(tmp_path: Path) -> None:
    """Two packs at once: the first opens, and the second's pack.toml is said to be set aside."""
    from simulator.packs import catalogue_for

    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "pack.toml").write_text(f'title = "Lesson {name}"\n', "utf-8")
    catalogue = catalogue_for([tmp_path / "one", tmp_path / "two"])
    assert (
        f"{tmp_path / 'two' / 'pack.toml'}: only one pack opens at a time: this folder's "
        "scenarios are added as plain ones"
    ) in [p.line() for p in catalogue.problems]


def test_a_store_that_cannot_be_opened(tmp_path: Path) -> None:
    """A data file in a folder that is not there: said with SQLite's own reason."""
    path = tmp_path / "missing" / FILE_NAME
    with pytest.raises(StoreError) as raised:
        Store.open(path)
    assert str(raised.value) == f"cannot open {path}: unable to open database file"


def test_export_from_a_damaged_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A data file that is not a database: nothing is written, and it is left as it was."""
    (tmp_path / FILE_NAME).write_text("not a database " * 100, encoding="utf-8")
    status, err = run(capsys, "export", str(tmp_path / "x.md"), "--data", str(tmp_path))
    assert (status, err) == (
        1,
        f"council-sim: error: nothing was written: {tmp_path / FILE_NAME} is damaged or is not "
        "a database (file is not a database)\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_new_from_a_file_whose_id_cannot_be_found_on_its_own_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`new --from` changes the id on its own line: written another way, it says it cannot."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    source = ROOT / "tests" / "fixtures" / "ui" / "2024-03-22-gaza-ceasefire.toml"
    text = source.read_text(encoding="utf-8").replace('\nid = "', '\n"id" = "', 1)
    (folder / "gaza.toml").write_text(text, encoding="utf-8")
    argv = ["new", "my-copy", "--from", "2024-gaza-ceasefire", "--scenarios", str(folder)]
    assert run(capsys, *argv, "--dir", str(tmp_path)) == (
        2,
        "council-sim: error: cannot copy '2024-gaza-ceasefire': cannot find the id of "
        "'2024-gaza-ceasefire' on a line of its own to change\n",
    )
    assert not (tmp_path / "my-copy.toml").exists()


def test_serving_on_an_address_that_is_not_this_computers() -> None:
    """An address of another machine: the system's reason, in one line."""
    from simulator.serve import port_problem

    assert port_problem("198.51.100.99", 8000) == (
        "cannot serve on 198.51.100.99 port 8000: Cannot assign requested address"
    )


def test_serving_a_pack_whose_every_scenario_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A pack none of whose files load: nothing to serve, and where to see why."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.toml").write_text('title = "Lesson"\n', encoding="utf-8")
    (pack / "draft.toml").write_text('id = "draft"\n', encoding="utf-8")
    status, err = run(capsys, "serve", "--scenarios", str(pack), "--data", str(tmp_path / "d"))
    assert (status, err) == (
        2,
        "council-sim: error: no scenario could be loaded: there is nothing to serve (to see "
        f"what is wrong with each file: council-sim validate {pack})\n",
    )


# --- The screens' warnings: each notification a student can meet, in its words ----------------


def caught_notes(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app's notifications, which are not drawn under `run_test`, as their messages."""
    notes: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notes.append(message))
    return notes


@pytest.mark.parametrize("typed", ["", "a-folder.md", "missing/work.md"])
async def test_the_export_dialog_says_why_nothing_was_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, typed: str
) -> None:
    """No name, a folder's name, a folder that is not there: one warning each, in its words."""
    from textual.widgets import Input

    from simulator.ui.app import CouncilApp

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-folder.md").mkdir()
    app = CouncilApp(CATALOGUE)
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-file", Input).value = typed
        await pilot.press("enter")
        await pilot.pause()
    expected = {
        "": "Give the file a name first.",
        "a-folder.md": "a-folder.md is a folder: give a file name ending in .csv, .json, "
        ".markdown, .md.",
        "missing/work.md": "Nothing was written to missing/work.md: No such file or directory.",
    }
    assert notes == [expected[typed]]


async def test_a_scenario_asked_for_that_is_not_there(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opened on an id that is not in the list: the list, and one line saying so."""
    from simulator.ui.app import CouncilApp

    app = CouncilApp(CATALOGUE, scenario_id="no-such-draft")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert notes == ["There is no scenario 'no-such-draft': choose one from the list."]


async def test_work_that_cannot_be_saved_is_said_once_for_votes_and_for_a_prediction(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The store stops working mid-session: a vote, then a locked prediction, each say so in
    their words (one full stop, whatever SQLite's own message ends with)."""
    from simulator.ui.app import CouncilApp

    path = tmp_path / FILE_NAME
    store = Store.open(path)
    app = CouncilApp(CATALOGUE, scenario_id=US_DRAFT, store=store)
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        store.close()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("p", "h", "o", "l", "l")
        await pilot.pause()
    reason = f"cannot write {path}: Cannot operate on a closed database"
    assert notes[0] == f"{reason}. Your votes are kept while the simulator is open."
    assert notes[-1] == f"{reason}. The prediction is not saved."


async def test_a_name_given_when_the_store_has_failed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Served, a store that fails as the name is given: the student is told, and goes on."""
    from textual.widgets import Input

    from simulator.ui.app import CouncilApp

    path = tmp_path / FILE_NAME
    store = Store.open(path)
    app = CouncilApp(CATALOGUE, store=store, ask_name=True)
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        store.close()
        app.screen.query_one("#name", Input).value = "Ada"
        await pilot.press("enter")
        await pilot.pause()
        assert app.title.endswith("· Ada · work not saved")
    assert notes == [
        f"Your work cannot be saved: cannot write {path}: Cannot operate on a closed database."
    ]


async def test_an_export_when_the_saved_work_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`e` with a store that has failed: nothing is written, and the student is told why."""
    from textual.widgets import Input

    from simulator.ui.app import CouncilApp

    monkeypatch.chdir(tmp_path)
    path = tmp_path / FILE_NAME
    store = Store.open(path)
    app = CouncilApp(CATALOGUE, store=store)
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-file", Input).value = "work.md"
        store.close()
        await pilot.press("enter")
        await pilot.pause()
    assert notes == [
        f"Your saved work cannot be read: cannot read {path}: Cannot operate on a closed database."
    ]
    assert not (tmp_path / "work.md").exists()


# --- A student's seat in a class session (`class join`, `serve --class`) ------------------------


def test_class_join_in_a_script_and_serving_a_class_not_there(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`class join` with no terminal names the commands that need none; `serve --class` with a
    code no session has is one line, before any server."""
    assert main(["class", "new", US_DRAFT, "--data", str(tmp_path), "--json"]) == 0
    code = json.loads(capsys.readouterr().out)["code"]
    assert run(capsys, "class", "join", code, "--data", str(tmp_path)) == (
        2,
        "council-sim: error: class join needs a terminal; in a script, use 'council-sim class "
        "take' and 'council-sim class vote'\n",
    )
    assert run(capsys, "serve", "--class", "KQ7-M4X-P2", "--data", str(tmp_path)) == (
        2,
        f"council-sim: error: there is no class session KQ7-M4X-P2 in {tmp_path}: check the "
        "code, and give the folder the session was made in with --data DIR\n",
    )


async def test_what_a_seat_says_when_a_key_or_the_class_goes_wrong(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A key on another member's row, the member taken back in another window, then freed by
    the chair, a scenario not loaded here, the class cleared away: one line each."""
    from simulator.scenarios import Catalogue
    from simulator.session import free_seat, new_code, new_token, open_vote, start, take_seat
    from simulator.ui.seat import POLL, RollTable, SeatApp, SeatScreen

    scenario = CATALOGUE.get(US_DRAFT)
    assert scenario is not None
    chair = new_token()
    session = start(scenario, chair=chair, code=new_code())
    code = session.code
    with Store.open(tmp_path / FILE_NAME) as store, Store.open(tmp_path / FILE_NAME) as chair_s:
        assert store.start_class(session)
        chair_s.change_class(code, lambda s: open_vote(s, chair))
        app = SeatApp(store, code, CATALOGUE, name="Amina Diallo")
        notes = caught_notes(app, monkeypatch)

        async def seated(member: str) -> None:
            app.take(member)
            for _ in range(30):
                await pilot.pause(POLL)
                if isinstance(app.screen, SeatScreen) and app.screen.shown is not None:
                    return

        async def notes_come(number: int) -> None:
            for _ in range(30):
                if len(notes) >= number:
                    return
                await pilot.pause(POLL)

        async with app.run_test(size=(80, 24)) as pilot:
            await seated("USA")
            app.screen.query_one(RollTable).move_to("CHN")
            await pilot.press("y")
            again = new_token()
            chair_s.change_class(
                code, lambda s: take_seat(s, scenario, "USA", "amina diallo", again)
            )
            await notes_come(2)
            await seated("USA")
            chair_s.change_class(code, lambda s: free_seat(s, scenario, chair, "USA"))
            await notes_come(3)
            chair_s.clear()
            await notes_come(4)
            await pilot.pause()
        elsewhere = SeatApp(store, code, Catalogue(()), name="Li Wei")
        elsewhere_notes = caught_notes(elsewhere, monkeypatch)
        chair_s.start_class(session)
        async with elsewhere.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            elsewhere.take("FRA")
            await pilot.pause()
    assert notes == [
        "China is not yours: you cast only the vote of the United States, on your row (marked "
        "▸). Press m to go back to it.",
        "Your member was taken back under your name in another window: this one no longer "
        "votes. Take it back here to vote from here.",
        "Your member is no longer yours: the chair freed it, or the class moved on to a Council "
        "without it. Choose a member.",
        f"The class session {code} is no longer in the data folder: it was cleared. Ask the "
        "chair for a new code.",
    ]
    assert elsewhere_notes == [
        "The class is on the scenario '2024-03-22-us-draft', which is not among the scenarios "
        "loaded here: ask the chair which folder it is in, and join with --scenarios DIR."
    ]


# --- The chair's screen in a class session (`class open`, `class chair`) ------------------------


async def test_the_chairs_screen_when_its_session_is_cleared_or_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The chair's screen, its session cleared by another process (`reset-work`): a step taken
    before the screen has seen it changes nothing and says why; the screen then says, once,
    that the session is gone. A store that cannot be read is said once, not at every poll."""
    from simulator.session import new_code, new_token, start
    from simulator.ui.chair import ChairApp, ChairScreen

    path = tmp_path / FILE_NAME
    scenario = CATALOGUE.get(US_DRAFT)
    assert scenario is not None
    chair = new_token()
    session = start(scenario, chair=chair, code=new_code())
    with Store.open(path) as store, Store.open(path) as other:
        assert store.start_class(session)
        app = ChairApp(store, session.code, chair, CATALOGUE)
        notes = caught_notes(app, monkeypatch)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChairScreen)
            other.clear()
            screen.action_open_vote()  # before the next poll has seen the change
            await pilot.pause(0.3)
            await pilot.press("o")
        gone = (
            "The class session is no longer in the data folder (it was cleared): nothing more "
            "can be done here. q quits."
        )
        nothing = f"Nothing was changed: there is no class session {session.code} in {path}."
        assert notes == [nothing, gone, gone]  # the last for the o pressed after it
    with Store.open(path) as store:
        assert store.start_class(session)
        app = ChairApp(store, session.code, chair, CATALOGUE)
        notes = caught_notes(app, monkeypatch)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            store.close()
            await pilot.pause(0.35)
    assert notes == [
        f"The session cannot be read just now: cannot read {path}: Cannot operate on a closed "
        "database. The screen shows it as last read."
    ]


# --- The check: every message-making call is pinned somewhere -----------------------------------

MAKERS = {
    "UsageError",
    "_error",
    "StoreError",
    "BallotError",
    "UnknownFormat",
    "SessionError",
    "problem",
    "Problem",
}
"""Calls that make a message for a user; `notify` is counted too when its severity is warning
or error."""

NOT_YET: set[str] = set()
"""Messages not yet triggered by a test that checks their words (the UI's warnings among them):
the list may only shrink. A new message missing from every test fails the check below."""


def message_calls() -> Iterator[tuple[str, str]]:
    """(where, the longest literal part of its message) for each message-making call whose
    message is written there (a message passed on, such as str(error), is made elsewhere)."""
    for path in sorted((ROOT / "simulator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            args = node.args
            if name == "notify":
                severity = next((k.value for k in node.keywords if k.arg == "severity"), None)
                if not (
                    isinstance(severity, ast.Constant) and severity.value in ("warning", "error")
                ):
                    continue
            elif name in ("problem", "Problem"):
                args = args[1:2]
            elif name not in MAKERS:
                continue
            if args and (words := _literal(args[0])):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", words


def _literal(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.strip()
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        return max((p for p in parts if isinstance(p, str)), key=len, default="").strip()
    return ""


OWN = Path(__file__).name


def strings_in(path: Path, *, before: str | None = None) -> Iterator[str]:
    """Every string written in a test file, its parts joined as Python joins them; of this
    module, only those above the check, so that the list below pins nothing."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text.split(before)[0] if before else text)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def test_every_message_is_pinned_by_a_test() -> None:
    """Each message made in the source appears, word for word, in some test (this module or
    the feature's own), or on the list of those not yet pinned; and that list holds no message
    that is pinned now, or that the source no longer makes."""
    pinned = " ".join(
        words
        for path in (ROOT / "tests").glob("test_*.py")
        for words in strings_in(path, before="# --- The check" if path.name == OWN else None)
    )
    calls = list(message_calls())
    assert len(calls) > 50, "the search for messages found too few: it has stopped working"
    missing = sorted({words for _, words in calls if words not in pinned} - NOT_YET)
    assert not missing, f"messages no test checks: {missing}"
    made = {words for _, words in calls}
    stale = sorted(w for w in NOT_YET if w in pinned or w not in made)
    assert not stale, f"on the list of those not yet pinned, but pinned or gone: {stale}"
