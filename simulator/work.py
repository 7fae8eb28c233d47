"""The student's work while the app runs: the votes set on each scenario.

Pure and in memory: going back to the list and into a scenario again finds its votes as they were
left. Nothing is written anywhere yet, which is why quitting asks first.
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.rules import Ballot
from simulator.scenarios import Scenario


class Work:
    """Each scenario's latest ballot, by scenario id. Written as each vote is cast, so that
    nothing waits on a message that a quick quit could overtake."""

    def __init__(self) -> None:
        self._ballots: dict[str, Ballot] = {}

    def ballot(self, scenario: Scenario) -> Ballot | None:
        """The votes last set on this scenario, or None if it has not been opened."""
        return self._ballots.get(scenario.id)

    def keep(self, scenario: Scenario, ballot: Ballot) -> None:
        self._ballots[scenario.id] = ballot

    def with_votes(self, scenarios: Iterable[Scenario]) -> list[Scenario]:
        """The scenarios whose votes differ from a blank ballot: what quitting would lose."""
        return [
            scenario
            for scenario in scenarios
            if (ballot := self.ballot(scenario)) is not None and not ballot.is_blank
        ]
