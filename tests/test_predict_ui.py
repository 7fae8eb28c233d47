"""Pilot tests of predict, then reveal: keys in, the prediction and its score out."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual import events
from textual.app import App
from textual.command import CommandList

from simulator.predict import prediction_title
from simulator.rules import Vote
from simulator.scenarios import Catalogue, Outcome, Scenario, load_catalogue
from simulator.ui.app import CouncilApp
from simulator.ui.predict import (
    HintsPanel,
    OutcomePanel,
    PredictionPanel,
    PredictScreen,
    RevealScreen,
    RevealTable,
    StatementPredictScreen,
)
from simulator.ui.screens import HELP, PickerScreen, VoteScreen
from simulator.ui.widgets import ReadingPane, ScenarioDetails, ScenarioTable

FIXTURES = Path(__file__).parent / "fixtures"
CATALOGUE = load_catalogue([FIXTURES / "predict", FIXTURES / "ui"])
BUNDLED = load_catalogue()
SIZE = (80, 24)
P2728 = "predict-2728"
FRENCH = "2021-05-french-draft"
EXERCISE = "exercise-border-dispute"
RECORDED = [s for s in BUNDLED if s.has_recorded_votes]

Notes = list[dict[str, Any]]


def record_notes(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> Notes:
    """Collect the app's notifications, which are not shown under `run_test`."""
    notes: Notes = []

    def notify(message: str, **kwargs: Any) -> None:
        notes.append({"message": message, **kwargs})

    monkeypatch.setattr(app, "notify", notify)
    return notes


def screen_text(app: App[Any]) -> str:
    """The screen as plain text, as a screenshot renders it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def predict_screen(app: App[Any]) -> PredictScreen:
    screen = app.screen
    assert isinstance(screen, PredictScreen), f"expected the prediction, not {screen!r}"
    return screen


def reveal_screen(app: App[Any]) -> RevealScreen:
    screen = app.screen
    assert isinstance(screen, RevealScreen), f"expected the reveal, not {screen!r}"
    return screen


def keys_for_record(scenario: Scenario) -> list[str]:
    """The vote keys that predict every member as recorded, top to bottom."""
    key = {Vote.IN_FAVOUR: "y", Vote.AGAINST: "n", Vote.ABSTENTION: "a", Vote.ABSENT: "x"}
    ballot = scenario.recorded_ballot()
    return [key[vote] for m in ballot.members if (vote := ballot.vote_of(m)) is not None]


def scenario(scenario_id: str, catalogue: Catalogue = CATALOGUE) -> Scenario:
    found = catalogue.get(scenario_id)
    assert found is not None
    return found


async def test_p_predicts_on_a_ballot_of_its_own_and_keeps_the_students_votes() -> None:
    """Votes set on the vote screen are there again after a prediction is given up."""
    app = CouncilApp(CATALOGUE, scenario_id=P2728)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "n")
        vote = app.screen
        assert isinstance(vote, VoteScreen)
        own = dict(vote.ballot.votes)
        await pilot.press("p")
        screen = predict_screen(app)
        assert screen.prediction.ballot.is_blank
        await pilot.press("a", "a", "a")
        assert screen.prediction.ballot.verdict.counts.abstain == 3
        await pilot.press("escape")
        assert dict(vote.ballot.votes) == own
        kept = app.work.ballot(vote.scenario)
        assert kept is not None and dict(kept.votes) == own
        assert app.screen is vote


async def test_while_predicting_nothing_tells_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """The prediction's own title and briefing, never the summary, symbol or the real title; h
    says the record waits for the lock."""
    app = CouncilApp(CATALOGUE, scenario_id=P2728)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "i", "i", "i")
        screen = predict_screen(app)
        text = screen_text(app)
        s = screen.scenario
        assert s.prediction is not None and s.record is not None
        assert prediction_title(s) in text
        assert "All ten elected members put" in text  # the briefing
        assert "Hint 3 of 3" in text
        for secret in (s.title, s.summary[:30], s.record.symbol, "adopted", s.source[:20]):
            assert secret not in text
        await pilot.press("h")
        assert isinstance(app.screen, PredictScreen)
        assert screen.prediction.ballot.is_blank
        assert "lock your prediction" in notes[-1]["message"]


async def test_a_prediction_locked_as_recorded_scores_everything_right() -> None:
    """Every vote as recorded, 'adopted' chosen, two hints: all right, and the score says so."""
    app = CouncilApp(CATALOGUE, scenario_id=P2728)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", *keys_for_record(scenario(P2728)))
        screen = predict_screen(app)
        await pilot.press("o")
        assert screen.prediction.outcome is Outcome.ADOPTED
        await pilot.press("i", "i")
        assert screen.prediction.hints_used == 2
        assert screen.query_one(HintsPanel).shown == 2
        await pilot.press("l")
        reveal = reveal_screen(app)
        result = reveal.result
        assert result is not None
        assert (result.members_right, result.members, result.outcome_right) == (15, 15, True)
        assert (result.hints_used, result.hints_available) == (2, 3)
        assert "SCORE — 15 of 15 members right; outcome right; 2 of 3 hints used" in (
            screen_text(app)
        )
        await pilot.press("escape")
        vote = app.screen
        assert isinstance(vote, VoteScreen)
        assert vote.scenario.id == P2728


async def test_the_reveal_marks_each_member_in_words_and_symbols() -> None:
    """The United States predicted against: '✗ wrong' on its row, '✓ right' on the others."""
    app = CouncilApp(CATALOGUE, scenario_id=P2728)
    async with app.run_test(size=SIZE) as pilot:
        keys = keys_for_record(scenario(P2728))
        await pilot.press("p", *keys[:-1], "n", "o", "o", "l")
        reveal = reveal_screen(app)
        table = reveal.query_one(RevealTable)
        assert table.get_cell("USA", "mark").plain.strip() == "✗ wrong"
        assert table.get_cell("USA", "predicted").plain.strip() == "against"
        assert table.get_cell("USA", "recorded").plain.strip() == "abstention"
        assert table.get_cell("DZA", "mark").plain.strip() == "✓ right"
        result = reveal.result
        assert result is not None and result.outcome_right is False
        panel = str(reveal.query_one(OutcomePanel).render())
        assert "You expected a veto by the United States; it abstained" in panel
        details = str(reveal.query_one(ScenarioDetails).render())
        assert scenario(P2728).summary in details  # the whole scenario is visible now


async def test_lock_warns_once_about_members_without_a_vote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first l says what would count as wrong; the second locks it as it is."""
    app = CouncilApp(CATALOGUE, scenario_id=P2728)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "y", "l")
        assert isinstance(app.screen, PredictScreen)
        assert "14 members without a vote" in notes[-1]["message"]
        assert "no outcome chosen" in notes[-1]["message"]
        await pilot.press("l")
        result = reveal_screen(app).result
        assert result is not None
        assert result.members_right == 1
        assert result.outcome_right is None


