"""Pilot tests of the terminal UI: keys in, state out (the screen's ballot and its verdict)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.coordinate import Coordinate
from textual.widgets import Collapsible, DataTable, Static

from simulator.rules import Reason, Vote
from simulator.scenarios import Catalogue, load_catalogue, load_paths
from simulator.ui.app import CouncilApp
from simulator.ui.screens import (
    HELP,
    ConfirmQuit,
    HelpScreen,
    PickerScreen,
    StatementScreen,
    VoteScreen,
)
from simulator.ui.widgets import (
    AMENDMENT_MARK,
    ASSEMBLY_ROW,
    TEACHING_ROW,
    MembersTable,
    PivotalPanel,
    ReadingPane,
    ScenarioDetails,
    ScenarioLine,
    TallyPanel,
    VerdictBanner,
)

GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"
SIZE = (80, 24)

Notes = list[dict[str, Any]]


def vote_screen(app: App[Any]) -> VoteScreen:
    screen = app.screen
    assert isinstance(screen, VoteScreen), f"expected the vote screen, not {screen!r}"
    return screen


def record_notes(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> Notes:
    """Collect the app's notifications, which are not shown under `run_test`."""
    notes: Notes = []

    def notify(message: str, **kwargs: Any) -> None:
        notes.append({"message": message, **kwargs})

    monkeypatch.setattr(app, "notify", notify)
    return notes


async def test_picker_lists_scenarios_and_enter_opens_the_highlighted_one(
    ui_catalogue: Catalogue,
) -> None:
    """The picker shows the first scenario's context, and enter opens a fresh ballot on it."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PickerScreen)
        details = app.screen.query_one(ScenarioDetails)
        assert details.scenario is not None and details.scenario.id == GAZA
        await pilot.press("down")
        assert details.scenario is not None and details.scenario.id == EXERCISE
        await pilot.press("up", "enter")
        screen = vote_screen(app)
        assert screen.scenario.id == GAZA
        assert screen.verdict.reason is Reason.OPEN
        assert screen.verdict.counts.not_voted == 15


async def test_scenario_id_opens_straight_onto_the_vote(ui_catalogue: Catalogue) -> None:
    """`scenario_id` opens the vote, over the picker, so that escape goes back to it."""
    app = CouncilApp(ui_catalogue, scenario_id=EXERCISE)
    async with app.run_test(size=SIZE) as pilot:
        assert vote_screen(app).scenario.id == EXERCISE
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_unknown_scenario_id_stays_on_the_picker(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An id that is not in the catalogue is reported, not raised."""
    app = CouncilApp(ui_catalogue, scenario_id="no-such-draft")
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, PickerScreen)
        assert any("no-such-draft" in note["message"] for note in notes)


async def test_all_in_favour_is_adopted(ui_catalogue: Catalogue) -> None:
    """Fifteen y presses, one per member as the cursor moves down: adopted."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"y" * 15)
        screen = vote_screen(app)
        assert screen.verdict.reason is Reason.ADOPTED
        assert screen.verdict.counts.yes == 15


async def test_a_permanent_member_against_a_draft_with_the_votes_is_a_veto(
    ui_catalogue: Catalogue,
) -> None:
    """Fourteen in favour, then the United States (the last row) against: vetoed by it."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"y" * 14)
        screen = vote_screen(app)
        assert screen.members_table.highlighted_member == screen.ballot.member("USA")
        await pilot.press("n")
        assert screen.verdict.reason is Reason.VETOED
        assert [m.code for m in screen.verdict.vetoed_by] == ["USA"]


async def test_a_permanent_abstention_is_no_veto(ui_catalogue: Catalogue) -> None:
    """China (row 2) abstains, everyone else votes in favour: adopted."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "a", *"y" * 13)
        screen = vote_screen(app)
        assert screen.ballot.vote_of(screen.ballot.member("CHN")) is Vote.ABSTENTION
        assert screen.verdict.reason is Reason.ADOPTED


async def test_h_loads_the_recorded_vote(ui_catalogue: Catalogue) -> None:
    """h shows the vote as recorded, which counts to the record's outcome."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        screen = vote_screen(app)
        record = screen.scenario.record
        assert record is not None
        assert dict(screen.ballot.votes) == dict(record.votes)
        assert screen.verdict.reason is record.outcome.reason is Reason.VETOED
        assert {m.code for m in screen.verdict.vetoed_by} == {"CHN", "RUS"}


