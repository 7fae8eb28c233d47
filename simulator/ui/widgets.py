"""Widgets that show a scenario, a ballot and its verdict.

Each widget is handed its data through a reactive bound by its screen ("attributes down"); none
counts anything itself: every number comes from `simulator.rules`, every sentence from
`simulator.explain`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol, Self

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import Reactive, reactive, var
from textual.widget import Widget
from textual.widgets import DataTable, Static

from simulator.explain import pivotal_lines, reason_in_brief
from simulator.packs import Pack
from simulator.predict import NO_BRIEFING, prediction_title
from simulator.rules import Ballot, BallotError, Decision, Member, Verdict, Vote, capital
from simulator.scenarios import AssemblyScenario, Catalogue, Scenario

if TYPE_CHECKING:
    from simulator.assembly import MemberState

VOTE_STYLES: dict[Vote | None, str] = {
    Vote.IN_FAVOUR: "$text-success",
    Vote.AGAINST: "$text-error",
    Vote.ABSTENTION: "$text-warning",
    Vote.ABSENT: "$text-primary",
    None: "dim italic",
}
"""Colour follows the vote, always beside its words: colour alone must never carry the meaning."""

NOT_VOTED = "not yet voted"
NO_POSITION = "no position"
"""A statement's member that has not yet said whether it agrees."""
FIXED = "must abstain"
"""A party to the dispute, whose vote Art. 27(3) fixes."""
PERMANENT_MARK = "★"


def long_date(scenario: Scenario) -> str:
    """'22 March 2024', without a platform-specific strftime flag."""
    return f"{scenario.date.day} {scenario.date:%B %Y}"


NO_RECORD_TO_PREDICT = "No record: there is nothing to predict here. Enter opens the vote."


def link_words(catalogue: Catalogue | None, scenario: Scenario, *, hidden: bool = False) -> str:
    """What an amendment amends, or a draft's amendments: each was voted on before its draft.

    `hidden` names them by the titles a prediction uses, which do not tell the result."""
    if catalogue is None:
        return ""
    title = prediction_title if hidden else (lambda other: other.title)
    draft = catalogue.draft_of(scenario)
    if draft is not None:
        return f"Amends the draft voted after it: {title(draft)}"
    amendments = catalogue.amendments_to(scenario)
    if not amendments:
        return ""
    voted = "Amendment voted first" if len(amendments) == 1 else "Amendments voted first"
    return f"{voted}: {'; '.join(title(a) for a in amendments)}"


def lay_out_if_resized(widget: Widget) -> None:
    """Ask for a layout only if the widget's new text has another height at its width: a layout
    draws the whole screen again, where most changes of words need only a repaint."""
    width, height = widget.content_size
    if not width or widget.get_content_height(widget.container_size, widget.app.size, width) != (
        height
    ):
        widget.refresh(repaint=False, layout=True)


def say(static: Static, words: str) -> None:
    """Show these words: a repaint, and a layout only if their height differs; nothing if they
    are there already. `Static.update` lays the whole screen out again even for the same
    words, and a class session's screens show each vote of the class."""
    if static.content == words:
        return
    static.update(words, layout=False)
    lay_out_if_resized(static)


def not_voted_label(decision: Decision) -> str:
    return NO_POSITION if decision.is_statement else NOT_VOTED


def vote_cell(ballot: Ballot, member: Member) -> Content:
    """A member's vote in words and colour, saying when the vote is fixed by Art. 27(3)."""
    if ballot.is_fixed(member):
        return Content.styled(FIXED, VOTE_STYLES[Vote.ABSTENTION])
    vote = ballot.vote_of(member)
    label = (
        ballot.decision.vote_label(vote, short=True) if vote else not_voted_label(ballot.decision)
    )
    return Content.styled(label, VOTE_STYLES[vote])


def fitted_name(member: Member | MemberState, width: int) -> str:
    """The member's name if it fits, else its short form, else whole words and an ellipsis."""
    for name in (member.name, member.short_name):
        if name and len(name) <= width:
            return name
    words = member.name.split()
    cut = ""
    for word in words:
        if len(f"{cut} {word}".strip()) > width - 1:
            break
        cut = f"{cut} {word}".strip()
    return f"{cut}…" if cut else member.code