async def test_a_change_after_the_warning_warns_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A vote set after the warning makes the next l warn again, on the new state."""
    app = CouncilApp(CATALOGUE, scenario_id=P2728)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "l", "y", "l")
        assert isinstance(app.screen, PredictScreen)
        assert len(notes) == 2
        assert "14 members" in notes[-1]["message"]


async def test_the_french_draft_becomes_a_discussion() -> None:
    """Never voted on: the student's votes are counted, no score, and the sources are shown."""
    app = CouncilApp(BUNDLED, scenario_id=FRENCH)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", *"y" * 13, "n", "y", "o", "o", "l")
        reveal = reveal_screen(app)
        assert reveal.result is None
        assert reveal.prediction.outcome is Outcome.VETOED
        assert reveal.prediction.counted is Outcome.VETOED
        text = screen_text(app)
        assert "NEVER VOTED" in text
        assert "never put to a vote" in str(reveal.query_one(OutcomePanel).render())
        assert scenario(FRENCH, BUNDLED).summary in str(reveal.query_one(ScenarioDetails).render())


async def test_p_without_a_record_says_there_is_nothing_to_predict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A what-if has no record: p explains, and the vote screen stays."""
    app = CouncilApp(CATALOGUE, scenario_id=EXERCISE)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, VoteScreen)
        assert "nothing to check a prediction against" in notes[-1]["message"]


async def test_p_typed_fast_after_moving_predicts_the_row_it_landed_on() -> None:
    """'down down down p' in one burst, as a terminal delivers it: the fourth row's prediction."""
    app = CouncilApp(BUNDLED)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PickerScreen)
        for key in ("down", "down", "down", "p"):
            app.post_message(events.Key(key, "p" if key == "p" else None))
        await pilot.pause()
        await pilot.pause()
        expected = [s.id for s in BUNDLED.sections()][3]
        assert predict_screen(app).scenario.id == expected


