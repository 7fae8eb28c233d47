"""Pilot tests of the name screen, as the simulator opens in a browser (`serve`): a name first,
then that name's work, kept apart from every other name's in the one store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, Static

from simulator.rules import Vote
from simulator.scenarios import Catalogue
from simulator.store import FILE_NAME, NAME_MAX, Store
from simulator.ui.app import CouncilApp
from simulator.ui.name import NameScreen
from simulator.ui.screens import ConfirmQuit, PickerScreen, VoteScreen

GAZA = "2024-gaza-ceasefire"
SIZE = (80, 24)


def vote_screen(app: App[Any]) -> VoteScreen:
    screen = app.screen
    assert isinstance(screen, VoteScreen), f"expected the vote screen, not {screen!r}"
    return screen


async def give_name(app: App[Any], pilot: Any, name: str) -> None:
    """Type a name into the name screen, and press enter."""
    assert isinstance(app.screen, NameScreen)
    app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()


async def test_the_name_comes_first_and_then_the_list(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Asked for a name, the app shows nothing else; a name given opens the list, the title
    names the student, and the store now acts for them."""
    with Store.open(tmp_path / FILE_NAME) as store:
        app = CouncilApp(ui_catalogue, store=store, ask_name=True)
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, NameScreen)
            assert isinstance(app.focused, Input)
            await pilot.press(*"Qiu Li")  # q and the letters are the name's, not keys
            assert isinstance(app.screen, NameScreen) and app.is_running
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            assert len(app.screen_stack) == 1  # the name screen is gone, not hidden
            assert "Qiu Li" in app.title
            assert store.student_name() == "Qiu Li"


@pytest.mark.parametrize("where", ["#name-box", "#name-note", "#name-label", "Header"])
async def test_a_click_anywhere_leaves_the_typing_in_the_name(
    ui_catalogue: Catalogue, where: str
) -> None:
    """In a browser a student's first click lands anywhere on the page (the box around the
    name, its note): what they type next still goes into the name."""
    app = CouncilApp(ui_catalogue, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.set_focus(None)  # as a browser starts it: nothing focused
        # Not the title bar's icon at its left: a click there opens the command palette.
        await pilot.click(where, offset={"Header": (30, 0), "#name-box": (2, 0)}.get(where, (0, 0)))
        await pilot.press(*"Ada")
        assert app.screen.query_one("#name", Input).value == "Ada"


async def test_the_footer_offers_no_key_that_only_types_here(ui_catalogue: Catalogue) -> None:
    """`q` and `?` go into the name, so the footer offers escape to quit, not them: even
    before the name field has the focus (a browser starts the app unfocused)."""
    app = CouncilApp(ui_catalogue, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.set_focus(None)
        await pilot.pause()
        shown = {b.key for _, b, _, _ in app.screen.active_bindings.values() if b.show}
        assert shown == {"escape"}
        app.screen.set_focus(app.screen.query_one("#name", Input))
        await pilot.press("question_mark", "q")
        assert app.screen.query_one("#name", Input).value == "?q"


@pytest.mark.parametrize(
    ("typed", "said"), [("   ", "Type your name"), ("x" * (NAME_MAX + 1), "too long")]
)
async def test_an_empty_or_long_name_is_refused_in_plain_words(
    ui_catalogue: Catalogue, typed: str, said: str
) -> None:
    """The screen stays, and says what is wrong, until a name that can be used is given."""
    app = CouncilApp(ui_catalogue, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(app, pilot, typed)
        assert isinstance(app.screen, NameScreen)
        problem = app.screen.query_one("#name-problem", Static)
        assert said in str(problem.render())
        await give_name(app, pilot, "Amina")
        assert isinstance(app.screen, PickerScreen)


async def test_a_name_gets_its_own_work_back(tmp_path: Path, ui_catalogue: Catalogue) -> None:
    """Votes set under a name, the app closed; a new app given the same name (in another case)
    opens the vote as it was left, and another name finds it blank."""
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store, ask_name=True)
        async with app.run_test(size=SIZE) as pilot:
            await give_name(app, pilot, "Amina Diallo")
            await pilot.press("n", "n")
            left = dict(vote_screen(app).ballot.votes)
        assert len(left) == 2
    with Store.open(path) as store:
        app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store, ask_name=True)
        async with app.run_test(size=SIZE) as pilot:
            await give_name(app, pilot, "amina  diallo")
            assert dict(vote_screen(app).ballot.votes) == left
    with Store.open(path) as store:
        app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store, ask_name=True)
        async with app.run_test(size=SIZE) as pilot:
            await give_name(app, pilot, "Li Wei")
            assert vote_screen(app).ballot.is_blank


