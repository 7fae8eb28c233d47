"""Widgets that show a scenario, a ballot and its verdict.

Each widget is handed its data through a reactive bound by its screen ("attributes down"); none
counts anything itself: every number and sentence comes from `simulator.rules`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable

from simulator.rules import Ballot, BallotError, Member, Reason, Verdict, Vote, capital, join_names
from simulator.scenarios import Catalogue, Scenario

VOTE_STYLES: dict[Vote | None, str] = {
    Vote.IN_FAVOUR: "$text-success",
    Vote.AGAINST: "$text-error",
    Vote.ABSTENTION: "$text-warning",
    Vote.ABSENT: "$text-primary",
    None: "dim italic",
}
"""Colour follows the vote, always beside its words: colour alone must never carry the meaning."""

NOT_VOTED = "not yet voted"
PERMANENT_MARK = "★"

_OUTCOME_WORDS = {
    Reason.ADOPTED: "adopted",
    Reason.VETOED: "veto",
    Reason.INSUFFICIENT_VOTES: "too few votes",
    Reason.OBJECTION: "blocked",
}


def long_date(scenario: Scenario) -> str:
    """'22 March 2024', without a platform-specific strftime flag."""
    return f"{scenario.date.day} {scenario.date:%B %Y}"


def vote_cell(ballot: Ballot, member: Member) -> Content:
    """A member's vote in words and colour, saying when the vote is fixed by Art. 27(3)."""
    if ballot.is_fixed(member):
        return Content.assemble(("abstains", VOTE_STYLES[Vote.ABSTENTION]), " (fixed)")
    vote = ballot.vote_of(member)
    label = ballot.decision.vote_label(vote) if vote else NOT_VOTED
    return Content.styled(label, VOTE_STYLES[vote])