class MembersTable(DataTable[Content]):
    """The Council's members, one row each, with the vote each has cast so far.

    The cursor marks the member the vote keys act on; the screen reads it through
    `highlighted_member`. Where the screen is narrow, members are shown by code.

    | Key(s) | Description |
    | :- | :- |
    | down, j | The next member. |
    | up, k | The previous member. |
    | home / end | The first / last member. |
    | pagedown / pageup | Read on in the side pane (the screen's action). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # The arrows need no footer entry: the screens' own keys need the room at 80 columns.
        Binding("down", "cursor_down", "Move", key_display="↑↓", show=False),
        Binding("j", "cursor_down", "Next member", show=False),
        Binding("k", "cursor_up", "Previous member", show=False),
        Binding("home", "scroll_top", "First member", show=False),
        Binding("end", "scroll_bottom", "Last member", show=False),
        # All fifteen members fit: the page keys read on in the side pane instead.
        Binding("pagedown", "screen.read_on(1)", "Read on", show=False),
        Binding("pageup", "screen.read_on(-1)", "Read back", show=False),
    ]

    ballot: var[Ballot | None] = var(None)
    """The ballot on screen, bound to `VoteScreen.ballot`. A var: a new ballot redraws only
    the rows whose votes changed (`watch_ballot`), not the whole table."""

    compact: reactive[bool] = reactive(False)
    """Members by code alone, for narrow screens; set by the screen."""

    NAME_WIDTH = 21
    """Wide enough for 'United Arab Emirates'; longer names use their short form."""

    VOTE_WIDTH = 13
    """Wide enough for 'not yet voted'."""

    def __init__(self, *, id: str | None = None) -> None:
        # Padding is written into the cells, so that the columns fit in 43 columns.
        super().__init__(cursor_type="row", cell_padding=0, show_header=False, id=id)
        self.border_title = "Members"
        self.border_subtitle = f"{PERMANENT_MARK} permanent"

    def watch_ballot(self, before: Ballot | None, ballot: Ballot | None) -> None:
        if ballot is None:
            return
        if [row.value for row in self.rows] != [m.code for m in ballot.members]:
            self._build(ballot)
            return
        # Only the votes that changed, and only their rows redrawn: a key changes one vote.
        for row, member in enumerate(ballot.members):
            if (
                before is None
                or before.vote_of(member) is not ballot.vote_of(member)
                or before.is_fixed(member) != ballot.is_fixed(member)
            ):
                self._only_row = row
                try:
                    self.update_cell(member.code, "vote", self._vote(ballot, member))
                finally:
                    self._only_row = None

    _only_row: int | None = None
    """While a vote's cell is updated, the one row to redraw (see `refresh`)."""

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        """`DataTable.update_cell` redraws the whole table, every row rendered again, where a
        vote changes one row: then only that row is redrawn. Any other refresh is the table's."""
        if self._only_row is not None and not (regions or layout or recompose):
            return self.refresh_row(self._only_row)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_resize(self) -> None:
        # A banner that wraps to two lines takes a row: the member being voted on stays in view.
        self.call_after_refresh(self._show_cursor)

    def _show_cursor(self) -> None:
        self.move_cursor(row=self.cursor_row, animate=False)

    def watch_compact(self) -> None:
        if self.ballot is not None:
            self._build(self.ballot)

    def _build(self, ballot: Ballot) -> None:
        # Said where the student looks: each vote key moves the cursor on to the next member.
        kind = "position" if ballot.decision.is_statement else "vote"
        hint = "" if self.compact else f" · a {kind} moves on ↓"
        self.border_subtitle = f"{PERMANENT_MARK} permanent{hint}"
        row = self.cursor_row
        self.clear(columns=True)
        if not self.compact:
            self.add_column("Member", width=self.NAME_WIDTH + 1, key="member")
        self.add_column("Code", width=5, key="code")
        self.add_column("", width=2, key="permanent")
        self.add_column("Vote", width=self.VOTE_WIDTH + 1, key="vote")
        for member in ballot.members:
            cells = [
                Content(f" {member.code}"),
                Content(f" {PERMANENT_MARK}" if member.permanent else ""),
                self._vote(ballot, member),
            ]
            if not self.compact:
                cells.insert(0, Content(f" {fitted_name(member, self.NAME_WIDTH)}"))
            self.add_row(*cells, key=member.code)
        if self.is_valid_row_index(row):
            self.move_cursor(row=row, animate=False)

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


