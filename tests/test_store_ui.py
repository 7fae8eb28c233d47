"""Pilot tests of saved work in the app: votes and predictions reach the store as they are
made, a new app finds them, and quitting asks only when something could not be saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from simulator.scenarios import Catalogue
from simulator.store import FILE_NAME, Store
from simulator.ui.app import CouncilApp
from simulator.ui.predict import RevealScreen
from simulator.ui.screens import ConfirmQuit, VoteScreen

GAZA = "2024-gaza-ceasefire"
SIZE = (80, 24)


def vote_screen(app: App[Any]) -> VoteScreen:
    screen = app.screen
    assert isinstance(screen, VoteScreen), f"expected the vote screen, not {screen!r}"
    return screen


async def test_votes_set_are_found_by_a_new_app_on_the_same_store(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Votes set, the app closed with q (which does not ask: they are saved), and a new app on
    the same file opens the vote as it was left."""
    path = tmp_path / FILE_NAME
    gaza = ui_catalogue.get(GAZA)
    assert gaza is not None
    with Store.open(path) as store:
        app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("y", "n", "a", "escape", "q")
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmQuit)
            assert not app.is_running
        left = app.work.ballot(gaza)
        assert left is not None and len(left.votes) == 3
    with Store.open(path) as store:
        app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store)
        async with app.run_test(size=SIZE):
            assert dict(vote_screen(app).ballot.votes) == dict(left.votes)
            assert vote_screen(app).verdict.counts.abstain == 1


async def test_a_locked_prediction_is_in_the_store_with_its_score(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Locking saves the prediction: its votes, the outcome chosen, and the reveal's score."""
    with Store.open(tmp_path / FILE_NAME) as store:
        app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("p", "n", "n", "o", "l", "l")
            reveal = app.screen
            assert isinstance(reveal, RevealScreen) and reveal.result is not None
            (saved,) = store.predictions(GAZA)
        assert dict(saved.votes) == {
            code: vote.value for code, vote in reveal.prediction.ballot.votes.items()
        }
        assert len(saved.votes) == 2
        assert reveal.prediction.outcome is not None
        assert saved.outcome == reveal.prediction.outcome.value
        assert saved.members_right == reveal.result.members_right
        assert saved.members == reveal.result.members
        assert saved.outcome_right is reveal.result.outcome_right


async def test_without_a_store_the_app_says_so_and_q_asks(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data folder that could not be opened: the line is shown, the title says work is not
    saved, and q asks before votes are lost, as before saving existed."""
    notice = "Work is not saved: /nowhere is not a folder."
    app = CouncilApp(ui_catalogue, scenario_id=GAZA, notice=notice)
    notes: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notes.append(message))
    async with app.run_test(size=SIZE) as pilot:
        assert notice in notes
        assert "not saved" in app.title
        await pilot.press("y", "q")
        assert isinstance(app.screen, ConfirmQuit)


async def test_a_fresh_store_after_a_file_set_aside_keeps_the_title(
    tmp_path: Path, ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged file set aside: the line is shown once, and the work is saved as usual."""
    notice = (
        "Your saved work is damaged or is not a database: it is kept as …, and a fresh one begun."
    )
    with Store.open(tmp_path / FILE_NAME) as store:
        app = CouncilApp(ui_catalogue, store=store, notice=notice)
        notes: list[str] = []
        monkeypatch.setattr(app, "notify", lambda message, **_: notes.append(message))
        async with app.run_test(size=SIZE):
            assert notes == [notice]
            assert app.title == CouncilApp.TITLE


async def test_a_write_that_fails_is_told_and_quitting_asks(
    tmp_path: Path, ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store stops working mid-session: the student is told once, and q asks first."""
    store = Store.open(tmp_path / FILE_NAME)
    app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store)
    notes: list[dict[str, Any]] = []
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: notes.append({"message": message, **kw})
    )
    async with app.run_test(size=SIZE) as pilot:
        store.close()
        await pilot.press("y", "y")
        assert [note["title"] for note in notes] == ["Not saved"]
        assert "kept while the simulator is open" in notes[0]["message"]
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
