"""Pilot tests of the what-if panel: w on the vote screen, l lists every group, escape closes."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from simulator.scenarios import Catalogue, load_catalogue
from simulator.ui.app import CouncilApp
from simulator.ui.screens import HELP, StatementScreen, VoteScreen
from simulator.ui.whatif import WhatIfScreen
from simulator.ui.widgets import ReadingPane
from simulator.whatif import MAX_GROUPS

GAZA = "2024-gaza-ceasefire"
"""The United States draft of 22 March 2024, as the UI fixtures have it."""
EXERCISE = "exercise-border-dispute"
SIZE = (80, 24)


def what_if(app: App[Any]) -> WhatIfScreen:
    screen = app.screen
    assert isinstance(screen, WhatIfScreen), f"expected the what-if panel, not {screen!r}"
    return screen


def vote_screen(app: App[Any]) -> VoteScreen:
    screen = app.screen
    assert isinstance(screen, VoteScreen), f"expected the vote screen, not {screen!r}"
    return screen


def shown_keys(app: App[Any]) -> dict[str, str]:
    """The keys the footer shows on the current screen, with their descriptions."""
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and app.screen.check_action(active.binding.action, ()) is not False
    }


async def test_w_on_the_recorded_us_draft_names_china_and_russia(ui_catalogue: Catalogue) -> None:
    """h then w: China and the Russian Federation, both off 'against'; w again closes it."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        assert shown_keys(app).get("w") == "What if"
        await pilot.press("h", "w")
        panel = what_if(app)
        assert (panel.flip.size, panel.flip.count) == (2, 1)
        assert [group.codes for group in panel.flip.groups] == [("CHN", "RUS")]
        assert "l" not in shown_keys(app)  # one group, already said in full
        await pilot.press("l")
        assert not panel.listing
        await pilot.press("w")
        assert vote_screen(app).verdict.counts.yes == 11


async def test_the_panel_reads_the_votes_so_far_and_lists_on_demand(
    ui_catalogue: Catalogue,
) -> None:
    """Eight in favour and seven yet to vote: any one of the seven; l lists all seven."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"y" * 8, "w")
        panel = what_if(app)
        assert (panel.flip.size, panel.flip.count) == (1, 7)
        groups = panel.query_one("#whatif-groups", Static)
        assert not groups.display
        assert shown_keys(app).get("l") == "List groups"
        await pilot.press("l")
        assert panel.listing and groups.display
        assert groups.region.height == 8  # a heading and the seven groups
        await pilot.press("l")
        assert not groups.display
        await pilot.press("escape")
        assert vote_screen(app).verdict.counts.yes == 8


async def test_the_summary_fits_at_80_by_24(ui_catalogue: Catalogue) -> None:
    """The what-if for a vetoed draft and for an open one is read without scrolling."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        for keys in (("h",), ("r",)):
            await pilot.press(*keys, "w")
            pane = what_if(app).query_one("#whatif-text", ReadingPane)
            assert pane.max_scroll_y == 0
            assert pane.region.width <= SIZE[0]
            await pilot.press("w")


async def test_thousands_of_groups_scroll(ui_catalogue: Catalogue) -> None:
    """Nobody has voted: 5005 groups of nine, the first thousand listed, and end reaches them."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "l")
        panel = what_if(app)
        assert panel.flip.count == 5005
        assert len(panel.flip.groups) == MAX_GROUPS
        pane = panel.query_one("#whatif-text", ReadingPane)
        await pilot.press("end")
        assert pane.scroll_y == pane.max_scroll_y > MAX_GROUPS
        await pilot.press("home")
        assert pane.scroll_y == 0


async def test_parties_to_the_dispute_stay_out_of_every_group(ui_catalogue: Catalogue) -> None:
    """In the exercise, Guyana and one more are parties: fixed, so in no group."""
    app = CouncilApp(ui_catalogue, scenario_id=EXERCISE)
    async with app.run_test(size=SIZE) as pilot:
        ballot = vote_screen(app).ballot
        parties = {m.code for m in ballot.verdict.parties}
        assert len(parties) == 2
        # Everyone in favour but the parties, who may only abstain: adopted with 13.
        await pilot.press(*("a" if m.code in parties else "y" for m in ballot.members), "w")
        panel = what_if(app)
        assert panel.flip.adopted
        assert panel.flip.size == 1  # any one permanent member voting against
        assert panel.flip.count == 5
        assert all(parties.isdisjoint(group.codes) for group in panel.flip.groups)
        await pilot.press("escape")
        # Two parties leave thirteen: an open ballot needs any nine of them.
        await pilot.press("r", "w")
        assert (what_if(app).flip.size, what_if(app).flip.count) == (9, 715)


async def test_w_on_a_statement_asks_every_objector_to_withdraw() -> None:
    """The blocked press statement: the United States no longer objecting would agree it."""
    catalogue = load_catalogue()
    blocked = next(
        s
        for s in catalogue
        if s.decision.is_statement and s.record and s.record.outcome.value == "blocked"
    )
    app = CouncilApp(catalogue, scenario_id=blocked.id)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("h", "w")
        panel = what_if(app)
        assert [group.codes for group in panel.flip.groups] == [("USA",)]
        assert not panel.flip.adopted


async def test_the_palette_offers_what_if(ui_catalogue: Catalogue) -> None:
    """'What if…' is a command on the vote screen, and it opens the panel on the votes so far."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        screen = vote_screen(app)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        commands["What if…"].callback()
        await pilot.pause()
        assert what_if(app).flip.size == 2
        await pilot.press("escape", "ctrl+p", *"what if")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert what_if(app).flip.ballot is screen.ballot


def test_the_help_names_the_w_key() -> None:
    """The help's table of keys has w, and says what the what-if counts."""
    assert "| w |" in HELP
    assert "**What if**" in HELP


@pytest.mark.parametrize("size", [(40, 12), (20, 8), (1, 1)])
async def test_tiny_terminals_do_not_crash_the_panel(
    ui_catalogue: Catalogue, size: tuple[int, int]
) -> None:
    """The panel opens, lists, scrolls and closes in a terminal far too small for it."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"y" * 8, "w", "l", "pagedown", "end", "pageup")
        assert what_if(app).listing
        assert what_if(app).flip.count == 7
        await pilot.press("escape", "h", "w", "w")
        assert vote_screen(app).verdict.counts.yes == 11