class FittedPanel(Widget):
    """An auto-height panel whose text changes with each vote.

    A reactive with `layout=True` lays the whole screen out again on every change; most votes
    change a panel's words but not its number of lines, and then a repaint is enough. So the
    panels' reactives only repaint, and `refit` asks for a layout when the height changes.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=False)
    """Set by the layout itself: Textual's own (`layout=True`) would lay the screen out a second
    time, and draw a second frame, after every layout that changed this panel's height."""

    def refit(self) -> None:
        """Repaint; lay out again only if the new text's height at this width differs."""
        self.refresh()
        lay_out_if_resized(self)

    _drawn: tuple[object, Content] | None = None
    """The text last built, with what it was built from."""

    def shown(self) -> object:
        """What the text is built from: the panel's verdict or ballot."""
        raise NotImplementedError

    def text(self) -> Content:
        """The panel's text, built from `shown`."""
        raise NotImplementedError

    def render(self) -> Content:
        # Built once for each verdict: `refit` measures the text, and the layout it may ask for
        # renders it again, which then finds the text and its height at this width made.
        shown = self.shown()
        if self._drawn is None or self._drawn[0] is not shown:
            self._drawn = (shown, self.text())
        return self._drawn[1]


class Outcome(Protocol):
    """What a banner's colour says of a verdict, the Council's or the Assembly's."""

    @property
    def adopted(self) -> bool: ...

    @property
    def is_open(self) -> bool: ...


def mark_outcome(banner: Widget, verdict: Outcome | None) -> None:
    """Set the banner's class for the outcome (`-adopted`, `-open` or `-not-adopted`), the
    colours restyled once, not once for each class (each restyle applies the CSS)."""
    classes = {
        "-adopted": verdict is not None and verdict.adopted,
        "-open": verdict is not None and verdict.is_open,
        "-not-adopted": verdict is not None and not (verdict.adopted or verdict.is_open),
    }
    changed = [name for name, on in classes.items() if banner.has_class(name) != on]
    for name in changed:
        banner.set_class(classes[name], name, update=False)
    if changed:
        banner.update_node_styles()


class VerdictBanner(FittedPanel):
    """The outcome in one line, coloured by outcome, in words that do not need the colour."""

    verdict: reactive[Verdict | None] = reactive(None, repaint=False)
    """The verdict on screen, bound to `VoteScreen.verdict`."""

    def watch_verdict(self, verdict: Verdict | None) -> None:
        mark_outcome(self, verdict)
        self.refit()

    def shown(self) -> object:
        return self.verdict

    def text(self) -> Content:
        return Content(self.verdict.headline if self.verdict else "")


class TallyPanel(FittedPanel):
    """How many members cast each vote, beside what the draft needs.

    Two columns of three lines, so that the reason and the pivotal members stay in view at 80x24.
    A statement's tally counts objections against the one that blocks it.
    """

    verdict: reactive[Verdict | None] = reactive(None, repaint=False)
    """The verdict on screen, bound to `VoteScreen.verdict`."""

    def watch_verdict(self) -> None:
        self.refit()

    def shown(self) -> object:
        return self.verdict

    def text(self) -> Content:
        verdict = self.verdict
        if verdict is None:
            return Content()
        counts = verdict.counts
        decision = verdict.decision

        def cell(vote: Vote | None, label: str, n: int, width: int) -> Content:
            return Content.assemble((f"{label:<{width}}", VOTE_STYLES[vote]), f"{n:>3}")

        def tally(vote: Vote, width: int) -> Content:
            return cell(
                vote, capital(decision.vote_label(vote, short=True)), counts.of(vote), width
            )

        def needed(label: str, n: int) -> Content:
            return Content.assemble((f"{label:<10}", "bold"), f"{n:>3}")

        gap = Content("  ")
        not_voted = cell(None, capital(not_voted_label(decision)), counts.not_voted, 13)
        if verdict.objections_to_block is not None:
            heading = Content.assemble(("Tally", "bold"), (" · one objection blocks", "dim"))
            lines = [
                tally(Vote.IN_FAVOUR, 13) + gap + tally(Vote.ABSENT, 10),
                tally(Vote.AGAINST, 13) + gap + needed("To block", verdict.objections_to_block),
                not_voted,
            ]
        else:
            heading = Content.styled("Tally", "bold")
            lines = [
                tally(Vote.IN_FAVOUR, 13) + gap + tally(Vote.ABSTENTION, 10),
                tally(Vote.AGAINST, 13) + gap + tally(Vote.ABSENT, 10),
                not_voted + gap + needed("Needed", verdict.required),
            ]
        return Content("\n").join([heading, *lines])


