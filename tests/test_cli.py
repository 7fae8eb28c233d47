"""The command line: `list`, `vote` and `validate`, their JSON and their exit statuses."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from simulator import cli
from simulator.cli import colour_settings, main
from simulator.rules import Ballot, Vote
from simulator.scenarios import Catalogue, bundled_dir, load_catalogue
from simulator.store import FILE_NAME, Store
from simulator.ui.app import CouncilApp

ROOT = Path(__file__).parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse's own exits (--help, usage errors)
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, err = run(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def test_list_json_has_the_contracted_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """`list --json` gives id, date (YYYY-MM-DD), title and decision for every scenario."""
    items = run_json(capsys, "list")
    assert len(items) >= 9
    for item in items:
        assert {"id", "date", "title", "decision"} <= item.keys()
    us_draft = next(i for i in items if i["id"] == "2024-03-22-us-draft")
    assert us_draft["date"] == "2024-03-22"
    assert us_draft["decision"] == "substantive"


def test_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    """Plain `list` prints one line per scenario, id first."""
    status, out, _ = run(capsys, "list")
    assert status == 0
    assert any(line.startswith("2024-03-25-resolution-2728 ") for line in out.splitlines())


def test_list_shows_each_amendment_with_its_draft(capsys: pytest.CaptureFixture[str]) -> None:
    """An amendment's line names its draft, which comes next; JSON gives the link as `amends`."""
    status, out, _ = run(capsys, "list")
    assert status == 0
    lines = out.splitlines()
    ids = [line.split()[0] for line in lines]
    amendment = lines[ids.index("2023-11-15-russian-amendment")]
    assert amendment.endswith("(amendment to 2023-11-15-resolution-2712)")
    assert ids[ids.index("2023-11-15-russian-amendment") + 1] == "2023-11-15-resolution-2712"
    assert not lines[ids.index("2023-11-15-resolution-2712")].endswith(")")
    items = {item["id"]: item for item in run_json(capsys, "list")}
    assert items["2024-03-25-russian-amendment"]["amends"] == "2024-03-25-resolution-2728"
    assert items["2024-03-25-resolution-2728"]["amends"] is None
    assert "absence is not a veto" in items["1950-07-07-resolution-84"]["teaches"]
    assert items["2024-03-25-resolution-2728"]["teaches"] is None


