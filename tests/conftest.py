"""Shared set-up: a terminal that looks the same everywhere, so UI tests and snapshots agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from textual.widgets import Input

from simulator.scenarios import Catalogue, load_paths

settings.register_profile("council-sim", deadline=None, print_blob=True)
settings.load_profile("council-sim")
"""No time limit per example: the machine running the tests may be busy, and a slow example is
no wrong answer. A failure prints the blob that replays it (`@reproduce_failure`)."""

UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"
"""Scenarios of the UI's own, so that editing the bundled texts never changes a snapshot."""

_VARYING_ENV = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TEXTUAL_THEME",
    "TEXTUAL_ANIMATIONS",
    "TEXTUAL_COLOR_SYSTEM",
    "TEXTUAL_FPS",
    "COLUMNS",
    "LINES",
)


@pytest.fixture(autouse=True)
def steady_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clear a user's colour and theme settings, and stop cursors blinking mid-screenshot."""
    for name in _VARYING_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Input.cursor_blink, "_default", False)


@pytest.fixture(autouse=True)
def own_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Saved work goes to a folder of the test's own, for the app run in-process or as a child
    process alike: no test reads or writes the user's real saved work."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("COUNCIL_SIM_DATA", str(folder))
    # Should a test unset it, the platform's default falls in the temporary folder too.
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "xdg"))
    return folder


@pytest.fixture
def ui_catalogue() -> Catalogue:
    """The UI fixtures: the vetoed draft of 22 March 2024 and an exercise with two parties."""
    catalogue = load_paths([UI_FIXTURES])
    assert not catalogue.problems, catalogue.problems
    return catalogue
