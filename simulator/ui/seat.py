"""The student's seat in a class session: a name, a member, and that member's vote, live.

`council-sim class join CODE` runs it in a terminal, and `council-sim serve --class CODE` in each
browser tab. Every rule (who may take a member, who may vote, when) is `simulator.session`'s:
these screens only show a `Roll` and send the student's choice through `Store.change_class`,
telling them in a notification what a rule refused. The session lives in the store that every
process of the class shares; the app asks it ten times a second whether another process wrote
(`Store.changed`), and reads the session again only then.

    SeatApp(store, "KQ7-M4X-P2", catalogue).run()  # asks for a name first
    SeatApp(store, "KQ7-M4X-P2", catalogue, name="Amina Diallo").run()

The seat's token lives in this process alone. A student who closes the tab (or the terminal)
joins again with the same name and takes their member back, under a new token.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, cast

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from simulator.names import name_key
from simulator.predict import prediction_title
from simulator.rules import Member, Vote, capital
from simulator.scenarios import Catalogue, Scenario, quote
from simulator.session import (
    ClassSession,
    Mode,
    Phase,
    Roll,
    RollLine,
    SessionError,
    cast_vote,
    new_token,
    roll,
    take_seat,
    viewer,
)
from simulator.store import Store, StoreError
from simulator.ui.name import NameScreen
from simulator.ui.palette import CouncilPalette
from simulator.ui.rows import RowList
from simulator.ui.screens import MIN_SIZE, VOTE_KEYS, WIDE, HelpScreen
from simulator.ui.themes import HIGH_CONTRAST_THEME
from simulator.ui.widgets import (
    PERMANENT_MARK,
    VOTE_STYLES,
    ReadingPane,
    ReasonPanel,
    ScenarioDetails,
    TallyPanel,
    VerdictBanner,
    fitted_name,
    long_date,
    not_voted_label,
    say,
)

POLL = 0.1
"""Seconds between two questions to the store: asking costs one cheap query
(`PRAGMA data_version`); the session is read again only when another process has written."""

DRAW_GAP = 0.15
"""Seconds at least between two drawings of the session: with a poll's wait, a vote cast
elsewhere shows within a quarter of a second, and a class voting all at once costs each
student's screen a few drawings a second, not one for every vote of the class."""

DRAW_SHARE = 10
"""The gap is also at least this many times the last drawing's time, on the clock (up to
`DRAW_GAP_MOST`): where a whole class's screens share a small machine, each draws less often,
and the keys, each vote cast as it comes, keep the rest of the machine."""

DRAW_GAP_MOST = 1.0
"""Seconds at most between two drawings while the session changes, however busy the machine."""

THEME = "textual-dark"
"""Set explicitly, as the simulator's own: a user's TEXTUAL_THEME changes neither."""

YOURS_MARK = "▸"
"""Before the student's own member: the row is marked in a symbol, never in colour alone."""

SEAT_NOT_A_LOGIN = (
    "Your name shows the chair who holds which member, and gives you your member back if you "
    "join again with the same name. It is a classroom convenience, not a login: anyone who "
    "types your name can take your member back."
)

CHOOSE = (
    "Choose the member whose vote you will cast, and press enter. The chair opens the vote; "
    "you can cast your vote, and change it, until the chair closes it."
)

NONE_FREE = (
    "Every member is taken. Ask the chair to free one, or to keep one for you; this list "
    "changes as soon as one is free."
)

SEAT_HELP = """\
## Your seat

You cast one member's vote in a class session: the member you took, marked **▸** on the roll. \
Your keys vote on its row only; on another member's row they cast nothing, and say why. The \
chair opens the vote, and you may cast your vote and change it until the chair closes it; a \
member with no vote then counts as absent (on a statement, silent). Once the chair shows the \
record, the Council's real vote stands beside each member's, and the two outcomes side by side.

In *hidden* mode you see only which members have voted, and how many, and your own vote, until \
the vote closes. Close the window and join again with the same name: you get your member back.

## How the Council counts (Article 27)

A decision needs **nine** votes in favour (the Council of eleven, as in 1945, needed seven). \
On any matter that is not procedural, a permanent member (China, France, the Russian \
Federation, the United Kingdom, the United States: **★**) voting **against** a draft that has \
its nine votes defeats it: the veto. An abstention is not a veto, nor (in the Council's \
practice) is an absence, and a "no" on a draft without its votes is not counted as one. On a \
procedural matter there is no veto. A press or presidential statement is agreed when no member \
objects: one objection, from any member, blocks it. A party to a dispute under Chapter VI must \
abstain: its vote is fixed.

## Keys

| Key | Does |
| :-- | :-- |
| up, down (k, j) | choose a member, to read its vote; home, end: the first, the last |
| y, n, a, x | on your row: in favour, against, abstain, absent |
| y, n, x | on a statement: agree, object, stay silent |
| m | back to your own row |
| pagedown, pageup | read on beside the members: the reasons, the draft |
| ? | this help |
| ctrl+p | the command palette: your vote, and Change theme |
| q | quit: join again with the same name to take your member back |
"""


