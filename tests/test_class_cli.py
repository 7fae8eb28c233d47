"""`council-sim class`: every step of a class session without a screen, in a data folder of the
test's own; what the rules refuse is one line on stderr, status 2, and nothing changed."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from simulator.session import read_code
from simulator.store import FILE_NAME

ROOT = Path(__file__).parent.parent
US_DRAFT = "2024-03-22-us-draft"
STATEMENTS = "2021-05-17-press-statements"
EXAMPLE_PACK = ROOT / "docs" / "example-pack"


class Class:
    """A class session made by `class new` in `folder`, and the commands run on it."""

    def __init__(
        self, capsys: pytest.CaptureFixture[str], folder: Path, *new: str, scenario: str = US_DRAFT
    ) -> None:
        self.capsys, self.folder = capsys, folder
        made = self.json("new", scenario, *new)
        self.code: str = made["code"]
        self.chair: str = made["chair"]

    def run(self, *argv: str) -> tuple[int, str, str]:
        try:
            status = main(["class", *argv, "--data", str(self.folder)])
        except SystemExit as exit_:  # argparse's own exits (usage errors)
            status = int(exit_.code or 0)
        out, err = self.capsys.readouterr()
        return status, out, err

    def json(self, *argv: str) -> Any:
        status, out, err = self.run(*argv, "--json")
        assert status == 0, err
        return json.loads(out)

    def ok(self, *argv: str) -> str:
        status, out, err = self.run(*argv)
        assert (status, err) == (0, ""), err
        return out

    def take(self, member: str, name: str) -> str:
        seat: str = self.json("take", self.code, member, "--name", name)["seat"]
        return seat

    def chair_does(self, step: str, *more: str) -> str:
        return self.ok(step, self.code, *more, "--chair", self.chair)

    def rows(self) -> list[str]:
        """Every row of the class tables: to see that nothing changed."""
        with sqlite3.connect(self.folder / FILE_NAME) as db:
            rows = [line for line in db.iterdump() if line.startswith('INSERT INTO "class_')]
        db.close()
        return rows

    def refused(self, argv: tuple[str, ...], line: str) -> None:
        """The step fails with status 2 and this one line, and the file is as it was."""
        before = self.rows()
        assert self.run(*argv) == (2, "", f"council-sim: error: {line}\n")
        assert self.rows() == before


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_new_prints_the_code_and_the_chairs_token(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """Text for people, JSON with exactly `code` and `chair` for scripts; each code new."""
    session = Class(capsys, data)
    assert read_code(session.code) == session.code
    assert len(session.chair) >= 22 and not session.chair.startswith("-")
    out = session.ok("new", US_DRAFT, "--mode", "hidden")
    lines = out.splitlines()
    code = lines[0].split()[2].rstrip(":")
    assert read_code(code) == code != session.code
    assert lines == [
        f"Class session {code}: US draft: ceasefire tied to release of hostages (2024-03-22).",
        "The vote is not open yet; votes hidden until the vote closes.",
        lines[2],
        f"Each student takes a member with: council-sim class take {code} MEMBER --name NAME "
        f"--data {data}",
    ]
    assert lines[2].startswith(
        "Chair's token (keep it to yourself: it opens, closes and reveals the vote): "
    )
    assert session.json("new", US_DRAFT).keys() == {"code", "chair"}


def test_a_whole_vote_from_the_command_line(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    """Take, open, vote, close, reveal: each step's words, and the roll at the end."""
    session = Class(capsys, data)
    code = session.code
    assert session.json("take", code, "usa", "--name", "Amina Diallo").keys() == {"seat"}
    taken = session.ok("take", code.lower().replace("-", ""), "RUS", "--name", "Li Wei")
    assert taken.splitlines()[0] == f"Li Wei holds the Russian Federation (RUS) in class {code}."
    assert taken.splitlines()[1].startswith(
        "Seat token (it casts this member's vote, and only this one): "
    )
    li = session.take("RUS", "li wei")  # the same student again: the member back, a new token
    assert session.chair_does("open-vote") == "The vote is open: 2 of 15 members are taken.\n"
    assert session.ok("vote", code, "--seat", li, "no") == (
        "The Russian Federation: against. It can be changed until the chair closes the vote.\n"
    )
    assert session.chair_does("close-vote") == (
        "The vote is closed: NOT ADOPTED — 0 of the 9 votes needed.\n"
        "Did not vote, so counted as absent: DZA, CHN, ECU, FRA, GUY, JPN, MLT, MOZ, KOR, SLE, "
        "SVN, CHE, GBR, USA.\n"
    )
    assert session.chair_does("reveal") == (
        "The record is shown: NOT ADOPTED — vetoed by China and the Russian Federation.\n"
    )
    lines = session.ok("status", code).splitlines()
    assert lines[0] == (
        f"Class {code}, scenario 1 of 1: US draft: ceasefire tied to release of hostages "
        "(2024-03-22, substantive)"
    )
    assert lines[1] == "The vote is closed, and the record is shown beside it. 1 of 15 votes in."
    rus = next(line for line in lines if line.startswith("  RUS"))
    usa = next(line for line in lines if line.startswith("  USA"))
    assert rus.split() == ["RUS", "Li", "Wei", "against", "recorded:", "against"]
    assert usa.split() == [
        "USA", "Amina", "Diallo", "did", "not", "vote:", "absent", "recorded:", "in", "favour"
    ]  # fmt: skip
    assert lines[-4:] == [
        "NOT ADOPTED — 0 of the 9 votes needed",
        "in favour 0, against 1, abstention 0, absent 14 (9 in favour needed)",
        "Recorded: NOT ADOPTED — vetoed by China and the Russian Federation",
        "The class's outcome is not the same as the Council's.",
    ]


