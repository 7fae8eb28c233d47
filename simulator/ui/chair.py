"""The chair's screen: a class session as the teacher runs it, on the classroom's projector.

The join code in letters big enough to read from the back of the room, the roll (each member, the
student who holds it, its vote as it comes in), the live tally and verdict, and the chair's
controls. Every rule of who may do what is `simulator.session`'s: the screen sends the chair's
choice through `Store.change_class` and shows a refusal's own words as a notification. It asks
`Store.changed` ten times a second whether another process (a student's) has written, and reads
the session again only then.

    ChairApp(store, code, chair_token, catalogue).run()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, cast

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive, var
from textual.screen import ModalScreen, Screen
from textual.theme import ThemeProvider
from textual.widget import Widget
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from simulator.predict import prediction_title
from simulator.rules import Member, Verdict, Vote, capital
from simulator.scenarios import Catalogue, Scenario
from simulator.session import (
    ClassSession,
    Mode,
    Phase,
    Roll,
    RollLine,
    SessionError,
    Viewer,
    assign_seat,
    close_vote,
    free_seat,
    next_scenario,
    open_vote,
    reveal,
    roll,
    viewer,
)
from simulator.store import Store, StoreError
from simulator.ui.palette import CouncilPalette
from simulator.ui.screens import HelpScreen
from simulator.ui.themes import HIGH_CONTRAST, HIGH_CONTRAST_THEME
from simulator.ui.widgets import (
    PERMANENT_MARK,
    VOTE_STYLES,
    ReadingPane,
    ReasonPanel,
    TallyPanel,
    VerdictBanner,
    fitted_name,
    say,
)

POLL_SECONDS = 0.1
"""How often the screen asks the store whether another process has written: one cheap query."""

THEME = "textual-dark"
"""Set explicitly, as the simulator's app does, so a user's TEXTUAL_THEME changes nothing."""

# The join code, drawn big: 5x7 dots, two dots to a character cell with half blocks, so that a
# class can read it off a projector from the back of the room.

GLYPHS: dict[str, tuple[str, ...]] = {
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "B": ("####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "D": ("###..", "#..#.", "#...#", "#...#", "#...#", "#..#.", "###.."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "G": (".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "J": ("..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "Q": (".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "V": ("#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."),
    "X": ("#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "Z": ("#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"),
    "-": ("...", "...", "...", "###", "...", "...", "..."),
}
"""Every symbol a join code has (`session.CODE_ALPHABET`, and its dashes), in dots."""

GLYPH_ROWS = 7

HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def big_width(text: str, scale: int) -> int:
    """The columns `text` takes drawn big at `scale`: its glyphs with one dot between each."""
    return sum((len(GLYPHS[c][0]) + 1) * scale for c in text) - scale if text else 0


def big_height(scale: int) -> int:
    """The lines a code drawn big takes: two dots to a line."""
    return (GLYPH_ROWS * scale + 1) // 2


def big_lines(text: str, scale: int) -> list[str]:
    """`text` drawn in dots, each dot `scale` columns wide and `scale` half-lines high."""
    dots: list[list[bool]] = [[] for _ in range(GLYPH_ROWS * scale)]
    for at, symbol in enumerate(text):
        glyph = GLYPHS[symbol]
        for row in range(GLYPH_ROWS * scale):
            line = dots[row]
            if at:
                line.extend([False] * scale)
            for dot in glyph[row // scale]:
                line.extend([dot == "#"] * scale)
    if len(dots) % 2:
        dots.append([False] * len(dots[0]))
    return [
        "".join(HALF_BLOCKS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(dots[::2], dots[1::2], strict=True)
    ]


COUNTS_WIDTH = 18
"""The room kept beside the big code for who has joined and voted."""


def code_scale(code: str, width: int, height: int) -> int:
    """How big the code can be drawn with `width` columns beside the counts, on a screen
    `height` lines high: 2 on a big screen, 1 at 80x24, 0 (plain letters) on a small one."""
    room = width - COUNTS_WIDTH
    if room >= big_width(code, 2) and height >= 34:
        return 2
    if room >= big_width(code, 1) and height >= 22:
        return 1
    return 0


class JoinCode(Widget):
    """The session's join code, as big as the screen allows, for students to read and type."""

    code: reactive[str] = reactive("", layout=True)
    """The code, as `session.new_code` writes it."""

    def _plain(self) -> str:
        return f"Join code: {self.code}"

    def get_content_width(self, container: Size, viewport: Size) -> int:
        scale = code_scale(self.code, container.width, viewport.height)
        return big_width(self.code, scale) if scale else len(self._plain())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        scale = code_scale(self.code, container.width, viewport.height)
        return big_height(scale) if scale else 1

    def render(self) -> Content:
        width, height = self.content_size
        for scale in (2, 1):
            if big_width(self.code, scale) <= width and big_height(scale) <= height:
                return Content("\n".join(big_lines(self.code, scale)))
        return Content.styled(self._plain(), "bold")


