"""The vote screen at every size: what must stay in view, and what it says when it cannot."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.widget import Widget
from textual.widgets import Static

from simulator.rules import Ballot, Member, Vote
from simulator.scenarios import Catalogue, load_catalogue
from simulator.ui.app import CouncilApp
from simulator.ui.screens import VoteScreen
from simulator.ui.widgets import (
    MembersTable,
    PivotalPanel,
    ReadingPane,
    ReasonPanel,
    ScenarioDetails,
    TallyPanel,
    VerdictBanner,
    fitted_name,
)

BUNDLED = load_catalogue()
RECORDED = [s for s in BUNDLED if s.has_recorded_votes]


def screen_text(app: App[Any]) -> str:
    """The screen as plain text, as `App.export_screenshot` renders it (without the SVG)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def vote_screen(app: App[Any]) -> VoteScreen:
    screen = app.screen
    assert isinstance(screen, VoteScreen), f"expected the vote screen, not {screen!r}"
    return screen


def assert_in_view(screen: VoteScreen, *widgets: type[Widget]) -> None:
    """Each widget is drawn whole inside the side pane, which is not scrolled."""
    side = screen.query_one("#side", ReadingPane)
    assert side.scroll_y == 0
    view = side.content_region
    for kind in widgets:
        region = screen.query_one(kind).region
        assert region.height > 0, f"{kind.__name__} is not drawn"
        assert view.contains_region(region), f"{kind.__name__} {region} is not all in {view}"


