"""The screens: choosing a scenario, voting on it, and the rules of the vote.

The vote screen owns the one piece of state that changes, its `Ballot`, and replaces it on every
vote; the verdict is computed from it and bound down to the widgets.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.reactive import Initialize, var
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Collapsible, DataTable, Footer, Header, Static

from simulator.predict import can_predict, prediction_title
from simulator.rules import Ballot, BallotError, Verdict, Vote, capital
from simulator.scenarios import AssemblyScenario, Catalogue, Problem, Scenario
from simulator.scenarios import problems_summary as problems_summary  # app.py imports it here
from simulator.ui.gate import may_see_record
from simulator.ui.widgets import (
    ASSEMBLY_NOTE,
    ASSEMBLY_ROW,
    PACK_ROW,
    TEACHING_NOTE,
    ExplanationPanel,
    MembersTable,
    PivotalPanel,
    ReadingPane,
    ReasonPanel,
    ScenarioDetails,
    ScenarioLine,
    ScenarioTable,
    TallyPanel,
    VerdictBanner,
    assembly_details,
    link_words,
    pack_note,
)
from simulator.work import Work

NOTHING_TO_PREDICT = (
    "This scenario has no record, so there is nothing to check a prediction against: "
    "it is a what-if. Set the votes and see what they give instead."
)

PREDICT_FIRST = "This pack asks you to predict first: press p."

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
    | enter | Open the vote on the highlighted scenario (with results hidden: predict it). |
    | p | Predict the highlighted scenario's vote, before seeing the record. |
    | v | Hide the results in the list and its details, or show them again. |
    | e | Export your work to a file to hand in. |
    | home / end | The first / last scenario. |
    | pagedown / pageup | Read on (or back) in the highlighted scenario's details. |
    """

    AUTO_FOCUS = "#scenarios"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "predict", "Predict", tooltip="Predict the vote, then see the record"),
        # One key, two labels: the footer says what pressing it will do.
        Binding("v", "hide_results", "Hide results", tooltip="Browse without seeing outcomes"),
        Binding("v", "show_results", "Show results", tooltip="Show summaries and records again"),
        Binding("e", "app.export_work", "Export", tooltip="Your work, to a file to hand in"),
    ]

    scenario: var[Scenario | None] = var(None)
    """The highlighted scenario, shown in the details below the list."""

    hide_results: var[bool] = var(False)
    """Titles, details and enter as for a prediction: a class can choose what to predict
    without reading how it ended."""

    sealed: var[frozenset[str]] = var(frozenset())
    """The scenarios shown as with results hidden, whatever `v` says: in a pack that asks for a
    prediction first, those the student has not yet predicted."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.sub_title = self._sub_title("choose a scenario")

    def _sub_title(self, doing: str) -> str:
        """What the list is for; in a pack, its title instead (the first row says what to do)."""
        pack = self.catalogue.pack
        if pack is None:
            return doing
        return f"{pack.title} · results hidden" if self.hide_results else pack.title

    def compose(self) -> ComposeResult:
        yield Header()
        if self.catalogue.problems:
            with (
                Collapsible(title=problems_summary(self.catalogue.problems), id="problems"),
                VerticalScroll(id="problem-lines"),
            ):
                yield Static(problem_lines(self.catalogue.problems), markup=False)
        if self.catalogue or self.catalogue.assemblies:
            self._seal()
            yield ScenarioTable(self.catalogue, id="scenarios").data_bind(
                PickerScreen.hide_results, PickerScreen.sealed
            )
            with ReadingPane(id="details"):
                yield ScenarioDetails(catalogue=self.catalogue).data_bind(
                    PickerScreen.scenario, PickerScreen.hide_results, PickerScreen.sealed
                )
                yield Static(TEACHING_NOTE, id="section-note", markup=False)
        else:
            yield Static(EMPTY_CATALOGUE, id="empty", markup=False)
        yield Footer()

    @on(DataTable.RowHighlighted, "#scenarios")
    def _show_details(self, event: DataTable.RowHighlighted) -> None:
        key = str(event.row_key.value)
        self.scenario = self.catalogue.get(key)
        # A row that heads a section is no scenario: the details say what the section holds.
        self.query_one(ScenarioDetails).display = self.scenario is not None
        note = self.query_one("#section-note", Static)
        note.display = self.scenario is None
        pack = self.catalogue.pack
        assembly = self.catalogue.assembly(key)
        if assembly is not None:
            note.update(assembly_details(assembly, hide_results=self.hide_results))
        elif key == ASSEMBLY_ROW:
            note.update(ASSEMBLY_NOTE)
        elif self.scenario is None:
            note.update(pack_note(pack) if key == PACK_ROW and pack else TEACHING_NOTE)

    def on_screen_resume(self) -> None:
        self._seal()

    def _seal(self) -> None:
        """Ask again which records may be seen: a prediction locked since may have opened one."""
        self.sealed = frozenset(s.id for s in self.catalogue if not may_see_record(self, s))

    @on(DataTable.RowSelected, "#scenarios")
    def _open(self, event: DataTable.RowSelected) -> None:
        scenario = self.catalogue.get(str(event.row_key.value))
        assembly = self.catalogue.assembly(str(event.row_key.value))
        if scenario is not None:
            self._choose(scenario)
        elif assembly is not None:
            self.post_message(self.AssemblyChosen(assembly))
        else:  # a heading: enter goes on to the first scenario under it, as its note says
            event.data_table.action_cursor_down()

    def _choose(self, scenario: Scenario) -> None:
        # With results hidden, the vote screen would show them: open the prediction instead.
        hidden = self.hide_results or scenario.id in self.sealed
        predict = hidden and can_predict(scenario)
        self.post_message(self.Chosen(scenario, predict=predict))

    def _highlighted(self) -> Scenario | None:
        """The scenario on the row under the cursor now.

        Not `scenario`: keys typed fast run before the highlight message that updates it arrives,
        and 'down down p' must act on the row it landed on."""
        tables = self.query(ScenarioTable)
        if not tables or not tables.first().row_count:
            return None
        table = tables.first()
        row_key, _ = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0))
        return self.catalogue.get(str(row_key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_results":
            return not self.hide_results
        if action == "show_results":
            return self.hide_results
        return True

    def action_hide_results(self) -> None:
        self.hide_results = True

    def action_show_results(self) -> None:
        self.hide_results = False

    def watch_hide_results(self, hidden: bool) -> None:
        doing = "choose one to predict · results hidden" if hidden else "choose a scenario"
        self.sub_title = self._sub_title(doing)
        self.refresh_bindings()

    class Chosen(Message):
        """A scenario was chosen: the app opens its vote, with any votes already set on it."""

        def __init__(self, scenario: Scenario, *, predict: bool = False) -> None:
            super().__init__()
            self.scenario = scenario
            self.predict = predict
            """Straight into a prediction, over the vote, so that nothing gives the result away."""

    class AssemblyChosen(Message):
        """A General Assembly vote was chosen: the app opens its screen."""

        def __init__(self, scenario: AssemblyScenario) -> None:
            super().__init__()
            self.scenario = scenario

    def action_predict(self) -> None:
        scenario = self._highlighted()
        if scenario is None:
            return
        if not can_predict(scenario):
            self.notify(NOTHING_TO_PREDICT, title="Nothing to predict", markup=False)
            return
        self.post_message(self.Chosen(scenario, predict=True))

    def action_read_on(self, pages: int) -> None:
        self.query_one("#details", ReadingPane).read_on(pages)


def _fresh_ballot(screen: VoteScreen) -> Ballot:
    return screen.scenario.ballot()


def _count(screen: VoteScreen) -> Verdict:
    # Only a typed default: Textual calls `compute_verdict` for the first value as for every other.
    return screen.ballot.verdict


VOTE_KEYS = {Vote.IN_FAVOUR: "y", Vote.AGAINST: "n", Vote.ABSTENTION: "a", Vote.ABSENT: "x"}
"""The key for each vote, as the bindings below give them."""

MIN_SIZE = (60, 20)
"""Below this the vote screen shows only the banner and the members, and says why."""

WIDE = 80
"""From this width members are shown by name; below it, by code."""


class VoteScreen(Screen[None]):
    """The vote on one scenario's draft: members on the left, the verdict on the right.

    | Key(s) | Description |
    | :- | :- |
    | up, k / down, j | Choose a member. |
    | y / n / a / x | Vote in favour / against / abstain / absent, then move to the next member. |
    | r | Reset the votes and go back to the first member. |
    | h | Load the vote as the Council recorded it. |
    | u | Undo the last change: a vote, a reset, the record loaded. |
    | d | The same votes counted as substantive, procedural and a statement, side by side. |
    | w | What if: the fewest members whose change of votes together would flip the outcome. |
    | p | Predict the vote before seeing the record (your votes here are kept). |
    | v | Voting power: each member's share of the power to decide, today and in 1945. |
    | e | Export your work to a file to hand in. |
    | pagedown / pageup | Read on (or back) beside the members. |
    | escape | Back to the scenarios. |
    """

    AUTO_FOCUS = "#members"

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Screen types it as a list)
        (0, "-tiny-width"),
        (MIN_SIZE[0], "-narrow"),
        (WIDE, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-tiny-height"),
        (MIN_SIZE[1], "-short"),
        (24, "-normal"),
        (30, "-tall"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "vote('yes')", "Yes", tooltip="Vote in favour, then move to the next member"),
        Binding("n", "vote('no')", "No", tooltip="Vote against, then move to the next member"),
        Binding("a", "vote('abstain')", "Abstain", tooltip="Abstain, then move on"),
        Binding("x", "vote('absent')", "Absent", tooltip="Absent or not taking part, then move on"),
        # Reset and Back are in the help: at 80 columns the footer keeps the keys that teach.
        Binding("r", "reset", "Reset", show=False, tooltip="Clear every vote"),
        Binding("h", "record", "Record", tooltip="The vote as the Council recorded it"),
        Binding("u", "undo", "Undo", show=False, tooltip="Take back the last change"),
        Binding(
            "d",
            "side_by_side",
            "Rules",
            tooltip="The same votes as substantive, procedural and a statement, side by side",
        ),
        Binding(
            "w",
            "what_if",
            "What if",
            tooltip="The fewest members who, changing their votes together, would flip it",
        ),
        Binding("p", "predict", "Predict", tooltip="Predict the vote, then see the record"),
        # Power and Export are in the help too: at 80 columns the footer has no room left.
        Binding(
            "v",
            "power",
            "Power",
            show=False,
            tooltip="Each member's share of the power to decide, today and in 1945",
        ),
        Binding(
            "e", "app.export_work", "Export", show=False, tooltip="Your work, to a file to hand in"
        ),
        Binding("escape", "back", "Back", show=False, tooltip="Back to the scenarios"),
    ]

    ballot: var[Ballot] = var(Initialize(_fresh_ballot))
    """The votes cast so far. Replaced, never mutated, so that every change reaches the widgets."""

    verdict: var[Verdict] = var(Initialize(_count))
    """The outcome of `ballot`, counted by `simulator.rules`; never set directly."""

    def __init__(
        self, scenario: Scenario, work: Work | None = None, *, catalogue: Catalogue | None = None
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.work = work if work is not None else Work()
        """Where the votes are kept as they are cast, and found again when the vote reopens."""
        self.catalogue = catalogue
        """The scenarios around this one: where an amendment's draft and a draft's amendments
        are found, to say which is voted on first."""
        self._before: list[Ballot] = []
        """Earlier ballots, the latest last, for undo."""
        self.sub_title = scenario.title
        if (kept := self.work.ballot(scenario)) is not None:
            self.set_reactive(VoteScreen.ballot, kept)

    def compute_verdict(self) -> Verdict:
        return self.ballot.verdict

    def watch_ballot(self, ballot: Ballot) -> None:
        # Saved once this key's frame is drawn: the disk's wait is not the student's. Quitting,
        # exporting and leaving save what is held first, so nothing waits on the callback.
        self.work.hold(self.scenario, ballot)
        self.call_after_refresh(self._save)

    def _save(self) -> None:
        if problem := self.work.save_held():
            self.notify(
                f"{problem}. Your votes are kept while the simulator is open.",
                title="Not saved",
                severity="warning",
                markup=False,
            )

    def compose(self) -> ComposeResult:
        yield Header()
        yield ScenarioLine(self.scenario, id="scenario-line").data_bind(VoteScreen.ballot)
        link = link_words(self.catalogue, self.scenario)
        yield Static(link, id="link-line", markup=False, classes="-linked" if link else "")
        yield VerdictBanner(id="banner").data_bind(VoteScreen.verdict)
        yield Static(id="too-small", markup=False)
        with Horizontal(id="body"):
            yield MembersTable(id="members").data_bind(VoteScreen.ballot)
            with ReadingPane(id="side"):
                yield TallyPanel().data_bind(VoteScreen.verdict)
                yield ReasonPanel().data_bind(VoteScreen.verdict)
                yield PivotalPanel().data_bind(VoteScreen.ballot)
                yield ExplanationPanel().data_bind(VoteScreen.verdict)
                yield ScenarioDetails(
                    heading="The draft", catalogue=self.catalogue, id="draft"
                ).data_bind(scenario=self.scenario)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._seal()

    def on_screen_resume(self) -> None:
        self._seal()

    def _seal(self) -> None:
        """In a pack that asks for a prediction first, nothing that tells the record (the title,
        the symbol, the summary) until the student has locked one; asked again on each return."""
        sealed = not may_see_record(self, self.scenario)
        self.sub_title = prediction_title(self.scenario) if sealed else self.scenario.title
        self.query_one("#scenario-line", ScenarioLine).hide_results = sealed
        self.query_one("#draft", ScenarioDetails).hide_results = sealed
        link = link_words(self.catalogue, self.scenario, hidden=sealed)
        self.query_one("#link-line", Static).update(link)

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.members_table.compact = width < WIDE
        need_width, need_height = MIN_SIZE
        self.query_one("#too-small", Static).update(
            f"This window is {width} by {height}; the tally and the reasons need at least "
            f"{need_width} by {need_height}. The keys still work."
        )

    @property
    def members_table(self) -> MembersTable:
        return self.query_one("#members", MembersTable)

    def vote_commands(self) -> list[tuple[Vote, str]]:
        """The votes a member can give here, for the palette: the word on the key ('yes',
        'abstain', 'object'), the Council's word where it differs, and the key."""
        decision = self.scenario.decision
        commands = []
        for vote in decision.choices:
            word, label = decision.vote_word(vote), decision.vote_label(vote, short=True)
            said = word if label[:4] == word[:4] else f"{word}, {label}"
            commands.append((vote, f"{said} ({VOTE_KEYS[vote]})"))
        return commands

    def action_vote(self, word: str) -> None:
        """Cast the highlighted member's vote; a fixed vote is refused with the rules' reason."""
        table = self.members_table
        member = table.highlighted_member
        if member is None:
            return
        try:
            self._change(self.ballot.cast(member.code, Vote(word)))
        except BallotError as error:
            fixed = self.ballot.is_fixed(member)
            title = "This vote is fixed" if fixed else "Not a choice here"
            self.notify(capital(str(error)), title=title, severity="warning", markup=False)
            return
        table.advance()

    def _change(self, ballot: Ballot) -> None:
        """Replace the ballot, keeping the one before for undo, and show the reason from the top."""
        if dict(ballot.votes) != dict(self.ballot.votes):
            self._before.append(self.ballot)
        self.ballot = ballot
        self.query_one("#side", ReadingPane).scroll_home(animate=False)

    def _replace_all(self, ballot: Ballot, done: str) -> None:
        """Reset or record: every vote at once, so say how to get the student's own back."""
        had_own = not self.ballot.is_blank
        self._change(ballot)
        if had_own:
            self.notify(f"{done}: u brings back your own.", timeout=4, markup=False)

    def action_reset(self) -> None:
        self._replace_all(self.ballot.reset(), "Cleared")
        self.members_table.move_cursor(row=0, animate=False)

    def action_record(self) -> None:
        """Show the recorded vote, or say why there is none (or why not yet)."""
        if not may_see_record(self, self.scenario):
            self.notify(PREDICT_FIRST, title="Predict first", markup=False)
            return
        try:
            recorded = self.scenario.recorded_ballot()
        except BallotError as error:
            self.notify(str(error), title="Nothing on record", severity="information", markup=False)
            return
        if dict(recorded.votes) != dict(self.ballot.votes):
            self._replace_all(recorded, "The record is shown")

    def action_undo(self) -> None:
        """Take back the last change: a vote, a reset or the record loaded."""
        if self._before:
            self.ballot = self._before.pop()

    def action_side_by_side(self) -> None:
        """The votes so far under each rule: Art. 27(2) against 27(3), and a statement."""
        # Loaded when first opened, as the other screens not on the list: a quicker start.
        from simulator.compare import compare
        from simulator.ui.compare import SideBySideScreen

        self.app.push_screen(SideBySideScreen(compare(self.ballot)))

    def action_read_on(self, pages: int) -> None:
        self.query_one("#side", ReadingPane).read_on(pages)

    def action_what_if(self) -> None:
        """Open the what-if panel on the votes so far."""
        from simulator.ui.whatif import WhatIfScreen

        self.app.push_screen(WhatIfScreen(self.ballot))

    def action_power(self) -> None:
        """Each member's share of the power to decide under this vote's rule, beside the
        Councils of 1945 and today."""
        # Imported when first asked for, as the help's Markdown is: not needed to start.
        from simulator.ui.power import PowerScreen

        self.app.push_screen(PowerScreen(self.scenario, self.catalogue))

    def action_predict(self) -> None:
        """Predict this vote on a ballot of its own: the votes set here stay as they are."""
        if not can_predict(self.scenario):
            self.notify(NOTHING_TO_PREDICT, title="Nothing to predict", markup=False)
            return
        from simulator.ui.predict import prediction_screen_for

        self.app.push_screen(prediction_screen_for(self.scenario, self.work))

    def action_back(self) -> None:
        self._save()
        self.dismiss()