# The roll

NOT_YET = "not yet"
"""A member whose vote is not in."""
VOTED = "voted"
"""A vote that is in, where how it was cast is hidden."""
NO_VOTE = "no vote"
"""Did not vote before the vote closed: counted as absent (on a statement, silent)."""
FREE = "free"
KEPT = " (kept)"
"""After the name of a student the chair kept a member for, who has not yet taken it."""


def student_cell(line: RollLine, width: int) -> Content:
    """Who holds the member: a name, 'free', or a name the chair keeps it for."""
    if not line.holder:
        return Content.styled(f" {FREE}", "dim italic")
    if line.joined:
        return Content(f" {line.holder}").truncate(width, ellipsis=True)
    name = Content(f" {line.holder}").truncate(max(1, width - len(KEPT)), ellipsis=True)
    return Content.assemble(name, (KEPT, "italic"))


def vote_cell(line: RollLine, scenario: Scenario) -> Content:
    """A member's vote as the roll lets the chair see it, always in words."""
    if line.counted_absent:
        return Content.styled(f" {NO_VOTE}", VOTE_STYLES[Vote.ABSENT])
    if line.vote is not None:
        label = scenario.decision.vote_label(line.vote, short=True)
        return Content.styled(f" {label}", VOTE_STYLES[line.vote])
    if line.hidden:
        return Content.styled(f" {VOTED}", "bold")
    return Content.styled(f" {NOT_YET}", VOTE_STYLES[None])


def recorded_cell(line: RollLine, scenario: Scenario) -> Content:
    """The member's vote as the Council recorded it; a dash where there is none."""
    if line.recorded is None:
        return Content.styled(" —", "dim")
    label = scenario.decision.vote_label(line.recorded, short=True)
    return Content.styled(f" {label}", VOTE_STYLES[line.recorded])


