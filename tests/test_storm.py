"""A storm of keys, the palette's among them, with resizes: no crash, the tally always true."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App

from simulator.scenarios import load_catalogue
from simulator.ui.app import CouncilApp
from simulator.ui.screens import VoteScreen
from simulator.ui.widgets import TallyPanel

KEYS = [
    *"ynaxrhjk?",
    *"how abstain open",
    "up", "down", "home", "end", "pageup", "pagedown", "enter", "escape", "tab",
    "ctrl+p", "ctrl+p", "ctrl+home", "ctrl+end", "backspace",
]  # fmt: skip
SIZES = [(80, 24), (120, 40), (60, 20), (40, 12), (10, 3), (250, 80), (79, 23)]


def storm(app: App[Any], rng: random.Random, n: int) -> None:
    """Queue n random keys at once, as a terminal delivers a burst."""
    for _ in range(n):
        app.post_message(events.Key(rng.choice(KEYS), None))


@pytest.mark.parametrize("seed", range(4))
async def test_a_storm_of_keys_and_resizes(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bursts of random keys between resizes, from 10x3 to 250x80: the app never stops on an
    error, and whatever vote screen is showing, its tally is the rules' own count."""
    monkeypatch.chdir(tmp_path)  # e then enter exports into the current folder: not the checkout
    rng = random.Random(seed)
    app = CouncilApp(load_catalogue())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(12):
            storm(app, rng, 25)
            await pilot.resize_terminal(*rng.choice(SIZES))
            await pilot.pause()
            assert app.is_running, "the storm ended the app"
            for screen in app.screen_stack:
                if isinstance(screen, VoteScreen):
                    assert screen.query_one(TallyPanel).verdict == screen.ballot.verdict
    assert app.return_code in (0, None)
