"""Pilot tests of the General Assembly's vote screen: keys in, state out (its ballot, the table's
view and the verdict)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import DataTable, Input, Static

from simulator.assembly import AssemblyReason
from simulator.rules import Vote
from simulator.scenarios import AssemblyScenario, Catalogue, load_any, load_catalogue
from simulator.ui.app import CouncilApp
from simulator.ui.assembly import (
    GROUP_ROW,
    SEARCH_PLACEHOLDER,
    AssemblyBanner,
    AssemblyScreen,
    AssemblyTable,
    AssemblyTally,
    needed_of,
)
from simulator.ui.screens import PickerScreen
from simulator.ui.widgets import ASSEMBLY_NOTE, ASSEMBLY_ROW

BUNDLED = "2021-05-20-assembly-hypothetical"
SIZE = (80, 24)

RECORDED = """body = "assembly"
id = "ga-recorded"
title = "A recorded Assembly vote"
date = 2023-10-27
important = false
summary = "What the draft asks."
source = "Where the facts come from."

[record]
outcome = "adopted"
groups = { african = "yes", asia-pacific = "yes", eastern-european = "no", latin-american-caribbean = "abstain", western-european-others = "absent" }
"""  # noqa: E501


def assembly_screen(app: App[Any]) -> AssemblyScreen:
    screen = app.screen
    assert isinstance(screen, AssemblyScreen), f"expected the Assembly screen, not {screen!r}"
    return screen


def opened_on(scenario_id: str = BUNDLED, catalogue: Catalogue | None = None) -> CouncilApp:
    return CouncilApp(catalogue or load_catalogue(), scenario_id=scenario_id)


async def test_the_picker_lists_and_opens_the_assembly_vote() -> None:
    """Under its own heading in the list; highlighted, its details; enter opens its screen."""
    app = CouncilApp(load_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#scenarios", DataTable)
        keys = [str(row.key.value) for row in table.ordered_rows]
        assert keys[-2:] == [ASSEMBLY_ROW, BUNDLED]
        table.move_cursor(row=len(keys) - 2)
        await pilot.pause()
        note = app.screen.query_one("#section-note", Static)
        assert str(note.render()) == ASSEMBLY_NOTE
        await pilot.press("down")
        assert "Hypothetical: an Assembly draft on Gaza" in str(note.render())
        await pilot.press("enter")
        await pilot.pause()
        screen = assembly_screen(app)
        assert screen.scenario.id == BUNDLED
        assert screen.ballot.important and screen.ballot.is_blank


async def test_setting_a_group_sets_all_its_members_and_moves_on() -> None:
    """y on the African Group: its 54 members in favour; the cursor goes to the next group."""
    app = opened_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        table = screen.table
        assert table.showing_groups and table.row_count == 5
        await pilot.press("y")
        counts = screen.ballot.group_counts("african")
        assert (counts.yes, counts.not_voted) == (54, 0)
        assert table.highlighted_key == GROUP_ROW + "asia-pacific"
        assert screen.verdict.reason is AssemblyReason.OPEN
        assert screen.verdict.standing is AssemblyReason.ADOPTED


async def test_enter_opens_a_group_and_a_member_votes_alone() -> None:
    """Enter on a group lists its members; n sets one member against; escape goes back."""
    app = opened_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        await pilot.press("down", "enter")
        assert screen.group == "asia-pacific"
        assert screen.table.row_count == 54
        assert screen.table.highlighted_key == "AFG"
        await pilot.press("n")
        assert screen.ballot.votes == {"AFG": Vote.AGAINST}
        assert screen.table.highlighted_key == "BHR"
        await pilot.press("escape")
        assert screen.group == "" and screen.table.showing_groups
        assert screen.table.highlighted_key == GROUP_ROW + "asia-pacific"


async def test_the_search_box_finds_members_by_name() -> None:
    """/ focuses the search; typing filters the members; enter returns to them to vote."""
    app = opened_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        search = screen.query_one("#assembly-search", Input)
        assert search.placeholder == SEARCH_PLACEHOLDER
        await pilot.press("slash")
        assert screen.focused is search
        await pilot.press(*"türki")
        assert screen.search_text == "türki"
        assert [m.code for m in screen.table.members_shown()] == ["TUR"]
        await pilot.press("enter")
        assert screen.table.has_focus
        await pilot.press("a")
        assert screen.ballot.votes == {"TUR": Vote.ABSTENTION}
        assert screen.table.border_title == "1 found"
        await pilot.press("escape")
        assert search.value == "" and screen.table.showing_groups


async def test_typing_in_the_search_box_does_not_vote() -> None:
    """Letters typed in the search are the search's: 'yna' casts no vote."""
    app = opened_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        await pilot.press("slash", "y", "n", "a")
        assert screen.ballot.is_blank
        assert screen.search_text == "yna"


async def test_the_verdict_is_shown_and_follows_each_vote() -> None:
    """Every group in favour, then the United States against: adopted, 192 to 1; the banner and
    the tally say so."""
    app = opened_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        await pilot.press("y", "y", "y", "y", "y")
        banner = screen.query_one(AssemblyBanner)
        assert screen.verdict.adopted
        assert banner.verdict is screen.verdict
        assert banner.has_class("-adopted")
        assert str(banner.render()) == "ADOPTED — 193 to 0, 129 needed"
        await pilot.press("slash", *"united states", "enter", "n")
        assert str(banner.render()) == "ADOPTED — 192 to 1, 129 needed"
        tally = screen.query_one(AssemblyTally)
        assert "Against         1" in str(tally.render())
        assert needed_of(screen.verdict) == "(2/3 of 193 voting)"


