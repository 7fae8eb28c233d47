"""Predict, then reveal: the screens where a student predicts a vote and then sees the record.

While predicting, nothing that tells the result is on screen: not the summary, the source, the
notes, the questions, nor the record's symbol. The prediction is one value, replaced on every key
(`simulator.predict.Prediction`), and the reveal is computed from it by `simulator.predict.score`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import Initialize, reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Static

from simulator.predict import (
    NO_BRIEFING,
    OUTCOME_LABELS,
    NothingToScore,
    Prediction,
    Score,
    closed,
    discussion,
    hints_of,
    is_discussion,
    prediction_title,
    score,
    score_line,
)
from simulator.rules import Ballot, BallotError, Decision, Member, Vote, capital
from simulator.scenarios import Scenario
from simulator.ui.widgets import (
    PERMANENT_MARK,
    VOTE_STYLES,
    MembersTable,
    ReadingPane,
    ScenarioDetails,
    ScenarioLine,
    long_date,
)
from simulator.work import Work

RIGHT = "✓ right"
WRONG = "✗ wrong"
"""A mark in a symbol and a word: never in colour alone."""

MIN_SIZE = (60, 20)
"""Below this the side pane goes, as on the vote screen; the keys still work."""


def _kind(decision: Decision) -> str:
    return "position" if decision.is_statement else "vote"


def _vote_words(decision: Decision, vote: Vote | None) -> Content:
    if vote is None:
        return Content.styled(f"no {_kind(decision)}", VOTE_STYLES[None])
    return Content.styled(decision.vote_label(vote, short=True), VOTE_STYLES[vote])


class PredictionBanner(Widget):
    """What the prediction still needs, in a line: members to set, and the outcome chosen."""

    prediction: reactive[Prediction | None] = reactive(None, layout=True)
    """Bound to `PredictScreen.prediction`."""

    def render(self) -> Content:
        prediction = self.prediction
        if prediction is None:
            return Content()
        decision = prediction.ballot.decision
        unset = prediction.ballot.verdict.counts.not_voted
        kind = _kind(decision)
        left = f"{unset} {kind}{'s' if unset != 1 else ''} to set" if unset else "all set"
        expected = OUTCOME_LABELS[prediction.outcome] if prediction.outcome else "not chosen (o)"
        return Content(f"PREDICTION — {left} · outcome: {expected}")


class PredictionPanel(Widget):
    """The prediction so far: what the student's own votes give, the outcome, the hints."""

    prediction: reactive[Prediction | None] = reactive(None, layout=True)
    """Bound to `PredictScreen.prediction`."""

    def __init__(self, hints: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints = hints

    def render(self) -> Content:
        prediction = self.prediction
        if prediction is None:
            return Content()
        counts = closed(prediction.ballot).verdict.counts
        decision = prediction.ballot.decision
        if decision.is_statement:
            tally = f"{counts.no} objecting"
        else:
            tally = f"{counts.yes} in favour, {prediction.ballot.required} needed"
        expected = OUTCOME_LABELS[prediction.outcome] if prediction.outcome else "not chosen yet"
        if self.hints:
            more = "(i for the next)" if prediction.hints_used < self.hints else "(all shown)"
            hints = f"{prediction.hints_used} of {self.hints} shown {more}"
        else:
            hints = "none for this scenario"
        ballot = prediction.ballot
        untouched = all(m.party_to_dispute for m in ballot.members if m.code in ballot.votes)
        if untouched:  # nothing is given yet: no outcome to read from it
            gives = Content.assemble("Your votes give: ", ("nothing yet", "bold"), " (set them)")
        else:
            gives = Content.assemble(
                "Your votes give: ", (OUTCOME_LABELS[prediction.counted], "bold"), f" ({tally})"
            )
        lines = [
            Content.styled("Your prediction", "bold"),
            gives,
            Content.assemble("Outcome you expect: ", (expected, "bold"), " (o to change)"),
            Content(f"Hints: {hints}"),
            Content.styled("l locks it and shows the record", "dim"),
        ]
        return Content("\n").join(lines)


class HintsPanel(Widget):
    """The hints shown so far, numbered, in the order the scenario gives them."""

    shown: reactive[int] = reactive(0, layout=True)
    """How many hints the student has asked for."""

    def __init__(self, hints: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints = hints

    def watch_shown(self, shown: int) -> None:
        self.display = shown > 0

    def render(self) -> Content:
        total = len(self.hints)
        parts = [
            Content.assemble((f"Hint {n} of {total}: ", "bold"), hint)
            for n, hint in enumerate(self.hints[: self.shown], start=1)
        ]
        return Content("\n").join(parts)


class BriefingPanel(Widget):
    """What a student may know before the vote: the briefing, or why there is none."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario

    def render(self) -> Content:
        brief = self.scenario.prediction
        text = brief.briefing if brief is not None else NO_BRIEFING
        parts = [Content.styled("Before the vote", "bold"), Content(text)]
        if is_discussion(self.scenario):
            parts.append(
                Content.styled(
                    "This draft never came to a vote: predict how members would have voted, "
                    "then compare with what the sources say.",
                    "italic",
                )
            )
        return Content("\n").join(parts)


def _fresh(screen: PredictScreen) -> Prediction:
    return Prediction.start(screen.scenario)


def _ballot(screen: PredictScreen) -> Ballot:
    return screen.prediction.ballot


class PredictScreen(Screen[None]):
    """Predict a vote before seeing it: each member's vote, and the outcome expected.

    | Key(s) | Description |
    | :- | :- |
    | up, k / down, j | Choose a member. |
    | y / n / a / x | Predict in favour / against / abstain / absent, then move on. |
    | o | The next outcome to expect. |
    | i | The next hint. |
    | l | Lock the prediction and see the record beside it. |
    | r | Clear the predicted votes. |
    | escape | Give up the prediction and go back. |
    """

    AUTO_FOCUS = "#members"

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Screen types it as a list)
        (0, "-tiny-width"),
        (MIN_SIZE[0], "-narrow"),
        (80, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-tiny-height"),
        (MIN_SIZE[1], "-short"),
        (24, "-normal"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "vote('yes')", "Yes", tooltip="Predict a vote in favour, then move on"),
        Binding("n", "vote('no')", "No", tooltip="Predict a vote against, then move on"),
        Binding("a", "vote('abstain')", "Abstain", tooltip="Predict an abstention, then move on"),
        Binding("x", "vote('absent')", "Absent", tooltip="Predict absence, then move on"),
        Binding("o", "outcome", "Outcome", tooltip="The next outcome to expect"),
        Binding("i", "hint", "Hint", tooltip="What the sources said before the vote"),
        Binding("l", "lock", "Lock", tooltip="Lock the prediction and see the record"),
        Binding("r", "reset", "Reset", show=False, tooltip="Clear the predicted votes"),
        Binding("h", "record", "Record", show=False),
        Binding("escape", "back", "Back", tooltip="Give up the prediction"),
    ]

    prediction: var[Prediction] = var(Initialize(_fresh))
    """The prediction so far. Replaced, never mutated."""

    ballot: var[Ballot] = var(Initialize(_ballot))
    """The predicted votes, for the members table; always `prediction.ballot`."""

    def __init__(self, scenario: Scenario, work: Work | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.work = work if work is not None else Work()
        """Where the prediction is saved, with its score, when it is locked."""
        self.hints = hints_of(scenario)
        self.sub_title = f"predict: {prediction_title(scenario)}"
        self._warned = False
        """The student was told what locking now would count as wrong; a second l locks."""

    def compute_ballot(self) -> Ballot:
        return self.prediction.ballot

    def watch_prediction(self, prediction: Prediction) -> None:
        self._warned = False
        for panel in self.query(HintsPanel):
            panel.shown = prediction.hints_used

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        yield Header()
        parts = [long_date(scenario), scenario.decision.label]
        if scenario.rules.council_size != 15:
            parts.append(f"Council of {scenario.rules.council_size}")
        title = prediction_title(scenario)
        yield Static(" · ".join([*parts, title]), id="predict-line", markup=False)
        yield PredictionBanner(id="banner").data_bind(PredictScreen.prediction)
        yield Static(id="too-small", markup=False)
        with Horizontal(id="body"):
            yield MembersTable(id="members").data_bind(PredictScreen.ballot)
            with ReadingPane(id="side"):
                yield PredictionPanel(len(self.hints)).data_bind(PredictScreen.prediction)
                yield HintsPanel(self.hints)
                yield BriefingPanel(scenario)
        yield Footer(compact=True, show_command_palette=False)

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.members_table.compact = width < 80
        self.query_one("#too-small", Static).update(
            f"This window is {width} by {height}; the prediction's details need at least "
            f"{MIN_SIZE[0]} by {MIN_SIZE[1]}. The keys still work."
        )

    @property
    def members_table(self) -> MembersTable:
        return self.query_one("#members", MembersTable)

    def action_vote(self, word: str) -> None:
        """Predict the highlighted member's vote; a vote the rules fix is refused, saying why."""
        table = self.members_table
        member = table.highlighted_member
        if member is None:
            return
        try:
            self.prediction = self.prediction.with_vote(member.code, Vote(word))
        except BallotError as error:
            self.notify(capital(str(error)), title="Not a choice here", severity="warning")
            return
        table.advance()

    def action_outcome(self) -> None:
        self.prediction = self.prediction.with_next_outcome()

    def action_hint(self) -> None:
        """The next hint, if there is one: each is counted in the score."""
        if not self.hints:
            self.notify("This scenario has no hints.", title="No hints", markup=False)
            return
        if self.prediction.hints_used >= len(self.hints):
            self.notify("That was the last hint.", title="No more hints", markup=False)
            return
        self.prediction = self.prediction.with_hint(len(self.hints))
        self.call_after_refresh(self._show_last_hint)

    def _show_last_hint(self) -> None:
        # A lock pressed straight after the hint may have taken this screen away already.
        for panel in self.query(HintsPanel):
            panel.scroll_visible(animate=False)

    def action_reset(self) -> None:
        self.prediction = self.prediction.with_ballot(self.prediction.ballot.reset())
        self.members_table.move_cursor(row=0, animate=False)

    def action_record(self) -> None:
        """The record stays hidden until the prediction is locked: that is the exercise."""
        self.notify(
            "The record is hidden while you predict: lock your prediction with l to see it.",
            title="Not yet",
            markup=False,
        )

    def action_lock(self) -> None:
        """Lock the prediction and reveal the record; first say what would count as wrong."""
        prediction = self.prediction
        unset = prediction.ballot.verdict.counts.not_voted
        if (unset or prediction.outcome is None) and not self._warned:
            missing = []
            if unset:
                missing.append(
                    f"{unset} member{'s' if unset != 1 else ''} without a "
                    f"{_kind(prediction.ballot.decision)} (each counts as wrong)"
                )
            if prediction.outcome is None:
                missing.append("no outcome chosen (o)")
            self._warned = True
            self.notify(
                f"You have {' and '.join(missing)}. Press l again to lock it as it is.",
                title="Lock now?",
                markup=False,
            )
            return
        self.app.clear_notifications()  # the 'Lock now?' warning is answered: not over the reveal
        reveal = RevealScreen(self.scenario, prediction)
        # Kept as it is locked, before the reveal: a quit straight after it loses nothing, and a
        # pack that asks for predictions first shows the record to an "h" typed at once.
        if problem := self.work.keep_prediction(self.scenario, prediction, reveal.result):
            self.notify(
                f"{problem}. The prediction is not saved.",
                title="Not saved",
                severity="warning",
                markup=False,
            )
        self.app.switch_screen(reveal)

    def action_read_on(self, pages: int) -> None:
        self.query_one("#side", ReadingPane).read_on(pages)

    def action_back(self) -> None:
        self.dismiss()


class StatementPredictScreen(PredictScreen):
    """Predicting a statement: each member agrees, objects or stays silent; no abstention.

    | Key(s) | Description |
    | :- | :- |
    | y / n / x | Agree / object / stay silent, then move on. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "vote('yes')", "Agree", tooltip="Predict agreement, then move on"),
        Binding("n", "vote('no')", "Object", tooltip="Predict an objection, then move on"),
        Binding("a", "vote('abstain')", "Abstain", show=False),
        Binding("x", "vote('absent')", "Silent", tooltip="Predict silence, then move on"),
    ]


def prediction_screen_for(scenario: Scenario, work: Work | None = None) -> PredictScreen:
    """The prediction screen in the scenario's words: a statement's, or a resolution's."""
    if scenario.decision.is_statement:
        return StatementPredictScreen(scenario, work)
    return PredictScreen(scenario, work)


class RevealTable(DataTable[Content]):
    """Each member's predicted vote beside the recorded one, marked right or wrong in words.

    | Key(s) | Description |
    | :- | :- |
    | down, j / up, k | The next / previous member. |
    | pagedown / pageup | Read on in the side pane. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next member", show=False),
        Binding("k", "cursor_up", "Previous member", show=False),
        Binding("pagedown", "screen.read_on(1)", "Read on", show=False),
        Binding("pageup", "screen.read_on(-1)", "Read back", show=False),
    ]

    def __init__(self, ballot: Ballot, result: Score | None, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", cell_padding=0, id=id)
        self.ballot = ballot
        self.result = result
        self.border_title = "Members"
        self.border_subtitle = f"{PERMANENT_MARK} permanent"

    def on_mount(self) -> None:
        decision = self.ballot.decision
        self.add_column("Code", width=5, key="code")
        self.add_column("", width=2, key="permanent")
        self.add_column("You", width=11, key="predicted")
        if self.result is None:  # never voted: nothing to set beside the student's votes
            for member in self.ballot.members:
                self.add_row(*self._head(member), self._vote(self.ballot.vote_of(member)))
            return
        self.add_column("Record", width=11, key="recorded")
        self.add_column("", width=8, key="mark")
        for mark in self.result.marks:
            right = Content.styled(RIGHT, "$text-success") if mark.right else None
            self.add_row(
                *self._head(mark.member),
                self._vote(mark.predicted),
                Content(" ") + _vote_words(decision, mark.recorded),
                Content(" ") + (right or Content.styled(WRONG, "bold $text-error")),
                key=mark.member.code,
            )

    @staticmethod
    def _head(member: Member) -> tuple[Content, Content]:
        return Content(f" {member.code}"), Content(PERMANENT_MARK if member.permanent else "")

    def _vote(self, vote: Vote | None) -> Content:
        return Content(" ") + _vote_words(self.ballot.decision, vote)


class OutcomePanel(Widget):
    """The outcome predicted beside the real one, and what the student's own votes gave."""

    def __init__(self, scenario: Scenario, prediction: Prediction, result: Score | None) -> None:
        super().__init__()
        self.scenario = scenario
        self.prediction = prediction
        self.result = result

    def render(self) -> Content:
        prediction, result = self.prediction, self.result
        expected = OUTCOME_LABELS[prediction.outcome] if prediction.outcome else "none chosen"
        lines = [Content.styled("Outcome", "bold")]
        if result is None:
            lines += [
                Content(f"You expected: {expected}"),
                Content(f"Your votes give: {OUTCOME_LABELS[prediction.counted]}"),
                Content("The record: never put to a vote"),
                Content(""),
                Content.styled("To discuss", "bold"),
                *(Content(line) for line in discussion(self.scenario, prediction)),
            ]
            return Content("\n").join(lines)
        if result.outcome_right is None:
            mark = Content("")
        elif result.outcome_right:
            mark = Content.styled(f"  {RIGHT}", "$text-success")
        else:
            mark = Content.styled(f"  {WRONG}", "bold $text-error")
        lines += [
            Content.assemble("You expected: ", (expected, "bold"), mark),
            Content.assemble("The record: ", (OUTCOME_LABELS[result.recorded_outcome], "bold")),
            Content(f"Your votes give: {OUTCOME_LABELS[result.counted_outcome]}"),
            Content(""),
            Content.styled("What you missed", "bold"),
        ]
        if result.readings:
            lines += [Content(f"• {reading}") for reading in result.readings]
        elif result.wrong:
            # The readings teach a rule; a vote misjudged that changed nothing has none to give.
            lines.append(
                Content(
                    "Only the votes marked ✗ wrong in the table; no rule of the count was missed."
                )
            )
        else:
            lines.append(Content("Nothing: every vote as recorded."))
        return Content("\n").join(lines)


class RevealScreen(Screen[None]):
    """The record beside the prediction: member by member, the outcome, the score, and now the
    whole scenario, summary and record included.

    | Key(s) | Description |
    | :- | :- |
    | pagedown / pageup | Read on (or back) beside the members. |
    | escape | Back to the vote on this scenario. |
    """

    AUTO_FOCUS = "#reveal"

    HORIZONTAL_BREAKPOINTS = PredictScreen.HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = PredictScreen.VERTICAL_BREAKPOINTS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the vote on this scenario"),
    ]

    def __init__(self, scenario: Scenario, prediction: Prediction) -> None:
        super().__init__()
        self.scenario = scenario
        self.prediction = prediction
        try:
            self.result: Score | None = score(scenario, prediction)
        except NothingToScore:  # never voted on: a discussion, not a score
            self.result = None
        self.sub_title = f"the record: {scenario.title}"

    @property
    def headline(self) -> str:
        if self.result is None:
            return "NEVER VOTED — nothing to score: compare with what the sources say"
        return f"SCORE — {score_line(self.result)}"

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        yield Header()
        line = ScenarioLine(scenario, id="scenario-line")
        if scenario.has_recorded_votes:
            line.set_reactive(ScenarioLine.ballot, scenario.recorded_ballot())
        yield line
        yield Static(self.headline, id="score", markup=False)
        with Horizontal(id="body"):
            yield RevealTable(self.prediction.ballot, self.result, id="reveal")
            with ReadingPane(id="side"):
                yield OutcomePanel(scenario, self.prediction, self.result)
                yield ScenarioDetails(scenario, id="revealed")
        yield Footer(compact=True, show_command_palette=False)

    def action_read_on(self, pages: int) -> None:
        self.query_one("#side", ReadingPane).read_on(pages)

    def action_back(self) -> None:
        self.dismiss()