class ReadingPane(VerticalScroll):
    """A pane of text to read, that says when there is more below it than it shows.

    It scrolls without animation, so that keys pressed fast scroll as far as they were pressed.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=False)
    """Set by the layout itself, which has placed the scrollbars by then: Textual's own
    (`layout=True`) would lay the screen out a second time, and draw a second frame, whenever
    the text in the pane changes length."""

    def __init__(self, *, note: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.note = note
        """Always shown at the foot of the pane, after the hint to read on."""
        self.border_subtitle = note
        self._subtitle = note

    def on_mount(self) -> None:
        self.watch(self, "virtual_size", self._show_hint, init=False)
        self.watch(self, "scroll_y", self._show_hint, init=False)

    def on_resize(self) -> None:
        self._show_hint()

    def _show_hint(self) -> None:
        more = self.max_scroll_y > 0
        hint = ""
        if more:
            hint = "PgUp ↑ back" if self.scroll_y >= self.max_scroll_y else "PgDn ↓ more below"
        subtitle = " · ".join(part for part in (hint, self.note) if part)
        # Set only when it changes: setting it repaints the whole pane, in a frame of its own
        # when the layout asks for the hint (a vote changes the length of the text below).
        if subtitle != self._subtitle:
            self._subtitle = subtitle
            self.border_subtitle = subtitle

    def read_on(self, pages: int) -> None:
        """Scroll by pages: down for a positive number, up for a negative one."""
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_relative(y=pages * page, animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    def action_page_down(self) -> None:
        self.read_on(1)

    def action_page_up(self) -> None:
        self.read_on(-1)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)


class ReasonPanel(FittedPanel):
    """Why the verdict is what it is, in brief: what decided it and what did not."""

    verdict: reactive[Verdict | None] = reactive(None, repaint=False)
    """The verdict on screen, bound to `VoteScreen.verdict`."""

    def watch_verdict(self) -> None:
        self.refit()

    def shown(self) -> object:
        return self.verdict

    def text(self) -> Content:
        if self.verdict is None:
            return Content()
        return Content.assemble(("Why", "bold"), "\n", reason_in_brief(self.verdict))


class PivotalPanel(FittedPanel):
    """The members whose single change of vote would flip the outcome, and what it would do."""

    ballot: reactive[Ballot | None] = reactive(None, repaint=False)
    """The ballot on screen, bound to `VoteScreen.ballot`."""

    def watch_ballot(self) -> None:
        self.refit()

    def shown(self) -> object:
        return self.ballot

    def text(self) -> Content:
        ballot = self.ballot
        if ballot is None:
            return Content()
        verdict = ballot.verdict
        when = " if it closed now" if verdict.is_open else ""
        if not verdict.pivotal:
            heading = Content.assemble(("Pivotal", "bold"), f"{when}: none")
            change = "position" if verdict.decision.is_statement else "vote"
            return heading + Content(f"\nNo single change of {change} would change the outcome.")
        heading = Content.assemble(("Pivotal", "bold"), f"{when}: one change flips it")
        lines = [Content(line) for line in pivotal_lines(ballot)]
        return Content("\n").join([heading, *lines])


class ExplanationPanel(FittedPanel):
    """The verdict's full explanation, citing the Charter, where there is room to read it."""

    verdict: reactive[Verdict | None] = reactive(None, repaint=False)
    """The verdict on screen, bound to `VoteScreen.verdict`."""

    def watch_verdict(self) -> None:
        self.refit()

    def shown(self) -> object:
        return self.verdict

    def text(self) -> Content:
        if self.verdict is None:
            return Content()
        return Content.assemble(("In full", "bold"), "\n", self.verdict.explanation)


