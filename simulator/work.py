"""The student's work: the votes set on each scenario, the predictions locked, small choices.

The screens keep and find votes here; with a `Store` each change is saved at once, in one short
transaction, and found again when the app reopens. Without one (in tests, or when the data folder
cannot be written) the work lives only as long as the app, which is why quitting then asks first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from types import MappingProxyType

from simulator.predict import Prediction, Score
from simulator.rules import Ballot
from simulator.scenarios import Scenario
from simulator.store import SavedPrediction, Store, StoreError, Welcome


def greeting(name: str, welcome: Welcome) -> str:
    """One line for a student who has just given their name: whether their work is back."""
    if welcome is Welcome.BACK:
        return f"Welcome back, {name}: your work is here as you left it."
    if welcome is Welcome.CLAIMED:
        return f"Your work so far is now saved under the name {name}."
    return f"Welcome, {name}: your work is saved under this name as you go."


class Work:
    """Each scenario's latest ballot, by scenario id. Written as each vote is cast, so that
    nothing waits on a message that a quick quit could overtake."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        """Where work is saved; None: kept in memory only."""
        self._ballots: dict[str, Ballot] = {}
        self._unsaved: set[str] = set()
        self._held: set[str] = set()
        """Scenarios whose latest ballot is kept but not yet written: see `hold`."""
        """Scenarios whose latest ballot is not in the store: what quitting would lose."""
        self.problem = ""
        """Why the last write failed, for the user; empty while saving works."""
        self._locked: set[str] = set()
        """Scenarios with a prediction locked in this session."""
        self._settings: dict[str, str] = {}
        """Choices made in this session, kept here too: a store that fails still has them."""
        self._predictions: list[SavedPrediction] = []
        """Without a store, the predictions locked, as the store would keep them: for export."""

    @property
    def saving(self) -> bool:
        """Work reaches the disk as it is done."""
        return self.store is not None

    def ballot(self, scenario: Scenario) -> Ballot | None:
        """The votes last set on this scenario (saved in an earlier session too), or None if it
        has never been opened."""
        if scenario.id not in self._ballots and self.store is not None:
            try:
                saved = self.store.ballot(scenario)
            except StoreError as error:
                self.problem = str(error)
                saved = None
            if saved is not None:
                self._ballots[scenario.id] = saved
        return self._ballots.get(scenario.id)

    def keep(self, scenario: Scenario, ballot: Ballot) -> str:
        """Keep the ballot, and save it; '' if saved, or the reason it could not be, the first
        time that happens, for the user to be told once."""
        self.hold(scenario, ballot)
        return self.save_held()

    def hold(self, scenario: Scenario, ballot: Ballot) -> None:
        """Keep the ballot, to be saved by the next `save_held`: the vote screen draws the vote
        first and saves it straight after, so that the disk never delays what the student sees."""
        self._ballots[scenario.id] = ballot
        self._held.add(scenario.id)

    @property
    def holding(self) -> bool:
        """Some ballot kept is not yet written (nor failed to be)."""
        return bool(self._held)

    def save_held(self) -> str:
        """Save every ballot kept since the last save, the latest of each scenario in one write;
        '' if saved, or the reason it could not be, the first time that happens."""
        held, self._held = self._held, set()
        if self.store is None:
            self._unsaved |= held
            return ""
        problem = ""
        for scenario_id in sorted(held):
            try:
                self.store.keep_ballot(scenario_id, self._ballots[scenario_id])
            except StoreError as error:
                self._unsaved.add(scenario_id)
                if not self.problem:
                    problem = str(error)
                self.problem = str(error)
                continue
            self._unsaved.discard(scenario_id)
        return problem

    def keep_prediction(
        self, scenario: Scenario, prediction: Prediction, result: Score | None
    ) -> str:
        """Save a locked prediction with its score; '' if saved (or there is no store), or why
        it could not be."""
        self._locked.add(scenario.id)
        if self.store is None:
            self._predictions.append(_as_saved(scenario, prediction, result))
            return ""
        try:
            self.store.keep_prediction(scenario.id, prediction, result)
        except StoreError as error:
            self.problem = str(error)
            return self.problem
        return ""

    @property
    def locked(self) -> frozenset[str]:
        """The scenarios with a prediction locked in this session, by id."""
        return frozenset(self._locked)

    def predicted(self, scenario: Scenario) -> bool:
        """A prediction on this scenario was locked, in this session or in a saved earlier one:
        a pack that asks for predictions first then lets its record be seen."""
        if scenario.id in self._locked:
            return True
        if self.store is None:
            return False
        try:
            return bool(self.store.predictions(scenario.id))
        except StoreError:
            return False

    def student_name(self) -> str:
        """Whose work this is: the name it is saved under, or '' (none given, or not saved)."""
        if self.store is None:
            return ""
        try:
            return self.store.student_name()
        except StoreError as error:
            self.problem = str(error)
            return ""

    def setting(self, name: str) -> str | None:
        """A small choice the student made (the theme, say), in this session or a saved one;
        None if never made."""
        if name in self._settings:
            return self._settings[name]
        if self.store is None:
            return None
        try:
            return self.store.setting(name)
        except StoreError as error:
            self.problem = str(error)
            return None

    def keep_setting(self, name: str, value: str) -> str:
        """Keep a small choice, and save it; '' if saved (or there is no store), or why it
        could not be. A choice lost costs little, so quitting does not ask for it."""
        self._settings[name] = value
        if self.store is None:
            return ""
        try:
            self.store.keep_setting(name, value)
        except StoreError as error:
            self.problem = str(error)
            return self.problem
        return ""

    def with_votes(self, scenarios: Iterable[Scenario]) -> list[Scenario]:
        """The scenarios with votes set that are not saved: what quitting would lose (after
        saving what is held)."""
        self.save_held()
        return [
            scenario
            for scenario in scenarios
            if scenario.id in self._unsaved
            and (ballot := self._ballots.get(scenario.id)) is not None
            and not ballot.is_blank
        ]

    def in_memory(self) -> tuple[dict[str, Mapping[str, str]], list[SavedPrediction]]:
        """The votes set and predictions locked in this session, as the store would keep them:
        what there is to export when work is not saved."""
        ballots: dict[str, Mapping[str, str]] = {
            scenario_id: MappingProxyType({c: v.value for c, v in ballot.votes.items()})
            for scenario_id, ballot in self._ballots.items()
        }
        return ballots, list(self._predictions)


def _as_saved(scenario: Scenario, prediction: Prediction, result: Score | None) -> SavedPrediction:
    return SavedPrediction(
        scenario_id=scenario.id,
        votes=MappingProxyType({c: v.value for c, v in prediction.ballot.votes.items()}),
        outcome=prediction.outcome.value if prediction.outcome else None,
        hints_used=prediction.hints_used,
        locked_at=datetime.now(UTC).isoformat(),
        members_right=None if result is None else result.members_right,
        members=None if result is None else result.members,
        outcome_right=None if result is None else result.outcome_right,
    )