class SeatHelp(HelpScreen):
    """What a student does in a class session, how the Council counts, and the keys."""

    HEADING = "Your seat in a class session"
    TEXT = SEAT_HELP


HIDDEN = "voted, hidden"
"""A member's vote that hidden mode does not show: only that it is in."""

DID_NOT_VOTE = "did not vote"
"""A member with no vote when the vote closed (it counts as absent, or on a statement, silent)."""


def not_loaded(scenario_id: str) -> str:
    """Why nothing can be shown or voted: the class is on a scenario this process lacks."""
    return (
        f"the class is on the scenario {quote(scenario_id)}, which is not among the scenarios "
        "loaded here: ask the chair which folder it is in, and join with --scenarios DIR"
    )


# What the screens say, built from the roll: pure functions, so each is read at a glance.


def phase_words(shown: Roll, decision_is_statement: bool) -> str:
    """Where the vote stands, and what the mode lets the student see, in plain words."""
    hidden = shown.mode is Mode.HIDDEN
    members = len(shown.lines)
    if shown.phase is Phase.WAITING:
        mode = (
            "Votes will be hidden until the vote closes: you will see how many members have "
            "voted, and your own vote."
            if hidden
            else "Votes will be shown as they are cast, as in the chamber."
        )
        return f"Waiting for the chair to open the vote. {mode}"
    if shown.phase is Phase.OPEN:
        mode = (
            f"Votes are hidden until it closes: {shown.votes_in} of {members} members have voted."
            if hidden
            else "Votes are shown as they are cast."
        )
        return f"The vote is open until the chair closes it. {mode}"
    counted = "silent" if decision_is_statement else "absent"
    if shown.phase is Phase.CLOSED:
        return (
            "The vote is closed: the votes and the verdict are final. A member that did not "
            f"vote counts as {counted}."
        )
    return "The vote is closed, and the Council's own vote is shown beside the class's."


def banner_words(shown: Roll) -> str:
    """The banner's line: the phase while nothing may be counted, else the verdict."""
    if shown.phase is Phase.WAITING:
        return "Waiting for the chair to open the vote"
    verdict = shown.verdict
    if verdict is None:
        return f"The vote is open · votes hidden · {shown.votes_in} of {len(shown.lines)} in"
    if shown.phase is Phase.OPEN:
        return verdict.headline
    return f"{verdict.headline} · final"


def vote_words(line: RollLine, scenario: Scenario) -> tuple[str, Vote | None]:
    """A member's vote on the roll, in words, with the vote that colours it (None: no colour)."""
    decision = scenario.decision
    if line.counted_absent:
        return DID_NOT_VOTE, None
    if line.vote is not None:
        if scenario.ballot().is_fixed(line.member):
            return "must abstain", Vote.ABSTENTION
        return decision.vote_label(line.vote, short=True), line.vote
    if line.hidden:
        return HIDDEN, None
    return not_voted_label(decision), None


def you_words(line: RollLine, shown: Roll, scenario: Scenario) -> str:
    """The student's own member, and their vote."""
    decision = scenario.decision
    member = line.member
    held = f"You hold {member.display_name} ({member.code})."
    if scenario.ballot().is_fixed(member):
        return f"{held} A party to the dispute abstains (Article 27(3)): its vote is fixed."
    if line.counted_absent:
        counted = decision.vote_label(Vote.ABSENT, short=True)
        return f"{held} You did not vote before the vote closed: you count as {counted}."
    open_ = shown.phase is Phase.OPEN
    if line.vote is not None:
        vote = f"Your vote: {decision.vote_label(line.vote)}."
        if open_:
            vote += " You can change it until the vote closes."
    elif open_:
        keys = ", ".join(VOTE_KEYS[choice] for choice in decision.choices)
        vote = f"You have not voted: {keys} on your row ({YOURS_MARK})."
    elif shown.phase is Phase.WAITING:
        vote = "You vote once the chair opens the vote."
    else:
        vote = "You did not vote."
    return f"{held} {vote}"


