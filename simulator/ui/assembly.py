"""The General Assembly's vote screen: 193 members, set a regional group at a time, then by member.

The screen owns its `AssemblyBallot` and replaces it on every vote, as the Council's vote screen
does; the verdict is counted from it by `simulator.assembly` and bound down to the widgets. One
table shows either the five regional groups, with how each has voted, or members: those of a
group opened with enter, or those the search box finds.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.reactive import Initialize, reactive, var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from simulator.assembly import (
    AssemblyBallot,
    AssemblyVerdict,
    MemberState,
    RegionalGroup,
    reason_in_brief,
)
from simulator.rules import BallotError, Counts, Vote, capital
from simulator.scenarios import AssemblyScenario
from simulator.ui.widgets import (
    NOT_VOTED,
    VOTE_STYLES,
    FittedPanel,
    ReadingPane,
    fitted_name,
    mark_outcome,
)

GROUP_ROW = "group:"
"""The prefix of a group's row key; a member's row is keyed by its code."""

MIN_SIZE = (60, 20)
"""Below this the screen shows the banner and the table only, and says why."""

SEARCH_PLACEHOLDER = "/ to search the 193 members by name or code"


def assembly_line(scenario: AssemblyScenario) -> str:
    """'20 May 2021 · General Assembly · important question: two-thirds'."""
    majority = (
        "important question: two-thirds (Art. 18(2))"
        if scenario.important
        else "a majority (Art. 18(3))"
    )
    return f"{scenario.date.day} {scenario.date:%B %Y} · General Assembly · {majority}"


class AssemblyBanner(FittedPanel):
    """The outcome in one line, coloured by outcome, in words that do not need the colour."""

    verdict: reactive[AssemblyVerdict | None] = reactive(None, repaint=False)
    """The verdict on screen, bound to `AssemblyScreen.verdict`."""

    def watch_verdict(self, verdict: AssemblyVerdict | None) -> None:
        mark_outcome(self, verdict)
        self.refit()

    def shown(self) -> object:
        return self.verdict

    def text(self) -> Content:
        return Content(self.verdict.headline if self.verdict else "")


class AssemblyTally(FittedPanel):
    """How many members cast each vote, and how many in favour the question needs."""

    verdict: reactive[AssemblyVerdict | None] = reactive(None, repaint=False)

    def watch_verdict(self) -> None:
        self.refit()

    def shown(self) -> object:
        return self.verdict

    def text(self) -> Content:
        verdict = self.verdict
        if verdict is None:
            return Content()
        counts = verdict.counts

        def cell(vote: Vote | None, label: str, n: int) -> Content:
            return Content.assemble((f"{label:<14}", VOTE_STYLES[vote]), f"{n:>3}")

        heading = Content.styled("Tally", "bold")
        lines = [
            cell(Vote.IN_FAVOUR, "In favour", counts.yes),
            cell(Vote.AGAINST, "Against", counts.no),
            cell(Vote.ABSTENTION, "Abstention", counts.abstain),
            cell(Vote.ABSENT, "Absent", counts.absent),
            cell(None, capital(NOT_VOTED), counts.not_voted),
            # With nobody voting yes or no, no number is needed yet: the line below says so.
            Content.assemble(
                (f"{'Needed':<14}", "bold"), f"{verdict.required:>3}" if verdict.voting else "  —"
            ),
            Content.styled(needed_of(verdict), "dim"),
        ]
        return Content("\n").join([heading, *lines])


ASSEMBLY_TITLE = "UN General Assembly"
"""The header's title on the Assembly's screen."""


def needed_of(verdict: AssemblyVerdict) -> str:
    """What the number needed is taken of: '(2/3 of 134 voting)'."""
    share = "2/3" if verdict.important else "majority"
    if not verdict.voting:
        return f"({share} of those voting: none yet)"
    return f"({share} of {verdict.voting} voting)"


class AssemblyReasonPanel(FittedPanel):
    """The verdict's reason in brief, then in full: the rule, who counts, and no veto."""

    verdict: reactive[AssemblyVerdict | None] = reactive(None, repaint=False)

    def watch_verdict(self) -> None:
        self.refit()

    def shown(self) -> object:
        return self.verdict

    def text(self) -> Content:
        verdict = self.verdict
        if verdict is None:
            return Content()
        return Content("\n").join(
            [
                Content.styled("Why", "bold"),
                Content(reason_in_brief(verdict)),
                Content(""),
                Content.styled("In full", "bold"),
                Content(verdict.explanation),
            ]
        )


