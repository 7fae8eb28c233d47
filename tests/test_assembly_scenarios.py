"""General Assembly scenario files (`body = "assembly"`): loading, the problems a bad one gets, how
the catalogue keeps them beside the Council's, and what the command line does with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.rules import BallotError, Vote
from simulator.scenarios import (
    AssemblyOutcome,
    AssemblyScenario,
    ScenarioError,
    load_any,
    load_catalogue,
    load_file,
    load_paths,
)

ROOT = Path(__file__).parent.parent
BUNDLED = "2021-05-20-assembly-hypothetical"

HEAD = """body = "assembly"
id = "ga-test"
title = "A test draft"
date = 2023-10-27
important = true
summary = "What the draft asks."
source = "Where the facts come from."
"""

# Every group in favour but the Western European and Others, which abstains, with the United
# States and Israel against: 164 to 2, adopted.
RECORD = """
[record]
outcome = "adopted"
symbol = "A/RES/TEST"
groups = { african = "yes", asia-pacific = "yes", eastern-european = "yes", latin-american-caribbean = "yes", western-european-others = "abstain" }
votes = { USA = "no", ISR = "no" }
"""  # noqa: E501


def write(folder: Path, text: str, name: str = "ga.toml") -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as raised:
        load_any(path)
    return [str(p) for p in raised.value.problems]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# --- Loading ------------------------------------------------------------------------------------


def test_an_assembly_file_loads_with_its_question(tmp_path: Path) -> None:
    """`body = "assembly"` makes an AssemblyScenario, with `important` and no members listed."""
    scenario = load_any(write(tmp_path, HEAD))
    assert isinstance(scenario, AssemblyScenario)
    assert (scenario.id, scenario.important, scenario.record) == ("ga-test", True, None)
    assert scenario.ballot().important and scenario.ballot().is_blank


def test_no_record_to_load(tmp_path: Path) -> None:
    """A scenario without a record says there is no vote to load."""
    scenario = load_any(write(tmp_path, HEAD))
    assert isinstance(scenario, AssemblyScenario)
    with pytest.raises(BallotError) as raised:
        scenario.recorded_ballot()
    assert str(raised.value) == "A test draft: no recorded vote of the General Assembly"


def test_a_record_by_group_with_exceptions(tmp_path: Path) -> None:
    """Groups first, then members by code: the United States and Israel differ from their group."""
    scenario = load_any(write(tmp_path, HEAD + RECORD))
    assert isinstance(scenario, AssemblyScenario)
    assert scenario.record is not None
    assert scenario.record.outcome is AssemblyOutcome.ADOPTED
    verdict = scenario.recorded_ballot().verdict
    assert (verdict.counts.yes, verdict.counts.no, verdict.counts.abstain) == (164, 2, 27)
    assert verdict.adopted
    assert scenario.record.votes["USA"] is Vote.AGAINST
    assert scenario.record.votes["FRA"] is Vote.ABSTENTION


def test_the_bundled_assembly_scenario_is_marked_hypothetical() -> None:
    """The one bundled Assembly vote is a what-if, and says in its notes why no real roll is."""
    catalogue = load_catalogue()
    scenario = catalogue.assembly(BUNDLED)
    assert scenario is not None
    assert scenario.title.startswith("Hypothetical")
    assert scenario.record is None and scenario.important
    assert "could not be checked against two independent sources" in scenario.notes
    assert "ES-10/21" in scenario.notes


def test_the_catalogue_keeps_assembly_scenarios_apart() -> None:
    """Iterating the catalogue gives the Council's scenarios, as before; the Assembly's are in
    `assemblies`, found by `assembly(id)` and not by `get(id)`."""
    catalogue = load_catalogue()
    assert all(not isinstance(s, AssemblyScenario) for s in catalogue)
    assert catalogue.get(BUNDLED) is None
    assert [a.id for a in catalogue.assemblies] == [BUNDLED]


def test_a_council_file_may_say_its_body(tmp_path: Path) -> None:
    """`body = "council"` is the default said aloud: the file loads as any Council file."""
    text = (ROOT / "scenarios" / "2024-03-22-us-draft.toml").read_text("utf-8")
    path = write(tmp_path, 'body = "council"\n' + text)
    assert load_file(path).id == "2024-03-22-us-draft"


def test_an_id_is_taken_across_both_bodies(tmp_path: Path) -> None:
    """An Assembly file with a Council scenario's id is a duplicate, and the reverse too."""
    path = write(tmp_path, HEAD.replace('"ga-test"', '"2024-03-22-us-draft"'))
    catalogue = load_paths([path], after=load_catalogue())
    assert [str(p) for p in catalogue.problems] == [
        f"{path}: id: '2024-03-22-us-draft' is already the id of the bundled scenario "
        "2024-03-22-us-draft.toml"
    ]


