"""The screens: choosing a scenario, voting on it, and the rules of the vote.

The vote screen owns the one piece of state that changes, its `Ballot`, and replaces it on every
vote; the verdict is computed from it and bound down to the widgets.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import Initialize, var
from textual.screen import ModalScreen, Screen
from textual.widgets import Collapsible, DataTable, Footer, Header, Markdown, Static

from simulator.rules import Ballot, BallotError, Verdict, Vote
from simulator.scenarios import Catalogue, Problem, Scenario
from simulator.scenarios import problems_summary as problems_summary  # app.py imports it here
from simulator.ui.widgets import (
    ExplanationPanel,
    MembersTable,
    PivotalPanel,
    ScenarioDetails,
    ScenarioLine,
    ScenarioTable,
    TallyPanel,
    VerdictBanner,
)

EMPTY_CATALOGUE = (
    "No scenarios to show.\n\n"
    "No scenario file could be loaded. Point the simulator at a folder of scenario files "
    "(TOML) with:\n\n    council-sim --scenarios DIR"
)


def problem_lines(problems: tuple[Problem, ...]) -> str:
    """One line per problem, naming the file and the key, as the loader reported them."""
    return "\n".join(str(problem) for problem in problems)


class PickerScreen(Screen[None]):
    """The list of scenarios, with the highlighted one's context.

    | Key(s) | Description |
    | :- | :- |
    | enter | Open the vote on the highlighted scenario. |
    """

    AUTO_FOCUS = "#scenarios"

    scenario: var[Scenario | None] = var(None)
    """The highlighted scenario, shown in the details below the list."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.sub_title = "choose a scenario"

    def compose(self) -> ComposeResult:
        yield Header()
        if self.catalogue.problems:
            with (
                Collapsible(title=problems_summary(self.catalogue.problems), id="problems"),
                VerticalScroll(id="problem-lines"),
            ):
                yield Static(problem_lines(self.catalogue.problems), markup=False)
        if self.catalogue:
            yield ScenarioTable(self.catalogue, id="scenarios")
            with VerticalScroll(id="details"):
                yield ScenarioDetails().data_bind(PickerScreen.scenario)
        else:
            yield Static(EMPTY_CATALOGUE, id="empty", markup=False)
        yield Footer()

    @on(DataTable.RowHighlighted, "#scenarios")
    def _show_details(self, event: DataTable.RowHighlighted) -> None:
        self.scenario = self.catalogue.get(str(event.row_key.value))

    @on(DataTable.RowSelected, "#scenarios")
    def _open(self, event: DataTable.RowSelected) -> None:
        scenario = self.catalogue.get(str(event.row_key.value))
        if scenario is not None:
            self.app.push_screen(VoteScreen(scenario))


def _fresh_ballot(screen: VoteScreen) -> Ballot:
    return screen.scenario.ballot()


def _count(screen: VoteScreen) -> Verdict:
    # Only a typed default: Textual calls `compute_verdict` for the first value as for every other.
    return screen.ballot.verdict