def test_vote_on_an_amendment_says_the_us_vote_was_no_veto(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """3 in favour, the United States against: too few votes, and no veto."""
    result = run_json(capsys, "vote", "2024-03-25-russian-amendment", "--recorded")
    assert result["reason"] == "insufficient_votes"
    assert result["counts"] == {"yes": 3, "no": 1, "abstain": 11, "absent": 0}
    assert result["vetoed_by"] == []
    assert "The United States voted against, but that is no veto" in result["explanation"]


def test_vote_recorded_us_draft_is_vetoed(capsys: pytest.CaptureFixture[str]) -> None:
    """The recorded vote of 22 March 2024: vetoed by China and the Russian Federation."""
    result = run_json(capsys, "vote", "2024-03-22-us-draft", "--recorded")
    assert result["adopted"] is False
    assert result["reason"] == "vetoed"
    assert result["counts"] == {"yes": 11, "no": 3, "abstain": 1, "absent": 0}
    assert result["required"] == 9
    assert sorted(result["vetoed_by"]) == ["CHN", "RUS"]
    assert result["pivotal"] == []


def test_vote_changes_on_top_of_the_record(capsys: pytest.CaptureFixture[str]) -> None:
    """What if the United States had voted against resolution 2728 instead of abstaining?"""
    result = run_json(capsys, "vote", "2024-03-25-resolution-2728", "--recorded", "USA=no")
    assert result["reason"] == "vetoed"
    assert result["vetoed_by"] == ["USA"]
    assert {"code": "USA", "vote": "abstain"} in result["pivotal"]


def test_members_not_named_are_absent(capsys: pytest.CaptureFixture[str]) -> None:
    """Nine named in favour and six unnamed: adopted, six absent, each of the nine pivotal."""
    codes = ["DZA", "ECU", "GUY", "JPN", "MLT", "MOZ", "KOR", "SLE", "SVN"]
    result = run_json(capsys, "vote", "2024-03-22-us-draft", *(f"{c}=yes" for c in codes))
    assert result["adopted"] is True
    assert result["reason"] == "adopted"
    assert result["counts"] == {"yes": 9, "no": 0, "abstain": 0, "absent": 6}
    pivotal_codes = {p["code"] for p in result["pivotal"]}
    assert set(codes) <= pivotal_codes
    assert {"code": "USA", "vote": "no"} in result["pivotal"]
    assert {"code": "USA", "vote": "yes"} not in result["pivotal"]


def test_permanent_no_without_the_votes(capsys: pytest.CaptureFixture[str]) -> None:
    """16 Oct 2023: three permanent members against, but only five in favour: no veto."""
    result = run_json(capsys, "vote", "2023-10-16-russian-draft", "--recorded")
    assert result["reason"] == "insufficient_votes"
    assert result["vetoed_by"] == []


def test_vote_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json the verdict is written for people."""
    status, out, _ = run(capsys, "vote", "2024-03-22-us-draft", "--recorded")
    assert status == 0
    assert "NOT ADOPTED — vetoed by China and the Russian Federation" in out


def test_vote_json_gives_the_smallest_change_that_flips_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """22 March 2024: China and Russia together; resolution 2728: any one permanent member."""
    vetoed = run_json(capsys, "vote", "2024-03-22-us-draft", "--recorded")
    assert vetoed["flip"] == {"size": 2, "count": 1, "groups": [["CHN", "RUS"]]}
    adopted = run_json(capsys, "vote", "2024-03-25-resolution-2728", "--recorded")
    assert adopted["flip"] == {
        "size": 1,
        "count": 5,
        "groups": [["CHN"], ["FRA"], ["RUS"], ["GBR"], ["USA"]],
    }
    blocked = run_json(capsys, "vote", "2021-05-17-press-statements", "--recorded")
    assert blocked["flip"] == {"size": 1, "count": 1, "groups": [["USA"]]}


def test_vote_json_lists_the_groups_only_up_to_fifty(capsys: pytest.CaptureFixture[str]) -> None:
    """Nobody named, so all absent: any 9 of 15 in favour, 5005 groups, too many to list."""
    result = run_json(capsys, "vote", "2024-03-22-us-draft")
    assert result["flip"] == {"size": 9, "count": 5005, "groups": []}
    eight = [f"{code}=yes" for code in ("DZA", "CHN", "ECU", "FRA", "GUY", "JPN", "MLT", "MOZ")]
    one_short = run_json(capsys, "vote", "2024-03-22-us-draft", *eight)
    assert one_short["flip"]["count"] == 7  # any one of the seven others in favour
    assert one_short["flip"]["groups"][0] == ["KOR"]


def test_flip_json_is_zero_when_no_change_can_flip_it() -> None:
    """Seven parties to the dispute abstain: no change of votes reaches nine in favour."""
    scenario = load_catalogue().get("2024-03-22-us-draft")
    assert scenario is not None
    members = tuple(
        replace(member, party_to_dispute=i < 7) for i, member in enumerate(scenario.members)
    )
    ballot = Ballot.open(members).cast_all({m.code: Vote.IN_FAVOUR for m in members[7:]})
    assert cli.flip_json(ballot) == {"size": 0, "count": 0, "groups": []}


def test_vote_text_says_the_smallest_change_that_flips_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One more line, after the pivotal members: who, together, would flip it, and to what."""
    _, out, _ = run(capsys, "vote", "2024-03-22-us-draft", "--recorded")
    assert out.endswith(
        "Smallest change that flips it: 2 members — China and the Russian Federation,\n"
        "  both moving off 'against' → adopted\n"
    )


def test_vote_accepts_a_file_path(capsys: pytest.CaptureFixture[str]) -> None:
    """SCENARIO may be a path to a .toml file."""
    path = ROOT / "scenarios" / "2023-12-08-uae-draft.toml"
    result = run_json(capsys, "vote", str(path), "--recorded")
    assert result["vetoed_by"] == ["USA"]


RESOLUTION_KEYS = [
    "scenario",
    "decision",
    "adopted",
    "reason",
    "headline",
    "explanation",
    "counts",
    "required",
    "vetoed_by",
    "objecting",
    "pivotal",
    "votes",
    "flip",
]


def test_resolution_json_keeps_its_contract(capsys: pytest.CaptureFixture[str]) -> None:
    """A draft resolution's JSON has the same keys, in the same order, and the vote words."""
    result = run_json(capsys, "vote", "2024-03-25-resolution-2728", "--recorded")
    assert list(result) == RESOLUTION_KEYS
    assert result["votes"]["USA"] == "abstain"
    assert set(result["votes"].values()) == {"yes", "abstain"}


def test_press_statement_objection(capsys: pytest.CaptureFixture[str]) -> None:
    """The May 2021 statements, in the statement's own words: blocked by one objection."""
    result = run_json(capsys, "vote", "2021-05-17-press-statements", "--recorded")
    assert list(result) == [
        "scenario",
        "decision",
        "agreed",
        "reason",
        "headline",
        "explanation",
        "counts",
        "objections_to_block",
        "objecting",
        "pivotal",
        "votes",
        "flip",
    ]
    assert result["agreed"] is False
    assert result["reason"] == "objection"
    assert result["counts"] == {"agree": 14, "object": 1, "silent": 0}
    assert result["objections_to_block"] == 1
    assert result["objecting"] == ["USA"]
    assert result["pivotal"] == [
        {"code": "USA", "vote": "agree"},
        {"code": "USA", "vote": "silent"},
    ]
    assert result["votes"]["USA"] == "object"
    assert set(result["votes"].values()) == {"agree", "object"}


@pytest.mark.parametrize("word", ["silent", "agree", "absent", "yes"])
def test_statement_takes_its_words_and_the_vote_words(
    capsys: pytest.CaptureFixture[str], word: str
) -> None:
    """agree, object, silent on a statement; yes, no, absent still work as synonyms."""
    result = run_json(capsys, "vote", "2021-05-17-press-statements", "--recorded", f"USA={word}")
    assert result["agreed"] is True
    assert result["reason"] == "agreed"
    assert result["votes"]["USA"] in {"agree", "silent"}


def test_members_not_named_on_a_statement_are_silent(capsys: pytest.CaptureFixture[str]) -> None:
    """Nobody named: every member silent, and silence does not block a statement."""
    result = run_json(capsys, "vote", "2021-05-22-press-statement")
    assert result["agreed"] is True
    assert result["counts"] == {"agree": 0, "object": 0, "silent": 15}


def test_statement_text_uses_the_statements_words(capsys: pytest.CaptureFixture[str]) -> None:
    """The text output speaks of agreeing and objecting, never of votes in favour."""
    status, out, _ = run(capsys, "vote", "2021-05-17-press-statements", "--recorded")
    assert status == 0
    lines = out.splitlines()
    assert lines[1] == "NOT AGREED — objection by the United States"
    assert lines[2] == "agree 14, object 1, silent 0 (one objection blocks it)"
    assert lines[-3:] == [
        "Pivotal: USA (agree/silent)",
        "Smallest change that flips it: 1 member — the United States no longer",
        "  objecting → agreed",
    ]
    assert "abstention" not in out
    assert "in favour" not in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["vote", "no-such-scenario"], "unknown scenario"),
        (["vote", "2024-03-22-us-draft", "DEU=yes"], "not a member"),
        (["vote", "2024-03-22-us-draft", "USA=maybe"], "is not a vote"),
        (["vote", "2024-03-22-us-draft", "USA=agree"], "use one of yes, no, abstain, absent"),
        (["vote", "2024-03-22-us-draft", "USA=object"], "are for statements"),
        (["vote", "2021-05-17-press-statements", "USA=abstain"], "there is no abstention"),
        (["vote", "2021-05-17-press-statements", "USA=maybe"], "use one of agree, object"),
        (["vote", "2021-05-17-press-statements", "USA"], "e.g. USA=object"),
        (["vote", "2024-03-22-us-draft", "USA"], "is not CODE=VOTE"),
        (["vote", "2024-03-22-us-draft", "USA=no", "usa=yes"], "more than once"),
        (["vote", "2021-05-french-draft", "--recorded"], "no recorded vote"),
        (
            ["vote", "2024-03-22-us-draft", "--decision", "press-statement", "GUY=abstain"],
            "there is no abstention",
        ),
        (["vote", "2024-03-22-us-draft", "--decision", "press"], "invalid choice"),
        (["vote", "missing.toml"], "cannot be read"),
        (["frobnicate"], "invalid choice"),
        (["vote"], "required"),
    ],
)
def test_bad_arguments_get_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    """Bad arguments: one line on stderr, exit status 2, no traceback."""
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert words in err


