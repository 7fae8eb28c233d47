"""Pilot tests of a teacher's pack: its title and instructions first, its order, and a record
that stays hidden until the student has locked a prediction."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.coordinate import Coordinate
from textual.widgets import Static

from simulator.packs import catalogue_for
from simulator.scenarios import PACK_FILE, Catalogue
from simulator.store import FILE_NAME, Store
from simulator.ui.app import CouncilApp
from simulator.ui.predict import PredictScreen, RevealScreen
from simulator.ui.screens import PREDICT_FIRST, PickerScreen, VoteScreen
from simulator.ui.widgets import PACK_ROW, ScenarioDetails, ScenarioLine, ScenarioTable

UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"
SIZE = (80, 24)
GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"
INSTRUCTIONS = "\n\n".join(
    f"Step {n}: a paragraph of what to do, long enough to wrap." for n in range(12)
)

Notes = list[dict[str, Any]]


def pack_catalogue(tmp_path: Path, *, predict_first: bool = True) -> Catalogue:
    """The UI fixtures as a pack: the what-if first, then the vetoed draft, predict first."""
    folder = tmp_path / "pack"
    shutil.copytree(UI_FIXTURES, folder)
    instructions = INSTRUCTIONS.replace("\n", "\\n")
    (folder / PACK_FILE).write_text(
        f'title = "Lesson one"\ninstructions = "{instructions}"\n'
        f'order = ["{EXERCISE}", "{GAZA}"]\npredict_first = {str(predict_first).lower()}\n',
        "utf-8",
    )
    catalogue = catalogue_for([folder])
    assert catalogue.pack is not None, catalogue.problems
    return catalogue


def record_notes(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> Notes:
    """Collect the app's notifications, which are not shown under `run_test`."""
    notes: Notes = []

    def notify(message: str, **kwargs: Any) -> None:
        notes.append({"message": message, **kwargs})

    monkeypatch.setattr(app, "notify", notify)
    return notes


def row_keys(app: App[Any]) -> list[str]:
    table = app.screen.query_one(ScenarioTable)
    keys = (table.coordinate_to_cell_key(Coordinate(row, 0))[0] for row in range(table.row_count))
    return [str(key.value) for key in keys]


async def test_the_picker_opens_on_the_pack_title_and_instructions(tmp_path: Path) -> None:
    """The title in the header, a first row for the pack whose note holds the instructions, and
    the pack's scenarios after it in its order."""
    app = CouncilApp(pack_catalogue(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        assert (screen.sub_title or "").startswith("Lesson one")
        assert row_keys(app) == [PACK_ROW, EXERCISE, GAZA]
        note = screen.query_one("#section-note", Static)
        assert note.display
        assert not screen.query_one(ScenarioDetails).display
        text = str(note.render())
        assert text.startswith("Lesson one")
        assert "Step 11" in text
        assert "predict each vote before you see its record" in text


async def test_enter_on_the_pack_title_goes_on_to_its_first_scenario(tmp_path: Path) -> None:
    """Enter on a heading opens nothing, and moves to the first scenario under it."""
    app = CouncilApp(pack_catalogue(tmp_path, predict_first=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        table = app.screen.query_one(ScenarioTable)
        assert row_keys(app)[table.cursor_row] == EXERCISE
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VoteScreen)
        assert app.screen.scenario.id == EXERCISE


async def test_long_instructions_can_be_read_to_the_end(tmp_path: Path) -> None:
    """Instructions longer than the pane scroll: page down reads on."""
    app = CouncilApp(pack_catalogue(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        details = app.screen.query_one("#details")
        assert details.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert details.scroll_y > 0


async def test_without_a_pack_the_list_has_no_pack_row(tmp_path: Path) -> None:
    """The bundled case is as before: no pack row, the plain sub-title."""
    app = CouncilApp(catalogue_for([UI_FIXTURES]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert PACK_ROW not in row_keys(app)
        assert app.screen.sub_title == "choose a scenario"


async def test_h_is_refused_before_the_prediction_is_locked_and_allowed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter predicts; given up, the vote screen hides the record and h says to predict first;
    once a prediction is locked, h loads the record."""
    app = CouncilApp(pack_catalogue(tmp_path))
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, PredictScreen)
        await pilot.press("escape")
        vote = app.screen
        assert isinstance(vote, VoteScreen) and vote.scenario.id == GAZA
        assert vote.query_one("#draft", ScenarioDetails).hide_results
        assert vote.query_one("#scenario-line", ScenarioLine).hide_results
        await pilot.press("h")
        assert vote.ballot.is_blank
        assert notes[-1]["message"] == PREDICT_FIRST
        await pilot.press("p", "l", "l")
        assert isinstance(app.screen, RevealScreen)
        assert GAZA in app.locked_predictions
        await pilot.press("escape")
        assert app.screen_stack[-1] is vote
        assert not vote.query_one("#draft", ScenarioDetails).hide_results
        await pilot.press("h")
        assert dict(vote.ballot.votes) == dict(vote.scenario.recorded_ballot().votes)


async def test_the_picker_hides_a_record_until_its_prediction_is_locked(tmp_path: Path) -> None:
    """The list's details of a sealed scenario are the briefing; after the lock, the record."""
    app = CouncilApp(pack_catalogue(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert picker.sealed == {GAZA}
        await pilot.press("down", "down", "p", "l", "l", "escape", "escape")
        await pilot.pause()
        assert app.screen_stack == [picker]
        assert picker.sealed == frozenset()
        assert not picker.query_one(ScenarioDetails).hide_results


async def test_a_pack_without_predict_first_shows_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """predict_first = false: enter opens the vote and h loads the record at once."""
    app = CouncilApp(pack_catalogue(tmp_path, predict_first=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter", "h")
        vote = app.screen
        assert isinstance(vote, VoteScreen)
        assert dict(vote.ballot.votes) == dict(vote.scenario.recorded_ballot().votes)


@pytest.mark.parametrize("size", [(20, 6), (40, 10), (10, 3)])
async def test_a_pack_at_tiny_sizes_does_not_crash(tmp_path: Path, size: tuple[int, int]) -> None:
    """The pack row, the instructions and a sealed vote at sizes far below 80x24."""
    app = CouncilApp(pack_catalogue(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.press("pagedown", "down", "down", "enter", "escape", "h")
        assert isinstance(app.screen, VoteScreen)


async def test_a_prediction_locked_in_an_earlier_session_still_opens_the_record(
    tmp_path: Path,
) -> None:
    """Predict first, saved: a new app on the same store lets h load the record at once."""
    catalogue = pack_catalogue(tmp_path / "pack")
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        app = CouncilApp(catalogue, scenario_id=GAZA, store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("p", "l", "l")
            assert isinstance(app.screen, RevealScreen)
    with Store.open(path) as store:
        app = CouncilApp(catalogue, scenario_id=GAZA, store=store)
        async with app.run_test(size=SIZE) as pilot:
            vote = app.screen
            assert isinstance(vote, VoteScreen)
            assert GAZA not in app.locked_predictions  # not this session's: the store's
            assert app.may_see_record(vote.scenario)
            await pilot.press("h")
            assert dict(vote.ballot.votes) == dict(vote.scenario.recorded_ballot().votes)
