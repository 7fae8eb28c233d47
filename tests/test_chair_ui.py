"""The chair's screen of a class session: the code and the roll, each of the chair's steps through
the session's rules, what another process writes appearing within a few polls, and the commands
`class open` and `class chair` that open it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from simulator.cli import main
from simulator.packs import catalogue_for
from simulator.predict import prediction_title
from simulator.rules import Vote
from simulator.scenarios import Catalogue, load_catalogue, load_paths
from simulator.session import (
    CODE_ALPHABET,
    ClassSession,
    Mode,
    Phase,
    cast_vote,
    close_vote,
    new_code,
    new_token,
    open_vote,
    start,
    take_seat,
)
from simulator.store import FILE_NAME, Store
from simulator.ui.chair import (
    GLYPHS,
    HIDDEN_BANNER,
    HIDDEN_CLOSED,
    NOT_YET,
    WAITING_BANNER,
    AssignDialog,
    ChairApp,
    ChairBanner,
    ChairHelp,
    ChairQuestion,
    ChairRoll,
    ChairScreen,
    JoinCode,
    big_height,
    big_lines,
    big_width,
    code_scale,
)

ROOT = Path(__file__).parent.parent
CATALOGUE = load_catalogue()
PACK = catalogue_for([ROOT / "docs" / "example-pack"])
US_DRAFT = "2024-03-22-us-draft"
SIZE = (80, 24)


class Room:
    """A class session in a data folder: the store the chair's screen runs on, and a second
    store on the same file, as a student's process would open it."""

    def __init__(
        self,
        folder: Path,
        *,
        catalogue: Catalogue = CATALOGUE,
        scenario_id: str = US_DRAFT,
        mode: Mode = Mode.VISIBLE,
    ) -> None:
        self.catalogue = catalogue
        self.path = folder / FILE_NAME
        self.store = Store.open(self.path)
        self.student = Store.open(self.path)
        self.chair = new_token()
        scenario = catalogue.get(scenario_id)
        assert scenario is not None
        pack = catalogue.pack
        order = tuple(s.id for s in catalogue.sections() if pack and s.id in pack.scenario_ids)
        session = start(scenario, chair=self.chair, code=new_code(), mode=mode, order=order)
        assert self.store.start_class(session)
        self.code = session.code

    def app(self, catalogue: Catalogue | None = None) -> ChairApp:
        return ChairApp(self.store, self.code, self.chair, catalogue or self.catalogue)

    def session(self) -> ClassSession:
        """The session as the file holds it, read by the student's store."""
        session = self.student.class_session(self.code)
        assert session is not None
        return session

    def _scenario(self, session: ClassSession) -> Any:
        return self.catalogue.get(session.scenario_id)

    def take(self, member: str, name: str) -> str:
        """A student takes a member, as `class take` does in another process."""
        token = new_token()
        self.student.change_class(
            self.code, lambda s: take_seat(s, self._scenario(s), member, name, token)
        )
        return token

    def vote(self, token: str, vote: Vote) -> None:
        self.student.change_class(self.code, lambda s: cast_vote(s, self._scenario(s), token, vote))

    def chair_does(self, rule: Callable[[ClassSession, str], ClassSession]) -> None:
        """A step of the chair's, through the commands rather than the screen."""
        self.student.change_class(self.code, lambda s: rule(s, self.chair))

    def close(self) -> None:
        self.store.close()
        self.student.close()


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    made = Room(tmp_path)
    yield made
    made.close()


def chair_screen(app: ChairApp) -> ChairScreen:
    screen = app.screen
    assert isinstance(screen, ChairScreen), f"expected the chair's screen, not {screen!r}"
    return screen


def caught_notes(app: ChairApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app's notifications, as their messages."""
    notes: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notes.append(message))
    return notes


async def until(pilot: Pilot[Any], seen: Callable[[], bool], polls: int = 10) -> bool:
    """Whether `seen` comes true within this many of the screen's polls (100 ms each)."""
    for _ in range(polls):
        if seen():
            return True
        await pilot.pause(0.1)
    return seen()


def line(app: ChairApp, code: str) -> Any:
    """The roll's line for a member, as the chair's screen holds it."""
    roll = chair_screen(app).roll
    assert roll is not None
    return next(line for line in roll.lines if line.member.code == code)


