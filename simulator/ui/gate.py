"""Whether a screen may show a scenario's record: one question, asked by the list and the vote
screen alike, and kept apart from the prediction screens so that the list need not load them."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual.screen import Screen

from simulator.scenarios import Scenario


@runtime_checkable
class RecordGate(Protocol):
    """The one question the app answers from the predictions locked (its work keeps them): may
    this scenario's record be seen (`simulator.packs`)?"""

    def may_see_record(self, scenario: Scenario) -> bool: ...


def may_see_record(screen: Screen[Any], scenario: Scenario) -> bool:
    """Asks the app; an app that keeps no such gate shows every record."""
    app = screen.app
    return app.may_see_record(scenario) if isinstance(app, RecordGate) else True