async def test_two_tabs_with_two_names_never_see_each_others_votes(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Two apps at once on one store file, as two browser tabs on one server: each sets its
    votes, and neither sees the other's, then or when reopened."""
    path = tmp_path / FILE_NAME
    with Store.open(path) as first_store, Store.open(path) as second_store:
        first = CouncilApp(ui_catalogue, scenario_id=GAZA, store=first_store, ask_name=True)
        second = CouncilApp(ui_catalogue, scenario_id=GAZA, store=second_store, ask_name=True)
        async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
            await give_name(first, one, "Amina")
            await give_name(second, two, "Li")
            await one.press("n")
            await two.press("y", "y", "y")
            assert set(vote_screen(first).ballot.votes.values()) == {Vote.AGAINST}
            assert len(vote_screen(second).ballot.votes) == 3
            assert first_store.scenario_ids() == second_store.scenario_ids() == [GAZA]
            amina, li = first_store.saved_votes(GAZA), second_store.saved_votes(GAZA)
    assert amina is not None and li is not None
    assert set(amina.values()) == {"no"} and len(amina) == 1
    assert set(li.values()) == {"yes"} and len(li) == 3


async def test_escape_on_the_name_screen_quits(ui_catalogue: Catalogue) -> None:
    """Escape leaves, as elsewhere: nothing was set, so nothing is asked."""
    app = CouncilApp(ui_catalogue, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("size", [(80, 24), (40, 10), (20, 5), (1, 1)])
async def test_the_name_screen_fits_small_windows(
    ui_catalogue: Catalogue, size: tuple[int, int]
) -> None:
    """From 80x24 down to a single cell, the screen draws and still takes a name."""
    app = CouncilApp(ui_catalogue, ask_name=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await give_name(app, pilot, "Amina")
        assert isinstance(app.screen, PickerScreen)


async def test_a_terminal_greeting_is_shown_once(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line the command line passes (a name's work back, or begun) is shown on opening."""
    app = CouncilApp(ui_catalogue, greeting="Welcome back, Amina: your work is here.")
    notes: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notes.append(message))
    async with app.run_test(size=SIZE):
        assert notes == ["Welcome back, Amina: your work is here."]


async def test_nothing_opens_before_the_name_is_given(ui_catalogue: Catalogue) -> None:
    """Neither the palette nor a scenario asked for by the command line gets past the name:
    the scenario opens once the name is given."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, NameScreen)
        gaza = ui_catalogue.get(GAZA)
        assert gaza is not None
        app.open_scenario(gaza)
        assert isinstance(app.screen, NameScreen)
        await give_name(app, pilot, "Amina")
        assert vote_screen(app).scenario.id == GAZA


async def test_a_name_given_again_in_other_letters_shows_as_first_given(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """'amina  diallo' gets Amina Diallo's work, and the header names her as she first wrote."""
    with Store.open(tmp_path / FILE_NAME) as store:
        store.use_student("Amina Diallo")
        app = CouncilApp(ui_catalogue, store=store, ask_name=True)
        async with app.run_test(size=SIZE) as pilot:
            await give_name(app, pilot, "amina  diallo")
            assert app.title == "UN Security Council · Amina Diallo"


async def test_the_terminal_header_names_the_student_whose_work_is_open(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """On a shared computer, the header says whose work is open, on every screen."""
    with Store.open(tmp_path / FILE_NAME) as store:
        store.use_student("Chen Wei")
        app = CouncilApp(ui_catalogue, store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, VoteScreen)
            assert app.title == "UN Security Council · Chen Wei"


async def test_in_a_browser_q_asks_before_ending_the_session(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Served, a stray q would end the page's session: it asks, says the work is saved under
    the name, and n stays; y (or q again) quits."""
    with Store.open(tmp_path / FILE_NAME) as store:
        app = CouncilApp(ui_catalogue, store=store, ask_name=True)
        async with app.run_test(size=SIZE) as pilot:
            await give_name(app, pilot, "Ada")
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmQuit)
            assert "reload the page and give the same name" in str(
                app.screen.query_one(Static).render()
            )
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen) and app.is_running
            await pilot.press("q", "y")
            await pilot.pause()
            assert not app.is_running