def cell_text(app: ChairApp, member: str, column: str) -> str:
    table = chair_screen(app).query_one(ChairRoll)
    return str(table.get_cell(member, column)).strip()


# --- The join code, drawn big ---------------------------------------------------------------


def test_every_symbol_of_a_code_has_a_glyph_of_five_by_seven() -> None:
    """Every symbol a code can have, and its dash, is drawn; each glyph is 7 rows of one width."""
    assert set(CODE_ALPHABET) | {"-"} == set(GLYPHS)
    for symbol, rows in GLYPHS.items():
        assert len(rows) == 7, symbol
        assert len({len(row) for row in rows}) == 1, symbol
        assert set("".join(rows)) <= {".", "#"}, symbol


def test_glyphs_are_told_apart() -> None:
    """No two symbols are drawn alike: the code is read off the board, not guessed."""
    drawn = list(GLYPHS.values())
    assert len(set(drawn)) == len(drawn)


@pytest.mark.parametrize("scale", [1, 2])
def test_a_code_drawn_big_has_the_width_and_height_it_says(scale: int) -> None:
    """The lines drawn are as many and as wide as `big_height` and `big_width` promise."""
    code = "KQ7-M4X-P2"
    lines = big_lines(code, scale)
    assert len(lines) == big_height(scale) == (4 if scale == 1 else 7)
    assert {len(line) for line in lines} == {big_width(code, scale)}
    assert set("".join(lines)) <= {" ", "▀", "▄", "█"}


def test_the_code_is_drawn_as_big_as_the_screen_allows() -> None:
    """Twice the size on a big screen, big at 80x24, plain letters on a small one."""
    code = "KQ7-M4X-P2"
    assert code_scale(code, 140, 40) == 2
    assert code_scale(code, 76, 24) == 1
    assert code_scale(code, 56, 20) == 0
    assert code_scale(code, 8, 3) == 0


# --- The screen -----------------------------------------------------------------------------


async def test_the_screen_shows_the_code_the_phase_and_every_member(room: Room) -> None:
    """At 80x24: the code drawn big, the vote not open yet, fifteen members all in view, each
    free and not yet voted, and who has joined and voted beside the code."""
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = chair_screen(app)
        code = screen.query_one(JoinCode)
        assert code.code == room.code
        assert code.size.height == big_height(1)
        roll = screen.roll
        assert roll is not None and roll.phase is Phase.WAITING
        assert len(roll.lines) == 15
        table = screen.query_one(ChairRoll)
        assert table.row_count == 15
        assert table.region.bottom <= SIZE[1] - 1  # above the footer: every member in view
        assert table.size.height >= 16  # the column headings and fifteen rows
        assert cell_text(app, "USA", "student") == "free"
        assert cell_text(app, "USA", "vote") == NOT_YET
        assert "not open yet" in str(screen.query_one("#chair-phase", Static).render())
        counts = str(screen.query_one("#chair-counts", Static).render())
        assert "Joined 0 of 15" in counts and "Voted 0 of 15" in counts
        # No verdict before the vote opens: an 'OPEN' banner would say it was open.
        assert screen.verdict is None
        assert str(screen.query_one(ChairBanner).render()) == WAITING_BANNER
        # The title a class sees does not name the resolution before the record is shown.
        scenario = screen.scenario
        assert scenario is not None and app.screen.sub_title == prediction_title(scenario)


async def test_a_student_taking_a_member_appears_on_the_roll(room: Room) -> None:
    """A member taken in another store: the roll shows the student within a few polls."""
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        room.take("USA", "Amina Diallo")
        assert await until(pilot, lambda: line(app, "USA").holder == "Amina Diallo")
        assert cell_text(app, "USA", "student") == "Amina Diallo"
        counts = str(chair_screen(app).query_one("#chair-counts", Static).render())
        assert "Joined 1 of 15" in counts


async def test_a_vote_cast_by_another_process_appears_within_a_few_polls(room: Room) -> None:
    """`class vote` run as a process of its own: the vote is on the chair's roll, and in the
    verdict, within a few polls of 100 ms."""
    seat = room.take("CHN", "Li Wei")
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert room.session().phase is Phase.OPEN
        folder = str(room.path.parent)
        vote = ["class", "vote", room.code, "--seat", seat, "no", "--data", folder]
        subprocess.run(
            [sys.executable, "-m", "simulator", *vote],
            check=True,
            capture_output=True,
            timeout=60,
        )
        assert await until(pilot, lambda: line(app, "CHN").vote is Vote.AGAINST, polls=5)
        assert cell_text(app, "CHN", "vote") == "against"
        verdict = chair_screen(app).verdict
        assert verdict is not None and verdict.counts.no == 1


