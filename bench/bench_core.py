"""How much the core costs per key press, as ratios against a baseline measured in the same run.

Run: python bench/bench_core.py. Figures are ratios, so they compare across machines; nothing
here fails on a wall-clock time.
"""

from __future__ import annotations

import random
import timeit
import tomllib

from simulator.rules import Ballot, Vote, count, tally
from simulator.scenarios import bundled_dir, load_catalogue


def main() -> None:
    catalogue = load_catalogue()
    scenario = catalogue.scenarios[-1]
    rng = random.Random(0)
    ballots = [
        scenario.ballot().cast_all({m.code: rng.choice(list(Vote)) for m in scenario.members})
        for _ in range(200)
    ]

    def baseline() -> None:
        for b in ballots:
            tally(b)

    def verdicts() -> None:
        for b in ballots:
            count(b)

    def casts() -> None:
        for b in ballots:
            b.cast(scenario.members[0].code, Vote.AGAINST)

    texts = [p.read_text("utf-8") for p in sorted(bundled_dir().glob("*.toml"))]

    def parse_only() -> None:
        for text in texts:
            tomllib.loads(text)

    def load_all() -> None:
        load_catalogue()

    def best(fn: object) -> float:
        return min(timeit.repeat(fn, number=5, repeat=5))  # type: ignore[arg-type]

    base = best(baseline)
    print(f"key press: full verdict with pivots / plain tally  {best(verdicts) / base:7.1f}x")
    print(f"key press: cast a vote (new ballot) / plain tally  {best(casts) / base:7.1f}x")
    parse = best(parse_only)
    print(f"start-up: load and check scenarios / TOML parse    {best(load_all) / parse:7.1f}x")
    print(f"({len(ballots)} ballots, {len(texts)} scenario files; {Ballot.__name__} is immutable)")


if __name__ == "__main__":
    main()