class ChairRoll(DataTable[Content]):
    """The roll: each member, the student who holds it, and its vote; once the record is shown,
    the Council's recorded vote beside it.

    | Key(s) | Description |
    | :- | :- |
    | up / down | Choose a member, to free it or keep it for a student. |
    | home / end | The first / last member. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First member", show=False),
        Binding("end", "scroll_bottom", "Last member", show=False),
    ]

    roll: var[Roll | None] = var(None)
    """The roll on screen, bound to `ChairScreen.roll`. A var: a poll that changes one vote
    redraws that row only (see `watch_roll`)."""

    wide: reactive[bool] = reactive(False)
    """Members by name as well as code, where the screen has room; set by the screen."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", cell_padding=0, id=id)
        self.scenario: Scenario | None = None
        """The scenario the roll is of: its words for the votes."""
        self._shape: tuple[object, ...] = ()
        """What the columns and rows were built for."""

    def _shape_of(self, roll: Roll) -> tuple[object, ...]:
        return (
            tuple(line.member.code for line in roll.lines),
            roll.phase is Phase.REVEALED,
            self.wide,
        )

    def watch_roll(self, before: Roll | None, roll: Roll | None) -> None:
        if roll is None or self.scenario is None:
            return
        if self._shape_of(roll) != self._shape or before is None:
            self._build(roll)
            return
        for old, line in zip(before.lines, roll.lines, strict=True):
            if old != line:
                for key, cell in self._cells(line).items():
                    self.update_cell(line.member.code, key, cell)

    def watch_wide(self) -> None:
        if self.roll is not None:
            self._build(self.roll)

    def _widths(self, revealed: bool) -> dict[str, int]:
        widths = {"code": 5, "permanent": 2, "student": 16 if revealed else 22, "vote": 11}
        if self.wide:
            widths = {"member": 22, **widths}
        if revealed:
            widths["recorded"] = 11
        return widths

    def _build(self, roll: Roll) -> None:
        revealed = roll.phase is Phase.REVEALED
        self._shape = self._shape_of(roll)
        row = self.cursor_row
        self.clear(columns=True)
        labels = {
            "member": "Member",
            "code": "",
            "permanent": "",
            "student": "Student",
            "vote": "Vote",
            "recorded": "Recorded",
        }
        for key, width in self._widths(revealed).items():
            self.add_column(f" {labels[key]}", width=width, key=key)
        for line in roll.lines:
            self.add_row(*self._cells(line).values(), key=line.member.code)
        if self.is_valid_row_index(row):
            self.move_cursor(row=row, animate=False)

    def _cells(self, line: RollLine) -> dict[str, Content]:
        assert self.scenario is not None
        widths = self._widths(self.roll is not None and self.roll.phase is Phase.REVEALED)
        member = line.member
        cells: dict[str, Content] = {}
        if self.wide:
            cells["member"] = Content(f" {fitted_name(member, widths['member'] - 1)}")
        cells["code"] = Content(f" {member.code}")
        cells["permanent"] = Content(PERMANENT_MARK if member.permanent else "")
        cells["student"] = student_cell(line, widths["student"])
        cells["vote"] = vote_cell(line, self.scenario)
        if "recorded" in widths:
            cells["recorded"] = recorded_cell(line, self.scenario)
        return cells

    @property
    def highlighted_member(self) -> Member | None:
        """The member under the cursor; None while the roll is empty."""
        if self.roll is None or not self.is_valid_row_index(self.cursor_row):
            return None
        return self.roll.lines[self.cursor_row].member


# Words for the chair

PHASE_WORDS = {
    Phase.WAITING: "The vote is not open yet: students take their members. o opens it.",
    Phase.OPEN: "The vote is open: students vote, and may change their votes. c closes it.",
    Phase.CLOSED: "The vote is closed: the votes and the verdict are final. r shows the record.",
    Phase.REVEALED: "Closed: the record is shown beside the class's vote.",
}

NEXT_WORDS = " n: the next scenario."
"""Added once the vote is final, where the session has a next scenario."""


def phase_words(roll: Roll) -> str:
    """Where the vote stands, and the key that takes it on."""
    words = PHASE_WORDS[roll.phase]
    if roll.phase is Phase.REVEALED and roll.position < roll.scenarios:
        words += NEXT_WORDS
    return words


MODE_WORDS = {
    Mode.VISIBLE: "Votes are shown to everyone as they are cast, as in the chamber.",
    Mode.HIDDEN: "Hidden mode: students see only who has voted, and how many, until you close "
    "the vote; each sees their own vote. You see every vote here: v hides them on this screen, "
    "for a projector.",
}

HIDDEN_HERE = (
    "The votes, the tally and the verdict are hidden on this screen, as students see them, "
    "until the vote closes: v shows them."
)

HIDDEN_BANNER = "HIDDEN until the vote closes"
"""The banner while the votes are hidden on this screen: no verdict to show."""

WAITING_BANNER = "NOT OPEN YET · o opens the vote"
"""The banner before the vote opens: no verdict yet (an 'OPEN' one would say the vote was)."""


def counts_words(roll: Roll) -> str:
    """Who has joined and voted, for the chair to see at a glance beside the code."""
    members = len(roll.lines)
    joined = sum(line.joined for line in roll.lines)
    return (
        f"Joined {joined} of {members}\nVoted {roll.votes_in} of {members}\n"
        f"Scenario {roll.position} of {roll.scenarios}"
    )