async def test_the_screen_reads_the_session_only_when_the_store_has_changed(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Polls that find nothing new read nothing: the session is read again once per change."""
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reads: list[str] = []
        read = room.store.class_session

        def counted(code: str) -> ClassSession | None:
            reads.append(code)
            return read(code)

        monkeypatch.setattr(room.store, "class_session", counted)
        await pilot.pause(0.35)
        assert reads == []
        room.take("FRA", "Jean")
        assert await until(pilot, lambda: line(app, "FRA").holder == "Jean")
        await pilot.pause(0.25)
        assert reads == [room.code]


# --- The chair's steps ----------------------------------------------------------------------


async def test_o_opens_the_vote(room: Room) -> None:
    """o: the vote is open in the file, and the screen says so."""
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert room.session().phase is Phase.OPEN
        roll = chair_screen(app).roll
        assert roll is not None and roll.phase is Phase.OPEN
        assert "c closes it" in str(chair_screen(app).query_one("#chair-phase", Static).render())


async def test_c_asks_first_then_closes_and_members_not_in_count_absent(room: Room) -> None:
    """c asks; n leaves the vote open; c then y closes it: the votes are final, and a member
    that did not vote reads 'no vote', counted as absent."""
    seat = room.take("USA", "Amina Diallo")
    room.chair_does(open_vote)
    room.vote(seat, Vote.IN_FAVOUR)
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        question = app.screen
        assert isinstance(question, ChairQuestion)
        assert "Not in yet: DZA, CHN," in question.question
        await pilot.press("n")
        assert room.session().phase is Phase.OPEN
        await pilot.press("c", "y")
        assert room.session().phase is Phase.CLOSED
        assert line(app, "CHN").counted_absent
        assert cell_text(app, "CHN", "vote") == "no vote"
        assert cell_text(app, "USA", "vote") == "in favour"
        note = str(chair_screen(app).query_one("#chair-note", Static).render())
        assert "No vote before the vote closed, so counted as absent: DZA, CHN" in note
        verdict = chair_screen(app).verdict
        assert verdict is not None and not verdict.is_open


async def test_a_step_the_rules_refuse_is_said_in_their_words_and_asks_nothing(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing a vote not open, revealing before closing, opening twice, moving on from the
    only scenario: no question, nothing changed, and the core's own words."""
    app = room.app()
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, ChairScreen)
        await pilot.press("r", "n", "o", "o")
        await pilot.pause()
        assert room.session().phase is Phase.OPEN
    assert notes == [
        "The vote is not open: open it before closing it",
        "Close the vote first: the record is shown only beside a final vote",
        "This is the session's last scenario: there is no next one",
        "The vote is open.",
        "The vote is open already",
    ]


async def test_r_shows_the_record_beside_the_class_vote(room: Room) -> None:
    """Once closed, r: a column of recorded votes beside the class's, and the two outcomes."""
    seat = room.take("USA", "Amina Diallo")
    room.chair_does(open_vote)
    room.vote(seat, Vote.AGAINST)
    room.chair_does(close_vote)
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert room.session().phase is Phase.REVEALED
        assert cell_text(app, "USA", "recorded") == "in favour"
        assert cell_text(app, "RUS", "recorded") == "against"
        assert cell_text(app, "USA", "vote") == "against"
        scenario = chair_screen(app).scenario
        assert scenario is not None and app.screen.sub_title == scenario.title  # now it may
        outcomes = str(chair_screen(app).query_one("#chair-outcomes", Static).render())
        assert outcomes == (
            "The class: NOT ADOPTED — 0 of the 9 votes needed\n"
            "The Council: NOT ADOPTED — vetoed by China and the Russian Federation\n"
            "The class's outcome is not the same as the Council's."
        )


