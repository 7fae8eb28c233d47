"""The command line: `list`, `vote` and `validate`, their JSON and their exit statuses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main

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


def test_vote_accepts_a_file_path(capsys: pytest.CaptureFixture[str]) -> None:
    """SCENARIO may be a path to a .toml file."""
    path = ROOT / "scenarios" / "2023-12-08-uae-draft.toml"
    result = run_json(capsys, "vote", str(path), "--recorded")
    assert result["vetoed_by"] == ["USA"]


RESOLUTION_KEYS = [
    "scenario",
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
        "agreed",
        "reason",
        "headline",
        "explanation",
        "counts",
        "objections_to_block",
        "objecting",
        "pivotal",
        "votes",
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
    assert lines[-1] == "Pivotal: USA (agree/silent)"
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


def test_validate_bundled_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled folder validates with status 0."""
    status, out, _ = run(capsys, "validate", str(ROOT / "scenarios"))
    assert status == 0
    assert "0 with problems" in out


def test_validate_reports_each_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A folder with a bad file: status 1, one line naming file and key per problem."""
    shutil.copy(ROOT / "scenarios" / "2024-03-22-us-draft.toml", tmp_path / "good.toml")
    bad = (ROOT / "scenarios" / "2024-03-25-resolution-2728.toml").read_text("utf-8")
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
    """A built wheel finds the bundled scenarios from any directory, and ships the .tcss."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "simulator/_bundled_scenarios/2024-03-22-us-draft.toml" in names
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