def test_json_says_which_decision_it_counted_under(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --decision, the scenario's own; with it, the one asked for."""
    own = run_json(capsys, "vote", "2024-03-22-us-draft", "--recorded")
    assert own["decision"] == "substantive"
    statement = run_json(capsys, "vote", "2021-05-17-press-statements", "--recorded")
    assert statement["decision"] == "press-statement"


def test_decision_procedural_has_no_veto(capsys: pytest.CaptureFixture[str]) -> None:
    """22 March 2024 counted as procedural (Art. 27(2)): adopted with 11, nobody's veto."""
    result = run_json(
        capsys, "vote", "2024-03-22-us-draft", "--recorded", "--decision", "procedural"
    )
    assert result["decision"] == "procedural"
    assert result["adopted"] is True
    assert result["counts"] == {"yes": 11, "no": 3, "abstain": 1, "absent": 0}
    assert result["vetoed_by"] == []


def test_decision_procedural_text_says_so_and_names_the_double_veto(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The text says which rule it counted under, and who could veto calling it procedural."""
    status, out, _ = run(
        capsys, "vote", "2024-03-22-us-draft", "--recorded", "--decision", "procedural"
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[1] == "Counted as a procedural decision, not as a substantive decision."
    assert lines[2] == "ADOPTED"
    assert "Article 27(2)" in out
    assert "The double veto" in out
    assert "China\nand the Russian Federation could veto" in out


def test_decision_press_statement_reads_an_abstention_as_silence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Counted as a statement: Guyana's abstention is silence, and three objections block it."""
    result = run_json(
        capsys, "vote", "2024-03-22-us-draft", "--recorded", "--decision", "press-statement"
    )
    assert result["decision"] == "press-statement"
    assert result["agreed"] is False
    assert result["counts"] == {"agree": 11, "object": 3, "silent": 1}
    assert result["objecting"] == ["DZA", "CHN", "RUS"]
    assert result["votes"]["GUY"] == "silent"
    status, out, _ = run(
        capsys, "vote", "2024-03-22-us-draft", "--recorded", "--decision", "press-statement"
    )
    assert status == 0
    assert "1 abstention counts as silence, not as an objection." in " ".join(out.split())


def test_decision_takes_the_votes_in_its_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    """A draft resolution counted as a presidential statement takes agree, object and silent."""
    result = run_json(
        capsys,
        "vote",
        "2024-03-25-resolution-2728",
        "--recorded",
        "--decision",
        "presidential-statement",
        "USA=object",
    )
    assert result["decision"] == "presidential-statement"
    assert result["objecting"] == ["USA"]
    assert result["votes"]["USA"] == "object"


def test_a_statement_counted_as_substantive_is_vetoed(capsys: pytest.CaptureFixture[str]) -> None:
    """The objection of May 2021, counted as a vote on a draft resolution, is a US veto."""
    result = run_json(
        capsys, "vote", "2021-05-17-press-statements", "--recorded", "--decision", "substantive"
    )
    assert result["decision"] == "substantive"
    assert result["reason"] == "vetoed"
    assert result["vetoed_by"] == ["USA"]
    assert result["votes"]["USA"] == "no"


def test_validate_bundled_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled folder validates with status 0."""
    status, out, _ = run(capsys, "validate", str(ROOT / "scenarios"))
    assert status == 0
    assert "0 with problems" in out


def test_validate_reports_each_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A folder with a bad file: status 1, one line naming file and key per problem."""
    good = (ROOT / "scenarios" / "2024-03-22-us-draft.toml").read_text("utf-8")
    good = good.replace('id = "2024-03-22-us-draft"', 'id = "copy-of-the-us-draft"')
    (tmp_path / "good.toml").write_text(good, "utf-8")
    bad = (ROOT / "scenarios" / "2024-03-25-resolution-2728.toml").read_text("utf-8")
    bad = bad.replace('id = "2024-03-25-resolution-2728"', 'id = "copy-of-2728"')
    (tmp_path / "bad.toml").write_text(bad.replace('USA = "abstain"', 'USA = "nope"'), "utf-8")
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"{tmp_path / 'bad.toml'}: record.votes.USA: 'nope' is not a vote " + (
        "(one of: yes, no, abstain, absent)"
    )
    assert lines[-1] == "2 files checked: 1 valid, 1 with problems"


def test_scenarios_option_adds_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`--scenarios DIR` works before or after the command."""
    text = (ROOT / "docs" / "scenario-format.md").read_text("utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.toml").write_text(example, "utf-8")
    for argv in (["--scenarios", str(tmp_path), "list"], ["list", "--scenarios", str(tmp_path)]):
        ids = [i["id"] for i in run_json(capsys, *argv)]
        assert "example-2024-03-22-us-draft" in ids
        assert "2024-03-22-us-draft" in ids


def test_bad_teacher_file_is_skipped_with_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`list` still lists the good scenarios and names the bad file on stderr."""
    (tmp_path / "broken.toml").write_text("id = ", "utf-8")
    status, out, err = run(capsys, "list", "--json", "--scenarios", str(tmp_path))
    assert status == 0
    assert len(json.loads(out)) >= 9
    assert "broken.toml: is not valid TOML" in err


def test_python_dash_m_runs_the_same_command() -> None:
    """`python -m simulator` is the same command line."""
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "vote", "2024-03-22-us-draft", "--recorded", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["reason"] == "vetoed"


def test_installed_command_finds_the_scenarios_from_anywhere(tmp_path: Path) -> None:
    """Run from another directory, the installed package still finds the bundled scenarios."""
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "list", "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) >= 9


def test_wheel_carries_the_scenarios_and_styles(tmp_path: Path) -> None:
    """A built wheel finds the bundled scenarios from any directory, and ships the .tcss and the
    General Assembly's list of members."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "simulator/_bundled_scenarios/2024-03-22-us-draft.toml" in names
    assert "simulator/data/assembly.toml" in names  # the General Assembly's members and groups
    assert any(n.startswith("simulator/ui/") and n.endswith(".tcss") for n in names)
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [sys.executable, "-I", "-c",
         f"import sys; sys.path.insert(0, {str(target)!r}); "
         f"import simulator; assert simulator.__file__.startswith({str(target)!r}); "
         "from simulator.cli import main; sys.exit(main(['list', '--json']))"],
        capture_output=True, text=True, check=False, cwd=elsewhere,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) >= 9


COMMAND = [sys.executable, "-m", "simulator"]


def run_into_closed_pipe(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run the command with its stdout a pipe whose reader has already gone, as `| head -c0`."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [*COMMAND, *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json"],
        ["validate", str(ROOT / "scenarios")],
        ["vote", "2024-03-22-us-draft", "--recorded", "--json"],
        ["--help"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_the_command_quietly(argv: list[str]) -> None:
    """`council-sim list | head`: no traceback, nothing on stderr, the status of a SIGPIPE."""
    done = run_into_closed_pipe(*argv)
    assert done.stderr == ""
    assert done.returncode == 141


def test_a_reader_that_stops_after_one_byte_ends_the_command_quietly(tmp_path: Path) -> None:
    """`validate … | head -c1` on more output than a pipe holds: no traceback, status 141."""
    keys = "\n".join(f"unknown_{i} = 1" for i in range(3000))  # a problem line each, > 64 KiB
    (tmp_path / "many.toml").write_text(keys, "utf-8")
    with subprocess.Popen(
        [*COMMAND, "validate", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(1) == str(tmp_path).encode()[:1]
        process.stdout.close()
        err = process.stderr.read().decode()
        status = process.wait(timeout=60)
    assert err == ""
    assert status == 141


@pytest.mark.parametrize("argv", [["list"], ["list", "--json"], ["--help"]], ids=" ".join)
def test_a_full_disk_is_one_line_and_status_2(argv: list[str]) -> None:
    """Output to a full disk: one line saying so on stderr, status 2, no traceback."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*COMMAND, *argv], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.stderr == "council-sim: error: cannot write output: No space left on device\n"
    assert done.returncode == 2


NEEDS_A_TERMINAL = (
    "council-sim: error: the simulator needs a terminal; "
    "in a script, use 'council-sim list' or 'council-sim vote'\n"
)


@pytest.mark.parametrize("tty", ["neither", "stdin only", "stdout only"])
def test_without_a_terminal_the_simulator_says_so_and_stops(tty: str) -> None:
    """`council-sim < /dev/null`, or piped: one line on stderr, status 2, not an endless screen."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            COMMAND,
            stdin=follower if tty == "stdin only" else subprocess.DEVNULL,
            stdout=follower if tty == "stdout only" else subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
            timeout=30,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.stderr.decode() == NEEDS_A_TERMINAL
    assert done.returncode == 2


def test_without_a_terminal_main_returns_2(capsys: pytest.CaptureFixture[str]) -> None:
    """The same check in-process: captured output is no terminal, so the app is never built."""
    status, out, err = run(capsys)
    assert (status, out, err) == (2, "", NEEDS_A_TERMINAL)


@pytest.mark.parametrize(
    ("argv", "fd", "message"),
    [
        ([], 0, NEEDS_A_TERMINAL),
        (["list"], 1, "council-sim: error: cannot write output: standard output is closed\n"),
    ],
    ids=["stdin", "stdout"],
)
def test_a_closed_standard_stream_is_one_line(argv: list[str], fd: int, message: str) -> None:
    """Started with stdin or stdout closed (`<&-`, `>&-`): one line and status 2."""
    done = subprocess.run(
        [*COMMAND, *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(fd),
        check=False,
        timeout=30,
    )
    assert done.stderr.decode() == message
    assert done.returncode == 2


CRASHING_APP = """
import sys
from textual.app import App
from simulator import cli
from simulator.ui.app import CouncilApp

def crash(self):
    raise RuntimeError("a bug in the simulator")

CouncilApp.on_mount = crash
CouncilApp.run = lambda self, **_: App.run(self, headless=True)
cli._has_terminal = lambda: True
sys.exit(cli.main([]))
"""


def test_a_crash_inside_the_simulator_is_status_1() -> None:
    """After Textual's traceback, one line asks for a report, and the status is 1, not 0."""
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_APP],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    lines = done.stderr.splitlines()
    report = (
        "council-sim: the simulator stopped on an unexpected error (shown above); please report it"
    )
    assert report in lines
    assert lines.index("RuntimeError: a bug in the simulator") < lines.index(report)
    assert done.returncode == 1


def in_a_terminal(
    argv: list[str], steps: list[tuple[bytes, bytes]], env: dict[str, str] | None = None
) -> list[bytes]:
    """Run the command in a pseudo-terminal of 80x24: for each step, type its keys and read until
    its marker is drawn; then 'q', which must end it with status 0. What each step drew."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [*COMMAND, *argv],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
    )
    os.close(follower)
    drawn: list[bytes] = []
    try:
        for keys, marker in steps:
            os.write(leader, keys)
            seen = b""
            deadline = time.monotonic() + 30
            while marker not in seen and time.monotonic() < deadline:
                if select.select([leader], [], [], 0.2)[0]:
                    seen += os.read(leader, 65536)
            assert marker in seen, (marker, seen[-2000:])
            drawn.append(seen)
        os.write(leader, b"q")
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        os.close(leader)
    return drawn


def colour_kinds(drawn: bytes) -> set[str]:
    """The kinds of colour in the SGR sequences drawn: '16', '256' or '24-bit'."""
    kinds: set[str] = set()
    for sequence in re.findall(rb"\x1b\[([0-9;]*)m", drawn):
        codes = [int(code or 0) for code in sequence.split(b";")]
        while codes:
            code = codes.pop(0)
            if code in (38, 48) and codes:
                kinds.add({2: "24-bit", 5: "256"}.get(codes[0], "?"))
                del codes[: 4 if codes[0] == 2 else 2]
            elif 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                kinds.add("16")
    return kinds


@pytest.mark.parametrize(
    ("term", "kinds"), [("dumb", {"16"}), ("xterm-256color", {"256"}), ("xterm", {"16"})]
)
def test_the_simulator_draws_in_the_colours_the_terminal_has(term: str, kinds: set[str]) -> None:
    """TERM=dumb gets the 16 standard colours, not 24-bit ones; other terminals what they name."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "TEXTUAL_COLOR_SYSTEM")}
    (drawn,) = in_a_terminal([], [(b"", b"Quit")], {**env, "TERM": term})
    assert colour_kinds(drawn) == kinds


@pytest.mark.parametrize(
    ("environ", "added"),
    [
        ({"TERM": "dumb"}, {"TEXTUAL_COLOR_SYSTEM": "standard"}),
        ({"TERM": "unknown"}, {"TEXTUAL_COLOR_SYSTEM": "standard"}),
        ({"TERM": "dumb", "TEXTUAL_COLOR_SYSTEM": "truecolor"}, {}),
        ({"TERM": "xterm-256color"}, {}),
        ({}, {}),
    ],
)
def test_colour_settings(environ: dict[str, str], added: dict[str, str]) -> None:
    """Only a dumb terminal is held to the 16 colours, and only when the user chose nothing."""
    assert colour_settings(environ) == added


def hostile_folder(tmp_path: Path) -> Path:
    """A named pipe, a link to /dev/zero and a file nested 10,000 deep, all named *.toml."""
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    (tmp_path / "deep.toml").write_text("x = " + "[" * 10_000 + "]" * 10_000, "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("fifo.toml", "is not a regular file (a named pipe)"),
        ("zero.toml", "is not a regular file (a device)"),
        ("deep.toml", "is nested too deeply to read (arrays or tables inside each other)"),
    ],
)
def test_vote_on_a_hostile_file_is_one_line(tmp_path: Path, name: str, message: str) -> None:
    """`vote` on such a file: one line naming it, status 2, in good time."""
    path = hostile_folder(tmp_path) / name
    done = subprocess.run([*COMMAND, "vote", str(path)], capture_output=True, text=True, timeout=30)
    assert done.stderr == f"council-sim: error: {path}: {message}\n"
    assert done.returncode == 2