class StatementScreen(VoteScreen):
    """The vote screen for a press or presidential statement: agreed unless a member objects.

    | Key(s) | Description |
    | :- | :- |
    | y / n / x | Agree / object / stay silent, then move to the next member. |
    | a | Says why a statement takes no abstention. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "vote('yes')", "Agree", tooltip="Agree, then move to the next member"),
        Binding("n", "vote('no')", "Object", tooltip="Object, then move to the next member"),
        Binding("a", "vote('abstain')", "Abstain", show=False),
        Binding("x", "vote('absent')", "Silent", tooltip="Stay silent or away, then move on"),
        Binding("r", "reset", "Reset", show=False, tooltip="Clear every position"),
        Binding("h", "record", "Record", tooltip="Each member's position as reported"),
    ]


def vote_screen_for(
    scenario: Scenario, work: Work | None = None, *, catalogue: Catalogue | None = None
) -> VoteScreen:
    """The vote screen that speaks the scenario's words: a statement's, or a resolution's."""
    if scenario.decision.is_statement:
        return StatementScreen(scenario, work, catalogue=catalogue)
    return VoteScreen(scenario, work, catalogue=catalogue)


class ConfirmQuit(ModalScreen[bool]):
    """Asks before quitting would throw away votes that could not be saved, or, in a browser,
    before a stray `q` ends the page's session.

    | Key(s) | Description |
    | :- | :- |
    | y, q | Quit. |
    | n, escape | Stay. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Quit"),
        Binding("q", "answer(True)", "Quit", show=False),
        Binding("n", "answer(False)", "Stay"),
        Binding("escape", "answer(False)", "Stay", show=False),
    ]

    def __init__(self, scenarios: list[Scenario]) -> None:
        super().__init__()
        self.scenarios = scenarios
        """The scenarios whose votes quitting would lose; none in a browser with all saved."""

    def _question(self) -> str:
        if not self.scenarios:
            return (
                "Quitting ends this page's session. Your work is saved under your name: to "
                "come back to it, reload the page and give the same name."
            )
        titles = "\n".join(f"• {scenario.title}" for scenario in self.scenarios[:5])
        if len(self.scenarios) > 5:
            titles += f"\n• … and {len(self.scenarios) - 5} more"
        count = "1 scenario" if len(self.scenarios) == 1 else f"{len(self.scenarios)} scenarios"
        return (
            f"You have worked on {count}. What you set is kept only while the simulator "
            f"is open, and quitting loses it:\n{titles}"
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm") as box:
            box.border_title = "Quit?"
            yield Static(self._question(), markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("Quit (y)", variant="error", id="quit")
                yield Button("Stay (n)", variant="primary", id="stay")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")

    def action_answer(self, quit: bool) -> None:
        self.dismiss(quit)


HELP = """\
## Article 27 of the Charter