async def test_f_frees_the_highlighted_member_after_asking(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """f on a taken member asks, names the student, and frees it on y; f on a free member is
    refused in the core's words without a question."""
    room.take("USA", "Amina Diallo")
    app = room.app()
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")  # Algeria, the first member: free
        assert isinstance(app.screen, ChairScreen)
        await pilot.press("end", "f")
        question = app.screen
        assert isinstance(question, ChairQuestion)
        assert question.question.startswith("Free the United States, held by Amina Diallo?")
        await pilot.press("y")
        await pilot.pause()
        assert "USA" not in room.session().seats
        assert cell_text(app, "USA", "student") == "free"
    assert notes == ["Algeria is free already", "The United States is free."]


async def test_a_keeps_the_highlighted_member_for_a_name(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """a asks for a name; enter keeps the member for it, shown '(kept)' until taken; a taken
    member is refused in the core's words; escape leaves it."""
    room.take("CHN", "Li Wei")
    app = room.app()
    notes = caught_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, AssignDialog)
        dialog.query_one(Input).value = "Amina Diallo"
        await pilot.press("enter")
        await pilot.pause()
        seat = room.session().seats["DZA"]
        assert (seat.name, seat.joined) == ("Amina Diallo", False)
        assert cell_text(app, "DZA", "student") == "Amina Diallo (kept)"
        await pilot.press("down", "a")
        assert isinstance(app.screen, AssignDialog)
        app.screen.query_one(Input).value = "Sam"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "a", "escape")
        assert isinstance(app.screen, ChairScreen)
        assert set(room.session().seats) == {"DZA", "CHN"}
    assert notes == [
        "Algeria is kept for Amina Diallo: they take it by joining with that name.",
        "China is taken by Li Wei: free it first",
    ]


async def test_n_moves_the_class_on_through_its_pack_only_from_a_final_vote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a pack's session: n while the vote is open is refused; once closed, the class moves
    on to the pack's next scenario, the vote not yet open."""
    room = Room(tmp_path, catalogue=PACK, scenario_id="example-2024-03-22-us-draft")
    try:
        room.chair_does(open_vote)
        app = room.app()
        notes = caught_notes(app, monkeypatch)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert room.session().scenario_id == "example-2024-03-22-us-draft"
            await pilot.press("c", "y", "r")
            await pilot.pause()
            assert "n: the next scenario." in str(
                chair_screen(app).query_one("#chair-phase", Static).render()
            )
            await pilot.press("n")
            await pilot.pause()
            assert room.session().scenario_id == "example-2024-03-25-resolution-2728"
            assert "2728" not in str(app.screen.sub_title)  # as the class sees it: no outcome told
            roll = chair_screen(app).roll
            assert roll is not None
            assert (roll.phase, roll.position, roll.scenarios) == (Phase.WAITING, 2, 3)
            scenario = chair_screen(app).scenario
            assert scenario is not None and app.screen.sub_title == prediction_title(scenario)
        assert notes[0] == "Close the vote first: the class moves on only from a final vote"
    finally:
        room.close()


async def test_hidden_mode_the_chair_sees_each_vote_and_is_told_students_do_not(
    tmp_path: Path,
) -> None:
    """In hidden mode the chair's roll has every vote and the verdict; the words say that
    students see only who has voted until the vote closes."""
    room = Room(tmp_path, mode=Mode.HIDDEN)
    try:
        seat = room.take("RUS", "Olga")
        room.chair_does(open_vote)
        app = room.app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            room.vote(seat, Vote.AGAINST)
            assert await until(pilot, lambda: line(app, "RUS").vote is Vote.AGAINST)
            assert cell_text(app, "RUS", "vote") == "against"
            assert chair_screen(app).verdict is not None
            note = str(chair_screen(app).query_one("#chair-note", Static).render())
            assert note == (
                "Hidden mode: students see only who has voted, and how many, until you close "
                "the vote; each sees their own vote. You see every vote here: v hides them on "
                "this screen, for a projector."
            )
    finally:
        room.close()