class ScenarioLine(Widget):
    """The scenario's date and kind of decision, and whether the record's votes are on screen."""

    ballot: var[Ballot | None] = var(None)
    """The ballot on screen, bound to `VoteScreen.ballot`. A var: the line shows only whether
    the ballot matches the record, so most votes leave it as it is (see `watch_ballot`)."""

    hide_results: reactive[bool] = reactive(False)
    """Nothing of the record: its symbol ('S/RES/…' tells an adoption), nor a match with it."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        try:
            self._recorded: dict[str, Vote] | None = dict(scenario.recorded_ballot().votes)
        except BallotError:  # never voted on
            self._recorded = None
        self._matches = False
        """Whether the ballot on screen is the recorded one, as last drawn."""

    def _matches_record(self) -> bool:
        return self.ballot is not None and dict(self.ballot.votes) == self._recorded

    def watch_ballot(self) -> None:
        if self._matches_record() != self._matches:
            self.refresh()

    def render(self) -> Content:
        scenario = self.scenario
        parts = [long_date(scenario), scenario.decision.label]
        if scenario.record is not None and scenario.record.symbol and not self.hide_results:
            parts.append(scenario.record.symbol)
        if scenario.rules.council_size != 15:
            parts.append(f"Council of {scenario.rules.council_size}")
        line = Content(" · ".join(parts))
        self._matches = matches = self._matches_record()
        if matches and not self.hide_results:
            recorded = "positions" if scenario.decision.is_statement else "vote"
            line += Content.styled(f" · the recorded {recorded}", "bold $text-accent")
        return line


AMENDMENT_MARK = "↓"
"""Before an amendment's title: its draft is the next row, voted on after it."""

TEACHING_ROW = "§teaching"
"""The key of the row that heads the votes that teach a rule (no scenario id has a §)."""

TEACHING_HEADING = "Votes that teach a rule"

ASSEMBLY_ROW = "§assembly"
"""The key of the row that heads the General Assembly's votes."""

ASSEMBLY_HEADING = "The General Assembly"

ASSEMBLY_NOTE = (
    f"{ASSEMBLY_HEADING}\n\n"
    "The scenarios below are votes of the General Assembly, where each of the 193 members has "
    "one vote and none has a veto (Article 18). Set a whole regional group's vote at once, then "
    "members one by one, and see whether a majority of the members present and voting (two-thirds "
    "on an important question) is in favour. Move down to choose one."
)

HIDDEN_ASSEMBLY_TITLE = "A vote of the General Assembly (results hidden)"
"""An Assembly scenario's title while results are hidden, if it has a record to give away."""

PACK_ROW = "§pack"
"""The key of the row that heads a teacher's pack: its title; highlighted, its instructions."""

PREDICT_FIRST_NOTE = (
    "This pack asks you to predict each vote before you see its record: choose a scenario and "
    "press p (or enter), set the votes you expect, then l to lock and see the record."
)


def pack_note(pack: Pack) -> str:
    """What the first screen says of a pack: its title, its instructions, how to begin."""
    parts = [pack.title]
    if pack.instructions:
        parts.append(pack.instructions)
    if pack.predict_first:
        parts.append(PREDICT_FIRST_NOTE)
    parts.append("Move down to choose a scenario.")
    return "\n\n".join(parts)


TEACHING_NOTE = (
    f"{TEACHING_HEADING}\n\n"
    "The scenarios below are not from the news reports the others follow: each is a real vote "
    "chosen to show one rule of Article 27 by contrast with them. Move down to choose one."
)


ASSEMBLY_KIND = "assembly"
"""The decision column of a General Assembly vote."""


def assembly_details(scenario: AssemblyScenario, *, hide_results: bool = False) -> str:
    """What the list says of a highlighted Assembly vote; with results hidden and a record to
    give away, only its date and what is asked."""
    majority = "two-thirds, an important question" if scenario.important else "a majority"
    head = f"{scenario.date.day} {scenario.date:%B %Y} · General Assembly · {majority}"
    if hide_results and scenario.record is not None:
        return f"{HIDDEN_ASSEMBLY_TITLE}\n{head}\n\nEnter opens the vote."
    parts = [scenario.title, head, "", scenario.summary]
    if scenario.notes:
        parts += ["", f"Notes: {scenario.notes}"]
    parts += ["", f"Source: {scenario.source}"]
    return "\n".join(parts)