def test_validate_reports_hostile_files_without_hanging(tmp_path: Path) -> None:
    """Files that would hang `validate`, exhaust memory or overflow the stack: one line each."""
    folder = hostile_folder(tmp_path)
    done = subprocess.run(
        [*COMMAND, "validate", str(folder)], capture_output=True, text=True, timeout=30
    )
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        f"{folder / 'deep.toml'}: is nested too deeply to read "
        "(arrays or tables inside each other)",
        f"{folder / 'fifo.toml'}: is not a regular file (a named pipe)",
        f"{folder / 'zero.toml'}: is not a regular file (a device)",
        "3 files checked: 0 valid, 3 with problems",
    ]
    assert done.returncode == 1


def test_validate_on_a_folder_without_scenario_files_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A folder with no .toml file is not a success: it says what it ignored, and status 1."""
    (tmp_path / "s.toml.txt").write_text("", "utf-8")
    (tmp_path / "empty").mkdir()
    status, out, _ = run(capsys, "validate", str(tmp_path), str(tmp_path / "empty"))
    assert out.splitlines() == [
        f"{tmp_path / 'empty'}: ignored: a folder (folders inside are not read)",
        f"{tmp_path / 's.toml.txt'}: ignored: not a .toml file",
        f"{tmp_path}: has no scenario files (names ending in .toml); "
        "ignored: 'empty', 's.toml.txt'",
        f"{tmp_path / 'empty'}: has no scenario files (names ending in .toml)",
        "0 files checked: 0 valid, 0 with problems; 2 folders or files given could not be used",
    ]
    assert status == 1


def test_validate_counts_what_it_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Upper-case extensions are checked; a file named twice and an ignored file are not counted."""
    text = (ROOT / "scenarios" / "2024-03-22-us-draft.toml").read_text("utf-8")
    text = text.replace('id = "2024-03-22-us-draft"', 'id = "copy-of-the-us-draft"')
    (tmp_path / "US.TOML").write_text(text, "utf-8")
    (tmp_path / "notes.txt").write_text("", "utf-8")
    status, out, _ = run(capsys, "validate", str(tmp_path), str(tmp_path / "US.TOML"))
    assert out.splitlines() == [
        f"{tmp_path / 'notes.txt'}: ignored: not a .toml file",
        "1 file checked: 1 valid, 0 with problems",
    ]
    assert status == 0


