"""Pilot tests of a student's seat in a class session (`class join`, `serve --class`): a name, a
member, that member's vote and no other, and the chair's changes arriving from another process.

The chair here is a second `Store` on the same file, as the chair's own process would be: what
it writes reaches the seat only through the store, as it would in class.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import DataTable, Input, Static

from simulator import cli
from simulator.cli import main
from simulator.packs import catalogue_for
from simulator.predict import prediction_title
from simulator.rules import Reason, Vote
from simulator.scenarios import Catalogue, Scenario, load_catalogue
from simulator.serve import open_warning, served_command
from simulator.session import (
    ClassSession,
    Mode,
    Phase,
    assign_seat,
    cast_vote,
    close_vote,
    free_seat,
    new_code,
    new_token,
    next_scenario,
    open_vote,
    reveal,
    start,
    take_seat,
)
from simulator.store import FILE_NAME, Store
from simulator.ui.name import NameScreen
from simulator.ui.seat import (
    HIDDEN,
    POLL,
    SEAT_HELP,
    SEAT_NOT_A_LOGIN,
    MembersScreen,
    RollTable,
    SeatApp,
    SeatBanner,
    SeatHelp,
    SeatScreen,
)
from simulator.ui.widgets import ReadingPane, TallyPanel

GAZA = "2024-gaza-ceasefire"
SIZE = (80, 24)
UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"
EXAMPLE_PACK = Path(__file__).parent.parent / "docs" / "example-pack"


@dataclass
class Room:
    """A class session in a store of its own, and the chair acting from a second connection."""

    path: Path
    store: Store
    """The seat's store, handed to the app."""
    chair_store: Store
    """Another connection to the same file: the chair's process, or another student's."""
    code: str
    chair: str
    scenario: Scenario
    catalogue: Catalogue

    def chair_does(self, rule: Callable[[ClassSession], ClassSession]) -> ClassSession:
        return self.chair_store.change_class(self.code, rule)

    def open_vote(self) -> None:
        self.chair_does(lambda s: open_vote(s, self.chair))

    def seat_for(self, member: str, name: str) -> str:
        """Another student takes `member`, from their own process; their token."""
        token = new_token()
        self.chair_does(lambda s: take_seat(s, self.scenario, member, name, token))
        return token

    def now(self) -> ClassSession:
        """The session as the file holds it, read by the chair's connection."""
        session = self.chair_store.class_session(self.code)
        assert session is not None
        return session


def make_room(
    path: Path, catalogue: Catalogue, scenario_id: str, mode: Mode, folders: tuple[Path, ...] = ()
) -> Room:
    scenario = catalogue.get(scenario_id)
    assert scenario is not None
    store = Store.open(path / FILE_NAME)
    chair = new_token()
    session = start(
        scenario, chair=chair, code=new_code(), mode=mode, folders=tuple(map(str, folders))
    )
    assert store.start_class(session)
    chair_store = Store.open(path / FILE_NAME)
    return Room(path, store, chair_store, session.code, chair, scenario, catalogue)


@pytest.fixture
def room(tmp_path: Path, ui_catalogue: Catalogue) -> Iterator[Room]:
    """A visible-mode session on the Gaza draft, every member free, the vote not yet open."""
    made = make_room(tmp_path, ui_catalogue, GAZA, Mode.VISIBLE, (UI_FIXTURES,))
    yield made
    made.store.close()
    made.chair_store.close()


@pytest.fixture
def hidden_room(tmp_path: Path, ui_catalogue: Catalogue) -> Iterator[Room]:
    """The same, with votes hidden until the chair closes the vote."""
    made = make_room(tmp_path, ui_catalogue, GAZA, Mode.HIDDEN, (UI_FIXTURES,))
    yield made
    made.store.close()
    made.chair_store.close()


def caught_notes(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app's notifications, as their messages."""
    notes: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notes.append(message))
    return notes


