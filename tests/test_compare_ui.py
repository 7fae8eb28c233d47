"""Pilot tests of the rules side by side: d on the vote screen, the palette, and small terminals."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.command import CommandInput
from textual.widgets import Static

from simulator.rules import Decision, Reason
from simulator.scenarios import Catalogue, load_catalogue
from simulator.ui.app import CouncilApp
from simulator.ui.compare import CountColumn, SideBySideScreen
from simulator.ui.screens import HELP, StatementScreen, VoteScreen
from simulator.ui.widgets import ReadingPane

GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"
SIZE = (80, 24)


def side_by_side(app: App[Any]) -> SideBySideScreen:
    screen = app.screen
    assert isinstance(screen, SideBySideScreen), f"expected the rules side by side, not {screen!r}"
    return screen


def columns(screen: SideBySideScreen) -> list[CountColumn]:
    return list(screen.query(CountColumn))


def shown(column: CountColumn) -> str:
    return column.render().plain


async def test_d_counts_the_ballot_three_ways_and_escape_goes_back(
    ui_catalogue: Catalogue,
) -> None:
    """The recorded vote of 22 March 2024: vetoed, adopted as procedural, blocked as a statement;
    escape returns to the vote with its ballot as it was."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "d")
        screen = side_by_side(app)
        vote = app.screen_stack[-2]
        assert isinstance(vote, VoteScreen)
        assert screen.comparison.ballot is vote.ballot
        counted = [column.counted for column in columns(screen)]
        assert [c.decision for c in counted if c] == [
            Decision.SUBSTANTIVE,
            Decision.PROCEDURAL,
            Decision.PRESS_STATEMENT,
        ]
        assert [c.outcome for c in counted if c] == [
            Reason.VETOED,
            Reason.ADOPTED,
            Reason.OBJECTION,
        ]
        vetoed, adopted, blocked = (shown(column) for column in columns(screen))
        assert "✗ VETOED" in vetoed and "In favour   11" in vetoed
        assert "✓ ADOPTED" in adopted and "adopted with 11" in adopted
        assert "✗ BLOCKED" in blocked and "Agree       11" in blocked
        double_veto = screen.query_one("#double-veto", Static)
        assert "China and the Russian Federation could veto" in str(double_veto.render())
        await pilot.press("escape")
        back = app.screen
        assert isinstance(back, VoteScreen)
        assert back is vote
        assert back.verdict.reason is Reason.VETOED


async def test_d_closes_it_too_and_vote_keys_wait_until_it_is_closed(
    ui_catalogue: Catalogue,
) -> None:
    """Under the side by side, y and n change no vote; d closes it as it opened it."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "d")
        side_by_side(app)
        await pilot.press("y", "n", "r")
        await pilot.press("d")
        vote = app.screen
        assert isinstance(vote, VoteScreen)
        assert vote.verdict.counts.yes == 1
        assert vote.verdict.counts.not_voted == 14


async def test_at_80_by_24_the_counts_stand_in_columns_and_all_fits(
    ui_catalogue: Catalogue,
) -> None:
    """Three columns side by side, and nothing to scroll for: the double veto is in view."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "d")
        screen = side_by_side(app)
        await pilot.pause()
        assert screen.has_class("-columns")
        regions = [column.region for column in columns(screen)]
        assert len({region.y for region in regions}) == 1
        assert regions[0].right <= regions[1].x and regions[1].right <= regions[2].x
        assert screen.query_one("#side-by-side", ReadingPane).max_scroll_y == 0
        double_veto = screen.query_one("#double-veto", Static).region
        assert double_veto.height > 0 and double_veto.bottom <= SIZE[1]


async def test_narrow_the_counts_stand_one_above_the_other(ui_catalogue: Catalogue) -> None:
    """At 60x20 the columns are stacked, and the page keys read on to the last of them."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("h", "d")
        screen = side_by_side(app)
        await pilot.pause()
        assert screen.has_class("-stacked")
        regions = [column.region for column in columns(screen)]
        assert len({region.x for region in regions}) == 1
        assert regions[0].bottom <= regions[1].y
        pane = screen.query_one("#side-by-side", ReadingPane)
        assert pane.max_scroll_y > 0
        await pilot.press("end")
        assert pane.scroll_y == pane.max_scroll_y


async def test_an_open_ballot_says_what_each_count_would_come_to(ui_catalogue: Catalogue) -> None:
    """Three votes cast: each count is open, and a note says how members yet to vote count."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "n", "y", "d")
        screen = side_by_side(app)
        note = screen.query_one("#open-note", Static)
        assert "12 members have not voted yet" in str(note.render())
        for column in columns(screen):
            assert column.has_class("-open")
            assert "OPEN · if it closed now" in shown(column)
        assert not screen.query("#double-veto")


async def test_parties_abstain_only_in_the_substantive_count(ui_catalogue: Catalogue) -> None:
    """The exercise's two parties: fixed abstentions on substance, free to vote on procedure."""
    app = CouncilApp(ui_catalogue, scenario_id=EXERCISE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        substantive, procedural, _ = columns(side_by_side(app))
        assert "Guyana and Sierra Leone abstain as parties" in shown(substantive)
        assert "here it may vote" in shown(procedural)


async def test_a_statement_screen_compares_too() -> None:
    """On the blocked press statements of May 2021, d shows the US objection as a veto on
    substance, no veto on procedure, and a block as a statement."""
    app = CouncilApp(load_catalogue(), scenario_id="2021-05-17-press-statements")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("h", "d")
        outcomes = [
            column.counted.outcome for column in columns(side_by_side(app)) if column.counted
        ]
        assert outcomes == [Reason.VETOED, Reason.ADOPTED, Reason.OBJECTION]


async def test_the_palette_opens_the_rules_side_by_side(ui_catalogue: Catalogue) -> None:
    """ctrl+p, 'rules side', enter: the same screen as d, on the current ballot."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "ctrl+p", *"rules side by side")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.screen.query_one(CommandInput).action_submit()
        await pilot.pause()
        screen = side_by_side(app)
        assert screen.comparison.of(Decision.SUBSTANTIVE).outcome is Reason.VETOED
        await pilot.press("escape")
        assert isinstance(app.screen, VoteScreen)


async def test_the_key_is_in_the_footer_and_the_help(ui_catalogue: Catalogue) -> None:
    """The footer shows d, and the help names it with the double veto."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE):
        keys = {getattr(key, "key", "") for key in app.screen.query("FooterKey")}
        assert "d" in keys
    assert "| d | the same votes as substantive, procedural and a statement" in HELP
    assert "*double veto*" in HELP


@pytest.mark.parametrize("size", [(40, 12), (20, 8), (1, 1)])
async def test_tiny_terminals_do_not_crash(ui_catalogue: Catalogue, size: tuple[int, int]) -> None:
    """Far too small for three columns: d, reading on and escape still work."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=size) as pilot:
        await pilot.press("h", "d", "pagedown", "end", "pageup")
        screen = side_by_side(app)
        assert screen.has_class("-stacked")
        await pilot.press("escape")
        assert isinstance(app.screen, VoteScreen)
    assert app.return_code in (0, None)