# --- Problems: one line naming the file and the key ---------------------------------------------


def test_a_missing_question_is_named(tmp_path: Path) -> None:
    """`important` is required, and the problem says what each value means."""
    path = write(tmp_path, HEAD.replace("important = true\n", ""))
    assert problems(path) == [
        f"{path}: important: missing: true for an important question (Article 18(2), "
        "two-thirds of those present and voting), false for any other (Article 18(3), a "
        "majority)"
    ]


def test_important_must_be_true_or_false(tmp_path: Path) -> None:
    """A string where a boolean belongs."""
    path = write(tmp_path, HEAD.replace("important = true", 'important = "yes"'))
    assert problems(path) == [f"{path}: important: must be true or false, not a string"]


def test_council_keys_in_an_assembly_file(tmp_path: Path) -> None:
    """[[members]] or `decision` in an Assembly file: it has its members and rules already."""
    path = write(tmp_path, HEAD + 'decision = "substantive"\n')
    assert problems(path) == [
        f"{path}: decision: is for Security Council scenarios: a General Assembly scenario has "
        "its 193 members and Article 18's rules already, and says only `important`"
    ]


def test_an_unknown_key_lists_the_assembly_keys(tmp_path: Path) -> None:
    """A mistyped key names the keys an Assembly file takes."""
    path = write(tmp_path, HEAD + "imporant = false\n")
    assert problems(path) == [
        f"{path}: imporant: unknown key (expected one of: body, date, id, important, notes, "
        "questions, record, source, summary, title)"
    ]


def test_an_unknown_body(tmp_path: Path) -> None:
    """`body` is council or assembly."""
    text = (ROOT / "scenarios" / "2024-03-22-us-draft.toml").read_text("utf-8")
    path = write(tmp_path, 'body = "senate"\n' + text)
    assert problems(path) == [f"{path}: body: 'senate' is not one of: council, assembly"]


def test_an_assembly_file_where_a_council_one_is_needed(tmp_path: Path) -> None:
    """`load_file` reads the Council's only, and says so of an Assembly file."""
    path = write(tmp_path, HEAD)
    with pytest.raises(ScenarioError) as raised:
        load_file(path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}: body: a General Assembly scenario, where one of the Security Council is needed"
    ]


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        (
            '[record]\noutcome = "adopted"\ngroups = { nordic = "yes" }\n',
            "record.groups.nordic: 'nordic' is not a regional group (one of: african, "
            "asia-pacific, eastern-european, latin-american-caribbean, western-european-others)",
        ),
        (
            '[record]\noutcome = "adopted"\nvotes = { XYZ = "yes" }\n',
            "record.votes.XYZ: XYZ is not a member of the General Assembly",
        ),
        (
            '[record]\noutcome = "adopted"\ngroups = { african = "maybe" }\n',
            "record.groups.african: 'maybe' is not a vote (one of: yes, no, abstain, absent)",
        ),
        (
            '[record]\noutcome = "not_voted"\nvotes = { USA = "no" }\n',
            "record.votes: a draft that was not voted on has no votes",
        ),
        (
            '[record]\noutcome = "passed"\n',
            "record.outcome: 'passed' is not one of: adopted, not_adopted, not_voted",
        ),
        (
            '[record]\noutcome = "adopted"\ngroups = "yes"\n',
            'record.groups: must be a table such as { african = "yes" }',
        ),
        (
            '[record]\noutcome = "adopted"\nvotes = "yes"\n',
            'record.votes: must be a table such as { USA = "yes", FRA = "abstain" }',
        ),
        ('record = "adopted"\n', "record: must be a table: [record]"),
    ],
)
def test_bad_records(tmp_path: Path, record: str, problem: str) -> None:
    """Each bad record is one problem naming its key."""
    path = write(tmp_path, HEAD + record)
    assert problems(path) == [f"{path}: {problem}"]


def test_a_record_missing_members(tmp_path: Path) -> None:
    """Every member's vote is needed: the missing are listed, a few by code and how many more."""
    path = write(tmp_path, HEAD + '[record]\noutcome = "adopted"\ngroups = { african = "yes" }\n')
    assert problems(path) == [
        f"{path}: record.votes: every member's vote is needed (by group in record.groups, by "
        "code in record.votes); missing: AFG, BHR, BGD, BTN, BRN, KHM, CHN, CYP and 131 more"
    ]