def _details(scenario: AssemblyScenario) -> Content:
    """The scenario's own words: summary, record, notes, questions and source."""
    parts = [Content(scenario.summary), Content("")]
    record = scenario.record
    if record is None:
        parts.append(Content.assemble(("Record: ", "bold"), "none (no vote on record)"))
    else:
        symbol = f", {record.symbol}" if record.symbol else ""
        note = f". {record.note}" if record.note else ""
        parts.append(
            Content.assemble(("Record: ", "bold"), f"{record.outcome.label}{symbol}{note}")
        )
    if scenario.notes:
        parts += [Content(""), Content.assemble(("Notes: ", "bold"), scenario.notes)]
    if scenario.questions:
        parts += [Content(""), Content.styled("Questions", "bold")]
        parts += [Content(f"• {question}") for question in scenario.questions]
    parts += [Content(""), Content.assemble(("Source: ", "bold"), scenario.source)]
    return Content("\n").join(parts)


def _vote_cell(vote: Vote | None) -> Content:
    return Content.styled(vote.label if vote else NOT_VOTED, VOTE_STYLES[vote])


class AssemblyTable(DataTable[Content]):
    """The regional groups with their votes, or members with theirs.

    | Key(s) | Description |
    | :- | :- |
    | enter | Open the highlighted group's members. |
    | down, j / up, k | The next / previous row. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Members", show=False),
        Binding("j", "cursor_down", "Next", show=False),
        Binding("k", "cursor_up", "Previous", show=False),
    ]

    ballot: reactive[AssemblyBallot | None] = reactive(None, repaint=False)
    """The votes shown, bound to `AssemblyScreen.ballot`."""

    group: reactive[str] = reactive("")
    """The group whose members are shown; empty for the groups themselves."""

    search_text: reactive[str] = reactive("")
    """What the search box holds: members matching it are shown, whatever `group` says."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self._rows: tuple[str, ...] = ()
        """The key of each row, in order: `group:<id>` or a member's code."""

    @property
    def showing_groups(self) -> bool:
        return not self.group and not self.search_text.strip()

    def members_shown(self) -> tuple[MemberState, ...]:
        ballot = self.ballot
        if ballot is None:
            return ()
        if self.search_text.strip():
            return ballot.assembly.search(self.search_text)
        if self.group:
            return ballot.assembly.group(self.group).members
        return ()

    def watch_group(self) -> None:
        self._build()

    def watch_search_text(self) -> None:
        self._build()

    def watch_ballot(self, before: AssemblyBallot | None, ballot: AssemblyBallot | None) -> None:
        # A new ballot changes cells, not rows: update them in place, and keep the cursor.
        if before is None or not self._rows:
            self._build()
        else:
            self._update_cells()

    def _build(self) -> None:
        ballot = self.ballot
        if ballot is None:
            return
        self.clear(columns=True)
        if self.showing_groups:
            self.add_column("Group", width=19, key="name")
            for label, key in (
                ("yes", "yes"),
                ("no", "no"),
                ("abst.", "abstain"),
                ("absent", "absent"),
                ("to vote", "open"),
            ):
                self.add_column(label, width=len(label), key=key)
            for group in ballot.assembly.groups:
                self.add_row(*self._group_cells(group), key=GROUP_ROW + group.id)
            self._rows = tuple(GROUP_ROW + g.id for g in ballot.assembly.groups)
        else:
            self.add_column("Code", width=4, key="code")
            self.add_column("Member", width=24, key="name")
            self.add_column("Vote", width=len(NOT_VOTED), key="vote")
            members = self.members_shown()
            for member in members:
                self.add_row(
                    Content(member.code),
                    Content(fitted_name(member, 24)),
                    _vote_cell(ballot.vote_of(member)),
                    key=member.code,
                )
            self._rows = tuple(m.code for m in members)
        self._title()

    def _group_cells(self, group: RegionalGroup) -> list[Content]:
        assert self.ballot is not None
        counts: Counts = self.ballot.counts_of(group.members)
        numbers = [
            (counts.yes, Vote.IN_FAVOUR, 3),
            (counts.no, Vote.AGAINST, 2),
            (counts.abstain, Vote.ABSTENTION, 5),
            (counts.absent, Vote.ABSENT, 6),
            (counts.not_voted, None, 7),
        ]
        return [
            Content(group.short_name),
            *(Content.styled(f"{n:>{width}}", VOTE_STYLES[vote]) for n, vote, width in numbers),
        ]

    def _update_cells(self) -> None:
        ballot = self.ballot
        assert ballot is not None
        if self.showing_groups:
            for group in ballot.assembly.groups:
                cells = self._group_cells(group)
                for key, cell in zip(
                    ("yes", "no", "abstain", "absent", "open"), cells[1:], strict=True
                ):
                    self.update_cell(GROUP_ROW + group.id, key, cell)
        else:
            for code in self._rows:
                member = ballot.assembly.member(code)
                self.update_cell(code, "vote", _vote_cell(ballot.vote_of(member)))

    def _title(self) -> None:
        """The border says what the table shows, and how to get back."""
        ballot = self.ballot
        if ballot is None:
            return
        if self.search_text.strip():
            found = len(self._rows)
            self.border_title = f"{found} found" if found != 1 else "1 found"
            self.border_subtitle = "escape: clear the search"
        elif self.group:
            group = ballot.assembly.group(self.group)
            self.border_title = f"{group.name} ({len(group.members)})"
            self.border_subtitle = "escape: back to the groups"
        else:
            self.border_title = "Regional groups"
            self.border_subtitle = "enter: a group's members"

    @property
    def highlighted_key(self) -> str | None:
        if not self.row_count or not self.is_valid_row_index(self.cursor_row):
            return None
        row_key, _ = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0))
        return str(row_key.value)

    def advance(self) -> None:
        """On to the next row, as each vote does on the Council's screen."""
        if self.cursor_row < self.row_count - 1:
            self.move_cursor(row=self.cursor_row + 1)


