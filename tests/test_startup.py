"""What opening the app loads: the screens and commands not on the list wait until first used.

Start-up time is measured by `bench/run.py`, never asserted here; this checks only the design that
keeps it short, so that an import added at the top of a module does not undo it unseen.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

LOADED_WHEN_USED = (
    "simulator.assembly",
    "simulator.compare",
    "simulator.export",
    "simulator.session",
    "simulator.starter",
    "simulator.whatif",
    "simulator.ui.chair",
    "simulator.ui.compare",
    "simulator.ui.export",
    "simulator.ui.name",
    "simulator.ui.power",
    "simulator.ui.predict",
    "simulator.ui.seat",
    "simulator.ui.whatif",
    "textual.widgets._markdown",
)


def _loaded_by(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


def test_the_list_loads_no_screen_it_does_not_show() -> None:
    """The command line and the app, as `council-sim` starts them, load none of the others."""
    loaded = _loaded_by("import simulator.cli, simulator.ui.app")
    assert "simulator.ui.screens" in loaded  # the check sees what is loaded
    assert sorted(loaded.intersection(LOADED_WHEN_USED)) == []


@pytest.mark.parametrize("module", LOADED_WHEN_USED)
def test_each_screen_left_out_is_a_module_that_loads(module: str) -> None:
    """Every name above is real: a misspelt one would make the check above pass for nothing."""
    assert module in _loaded_by(f"import {module}")
