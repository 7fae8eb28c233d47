"""Snapshots of each screen at 80x24, the size everything must fit, and at other sizes.

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


def test_vote_recorded_large(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """At 120x40 the room goes to the full explanation and the draft's own context."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    assert snap_compare(app, terminal_size=(120, 40), run_before=pressing("h"))


def test_vote_narrow(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """At 60x20 the members are shown by code, and everything still fits."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    assert snap_compare(app, terminal_size=(60, 20), run_before=pressing("h"))


def test_vote_too_small(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """At 40x12: the banner, the member being voted on, and why the rest is missing."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    assert snap_compare(app, terminal_size=(40, 12), run_before=pressing("h", "end"))


def test_confirm_quit(snap_compare: SnapCompare, ui_catalogue: Catalogue) -> None:
    """q with votes set asks before they are lost."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("y", "q"))