class VoteScreen(Screen[None]):
    """The vote on one scenario's draft: members on the left, the verdict on the right.

    | Key(s) | Description |
    | :- | :- |
    | up, k / down, j | Choose a member. |
    | y / n / a / x | Vote in favour / against / abstain / absent, then move to the next member. |
    | r | Reset the votes and go back to the first member. |
    | h | Load the vote as the Council recorded it. |
    | escape | Back to the scenarios. |
    """

    AUTO_FOCUS = "#members"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "vote('yes')", "Yes", tooltip="Vote in favour"),
        Binding("n", "vote('no')", "No", tooltip="Vote against"),
        Binding("a", "vote('abstain')", "Abstain", tooltip="Abstain"),
        Binding("x", "vote('absent')", "Absent", tooltip="Absent, or not participating"),
        Binding("r", "reset", "Reset", tooltip="Clear every vote"),
        Binding("h", "record", "Record", tooltip="The vote as the Council recorded it"),
        Binding("escape", "back", "Back", tooltip="Back to the scenarios"),
    ]

    ballot: var[Ballot] = var(Initialize(_fresh_ballot))
    """The votes cast so far. Replaced, never mutated, so that every change reaches the widgets."""

    verdict: var[Verdict] = var(Initialize(_count))
    """The outcome of `ballot`, counted by `simulator.rules`; never set directly."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.sub_title = scenario.title

    def compute_verdict(self) -> Verdict:
        return self.ballot.verdict

    def compose(self) -> ComposeResult:
        yield Header()
        yield ScenarioLine(self.scenario, id="scenario-line").data_bind(VoteScreen.ballot)
        yield VerdictBanner(id="banner").data_bind(VoteScreen.verdict)
        with Horizontal(id="body"):
            yield MembersTable(id="members").data_bind(VoteScreen.ballot)
            with VerticalScroll(id="side"):
                yield TallyPanel().data_bind(VoteScreen.verdict)
                yield ExplanationPanel().data_bind(VoteScreen.verdict)
                yield PivotalPanel().data_bind(VoteScreen.verdict)
        yield Footer(compact=True, show_command_palette=False)

    @property
    def members_table(self) -> MembersTable:
        return self.query_one("#members", MembersTable)

    def action_vote(self, word: str) -> None:
        """Cast the highlighted member's vote; a fixed vote is refused with the rules' reason."""
        table = self.members_table
        member = table.highlighted_member
        if member is None:
            return
        try:
            self.ballot = self.ballot.cast(member.code, Vote(word))
        except BallotError as error:
            self.notify(str(error), title="This vote is fixed", severity="warning", markup=False)
            return
        table.advance()

    def action_reset(self) -> None:
        self.ballot = self.ballot.reset()
        self.members_table.move_cursor(row=0, animate=False)

    def action_record(self) -> None:
        """Show the recorded vote, or say why there is none."""
        try:
            self.ballot = self.scenario.recorded_ballot()
        except BallotError as error:
            self.notify(str(error), title="No recorded vote", severity="information", markup=False)

    def action_back(self) -> None:
        self.dismiss()


HELP = """\
## Article 27 of the Charter

**27(1).** Each member of the Security Council has one vote.

**27(2).** Decisions on *procedural* matters need the votes of **nine** members in favour. \
There is no veto.

**27(3).** Decisions on *all other* matters need **nine** votes in favour, *including the \
concurring votes of the permanent members*; but in decisions under Chapter VI, and under \
Article 52(3), **a party to a dispute shall abstain** from voting.

## The veto

The five permanent members are China, France, the Russian Federation, the United Kingdom and the \
United States (Article 23(1)). When a draft has its nine votes, a permanent member voting \
**against** defeats it: that is the veto.

- **An abstention is not a veto, nor is an absence.** Since 1946 the Council has treated a \
permanent member's abstention as no bar to adoption, and it adopted resolutions on Korea in 1950 \
while the Soviet Union stayed away. The International Court of Justice confirmed the practice in \
its *Namibia* advisory opinion of 1971.
- **A "no" on a draft without nine votes is not counted as a veto.** The draft fails for lack of \
votes, whoever voted against it.

## Statements

Press statements and presidential statements are not put to a vote: they are agreed, so they need \
all 15 members. One objection blocks them.

## Parties to a dispute

In a decision under Chapter VI a member that is a party to the dispute abstains (Article 27(3)). \
Its vote is fixed here, and marked *(fixed)*.

## The Council of 1945

As signed in 1945, the Charter gave the Council 11 members, and a decision needed 7 votes. The \
amendment in force since 31 August 1965 enlarged it to 15, needing 9.

## Keys

| Key | Does |
| :-- | :-- |
| up, down (k, j) | choose a member |
| y, n, a, x | vote in favour, against, abstain, absent |
| r | reset the votes |
| h | load the vote as the Council recorded it |
| escape | back to the scenarios, or close this help |
| ctrl+p | commands |
| q | quit |
"""


class HelpScreen(ModalScreen[None]):
    """How the Council votes, from Article 27 and the Council's practice.

    | Key(s) | Description |
    | :- | :- |
    | escape, ? | Close the help. |
    """

    AUTO_FOCUS = "#help-text"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-text") as scroll:
            scroll.border_title = "How the Security Council votes"
            scroll.border_subtitle = "escape to close"
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss()
