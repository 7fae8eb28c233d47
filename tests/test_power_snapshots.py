"""Snapshots of the power screen, at the smallest size and a large one, in both themes.

Kept apart from `test_snapshots.py` so that its own snapshots are made and reviewed on their
own: after a deliberate change, review the report, then `pytest tests/test_power_snapshots.py
--snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from simulator.scenarios import Catalogue
from simulator.ui.app import THEME, CouncilApp
from simulator.ui.themes import HIGH_CONTRAST

SnapCompare = Callable[..., bool]
GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that lets the app settle, then presses these keys."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)

    return run_before


@pytest.mark.parametrize("theme", (THEME, HIGH_CONTRAST))
@pytest.mark.parametrize("size", ((80, 24), (120, 40)), ids=lambda size: "{}x{}".format(*size))
@pytest.mark.parametrize("scenario_id", (GAZA, EXERCISE))
def test_power_screen(
    snap_compare: SnapCompare,
    ui_catalogue: Catalogue,
    scenario_id: str,
    size: tuple[int, int],
    theme: str,
) -> None:
    """The power screen over the vote: the vote's own table in view, today's Council, and one
    with two parties to the dispute who hold nothing."""
    app = CouncilApp(ui_catalogue, scenario_id=scenario_id, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=pressing("v"))
