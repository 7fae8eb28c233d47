"""Predict, then reveal: the [prediction] table, a prediction, and its score against the record."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simulator.predict import (
    MAX_READINGS,
    NothingToScore,
    Prediction,
    closed,
    discussion,
    is_discussion,
    outcomes_for,
    parse_outcome,
    prediction_title,
    score,
    score_line,
)
from simulator.rules import BallotError, Decision, Vote
from simulator.scenarios import Outcome, Scenario, ScenarioError, load_catalogue, load_file

BUNDLED = load_catalogue()
ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "predict"
RECORDED = [s for s in BUNDLED if s.has_recorded_votes]


def bundled(scenario_id: str) -> Scenario:
    scenario = BUNDLED.get(scenario_id)
    assert scenario is not None
    return scenario


def as_recorded(scenario: Scenario) -> Prediction:
    """A prediction of every vote exactly as recorded, and the recorded outcome."""
    assert scenario.record is not None
    prediction = Prediction.start(scenario).with_ballot(scenario.recorded_ballot())
    return prediction.with_outcome(scenario.record.outcome)


def predicting(scenario: Scenario, votes: dict[str, Vote], **others: Vote) -> Prediction:
    """A prediction with these votes, and every other member's vote as `others['rest']`."""
    prediction = Prediction.start(scenario)
    rest = others.get("rest")
    for member in scenario.members:
        vote = votes.get(member.code, rest)
        if vote is not None:
            prediction = prediction.with_vote(member.code, vote)
    return prediction


# --- The [prediction] table ---------------------------------------------------------------------

FIXTURE_2728 = FIXTURES / "2024-03-25-predict-2728.toml"
ELEVEN = FIXTURES / "1950-06-01-council-of-eleven.toml"


def with_table(tmp_path: Path, table: str) -> Path:
    """The 2728 fixture with its [prediction] table replaced by this one."""
    text = FIXTURE_2728.read_text("utf-8")
    start = text.index("[prediction]")
    end = text.index("[[members]]")
    path = tmp_path / "s.toml"
    path.write_text(text[:start] + table + "\n\n" + text[end:], encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    return [str(p) for p in caught.value.problems]


def test_a_prediction_table_loads_title_briefing_and_hints_in_order() -> None:
    """The fixture's briefing keeps its line break; hints keep their order."""
    scenario = load_file(FIXTURE_2728)
    brief = scenario.prediction
    assert brief is not None
    assert brief.title == "The ten elected members' draft of 25 March 2024"
    assert "\n" in brief.briefing
    assert len(brief.hints) == 3
    assert brief.hints[0].startswith("All ten elected members")
    assert prediction_title(scenario) == brief.title


def test_without_a_table_the_title_is_the_scenarios_own() -> None:
    """A scenario with a record and no [prediction] table can still be predicted, by its title."""
    scenario = load_file(ELEVEN)
    assert scenario.prediction is None
    assert prediction_title(scenario) == scenario.title


@pytest.mark.parametrize(
    ("table", "key", "words"),
    [
        ('[prediction]\ntitle = "No briefing"', "prediction.briefing", "missing"),
        ('[prediction]\nbriefing = "B"\nhint = ["one"]', "prediction.hint", "unknown key"),
        ('[prediction]\nbriefing = "B"\nhints = "one"', "prediction.hints", "a list of strings"),
        ('[prediction]\nbriefing = "B"\nhints = ["one", ""]', "prediction.hints[2]", "empty"),
        ('[prediction]\nbriefing = "B\\u001b[31m"', "prediction.briefing", "control characters"),
        ('[prediction]\nbriefing = "B"\nhints = ["\\u0007"]', "prediction.hints[1]", "control"),
        ('[prediction]\nbriefing = "B"\ntitle = "Two\\nlines"', "prediction.title", "line breaks"),
        ('prediction = "a string"', "prediction", "must be a table"),
    ],
)
def test_a_bad_prediction_table_is_named_by_file_and_key(
    tmp_path: Path, table: str, key: str, words: str
) -> None:
    """Each mistake in the table is one problem naming the file and the key."""
    path = with_table(tmp_path, table)
    found = [p for p in problems(path) if p.startswith(f"{path}: {key}:")]
    assert found, problems(path)
    assert words in found[0]


def test_a_briefing_may_hold_line_breaks_and_tabs(tmp_path: Path) -> None:
    """Briefings and hints are text to read, like a summary."""
    path = with_table(tmp_path, '[prediction]\nbriefing = "One\\n\\tTwo"\nhints = ["A\\nB"]')
    brief = load_file(path).prediction
    assert brief is not None
    assert (brief.briefing, brief.hints) == ("One\n\tTwo", ("A\nB",))


def test_a_prediction_without_a_record_is_a_problem(tmp_path: Path) -> None:
    """There is nothing to reveal a prediction against without a record."""
    text = FIXTURE_2728.read_text("utf-8")
    path = tmp_path / "s.toml"
    path.write_text(text[: text.index("[record]")], encoding="utf-8")
    assert any(p.startswith(f"{path}: prediction: ") for p in problems(path))


# --- Outcomes a student can predict -------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "outcomes"),
    [
        (Decision.SUBSTANTIVE, {"adopted", "vetoed", "insufficient_votes"}),
        (Decision.PROCEDURAL, {"adopted", "insufficient_votes"}),
        (Decision.PRESS_STATEMENT, {"agreed", "blocked"}),
        (Decision.PRESIDENTIAL_STATEMENT, {"agreed", "blocked"}),
    ],
)
def test_outcomes_for_each_decision(decision: Decision, outcomes: set[str]) -> None:
    """A draft is adopted, vetoed or short of votes (no veto if procedural); a statement is
    agreed or blocked."""
    assert {o.value for o in outcomes_for(decision)} == outcomes


