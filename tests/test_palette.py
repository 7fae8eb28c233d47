"""The command palette under keys faster than it can close: no crash, and commands act once."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.command import CommandInput, CommandList, Hits
from textual.pilot import Pilot

from simulator.rules import Vote
from simulator.scenarios import Catalogue
from simulator.ui.app import CouncilApp, ScenarioCommands
from simulator.ui.palette import CouncilPalette
from simulator.ui.screens import HelpScreen, PickerScreen, VoteScreen

GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"
SIZE = (80, 24)


def vote_screen(app: App[Any]) -> VoteScreen:
    screen = app.screen
    assert isinstance(screen, VoteScreen), f"expected the vote screen, not {screen!r}"
    return screen


async def choose_with_two_enters(pilot: Pilot[Any], search: str) -> None:
    """Find a command in the palette, then press enter twice, the second before the first has
    closed the palette."""
    await pilot.press("ctrl+p", *search)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("down")
    field = pilot.app.screen.query_one(CommandInput)
    await field.action_submit()
    await field.action_submit()
    await pilot.pause()


def type_fast(app: App[Any], *keys: str) -> None:
    """Queue keys as a terminal delivers a burst: all at once, none waiting for the last."""
    for key in keys:
        app.post_message(events.Key(key, None))


async def test_page_keys_before_the_list_is_laid_out_do_nothing(ui_catalogue: Catalogue) -> None:
    """pageup and pagedown as the palette opens, on a list not yet laid out: no KeyError."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        type_fast(app, "ctrl+p", "pageup", "pagedown", "ctrl+home", "ctrl+end")
        await pilot.pause()
        assert app.screen.query_one(CommandList).option_count > 0
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)
    assert app.return_code in (0, None)


async def test_a_search_that_ends_after_the_list_has_gone_does_nothing(
    ui_catalogue: Catalogue,
) -> None:
    """Results that arrive when the palette's list is gone (it is leaving the screen) show
    nothing, rather than failing to find the list."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CouncilPalette)
        await palette.query_one(CommandList).remove()
        palette._list_visible = not palette._list_visible
        await pilot.pause()
        assert app.is_running


async def test_a_second_enter_does_not_close_the_screen_beneath(ui_catalogue: Catalogue) -> None:
    """'How the Council votes', chosen with two fast enters, opens the help once."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await choose_with_two_enters(pilot, "how the council")
        assert isinstance(app.screen, HelpScreen)
        assert [type(s) for s in app.screen_stack] == [PickerScreen, HelpScreen]
    assert app.return_code in (0, None)


async def test_a_vote_command_acts_once_on_the_screen_current_when_it_runs(
    ui_catalogue: Catalogue,
) -> None:
    """'Vote: abstain' with two fast enters: one abstention, and the vote screen stays."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        await choose_with_two_enters(pilot, "vote: abstain")
        assert app.screen is screen
        first = screen.ballot.members[0]
        assert screen.ballot.vote_of(first) is Vote.ABSTENTION
        assert screen.ballot.vote_of(screen.ballot.members[1]) is None
        assert screen.members_table.cursor_row == 1
    assert app.return_code in (0, None)


async def test_a_vote_command_run_after_its_screen_closed_does_nothing(
    ui_catalogue: Catalogue,
) -> None:
    """A palette command kept past its vote screen neither raises nor touches the picker."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        commands = {c.title: c for c in app.get_system_commands(screen)}
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)
        commands["Vote: abstain (a)"].callback()
        commands["Back to the scenarios"].callback()
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_the_palette_opens_and_closes_in_a_burst(ui_catalogue: Catalogue) -> None:
    """ctrl+p, escape, ctrl+p again before the first has gone: no duplicate ids."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.press("ctrl+p")
            app.screen.dismiss()
            app.action_command_palette()
            await pilot.pause()
            await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, VoteScreen)
    assert app.return_code in (0, None)


async def test_the_palette_opens_scenarios_in_the_pickers_order(ui_catalogue: Catalogue) -> None:
    """With nothing typed, the scenarios are listed by date; typing one's name opens it."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        opened = [p for p in prompts if p.startswith("Open: ")]
        assert opened == [f"Open: {s.title} ({s.date.isoformat()})" for s in ui_catalogue.scenarios]
        await pilot.press("escape", "ctrl+p", *"exercise mediation")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert vote_screen(app).scenario.id == EXERCISE
        assert len(app.screen_stack) == 2


async def test_the_keys_command_is_this_apps_help(ui_catalogue: Catalogue) -> None:
    """Textual's generic key panel, maximize and screenshot are not offered, nor its 'Theme'
    beside ours; the help, with this app's keys, 'Change theme' and quit are."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE):
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert not {"Keys", "Maximize", "Screenshot", "Theme"} & titles
        assert {"How the Council votes", "Change theme", "Quit"} <= titles


async def test_the_theme_palette_is_as_safe_as_the_commands(ui_catalogue: Catalogue) -> None:
    """The themes open in the same palette: page keys at once, then two enters on a theme,
    leave the vote screen where it was and change the theme once."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        app.search_themes()
        type_fast(app, "pageup", "pagedown")
        await pilot.pause()
        assert isinstance(app.screen, CouncilPalette)
        await pilot.press(*"dracula")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")
        field = app.screen.query_one(CommandInput)
        await field.action_submit()
        await field.action_submit()
        await pilot.pause()
        assert vote_screen(app) is screen
        assert app.theme == "dracula"
    assert app.return_code in (0, None)


async def test_dismissing_twice_closes_the_palette_once(ui_catalogue: Catalogue) -> None:
    """A second dismiss, as a late escape or click makes, leaves the screen beneath alone."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CouncilPalette)
        palette.dismiss()
        palette.dismiss()
        await pilot.pause()
        assert app.screen is screen


async def test_typing_after_enter_starts_no_search_on_a_closing_palette(
    ui_catalogue: Catalogue,
) -> None:
    """Keys typed into the palette as it closes start no search that outlives it."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"reset")
        await app.workers.wait_for_complete()
        palette = app.screen
        assert isinstance(palette, CouncilPalette)
        field = palette.query_one(CommandInput)
        palette.dismiss()
        field.value = "back"  # as a key typed before the palette has gone would
        await pilot.pause()
        assert not [w for w in app.workers if w.node is palette and not w.is_finished]
        assert isinstance(app.screen, VoteScreen)
    assert app.return_code in (0, None)


async def test_enter_before_the_search_is_done_chooses_from_what_was_typed(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing a scenario's name and enter at once, while a slow search still runs, opens that
    scenario, not the first of the list shown before the search."""
    slow_search = ScenarioCommands.search

    async def search(self: ScenarioCommands, query: str) -> Hits:
        await asyncio.sleep(0.2)
        async for hit in slow_search(self, query):
            yield hit

    monkeypatch.setattr(ScenarioCommands, "search", search)
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await app.workers.wait_for_complete()
        type_fast(app, *"open: exercise", "enter")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert vote_screen(app).scenario.id == EXERCISE