async def test_v_hides_the_votes_on_the_chairs_screen_as_students_see_them(
    tmp_path: Path,
) -> None:
    """In hidden mode, v draws the roll as anyone may see it, for a projector: 'voted' where a
    vote is in, no tally, and a banner that says why; v again shows every vote."""
    room = Room(tmp_path, mode=Mode.HIDDEN)
    try:
        seat = room.take("RUS", "Olga")
        room.chair_does(open_vote)
        room.vote(seat, Vote.AGAINST)
        app = room.app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("v")
            screen = chair_screen(app)
            assert (line(app, "RUS").vote, line(app, "RUS").hidden) == (None, True)
            assert cell_text(app, "RUS", "vote") == "voted"
            assert screen.verdict is None
            assert str(screen.query_one(ChairBanner).render()) == HIDDEN_BANNER
            note = str(screen.query_one("#chair-note", Static).render())
            assert note.startswith("The votes, the tally and the verdict are hidden on this screen")
            titles = {command.title for command in app.get_system_commands(screen)}
            assert "Show the votes on this screen" in titles
            await pilot.press("v")
            assert line(app, "RUS").vote is Vote.AGAINST
            assert screen.verdict is not None
            # Once the vote closes every screen shows every vote: v is offered no more.
            await pilot.press("v")  # hiding, as on a projector, when the chair closes
            await pilot.press("c", "y")
            await pilot.pause()
            assert room.session().phase is Phase.CLOSED
            assert line(app, "RUS").vote is Vote.AGAINST
            assert not screen.check_action("hide_votes", ())
            assert not screen.check_action("show_votes", ())
            shown = {binding.key for (_, binding, enabled, _) in app.active_bindings.values()}
            assert "v" not in shown
            note = str(screen.query_one("#chair-note", Static).render())
            assert note.startswith(HIDDEN_CLOSED) and "v hides" not in note
    finally:
        room.close()


async def test_v_does_nothing_where_votes_are_shown_to_everyone(room: Room) -> None:
    """In visible mode every vote is on every screen: v is not offered, and changes nothing."""
    seat = room.take("RUS", "Olga")
    room.chair_does(open_vote)
    room.vote(seat, Vote.AGAINST)
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert line(app, "RUS").vote is Vote.AGAINST
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert not any("votes on this screen" in title for title in titles)


# --- Keys, the palette, the help, quitting ------------------------------------------------


async def test_each_step_is_a_palette_command(room: Room) -> None:
    """ctrl+p, 'Open the vote', enter: the vote is open; every step is offered by name."""
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {
            "Open the vote",
            "Close the vote",
            "Reveal the record",
            "Next scenario",
            "Free the highlighted member",
            "Assign the highlighted member",
            "How to chair",
            "Change theme",
            "Quit",
        } == titles
        await pilot.press("ctrl+p", *"Open the vote")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert room.session().phase is Phase.OPEN


async def test_the_footer_offers_each_key(room: Room) -> None:
    """Every step's key is a binding of the screen, shown in the footer; help and quit too."""
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = {
            binding.key
            for _, binding, enabled, _ in app.active_bindings.values()
            if binding.show and enabled
        }
        assert {"o", "c", "r", "n", "f", "a", "question_mark", "q"} <= shown


async def test_question_mark_opens_the_chairs_help_and_escape_closes_it(room: Room) -> None:
    """? shows how to chair; escape goes back to the screen."""
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, ChairHelp)
        await pilot.press("escape")
        assert isinstance(app.screen, ChairScreen)


async def test_q_quits_and_the_session_stays(room: Room) -> None:
    """q ends the screen at once; the session is in the file as the chair left it."""
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "q")
        await pilot.pause()
        assert not app.is_running
    assert room.session().phase is Phase.OPEN


@pytest.mark.parametrize("size", [(20, 6), (10, 3), (60, 20), (140, 40)])
async def test_every_step_at_any_size_without_a_crash(room: Room, size: tuple[int, int]) -> None:
    """Tiny, small and big screens: every key, the dialogs and the help, and no crash."""
    seat = room.take("USA", "Amina Diallo")
    app = room.app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("o")
        room.vote(seat, Vote.ABSTENTION)
        await pilot.pause(0.2)
        await pilot.press("end", "f", "n", "a", "escape", "question_mark", "escape")
        await pilot.press("c", "y", "r", "n")
        await pilot.pause()
        assert isinstance(app.screen, ChairScreen)
        assert room.session().phase is Phase.REVEALED
    assert app.return_code in (0, None)


