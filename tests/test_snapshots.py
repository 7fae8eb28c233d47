"""Snapshots of each screen at 80x24, the size everything must fit.

Built from the UI's own fixture scenarios, so editing the bundled texts changes no snapshot.
After a deliberate change, review the report, then: `pytest tests/test_snapshots.py
--snapshot-update`. Textual is pinned exactly because an upgrade redraws every snapshot.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from simulator.scenarios import Catalogue
from simulator.ui.app import CouncilApp

SnapCompare = Callable[..., bool]
SIZE = (80, 24)
GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that lets the app settle, then presses these keys."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)

    return run_before


def test_picker(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """The list of scenarios, with the first one's summary, record and source."""
    assert snap_compare(CouncilApp(ui_catalogue), terminal_size=SIZE)


def test_vote_mid_vote(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """Six votes cast: an open banner, a France 'no' that is not a veto, the cursor on Malta."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*"yyynyy"))


def test_vote_recorded(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """The recorded vote of 22 March 2024: vetoed by China and the Russian Federation."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("h"))


def test_vote_with_parties(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """Two parties to the dispute, their abstentions marked as fixed."""
    app = CouncilApp(ui_catalogue, scenario_id=EXERCISE)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*"yyn"))


def test_help(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """The rules of Article 27, over the vote screen."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("y", "question_mark"))