def record_words(shown: Roll, scenario: Scenario) -> str:
    """After the reveal: the Council's outcome beside the class's, and whether they agree."""
    if shown.phase is not Phase.REVEALED:
        return ""
    verdict = shown.verdict
    if shown.recorded is None:
        nothing = "positions" if scenario.decision.is_statement else "vote"
        return f"The Council: no {nothing} on record (the Council never voted on this draft)."
    recorded = shown.recorded.verdict
    lines = [f"The Council: {recorded.headline}"]
    if verdict is not None:
        lines.append(f"The class: {verdict.headline}")
        same = "the same as" if recorded.reason is verdict.reason else "not the same as"
        lines.append(f"The class's outcome is {same} the Council's.")
    return "\n".join(lines)


# The widgets


class RollTable(RowList):
    """The Council's members and their votes as the student may see them; their own row marked.

    | Key(s) | Description |
    | :- | :- |
    | down, j / up, k | The next / previous member. |
    | home / end | The first / last member. |
    | pagedown / pageup | Read on in the side pane (the screen's action). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "screen.read_on(1)", "Read on", show=False),
        Binding("pageup", "screen.read_on(-1)", "Read back", show=False),
    ]

    compact: reactive[bool] = reactive(False)
    """Members by code alone, for narrow screens; set by the screen."""

    NAME_WIDTH = 21
    VOTE_WIDTH = 13

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Members"
        self.border_subtitle = f"{YOURS_MARK} yours · {PERMANENT_MARK} permanent"
        self._shown: tuple[Roll, Scenario] | None = None
        self._layout: tuple[object, ...] = ()
        """What the rows were built for: the members, the width, the record."""
        self._cells: dict[str, dict[str, Content]] = {}
        """Each member's cells that change with the votes, by code and column."""

    @property
    def member_codes(self) -> list[str]:
        return self.keys

    def cells(self, code: str) -> dict[str, Content]:
        """A member's cells as shown: `mark`, `vote`, and once revealed `record`."""
        return self._cells[code]

    def show(self, shown: Roll, scenario: Scenario) -> None:
        """Show this roll: the rows whose line changed, or every row when the Council, the
        scenario or the columns change (a storm of votes draws only the rows it changed)."""
        before = self._shown
        self._shown = (shown, scenario)
        revealed = shown.phase is Phase.REVEALED
        layout = (tuple(line.member.code for line in shown.lines), self.compact, revealed)
        if layout != self._layout or before is None or before[1] is not scenario:
            self._layout = layout
            # Once revealed, two columns of votes: the title says which is which.
            self.border_title = "Members · vote · recorded" if revealed else "Members"
            self.set_rows(
                [(line.member.code, self._row(line, shown, scenario)) for line in shown.lines]
            )
            return
        for old, line in zip(before[0].lines, shown.lines, strict=True):
            if old != line:
                self.set_row(line.member.code, self._row(line, shown, scenario))

    def watch_compact(self) -> None:
        if self._shown is not None:
            self._layout = ()
            self.show(*self._shown)

    def _row(self, line: RollLine, shown: Roll, scenario: Scenario) -> Content:
        """A member's row: its mark, name (unless compact), code, permanence, vote and, once
        revealed, its recorded vote, each in a column of its own width. At 80 columns it
        leaves the side pane the 31 its tally needs."""
        member = line.member
        cells = self._cells[member.code] = self._vote_cells(line, shown, scenario)
        columns = [(cells["mark"], 2)]
        if not self.compact:
            columns.append(
                (Content(f" {fitted_name(member, self.NAME_WIDTH)}"), self.NAME_WIDTH + 1)
            )
        columns += [
            (Content(f" {member.code}"), 5),
            (Content(PERMANENT_MARK if member.permanent else ""), 1),
            (cells["vote"], self.VOTE_WIDTH + 1),
        ]
        if "record" in cells:
            columns.append((cells["record"], self.VOTE_WIDTH + 1))
        return Content.assemble(*(text.truncate(width, pad=True) for text, width in columns))

    @staticmethod
    def _vote_cells(line: RollLine, shown: Roll, scenario: Scenario) -> dict[str, Content]:
        words, vote = vote_words(line, scenario)
        style = VOTE_STYLES[vote]
        if line.yours:
            style = f"{style} bold"
        cells = {
            "mark": Content.styled(f" {YOURS_MARK}", "bold") if line.yours else Content(""),
            "vote": Content(" ") + Content.styled(words, style),
        }
        if shown.phase is Phase.REVEALED:
            recorded = line.recorded
            label = (
                "none" if recorded is None else scenario.decision.vote_label(recorded, short=True)
            )
            cells["record"] = Content(" ") + Content.styled(label, VOTE_STYLES[recorded])
        return cells

    @property
    def highlighted_code(self) -> str | None:
        """The member under the cursor, by code; None while the table is empty."""
        return self.highlighted_key