class MembersTable(DataTable[Content]):
    """The Council's members, one row each, with the vote each has cast so far.

    The cursor marks the member the vote keys act on; the screen reads it through
    `highlighted_member`.

    | Key(s) | Description |
    | :- | :- |
    | down, j | The next member. |
    | up, k | The previous member. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # One footer entry stands for the four movement keys.
        Binding("down", "cursor_down", "Move", key_display="↑↓"),
        Binding("j", "cursor_down", "Next member", show=False),
        Binding("k", "cursor_up", "Previous member", show=False),
    ]

    ballot: reactive[Ballot | None] = reactive(None)
    """The ballot on screen, bound to `VoteScreen.ballot`."""

    NAME_WIDTH = 18
    """Wide enough for 'Russian Federation'; longer names end in an ellipsis."""

    def __init__(self, *, id: str | None = None) -> None:
        # Padding is written into the cells, so that the four columns fit in 43 columns.
        super().__init__(cursor_type="row", cell_padding=0, id=id)
        self.border_title = "Members"
        self.border_subtitle = f"{PERMANENT_MARK} permanent"

    def watch_ballot(self, ballot: Ballot | None) -> None:
        if ballot is None:
            return
        if [row.value for row in self.rows] != [m.code for m in ballot.members]:
            self._build(ballot)
            return
        for member in ballot.members:
            self.update_cell(member.code, "vote", self._vote(ballot, member))

    def _build(self, ballot: Ballot) -> None:
        self.clear(columns=True)
        self.add_column(" Member", width=self.NAME_WIDTH + 1, key="member")
        self.add_column(" Code", width=5, key="code")
        self.add_column("", width=2, key="permanent")
        self.add_column(" Vote", width=17, key="vote")
        for member in ballot.members:
            self.add_row(
                Content(" ") + Content(member.name).truncate(self.NAME_WIDTH, ellipsis=True),
                Content(f" {member.code}"),
                Content(f" {PERMANENT_MARK}" if member.permanent else ""),
                self._vote(ballot, member),
                key=member.code,
            )

    @staticmethod
    def _vote(ballot: Ballot, member: Member) -> Content:
        return Content(" ") + vote_cell(ballot, member)

    @property
    def highlighted_member(self) -> Member | None:
        """The member under the cursor; None while the table is empty."""
        if self.ballot is None or not self.is_valid_row_index(self.cursor_row):
            return None
        return self.ballot.members[self.cursor_row]

    def advance(self) -> None:
        """Move to the next member, as a form moves to its next field; stay on the last."""
        self.action_cursor_down()


class VerdictBanner(Widget):
    """The outcome in one line, coloured by outcome, in words that do not need the colour."""

    verdict: reactive[Verdict | None] = reactive(None, layout=True)
    """The verdict on screen, bound to `VoteScreen.verdict`."""

    def watch_verdict(self, verdict: Verdict | None) -> None:
        self.set_class(verdict is not None and verdict.adopted, "-adopted")
        self.set_class(verdict is not None and verdict.is_open, "-open")
        self.set_class(
            verdict is not None and not (verdict.adopted or verdict.is_open), "-not-adopted"
        )

    def render(self) -> Content:
        return Content(self.verdict.headline if self.verdict else "")


class TallyPanel(Widget):
    """How many members cast each vote, beside the number the draft needs.

    Two columns, so that the explanation below stays on screen at 80x24.
    """

    verdict: reactive[Verdict | None] = reactive(None, layout=True)
    """The verdict on screen, bound to `VoteScreen.verdict`."""

    def render(self) -> Content:
        verdict = self.verdict
        if verdict is None:
            return Content()
        counts = verdict.counts

        def cell(vote: Vote | None, label: str, n: int, width: int) -> Content:
            return Content.assemble((f"{label:<{width}}", VOTE_STYLES[vote]), f"{n:>3}")

        rows = [
            (Vote.IN_FAVOUR, Vote.ABSTENTION),
            (Vote.AGAINST, Vote.ABSENT),
        ]
        lines = [
            cell(left, capital(verdict.decision.vote_label(left)), counts.of(left), 13)
            + Content("  ")
            + cell(right, capital(verdict.decision.vote_label(right)), counts.of(right), 10)
            for left, right in rows
        ]
        lines.append(
            cell(None, NOT_VOTED.capitalize(), counts.not_voted, 13)
            + Content("  ")
            + Content.assemble((f"{'Needed':<10}", "bold"), f"{verdict.required:>3}")
        )
        heading = Content.styled("Tally", "bold")
        if verdict.decision.is_statement:
            heading += Content.styled(" · all must agree", "dim")
        return Content("\n").join([heading, *lines])


class ExplanationPanel(Widget):
    """Why the verdict is what it is, in the words of `Verdict.explanation`."""

    verdict: reactive[Verdict | None] = reactive(None, layout=True)
    """The verdict on screen, bound to `VoteScreen.verdict`."""

    def render(self) -> Content:
        if self.verdict is None:
            return Content()
        return Content.assemble(("Why", "bold"), "\n", self.verdict.explanation)


def _or(words: list[str]) -> str:
    """'against', 'against or absent', 'against, abstention or absent'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


class PivotalPanel(Widget):
    """The members whose single change of vote would flip the outcome, and what it would do."""

    verdict: reactive[Verdict | None] = reactive(None, layout=True)
    """The verdict on screen, bound to `VoteScreen.verdict`."""

    def render(self) -> Content:
        verdict = self.verdict
        if verdict is None:
            return Content()
        heading = Content.styled("Pivotal", "bold")
        if not verdict.pivotal:
            return heading + Content("\nNo single change of vote would change the outcome.")
        # Members whose flips read the same are listed together, so 15 members fit a few lines.
        groups: dict[str, list[Member]] = {}
        for member in verdict.pivotal_members:
            groups.setdefault(self._flips(verdict, member), []).append(member)
        lines = [
            Content.assemble(
                (capital(join_names(m.display_name for m in members)), "bold"), f": {flips}"
            )
            for flips, members in groups.items()
        ]
        if verdict.is_open:
            intro = "If the vote closed now, one change flips it:"
        else:
            intro = "One change of vote flips it:"
        return Content("\n").join([heading, Content(intro), *lines])

    @staticmethod
    def _flips(verdict: Verdict, member: Member) -> str:
        """'against → veto; abstention or absent → too few votes'."""
        outcomes: dict[str, list[str]] = {}
        for pivot in verdict.pivotal:
            if pivot.member == member:
                word = _OUTCOME_WORDS.get(pivot.outcome, pivot.outcome.value)
                outcomes.setdefault(word, []).append(verdict.decision.vote_label(pivot.vote))
        return "; ".join(f"{_or(labels)} → {word}" for word, labels in outcomes.items())