async def until(pilot: Any, check: Callable[[], bool], polls: int = 30) -> bool:
    """Whether `check` comes true within so many of the app's polls of the store."""
    for _ in range(polls):
        if check():
            return True
        await pilot.pause(POLL)
    return check()


def phase_is(screen: SeatScreen, phase: Phase) -> Callable[[], bool]:
    return lambda: screen.shown is not None and screen.shown.phase is phase


def seat_screen(app: App[Any]) -> SeatScreen:
    screen = app.screen
    assert isinstance(screen, SeatScreen), f"expected the seat screen, not {screen!r}"
    return screen


def offered(app: App[Any]) -> list[str]:
    """The members the members screen offers, by code."""
    assert isinstance(app.screen, MembersScreen)
    table = app.screen.query_one("#free-members", DataTable)
    return [str(row.value) for row in table.rows]


async def give_name(app: App[Any], pilot: Any, name: str) -> None:
    assert isinstance(app.screen, NameScreen)
    app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()


async def take(app: App[Any], pilot: Any, member: str) -> None:
    """Move to `member` on the members screen and take it."""
    codes = offered(app)
    table = app.screen.query_one("#free-members", DataTable)
    table.move_cursor(row=codes.index(member), animate=False)
    await pilot.press("enter")
    await pilot.pause()


def row_of(app: App[Any], member: str) -> int:
    return seat_screen(app).query_one(RollTable).member_codes.index(member)


async def test_a_name_then_a_free_member_then_a_vote(room: Room) -> None:
    """The name first (said to be no login), then the free members; the member taken is held
    under the name, and `y` on its row casts its vote in the shared store."""
    room.seat_for("USA", "Li Wei")
    app = SeatApp(room.store, room.code, room.catalogue)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, NameScreen)
        note = app.screen.query_one("#name-note", Static)
        assert str(note.render()).startswith("Your name shows the chair")
        assert "not a login" in SEAT_NOT_A_LOGIN
        await give_name(app, pilot, "  Amina   Diallo ")
        assert isinstance(app.screen, MembersScreen)
        assert "Amina Diallo" in app.title
        codes = offered(app)
        assert "USA" not in codes  # taken by Li Wei
        assert len(codes) == len(room.scenario.members) - 1
        await take(app, pilot, "FRA")
        screen = seat_screen(app)
        assert screen.query_one(RollTable).highlighted_code == "FRA"  # on their own row
        assert room.now().seats["FRA"].name == "Amina Diallo"
        room.open_vote()
        assert await until(
            pilot, lambda: screen.shown is not None and screen.shown.phase is Phase.OPEN
        )
        await pilot.press("n")
        await pilot.pause()
        assert room.now().current.votes == {"FRA": Vote.AGAINST}
        await pilot.press("y")  # changed while the vote is open
        await pilot.pause()
        assert room.now().current.votes == {"FRA": Vote.IN_FAVOUR}
        assert screen.shown is not None
        assert [line.member.code for line in screen.shown.lines if line.yours] == ["FRA"]


async def test_a_name_given_on_the_command_line_goes_straight_to_the_members(
    room: Room,
) -> None:
    """`class join --name` asks no name: the members come first."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        assert len(offered(app)) == len(room.scenario.members)


async def test_a_vote_on_another_members_row_is_refused_once(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys on another member's row cast nothing, and say why once, however often pressed."""
    room.open_vote()
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        table = seat_screen(app).query_one(RollTable)
        table.move_to("USA")
        await pilot.pause()
        await pilot.press("n", "n", "y", "n")
        await pilot.pause()
        assert room.now().current.votes == {}
        assert notes == [
            "The United States is not yours: you cast only the vote of France, on your row "
            "(marked ▸). Press m to go back to it."
        ]
        await pilot.press("m", "n")  # back to their own row, where the key votes
        await pilot.pause()
        assert table.highlighted_code == "FRA"
        assert room.now().current.votes == {"FRA": Vote.AGAINST}