**27(1).** Each member of the Security Council has one vote.

**27(2).** Decisions on *procedural* matters need the votes of **nine** members in favour. \
There is no veto.

**27(3).** Decisions on *all other* matters need **nine** votes in favour, *including the \
concurring votes of the permanent members*; but in decisions under Chapter VI, and under \
Article 52(3), **a party to a dispute shall abstain** from voting.

**Procedural or not?** Where that is in doubt, it is itself decided by a non-procedural vote, so \
a permanent member can veto treating a question as procedural and then veto the decision itself: \
the *double veto*. Press **d** to see the same votes counted as a substantive decision, a \
procedural one and a statement, side by side.

## The veto

The five permanent members are China, France, the Russian Federation, the United Kingdom and the \
United States (Article 23(1)). When a draft has its nine votes, a permanent member voting \
**against** defeats it: that is the veto.

- **An abstention is not a veto.** The Council has treated a permanent member's abstention as no \
bar to adoption since 1946, and the International Court of Justice confirmed that practice in its \
*Namibia* advisory opinion of 1971.
- **Nor is an absence.** That rests on practice alone: in 1950 the Council adopted resolutions \
82 to 84, while the Soviet Union stayed away; the Soviet Union contested them. The \
Court has not ruled on absence.
- **A "no" on a draft without nine votes is not counted as a veto.** The draft fails for lack of \
votes, whoever voted against it.