@pytest.mark.parametrize(
    ("word", "decision", "outcome"),
    [
        ("adopted", Decision.SUBSTANTIVE, Outcome.ADOPTED),
        ("Too-Few-Votes", Decision.SUBSTANTIVE, Outcome.INSUFFICIENT_VOTES),
        ("insufficient_votes", Decision.SUBSTANTIVE, Outcome.INSUFFICIENT_VOTES),
        ("blocked", Decision.PRESS_STATEMENT, Outcome.BLOCKED),
        ("adopted", Decision.PRESS_STATEMENT, Outcome.AGREED),
    ],
)
def test_parse_outcome(word: str, decision: Decision, outcome: Outcome) -> None:
    """Outcome words in any case, with 'too-few-votes' and a statement's 'adopted' as 'agreed'."""
    assert parse_outcome(word, decision) is outcome


@pytest.mark.parametrize(
    ("word", "decision", "words"),
    [
        ("vetoed", Decision.PRESS_STATEMENT, "not what can happen to a press statement"),
        ("agreed", Decision.SUBSTANTIVE, "not what can happen to a substantive decision"),
        ("vetoed", Decision.PROCEDURAL, "not what can happen to a procedural decision"),
        ("passed", Decision.SUBSTANTIVE, "not an outcome: use one of adopted, vetoed"),
        ("not_voted", Decision.SUBSTANTIVE, "not an outcome"),
    ],
)
def test_parse_outcome_refuses_what_cannot_happen(
    word: str, decision: Decision, words: str
) -> None:
    """An outcome for the wrong kind of decision, or no outcome at all, says what to use."""
    with pytest.raises(ValueError, match=words):
        parse_outcome(word, decision)


# --- A prediction is replaced, never changed ----------------------------------------------------


def test_a_prediction_is_replaced_not_changed() -> None:
    """with_vote, with_outcome and with_hint give new predictions; the old one is as it was."""
    scenario = load_file(FIXTURE_2728)
    start = Prediction.start(scenario)
    voted = start.with_vote("USA", Vote.ABSTENTION).with_outcome(Outcome.ADOPTED).with_hint(3)
    assert start.ballot.is_blank and start.outcome is None and start.hints_used == 0
    assert voted.ballot.vote_of(voted.ballot.member("USA")) is Vote.ABSTENTION
    assert (voted.outcome, voted.hints_used) == (Outcome.ADOPTED, 1)