def outcome_words(roll: Roll, verdict: Verdict | None) -> str:
    """Once revealed, the class's outcome beside the Council's, counted by the rules each."""
    if roll.phase is not Phase.REVEALED or verdict is None:
        return ""
    if roll.recorded is None:
        return f"The class: {verdict.headline}\nThe Council: no vote (it never voted on this)."
    recorded = roll.recorded.verdict
    same = "the same as" if recorded.reason is verdict.reason else "not the same as"
    return (
        f"The class: {verdict.headline}\nThe Council: {recorded.headline}\n"
        f"The class's outcome is {same} the Council's."
    )


HIDDEN_CLOSED = (
    "Hidden mode: students saw only who had voted until the vote closed. Now every screen "
    "shows every vote."
)


def note_words(roll: Roll, scenario: Scenario) -> str:
    """The mode, and who did not vote in time, beneath the tally."""
    closed = roll.phase in (Phase.CLOSED, Phase.REVEALED)
    if roll.hidden:
        parts = [HIDDEN_HERE]
    elif closed and roll.mode is Mode.HIDDEN:
        parts = [HIDDEN_CLOSED]  # nothing is hidden any more: v is offered no more
    else:
        parts = [MODE_WORDS[roll.mode]]
    absent = [line.member.code for line in roll.lines if line.counted_absent]
    if absent:
        counted = scenario.decision.vote_label(Vote.ABSENT, short=True)
        parts.append(
            f"No vote before the vote closed, so counted as {counted}: {', '.join(absent)}."
        )
    return "\n\n".join(parts)


class ChairBanner(VerdictBanner):
    """The verdict in one line, as on the vote screen; while the votes are hidden on this
    screen, words that say so rather than an empty bar."""

    hidden: reactive[bool] = reactive(False, repaint=False)
    """The roll is drawn as students see it in hidden mode: no verdict yet."""

    waiting: reactive[bool] = reactive(False, repaint=False)
    """The vote is not open yet: no verdict yet."""

    def _restate(self) -> None:
        """The words change with `hidden` and `waiting`, not with the verdict alone."""
        self._drawn = None
        self.refit()

    watch_hidden = watch_waiting = _restate

    def text(self) -> Content:
        if self.verdict is None and self.waiting:
            return Content(WAITING_BANNER)
        if self.verdict is None and self.hidden:
            return Content(HIDDEN_BANNER)
        return super().text()


class ChairQuestion(ModalScreen[bool]):
    """Asks before a step that cannot be taken back: closing the vote, freeing a member.

    | Key(s) | Description |
    | :- | :- |
    | y | Do it. |
    | n, escape | Leave it. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, title: str, question: str, yes: str) -> None:
        super().__init__()
        self.title_words = title
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="chair-question") as box:
            box.border_title = self.title_words
            yield Static(self.question, markup=False)
            with Horizontal(id="chair-question-buttons"):
                yield Button(f"{self.yes} (y)", variant="warning", id="yes")
                yield Button("Leave it (n)", variant="primary", id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class AssignDialog(ModalScreen[str | None]):
    """Asks for the name of the student to keep a member for: they take it by that name.

    | Key(s) | Description |
    | :- | :- |
    | enter | Keep the member for this name. |
    | escape | Leave it. |
    """

    AUTO_FOCUS = "#assign-name"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", "Leave it")]

    def __init__(self, member: Member) -> None:
        super().__init__()
        self.member = member

    def compose(self) -> ComposeResult:
        with Vertical(id="assign") as box:
            box.border_title = f"Keep {self.member.display_name} for a student"
            yield Label("The student's name", id="assign-label")
            yield Input(placeholder="First and last name, then enter", id="assign-name")
            yield Static(
                "They take the member by joining with this name. escape: leave it.",
                id="assign-note",
                markup=False,
            )

    @on(Input.Submitted, "#assign-name")
    def _given(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_leave(self) -> None:
        self.dismiss(None)


CHAIR_HELP = """\
## Chairing a class session

Each student takes one member of the Council and casts its vote from their own screen; you open \
the vote, close it, and show the Council's own vote beside the class's. The join code at the top \
is what students type to join: read it aloud, or leave it on the projector.

The roll shows each member, the student who holds it (or *free*; *(kept)* after a name you kept \
the member for, who has not taken it yet) and its vote as it comes in: *not yet* until it is in. \
The banner and the tally are counted by the rules of Article 27 from the votes in, as on the vote \
screen.