## Statements

Press statements and presidential statements are not put to a vote: they are agreed when no member \
objects. A member may **agree**, **object**, or stay **silent** (or be away); one objection from \
any member, permanent or elected, blocks the statement.

## Amendments

An amendment to a draft is put to the vote on its own, **before** the draft, and needs the same \
votes: it can be vetoed, and without nine votes in favour it fails for lack of votes. In the \
list of scenarios an amendment is marked ↓ and comes just before the draft it amends.

## Parties to a dispute

In a decision under Chapter VI a member that is a party to the dispute abstains (Article 27(3)). \
Its vote is fixed here, and shown as *must abstain*.

## The Council of 1945

As signed in 1945, the Charter gave the Council 11 members, and a decision needed 7 votes. The \
amendment in force since 31 August 1965 enlarged it to 15, needing 9.

## The General Assembly

For contrast, the list of scenarios ends with votes of the General Assembly, counted under \
Article 18: each of the 193 members has **one vote** and **none has a veto**. A draft needs a \
majority of the members *present and voting*, or **two-thirds** of them on an important question \
(such as a recommendation on international peace and security). A member that abstains counts \
as not voting, and a tie fails. On its screen **y, n, a, x** set the highlighted regional group's \
vote, all its members at once; **enter** opens a group to vote member by member; **/** searches \
the members by name or code; **escape** clears the search, closes the group, or goes back.