async def test_a_scenario_not_loaded_is_said_and_nothing_breaks(room: Room) -> None:
    """Chaired with scenarios that lack the session's: the screen says which, and how to
    give it; the roll is empty."""
    app = room.app(load_paths([ROOT / "tests" / "fixtures" / "ui"]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "a")
        await pilot.pause()
        assert isinstance(app.screen, ChairScreen)
        assert str(chair_screen(app).query_one("#chair-phase", Static).render()) == (
            "The session is on the scenario '2024-03-22-us-draft', which is not among those "
            "loaded: quit, and chair it again with its folder given by --scenarios DIR."
        )
        assert chair_screen(app).roll is None


# --- The commands that open it --------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def screens_run(monkeypatch: pytest.MonkeyPatch) -> list[ChairApp]:
    """A terminal for the commands, and the chair's screen closed as soon as it is run."""
    ran: list[ChairApp] = []
    monkeypatch.setattr("simulator.cli._has_terminal", lambda: True)
    monkeypatch.setattr(ChairApp, "run", lambda app, *_, **__: ran.append(app))
    return ran


def test_class_open_makes_a_session_opens_the_screen_and_prints_how_to_reopen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], screens_run: list[ChairApp]
) -> None:
    """`class open`: a session in the data folder, in hidden mode as asked, the screen run on
    it, and after it the code and the chair's token, to chair it again with `class chair`."""
    data = str(tmp_path / "data")
    status, out, err = run(capsys, "class", "open", US_DRAFT, "--mode", "hidden", "--data", data)
    assert (status, err) == (0, "")
    (app,) = screens_run
    first, second = out.splitlines()
    assert first == f"Class session {app.code} stays in the data folder, as the chair left it."
    assert second == (
        f"To chair it again: council-sim class chair {app.code} --chair {app.chair} --data {data}"
    )
    with Store.open(tmp_path / "data" / FILE_NAME) as store:
        session = store.class_session(app.code)
    assert session is not None and session.mode is Mode.HIDDEN
    status, out, err = run(
        capsys, "class", "chair", app.code.lower(), "--chair", app.chair, "--data", data
    )
    assert (status, err) == (0, "")
    assert len(screens_run) == 2 and screens_run[1].code == app.code
    assert out.splitlines()[1] == second


def test_class_chair_with_a_wrong_token_or_code_opens_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], screens_run: list[ChairApp]
) -> None:
    """Another token than the chair's, or a code not in the folder: one line, status 2, and no
    screen."""
    room = Room(tmp_path)
    room.close()
    data = str(tmp_path)
    assert run(
        capsys, "class", "chair", room.code, "--chair", "x" + room.chair, "--data", data
    ) == (
        2,
        "",
        f"council-sim: error: that is not the chair's token for class {room.code}: only the "
        "chair can open, close or reveal the vote, seat or free members, or move to the next "
        "scenario\n",
    )
    other = new_code()
    status, _, err = run(capsys, "class", "chair", other, "--chair", room.chair, "--data", data)
    assert status == 2 and err.startswith(f"council-sim: error: there is no class session {other}")
    assert screens_run == []


def test_class_open_without_a_terminal_makes_no_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a script: one line pointing to the steps that need no screen, and nothing made."""
    status, out, err = run(capsys, "class", "open", US_DRAFT, "--data", str(tmp_path))
    assert (status, out) == (2, "")
    assert err == (
        "council-sim: error: the chair's screen needs a terminal; in a script, use "
        "'council-sim class new' and the other steps of class\n"
    )
    assert not (tmp_path / FILE_NAME).exists()


def test_class_chair_on_a_scenario_no_longer_found_says_where_to_look(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], screens_run: list[ChairApp]
) -> None:
    """The session's folder of scenarios gone: one line asking for it, and no screen."""
    folder = tmp_path / "lesson"
    shutil.copytree(ROOT / "tests" / "fixtures" / "ui", folder)
    status, out, err = run(
        capsys, "class", "new", "2024-gaza-ceasefire", "--json", "--scenarios", str(folder)
    )
    assert status == 0, err
    made = json.loads(out)
    shutil.rmtree(folder)
    assert run(capsys, "class", "chair", made["code"], "--chair", made["chair"]) == (
        2,
        "",
        "council-sim: error: the session is on the scenario '2024-gaza-ceasefire', which is not "
        "among those loaded: give its folder with --scenarios DIR\n",
    )
    assert screens_run == []