def test_hints_stop_at_the_number_there_are() -> None:
    """Asking for more hints than the scenario has counts no more than it has."""
    prediction = Prediction.start(load_file(FIXTURE_2728))
    for _ in range(5):
        prediction = prediction.with_hint(3)
    assert prediction.hints_used == 3


def test_the_outcome_key_cycles_through_the_choices_and_back_to_none() -> None:
    """One key: adopted, vetoed, too few votes, none chosen, adopted again."""
    prediction = Prediction.start(bundled("2024-03-22-us-draft"))
    seen = []
    for _ in range(5):
        prediction = prediction.with_next_outcome()
        seen.append(prediction.outcome)
    assert seen == [*outcomes_for(Decision.SUBSTANTIVE), None, Outcome.ADOPTED]


def test_a_statement_prediction_takes_no_abstention_and_no_veto() -> None:
    """The ballot's own rules apply to a prediction: a statement has no abstention."""
    prediction = Prediction.start(bundled("2021-05-17-press-statements"))
    with pytest.raises(BallotError, match="no abstention"):
        prediction.with_vote("USA", Vote.ABSTENTION)
    with pytest.raises(ValueError, match="press statement"):
        prediction.with_outcome(Outcome.VETOED)


# --- The score ----------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", RECORDED, ids=[s.id for s in RECORDED])
def test_predicting_the_record_scores_everything_right(scenario: Scenario) -> None:
    """Every bundled record, predicted exactly: all members right, outcome right, nothing missed."""
    result = score(scenario, as_recorded(scenario))
    assert result.members_right == result.members == len(scenario.members)
    assert result.outcome_right is True
    assert result.wrong == ()
    assert result.readings == ()


def test_all_wrong() -> None:
    """Every vote other than recorded, and the wrong outcome: nothing right."""
    scenario = bundled("2024-03-22-us-draft")
    recorded = scenario.recorded_ballot()
    prediction = Prediction.start(scenario).with_outcome(Outcome.ADOPTED)
    for member in scenario.members:
        other = Vote.ABSENT if recorded.vote_of(member) is not Vote.ABSENT else Vote.IN_FAVOUR
        prediction = prediction.with_vote(member.code, other)
    result = score(scenario, prediction)
    assert result.members_right == 0
    assert len(result.wrong) == 15
    assert result.outcome_right is False
    assert 0 < len(result.readings) <= MAX_READINGS


def test_partial_score_lists_the_wrong_in_council_order() -> None:
    """Resolution 2728 with the United States against and Algeria abstaining: 13 of 15."""
    scenario = bundled("2024-03-25-resolution-2728")
    prediction = predicting(
        scenario, {"USA": Vote.AGAINST, "DZA": Vote.ABSTENTION}, rest=Vote.IN_FAVOUR
    )
    result = score(scenario, prediction.with_outcome(Outcome.VETOED))
    assert result.members_right == 13
    assert [(m.member.code, m.predicted, m.recorded) for m in result.wrong] == [
        ("DZA", Vote.ABSTENTION, Vote.IN_FAVOUR),
        ("USA", Vote.AGAINST, Vote.ABSTENTION),
    ]
    assert result.outcome_right is False
    assert result.counted_outcome is Outcome.VETOED


def test_members_not_predicted_count_as_wrong() -> None:
    """Only the United States predicted, rightly: 1 of 15, and the rest are wrong with no vote."""
    scenario = bundled("2024-03-25-resolution-2728")
    result = score(scenario, predicting(scenario, {"USA": Vote.ABSTENTION}))
    assert result.members_right == 1
    assert all(mark.predicted is None for mark in result.wrong)
    assert result.outcome_right is None
    assert any("You left 14 members without a vote" in r for r in result.readings)


def test_an_abstention_is_no_veto_is_the_reading_that_teaches_it() -> None:
    """The issue's own example: a veto expected from the United States, which abstained."""
    scenario = bundled("2024-03-25-resolution-2728")
    prediction = predicting(scenario, {"USA": Vote.AGAINST}, rest=Vote.IN_FAVOUR)
    result = score(scenario, prediction.with_outcome(Outcome.VETOED))
    assert (
        "You expected a veto by the United States; it abstained — an abstention is no veto."
        in result.readings
    )
    assert result.readings[0].startswith("You expected a veto; it was adopted: 14 in favour")