def test_validate_on_a_folder_that_cannot_be_read_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder the user may not list is a problem, status 1, not '0 files checked' and 0."""

    def refuse(*args: object) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert out.splitlines() == [
        f"{tmp_path}: cannot be read: Permission denied",
        "0 files checked: 0 valid, 0 with problems; 1 folder or file given could not be used",
    ]
    assert status == 1


def test_list_says_when_a_folder_gives_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--scenarios` on a folder of renamed files: the bundled list, and a line saying why."""
    (tmp_path / "s.toml.txt").write_text("", "utf-8")
    status, out, err = run(capsys, "list", "--scenarios", str(tmp_path))
    assert status == 0
    assert "2024-03-22-us-draft" in out
    assert err == (
        f"council-sim: skipped: {tmp_path}: has no scenario files (names ending in .toml); "
        "ignored: 's.toml.txt'\n"
    )


def test_validate_writes_no_control_character(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Keys, codes and a file name with escape sequences and newlines: one plain line each."""
    text = (ROOT / "scenarios" / "2024-03-22-us-draft.toml").read_text("utf-8")
    text = text.replace('USA = "yes"', '"\\u001b[2J\\nUSA" = "\\u001b[31m"')
    (tmp_path / "\x1b[31m\n.toml").write_text('"\\u2028" = 1\n' + text, "utf-8")
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert status == 1
    assert all(line.isprintable() for line in out.splitlines())
    assert len(out.splitlines()) == 4
    assert "\\x1b[31m\\n.toml: '\\u2028': unknown key" in out
    assert "record.votes.'\\x1b[2J\\nUSA': '\\x1b[2J\\nUSA' is not a member" in out


def test_validate_checks_ids_against_the_bundled_scenarios(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A copy of a bundled file under another name fails, as loading it would: both files named,
    the bundled one by its name rather than its install path."""
    bundled = bundled_dir() / "2024-03-22-us-draft.toml"
    shutil.copy(bundled, tmp_path / "copy.toml")
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert out.splitlines() == [
        f"{tmp_path / 'copy.toml'}: id: '2024-03-22-us-draft' is already the id of "
        "the bundled scenario 2024-03-22-us-draft.toml",
        "1 file checked: 0 valid, 1 with problems",
    ]
    assert status == 1


def test_validate_checks_ids_against_the_other_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With --scenarios, the ids of that folder count too: the file given is the duplicate."""
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    for folder in (mine, theirs):
        folder.mkdir()
        text = (ROOT / "docs" / "scenario-format.md").read_text("utf-8")
        (folder / "example.toml").write_text(text.split("```toml\n")[1].split("```")[0], "utf-8")
    status, out, _ = run(capsys, "validate", "--scenarios", str(theirs), str(mine))
    assert out.splitlines()[0] == (
        f"{mine / 'example.toml'}: id: 'example-2024-03-22-us-draft' is already the id of "
        f"{theirs / 'example.toml'}"
    )
    assert status == 1
    status, out, _ = run(capsys, "validate", "--scenarios", str(mine), str(mine))
    assert (status, out) == (0, "1 file checked: 1 valid, 0 with problems\n")


@pytest.mark.parametrize(
    "argv", [["validate", ""], ["validate", "--scenarios", "", "x"], ["--scenarios", "", "list"]]
)
def test_an_empty_path_is_an_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """'' is not the current folder: it is a mistake (an unset variable, most often)."""
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err == (
        "council-sim: error: argument --scenarios: an empty path names no file or folder "
        "(see 'council-sim --help')\n"
        if "--scenarios" in argv
        else "council-sim: error: argument PATH: an empty path names no file or folder "
        "(see 'council-sim --help')\n"
    )


def test_a_code_is_matched_only_in_ascii(capsys: pytest.CaptureFixture[str]) -> None:
    """Python upper-cases a long s (U+017F) to S, but 'u\\u017fa' is not the United States."""
    status, out, err = run(capsys, "vote", "2024-03-22-us-draft", "u\u017fa=yes")
    assert (status, out) == (2, "")
    assert err == (
        "council-sim: error: 'u\u017fa' is not a member of the Council in this scenario\n"
    )


def test_bare_vote_asks_for_a_scenario_only(capsys: pytest.CaptureFixture[str]) -> None:
    """The votes are optional: the message names only what is missing."""
    status, _, err = run(capsys, "vote")
    assert status == 2
    assert err == (
        "council-sim: error: the following arguments are required: SCENARIO "
        "(see 'council-sim --help')\n"
    )


Opened = list[tuple[Catalogue, str | None]]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    """What `open` would hand the simulator, caught before any terminal is needed."""
    calls: Opened = []

    def open_app(catalogue: Catalogue, scenario_id: str | None = None, **_: object) -> int:
        calls.append((catalogue, scenario_id))
        return 0

    monkeypatch.setattr(cli, "_open_app", open_app)
    return calls


def teacher_file(folder: Path, scenario_id: str = "example-2024-03-22-us-draft") -> Path:
    text = (ROOT / "docs" / "scenario-format.md").read_text("utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    path = folder / "example.toml"
    path.write_text(example.replace("example-2024-03-22-us-draft", scenario_id), "utf-8")
    return path


def test_open_an_id(capsys: pytest.CaptureFixture[str], opened: Opened) -> None:
    """`open ID` opens the simulator on that scenario, over the whole bundled list."""
    assert run(capsys, "open", "2024-03-25-resolution-2728") == (0, "", "")
    ((catalogue, scenario_id),) = opened
    assert scenario_id == "2024-03-25-resolution-2728"
    assert len(catalogue) == len(load_catalogue())


def test_open_a_file(capsys: pytest.CaptureFixture[str], opened: Opened, tmp_path: Path) -> None:
    """`open FILE` adds the file to the bundled list and opens it."""
    path = teacher_file(tmp_path)
    assert run(capsys, "open", str(path)) == (0, "", "")
    ((catalogue, scenario_id),) = opened
    assert scenario_id == "example-2024-03-22-us-draft"
    scenario = catalogue.get("example-2024-03-22-us-draft")
    assert scenario is not None and scenario.path == path
    assert len(catalogue) == len(load_catalogue()) + 1
    assert [s.date for s in catalogue] == sorted(s.date for s in catalogue)


def test_open_a_bundled_file(capsys: pytest.CaptureFixture[str], opened: Opened) -> None:
    """A bundled scenario's own file is that scenario, not a duplicate of it."""
    path = bundled_dir() / "2024-03-22-us-draft.toml"
    assert run(capsys, "open", str(path)) == (0, "", "")
    ((catalogue, scenario_id),) = opened
    assert scenario_id == "2024-03-22-us-draft"
    assert len(catalogue) == len(load_catalogue())


def test_open_an_id_from_another_folder(
    capsys: pytest.CaptureFixture[str], opened: Opened, tmp_path: Path
) -> None:
    """`open --scenarios DIR ID` finds the id in that folder."""
    teacher_file(tmp_path, "a-teachers-draft")
    assert run(capsys, "open", "--scenarios", str(tmp_path), "a-teachers-draft") == (0, "", "")
    assert opened[0][1] == "a-teachers-draft"


def test_open_refuses_a_file_with_a_bundled_id(
    capsys: pytest.CaptureFixture[str], opened: Opened, tmp_path: Path
) -> None:
    """A copy of a bundled file cannot sit beside it: one line naming both files, status 2."""
    bundled = bundled_dir() / "2024-03-22-us-draft.toml"
    copy = tmp_path / "copy.toml"
    shutil.copy(bundled, copy)
    assert run(capsys, "open", str(copy)) == (
        2,
        "",
        f"council-sim: error: {copy}: id: '2024-03-22-us-draft' is already the id of "
        f"the bundled scenario {bundled.name}\n",
    )
    assert opened == []


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["open", "no-such-draft"], "unknown scenario 'no-such-draft' (see 'council-sim list')"),
        (["open", "missing.toml"], "missing.toml: no such file or folder"),
        (
            ["open", str(ROOT / "docs")],
            f"{ROOT / 'docs'} is a folder: open one scenario of it with --scenarios DIR ID",
        ),
        (
            ["open"],
            "the following arguments are required: SCENARIO (see 'council-sim --help')",
        ),
    ],
)
def test_open_refuses_what_it_cannot_open(
    capsys: pytest.CaptureFixture[str], opened: Opened, argv: list[str], error: str
) -> None:
    """Before any screen is drawn: one line, status 2."""
    assert run(capsys, *argv) == (2, "", f"council-sim: error: {error}\n")
    assert opened == []