async def test_p_on_the_picker_goes_straight_into_a_prediction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From the list: the prediction opens over the scenario's vote, and escape lands on it."""
    app = CouncilApp(CATALOGUE)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PickerScreen)
        ids = [s.id for s in CATALOGUE.sections()]  # the list's own order
        await pilot.press(*["down"] * ids.index(P2728), "p")
        assert predict_screen(app).scenario.id == P2728
        await pilot.press("escape")
        vote = app.screen
        assert isinstance(vote, VoteScreen) and vote.scenario.id == P2728
        await pilot.press("escape", *["down"] * (ids.index(EXERCISE) - ids.index(P2728)), "p")
        assert isinstance(app.screen, PickerScreen)
        assert "nothing to check a prediction against" in notes[-1]["message"]


async def test_a_statement_is_predicted_in_its_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Agree, object, silent: no abstention, and the outcomes are agreed or blocked."""
    blocked = next(s for s in BUNDLED if s.decision.is_statement and s.has_recorded_votes)
    app = CouncilApp(BUNDLED, scenario_id=blocked.id)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = predict_screen(app)
        assert isinstance(screen, StatementPredictScreen)
        shown = {b.binding.description for b in screen.active_bindings.values() if b.binding.show}
        assert {"Agree", "Object", "Silent", "Outcome", "Lock"} <= shown
        assert not {"Yes", "No", "Abstain"} & shown
        await pilot.press("a")
        assert screen.prediction.ballot.is_blank
        assert "no abstention" in notes[-1]["message"]
        outcomes = []
        for _ in range(3):
            await pilot.press("o")
            outcomes.append(screen.prediction.outcome)
        assert outcomes == [Outcome.AGREED, Outcome.BLOCKED, None]


async def test_the_palette_offers_to_predict_and_to_lock() -> None:
    """'Predict the vote' on the vote screen; the prediction's own commands on its screen."""
    app = CouncilApp(CATALOGUE, scenario_id=P2728)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Predict the vote"].callback()
        await pilot.pause()
        screen = predict_screen(app)
        commands = {c.title: c for c in app.get_system_commands(screen)}
        commands["Prediction: the next outcome"].callback()
        assert screen.prediction.outcome is Outcome.ADOPTED
        commands["Prediction: the next hint"].callback()
        assert screen.prediction.hints_used == 1
        commands["Lock the prediction"].callback()  # warns: no member has a vote
        commands["Lock the prediction"].callback()
        await pilot.pause()
        assert reveal_screen(app).result is not None


def test_help_tells_how_to_predict() -> None:
    """The help names the keys of a prediction and says what stays hidden."""
    assert "| p |" in HELP
    for words in ("**o**", "**i**", "**l**", "✓ right", "never put to a vote"):
        assert words in HELP