def test_an_elected_members_vote_against_is_no_veto() -> None:
    """A veto predicted where only Algeria, an elected member, votes against: readings say so."""
    scenario = bundled("2024-03-22-us-draft")
    prediction = predicting(scenario, {"DZA": Vote.AGAINST}, rest=Vote.IN_FAVOUR)
    result = score(scenario, prediction.with_outcome(Outcome.VETOED))
    assert result.outcome_right is True
    assert result.counted_outcome is Outcome.ADOPTED
    assert any("an elected member's vote against is no veto" in r for r in result.readings)
    missed = "You did not expect vetoes by China and the Russian Federation"
    assert any(missed in r for r in result.readings)


def test_a_veto_without_the_votes_is_read_as_too_few_votes() -> None:
    """16 October 2023: three permanent members against a draft with five votes is no veto."""
    scenario = bundled("2023-10-16-russian-draft")
    prediction = as_recorded(scenario).with_outcome(Outcome.VETOED)
    result = score(scenario, prediction)
    assert result.members_right == 15
    assert result.outcome_right is False
    assert result.readings[0].startswith("You expected a veto; it failed for too few votes: ")
    assert "Your own votes would give a draft short of votes." in result.readings[0]


def test_the_count_of_votes_in_favour_is_read_against_the_nine_needed() -> None:
    """Resolution 2712 predicted with too few in favour: the reading names the nine needed."""
    scenario = bundled("2023-11-15-resolution-2712")
    prediction = predicting(scenario, {}, rest=Vote.ABSTENTION)
    result = score(scenario, prediction.with_outcome(Outcome.INSUFFICIENT_VOTES))
    assert any(
        "Your votes give 0 in favour; the record has 12, at least the 9 that Article 27(3)" in r
        for r in result.readings
    )


def test_readings_are_few() -> None:
    """However much was missed, a student reads no more than a few lines."""
    for scenario in RECORDED:
        prediction = Prediction.start(scenario).with_outcome(outcomes_for(scenario.decision)[-1])
        assert len(score(scenario, prediction).readings) <= MAX_READINGS


def test_a_statement_is_scored_in_its_own_words() -> None:
    """The blocked press statements: an objection expected from China, missed from the US."""
    scenario = bundled("2021-05-17-press-statements")
    prediction = predicting(scenario, {"CHN": Vote.AGAINST}, rest=Vote.IN_FAVOUR)
    result = score(scenario, prediction.with_outcome(Outcome.AGREED))
    assert result.members_right == 13
    assert result.outcome_right is False
    assert result.recorded_outcome is Outcome.BLOCKED
    text = " ".join(result.readings)
    assert "You did not expect the United States to object" in text
    assert "permanent or elected, blocks a press statement" in text
    assert "You expected China to object; it agreed." in text
    assert "veto" not in text


def test_the_council_of_eleven_is_scored_out_of_eleven() -> None:
    """Under the Charter as signed in 1945 the Council had eleven members, and seven votes."""
    scenario = load_file(ELEVEN)
    result = score(scenario, as_recorded(scenario))
    assert (result.members_right, result.members) == (11, 11)
    prediction = predicting(scenario, {"SUN": Vote.ABSTENTION}, rest=Vote.IN_FAVOUR)
    result = score(scenario, prediction.with_outcome(Outcome.ADOPTED))
    assert result.members == 11
    assert result.outcome_right is False
    assert any("7 votes in favour" in r or "7 needed" in r for r in result.readings), result


def test_hints_used_and_available_are_counted() -> None:
    """Two of the fixture's three hints used: the score says so."""
    scenario = load_file(FIXTURE_2728)
    prediction = as_recorded(scenario).with_hint(3).with_hint(3)
    result = score(scenario, prediction)
    assert (result.hints_used, result.hints_available) == (2, 3)
    assert score_line(result) == "15 of 15 members right; outcome right; 2 of 3 hints used"