def test_a_record_whose_votes_do_not_give_its_outcome(tmp_path: Path) -> None:
    """Counted under Article 18, the recorded votes must give the recorded outcome."""
    path = write(tmp_path, HEAD + RECORD.replace('"adopted"', '"not_adopted"'))
    assert problems(path) == [
        f"{path}: record.outcome: says 'not_adopted', but the recorded votes count as "
        "'adopted' (ADOPTED — 164 to 2, 111 needed)"
    ]


def test_an_amendment_cannot_amend_an_assembly_draft(tmp_path: Path) -> None:
    """A Council amendment naming an Assembly scenario is one problem naming `amends`."""
    write(tmp_path, HEAD)
    text = (ROOT / "scenarios" / "2024-03-25-russian-amendment.toml").read_text("utf-8")
    text = text.replace('"2024-03-25-russian-amendment"', '"my-amendment"')
    text = text.replace('amends = "2024-03-25-resolution-2728"', 'amends = "ga-test"')
    amendment = write(tmp_path, text, "amendment.toml")
    catalogue = load_paths([tmp_path])
    assert [str(p) for p in catalogue.problems] == [
        f"{amendment}: amends: 'ga-test' is a General Assembly scenario: a Council amendment "
        "amends a draft before the Council"
    ]


# --- The command line ---------------------------------------------------------------------------


def test_list_shows_the_assembly_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    """`list` names it with the majority it needs; `--json` gives `body` for every scenario."""
    status, out, _ = run(capsys, "list")
    assert status == 0
    line = next(line for line in out.splitlines() if line.startswith(BUNDLED))
    assert "assembly, 2/3" in line and "Hypothetical" in line
    status, out, _ = run(capsys, "list", "--json")
    items = {item["id"]: item for item in json.loads(out)}
    assert items[BUNDLED] == {
        "id": BUNDLED,
        "date": "2021-05-20",
        "title": "Hypothetical: an Assembly draft on Gaza, May 2021",
        "body": "assembly",
        "decision": "important-question",
        "outcome": None,
        "symbol": None,
    }
    assert items["2024-03-22-us-draft"]["body"] == "council"


def test_validate_checks_assembly_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A good Assembly file is valid; a bad one is a problem line and status 1."""
    write(tmp_path, HEAD + RECORD)
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert (status, out) == (0, "1 file checked: 1 valid, 0 with problems\n")
    bad = HEAD.replace('"ga-test"', '"ga-bad"').replace("important = true\n", "")
    bad_path = write(tmp_path, bad, "bad.toml")
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert status == 1
    assert out.splitlines()[-1] == "2 files checked: 1 valid, 1 with problems"
    assert out.startswith(f"{bad_path}: important: missing")


@pytest.mark.parametrize("command", [["vote"], ["score"]])
def test_council_commands_say_they_are_for_the_council(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """`vote` and `score` on an Assembly scenario: one plain line, status 2."""
    status, _, err = run(capsys, *command, BUNDLED)
    assert status == 2
    assert err == (
        f"council-sim: error: '{BUNDLED}' is a General Assembly scenario, and '{command[0]}' is "
        f"for the Security Council's: open it in the simulator with 'council-sim open {BUNDLED}'\n"
    )


def test_vote_on_an_assembly_file_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The same for a file given by path."""
    path = write(tmp_path, HEAD)
    status, _, err = run(capsys, "vote", str(path))
    assert status == 2
    assert "is a General Assembly scenario, and 'vote' is for the Security Council's" in err


def test_new_from_an_assembly_scenario_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`new --from` copies Council scenarios only, and writes nothing."""
    status, _, err = run(capsys, "new", "mine", "--from", BUNDLED, "--dir", str(tmp_path))
    assert status == 2
    assert "and 'new --from' is for the Security Council's" in err
    assert not list(tmp_path.iterdir())


def test_the_documented_example_loads(tmp_path: Path) -> None:
    """The General Assembly example in docs/scenario-format.md loads as it stands, adopted."""
    doc = (ROOT / "docs" / "scenario-format.md").read_text("utf-8")
    section = doc.split("## General Assembly scenarios", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    scenario = load_any(write(tmp_path, example))
    assert isinstance(scenario, AssemblyScenario)
    assert scenario.recorded_ballot().verdict.adopted