@pytest.mark.parametrize("scenario", RECORDED, ids=[s.id for s in RECORDED])
async def test_every_record_shows_verdict_tally_reason_and_pivots_at_80x24(scenario: Any) -> None:
    """The recorded vote of every bundled scenario: nothing that explains it is below the fold."""
    app = CouncilApp(BUNDLED, scenario_id=scenario.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = vote_screen(app)
        assert_in_view(screen, TallyPanel, ReasonPanel, PivotalPanel)
        text = screen_text(app)
        assert screen.verdict.headline in text
        assert "Pivotal" in text


def random_ballots(ballot: Ballot, seed: int, n: int) -> list[Ballot]:
    """Ballots of every shape: some members unvoted, some nearly unanimous, exactly nine."""
    rng = random.Random(seed)
    choices = ballot.decision.choices
    ballots = []
    for _ in range(n):
        votes: dict[str, Vote] = {}
        for member in ballot.members:
            if ballot.is_fixed(member) or rng.random() < 0.1:
                continue
            votes[member.code] = rng.choice(choices)
        ballots.append(ballot.cast_all(votes))
    yes = {m.code: Vote.IN_FAVOUR for m in ballot.members[:9] if not ballot.is_fixed(m)}
    rest = {m.code: Vote.AGAINST for m in ballot.members[9:] if not m.permanent}
    ballots.append(ballot.cast_all({**yes, **rest}))
    return ballots


@pytest.mark.parametrize("scenario", list(BUNDLED), ids=[s.id for s in BUNDLED])
async def test_any_ballot_keeps_the_reason_and_pivots_in_view_at_80x24(scenario: Any) -> None:
    """Random ballots on every bundled Council, and exactly nine in favour: still all in view."""
    app = CouncilApp(BUNDLED, scenario_id=scenario.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = vote_screen(app)
        for ballot in random_ballots(scenario.ballot(), seed=len(scenario.id), n=6):
            screen.ballot = ballot
            await pilot.pause()
            assert_in_view(screen, TallyPanel, ReasonPanel, PivotalPanel)


async def test_at_120x40_the_draft_and_its_questions_are_on_the_vote_screen(
    ui_catalogue: Catalogue,
) -> None:
    """The room a large terminal gives holds the full explanation and the draft's context."""
    app = CouncilApp(ui_catalogue, scenario_id="exercise-border-dispute")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y")
        screen = vote_screen(app)
        assert_in_view(screen, TallyPanel, ReasonPanel, PivotalPanel)
        text = screen_text(app)
        assert "In full" in text
        assert "The draft" in text
        assert screen.query_one("#draft", ScenarioDetails).region.height > 5


async def test_at_60x20_members_are_shown_by_code_and_all_fit(ui_catalogue: Catalogue) -> None:
    """A narrow, short terminal: codes instead of names, all fifteen rows, the tally unbroken."""
    app = CouncilApp(ui_catalogue, scenario_id="2024-gaza-ceasefire")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("h")
        screen = vote_screen(app)
        table = screen.query_one(MembersTable)
        assert table.compact
        assert table.region.height == 17  # fifteen rows and the border
        assert screen.query_one(TallyPanel).region.height == 4
        assert_in_view(screen, TallyPanel, ReasonPanel, PivotalPanel)


@pytest.mark.parametrize("size", [(40, 12), (59, 30), (100, 19)])
async def test_below_the_size_needed_it_says_so_and_keeps_banner_and_member(
    ui_catalogue: Catalogue, size: tuple[int, int]
) -> None:
    """Too small: a plain notice, the banner, and the member being voted on still in view."""
    app = CouncilApp(ui_catalogue, scenario_id="2024-gaza-ceasefire")
    async with app.run_test(size=size) as pilot:
        await pilot.press("end", "y")
        screen = vote_screen(app)
        notice = screen.query_one("#too-small", Static)
        assert notice.region.height > 0
        assert f"{size[0]} by {size[1]}" in str(notice.render())
        assert screen.query_one("#side").region.height == 0
        assert screen.query_one(VerdictBanner).region.height >= 1
        table = screen.query_one(MembersTable)
        assert table.cursor_row == 14
        row_y = table.region.y + 1 + table.cursor_row - int(table.scroll_y)
        assert table.region.y < row_y < table.region.bottom - 1


@pytest.mark.parametrize(
    ("name", "short", "fitted"),
    [
        ("United Arab Emirates", "", "United Arab Emirates"),
        ("Saint Vincent and the Grenadines", "St Vincent/Grenadines", "St Vincent/Grenadines"),
        ("Saint Vincent and the Grenadines", "", "Saint Vincent and…"),
        ("Plurinational State of Bolivia", "Bolivia", "Bolivia"),
    ],
)
def test_names_are_never_cut_inside_a_word(name: str, short: str, fitted: str) -> None:
    """A name that does not fit gives way to its short form, or ends after a whole word."""
    member = Member("XXX", name, short_name=short)
    assert fitted_name(member, MembersTable.NAME_WIDTH) == fitted
    assert len(fitted) <= MembersTable.NAME_WIDTH


@pytest.mark.parametrize(
    ("screen_keys", "size"), [(("end",), (200, 60)), (("end", "enter"), (100, 50))]
)
async def test_a_reading_pane_settles_after_a_resize(
    screen_keys: tuple[str, ...], size: tuple[int, int]
) -> None:
    """Grown from 80x24, the pane's rule and hint stay put: the layout settles, nothing spins."""
    app = CouncilApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*screen_keys)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        pane = app.screen.query(ReadingPane).first()
        seen = set()
        for _ in range(6):
            await pilot.pause(0.05)
            seen.add((pane.region, str(pane.border_subtitle), pane.max_scroll_y))
        assert len(seen) == 1, seen


async def test_a_vote_that_changes_no_panel_height_lays_nothing_out() -> None:
    """A vote is only repainted when no panel's height changes; one that flips the verdict,
    and so the reasons' length, is laid out: the panels ask for a layout only when they must."""
    app = CouncilApp(BUNDLED, scenario_id="2024-03-25-resolution-2728")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")  # the record: adopted, 14 in favour, the United States abstaining
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VoteScreen)
        layouts: list[bool] = []
        laid_out = screen._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            layouts.append(screen._layout_required)
            laid_out(*args, **kwargs)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        table = screen.query_one(MembersTable)
        table.move_cursor(row=0)  # Algeria, in favour
        await pilot.pause()
        layouts.clear()
        await pilot.press("a")  # Algeria abstains: 13 in favour, still adopted
        await pilot.pause()
        await pilot.pause()
        assert screen.ballot.votes["DZA"] is Vote.ABSTENTION
        assert screen.ballot.verdict.adopted
        assert not any(layouts), layouts

        table.move_cursor(row=[m.code for m in screen.scenario.members].index("GBR"))
        await pilot.pause()
        layouts.clear()
        await pilot.press("n")  # the United Kingdom against: vetoed, and the reasons grow
        await pilot.pause()
        await pilot.pause()
        assert not screen.ballot.verdict.adopted
        assert any(layouts), layouts
