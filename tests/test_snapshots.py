"""Snapshots of each screen at 80x24, the size everything must fit, and at other sizes.

Built from the UI's own fixture scenarios, so editing the bundled texts changes no snapshot.
After a deliberate change, review the report, then: `pytest tests/test_snapshots.py
--snapshot-update`. Textual is pinned exactly because an upgrade redraws every snapshot.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from simulator.packs import catalogue_for
from simulator.scenarios import PACK_FILE, Catalogue, Problem
from simulator.ui.app import THEME, CouncilApp
from simulator.ui.themes import HIGH_CONTRAST

SnapCompare = Callable[..., bool]
UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"
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


THEMES = (THEME, HIGH_CONTRAST)
SIZES = ((80, 24), (120, 40))


def problems_catalogue(catalogue: Catalogue) -> Catalogue:
    """The UI fixtures and one file that could not be loaded, named without a folder."""
    problem = Problem(Path("2024-04-01-draft.toml"), "missing (a string is required)", "date")
    return replace(catalogue, problems=(problem,))


def pack_catalogue(folder: Path) -> Catalogue:
    """The UI fixtures as a teacher's pack that asks for predictions first."""
    pack = folder / "pack"
    shutil.copytree(UI_FIXTURES, pack)
    (pack / PACK_FILE).write_text(
        'title = "Lesson one: the veto"\n'
        'instructions = "Predict each vote, then lock it and compare it with the record."\n'
        f'order = ["{GAZA}", "{EXERCISE}"]\npredict_first = true\n',
        "utf-8",
    )
    catalogue = catalogue_for([pack])
    assert catalogue.pack is not None, catalogue.problems
    return catalogue


SCREENS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "picker": (None, ()),
    "picker-hidden": (None, ("v",)),
    "vote-verdict": (GAZA, ("h",)),
    "help": (GAZA, ("h", "question_mark")),
    "what-if": (GAZA, ("h", "w")),
    "compare": (GAZA, ("h", "d")),
    "predict": (GAZA, ("p", *"nnyyaynn", "o", "i")),
    "reveal": (GAZA, ("p", *"nnyyaynn", "l", "l")),
    "problems": (None, ()),
    "pack": (None, ()),
    "name": (None, ()),
    "export": (GAZA, ("h", "e", "ctrl+u", *"amina.md")),
}
"""Each screen a student meets: the scenario it opens on (None: the list) and the keys to it."""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: "{}x{}".format(*size))
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen(
    snap_compare: SnapCompare,
    ui_catalogue: Catalogue,
    tmp_path: Path,
    screen: str,
    size: tuple[int, int],
    theme: str,
) -> None:
    """Every screen at the smallest size and a large one, in the default theme and in high
    contrast: nothing cut off, everything readable."""
    catalogue = ui_catalogue
    if screen == "problems":
        catalogue = problems_catalogue(ui_catalogue)
    elif screen == "pack":
        catalogue = pack_catalogue(tmp_path)
    scenario_id, keys = SCREENS[screen]
    app = CouncilApp(catalogue, scenario_id=scenario_id, theme=theme, ask_name=screen == "name")
    assert snap_compare(app, terminal_size=size, run_before=pressing(*keys))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: "{}x{}".format(*size))
def test_the_assembly_screen(snap_compare: SnapCompare, size: tuple[int, int], theme: str) -> None:
    """The General Assembly's vote, by regional group: two groups in favour, one against."""
    app = CouncilApp(catalogue_for([]), scenario_id="2021-05-20-assembly-hypothetical", theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=pressing("y", "y", "n"))
