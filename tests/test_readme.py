"""The README's promises: two quick-start commands, and examples that print what they show."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from simulator.cli import build_parser, main

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


def _rules_section(readme: str) -> str:
    section = readme.split("## The rules it teaches\n", 1)[1].split("\n## ", 1)[0]
    return " ".join(section.split())


def test_readme_credits_the_court_with_abstention_only() -> None:
    """The ICJ's Namibia opinion (1971) concerned abstention; absence rests on practice alone."""
    sentences = re.split(r"(?<=[.;])\s+", _rules_section(README))
    court = [s for s in sentences if "Court of Justice" in s]
    assert court
    assert all("absence" not in s for s in court)
    assert "resolutions 82 to 84" in _rules_section(README)


def test_readme_statements_follow_the_silence_procedure() -> None:
    """A statement is issued when no member objects; silence does not block it."""
    rules = _rules_section(README)
    assert "issued when no member objects" in rules
    assert "stays silent does not" in rules
    assert "need all fifteen" not in rules


def _command_line_section(readme: str) -> str:
    return readme.split("## On the command line\n", 1)[1].split("\n## ", 1)[0]


def test_readme_lists_every_command() -> None:
    """The usage block under 'On the command line' names each command the parser has."""
    usage = _command_line_section(README).split("```\n", 2)[1]
    commands = next(
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    assert commands.choices
    for name in commands.choices:
        assert f"council-sim {name} " in usage, name
    assert "council-sim new SCENARIO_ID [--from EXISTING] [--dir DIR]" in usage


def test_readme_explains_packs_and_new() -> None:
    """The command-line section says what a pack is, that it opens alone, and what new does."""
    section = " ".join(_command_line_section(README).split())
    assert "`pack.toml`" in section
    assert "opens a pack alone" in section
    assert "never writes over a file" in section
    assert "(docs/teachers.md)" in section