@pytest.mark.parametrize(
    ("outcome", "line"),
    [
        (None, "1 of 11 members right; no outcome predicted"),
        (Outcome.VETOED, "1 of 11 members right; outcome right"),
        (Outcome.ADOPTED, "1 of 11 members right; outcome wrong"),
    ],
)
def test_score_line(outcome: Outcome | None, line: str) -> None:
    """The line a reveal shows, without hints where the scenario has none."""
    scenario = load_file(ELEVEN)
    prediction = predicting(scenario, {"SUN": Vote.AGAINST}).with_outcome(outcome)
    assert score_line(score(scenario, prediction)) == line


# --- Nothing to score ---------------------------------------------------------------------------


def test_the_french_draft_has_nothing_to_score() -> None:
    """Never put to a vote: a clear error for people, and a discussion instead."""
    scenario = bundled("2021-05-french-draft")
    assert is_discussion(scenario)
    prediction = predicting(scenario, {"USA": Vote.AGAINST}, rest=Vote.IN_FAVOUR)
    with pytest.raises(NothingToScore, match="never put to a vote"):
        score(scenario, prediction)
    lines = discussion(scenario, prediction.with_outcome(Outcome.VETOED))
    assert "in favour 14" in lines[0]
    assert "Vetoed" in lines[0]
    assert lines[1] == "You expected a veto."
    assert "never put to a vote" in lines[-1]


def test_a_scenario_without_a_record_has_nothing_to_score() -> None:
    """A what-if with no [record]: NothingToScore, which is a ValueError."""
    ui_fixtures = load_catalogue([Path(__file__).parent / "fixtures" / "ui"], bundled=False)
    scenario = next(s for s in ui_fixtures if s.record is None)
    assert issubclass(NothingToScore, ValueError)
    with pytest.raises(NothingToScore, match="no record"):
        score(scenario, Prediction.start(scenario))


def test_closed_counts_members_not_yet_voted_as_absent() -> None:
    """A prediction's unset members count as a vote that closed now would count them."""
    scenario = bundled("2024-03-22-us-draft")
    ballot = closed(Prediction.start(scenario).with_vote("USA", Vote.IN_FAVOUR).ballot)
    assert ballot.verdict.counts.absent == 14
    assert not ballot.verdict.is_open


def test_the_prediction_core_does_not_import_textual() -> None:
    """Predicting and scoring run without the UI toolkit, like the rest of the core."""
    code = (
        "import sys, simulator.predict; sys.exit('textual' in sys.modules or 'rich' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr or "simulator.predict imported textual or rich"


def test_a_veto_set_by_votes_but_not_expected_is_not_called_expected() -> None:
    """Adoption expected, the Soviet Union set against: the reading says the student's votes had
    it against, not that a veto was expected."""
    scenario = BUNDLED.get("1950-07-07-resolution-84")
    assert scenario is not None
    prediction = as_recorded(scenario).with_vote("SUN", Vote.AGAINST)
    assert prediction.outcome is Outcome.ADOPTED
    readings = score(scenario, prediction).readings
    assert not any(reading.startswith("You expected a veto") for reading in readings)
    assert (
        "You had the Soviet Union voting against, which your own votes count as a veto; it "
        "stayed away — an absence is no veto." in readings
    )
    vetoed = score(scenario, prediction.with_outcome(Outcome.VETOED)).readings
    assert "You expected a veto by the Soviet Union; it stayed away — an absence is no veto." in (
        vetoed
    )


def test_a_vote_against_that_was_no_veto_even_as_predicted_is_not_called_one() -> None:
    """The United Kingdom set against a text short of votes, and it abstained: the reading says
    what it did, and not that an abstention is no veto, when its vote against was none either."""
    scenario = BUNDLED.get("2024-03-25-russian-amendment")
    assert scenario is not None
    prediction = as_recorded(scenario).with_vote("GBR", Vote.AGAINST)
    readings = score(scenario, prediction).readings
    assert "You expected the United Kingdom to vote against; it abstained." in readings
    assert not any("no veto" in r and "United Kingdom" in r for r in readings)
