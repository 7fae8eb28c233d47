"""`council-sim score`: a prediction scored for graders, its JSON and its exit statuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from simulator.scenarios import load_catalogue

FIXTURES = Path(__file__).parent / "fixtures"
RESOLUTION_2728 = "2024-03-25-resolution-2728"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse's own exits (--help, usage errors)
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, err = run(capsys, "score", *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def all_but(vote: str, **votes: str) -> list[str]:
    """CODE=VOTE for every member of resolution 2728's Council: `vote`, but where named."""
    scenario = load_catalogue().get(RESOLUTION_2728)
    assert scenario is not None
    return [f"{m.code}={votes.get(m.code, vote)}" for m in scenario.members]


def test_score_json_has_the_contracted_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's shape: members_right, members, outcome_right, and the wrong ones in order."""
    result = run_json(
        capsys, RESOLUTION_2728, *all_but("yes", USA="no", DZA="abstain"), "--outcome", "vetoed"
    )
    assert list(result)[:4] == ["members_right", "members", "outcome_right", "wrong"]
    assert result["members_right"] == 13
    assert result["members"] == 15
    assert result["outcome_right"] is False
    assert result["wrong"] == [
        {"code": "DZA", "predicted": "abstain", "recorded": "yes"},
        {"code": "USA", "predicted": "no", "recorded": "abstain"},
    ]
    assert result["outcome"] == {
        "predicted": "vetoed",
        "recorded": "adopted",
        "counted": "vetoed",
    }
    assert any("an abstention is no veto" in reading for reading in result["readings"])


def test_members_not_named_count_as_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    """One member named, rightly: 1 of 15, fourteen wrong with `predicted` null."""
    result = run_json(capsys, RESOLUTION_2728, "USA=abstain")
    assert result["members_right"] == 1
    assert len(result["wrong"]) == 14
    assert all(wrong["predicted"] is None for wrong in result["wrong"])


def test_without_outcome_outcome_right_is_null(capsys: pytest.CaptureFixture[str]) -> None:
    """No --outcome: outcome_right is null, not false."""
    result = run_json(capsys, RESOLUTION_2728, *all_but("yes", USA="abstain"))
    assert result["members_right"] == 15
    assert result["outcome_right"] is None
    assert result["wrong"] == []


@pytest.mark.parametrize("word", ["insufficient_votes", "too-few-votes", "Too-Few-Votes"])
def test_too_few_votes_is_an_outcome_word(capsys: pytest.CaptureFixture[str], word: str) -> None:
    """16 October 2023, predicted as recorded: outcome right, however 'too few votes' is spelt."""
    result = run_json(capsys, "2023-10-16-russian-draft", "--outcome", word)
    assert result["outcome_right"] is True


def test_a_statement_is_scored_in_its_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    """The blocked press statements: agree, object, silent in `wrong`, and agreed or blocked."""
    result = run_json(
        capsys, "2021-05-17-press-statements", "USA=agree", "CHN=object", "--outcome", "blocked"
    )
    assert result["outcome_right"] is True
    wrong = {w["code"]: w for w in result["wrong"]}
    assert wrong["USA"] == {"code": "USA", "predicted": "agree", "recorded": "object"}
    assert wrong["CHN"] == {"code": "CHN", "predicted": "object", "recorded": "agree"}


def test_the_council_of_eleven_is_scored_out_of_eleven(capsys: pytest.CaptureFixture[str]) -> None:
    """Under the 1945 rules the Council's size is eleven."""
    path = FIXTURES / "predict" / "1950-06-01-council-of-eleven.toml"
    result = run_json(capsys, str(path), "SUN=no", "--outcome", "vetoed")
    assert (result["members_right"], result["members"], result["outcome_right"]) == (1, 11, True)


def test_score_text_is_a_short_report(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json: the score line, the outcome, the wrong members and what was missed."""
    status, out, _ = run(
        capsys, "score", RESOLUTION_2728, *all_but("yes", USA="no"), "--outcome", "vetoed"
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[1] == "14 of 15 members right; outcome wrong"  # no hints: none were taken here
    assert lines[2] == "Outcome: predicted vetoed, recorded adopted"
    assert "  USA  predicted no" in out and "recorded abstain" in out
    assert "- You expected a veto by the United States; it abstained" in out


def test_votes_after_an_option_are_still_read(capsys: pytest.CaptureFixture[str]) -> None:
    """As with `vote`, CODE=VOTE may come after --outcome."""
    result = run_json(capsys, RESOLUTION_2728, "--outcome", "adopted", "USA=abstain")
    assert result["members_right"] == 1
    assert result["outcome_right"] is True


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["score", "2021-05-french-draft", "USA=no"], "never put to a vote"),
        (
            ["score", str(FIXTURES / "ui" / "2024-06-03-exercise-border-dispute.toml")],
            "no record to check a prediction against",
        ),
        (["score", RESOLUTION_2728, "--outcome", "blocked"], "not what can happen to a subst"),
        (["score", "2021-05-17-press-statements", "--outcome", "vetoed"], "agreed, blocked"),
        (["score", RESOLUTION_2728, "--outcome", "passed"], "is not an outcome"),
        (["score", RESOLUTION_2728, "DEU=yes"], "not a member"),
        (["score", RESOLUTION_2728, "USA=maybe"], "is not a vote"),
        (["score", RESOLUTION_2728, "USA=no", "usa=yes"], "more than once"),
        (["score", "no-such-scenario"], "unknown scenario"),
        (["score"], "required"),
    ],
)
def test_bad_arguments_get_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    """Nothing to score against, or a bad argument: one line on stderr, exit status 2."""
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert words in err