async def test_too_many_against_fails_two_thirds() -> None:
    """Two groups against and three in favour: 141 to 52, still two-thirds; with a third group
    against, 108 to 85, not adopted."""
    app = opened_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        await pilot.press("y", "y", "n", "y", "n")
        assert screen.verdict.adopted
        await pilot.press("up", "n")
        assert (screen.verdict.counts.yes, screen.verdict.counts.no) == (108, 85)
        assert not screen.verdict.adopted
        assert str(screen.query_one(AssemblyBanner).render()).startswith("NOT ADOPTED")
        assert screen.query_one(AssemblyBanner).has_class("-not-adopted")


async def test_reset_and_undo() -> None:
    """r clears every vote; u brings the last ballot back."""
    app = opened_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        await pilot.press("y", "r")
        assert screen.ballot.is_blank
        await pilot.press("u")
        assert screen.ballot.group_counts("african").yes == 54


async def test_h_loads_the_record(tmp_path: Path) -> None:
    """On a scenario with a record, h sets every member's vote as recorded."""
    path = tmp_path / "recorded.toml"
    path.write_text(RECORDED, "utf-8")
    scenario = load_any(path)
    assert isinstance(scenario, AssemblyScenario)
    catalogue = load_catalogue().with_assembly(scenario)
    app = opened_on("ga-recorded", catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        await pilot.press("h")
        counts = screen.verdict.counts
        assert (counts.yes, counts.no, counts.abstain, counts.absent) == (108, 23, 33, 29)
        assert screen.verdict.adopted
        assert screen.table.row_count == 5
        await pilot.press("u")
        assert screen.ballot.is_blank


async def test_h_without_a_record_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hypothetical has no record: h says so and leaves the votes as they are."""
    app = opened_on()
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = assembly_screen(app)
        monkeypatch.setattr(screen, "notify", lambda message, **_: notes.append(message))
        await pilot.press("y", "h")
        assert screen.ballot.group_counts("african").yes == 54
        assert notes == [
            "Hypothetical: an Assembly draft on Gaza, May 2021: no recorded vote of the "
            "General Assembly"
        ]


async def test_escape_goes_back_and_the_votes_are_kept() -> None:
    """Escape from the groups returns to the list; reopening finds the votes set."""
    app = opened_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "escape")
        assert isinstance(app.screen, PickerScreen)
        scenario = app.catalogue.assembly(BUNDLED)
        assert scenario is not None
        app.open_assembly(scenario)
        await pilot.pause()
        assert assembly_screen(app).ballot.group_counts("african").yes == 54


@pytest.mark.parametrize("size", [(20, 6), (59, 19), (40, 12), (120, 40)])
async def test_any_size_works(size: tuple[int, int]) -> None:
    """Tiny or large, the keys still work and nothing breaks; below 60x20 it says why."""
    app = opened_on()
    async with app.run_test(size=size) as pilot:
        screen = assembly_screen(app)
        await pilot.press("y", "enter", "n", "escape", "slash", "c", "escape")
        assert screen.ballot.group_counts("african").yes == 54
        too_small = screen.query_one("#assembly-too-small", Static)
        message = (
            f"This window is {size[0]} by {size[1]}; the tally and the reasons need at least "
            "60 by 20. The keys still work."
        )
        assert str(too_small.render()) == message
        assert too_small.display is (size[0] < 60 or size[1] < 20)
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_the_palette_offers_the_assembly_commands() -> None:
    """On the Assembly screen the palette's commands vote, search, reset and go back."""
    app = opened_on()
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Assembly vote: in favour (y)" in titles
        assert "Search the members" in titles
        assert "Load the recorded vote" in titles


async def test_the_groups_fit_at_80x24() -> None:
    """The table of groups fits at 80x24: all five groups in view, with the search box above."""
    app = opened_on()
    async with app.run_test(size=SIZE):
        screen = assembly_screen(app)
        table = screen.query_one(AssemblyTable)
        assert table.region.height >= 7  # border, header and the five groups
        assert screen.query_one("#assembly-search", Input).region.height == 1
        assert screen.query_one("#assembly-side").region.width >= 20


async def test_the_assembly_screen_names_the_assembly_and_needs_nothing_before_any_vote() -> None:
    """The header says General Assembly, not Security Council; with nobody voting yes or no,
    the tally shows no number needed yet, and says why."""
    app = CouncilApp(load_catalogue(), scenario_id="2021-05-20-assembly-hypothetical")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.title == "UN General Assembly"
        tally = " ".join(str(app.screen.query_one(AssemblyTally).render()).split())
        assert "Needed —" in tally
        assert "(2/3 of those voting: none yet)" in tally
        await pilot.press("y")  # the African Group in favour
        await pilot.pause()
        tally = " ".join(str(app.screen.query_one(AssemblyTally).render()).split())
        assert "Needed 36 (2/3 of 54 voting)" in tally
