"""A scenario file to start from (`council-sim new`): a template to fill in, or a copy of another
scenario under a new id.

The template validates only once filled: a placeholder that validated would let an unfinished
scenario reach a class unnoticed, so its empty values are left for `validate` to name, one by one.
A file is written whole or not at all, and never over another (`simulator.files`).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from simulator.files import write_whole
from simulator.rules import RuleSet
from simulator.scenarios import Catalogue, Scenario

LEFT_TO_FILL = ("title", "date", "summary", "source")
"""What the template leaves for the teacher, each of which `validate` names until it is filled."""


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(text, ensure_ascii=False)


def council_of(catalogue: Catalogue) -> Scenario | None:
    """The newest scenario with today's Council of fifteen: the Council a template starts from."""
    today = [s for s in catalogue if s.rules is RuleSet.CHARTER_1965]
    return max(today, key=lambda s: s.date, default=None)


def template(scenario_id: str, council: Scenario | None) -> str:
    """A scenario to fill in, each key explained; the Council of `council`, to check and change."""
    lines = [
        "# A new scenario. Fill in each value left empty below (and the date), then check it with",
        "# 'council-sim validate' and this file: until each is filled, validate names it, and the",
        "# simulator leaves this file out. Every key is explained in docs/scenario-format.md.",
        "",
        f"id = {_string(scenario_id)}",
        "",
        "# A short title, shown in the list (about 50 characters fits best).",
        'title = ""',
        "",
        "# The date of the vote or of the report, such as 2024-03-22 (without quotes).",
        'date = "YYYY-MM-DD"',
        "",
        "# substantive (a draft resolution: Art. 27(3), with the veto), procedural (Art. 27(2), no",
        "# veto), press-statement or presidential-statement (agreed, not voted: issued unless a",
        "# member objects).",
        'decision = "substantive"',
        "",
        "# In your own words: what the draft asks, who put it forward, what was at stake.",
        'summary = ""',
        "",
        "# Where the facts come from: the article (date, outlet) or the UN record (SC/...).",
        'source = ""',
        "",
        "# Optional: what is uncertain or not in the sources; questions for the class.",
        '# notes = ""',
        '# questions = ["", ""]',
        "",
    ]
    if council is None:
        lines += ["# The Council on the date of the vote: see docs/scenario-format.md.", ""]
    else:
        lines += [
            "# The Council on the date of the vote, one table per member, in the order to show",
            f"# them. These are the members on {council.date.isoformat()} (from the scenario",
            f"# {council.id}): check them against the UN record of your vote, and change any",
            "# that differ. The five permanent members are marked permanent = true.",
        ]
        for member in council.members:
            lines += [
                "[[members]]",
                f"code = {_string(member.code)}",
                f"name = {_string(member.name)}",
                f"permanent = {str(member.permanent).lower()}",
                "",
            ]
    codes = ", ".join(f'{m.code} = ""' for m in council.members) if council else 'USA = ""'
    lines += [
        "# Optional: the vote as it really happened. outcome: adopted, vetoed, insufficient_votes",
        "# or not_voted (for a statement: agreed or blocked); every member's vote: yes, no,",
        "# abstain or absent (for a statement: agree, object or silent). validate checks that the",
        "# votes give the outcome.",
        "# [record]",
        '# symbol = ""',
        '# outcome = ""',
        f"# votes = {{ {codes} }}",
        "",
        "# Optional, with a record: what a student may know before predicting the vote. A title",
        "# that tells the result ('Resolution 2735: ...') gives it away: give a neutral one here.",
        "# [prediction]",
        '# title = ""',
        '# briefing = """"""',
        '# hints = ["", ""]',
    ]
    return "\n".join(lines) + "\n"


_TABLE = re.compile(r"^\s*\[")
_ID_LINE = re.compile(r"^id\s*=\s*(\"[^\"\n]*\"|'[^'\n]*')\s*(#.*)?$")


class CopyError(ValueError):
    """A scenario file that cannot be copied under a new id: its id is not on a line of its own."""


def copy_as(scenario: Scenario, scenario_id: str) -> str:
    """The scenario's own file, word for word but for its id, and a first line saying whence."""
    if scenario.path is None:
        raise CopyError(f"{scenario.id!r} has no file to copy")
    text = scenario.path.read_bytes().decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if _TABLE.match(line):
            break  # a top-level key comes before the first table
        if _ID_LINE.match(line.rstrip("\r\n")):
            ending = line[len(line.rstrip("\r\n")) :]
            lines[i] = f"id = {_string(scenario_id)}{ending}"
            copied = f"# Copied from the scenario {scenario.id}: change what differs.\n"
            result = copied + "".join(lines)
            if tomllib.loads(result).get("id") != scenario_id:  # never claim what is not so
                break
            return result
    raise CopyError(f"cannot find the id of {scenario.id!r} on a line of its own to change")


def write_new(path: Path, text: str) -> None:
    """Write the file whole, or not at all, and never over another: `FileExistsError` if the name
    is taken, even by a file that appeared while this one was written."""
    write_whole(path, text.encode("utf-8"))