class SeatBanner(VerdictBanner):
    """The verdict, as the vote screen's banner shows it; while the vote waits or its votes are
    hidden, where it stands instead (and no colour of any outcome)."""

    words: reactive[str] = reactive("", repaint=False)

    def watch_words(self) -> None:
        self.refit()

    def shown(self) -> object:
        return self.words

    def text(self) -> Content:
        return Content(self.words)


class ClassScreen(Screen[None]):
    """A screen of the seat app: shown the session again each time it changes."""

    ready = False
    """Mounted with its widgets: a session read before then is shown by the screen's own
    `on_mount`, and `show` must not look for widgets not yet there."""

    def on_mount(self) -> None:
        self.ready = True

    def show(self, session: ClassSession) -> None:
        raise NotImplementedError

    @property
    def seat_app(self) -> SeatApp:
        return cast("SeatApp", self.app)


class SeatNameScreen(NameScreen):
    """The name screen, saying what a name is for in a class session."""

    def on_mount(self) -> None:
        self.sub_title = "who are you?"
        self.query_one("#name-note", Static).update(SEAT_NOT_A_LOGIN)


class FreeMembers(DataTable[Content]):
    """The members a student may take: home and end reach the first and the last, as on the
    vote screen's table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First member", show=False),
        Binding("end", "scroll_bottom", "Last member", show=False),
    ]


class MembersScreen(ClassScreen):
    """The members a student may take: the free ones, and their own if their name holds one.

    | Key(s) | Description |
    | :- | :- |
    | enter | Take the highlighted member. |
    | up, down | Choose a member. |
    | q | Quit. |
    """

    AUTO_FOCUS = "#free-members"

    def __init__(self) -> None:
        super().__init__()
        self._listed: list[tuple[str, str]] | None = None
        """The members on the list, by code, each with what it says of them."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(CHOOSE, id="take-intro", markup=False)
        # The list takes the room left, and scrolls within it: the screen itself never does.
        with Vertical(id="take-body"):
            table = FreeMembers(cursor_type="row", id="free-members")
            table.border_title = "Members you can take"
            yield table
            yield Static(NONE_FREE, id="none-free", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "choose your member"
        if (session := self.seat_app.session) is not None:
            self.show(session)

    def show(self, session: ClassSession) -> None:
        app = self.seat_app
        scenario = app.scenario_of(session)
        table = self.query_one("#free-members", DataTable)
        intro = self.query_one("#take-intro", Static)
        if scenario is None:
            intro.update(capital(not_loaded(session.scenario_id)) + ".")
            self._listed = None
            table.clear(columns=True)
            table.display = False
            self.query_one("#none-free").display = False
            return
        # The title the record is hidden behind: a class sees the record only when revealed.
        intro.update(f"{prediction_title(scenario)} ({long_date(scenario)}). {CHOOSE}")
        key = name_key(app.student)
        offered: list[tuple[Member, str]] = []
        for member in scenario.members:
            seat = session.seats.get(member.code)
            if seat is None:
                offered.append((member, "free"))
            elif seat.key == key:
                mine = "yours: take it back" if seat.joined else "kept for you by the chair"
                offered.append((member, mine))
        codes = [str(row.value) for row in table.rows]
        wanted = [member.code for member, _ in offered]
        highlighted = codes[table.cursor_row] if table.is_valid_row_index(table.cursor_row) else ""
        listed = [(member.code, status) for member, status in offered]
        if listed != self._listed:
            self._listed = listed
            table.clear(columns=True)
            table.add_column("Member", width=RollTable.NAME_WIDTH, key="member")
            table.add_column("Code", width=4, key="code")
            table.add_column("", width=1, key="permanent")
            table.add_column("", width=25, key="status")
            for member, status in offered:
                table.add_row(
                    Content(fitted_name(member, RollTable.NAME_WIDTH)),
                    Content(member.code),
                    Content(PERMANENT_MARK if member.permanent else ""),
                    Content.styled(status, "bold" if status != "free" else "dim"),
                    key=member.code,
                )
            # The cursor stays on the member it was on; at first, on the student's own.
            own = [member.code for member, status in offered if status != "free"]
            target = highlighted if highlighted in wanted else (own[0] if own else "")
            if target:
                table.move_cursor(row=wanted.index(target), animate=False)
        table.display = bool(offered)
        self.query_one("#none-free").display = not offered

    @on(DataTable.RowSelected, "#free-members")
    def _take(self, event: DataTable.RowSelected) -> None:
        self.seat_app.take(str(event.row_key.value))


class SeatScreen(ClassScreen):
    """The vote screen of one student: every member's vote as the session lets them see it,
    and their own member's row, the only one their keys vote on.

    | Key(s) | Description |
    | :- | :- |
    | up, k / down, j | Choose a member, to read its vote. |
    | y / n / a / x | On your row: in favour / against / abstain / absent. |
    | y / n / x | On a statement: agree / object / stay silent. |
    | m | Back to your own row. |
    | pagedown / pageup | Read on (or back) beside the members. |
    | q | Quit: join again with the same name to take your member back. |
    """

    AUTO_FOCUS = "#roll"

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Screen types it as a list)
        (0, "-tiny-width"),
        (MIN_SIZE[0], "-narrow"),
        (WIDE, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-tiny-height"),
        (MIN_SIZE[1], "-short"),
        (24, "-normal"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        # One key, two words: a draft's votes, or a statement's positions (see check_action).
        Binding("y", "vote('yes')", "Yes", tooltip="Your member votes in favour"),
        Binding("n", "vote('no')", "No", tooltip="Your member votes against"),
        Binding("a", "vote('abstain')", "Abstain", tooltip="Your member abstains"),
        Binding("x", "vote('absent')", "Absent", tooltip="Your member is absent"),
        Binding("y", "position('yes')", "Agree", tooltip="Your member agrees"),
        Binding("n", "position('no')", "Object", tooltip="Your member objects"),
        Binding("a", "position('abstain')", "Abstain", show=False),
        Binding("x", "position('absent')", "Silent", tooltip="Your member stays silent"),
        Binding("m", "mine", "My row", tooltip="Back to your own member"),
    ]

    shown: var[Roll | None] = var(None)
    """The roll as this student may see it; replaced on every change of the session."""

    def __init__(self) -> None:
        super().__init__()
        self._refused = ""
        """The last refusal said, so that a key held down says it once, not once a key."""
        self._scenario_id = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="scenario-line", markup=False)
        yield SeatBanner(id="banner")
        yield Static(id="too-small", markup=False)
        with Horizontal(id="body"):
            yield RollTable(id="roll")
            with ReadingPane(id="side"):
                yield Static(id="you", markup=False)
                yield Static(id="phase", markup=False)
                yield Static(id="record", markup=False)
                yield TallyPanel()
                yield ReasonPanel()
                yield Static(id="draft-title", markup=False)
                yield ScenarioDetails(heading="The draft", id="draft")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if (session := self.seat_app.session) is not None:
            self.show(session)

    def show(self, session: ClassSession) -> None:
        app = self.seat_app
        scenario = app.scenario_of(session)
        if scenario is None:
            self.shown = None
            self.query_one(SeatBanner).words = capital(not_loaded(session.scenario_id))
            return
        try:
            seen_by = viewer(session, seat=app.token)
        except SessionError:
            return  # the app takes the student back to the members (see `SeatApp.watch_session`)
        self._refused = ""
        self.shown = roll(session, scenario, seen_by)

    def watch_shown(self, shown: Roll | None) -> None:
        if shown is None:
            return
        scenario = self.seat_app.catalogue.get(shown.scenario_id)
        if scenario is None:
            return
        table = self.query_one(RollTable)
        moved_on = shown.scenario_id != self._scenario_id
        table.show(shown, scenario)
        own = self._own()
        if moved_on:
            self._scenario_id = shown.scenario_id
            self.query_one("#draft", ScenarioDetails).scenario = scenario
            if own is not None:
                table.move_to(own.member.code)
            self.refresh_bindings()  # the keys' words: a draft's votes or a statement's
        sealed = shown.phase is not Phase.REVEALED
        self.sub_title = prediction_title(scenario) if sealed else scenario.title
        say(
            self.query_one("#scenario-line", Static),
            f"{long_date(scenario)} · {scenario.decision.label} · scenario {shown.position} "
            f"of {shown.scenarios} · class {shown.code}",
        )
        banner = self.query_one(SeatBanner)
        counted = shown.phase is not Phase.WAITING
        banner.verdict = shown.verdict if counted else None
        banner.words = banner_words(shown)
        if own is not None:
            say(self.query_one("#you", Static), you_words(own, shown, scenario))
        statement = scenario.decision.is_statement
        say(self.query_one("#phase", Static), phase_words(shown, statement))
        for panel in (self.query_one(TallyPanel), self.query_one(ReasonPanel)):
            panel.verdict = shown.verdict if counted else None
            panel.display = panel.verdict is not None
        record = self.query_one("#record", Static)
        say(record, record_words(shown, scenario))
        record.display = shown.phase is Phase.REVEALED
        self._show_draft(scenario, sealed=sealed)
        self._fit()

    def _show_draft(self, scenario: Scenario, *, sealed: bool) -> None:
        """The draft: until the chair reveals the record, only what does not tell the outcome
        (the briefing a prediction starts from, where there is one; else its title and date)."""
        details = self.query_one("#draft", ScenarioDetails)
        details.hide_results = sealed
        briefed = scenario.prediction is not None
        details.display = not sealed or briefed
        title = self.query_one("#draft-title", Static)
        title.display = sealed and not briefed
        if title.display:
            say(
                title,
                f"{prediction_title(scenario)}\n{long_date(scenario)} · "
                f"{scenario.decision.label} · Council of {scenario.rules.council_size}\n\n"
                "What the draft says, and how the Council voted, are shown once the chair "
                "reveals the record.",
            )

    def _fit(self) -> None:
        """Members by code where names leave the side pane no room: below 80 columns, and
        below 100 once the record takes a column of its own."""
        revealed = self.shown is not None and self.shown.phase is Phase.REVEALED
        self.query_one(RollTable).compact = self.size.width < (WIDE + 20 if revealed else WIDE)

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self._fit()
        need_width, need_height = MIN_SIZE
        self.query_one("#too-small", Static).update(
            f"This window is {width} by {height}; the tally and the reasons need at least "
            f"{need_width} by {need_height}. The keys still work."
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("vote", "position"):
            scenario = self.seat_app.catalogue.get(self._scenario_id)
            statement = scenario is not None and scenario.decision.is_statement
            return statement == (action == "position")
        return True

    @on(RowList.Highlighted, "#roll")
    def _moved(self) -> None:
        self._refused = ""

    def _own(self) -> RollLine | None:
        """The student's own line on the roll shown."""
        if self.shown is None:
            return None
        return next((line for line in self.shown.lines if line.yours), None)

    def action_vote(self, word: str) -> None:
        """Cast the student's own vote; on another member's row, say once why not."""
        own = self._own()
        if own is None or self.shown is None:
            return
        highlighted = self.query_one(RollTable).highlighted_code
        if highlighted != own.member.code:
            other = next(
                line.member for line in self.shown.lines if line.member.code == highlighted
            )
            self._refuse(
                f"{capital(other.display_name)} is not yours: you cast only the vote of "
                f"{own.member.display_name}, on your row (marked {YOURS_MARK}). Press m to go "
                "back to it.",
                title="Not your member",
            )
            return
        if refusal := self.seat_app.cast(Vote(word)):
            self._refuse(refusal, title="Not cast")

    def action_position(self, word: str) -> None:
        """A statement's position: the same as a vote, under the statement's own words."""
        self.action_vote(word)

    def _refuse(self, message: str, *, title: str) -> None:
        """Say why not, once: the same refusal again, before anything changes, says nothing
        (a key held down is no storm of notifications)."""
        if message == self._refused:
            return
        self._refused = message
        self.notify(message, title=title, severity="warning", markup=False)

    def action_mine(self) -> None:
        """Back to the student's own row."""
        if (own := self._own()) is not None:
            self.query_one(RollTable).move_to(own.member.code)

    def action_read_on(self, pages: int) -> None:
        self.query_one("#side", ReadingPane).read_on(pages)


class SeatApp(App[None]):
    """One student's seat in a class session: a name, a member, and its vote, live.

    | Key(s) | Description |
    | :- | :- |
    | ? | How to take part: the seat, how the Council counts, and the keys. |
    | q | Quit (join again with the same name to take your member back). |
    """

    CSS_PATH = "app.tcss"
    TITLE = "UN Security Council"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    session: var[ClassSession | None] = var(None)
    """The class session as last read from the store; replaced, never changed in place."""

    def __init__(
        self,
        store: Store,
        code: str,
        catalogue: Catalogue,
        *,
        name: str | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(HIGH_CONTRAST_THEME)
        self.theme = theme if theme in self.available_themes else THEME
        self.store = store
        self.code = code
        self.catalogue = catalogue
        self.student = name or ""
        """The student's name, tidied; '' until given."""
        self.token: str | None = None
        """The seat's token, known to this process alone; None until a member is taken."""
        self._trouble = ""
        """The last problem with the store that was said, so that a poll says it once."""
        self._unread = False
        """Another process has written since the session was last read."""
        self._draw_due = False
        """A drawing of the session is waiting its turn (see `_draw`)."""
        self._drawn_at = -DRAW_GAP
        """When the session was last drawn (`time.monotonic`)."""
        self._draw_took = 0.0
        """Seconds the last drawing took, from its start to the end of the screen's refresh."""
        self._show_who()

    def _show_who(self) -> None:
        parts = [self.TITLE, *([self.student] if self.student else []), f"class {self.code}"]
        self.title = " · ".join(parts)

    def scenario_of(self, session: ClassSession) -> Scenario | None:
        """The scenario the class is on, if this process has it."""
        return self.catalogue.get(session.scenario_id)

    def _scenario(self, session: ClassSession) -> Scenario:
        """The scenario for a rule to apply to; a refusal if it is not loaded here."""
        scenario = self.scenario_of(session)
        if scenario is None:
            raise SessionError(not_loaded(session.scenario_id))
        return scenario

    def on_mount(self) -> None:
        self._read()
        self.set_interval(POLL, self._poll)
        if self.student:
            self.push_screen(MembersScreen())
        else:
            self.push_screen(SeatNameScreen())

    def on_app_focus(self) -> None:
        """In a browser the app starts unfocused, so the first screen never took its
        auto-focus: give it the focus it would have had in a terminal (as `CouncilApp` does)."""
        screen = self.screen
        selector = screen.AUTO_FOCUS or self.AUTO_FOCUS
        if screen.focused is not None or not selector:
            return
        for widget in screen.query(selector):
            if widget.focusable:
                screen.set_focus(widget, scroll_visible=False)
                return

    def on_name_screen_given(self, event: NameScreen.Given) -> None:
        """On to the members, under this name."""
        if not isinstance(self.screen, NameScreen):
            return  # a second enter that overtook the first
        self.student = event.student
        self._show_who()
        self.switch_screen(MembersScreen())

    def _poll(self) -> None:
        """Read the session again (when it is next drawn) only when another process has
        written to the store."""
        try:
            if self.store.changed():
                self._unread = True
                self._draw_soon()
        except StoreError as error:
            self._said_trouble(f"The class session cannot be read: {error}.")

    def _read(self) -> None:
        try:
            session = self.store.class_session(self.code)
        except StoreError as error:
            self._said_trouble(f"The class session cannot be read: {error}.")
            return
        if session is None:
            self._said_trouble(
                f"The class session {self.code} is no longer in the data folder: it was "
                "cleared. Ask the chair for a new code."
            )
            return
        self._trouble = ""
        self.session = session

    def _said_trouble(self, message: str) -> None:
        if message != self._trouble:
            self._trouble = message
            self.notify(message, title="Class session", severity="error", markup=False)

    def watch_session(self, session: ClassSession | None) -> None:
        if session is None:
            return
        if self.token is not None and session.seat_of_token(self.token) is None:
            self._lost_seat(session)
        self._draw_soon()

    def _draw_soon(self) -> None:
        """Draw the session once the gap since the last drawing has passed (`DRAW_GAP`, longer
        on a busy machine), after the messages already waiting: the student's keys are each
        cast as they come, never held back behind a drawing of the votes before them."""
        if self._draw_due:
            return
        self._draw_due = True
        gap = min(max(DRAW_GAP, DRAW_SHARE * self._draw_took), DRAW_GAP_MOST)
        wait = self._drawn_at + gap - time.monotonic()
        if wait > 0:
            self.set_timer(wait, self._draw)
        else:
            self.call_later(self._draw)

    def _draw(self) -> None:
        """Show the screens the session as it is now, read again if another process wrote."""
        self._drawn_at = started = time.monotonic()
        if self._unread:
            self._unread = False
            self._read()  # sets the session: its watcher finds this drawing due already
        self._draw_due = False
        session = self.session
        if session is None:
            return
        for screen in self.screen_stack:
            if isinstance(screen, ClassScreen) and screen.ready:
                screen.show(session)
        self.call_after_refresh(self._timed, started)

    def _timed(self, started: float) -> None:
        self._draw_took = time.monotonic() - started

    def _lost_seat(self, session: ClassSession) -> None:
        """The token no longer holds a member: say why, and go back to the members."""
        self.token = None
        own = session.seat_of_name(self.student)
        if own is not None and own.joined:
            message = (
                "Your member was taken back under your name in another window: this one no "
                "longer votes. Take it back here to vote from here."
            )
        else:
            message = (
                "Your member is no longer yours: the chair freed it, or the class moved on to "
                "a Council without it. Choose a member."
            )
        self.notify(message, title="Your member", severity="warning", timeout=10, markup=False)
        if any(isinstance(screen, SeatScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, SeatScreen):  # the palette, open over it
                self.pop_screen()
            self.switch_screen(MembersScreen())

    def _change(self, rule: Callable[[ClassSession], ClassSession]) -> str:
        """Apply one of the session's rules through the store; '' if done, else why not."""
        try:
            after = self.store.change_class(self.code, rule)
        except SessionError as error:
            return capital(str(error)) + "."
        except StoreError as error:
            return f"Nothing was changed: {error}."
        self.session = after
        return ""

    def take(self, member: str) -> None:
        """Take this member under the student's name, with a token of this process's own."""
        token, name = new_token(), self.student
        before = self.token
        self.token = token  # before the new session arrives, so that it finds the seat held
        refusal = self._change(lambda s: take_seat(s, self._scenario(s), member, name, token))
        if refusal:
            self.token = before
            self.notify(refusal, title="Not taken", severity="warning", markup=False)
            return
        if not isinstance(self.screen, SeatScreen):
            self.switch_screen(SeatScreen())

    def cast(self, vote: Vote) -> str:
        """Cast the seat's vote; '' if cast, else the rules' reason why not."""
        token = self.token
        if token is None:
            return ""
        return self._change(lambda s: cast_vote(s, self._scenario(s), token, vote))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(SeatHelp())

    def action_command_palette(self) -> None:
        if isinstance(self.screen, NameScreen):
            return
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CouncilPalette())

    def _on_seat(self, word: str) -> Callable[[], None]:
        """A palette command that votes on the seat screen current when it runs, if any."""

        def run() -> None:
            screen = self.screen
            if isinstance(screen, SeatScreen):
                screen.query_one(RollTable).move_to(self._own_code())
                screen.action_vote(word)

        return run

    def _own_code(self) -> str:
        session = self.session
        if session is None or self.token is None:
            return ""
        seat = session.seat_of_token(self.token)
        return seat.member if seat is not None else ""

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Your member's votes (on the seat screen), the themes and quit."""
        if isinstance(screen, SeatScreen) and screen.shown is not None:
            scenario = self.catalogue.get(screen.shown.scenario_id)
            if scenario is not None:
                decision = scenario.decision
                kind = "Position" if decision.is_statement else "Vote"
                for vote in decision.choices:
                    yield SystemCommand(
                        f"{kind}: {decision.vote_word(vote)} ({VOTE_KEYS[vote]})",
                        "Your member's, while the vote is open",
                        self._on_seat(vote.value),
                    )
        yield SystemCommand(
            "How to take part",
            "Your seat, how the Council counts, and the keys (?)",
            self.action_help,
        )
        for command in super().get_system_commands(screen):
            if command.title in ("Quit", "Theme", "Change theme"):
                yield command