def test_status_json_gives_the_verdict_with_the_keys_of_vote_json(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """The verdict is `vote --json`'s, counted from the class's votes; the roll says who holds
    each member and how it voted."""
    session = Class(capsys, data)
    amina = session.take("USA", "Amina Diallo")
    session.chair_does("open-vote")
    session.ok("vote", session.code, "--seat", amina, "yes")
    status = session.json("status", session.code)
    main(["vote", US_DRAFT, "USA=yes", "--json"])
    counted = json.loads(capsys.readouterr().out)
    assert status["verdict"].keys() == counted.keys()
    assert status["verdict"]["votes"] == {"USA": "yes"}
    assert status["verdict"]["reason"] == "open"
    assert (status["phase"], status["mode"], status["votes_in"], status["members"]) == (
        "open",
        "visible",
        1,
        15,
    )
    usa = next(line for line in status["roll"] if line["code"] == "USA")
    assert usa == {
        "code": "USA",
        "name": "United States",
        "student": "Amina Diallo",
        "joined": True,
        "voted": True,
        "vote": "yes",
        "hidden": False,
        "counted_absent": False,
        "recorded": None,
    }
    assert status["recorded"] is None
    session.chair_does("close-vote")
    session.chair_does("reveal")
    revealed = session.json("status", session.code)
    assert revealed["recorded"]["reason"] == "vetoed"
    assert revealed["verdict"]["counts"] == {"yes": 1, "no": 0, "abstain": 0, "absent": 14}


def test_hidden_votes_are_seen_by_the_chair_and_each_by_its_own_student(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """In hidden mode, status without a token shows who voted, not how, and no verdict."""
    session = Class(capsys, data, "--mode", "hidden")
    amina, li = session.take("USA", "Amina"), session.take("CHN", "Li")
    session.chair_does("open-vote")
    session.ok("vote", session.code, "--seat", amina, "yes")
    session.ok("vote", session.code, "--seat", li, "no")
    anyone = session.json("status", session.code)
    assert anyone["verdict"] is None and anyone["votes_in"] == 2
    assert {line["code"]: line["vote"] for line in anyone["roll"] if line["voted"]} == {
        "USA": None,
        "CHN": None,
    }
    text = session.ok("status", session.code).splitlines()
    assert text[1] == (
        "The vote is open: votes are hidden until the chair closes it. 2 of 15 votes in."
    )
    assert text[-1] == "The tally and the verdict are shown when the vote closes."
    assert next(line for line in text if line.startswith("  CHN")).split()[-2:] == [
        "voted",
        "(hidden)",
    ]
    own = session.json("status", session.code, "--seat", amina)
    assert {line["code"]: line["vote"] for line in own["roll"] if line["voted"]} == {
        "USA": "yes",
        "CHN": None,
    }
    chair = session.json("status", session.code, "--chair", session.chair)
    assert chair["verdict"]["votes"] == {"USA": "yes", "CHN": "no"}


def test_what_the_rules_refuse_is_one_line_status_2_and_nothing_changed(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """A member taken, a wrong token, a vote before opening or after closing, a chair's step
    out of turn."""
    session = Class(capsys, data)
    code = session.code
    amina = session.take("USA", "Amina Diallo")
    session.refused(
        ("take", code, "USA", "--name", "Li Wei"),
        "The United States is taken by Amina Diallo: choose a free member",
    )
    session.refused(
        ("take", code, "FRA", "--name", "AMINA DIALLO"),
        "Amina Diallo holds the United States already: one member for each student (take that "
        "member to have it back)",
    )
    session.refused(
        ("vote", code, "--seat", amina, "yes"),
        "the vote is not open yet: wait for the chair to open it",
    )
    not_chair = (
        f"that is not the chair's token for class {code}: only the chair can open, close or "
        "reveal the vote, seat or free members, or move to the next scenario"
    )
    for step in ("open-vote", "close-vote", "reveal", "next"):
        session.refused((step, code, "--chair", amina), not_chair)
    session.refused(("free", code, "USA", "--chair", amina), not_chair)
    session.refused(("assign", code, "FRA", "--name", "Sam", "--chair", "x"), not_chair)
    session.refused(("status", code, "--chair", amina), not_chair)
    session.chair_does("open-vote")
    session.refused(
        ("vote", code, "--seat", "not-a-seat", "yes"),
        f"that seat token holds no member in class {code}: take a member first, or take yours "
        "back with the same name",
    )
    session.refused(
        ("vote", code, "--seat", amina, "maybe"),
        "'maybe' is not a vote: use one of yes, no, abstain, absent",
    )
    session.refused(
        ("next", code, "--chair", session.chair),
        "close the vote first: the class moves on only from a final vote",
    )
    session.ok("vote", code, "--seat", amina, "yes")
    session.chair_does("close-vote")
    session.refused(
        ("vote", code, "--seat", amina, "no"),
        "the vote is closed: votes cannot be cast or changed after it closes",
    )
    session.refused(
        ("open-vote", code, "--chair", session.chair),
        "the vote is closed, and a closed vote is final: it cannot be reopened",
    )
    session.refused(
        ("next", code, "--chair", session.chair),
        "this is the session's last scenario: there is no next one",
    )


def test_a_code_that_is_not_one_or_not_here_is_one_line(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    """A mistyped code, a code of another folder, a folder with no saved work at all."""
    session = Class(capsys, data)
    session.refused(
        ("status", "KQ0-M4X-P2"),
        "'KQ0-M4X-P2' is not a class code: a code is eight letters and digits, such as KQ7-M4X-P2",
    )
    session.refused(
        ("status", "ZZZ-ZZZ-ZZ"),
        f"there is no class session ZZZ-ZZZ-ZZ in {data}: check the code, and give the folder "
        "the session was made in with --data DIR",
    )
    empty = tmp_path / "empty"
    status = main(["class", "status", session.code, "--data", str(empty)])
    assert status == 2
    assert capsys.readouterr().err == (
        f"council-sim: error: there is no class session {session.code} in {empty}: check the "
        "code, and give the folder the session was made in with --data DIR\n"
    )
    assert not empty.exists()


def test_a_session_is_made_on_a_scenario_id(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    """A file, or an id not loaded: one line, and no session."""
    spec = str(EXAMPLE_PACK / "example-2024-03-22-us-draft.toml")
    assert main(["class", "new", spec, "--data", str(data)]) == 2
    assert capsys.readouterr().err == (
        f"council-sim: error: {spec}: a class session is made on a scenario's id; give its "
        "folder with --scenarios DIR\n"
    )
    assert main(["class", "new", "no-such-draft", "--data", str(data)]) == 2
    assert capsys.readouterr().err == (
        "council-sim: error: unknown scenario 'no-such-draft' (see 'council-sim list')\n"
    )
    assert not data.exists()


def test_a_statement_is_voted_in_its_own_words(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """agree, object, silent; an abstention is refused, as by `vote`."""
    session = Class(capsys, data, scenario=STATEMENTS)
    seat = session.take("USA", "Amina")
    session.chair_does("open-vote")
    assert session.ok("vote", session.code, "--seat", seat, "object") == (
        "The United States: object. It can be changed until the chair closes the vote.\n"
    )
    session.refused(
        ("vote", session.code, "--seat", seat, "abstain"),
        "a press statement is agreed or objected to: there is no abstention; use agree, object "
        "or silent (silence does not block it)",
    )
    assert session.chair_does("close-vote") == (
        "The vote is closed: NOT AGREED — objection by the United States.\n"
        "Did not vote, so counted as silent: CHN, EST, FRA, IND, IRL, KEN, MEX, NER, NOR, RUS, "
        "VCT, TUN, GBR, VNM.\n"
    )


def test_the_chair_frees_and_keeps_members(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    """free: the token stops voting; assign: the student takes it with their name."""
    session = Class(capsys, data)
    amina = session.take("USA", "Amina")
    assert session.chair_does("free", "usa") == "The United States is free.\n"
    session.refused(
        ("free", session.code, "USA", "--chair", session.chair),
        ("The United States is free already"),
    )
    assert session.chair_does("assign", "FRA", "--name", "Sam Okafor") == (
        "France is kept for Sam Okafor, who takes it with: council-sim class take "
        f"{session.code} FRA --name 'Sam Okafor'\n"
    )
    session.refused(
        ("assign", session.code, "GBR", "--name", "sam okafor", "--chair", session.chair),
        "Sam Okafor holds France already: free that member first",
    )
    session.refused(
        ("assign", session.code, "FRA", "--name", "Li", "--chair", session.chair),
        "France is taken by Sam Okafor: free it first",
    )
    sam = session.take("FRA", "Sam Okafor")
    session.chair_does("open-vote")
    session.ok("vote", session.code, "--seat", sam, "yes")
    session.refused(
        ("vote", session.code, "--seat", amina, "yes"),
        f"that seat token holds no member in class {session.code}: take a member first, or "
        "take yours back with the same name",
    )


def test_the_class_moves_through_a_pack_found_where_the_session_was_made(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    """A pack's order; later steps find its scenarios without --scenarios, and a member not
    on the next Council is freed."""
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, pack)
    session = Class(capsys, data, "--scenarios", str(pack), scenario="example-2024-03-22-us-draft")
    session.take("USA", "Amina")
    session.take("MOZ", "Li")
    session.chair_does("open-vote")
    session.chair_does("close-vote")
    assert session.chair_does("next") == (
        "The class moves on to Resolution 2728 from the ten elected members (2 of 3): the vote "
        "is not open yet.\n"
    )
    assert session.chair_does("next").splitlines()[-1] == (
        "Freed, as they are not on this Council: MOZ."
    )
    as_chair = json.loads(session.chair_does("status", "--json"))
    assert next(m for m in as_chair["roll"] if m["code"] == "USA")["student"] == "Amina"
    status = session.json("status", session.code)
    assert (status["scenario"], status["position"], status["phase"]) == (
        "example-2021-05-17-press-statements",
        3,
        "waiting",
    )
    assert [line["code"] for line in status["roll"] if line["student"]] == ["USA"]
    shutil.rmtree(pack)
    session.refused(
        ("status", session.code),
        "the session is on the scenario 'example-2021-05-17-press-statements', which is not "
        "among those loaded: give its folder with --scenarios DIR",
    )


def test_export_writes_the_results_in_the_format_its_name_asks_for(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    """Markdown, JSON and CSV: who voted what, the verdict, the record once revealed."""
    session = Class(capsys, data)
    amina = session.take("USA", "Amina Diallo")
    session.chair_does("open-vote")
    session.ok("vote", session.code, "--seat", amina, "no")
    session.chair_does("close-vote")
    session.chair_does("reveal")
    md, js, sheet = tmp_path / "class.md", tmp_path / "class.json", tmp_path / "class.csv"
    assert session.ok("export", session.code, str(md)) == (
        f"Wrote {md} (Markdown): class session {session.code}, 1 scenario.\n"
    )
    text = md.read_text("utf-8")
    assert "| United States | Amina Diallo | against | in favour |" in text
    assert "| China | free | did not vote: counted absent | against |" in text
    assert "Recorded: **NOT ADOPTED — vetoed by China and the Russian Federation.**" in text
    session.ok("export", session.code, str(js))
    data_ = json.loads(js.read_text("utf-8"))
    assert (data_["format"], data_["version"], data_["code"]) == (
        "council-sim-class",
        1,
        session.code,
    )
    (scenario,) = data_["scenarios"]
    usa = next(m for m in scenario["members"] if m["code"] == "USA")
    assert usa == {
        "code": "USA",
        "member": "United States",
        "student": "Amina Diallo",
        "vote": "no",
        "counted_absent": False,
        "recorded": "yes",
    }
    assert scenario["verdict"]["reason"] == "insufficient_votes"
    assert scenario["recorded"]["reason"] == "vetoed"
    assert (scenario["same_outcome"], scenario["as_recorded"]) == (False, 0)
    session.ok("export", session.code, str(sheet))
    rows = list(csv.DictReader(sheet.read_text("utf-8-sig").splitlines()))
    assert len(rows) == 15
    assert {k: rows[-1][k] for k in ("member", "student", "vote", "recorded", "result")} == {
        "member": "USA",
        "student": "Amina Diallo",
        "vote": "no",
        "recorded": "yes",
        "result": "not adopted",
    }
    assert session.run("export", session.code, str(md)) == (
        1,
        "",
        f"council-sim: error: {md} already exists: nothing was written (add --force to "
        "replace it)\n",
    )
    session.ok("export", session.code, str(md), "--force")


def test_export_hides_an_open_hidden_vote_without_the_chairs_token(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    """The file shows what status shows the same viewer."""
    session = Class(capsys, data, "--mode", "hidden")
    amina = session.take("USA", "Amina")
    session.chair_does("open-vote")
    session.ok("vote", session.code, "--seat", amina, "no")
    hidden, shown = tmp_path / "hidden.json", tmp_path / "shown.json"
    session.ok("export", session.code, str(hidden))
    session.ok("export", session.code, str(shown), "--chair", session.chair)
    (closed,) = json.loads(hidden.read_text("utf-8"))["scenarios"]
    assert closed["hidden"] and closed["verdict"] is None
    assert all(m["vote"] is None for m in closed["members"])
    assert closed["note"] == (
        "The vote is still open, and its votes are hidden until the chair closes it: give the "
        "chair's token to export them."
    )
    (open_,) = json.loads(shown.read_text("utf-8"))["scenarios"]
    assert next(m for m in open_["members"] if m["code"] == "USA")["vote"] == "no"


def take_in_a_process(data: Path, code: str, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "simulator", "class", "take", code, "USA", "--name", name,
         "--data", str(data), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )  # fmt: skip


def test_two_processes_racing_for_one_member_one_wins(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """Two students take the United States at the same moment, three times over: each time
    exactly one gets it, and the other is told who holds it."""
    for attempt in range(3):
        session = Class(capsys, data)
        racers = {name: take_in_a_process(data, session.code, name) for name in ("Amina", "Li")}
        results = {name: (p.wait(timeout=60), *p.communicate()) for name, p in racers.items()}
        winners = [name for name, (status, _, _) in results.items() if status == 0]
        assert len(winners) == 1, (attempt, results)
        (winner,) = winners
        (loser,) = set(results) - {winner}
        assert results[loser][0] == 2
        assert results[loser][2] == (
            f"council-sim: error: The United States is taken by {winner}: choose a free member\n"
        )
        seat = json.loads(results[winner][1])["seat"]
        status = session.json("status", session.code, "--seat", seat)
        holders = {line["code"]: line["student"] for line in status["roll"] if line["student"]}
        assert holders == {"USA": winner}


def test_class_needs_a_step(capsys: pytest.CaptureFixture[str]) -> None:
    """`class` alone is a usage error naming what is missing."""
    with pytest.raises(SystemExit) as exit_:
        main(["class"])
    assert exit_.value.code == 2
    assert "the following arguments are required: STEP" in capsys.readouterr().err


def test_a_damaged_session_is_one_line_and_status_1(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """The file cannot give the session: said in one line, as for the other saved work."""
    session = Class(capsys, data)
    with sqlite3.connect(data / FILE_NAME) as db:
        db.execute("UPDATE class_rounds SET phase = 'adjourned'")
    db.close()
    assert session.run("status", session.code) == (
        1,
        "",
        f"council-sim: error: nothing was changed: the class session {session.code} in "
        f"{data / FILE_NAME} is damaged: it cannot be used\n",
    )