@pytest.mark.parametrize("command", ["open", "vote"])
def test_a_file_with_many_problems_is_one_line(
    capsys: pytest.CaptureFixture[str], opened: Opened, tmp_path: Path, command: str
) -> None:
    """The first problem, and how many more `validate` would list."""
    path = tmp_path / "bad.toml"
    path.write_text('id = "Bad id"\ntitle = 42\n', "utf-8")
    status, out, err = run(capsys, command, str(path))
    assert (status, out) == (2, "")
    assert err == (
        f"council-sim: error: {path}: id: 'Bad id' must be lower-case letters, digits, '-', '_' "
        "or '.' (and 6 more problems: 'council-sim validate' lists them all)\n"
    )
    assert opened == []


def test_help_names_the_open_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` lists `open`, and `open --help` says what SCENARIO may be."""
    _, out, _ = run(capsys, "--help")
    assert "open the simulator on one scenario" in out
    _, out, _ = run(capsys, "open", "--help")
    assert "a scenario id or a .toml file" in out


def test_open_shows_the_vote_and_escape_goes_back_to_the_list() -> None:
    """In a terminal, `open ID` draws the vote screen (its footer has What if); escape, the list."""
    in_a_terminal(
        ["open", "2024-03-22-us-draft"],
        [(b"", b"What if"), (b"\x1b", b"choose a scenario")],
    )


@pytest.mark.parametrize("command", ["vote", "open"])
def test_a_scenario_name_too_long_for_the_system_is_an_unknown_id(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A 5,000-character SCENARIO is looked for, not crashed on ('File name too long')."""
    status, _, err = run(capsys, command, "x" * 5000)
    assert status == 2
    assert err == f"council-sim: error: unknown scenario '{'x' * 40}…' (see 'council-sim list')\n"


@pytest.mark.parametrize("command", ["vote", "open"])
def test_an_empty_scenario_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """'' is no scenario, not the current folder."""
    status, _, err = run(capsys, command, "")
    assert status == 2
    assert "argument SCENARIO: it is empty: give a scenario id or a .toml file" in err


def saved_work(folder: Path) -> Path:
    """A store in `folder` holding a name and one ballot: something to clear."""
    us_draft = load_catalogue().get("2024-03-22-us-draft")
    assert us_draft is not None
    with Store.open(folder / FILE_NAME) as store:
        store.set_student_name("Amina")
        store.keep_ballot(us_draft.id, us_draft.recorded_ballot())
    return folder / FILE_NAME


def test_reset_work_with_yes_clears_the_folder_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`reset-work --yes --data DIR` clears that folder without asking; the file stays."""
    path = saved_work(tmp_path)
    assert run(capsys, "reset-work", "--yes", "--data", str(tmp_path)) == (
        0,
        f"Cleared all saved work in {path}.\n",
        "",
    )
    with Store.open(path) as store:
        assert (store.student_name(), store.scenario_ids()) == ("", [])


def test_reset_work_clears_the_folder_of_the_environment(
    capsys: pytest.CaptureFixture[str], own_data_folder: Path
) -> None:
    """Without --data, reset-work clears the folder COUNCIL_SIM_DATA names, as the app uses."""
    path = saved_work(own_data_folder)
    status, out, _ = run(capsys, "--data", str(own_data_folder), "reset-work", "--yes")
    assert status == 0 and str(path) in out
    assert run(capsys, "reset-work", "--yes")[0] == 0
    with Store.open(path) as store:
        assert store.scenario_ids() == []


def test_reset_work_without_a_terminal_asks_for_yes(
    capsys: pytest.CaptureFixture[str], own_data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It will not clear without asking: no terminal to ask on is one line and status 2."""
    path = saved_work(own_data_folder)
    monkeypatch.setattr(cli, "_has_terminal", lambda: False)
    assert run(capsys, "reset-work") == (
        2,
        "",
        "council-sim: error: reset-work asks before clearing: run it in a terminal, or add --yes\n",
    )
    with Store.open(path) as store:
        assert store.student_name() == "Amina"


@pytest.mark.parametrize(("answer", "cleared"), [("y\n", True), ("\n", False), ("no\n", False)])
def test_reset_work_asks_first(
    capsys: pytest.CaptureFixture[str],
    own_data_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    cleared: bool,
) -> None:
    """In a terminal it asks, naming the file; only y clears, and the default is no."""
    path = saved_work(own_data_folder)
    monkeypatch.setattr(cli, "_has_terminal", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    status, out, err = run(capsys, "reset-work")
    assert (status, err) == (0, "")
    said = f"Cleared all saved work in {path}.\n" if cleared else "Nothing was cleared.\n"
    assert out == f"Clear all saved work in {path}? [y/N] {said}"
    with Store.open(path) as store:
        assert store.student_name() == ("" if cleared else "Amina")


def test_reset_work_with_nothing_saved_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """No file: nothing to clear, and nothing created."""
    assert run(capsys, "reset-work", "--yes", "--data", str(tmp_path)) == (
        0,
        f"There is no saved work in {tmp_path / FILE_NAME}.\n",
        "",
    )
    assert list(tmp_path.iterdir()) == []


def test_reset_work_on_a_damaged_file_touches_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file that is not a database is not cleared nor moved: one line, status 1."""
    (tmp_path / FILE_NAME).write_text("not a database " * 100)
    status, out, err = run(capsys, "reset-work", "--yes", "--data", str(tmp_path))
    assert (status, out) == (1, "")
    assert err.startswith("council-sim: error: nothing was cleared: ") and err.count("\n") == 1
    assert (tmp_path / FILE_NAME).read_text() == "not a database " * 100


Started = list[CouncilApp]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Started:
    """The apps the command line would run, caught as they start: their store is still open."""
    apps: Started = []

    def run(self: CouncilApp, **_: object) -> None:
        apps.append(self)

    monkeypatch.setattr(cli, "_has_terminal", lambda: True)
    monkeypatch.setattr(CouncilApp, "run", run)
    return apps


def test_the_app_opens_the_store_in_the_folder_given_and_saves_the_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, started: Started
) -> None:
    """`--data DIR --name NAME`: the store is made in DIR and the name saved in it."""
    assert run(capsys, "--data", str(tmp_path), "--name", " Amina ") == (0, "", "")
    (app,) = started
    assert app.work.store is not None and app.work.store.path == tmp_path / FILE_NAME
    with Store.open(tmp_path / FILE_NAME) as store:
        assert store.student_name() == "Amina"


def test_open_takes_data_and_name_after_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, started: Started
) -> None:
    """`open ID --data DIR --name NAME` works as the global options do."""
    argv = ["open", "2024-03-25-resolution-2728", "--data", str(tmp_path), "--name", "Li"]
    assert run(capsys, *argv) == (0, "", "")
    (app,) = started
    assert app.scenario_id == "2024-03-25-resolution-2728"
    with Store.open(tmp_path / FILE_NAME) as store:
        assert store.student_name() == "Li"


def test_name_chooses_a_student_and_never_renames_another(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, started: Started
) -> None:
    """`--name` picks that student's work in the folder, made if new: a second name starts
    empty beside the first, whose work stays theirs, and the first name gets it back."""
    us_draft = load_catalogue().get("2024-03-22-us-draft")
    assert us_draft is not None
    with Store.open(tmp_path / FILE_NAME) as store:
        store.use_student("Amina")
        store.keep_ballot(us_draft.id, us_draft.recorded_ballot())
    for name in ("Li", "amina"):
        assert run(capsys, "--data", str(tmp_path), "--name", name)[0] == 0
    first, second = started
    assert first.greeting.startswith("Welcome, Li:")
    assert second.greeting.startswith("Welcome back, Amina:")
    with Store.open(tmp_path / FILE_NAME) as store:
        assert [(s.name, s.ballots) for s in store.students()] == [("Amina", 1), ("Li", 0)]
        assert store.student_name() == "Amina"  # the name used last


def test_the_first_name_takes_over_the_work_done_without_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, started: Started
) -> None:
    """Work saved without a name becomes the first name's, once, and the student is told; the
    next new name starts empty; and without --name the app goes on with the name used last."""
    us_draft = load_catalogue().get("2024-03-22-us-draft")
    assert us_draft is not None
    with Store.open(tmp_path / FILE_NAME) as store:
        store.keep_ballot(us_draft.id, us_draft.recorded_ballot())
    assert run(capsys, "--data", str(tmp_path), "--name", "Amina")[0] == 0
    assert run(capsys, "--data", str(tmp_path), "--name", "Li")[0] == 0
    assert run(capsys, "--data", str(tmp_path))[0] == 0
    amina, li, unnamed = started
    assert amina.greeting == "Your work so far is now saved under the name Amina."
    assert li.greeting.startswith("Welcome, Li:")
    assert unnamed.greeting == (
        "This is the work of Li, the name used last here. To work under another name, start "
        'with council-sim --name "Your Name".'
    )
    assert "· Li" in unnamed.title
    with Store.open(tmp_path / FILE_NAME) as store:
        assert [(s.name, s.ballots) for s in store.students()] == [("Amina", 1), ("Li", 0)]
        assert store.student_name() == "Li"  # what the app without --name worked on


@pytest.mark.parametrize(("name", "said"), [("  ", "the name is empty"), ("x" * 61, "too long")])
def test_a_name_that_cannot_be_used_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, started: Started, name: str, said: str
) -> None:
    """An empty or too long --name is one line and status 2, and opens nothing."""
    status, out, err = run(capsys, "--data", str(tmp_path), "--name", name)
    assert (status, out, started) == (2, "", [])
    assert err.startswith("council-sim: error: --name: ") and said in err
    assert err.count("\n") == 1


def test_the_app_on_the_environments_folder_by_default(
    capsys: pytest.CaptureFixture[str], own_data_folder: Path, started: Started
) -> None:
    """Without --data, the store is in COUNCIL_SIM_DATA."""
    assert run(capsys)[0] == 0
    (app,) = started
    assert app.work.store is not None
    assert app.work.store.path == own_data_folder / FILE_NAME


def test_a_damaged_store_is_one_line_after_the_app(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, started: Started
) -> None:
    """The app opens on a fresh store, and the line that says where the old file went is
    printed again after it, where it stays."""
    (tmp_path / FILE_NAME).write_text("not a database " * 100)
    status, out, err = run(capsys, "--data", str(tmp_path))
    assert (status, out) == (0, "")
    (app,) = started
    assert app.notice and app.work.saving
    assert err == f"council-sim: {app.notice}\n"
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(f"{FILE_NAME}.damaged-")]
    assert len(kept) == 1 and kept[0].read_text() == "not a database " * 100


def test_a_data_folder_that_cannot_be_made_still_opens_the_app(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file where the folder should be: the app runs without a store, and says so."""
    apps: Started = []
    monkeypatch.setattr(cli, "_has_terminal", lambda: True)
    monkeypatch.setattr(CouncilApp, "run", lambda self, **_: apps.append(self))
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    status, _, err = run(capsys, "--data", str(blocker))
    assert status == 0
    (app,) = apps
    assert app.work.store is None and "not saved" in app.title
    assert err == f"council-sim: Work is not saved: {blocker} is not a folder.\n"
