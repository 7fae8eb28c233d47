"""The README's promises: two quick-start commands, and examples that print what they show."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from simulator.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


def test_quick_start_is_two_commands() -> None:
    """One code block under '## Quick start': run the app, run the tests (CI runs the second)."""
    section = README.split("## Quick start\n", 1)[1]
    block = section.split("```\n", 2)[1]
    commands = block.strip().splitlines()
    assert len(commands) == 2
    assert commands[0].endswith("council-sim")
    assert commands[1].endswith("pytest")


EXAMPLES = re.findall(r"```\n\$ (council-sim [^\n]+)\n(.*?)```", README, re.DOTALL)


def test_readme_has_examples() -> None:
    """There is at least one example with its output to check."""
    assert EXAMPLES


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_prints_what_it_shows(
    command: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each `$ council-sim …` example in the README prints exactly the output shown under it."""
    status = main(shlex.split(command)[1:])
    assert status == 0
    assert capsys.readouterr().out == expected