## The vote

- **o** opens the vote: the students may vote, and change their votes.
- **c** closes it, after asking: the votes and the verdict are final, and a closed vote is never \
reopened. A member that has not voted by then counts as absent (on a statement, silent): the roll \
says *no vote*.
- **r** shows the record, once the vote is closed: the Council's recorded vote beside each \
member's, and the two outcomes.
- **n** moves the class on to the next scenario of the pack, once the vote is closed. Students \
keep their members where the next Council has them.

## Members

- **f** frees the highlighted member, after asking: its student's token votes no more (a vote \
already cast stays cast), and another student can take it.
- **a** keeps the highlighted member, if free, for a student you name: they take it by joining \
with that name.

## Two modes

*Visible*: votes are shown to everyone as they are cast, as in the chamber. *Hidden*: students \
see only who has voted, and how many, until you close the vote; each sees their own. You see \
every vote here: if this screen is on the projector, **v** hides the votes, the tally and the \
verdict on it, as students see them, until the vote closes; **v** again shows them.

## Keys

| Key | Does |
| :-- | :-- |
| up, down | choose a member |
| o, c, r | open the vote, close it, show the record |
| n | the next scenario of the pack |
| f, a | free the highlighted member, keep it for a student |
| v | in hidden mode: hide the votes on this screen, or show them |
| ? | this help |
| ctrl+p | the command palette: every action, and Change theme |
| q | quit: the session stays in the data folder, to chair again with the token |
"""


class ChairHelp(HelpScreen):
    """The chair's keys and what each step does, over the chair's screen."""

    HEADING = "Chairing a class session"
    TEXT = CHAIR_HELP


NAMES_FROM = 110
"""From this width the roll names each member as well as giving its code."""

SESSION_GONE = (
    "The class session is no longer in the data folder (it was cleared): nothing more can be "
    "done here. q quits."
)


class ChairScreen(Screen[None]):
    """A class session as its chair runs it: the code, the roll, the verdict, the controls.

    | Key(s) | Description |
    | :- | :- |
    | o | Open the vote. |
    | c | Close the vote (asks first: it is final). |
    | r | Show the recorded vote beside the class's, once closed. |
    | f | Free the highlighted member (asks first). |
    | a | Keep the highlighted member for a student's name. |
    | n | Move the class on to the next scenario of its pack. |
    | v | In hidden mode: hide the votes on this screen, as students see them, or show them. |
    """

    AUTO_FOCUS = "#chair-roll"

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Screen types it as a list)
        (0, "-tiny-width"),
        (60, "-narrow"),
        (80, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-tiny-height"),
        (20, "-short"),
        (24, "-normal"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_vote", "Open", tooltip="Open the vote: the students may vote"),
        Binding("c", "close_vote", "Close", tooltip="Close the vote: votes and verdict are final"),
        Binding("r", "reveal", "Reveal", tooltip="The recorded vote beside the class's"),
        Binding("n", "next_scenario", "Next", tooltip="The next scenario of the pack"),
        Binding("f", "free", "Free", tooltip="Free the highlighted member"),
        Binding("a", "assign", "Assign", tooltip="Keep the highlighted member for a student"),
        # One key, two labels, in hidden mode only: the footer says what pressing it will do.
        Binding("v", "hide_votes", "Hide votes", tooltip="As students see them: for a projector"),
        Binding("v", "show_votes", "Show votes", tooltip="Every vote, as the chair sees them"),
    ]

    roll: var[Roll | None] = var(None)
    """The session as the chair sees it; replaced on every change, never mutated."""

    verdict: var[Verdict | None] = var(None)
    """`rules.count` of the roll's ballot (`Roll.verdict`), set with each roll: None while it
    is hidden from the viewer, or there is no roll."""

    def __init__(self, store: Store, code: str, chair: str, catalogue: Catalogue) -> None:
        super().__init__()
        self.store = store
        self.code = code
        self.chair = chair
        """The chair's token: every step is sent with it, and the rules check it."""
        self.catalogue = catalogue
        self.session: ClassSession | None = None
        """The session as last read from the store, or as the chair's last step left it."""
        self.scenario: Scenario | None = None
        self.seen_by = Viewer()
        """Who the roll is drawn for: the chair, once the token is checked."""
        self.gone = False
        """The session is no longer in the store: said once, then nothing more to do."""
        self.unread = False
        """The store could not be read at the last poll: said once, not at every poll."""
        self.hiding = False
        """In hidden mode, the roll is drawn as anyone may see it (`session.Viewer()`), for a
        projector, rather than as the chair may."""
        self._keys_for: tuple[object, ...] = ()
        """The mode, `hiding` and the phase the footer's keys were last offered for: the keys
        are asked for again only when these change, not at every vote (it redraws the
        footer)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="chair-code-bar"):
            yield JoinCode(id="chair-code")
            yield Static(id="chair-counts", markup=False)
        yield Static(id="chair-phase", markup=False)
        yield ChairBanner(id="chair-banner").data_bind(ChairScreen.verdict)
        with Horizontal(id="chair-body"):
            yield ChairRoll(id="chair-roll").data_bind(ChairScreen.roll)
            with ReadingPane(id="chair-side"):
                yield Static(id="chair-outcomes", markup=False)
                yield TallyPanel().data_bind(ChairScreen.verdict)
                yield ReasonPanel().data_bind(ChairScreen.verdict)
                yield Static(id="chair-note", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(JoinCode).code = self.code
        self._reload()
        self.set_interval(POLL_SECONDS, self._poll)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(ChairRoll).wide = event.size.width >= NAMES_FROM

    # Reading the session

    def _poll(self) -> None:
        """Read the session again only when another process has written to the store."""
        if self.gone:
            return
        try:
            if self.store.changed():
                self._reload()
        except StoreError as error:
            self._cannot_read(error)

    def _reload(self) -> None:
        try:
            session = self.store.class_session(self.code)
        except StoreError as error:
            self._cannot_read(error)
            return
        self.unread = False
        if session is None:
            self.gone = True
            self.notify(SESSION_GONE, title="No session", severity="error", markup=False)
            self.query_one("#chair-phase", Static).update(SESSION_GONE)
            return
        self._show(session)

    def _cannot_read(self, error: StoreError) -> None:
        if self.unread:
            return
        self.unread = True
        self.notify(
            f"The session cannot be read just now: {error}. The screen shows it as last read.",
            title="Not read",
            severity="warning",
            markup=False,
        )

    def _show(self, session: ClassSession) -> None:
        """Draw the session as the chair may see it (everything, once the token is checked)."""
        if self.session is None:
            try:
                self.seen_by = viewer(session, chair=self.chair)
            except SessionError as error:
                self.notify(
                    capital(str(error)), title="Not the chair", severity="warning", markup=False
                )
        self.session = session
        scenario = self.catalogue.get(session.scenario_id)
        phase = self.query_one("#chair-phase", Static)
        if scenario is None:
            self.scenario = None
            self.roll = None
            self.verdict = None
            phase.update(self._not_loaded(session.scenario_id))
            return
        self.scenario = scenario
        shown = roll(session, scenario, Viewer() if self.hiding else self.seen_by)
        # The screen is the one a class sees: until the record is shown, a title that names a
        # resolution would tell the outcome (as the students' screens, it hides it).
        revealed = shown.phase is Phase.REVEALED
        self.sub_title = scenario.title if revealed else prediction_title(scenario)
        self.query_one(ChairRoll).scenario = scenario
        self.roll = shown
        waiting = shown.phase is Phase.WAITING
        self.verdict = None if waiting else shown.verdict
        banner = self.query_one(ChairBanner)
        banner.hidden, banner.waiting = shown.hidden, waiting
        for panel in (self.query_one(TallyPanel), self.query_one(ReasonPanel)):
            panel.display = self.verdict is not None
        keys = (session.mode, self.hiding, shown.phase)
        if keys != self._keys_for:  # what `check_action` offers
            self._keys_for = keys
            self.refresh_bindings()
        say(phase, phase_words(shown))
        say(self.query_one("#chair-counts", Static), counts_words(shown))
        outcomes = outcome_words(shown, self.verdict)
        say(self.query_one("#chair-outcomes", Static), outcomes)
        self.query_one("#chair-outcomes", Static).display = bool(outcomes)
        say(self.query_one("#chair-note", Static), note_words(shown, scenario))

    @staticmethod
    def _not_loaded(scenario_id: str) -> str:
        return (
            f"The session is on the scenario {scenario_id!r}, which is not among those loaded: "
            "quit, and chair it again with its folder given by --scenarios DIR."
        )

    def _scenario_of(self, session: ClassSession) -> Scenario:
        """The session's scenario, read again inside each step: it may have moved on."""
        scenario = self.catalogue.get(session.scenario_id)
        if scenario is None:
            raise SessionError(self._not_loaded(session.scenario_id))
        return scenario

    # The chair's steps: each one the session's rule, applied in the store

    def _refused(self, rule: Callable[[ClassSession], object]) -> bool:
        """Try the rule on the session as shown, without keeping anything: a step the rules
        refuse is said at once, before any question is asked."""
        if self.session is None:
            return True
        try:
            rule(self.session)
        except SessionError as error:
            self._say_refused(error)
            return True
        return False

    def _say_refused(self, error: SessionError) -> None:
        self.notify(capital(str(error)), title="Not done", severity="warning", markup=False)

    def _apply(self, rule: Callable[[ClassSession], ClassSession], done: str = "") -> bool:
        """Apply one of the session's rules in the store, and show what it gives."""
        if self.gone:
            self.notify(SESSION_GONE, title="No session", severity="error", markup=False)
            return False
        try:
            after = self.store.change_class(self.code, rule)
        except SessionError as error:
            self._say_refused(error)
            return False
        except StoreError as error:
            self.notify(
                f"Nothing was changed: {error}.", title="Not saved", severity="error", markup=False
            )
            return False
        self._show(after)
        if done:
            self.notify(done, timeout=4, markup=False)
        return True

    def action_open_vote(self) -> None:
        """Open the vote: the seated students may vote."""
        self._apply(lambda s: open_vote(s, self.chair), "The vote is open.")

    def action_close_vote(self) -> None:
        """Close the vote, after asking: it cannot be reopened."""
        if self._refused(lambda s: close_vote(s, self.chair)):
            return
        question = (
            "Close the vote? The votes and the verdict become final: a closed vote is never "
            "reopened, and a member that has not voted counts as absent."
        )
        if waiting := self._not_in():
            question += f" Not in yet: {waiting}."

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(lambda s: close_vote(s, self.chair), "The vote is closed.")

        self.app.push_screen(ChairQuestion("Close the vote?", question, "Close it"), answered)

    def _not_in(self) -> str:
        """The members whose votes are not in, by code."""
        lines = self.roll.lines if self.roll is not None else ()
        return ", ".join(line.member.code for line in lines if not line.voted)

    def action_reveal(self) -> None:
        """Show the recorded vote beside the class's: only once the vote is closed."""
        self._apply(lambda s: reveal(s, self.chair), "The record is shown.")

    def action_next_scenario(self) -> None:
        """Move the class on to the next scenario of its order."""

        def following(session: ClassSession) -> Scenario | None:
            wanted = session.next_scenario_id()
            return self.catalogue.get(wanted) if wanted else None

        self._apply(lambda s: next_scenario(s, self.chair, following(s)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hiding matters only until the vote closes: then every screen shows every vote.
        hidden_mode = (
            self.session is not None
            and self.session.mode is Mode.HIDDEN
            and self.session.phase in (Phase.WAITING, Phase.OPEN)
        )
        if action == "hide_votes":
            return hidden_mode and not self.hiding
        if action == "show_votes":
            return hidden_mode and self.hiding
        return True

    def action_hide_votes(self) -> None:
        """Draw the roll as students see it until the vote closes: for a projector."""
        self._hide_votes(True)

    def action_show_votes(self) -> None:
        """Draw every vote again, as the chair may see them."""
        self._hide_votes(False)

    def _hide_votes(self, hiding: bool) -> None:
        self.hiding = hiding
        if self.session is not None:
            self._show(self.session)

    def _highlighted(self) -> Member | None:
        return self.query_one(ChairRoll).highlighted_member

    def action_free(self) -> None:
        """Free the highlighted member, after asking: its token votes no more."""
        member = self._highlighted()
        if member is None or self.session is None:
            return
        code = member.code
        if self._refused(lambda s: free_seat(s, self._scenario_of(s), self.chair, code)):
            return
        holder = self.session.seats[code].name
        question = (
            f"Free {member.display_name}, held by {holder}? The student's token votes no more "
            "(a vote already cast stays cast), and another student can take the member."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(
                    lambda s: free_seat(s, self._scenario_of(s), self.chair, code),
                    f"{capital(member.display_name)} is free.",
                )

        self.app.push_screen(ChairQuestion("Free a member?", question, "Free it"), answered)

    def action_assign(self) -> None:
        """Keep the highlighted member for a student, named in a small dialog."""
        member = self._highlighted()
        if member is None:
            return
        code = member.code

        def named(name: str | None) -> None:
            if name is None:
                return
            self._apply(
                lambda s: assign_seat(s, self._scenario_of(s), self.chair, code, name),
                f"{capital(member.display_name)} is kept for {name.strip()}: they take it by "
                "joining with that name.",
            )

        self.app.push_screen(AssignDialog(member), named)


class ChairApp(App[None]):
    """The chair's screen of one class session, on the store every process of the class shares.

    | Key(s) | Description |
    | :- | :- |
    | ? | The chair's keys, and what each step does. |
    | q | Quit: the session stays in the store, to chair again with the token. |
    """

    CSS_PATH = "app.tcss"
    TITLE = "UN Security Council · the chair"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        store: Store,
        code: str,
        chair: str,
        catalogue: Catalogue,
        *,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(HIGH_CONTRAST_THEME)
        self.store = store
        self.code = code
        self.chair = chair
        self.catalogue = catalogue
        self.theme = theme if theme in self.available_themes else THEME

    def get_default_screen(self) -> Screen[Any]:
        return ChairScreen(self.store, self.code, self.chair, self.catalogue)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(ChairHelp())

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CouncilPalette())

    def search_themes(self) -> None:
        """The themes, in the same safe palette as the commands."""
        self.push_screen(CouncilPalette([ThemeProvider], placeholder="Search for themes…"))

    def _on_chair_screen(self, action: str) -> Callable[[], None]:
        """A palette command that acts on the chair's screen when it runs (the palette has
        closed by then, and a dialog may have opened over the screen)."""

        def run() -> None:
            screen = self.screen
            if isinstance(screen, ChairScreen):
                getattr(screen, f"action_{action}")()

        return run

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The chair's steps, the help, the themes and quit."""
        if isinstance(screen, ChairScreen):
            for title, help, action in CHAIR_COMMANDS:
                yield SystemCommand(title, help, self._on_chair_screen(action))
            for title, help, action in HIDING_COMMANDS:
                if screen.check_action(action, ()):
                    yield SystemCommand(title, help, self._on_chair_screen(action))
        yield SystemCommand(
            "How to chair", "The chair's keys, and what each step does (?)", self.action_help
        )
        yield SystemCommand(
            "Change theme",
            f"Textual's themes, and {HIGH_CONTRAST} for a projector or low vision",
            self.search_themes,
        )
        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                yield command


CHAIR_COMMANDS = (
    ("Open the vote", "The students may vote (o)", "open_vote"),
    ("Close the vote", "Votes and verdict become final; asks first (c)", "close_vote"),
    ("Reveal the record", "The Council's vote beside the class's, once closed (r)", "reveal"),
    ("Next scenario", "Move the class on to the next scenario of the pack (n)", "next_scenario"),
    ("Free the highlighted member", "Its student's token votes no more; asks first (f)", "free"),
    ("Assign the highlighted member", "Keep it for a student you name (a)", "assign"),
)
"""The palette's commands on the chair's screen: (title, help, the screen's action)."""

HIDING_COMMANDS = (
    ("Hide the votes on this screen", "As students see them, for a projector (v)", "hide_votes"),
    ("Show the votes on this screen", "Every vote, as the chair sees them (v)", "show_votes"),
)
"""In hidden mode, the one of these that applies."""
