"""A storm of keys, the palette's among them, with resizes: no crash, the tally always true."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App

from simulator import assembly
from simulator.rules import capital, count
from simulator.scenarios import load_catalogue
from simulator.ui.app import CouncilApp
from simulator.ui.assembly import AssemblyScreen, AssemblyTally
from simulator.ui.screens import HelpScreen, VoteScreen
from simulator.ui.widgets import TallyPanel, not_voted_label

SINGLE_KEYS = [
    *"ynax" * 3,  # every vote key, and often: the tally has to keep up with them
    *"rhudwpevlojk?",  # every other key of the screens, but q: reset, record, undo, rules, …
    "up", "down", "home", "end", "pageup", "pagedown", "enter", "enter", "escape", "escape",
    "tab", "ctrl+p", "ctrl+home", "ctrl+end", "backspace", "space",
]  # fmt: skip
"""Keys pressed one at a time. `q` is left out: it quits, at once, as it should."""

RUNS = [
    ["ctrl+p", *"2728", "enter"],  # a scenario by name, from the palette
    ["ctrl+p", *"abstain", "enter"],  # a vote, from the palette
    ["ctrl+p", *"theme", "enter", "down", "enter"],  # another theme
    ["ctrl+p", *"how ", "down", "enter"],
    ["e", *"work.md", "enter"],  # export, into the test's own folder
    ["?", "escape"],
]
"""Keys that mean something only together, as fast as the rest."""

_NAMES = {"?": "question_mark", " ": "space"}


def key(name: str) -> events.Key:
    """The event a terminal sends for a key: '?' arrives as 'question_mark', with its character."""
    if len(name) == 1:
        return events.Key(_NAMES.get(name, name), name)
    return events.Key(name, " " if name == "space" else None)


def storm(app: App[Any], rng: random.Random, n: int) -> None:
    """Queue about n random keys at once, as a terminal delivers a burst: no pause between."""
    sent = 0
    while sent < n:
        keys = rng.choice(RUNS) if rng.random() < 0.15 else [rng.choice(SINGLE_KEYS)]
        for name in keys:
            app.post_message(key(name))
        sent += len(keys)


SMALLEST, LARGEST = (10, 3), (250, 80)


def sizes(rng: random.Random, n: int) -> list[tuple[int, int]]:
    """n terminal sizes between the smallest and the largest, both of them included."""
    between = [
        (rng.randint(SMALLEST[0], LARGEST[0]), rng.randint(SMALLEST[1], LARGEST[1]))
        for _ in range(n - 3)
    ]
    return [*between[: n // 2], SMALLEST, LARGEST, *between[n // 2 :], (80, 24)]


_CELL = re.compile(r"([A-Z][A-Za-z /]*?) +(\d+)")


def tally_on_screen(panel: TallyPanel | AssemblyTally) -> dict[str, int]:
    """The numbers the tally panel draws, by the words beside them: {'In favour': 11, …}."""
    return {label: int(n) for label, n in _CELL.findall(panel.render().plain)}


def tally_expected(screen: VoteScreen) -> dict[str, int]:
    """What the tally must say for the screen's own ballot, counted afresh by the rules."""
    verdict = count(screen.ballot)
    decision = verdict.decision
    shown = {
        capital(decision.vote_label(v, short=True)): verdict.counts.of(v) for v in decision.choices
    }
    shown[capital(not_voted_label(decision))] = verdict.counts.not_voted
    if decision.is_statement:
        return shown | {"To block": 1}  # one objection blocks a statement
    return shown | {"Needed": verdict.required}


def check(app: App[Any]) -> int:
    """Every vote screen open shows its own ballot's tally, as the rules count it; returns how
    many were checked."""
    checked = 0
    for screen in app.screen_stack:
        if isinstance(screen, VoteScreen):
            panel = screen.query_one(TallyPanel)
            assert panel.verdict == count(screen.ballot)
            assert tally_on_screen(panel) == tally_expected(screen), screen.scenario.id
            checked += 1
        elif isinstance(screen, AssemblyScreen):
            # The General Assembly's screen, last in the list, where `end` and `enter` lead.
            verdict = assembly.count(screen.ballot)
            shown = screen.query_one(AssemblyTally)
            assert shown.verdict == verdict
            counts = verdict.counts
            expected = {
                "In favour": counts.yes,
                "Against": counts.no,
                "Abstention": counts.abstain,
                "Absent": counts.absent,
                "Not yet voted": counts.not_voted,
                "Needed": verdict.required,
            }
            if not verdict.voting:  # two-thirds of nobody: no number is shown, only why
                del expected["Needed"]
            assert tally_on_screen(shown) == expected
            checked += 1
    return checked


@pytest.mark.parametrize("seed", range(4))
async def test_a_storm_of_keys_and_resizes(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bursts of random keys (every vote key, the palette, help, escape, enter) between resizes
    from 10x3 to 250x80: the app never stops on an error, and whatever vote screen is open, the
    numbers its tally shows are the rules' own count of its ballot. Seeded, to replay a failure."""
    monkeypatch.chdir(tmp_path)  # e then enter exports into the current folder: not the checkout
    rng = random.Random(seed)
    app = CouncilApp(load_catalogue())
    checked = 0
    async with app.run_test(size=(80, 24)) as pilot:
        for size in sizes(rng, 10):
            storm(app, rng, 30)
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running, "the storm ended the app"
            assert app.size == size
            checked += check(app)
    assert app.return_code in (0, None)
    assert checked, "no vote screen was ever open to check"


async def test_the_storm_s_keys_reach_the_app_as_a_terminal_sends_them() -> None:
    """'?' opens the help as the key does (a key named '?' would match no binding), and a vote
    key posted without a pause moves the tally the check reads."""
    app = CouncilApp(load_catalogue(), scenario_id="2024-03-22-us-draft")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, VoteScreen)
        for name in "yyn":
            app.post_message(key(name))
        await pilot.pause()
        assert tally_on_screen(screen.query_one(TallyPanel))["In favour"] == 2
        assert tally_on_screen(screen.query_one(TallyPanel)) == tally_expected(screen)
        app.post_message(key("?"))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