async def test_h_without_a_record_says_so(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft never voted on keeps its ballot, and the user is told why."""
    app = CouncilApp(ui_catalogue, scenario_id=EXERCISE)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "h")
        screen = vote_screen(app)
        assert screen.verdict.counts.yes == 1
        assert any("never voted on" in note["message"] for note in notes)


async def test_r_resets_to_open_and_returns_to_the_first_member(ui_catalogue: Catalogue) -> None:
    """r clears every vote: the verdict is open again, and voting starts from the top."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "j", "j", "r")
        screen = vote_screen(app)
        assert screen.verdict.reason is Reason.OPEN
        assert screen.verdict.counts.not_voted == 15
        assert screen.members_table.cursor_row == 0


async def test_a_vote_moves_to_the_next_member_and_stops_at_the_last(
    ui_catalogue: Catalogue,
) -> None:
    """Like a form: each vote moves the cursor down one row, and the last row stays put."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        table = screen.members_table
        await pilot.press("n")
        assert table.cursor_row == 1
        assert screen.ballot.vote_of(screen.ballot.member("DZA")) is Vote.AGAINST
        await pilot.press(*"x" * 20)
        assert table.cursor_row == 14
        assert screen.verdict.reason is Reason.INSUFFICIENT_VOTES


async def test_j_and_k_move_between_members(ui_catalogue: Catalogue) -> None:
    """j and k move like down and up, and stop at the ends of the table."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        table = vote_screen(app).members_table
        await pilot.press("k")
        assert table.cursor_row == 0
        await pilot.press("j", "j", "down")
        assert table.cursor_row == 3
        await pilot.press("k", "up")
        assert table.cursor_row == 1
        member = table.highlighted_member
        assert member is not None and member.code == "CHN"


async def test_a_party_to_the_dispute_cannot_change_its_vote(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guyana, a party (row 5), stays abstaining; the user is told why and the cursor stays."""
    app = CouncilApp(ui_catalogue, scenario_id=EXERCISE)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        guyana = screen.ballot.member("GUY")
        assert screen.ballot.vote_of(guyana) is Vote.ABSTENTION
        await pilot.press(*"j" * 4)
        assert screen.members_table.highlighted_member == guyana
        await pilot.press("y", "n", "x")
        assert screen.ballot.vote_of(guyana) is Vote.ABSTENTION
        assert screen.members_table.cursor_row == 4
        assert len(notes) == 3
        assert all("party to the dispute" in note["message"] for note in notes)
        await pilot.press("a")  # abstaining is allowed, and moves on like any vote
        assert screen.members_table.cursor_row == 5


async def test_escape_goes_back_to_the_picker_and_keeps_the_votes(
    ui_catalogue: Catalogue,
) -> None:
    """escape closes the vote; opening it again shows the votes set before, not a blank ballot."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "y", "n", "escape")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape")  # nothing to go back to: still the picker
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("down", "enter", "a", "escape", "up", "enter")
        screen = vote_screen(app)
        assert screen.scenario.id == GAZA
        assert (screen.verdict.counts.yes, screen.verdict.counts.no) == (1, 1)
        await pilot.press("escape", "down", "enter")
        assert vote_screen(app).verdict.counts.abstain == 3  # one cast, two parties


async def test_help_opens_and_escape_closes_it(ui_catalogue: Catalogue) -> None:
    """? opens the rules over the vote, keeping the ballot; escape closes them."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("y", "n")  # vote keys do nothing under the help
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        screen = vote_screen(app)
        assert screen.verdict.counts.yes == 1
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")  # ? toggles the help too
        assert isinstance(app.screen, PickerScreen)


async def test_q_quits(ui_catalogue: Catalogue) -> None:
    """q leaves the app from the vote screen."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_verdict_is_bound_down_to_the_widgets(ui_catalogue: Catalogue) -> None:
    """The banner, tally and table show the screen's own ballot and verdict after each vote."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "n", "a")
        screen = vote_screen(app)
        assert screen.verdict == screen.ballot.verdict
        assert screen.query_one(VerdictBanner).verdict == screen.verdict
        assert screen.query_one(VerdictBanner).has_class("-open")
        assert screen.query_one(TallyPanel).verdict == screen.verdict
        assert screen.query_one(PivotalPanel).ballot is screen.ballot
        table = screen.members_table
        assert "against" in table.get_cell("CHN", "vote").plain
        assert "not yet voted" in table.get_cell("FRA", "vote").plain
        await pilot.press("h")
        assert screen.query_one(VerdictBanner).has_class("-not-adopted")


async def test_clicking_a_row_and_a_footer_key_casts_a_vote(ui_catalogue: Catalogue) -> None:
    """The mouse works: click a member, then the footer's y key."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        # Row 3 of the table is Ecuador: the border comes first.
        await pilot.click(MembersTable, offset=(5, 3))
        member = screen.members_table.highlighted_member
        assert member is not None and member.code == "ECU"
        yes_key = next(key for key in screen.query("FooterKey") if getattr(key, "key", "") == "y")
        await pilot.click(yes_key)
        assert screen.ballot.vote_of(member) is Vote.IN_FAVOUR


async def test_command_palette_offers_the_actions(ui_catalogue: Catalogue) -> None:
    """The vote's actions and every scenario are commands, and they run."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        assert {"Reset the votes", "Load the recorded vote", "How the Council votes"} <= set(
            commands
        )
        assert {"Vote: yes, in favour (y)", "Vote: no, against (n)", "Vote: abstain (a)"} <= set(
            commands
        )
        commands["Load the recorded vote"].callback()
        assert screen.verdict.reason is Reason.VETOED
        commands["Reset the votes"].callback()
        assert vote_screen(app).verdict.is_open
        commands["Vote: no, against (n)"].callback()
        assert screen.verdict.counts.no == 1
        commands["Back to the scenarios"].callback()
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_problems_in_scenario_files_are_shown_not_raised(
    ui_catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken file is named in a notification and in the picker; the good ones still load."""
    (tmp_path / "broken.toml").write_text('id = "broken"\ndate = "not a date"\n')
    catalogue = Catalogue(ui_catalogue.scenarios, load_paths([tmp_path]).problems)
    app = CouncilApp(catalogue)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PickerScreen)
        assert len(notes) == 1
        assert "broken.toml" in notes[0]["message"]
        assert "1 scenario file had problems" in notes[0]["title"]
        problems = app.screen.query_one("#problems", Collapsible)
        assert "1 scenario file" in str(problems.title)
        await pilot.press("enter")
        assert vote_screen(app).scenario.id == GAZA