## Words on the vote screen

- **Not yet voted**: the member has no vote set yet. While any member has not voted the vote is \
*open*, and the screen says what it would come to if it closed now, counting those members as \
not in favour. On a statement it reads **No position**, and such members count as silent.
- **Pivotal**: a member who could change the outcome on its own, by changing its vote while \
everyone else keeps theirs. The screen says which votes would do it, and what they would lead to \
(a veto, too few votes, adoption).
- **What if** (w): the fewest members who, changing their votes *together* while everyone else \
keeps theirs, would flip the outcome, and every group of them that could. It counts the vote as if \
it closed now, and a party to the dispute cannot change its vote.
- **Voting power** (v): every member has one vote, but not the same power. Two classic measures \
say how much of the power to decide each member holds on this vote, beside the Council of 1945 \
and today's: *Shapley-Shubik*, in how many of the orders in which the members might join a \
coalition this member is the one that makes it win, and *Banzhaf*, in how many coalitions its \
switch changes the outcome. Both treat a vote as yes or no, so they leave out that a permanent \
member's abstention is no veto.
- **Why** gives the reason in brief; **In full**, further down beside the members, explains it \
with the Charter. Below that are the draft's summary, questions to discuss and the source.

## Predict, then reveal

Press **p** on a scenario with a record to predict the vote before seeing it. Everything that \
would tell the result is hidden: the summary, the record, even its symbol. Set each member's \
vote with the same keys as above, press **o** for the outcome you expect (adopted, vetoed, too \
few votes; for a statement, agreed or blocked), **i** for a hint where the scenario has some, \
and **l** to lock. The reveal sets your votes beside the recorded ones, marked *✓ right* or \
*✗ wrong*, with your score and what you missed. A draft never put to a vote becomes a discussion: \
your votes are counted, and the sources say what happened instead. **escape** gives up a \
prediction, or leaves the reveal for the vote. On the list of scenarios, **v** hides the results \
there too (titles such as "Resolution 2712", the summaries, the records) so that a class can \
choose what to predict; **enter** then predicts, and **v** shows them again.