async def test_nothing_is_cast_before_the_chair_opens_the_vote(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Waiting, the screen says so in words, and a vote is refused with the rules' reason."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        screen = seat_screen(app)
        banner = screen.query_one(SeatBanner)
        assert banner.words == "Waiting for the chair to open the vote"
        assert banner.verdict is None  # no outcome's colour before the vote opens
        await pilot.press("y", "y")
        await pilot.pause()
        assert room.now().current.votes == {}
        assert notes == ["The vote is not open yet: wait for the chair to open it."]


async def test_a_closed_vote_refuses_a_change(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the chair closes the vote, the vote cast stays, and a change is refused."""
    room.open_vote()
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        await pilot.press("y")
        await pilot.pause()
        room.chair_does(lambda s: close_vote(s, room.chair))
        screen = seat_screen(app)
        assert await until(
            pilot, lambda: screen.shown is not None and screen.shown.phase is Phase.CLOSED
        )
        await pilot.press("n")
        await pilot.pause()
        assert room.now().current.votes == {"FRA": Vote.IN_FAVOUR}
        assert notes == ["The vote is closed: votes cannot be cast or changed after it closes."]
        assert screen.query_one(SeatBanner).words.endswith(" · final")


async def test_a_vote_written_by_another_process_appears_within_a_few_polls(room: Room) -> None:
    """The chair opens the vote and a classmate votes, each from a store of their own: the
    seat shows both, read again because the store said another connection wrote."""
    classmate = room.seat_for("USA", "Li Wei")
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        screen = seat_screen(app)
        room.open_vote()
        room.chair_does(lambda s: cast_vote(s, room.scenario, classmate, Vote.AGAINST))

        def usa_against() -> bool:
            shown = screen.shown
            return shown is not None and any(
                line.member.code == "USA" and line.vote is Vote.AGAINST for line in shown.lines
            )

        assert await until(pilot, usa_against)
        table = screen.query_one(RollTable)
        cell = table.cells("USA")["vote"]
        assert cell.plain.strip() == "against"
        assert screen.query_one(SeatBanner).words.startswith("OPEN")


async def test_hidden_mode_shows_how_many_have_voted_and_the_students_own_vote(
    hidden_room: Room,
) -> None:
    """Hidden: a classmate's vote is only 'voted', there is no tally or verdict, and the
    student's own vote is shown; once closed, every vote and the verdict are."""
    room = hidden_room
    classmate = room.seat_for("USA", "Li Wei")
    room.open_vote()
    room.chair_does(lambda s: cast_vote(s, room.scenario, classmate, Vote.AGAINST))
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        await pilot.press("y")
        screen = seat_screen(app)
        # Drawn within the gap between two drawings (seat.DRAW_GAP), after the take's.
        assert await until(pilot, lambda: screen.shown is not None and screen.shown.votes_in == 2)
        shown = screen.shown
        assert shown is not None
        assert shown.verdict is None
        table = screen.query_one(RollTable)
        assert table.cells("USA")["vote"].plain.strip() == HIDDEN
        assert table.cells("FRA")["vote"].plain.strip() == "in favour"
        banner = screen.query_one(SeatBanner)
        assert banner.words == "The vote is open · votes hidden · 2 of 15 in"
        assert banner.verdict is None
        phase = str(screen.query_one("#phase", Static).render())
        assert "2 of 15 members have voted" in phase
        room.chair_does(lambda s: close_vote(s, room.chair))
        assert await until(
            pilot, lambda: screen.shown is not None and screen.shown.verdict is not None
        )
        assert table.cells("USA")["vote"].plain.strip() == "against"
        assert screen.shown is not None and screen.shown.verdict is not None
        assert screen.shown.verdict.reason is Reason.INSUFFICIENT_VOTES


async def test_the_same_name_gets_the_member_back(room: Room) -> None:
    """A student who closed the tab joins again under the same name (in other letters): their
    member is offered as theirs, and taking it gives a new token; the old one votes no more."""
    room.open_vote()
    first = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with first.run_test(size=SIZE) as pilot:
        await take(first, pilot, "FRA")
        await pilot.press("y")
        await pilot.pause()
        old_token = first.token
    assert old_token is not None
    again = SeatApp(room.store, room.code, room.catalogue, name="amina DIALLO")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, MembersScreen)
        table = again.screen.query_one("#free-members", DataTable)
        assert offered(again)[table.cursor_row] == "FRA"  # their own, under the cursor
        assert table.get_cell("FRA", "status").plain == "yours: take it back"
        await pilot.press("enter")
        await pilot.pause()
        screen = seat_screen(again)
        assert screen.shown is not None
        own = [line for line in screen.shown.lines if line.yours]
        assert [(line.member.code, line.vote) for line in own] == [("FRA", Vote.IN_FAVOUR)]
        assert again.token not in (None, old_token)
        session = room.now()
        assert session.seat_of_token(old_token) is None
        assert session.seats["FRA"].name == "Amina Diallo"  # as first given


async def test_a_window_whose_member_is_taken_back_elsewhere_says_so(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same name takes the member in another window: this one goes back to the members,
    saying why, and offers the member to take back here."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        room.seat_for("FRA", "Amina Diallo")
        assert await until(pilot, lambda: isinstance(app.screen, MembersScreen))
        await pilot.pause()
        assert app.token is None
        assert "FRA" in offered(app)
    assert notes == [
        "Your member was taken back under your name in another window: this one no longer "
        "votes. Take it back here to vote from here."
    ]


async def test_a_member_freed_by_the_chair_sends_the_student_back_to_the_members(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chair frees the student's member: the seat says so and offers the free members."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        room.chair_does(lambda s: free_seat(s, room.scenario, room.chair, "FRA"))
        assert await until(pilot, lambda: isinstance(app.screen, MembersScreen))
        await pilot.pause()
        assert "FRA" in offered(app)
    assert notes == [
        "Your member is no longer yours: the chair freed it, or the class moved on to a "
        "Council without it. Choose a member."
    ]


async def test_a_member_freed_while_the_palette_is_open_still_goes_back(room: Room) -> None:
    """The palette open over the seat when the member is freed: it closes, and the members
    come back, rather than a seat that no longer votes."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        app.action_command_palette()
        await pilot.pause()
        assert not isinstance(app.screen, SeatScreen)
        room.chair_does(lambda s: free_seat(s, room.scenario, room.chair, "FRA"))
        assert await until(pilot, lambda: isinstance(app.screen, MembersScreen))
        await pilot.pause()
        assert len(app.screen_stack) == 2  # the default screen, and the members


async def test_the_list_of_members_follows_what_classmates_take(room: Room) -> None:
    """A member taken by a classmate leaves the list; when every one is taken, it says so."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        room.seat_for("USA", "Li Wei")
        assert await until(pilot, lambda: "USA" not in offered(app))
        for number, member in enumerate(room.scenario.members):
            if member.code != "USA":
                room.seat_for(member.code, f"Student {number}")
        assert await until(pilot, lambda: offered(app) == [])
        assert app.screen.query_one("#none-free").display
        await pilot.press("enter")  # nothing to take: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)


async def test_a_member_taken_meanwhile_is_refused_in_words(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two students choose one member at once: the second is told who holds it."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        room.seat_for("FRA", "Li Wei")
        app.take("FRA")  # before the next poll takes it off the list
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        assert app.token is None
    assert notes == ["France is taken by Li Wei: choose a free member."]


async def test_after_the_reveal_the_record_is_beside_the_class(room: Room) -> None:
    """Revealed: each member's recorded vote in a column of its own, and the two outcomes."""
    room.open_vote()
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "USA")
        await pilot.press("n")
        await pilot.pause()
        room.chair_does(lambda s: close_vote(s, room.chair))
        room.chair_does(lambda s: reveal(s, room.chair))
        screen = seat_screen(app)
        assert await until(pilot, phase_is(screen, Phase.REVEALED))
        table = screen.query_one(RollTable)
        assert table.cells("USA")["vote"].plain.strip() == "against"
        assert table.cells("USA")["record"].plain.strip() == "in favour"
        assert table.border_title == "Members · vote · recorded"
        assert table.cells("RUS")["record"].plain.strip() == "against"
        assert table.cells("FRA")["vote"].plain.strip() == "did not vote"
        record = str(screen.query_one("#record", Static).render()).splitlines()
        assert record[0].startswith("The Council: NOT ADOPTED — vetoed by")
        assert record[1].startswith("The class: NOT ADOPTED — 0 of the 9")
        assert record[2] == "The class's outcome is not the same as the Council's."


async def test_a_statement_takes_positions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a press statement the keys are agree, object and silent; an abstention is refused."""
    catalogue = load_catalogue()
    room = make_room(tmp_path, catalogue, "2021-05-17-press-statements", Mode.VISIBLE)
    room.open_vote()
    app = SeatApp(room.store, room.code, catalogue, name="Amina Diallo")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "USA")
        shown = {binding.binding.description for binding in app.active_bindings.values()}
        assert {"Agree", "Object", "Silent"} <= shown
        assert not {"Yes", "No", "Absent"} & shown
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
    assert room.now().current.votes == {"USA": Vote.AGAINST}
    assert len(notes) == 1 and notes[0].startswith("A press statement is agreed or objected to")
    room.store.close()
    room.chair_store.close()


async def test_a_member_kept_by_the_chair_is_offered_as_the_students(room: Room) -> None:
    """A member the chair kept for this name (`class assign`) is offered to it, under the
    cursor, and no other name sees it."""
    room.chair_does(lambda s: assign_seat(s, room.scenario, room.chair, "RUS", "Amina Diallo"))
    app = SeatApp(room.store, room.code, room.catalogue, name="AMINA DIALLO")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#free-members", DataTable)
        assert offered(app)[table.cursor_row] == "RUS"
        assert table.get_cell("RUS", "status").plain == "kept for you by the chair"
        await pilot.press("enter")
        await pilot.pause()
        assert seat_screen(app).query_one(RollTable).highlighted_code == "RUS"
    other = SeatApp(room.store, room.code, room.catalogue, name="Li Wei")
    async with other.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "RUS" not in offered(other)


async def test_the_seat_follows_the_class_to_the_next_scenario(tmp_path: Path) -> None:
    """The chair moves the class on in its pack: the seat shows the next vote, waiting, with
    the student's member, and a title that does not tell the record."""
    catalogue = catalogue_for([EXAMPLE_PACK])
    pack = catalogue.pack
    assert pack is not None
    order = tuple(s.id for s in catalogue.sections() if s.id in pack.scenario_ids)
    first, second = (catalogue.get(order[0]), catalogue.get(order[1]))
    assert first is not None and second is not None
    store = Store.open(tmp_path / FILE_NAME)
    chair_store = Store.open(tmp_path / FILE_NAME)
    chair = new_token()
    session = start(first, chair=chair, code=new_code(), order=order)
    assert store.start_class(session)
    app = SeatApp(store, session.code, catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "USA")
        screen = seat_screen(app)
        chair_store.change_class(session.code, lambda s: open_vote(s, chair))
        chair_store.change_class(session.code, lambda s: close_vote(s, chair))
        chair_store.change_class(session.code, lambda s: next_scenario(s, chair, second))
        assert await until(
            pilot, lambda: screen.shown is not None and screen.shown.scenario_id == second.id
        )
        assert screen.shown is not None and screen.shown.phase is Phase.WAITING
        assert [line.member.code for line in screen.shown.lines if line.yours] == ["USA"]
        assert screen.query_one(RollTable).highlighted_code == "USA"
        assert screen.sub_title == prediction_title(second) != second.title
        assert "scenario 2 of 3" in str(screen.query_one("#scenario-line", Static).render())
    store.close()
    chair_store.close()


async def test_the_palette_casts_the_students_own_vote(room: Room) -> None:
    """The palette offers the member's votes in the decision's words, and casts on the
    student's own member wherever the cursor is."""
    room.open_vote()
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        screen = seat_screen(app)
        screen.query_one(RollTable).move_to("USA")
        commands = {command.title: command for command in app.get_system_commands(screen)}
        votes = [title for title in commands if title.startswith("Vote: ")]
        assert votes == ["Vote: yes (y)", "Vote: no (n)", "Vote: abstain (a)", "Vote: absent (x)"]
        commands["Vote: abstain (a)"].callback()
        await pilot.pause()
        assert room.now().current.votes == {"FRA": Vote.ABSTENTION}


async def test_the_fifteen_free_members_fit_at_80x24_and_the_screen_never_scrolls(
    room: Room,
) -> None:
    """At 80x24 the list shows all fifteen members without scrolling; in a smaller window the
    list scrolls within its border, and the screen itself (with a scrollbar by the title) not."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#free-members", DataTable)
        assert table.row_count == 15
        assert (app.screen.max_scroll_y, table.max_scroll_y) == (0, 0)
        await pilot.resize_terminal(70, 16)
        await pilot.pause()
        assert app.screen.max_scroll_y == 0
        assert table.max_scroll_y > 0


async def test_the_tally_fits_beside_the_members_at_80_columns(room: Room) -> None:
    """At 80x24 the roll leaves the side pane room for the tally's two columns: its heading
    and three lines, none of them folded onto a line of its own."""
    room.open_vote()
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        tally = seat_screen(app).query_one(TallyPanel)
        assert await until(pilot, lambda: tally.display and tally.size.height > 0)
        assert tally.size.height == 4
        assert tally.size.width >= max(line.cell_length for line in tally.text().split("\n"))


@pytest.mark.parametrize("size", [(80, 24), (59, 19), (40, 12), (20, 6), (8, 3)])
async def test_the_seat_fits_small_windows(room: Room, size: tuple[int, int]) -> None:
    """From 80x24 down to a few cells, each screen of the seat draws, and the keys still work."""
    room.open_vote()
    app = SeatApp(room.store, room.code, room.catalogue)
    async with app.run_test(size=size) as pilot:
        await give_name(app, pilot, "Amina Diallo")
        await take(app, pilot, "FRA")
        await pilot.press("n")
        await pilot.pause()
        screen = seat_screen(app)
        tiny = size[0] < 60 or size[1] < 20
        assert screen.query_one("#too-small").display == tiny
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()
    assert room.now().current.votes == {"FRA": Vote.AGAINST}


async def test_a_class_cleared_away_is_said_once(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data folder is reset under the class: the seat says so once, and does not crash."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Amina Diallo")
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await take(app, pilot, "FRA")
        room.chair_store.clear()
        assert await until(pilot, lambda: bool(notes))
        await pilot.pause(POLL * 3)
        assert app.is_running
    assert notes == [
        f"The class session {room.code} is no longer in the data folder: it was cleared. Ask "
        "the chair for a new code."
    ]


# --- The command line: class join, serve --class ------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


async def test_question_mark_opens_the_seats_help_and_escape_closes_it(room: Room) -> None:
    """On the name screen ? is part of a name; on the members and the vote, it opens how to take
    part (the seat, how the Council counts, the keys), and escape goes back."""
    room.open_vote()
    app = SeatApp(room.store, room.code, room.catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, NameScreen)
        assert app.screen.query_one("#name", Input).value == "?"
        await give_name(app, pilot, "Amina Diallo")
        await pilot.press("question_mark")
        assert isinstance(app.screen, SeatHelp)
        await pilot.press("escape")
        assert isinstance(app.screen, MembersScreen)
        await take(app, pilot, "FRA")
        await pilot.press("question_mark")
        assert isinstance(app.screen, SeatHelp)
        assert app.screen.query_one(ReadingPane).border_title == "Your seat in a class session"
        await pilot.press("question_mark")  # ? closes it too, as the simulator's help
        assert isinstance(app.screen, SeatScreen)
        footer = {binding.key for (_, binding, enabled, _) in app.active_bindings.values()}
        assert "question_mark" in footer
    for words in ("▸", "Article 27", "nine", "| y, n, a, x |", "| m |", "| q |"):
        assert words in SEAT_HELP


def test_the_served_command_for_a_class_is_its_join(tmp_path: Path) -> None:
    """Each tab of `serve --class` runs `class join CODE` on the same data folder, which asks
    the name itself (no --ask-name), with the scenarios given, if any."""
    command = served_command(
        "/opt/py/python", scenarios=[Path("/pack")], data=Path("/data"), class_code="KQ7-M4X-P2"
    )
    assert command == (
        "/opt/py/python -m simulator class join KQ7-M4X-P2 --scenarios /pack --data /data"
    )


def test_serving_a_class_that_is_not_there_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, room: Room
) -> None:
    """A code with no session, or not a code: one line, status 2, and no server."""
    status, out, err = run(capsys, "serve", "--class", "222-222-22", "--data", str(room.path))
    assert (status, out) == (2, "")
    assert err == (
        f"council-sim: error: there is no class session 222-222-22 in {room.path}: check the "
        "code, and give the folder the session was made in with --data DIR\n"
    )
    status, _, err = run(capsys, "serve", "--class", "nope", "--data", str(tmp_path / "none"))
    assert status == 2
    assert err.startswith("council-sim: error: 'nope' is not a class code")
    assert not (tmp_path / "none").exists()  # nothing made for a class that is not there


def test_serving_a_class_serves_its_seats(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, room: Room
) -> None:
    """A class that is there: the code in any case, the server given the seat's command."""
    served: list[str] = []
    monkeypatch.setattr(
        "simulator.serve.serve",
        lambda command, *, host, port, public_url: served.append(command),
    )
    port = "8765"
    typed = room.code.lower().replace("-", "")
    status, out, err = run(
        capsys, "serve", "--class", typed, "--data", str(room.path), "--port", port
    )
    assert (status, err) == (0, "")
    assert out == (
        f"Class session {room.code}: each browser tab asks for a name, then a member to take. "
        f"Votes are saved in {room.path / FILE_NAME}.\n"
    )
    assert served == [
        served_command(sys.executable, scenarios=[], data=room.path, class_code=room.code)
    ]


def test_serving_a_class_beyond_this_computer_warns_of_the_seats(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, room: Room
) -> None:
    """On the class's network, the warning says what anyone who reaches it can do in the
    session (take a member, or take one back by a name), not what it says of saved work."""
    monkeypatch.setattr("simulator.serve.serve", lambda command, **_: None)
    monkeypatch.setattr(cli, "port_problem", lambda host, port: "")
    argv = ["serve", "--class", room.code, "--data", str(room.path), "--host", "0.0.0.0"]
    status, _, err = run(capsys, *argv)
    assert status == 0
    assert err == open_warning("0.0.0.0", seats=True) + "\n"
    assert "take back a member by typing the name" in err


def test_class_join_without_a_terminal_says_what_to_use(
    capsys: pytest.CaptureFixture[str], room: Room
) -> None:
    """In a script there is no screen to join on: the commands that do it without one."""
    status, out, err = run(capsys, "class", "join", room.code, "--data", str(room.path))
    assert (status, out) == (2, "")
    assert err == (
        "council-sim: error: class join needs a terminal; in a script, use 'council-sim class "
        "take' and 'council-sim class vote'\n"
    )


async def test_end_and_home_reach_the_last_and_first_free_member(room: Room) -> None:
    """On the members screen, end moves to the last member and home back to the first, as on
    the vote screen."""
    app = SeatApp(room.store, room.code, room.catalogue, name="Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        table = app.screen.query_one("#free-members", DataTable)
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == len(offered(app)) - 1 > 0
        await pilot.press("home")
        assert table.cursor_row == 0