async def test_an_empty_catalogue_says_what_to_do() -> None:
    """No scenarios: a plain message naming --scenarios, and keys that do nothing harmful."""
    app = CouncilApp(Catalogue())
    async with app.run_test(size=SIZE) as pilot:
        message = app.screen.query_one("#empty", Static)
        assert "--scenarios DIR" in str(message.render())
        await pilot.press("enter", "down", "j", "y", "h", "r", "escape")
        assert isinstance(app.screen, PickerScreen)


@pytest.mark.parametrize("size", [(20, 8), (1, 1), (40, 12)])
async def test_tiny_terminals_do_not_crash(ui_catalogue: Catalogue, size: tuple[int, int]) -> None:
    """Every screen survives a terminal far too small for it."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "enter", "y", "n", "h", "question_mark", "escape", "r")
        screen = vote_screen(app)
        assert screen.verdict == screen.ballot.verdict
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_a_burst_of_keys_keeps_the_verdict_in_step(ui_catalogue: Catalogue) -> None:
    """Thirty-two keys in a row, votes and moves mixed: no crash, and the verdict still matches."""
    app = CouncilApp(ui_catalogue, scenario_id=EXERCISE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"ynaxjkhryyynnjjkaxxyhr" + "yyyyyyyyyy")
        screen = vote_screen(app)
        assert screen.verdict == screen.ballot.verdict
        assert screen.query_one(VerdictBanner).verdict == screen.verdict


def test_the_core_does_not_import_textual() -> None:
    """The rules and the scenario loader run without the UI toolkit: a pure core, a thin UI."""
    code = (
        "import sys, simulator.rules, simulator.scenarios; "
        "sys.exit('textual' in sys.modules or 'rich' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 0, result.stderr or "simulator's core imported textual or rich"


async def test_q_with_votes_set_asks_first(ui_catalogue: Catalogue) -> None:
    """Without a store votes are kept only while the app runs: q asks, n stays, y quits."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "escape", "q")
        assert isinstance(app.screen, ConfirmQuit)
        assert [s.id for s in app.screen.scenarios] == [GAZA]
        await pilot.press("n")
        assert isinstance(app.screen, PickerScreen)
        assert app.is_running
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_q_right_after_a_vote_still_asks(ui_catalogue: Catalogue) -> None:
    """A vote, escape and q queued at once, as fast typing sends them: the vote is not lost."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("y", "escape", "q"):
            app.post_message(events.Key(key, None))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("escape", "enter")
        assert vote_screen(app).verdict.counts.yes == 1


async def test_q_after_a_reset_quits_at_once(ui_catalogue: Catalogue) -> None:
    """A ballot reset to blank has nothing to lose."""
    app = CouncilApp(ui_catalogue, scenario_id=EXERCISE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "r", "q")
        await pilot.pause()
        assert not app.is_running


async def test_help_explains_the_screens_words_and_lists_every_key(
    ui_catalogue: Catalogue,
) -> None:
    """Pivotal, not yet voted, ?, tab and the palette are all in the help, which scrolls as
    far as the keys were pressed, however fast."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        for words in ("**Pivotal**", "**Not yet voted**", "| ? |", "| tab |", "| ctrl+p |"):
            assert words in HELP
        assert "moves on to the next member" in HELP
        pane = app.screen.query_one("#help-text", ReadingPane)
        await pilot.press(*["down"] * 12)
        assert pane.scroll_y == 12
        assert "more below" in str(pane.border_subtitle)
        await pilot.press("end")
        assert pane.scroll_y == pane.max_scroll_y
        assert "more below" not in str(pane.border_subtitle)