class ScenarioTable(DataTable[Content]):
    """The scenarios of a catalogue: date, title and kind of decision, one row each.

    The catalogue's sections, in order: first the drafts and statements of the news reports, then,
    under a heading row, the votes that teach a rule. An amendment comes just before its draft,
    marked as one. Titles are cut to the width available, so the table never scrolls sideways.

    | Key(s) | Description |
    | :- | :- |
    | enter | Open the highlighted scenario. |
    | down, j / up, k | The next / previous scenario. |
    | home / end | The first / last scenario. |
    | pagedown / pageup | Read on in the details (the screen's action). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open"),
        Binding("j", "cursor_down", "Next", show=False),
        Binding("k", "cursor_up", "Previous", show=False),
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
        # The list is short: the page keys read on in the details instead.
        Binding("pagedown", "screen.read_on(1)", "Read on", show=False),
        Binding("pageup", "screen.read_on(-1)", "Read back", show=False),
    ]

    hide_results: reactive[bool] = reactive(False)
    """Titles as a prediction shows them, so that none tells the result ('Resolution 2712')."""

    sealed: reactive[frozenset[str]] = reactive(frozenset())
    """Scenarios whose results stay hidden whatever `hide_results` says: in a pack that asks for
    a prediction first, those not yet predicted."""

    def __init__(self, catalogue: Catalogue, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.catalogue = catalogue
        self._title_width = 0
        self._built_for: tuple[bool, frozenset[str]] | None = None
        """The `hide_results` and `sealed` the rows were built for."""
        kinds = [len(self._kind(s)) for s in catalogue] + [len(ASSEMBLY_KIND)] * bool(
            catalogue.assemblies
        )
        self._kind_width = max(kinds, default=8)

    @staticmethod
    def _kind(scenario: Scenario) -> str:
        """What is decided: the kind of decision, or that it is an amendment."""
        return "amendment" if scenario.is_amendment else scenario.decision.label

    def _build(self, title_width: int) -> None:
        row = self.cursor_row
        self._built_for = (self.hide_results, self.sealed)
        self.clear(columns=True)
        self.add_column("Date", width=10, key="date")
        self.add_column("Title", width=title_width, key="title")
        self.add_column("Decision", width=self._kind_width, key="decision")
        sections = self.catalogue.sections()
        pack = self.catalogue.pack
        if pack is not None:
            self._heading(pack.title, PACK_ROW, title_width)
        for scenario in sections.pack:
            self._add(scenario, title_width)
        for scenario in sections.main:
            self._add(scenario, title_width)
        if sections.teaching:
            self._heading(TEACHING_HEADING, TEACHING_ROW, title_width)
            for scenario in sections.teaching:
                self._add(scenario, title_width)
        if self.catalogue.assemblies:
            self._heading(ASSEMBLY_HEADING, ASSEMBLY_ROW, title_width)
            for assembly in self.catalogue.assemblies:
                self._add_assembly(assembly, title_width)
        if self.is_valid_row_index(row):
            self.move_cursor(row=row, animate=False)

    def _heading(self, text: str, key: str, title_width: int) -> None:
        """A row that heads a section: no scenario, the details say what the section holds."""
        heading = Content.styled(f"── {text} ", "bold")
        rule = "─" * max(0, title_width - len(heading))
        self.add_row(
            Content.styled("─" * 10, "dim"),
            (heading + Content.styled(rule, "dim")).truncate(title_width, ellipsis=True),
            Content.styled("─" * self._kind_width, "dim"),
            key=key,
        )

    def watch_hide_results(self) -> None:
        self._rebuild()

    def watch_sealed(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        """Build again for titles hidden or shown, once filled, and only if they changed."""
        if self._title_width and self._built_for != (self.hide_results, self.sealed):
            self._build(self._title_width)

    def _add(self, scenario: Scenario, title_width: int) -> None:
        hidden = self.hide_results or scenario.id in self.sealed
        title = Content(prediction_title(scenario) if hidden else scenario.title)
        if scenario.is_amendment:
            title = Content.styled(f"{AMENDMENT_MARK} ", "bold") + title
        self.add_row(
            Content(scenario.date.isoformat()),
            title.truncate(title_width, ellipsis=True),
            Content.styled(self._kind(scenario), "dim"),
            key=scenario.id,
        )

    def _add_assembly(self, scenario: AssemblyScenario, title_width: int) -> None:
        hidden = self.hide_results and scenario.record is not None
        title = Content(HIDDEN_ASSEMBLY_TITLE if hidden else scenario.title)
        self.add_row(
            Content(scenario.date.isoformat()),
            title.truncate(title_width, ellipsis=True),
            Content.styled(ASSEMBLY_KIND, "dim"),
            key=scenario.id,
        )

    def on_mount(self) -> None:
        # Filled now, at the width it is laid out to (the screen's), so that the first frame
        # shows the list rather than the frame after the first resize.
        self._fill(self.screen.size.width or self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fill(event.size.width)

    def _fill(self, width: int) -> None:
        """Fill the table for this width, unless it is filled for it already."""
        # Date, decision and the padding of three columns, and room for a scrollbar.
        title_width = max(8, width - 10 - self._kind_width - 3 * 2 * self.cell_padding - 2)
        if title_width != self._title_width:
            # Set after: the first read of a reactive while building runs its watcher, which
            # must not build the table again inside this build.
            self._build(title_width)
            self._title_width = title_width


class ScenarioDetails(Widget):
    """Everything a scenario file says about its draft: in the picker, and below the vote."""

    scenario: reactive[Scenario | None] = reactive(None, layout=True)
    """The scenario shown; in the picker, bound to `PickerScreen.scenario`."""

    hide_results: reactive[bool] = reactive(False, layout=True)
    """Only what a student may know before the vote: the prediction's briefing, no record."""

    sealed: reactive[frozenset[str]] = reactive(frozenset(), layout=True)
    """Scenarios shown as with `hide_results` whatever it says (`ScenarioTable.sealed`)."""

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        heading: str = "",
        catalogue: Catalogue | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.heading = heading
        """Shown instead of the title and date, where those are on screen already."""
        self.catalogue = catalogue
        """Where an amendment's draft, and a draft's amendments, are found."""
        self.set_reactive(ScenarioDetails.scenario, scenario)

    def render(self) -> Content:
        scenario = self.scenario
        if scenario is None:
            return Content()
        if self.hide_results or scenario.id in self.sealed:
            return self._before_the_vote(scenario)
        if self.heading:
            parts = [Content.styled(self.heading, "bold")]
        else:
            parts = [
                Content.styled(scenario.title, "bold"),
                Content.styled(
                    f"{long_date(scenario)} · {scenario.decision.label} · "
                    f"Council of {scenario.rules.council_size}",
                    "dim",
                ),
                Content(""),
            ]
        if scenario.teaches:
            parts += [Content.assemble(("Teaches: ", "bold"), scenario.teaches), Content("")]
        if link := link_words(self.catalogue, scenario):
            head, _, rest = link.partition(": ")
            parts += [Content.assemble((f"{head}: ", "bold"), rest), Content("")]
        parts += [
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

    def _before_the_vote(self, scenario: Scenario) -> Content:
        """The briefing a prediction starts from; the summary, record and questions tell more."""
        brief = scenario.prediction
        parts = [
            Content.styled(prediction_title(scenario), "bold"),
            Content.styled(
                f"{long_date(scenario)} · {scenario.decision.label} · "
                f"Council of {scenario.rules.council_size}",
                "dim",
            ),
            Content(""),
        ]
        if link := link_words(self.catalogue, scenario, hidden=True):
            head, _, rest = link.partition(": ")
            parts += [Content.assemble((f"{head}: ", "bold"), rest), Content("")]
        parts.append(Content(brief.briefing if brief is not None else NO_BRIEFING))
        if scenario.record is None:
            parts += [Content(""), Content.styled(NO_RECORD_TO_PREDICT, "italic")]
        return Content("\n").join(parts)

    @staticmethod
    def _record(scenario: Scenario) -> Content:
        record = scenario.record
        if record is None:
            nothing = "no positions" if scenario.decision.is_statement else "no vote"
            return Content.assemble(("Record: ", "bold"), f"none ({nothing} on record)")
        outcome = record.outcome.label
        # A statement's symbol is its press release's, an adopted draft's is the resolution's.
        is_draft = not (scenario.decision.is_statement or record.symbol.startswith("S/RES/"))
        draft = "draft " if is_draft else ""
        symbol = f", {draft}{record.symbol}" if record.symbol else ""
        line = Content.assemble(("Record: ", "bold"), f"{outcome}{symbol}")
        if record.note:
            line += Content(f". {record.note}")
        return line