@pytest.mark.parametrize("scenario_", RECORDED, ids=[s.id for s in RECORDED])
async def test_every_prediction_and_reveal_fits_at_80x24(scenario_: Scenario) -> None:
    """Every bundled record: the prediction's state in view as it opens, and the reveal's table,
    score and outcome in view after the lock."""
    app = CouncilApp(BUNDLED, scenario_id=scenario_.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", *keys_for_record(scenario_), "o")
        screen = predict_screen(app)
        side = screen.query_one("#side", ReadingPane)
        assert side.content_region.contains_region(screen.query_one(PredictionPanel).region)
        members = screen.query_one("#members").region
        rows = len(scenario_.members) + 2  # every member, and the table's two borders
        assert members.height == rows and members.bottom <= app.size.height - 1
        await pilot.press("l")
        reveal = reveal_screen(app)
        await pilot.pause()
        table = reveal.query_one(RevealTable)
        assert table.region.height == rows + 1  # the header, every member and the border
        assert table.max_scroll_y == 0
        assert reveal.query_one("#score").region.height == 1
        panel = reveal.query_one(OutcomePanel).region
        assert reveal.query_one("#side", ReadingPane).content_region.y == panel.y
        assert panel.height > 4


@pytest.mark.parametrize("size", [(40, 12), (20, 8), (1, 1), (60, 20)])
async def test_tiny_terminals_do_not_crash(size: tuple[int, int]) -> None:
    """Predicting and revealing in a terminal far too small: the keys still work."""
    app = CouncilApp(CATALOGUE, scenario_id=P2728)
    async with app.run_test(size=size) as pilot:
        await pilot.press("p", "y", "n", "o", "i", "pagedown", "l", "l")
        reveal = reveal_screen(app)
        assert reveal.result is not None and reveal.result.members_right == 1
        await pilot.press("pagedown", "escape")
        assert isinstance(app.screen, VoteScreen)


async def test_v_hides_the_results_in_the_list_and_enter_then_predicts() -> None:
    """With results hidden, no title or detail tells how a vote ended, and enter predicts."""
    app = CouncilApp(BUNDLED)
    async with app.run_test(size=SIZE) as pilot:
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        table = picker.query_one(ScenarioTable)
        ids = [s.id for s in BUNDLED.sections()]
        row = ids.index("2023-11-15-resolution-2712")
        title = table.get_cell("2023-11-15-resolution-2712", "title")
        assert str(title).startswith("Resolution 2712")
        await pilot.press("v", *["down"] * row)
        await pilot.pause()
        assert picker.hide_results
        titles = [str(table.get_cell(id_, "title")) for id_ in ids]
        assert not any("Resolution" in title for title in titles)
        details = picker.query_one(ScenarioDetails)
        assert details.scenario is not None and details.scenario.id == ids[row]
        shown = str(details.render())
        brief = details.scenario.prediction
        assert brief is not None and brief.briefing in shown
        assert details.scenario.summary not in shown and "Record:" not in shown
        await pilot.press("enter")
        assert predict_screen(app).scenario.id == ids[row]
        await pilot.press("escape", "escape", "v")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and not app.screen.hide_results
        assert str(table.get_cell("2023-11-15-resolution-2712", "title")).startswith("Resolution")


async def test_with_results_hidden_a_scenario_without_a_record_still_opens() -> None:
    """Nothing to predict without a record: enter opens its vote as usual."""
    app = CouncilApp(CATALOGUE)
    async with app.run_test(size=SIZE) as pilot:
        ids = [s.id for s in CATALOGUE.sections()]
        await pilot.press("v", *["down"] * ids.index(EXERCISE), "enter")
        await pilot.pause()
        assert isinstance(app.screen, VoteScreen) and app.screen.scenario.id == EXERCISE


async def test_with_results_hidden_the_palette_names_no_result_and_predicts() -> None:
    """ctrl+p over a list with results hidden: 'Predict:' and the prediction's titles, and the
    command opens the prediction."""
    app = CouncilApp(BUNDLED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "ctrl+p")
        await pilot.pause()
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("Resolution 2712" in prompt for prompt in prompts)
        assert "Predict: Malta's draft on extended humanitarian pauses (2023-11-15)" in prompts
        await pilot.press(*"Malta's draft on extended")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert predict_screen(app).scenario.id == "2023-11-15-resolution-2712"


async def test_a_wrong_vote_that_teaches_no_rule_is_never_called_nothing_missed() -> None:
    """Guyana predicted in favour, recorded abstaining, and the veto expected: no reading applies,
    yet the reveal must not say every vote was as recorded."""
    us_draft = scenario("2024-03-22-us-draft", BUNDLED)
    keys = keys_for_record(us_draft)
    guyana = [m.code for m in us_draft.members].index("GUY")
    keys[guyana] = "y"
    app = CouncilApp(BUNDLED, scenario_id=us_draft.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", *keys, "o", "o", "l")
        reveal = reveal_screen(app)
        assert reveal.result is not None and [m.member.code for m in reveal.result.wrong] == ["GUY"]
        assert reveal.result.readings == ()
        shown = str(reveal.query_one(OutcomePanel).render())
        assert "every vote as recorded" not in shown
        assert "✗ wrong" in shown


async def test_a_new_prediction_reads_no_outcome_from_votes_not_yet_given() -> None:
    """Before any vote is set, 'your votes give' says nothing yet, not 'too few votes'; the
    first vote set gives an outcome to read."""
    app = CouncilApp(CATALOGUE, scenario_id="2024-gaza-ceasefire")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        panel = str(predict_screen(app).query_one(PredictionPanel).render())
        assert "Your votes give: nothing yet (set them)" in panel
        await pilot.press("y")
        await pilot.pause()
        panel = str(predict_screen(app).query_one(PredictionPanel).render())
        assert "Your votes give: too few votes (1 in favour, 9 needed)" in panel