class ScenarioLine(Widget):
    """The scenario's date and kind of decision, and whether the record's votes are on screen."""

    ballot: reactive[Ballot | None] = reactive(None)
    """The ballot on screen, bound to `VoteScreen.ballot`."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        try:
            self._recorded: dict[str, Vote] | None = dict(scenario.recorded_ballot().votes)
        except BallotError:  # never voted on
            self._recorded = None

    def render(self) -> Content:
        scenario = self.scenario
        parts = [long_date(scenario), scenario.decision.label]
        if scenario.record is not None and scenario.record.symbol:
            parts.append(scenario.record.symbol)
        if scenario.rules.council_size != 15:
            parts.append(f"Council of {scenario.rules.council_size}")
        line = Content(" · ".join(parts))
        if self.ballot is not None and dict(self.ballot.votes) == self._recorded:
            line += Content.styled(" · the recorded vote", "bold $text-accent")
        return line


class ScenarioTable(DataTable[Content]):
    """The scenarios of a catalogue: date, title and kind of decision, one row each.

    Titles are cut to the width available, so the table never scrolls sideways.

    | Key(s) | Description |
    | :- | :- |
    | enter | Open the highlighted scenario. |
    | down, j / up, k | The next / previous scenario. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open"),
        Binding("j", "cursor_down", "Next", show=False),
        Binding("k", "cursor_up", "Previous", show=False),
    ]

    def __init__(self, catalogue: Catalogue, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.catalogue = catalogue
        self._title_width = 0
        self._kind_width = max((len(s.decision.label) for s in catalogue), default=8)

    def _build(self, title_width: int) -> None:
        row = self.cursor_row
        self.clear(columns=True)
        self.add_column("Date", width=10, key="date")
        self.add_column("Title", width=title_width, key="title")
        self.add_column("Decision", width=self._kind_width, key="decision")
        for scenario in self.catalogue:
            self.add_row(
                Content(scenario.date.isoformat()),
                Content(scenario.title).truncate(title_width, ellipsis=True),
                Content.styled(scenario.decision.label, "dim"),
                key=scenario.id,
            )
        if self.is_valid_row_index(row):
            self.move_cursor(row=row, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        # Date, decision and the padding of three columns, and room for a scrollbar.
        width = max(8, event.size.width - 10 - self._kind_width - 3 * 2 * self.cell_padding - 2)
        if width != self._title_width:
            self._title_width = width
            self._build(width)


class ScenarioDetails(Widget):
    """Everything a scenario file says about its draft, before the vote is opened."""

    scenario: reactive[Scenario | None] = reactive(None, layout=True)
    """The highlighted scenario, bound to `PickerScreen.scenario`."""

    def render(self) -> Content:
        scenario = self.scenario
        if scenario is None:
            return Content()
        parts: list[Content] = [
            Content.styled(scenario.title, "bold"),
            Content.styled(
                f"{long_date(scenario)} · {scenario.decision.label} · "
                f"Council of {scenario.rules.council_size}",
                "dim",
            ),
            Content(""),
            Content(scenario.summary),
            Content(""),
            self._record(scenario),
        ]
        if scenario.notes:
            parts += [Content(""), Content.assemble(("Notes: ", "bold"), scenario.notes)]
        if scenario.questions:
            parts += [Content(""), Content.styled("Questions", "bold")]
            parts += [Content(f"• {question}") for question in scenario.questions]
        parts += [Content(""), Content.assemble(("Source: ", "bold"), scenario.source)]
        return Content("\n").join(parts)

    @staticmethod
    def _record(scenario: Scenario) -> Content:
        record = scenario.record
        if record is None:
            return Content.assemble(("Record: ", "bold"), "none (no vote on record)")
        outcome = record.outcome.label
        symbol = f", draft {record.symbol}" if record.symbol else ""
        line = Content.assemble(("Record: ", "bold"), f"{outcome}{symbol}")
        if record.note:
            line += Content(f". {record.note}")
        return line
