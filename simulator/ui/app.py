"""The app: the one factory that the command line and the tests both build.

CouncilApp(load_catalogue()).run()
CouncilApp(catalogue, scenario_id="2024-gaza").run()  # straight onto that vote
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from simulator.scenarios import Catalogue, Scenario
from simulator.ui.screens import HelpScreen, PickerScreen, VoteScreen, problems_summary

THEME = "textual-dark"
"""Set explicitly, so that a user's TEXTUAL_THEME neither changes the look nor the snapshots."""

MAX_PROBLEMS_SHOWN = 3


class CouncilApp(App[None]):
    """A simulator of Security Council votes, over a catalogue of scenarios.

    | Key(s) | Description |
    | :- | :- |
    | ? | How the Council votes. |
    | q | Quit. |
    """

    CSS_PATH = "app.tcss"
    TITLE = "UN Security Council"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012 (App types it as a list)
    """At 24 rows the banner gives up its padding so that the pivotal members stay in view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, catalogue: Catalogue, *, scenario_id: str | None = None) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.scenario_id = scenario_id
        self.theme = THEME

    def get_default_screen(self) -> Screen[Any]:
        return PickerScreen(self.catalogue)

    def on_mount(self) -> None:
        problems = self.catalogue.problems
        if problems:
            lines = [problem.line(file_name_only=True) for problem in problems[:MAX_PROBLEMS_SHOWN]]
            if len(problems) > MAX_PROBLEMS_SHOWN:
                lines.append(
                    f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more: see the top of the list"
                )
            self.notify(
                "\n".join(lines),
                title=problems_summary(problems),
                severity="warning",
                timeout=20,
                markup=False,
            )
        if self.scenario_id is not None:
            scenario = self.catalogue.get(self.scenario_id)
            if scenario is None:
                self.notify(
                    f"There is no scenario {self.scenario_id!r}: choose one from the list.",
                    severity="error",
                    markup=False,
                )
            else:
                self.open_scenario(scenario)

    def open_scenario(self, scenario: Scenario) -> None:
        """Open the vote on this scenario, over the picker, so that escape returns to it."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, PickerScreen):
            self.pop_screen()
        self.push_screen(VoteScreen(scenario))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The actions of the current screen, and every scenario, in the command palette."""
        if isinstance(screen, VoteScreen):
            yield SystemCommand("Reset the votes", "Clear every vote (r)", screen.action_reset)
            yield SystemCommand(
                "Load the recorded vote",
                "The vote as the Council cast it (h)",
                screen.action_record,
            )
            for word, label in (("yes", "in favour"), ("no", "against"), ("abstain", "abstain")):
                yield SystemCommand(
                    f"Vote {label}",
                    "For the highlighted member",
                    partial(screen.action_vote, word),
                )
            yield SystemCommand("Back to the scenarios", "Close this vote (escape)", screen.dismiss)
        yield SystemCommand(
            "How the Council votes", "The rules of Article 27 (?)", self.action_help
        )
        for scenario in self.catalogue:
            yield SystemCommand(
                f"Open: {scenario.title}",
                f"{scenario.date.isoformat()} · {scenario.decision.label}",
                partial(self.open_scenario, scenario),
            )
        yield from super().get_system_commands(screen)