def test_help_credits_the_court_with_abstention_only() -> None:
    """The ICJ's Namibia opinion concerned abstention; absence rests on practice from 1950."""
    abstention, absence = HELP.split("**Nor is an absence.**")
    assert "Namibia" in abstention
    assert "Namibia" not in absence and "Court has not ruled on absence" in absence


async def test_picker_home_end_and_reading_on(ui_catalogue: Catalogue) -> None:
    """end and home jump through the list; the page keys read on in the details."""
    app = CouncilApp(load_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        table = screen.query_one("#scenarios", DataTable)
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        details = screen.query_one("#details", ReadingPane)
        assert details.max_scroll_y > 0
        assert "PgDn" in str(details.border_subtitle)
        await pilot.press("pagedown")
        assert details.scroll_y > 0
        assert table.cursor_row == 0


async def test_a_statement_speaks_its_own_words(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Agree, object, silent: no abstention, a tally of objections, pivots that read 'agreed'."""
    statements = [s for s in load_catalogue() if s.decision.is_statement]
    blocked = next(s for s in statements if s.record and s.record.outcome.value == "blocked")
    app = CouncilApp(load_catalogue(), scenario_id=blocked.id)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        assert isinstance(screen, StatementScreen)
        shown = {b.binding.description for b in screen.active_bindings.values() if b.binding.show}
        assert {"Agree", "Object", "Silent"} <= shown
        assert not {"Yes", "No", "Abstain", "Absent"} & shown
        await pilot.press("a")
        assert screen.members_table.cursor_row == 0
        assert screen.ballot.vote_of(screen.ballot.members[0]) is None
        assert "no abstention" in notes[-1]["message"]
        await pilot.press("h")
        tally = str(screen.query_one(TallyPanel).render())
        assert "Object" in tally and "To block" in tally and "Abstention" not in tally
        pivots = str(screen.query_one(PivotalPanel).render())
        assert "→ agreed" in pivots and "adopted" not in pivots
        labels = [label for _, label in screen.vote_commands()]
        assert labels == ["agree (y)", "object (n)", "silent (x)"]
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {
            "Position: agree (y)",
            "Reset the positions",
            "Load the recorded positions",
        } <= titles
        assert not any(title.startswith("Vote") for title in titles)
        assert not {"Reset the votes", "Load the recorded vote"} & titles
        table = screen.query_one(MembersTable)
        assert "a position moves on" in str(table.border_subtitle)


async def test_u_takes_back_a_reset_the_record_and_a_vote(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """r and h replace every vote at once: the student is told u brings theirs back, and it does."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    notes = record_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "n")
        screen = vote_screen(app)
        own = dict(screen.ballot.votes)
        await pilot.press("r")
        assert screen.verdict.counts.not_voted == 15
        assert "u brings back your own" in notes[-1]["message"]
        await pilot.press("u")
        assert dict(screen.ballot.votes) == own
        await pilot.press("h", "u")
        assert dict(screen.ballot.votes) == own
        await pilot.press("u", "u", "u")  # past the first vote: nothing more to take back
        assert screen.verdict.counts.not_voted == 15


async def test_a_change_of_votes_brings_the_reason_back_into_view(
    ui_catalogue: Catalogue,
) -> None:
    """Read on in the side pane, then vote: the pane is back at the top, on the new reason."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "pagedown")
        side = vote_screen(app).query_one("#side", ReadingPane)
        assert side.scroll_y > 0
        await pilot.press("r")
        assert side.scroll_y == 0


async def test_the_member_being_voted_on_stays_in_view_when_the_banner_wraps() -> None:
    """At 40x12 a veto's banner takes two lines: the list shrinks, and keeps the cursor's row."""
    app = CouncilApp(load_catalogue(), scenario_id="2024-03-25-resolution-2728")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("h", "end", "n")
        await pilot.pause()
        screen = vote_screen(app)
        assert screen.query_one(VerdictBanner).region.height == 2
        table = screen.members_table
        assert table.cursor_row == 14
        first, visible = int(table.scroll_y), table.scrollable_content_region.height
        assert first <= table.cursor_row < first + visible


async def test_record_lines_name_drafts_resolutions_and_statements_rightly() -> None:
    """An adopted resolution's symbol is not a draft's; a statement's record is its positions."""
    app = CouncilApp(load_catalogue(), scenario_id="2024-03-25-resolution-2728")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        record = str(vote_screen(app).query_one("#draft", ScenarioDetails).render())
        assert "Record: adopted, S/RES/2728 (2024)" in record
        await pilot.press("escape")
        app.open_scenario(next(s for s in load_catalogue() if s.decision.is_statement))
        await pilot.press("h")
        assert "the recorded positions" in str(vote_screen(app).query_one(ScenarioLine).render())


async def test_an_open_vote_with_no_pivot_says_if_it_closed_now(ui_catalogue: Catalogue) -> None:
    """Nobody pivotal while members are still to vote: the heading says it is a what-if."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        pivots = str(vote_screen(app).query_one(PivotalPanel).render())
        assert pivots.startswith("Pivotal if it closed now: none")


def row_keys(table: DataTable[Any]) -> list[str]:
    """The key of each row, top to bottom: a scenario's id, or a section's heading."""
    return [
        str(table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)
        for row in range(table.row_count)
    ]


async def test_picker_lists_each_amendment_just_before_its_draft_and_the_contrasts_apart() -> None:
    """The articles' drafts first, an amendment marked just before its draft, then a heading
    row and the votes that teach a rule; the heading row opens nothing and says what follows."""
    catalogue = load_catalogue()
    app = CouncilApp(catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        table = screen.query_one("#scenarios", DataTable)
        keys = row_keys(table)
        sections = catalogue.sections()
        heading = keys.index(TEACHING_ROW)
        assembly = keys.index(ASSEMBLY_ROW)  # the General Assembly's votes come last
        assert keys[:heading] == [s.id for s in sections.main]
        assert keys[heading + 1 : assembly] == [s.id for s in sections.teaching]
        assert keys[heading + 1 : assembly] == [
            "1950-07-07-resolution-84",
            "2022-02-27-resolution-2623",
        ]
        assert keys[assembly + 1 :] == [a.id for a in catalogue.assemblies]
        amendment = keys.index("2023-11-15-russian-amendment")
        assert keys[amendment + 1] == "2023-11-15-resolution-2712"
        title = table.get_cell_at(Coordinate(amendment, 1))
        assert str(title).startswith(f"{AMENDMENT_MARK} ")
        assert str(table.get_cell_at(Coordinate(amendment, 2))) == "amendment"
        assert str(table.get_cell_at(Coordinate(amendment + 1, 2))) == "substantive"
        # To the heading row: the details say what the section holds, and enter opens nothing
        # but goes on to the first scenario under it.
        await pilot.press(*["down"] * heading)
        assert table.cursor_row == heading
        assert screen.scenario is None
        assert screen.query_one("#section-note").display
        assert not screen.query_one(ScenarioDetails).display
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)  # nothing opened
        assert table.cursor_row == heading + 1
        assert screen.scenario is not None and screen.scenario.id == "1950-07-07-resolution-84"
        assert not screen.query_one("#section-note").display
        assert screen.query_one(ScenarioDetails).display


async def test_the_council_of_1950_adopts_with_seven_while_a_permanent_member_is_away() -> None:
    """From the keyboard: open resolution 84, load the record, then bring the Soviet Union in
    to vote against: seven votes are then vetoed."""
    app = CouncilApp(load_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        # Past the General Assembly's vote and its heading, last in the list.
        await pilot.press("end", "up", "up", "up", "enter", "h")
        screen = vote_screen(app)
        assert screen.scenario.id == "1950-07-07-resolution-84"
        assert len(screen.ballot.members) == 11
        assert screen.verdict.adopted and screen.verdict.counts.yes == 7
        assert [m.code for m in screen.verdict.absent_permanent] == ["SUN"]
        await pilot.press(*["down"] * 7, "n")  # the Soviet Union, eighth of the eleven
        assert screen.verdict.reason is Reason.VETOED
        assert [m.code for m in screen.verdict.vetoed_by] == ["SUN"]


async def test_an_amendment_and_its_draft_each_name_the_other_on_the_vote_screen() -> None:
    """From the list: the amendment says what it amends, fails for lack of votes with the US
    against and no veto; escape, down, enter: the draft names the amendment voted first."""
    catalogue = load_catalogue()
    app = CouncilApp(catalogue)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#scenarios", DataTable)
        amendment = row_keys(table).index("2024-03-25-russian-amendment")
        await pilot.press(*["down"] * amendment, "enter", "h")
        screen = vote_screen(app)
        assert screen.scenario.id == "2024-03-25-russian-amendment"
        link = screen.query_one("#link-line", Static)
        assert link.display and link.region.height == 1
        assert str(link.render()) == (
            "Amends the draft voted after it: Resolution 2728 from the ten elected members"
        )
        assert screen.verdict.reason is Reason.INSUFFICIENT_VOTES
        assert screen.verdict.vetoed_by == ()
        assert [m.code for m in screen.verdict.against_permanent] == ["USA"]
        await pilot.press("escape", "down", "enter")
        screen = vote_screen(app)
        assert screen.scenario.id == "2024-03-25-resolution-2728"
        link = screen.query_one("#link-line", Static)
        assert str(link.render()) == (
            "Amendment voted first: Russian amendment: a 'permanent' ceasefire"
        )
        assert link.region.height == 1


async def test_a_scenario_with_no_amendment_has_no_link_line(ui_catalogue: Catalogue) -> None:
    """The line that names an amendment takes no room where there is none to name."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE):
        link = vote_screen(app).query_one("#link-line", Static)
        assert not link.display and link.region.height == 0


async def test_the_link_line_gives_way_on_a_short_screen() -> None:
    """Below 24 rows the members need every row: the link is left to the draft's details."""
    app = CouncilApp(load_catalogue(), scenario_id="2023-11-15-russian-amendment")
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        screen = vote_screen(app)
        assert screen.query_one("#link-line").region.height == 0
        details = str(screen.query_one("#draft", ScenarioDetails).render())
        assert "Amends the draft voted after it: Resolution 2712" in details