## Themes, and no colour

Press **ctrl+p** and choose **Change theme**: Textual's own themes, and *council-high-contrast*, \
white on black with bright yellow and cyan, for a projector in a bright room or for low vision. \
Colour is never the only sign: every vote, verdict and mark is in words or symbols (*✓ right*, \
*✗ wrong*, ★ permanent). Where the `NO_COLOR` variable is set, the simulator draws in black, \
white and greys, and the member or scenario under the cursor is shown reversed.

## Keys

| Key | Does |
| :-- | :-- |
| up, down (k, j) | choose a member; home, end: the first, the last |
| y, n, a, x | in favour, against, abstain, absent (for a statement: agree, object, silent) |
| | each vote **moves on to the next member**: to correct one, go back up first |
| r | reset the votes |
| h | load the vote as the Council recorded it |
| p | predict the vote, then see the record beside your prediction |
| o, i, l | while predicting: the outcome you expect, the next hint, lock and see the record |
| v | on the vote: each member's voting power, today and in 1945, and what it leaves out; \
on the list of scenarios: hide the results there, or show them again |
| u | undo the last change (a vote, a reset, the record loaded) |
| d | the same votes as substantive, procedural and a statement, side by side |
| w | what if: the fewest members who, changing their votes together, would flip the outcome; \
l lists every such group |
| e | export your work (votes, verdicts, scored predictions) to a file to hand in: .md, .json \
or .csv |
| pagedown, pageup | read on beside the members (or in the scenario's details) |
| tab | move between the members and the text beside them |
| escape | back to the scenarios (your votes are kept), or close this help |
| ? | this help |
| ctrl+p | the command palette: every action, the scenarios by name, Change theme |
| q | quit: your work is saved as you go (it asks first only if it could not be) |
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

    HEADING = "How the Security Council votes"
    TEXT = HELP
    """The help's title and its Markdown: the chair's and the student's helps have their own."""

    def compose(self) -> ComposeResult:
        # Imported when the help is first opened: Markdown brings its parser, a cost at start-up
        # that the list of scenarios does not need.
        from textual.widgets import Markdown

        with ReadingPane(id="help-text", note="escape to close") as pane:
            pane.border_title = self.HEADING
            yield Markdown(self.TEXT)

    def action_close(self) -> None:
        self.dismiss()
