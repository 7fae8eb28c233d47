"""Teacher packs: a folder of scenarios with a `pack.toml` that says how a class meets them.

A pack has a title, instructions for the first screen, the order of its scenarios, and whether a
student must predict a vote before its record can be seen. A folder without `pack.toml` is a
plain folder of scenarios. Read like a scenario file: one `Problem` per thing wrong, naming the
file and the key, and a `pack.toml` with any problem is not used (its folder then loads as a plain
folder). Its own module, beside the loader, because it reads a folder as a whole where the loader
reads files one by one; it borrows the loader's table reader so that both speak alike.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path

from simulator.predict import can_predict
from simulator.scenarios import (
    PACK_FILE,
    Catalogue,
    Problem,
    Scenario,
    ScenarioError,
    _Reader,
    _type,
    is_scenario_id,
    load_catalogue,
    load_paths,
    quote,
    read_toml,
)

_PACK_KEYS = {"title", "instructions", "order", "predict_first"}


@dataclass(frozen=True)
class Pack:
    """What a teacher's `pack.toml` says, checked against the scenarios of its folder."""

    folder: Path
    title: str
    instructions: str = ""
    """Shown on the first screen, before the list; may hold line breaks."""
    order: tuple[str, ...] = ()
    """The ids listed first, in this order; the folder's other scenarios follow, by date."""
    predict_first: bool = False
    """A student sees a scenario's record only after locking a prediction on it."""
    scenario_ids: frozenset[str] = frozenset()
    """Every scenario that loaded from the folder, named in `order` or not."""


def is_pack(folder: Path) -> bool:
    """Whether this is a folder with a `pack.toml` (even a broken one, which is then reported)."""
    try:
        return folder.is_dir() and os.path.lexists(folder / PACK_FILE)
    except OSError:  # a name too long, a folder that may not be searched: not a pack
        return False


def read_pack(
    folder: Path, scenarios: Iterable[Scenario], *, failed: Set[str] = frozenset()
) -> Pack:
    """Read and check the folder's `pack.toml` against the scenarios that loaded from the folder;
    `ScenarioError` lists every problem.

    `failed` names (by file name, without `.toml`) the folder's files that did not load: their
    own problems are reported already, and one unfinished file must not turn the pack off, which
    would open the class on every bundled vote with every result in view."""
    path = folder / PACK_FILE
    data = read_toml(path)
    read = _Reader(path)
    read.unknown(data, _PACK_KEYS)
    title = read.text(data, "title")
    instructions = read.text(data, "instructions", required=False, lines=True)
    predict_first = read.flag(data, "predict_first")
    ids = frozenset(s.id for s in scenarios)
    order = _order(read, data.get("order", []), ids, failed)
    if read.problems:
        raise ScenarioError(read.problems)
    return Pack(folder, title, instructions, order, predict_first, ids)


def _order(read: _Reader, value: object, ids: Set[str], failed: Set[str]) -> tuple[str, ...]:
    """The ids in order: each a scenario of this folder that loaded, each once."""
    if not isinstance(value, list):
        read.problem("order", f"must be a list of scenario ids, not {_type(value)}")
        return ()
    order: list[str] = []
    for i, item in enumerate(value):
        at = f"order[{i + 1}]"
        if not isinstance(item, str):
            read.problem(at, f"must be a scenario id (a string), not {_type(item)}")
        elif not is_scenario_id(item):
            read.problem(at, f"{quote(item)} is not a scenario id")
        elif item in order:
            read.problem(at, f"{quote(item)} is listed twice")
        elif item in failed and item not in ids:
            continue  # its file's own problems say why it is left out
        elif item not in ids:
            message = "is not the id of a scenario that loaded from this folder"
            read.problem(at, f"{quote(item)} {message}")
        else:
            order.append(item)
    return tuple(order)


def load_pack(folder: Path, *, also: Sequence[Path] = ()) -> Catalogue:
    """The pack's scenarios alone (and those of `also`), in the pack's order; if its `pack.toml`
    has a problem, the problems, and the scenarios as plain folders with no pack."""
    catalogue = load_paths([folder, *also])
    own = [s for s in catalogue if s.path is not None and s.path.parent == folder]
    failed = {p.path.stem for p in catalogue.problems if p.in_file and p.path.parent == folder}
    try:
        pack = read_pack(folder, own, failed=failed)
    except ScenarioError as error:
        return replace(catalogue, problems=(*catalogue.problems, *error.problems))
    return replace(catalogue, pack=pack)


def catalogue_for(extra: Sequence[Path]) -> Catalogue:
    """What the simulator and every command load for these `--scenarios` folders.

    A pack opens alone: a teacher's class sees the pack's scenarios, not the bundled ones (with
    any other folders given beside it). One pack at a time; a second is read as a plain folder.
    A pack whose `pack.toml` has a problem is not used, and everything loads as without it.
    """
    packs = [path for path in extra if is_pack(path)]
    if not packs:
        return load_catalogue(extra)
    first = packs[0]
    others = [path for path in extra if path != first]
    catalogue = load_pack(first, also=others)
    if catalogue.pack is None:  # its problems are in the catalogue; load as without a pack
        plain = load_catalogue(extra)
        return replace(plain, problems=(*plain.problems, *_pack_problems(catalogue)))
    more = [
        Problem(
            path / PACK_FILE,
            "only one pack opens at a time: this folder's scenarios are added as plain ones",
        )
        for path in packs[1:]
    ]
    return replace(catalogue, problems=(*catalogue.problems, *more))


def _pack_problems(catalogue: Catalogue) -> tuple[Problem, ...]:
    return tuple(p for p in catalogue.problems if p.path.name == PACK_FILE)


def record_may_be_seen(pack: Pack | None, scenario: Scenario, locked: Set[str]) -> bool:
    """May the record of this scenario be seen (and what tells it: its summary, its record line)?

    Always, except in a pack that asks for predictions first: there, on its scenarios that can be
    predicted, only once the student has locked a prediction (`locked` holds their ids).
    """
    if pack is None or not pack.predict_first or scenario.id not in pack.scenario_ids:
        return True
    return not can_predict(scenario) or scenario.id in locked