def _fresh_ballot(screen: AssemblyScreen) -> AssemblyBallot:
    return screen.scenario.ballot()


def _count(screen: AssemblyScreen) -> AssemblyVerdict:
    # Only a typed default: Textual calls `compute_verdict` for the first value as for every other.
    return screen.ballot.verdict


class AssemblyScreen(Screen[None]):
    """A vote of the General Assembly: regional groups or members on the left, the verdict on
    the right.

    | Key(s) | Description |
    | :- | :- |
    | y / n / a / x | In favour, against, abstain, absent: the highlighted group or member. |
    | enter | Open the highlighted group's members. |
    | / | Search the members by name or code. |
    | r | Reset the votes. |
    | u | Undo the last change. |
    | h | Load the vote as the Assembly recorded it. |
    | escape | Clear the search, close a group, or go back to the scenarios. |
    """

    AUTO_FOCUS = "#assembly-table"

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny-width"), (MIN_SIZE[0], "-narrow")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-tiny-height"), (MIN_SIZE[1], "-short"), (24, "-normal")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "vote('yes')", "Yes", tooltip="In favour: the highlighted group or member"),
        Binding("n", "vote('no')", "No", tooltip="Against: the highlighted group or member"),
        Binding("a", "vote('abstain')", "Abstain", tooltip="Abstain: not counted as voting"),
        Binding("x", "vote('absent')", "Absent", tooltip="Absent or not voting"),
        Binding("slash", "search", "Search", key_display="/", tooltip="Find members"),
        Binding("h", "record", "Record", tooltip="The vote as the Assembly recorded it"),
        Binding("r", "reset", "Reset", show=False, tooltip="Clear every vote"),
        Binding("u", "undo", "Undo", show=False, tooltip="Take back the last change"),
        # Back is in each table's border: the footer keeps the keys that vote.
        Binding(
            "escape", "back", "Back", show=False, tooltip="Clear the search, close a group, leave"
        ),
    ]

    ballot: var[AssemblyBallot] = var(Initialize(_fresh_ballot))
    """The votes cast so far. Replaced, never mutated, so that every change reaches the widgets."""

    verdict: var[AssemblyVerdict] = var(Initialize(_count))
    """The outcome of `ballot` under Article 18; never set directly."""

    group: var[str] = var("")
    """The regional group opened, by id; empty while the groups are shown."""

    search_text: var[str] = var("")
    """The search box's text."""

    def __init__(
        self, scenario: AssemblyScenario, kept: dict[str, AssemblyBallot] | None = None
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.kept = kept if kept is not None else {}
        """Each Assembly scenario's votes by id, kept while the app runs (not saved to disk):
        leaving and coming back finds them again."""
        self._before: list[AssemblyBallot] = []
        """Earlier ballots, the latest last, for undo."""
        self.title = ASSEMBLY_TITLE  # the app's own title names the Security Council
        self.sub_title = scenario.title
        if (ballot := self.kept.get(scenario.id)) is not None:
            self.set_reactive(AssemblyScreen.ballot, ballot)

    def watch_ballot(self, ballot: AssemblyBallot) -> None:
        self.kept[self.scenario.id] = ballot

    def compute_verdict(self) -> AssemblyVerdict:
        return self.ballot.verdict

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(assembly_line(self.scenario), id="assembly-line", markup=False)
        yield AssemblyBanner(id="assembly-banner").data_bind(AssemblyScreen.verdict)
        yield Static(id="assembly-too-small", markup=False)
        with Horizontal(id="assembly-body"):
            with Vertical(id="assembly-left"):
                yield Input(placeholder=SEARCH_PLACEHOLDER, id="assembly-search", compact=True)
                yield AssemblyTable(id="assembly-table").data_bind(
                    AssemblyScreen.ballot, AssemblyScreen.group, AssemblyScreen.search_text
                )
            with ReadingPane(id="assembly-side"):
                yield AssemblyTally().data_bind(AssemblyScreen.verdict)
                yield AssemblyReasonPanel().data_bind(AssemblyScreen.verdict)
                yield Static(_details(self.scenario), id="assembly-details", markup=False)
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        need_width, need_height = MIN_SIZE
        self.query_one("#assembly-too-small", Static).update(
            f"This window is {width} by {height}; the tally and the reasons need at least "
            f"{need_width} by {need_height}. The keys still work."
        )

    @property
    def table(self) -> AssemblyTable:
        return self.query_one("#assembly-table", AssemblyTable)

    @on(Input.Changed, "#assembly-search")
    def _search(self, event: Input.Changed) -> None:
        self.search_text = event.value

    @on(Input.Submitted, "#assembly-search")
    def _searched(self) -> None:
        self.table.focus()

    @on(DataTable.RowSelected, "#assembly-table")
    def _open_group(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        if key.startswith(GROUP_ROW):
            self.group = key.removeprefix(GROUP_ROW)
            self.table.move_cursor(row=0, animate=False)

    def action_search(self) -> None:
        self.query_one("#assembly-search", Input).focus()

    def action_vote(self, word: str) -> None:
        """The highlighted group's vote, for all its members, or one member's; then move on."""
        key = self.table.highlighted_key
        if key is None:
            return
        vote = Vote(word)
        if key.startswith(GROUP_ROW):
            self._change(self.ballot.cast_group(key.removeprefix(GROUP_ROW), vote))
        else:
            self._change(self.ballot.cast(key, vote))
        self.table.advance()

    def _change(self, ballot: AssemblyBallot) -> None:
        if dict(ballot.votes) != dict(self.ballot.votes):
            self._before.append(self.ballot)
        self.ballot = ballot

    def action_reset(self) -> None:
        self._change(self.ballot.reset())

    def action_undo(self) -> None:
        if self._before:
            self.ballot = self._before.pop()

    def action_record(self) -> None:
        """Show the recorded vote, or say that there is none."""
        try:
            recorded = self.scenario.recorded_ballot()
        except BallotError as error:
            self.notify(str(error), title="Nothing on record", severity="information", markup=False)
            return
        self._change(recorded)

    def action_back(self) -> None:
        """Clear the search, else close the group, else go back to the scenarios."""
        search = self.query_one("#assembly-search", Input)
        if self.search_text:
            search.value = ""
            self.search_text = ""
            self.table.focus()
        elif self.group:
            opened = self.group
            self.group = ""
            ids = [g.id for g in self.ballot.assembly.groups]
            self.table.move_cursor(row=ids.index(opened), animate=False)
        elif self.focused is search:
            self.table.focus()
        else:
            self.dismiss()
