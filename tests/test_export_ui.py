"""Pilot tests of e, export your work: it writes the file, asks before replacing one, and escape
writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.widgets import Input

from simulator.scenarios import Catalogue
from simulator.store import FILE_NAME, Store
from simulator.ui.app import CouncilApp
from simulator.ui.export import ExportScreen
from simulator.ui.screens import PickerScreen, VoteScreen

GAZA = "2024-gaza-ceasefire"
SIZE = (80, 24)


def export_screen(app: App[Any]) -> ExportScreen:
    screen = app.screen
    assert isinstance(screen, ExportScreen), f"expected the export dialog, not {screen!r}"
    return screen


def file_name(app: App[Any]) -> str:
    return export_screen(app).query_one("#export-file", Input).value


async def test_e_on_the_vote_writes_the_work_to_the_name_offered(
    tmp_path: Path, ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """e, then enter: a Markdown file named for the student, in the current folder, with the
    votes just set; the dialog closes back onto the vote."""
    monkeypatch.chdir(tmp_path)
    with Store.open(tmp_path / FILE_NAME) as store:
        store.set_student_name("Amina Diallo")
        app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "e")
            name = file_name(app)
            assert name.startswith("council-sim-amina-diallo-") and name.endswith(".md")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, VoteScreen)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert "## Amina Diallo" in text and "against (1)" in text


async def test_e_on_the_list_writes_the_format_the_name_asks_for(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """A name ending in .json writes JSON; the dialog keeps where it wrote."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        export_screen(app).query_one("#export-file", Input).value = str(tmp_path / "w.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    assert (tmp_path / "w.json").read_text().startswith('{\n  "format": "council-sim-export"')


async def test_an_existing_file_is_replaced_only_after_a_second_enter(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """The first enter asks and writes nothing; the second replaces the file."""
    target = tmp_path / "taken.md"
    target.write_text("mine\n")
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        export_screen(app).query_one("#export-file", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert export_screen(app).replacing == target
        assert target.read_text() == "mine\n"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    assert target.read_text().startswith("# council-sim: work handed in")


async def test_changing_the_name_takes_back_the_question(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Asked about one file, then typing: the question goes, and enter asks again if need be."""
    target = tmp_path / "taken.md"
    target.write_text("mine\n")
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        export_screen(app).query_one("#export-file", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("end", "backspace", "d")
        await pilot.pause()
        assert export_screen(app).replacing is None
        await pilot.press("enter")
        await pilot.pause()
        assert export_screen(app).replacing == target
    assert target.read_text() == "mine\n"


async def test_escape_cancels_and_writes_nothing(
    tmp_path: Path, ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """e, then escape: back on the list, and the folder is as it was."""
    monkeypatch.chdir(tmp_path)
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        export_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    assert list(tmp_path.iterdir()) == []


async def test_a_name_without_a_format_is_refused_in_words(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """A .txt name: the dialog stays open, says which endings work, and writes nothing."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e")
        export_screen(app).query_one("#export-file", Input).value = str(tmp_path / "w.txt")
        await pilot.press("enter")
        await pilot.pause()
        export_screen(app)
        assert any(".csv" in n.message for n in app._notifications)
    assert list(tmp_path.iterdir()) == []


async def test_a_folder_that_cannot_be_written_is_a_notification_not_a_crash(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """A folder that is not there: the dialog stays, and says nothing was written."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e")
        missing = tmp_path / "nowhere" / "w.md"
        export_screen(app).query_one("#export-file", Input).value = str(missing)
        await pilot.press("enter")
        await pilot.pause()
        export_screen(app)
        assert any("Nothing was written" in n.message for n in app._notifications)


async def test_work_not_saved_is_exported_from_the_session(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Without a store, the votes set in this session are what the file holds."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "e")
        export_screen(app).query_one("#export-file", Input).value = str(tmp_path / "w.csv")
        await pilot.press("enter")
        await pilot.pause()
    rows = (tmp_path / "w.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and f",{GAZA}," in rows[1]


async def test_the_palette_offers_export(ui_catalogue: Catalogue) -> None:
    """'Export your work' is a command on the list and on the vote."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Export your work" in titles


@pytest.mark.parametrize("last", ["enter", "escape"])
async def test_keys_meant_for_a_dialog_taken_away_write_nothing_and_close_nothing(
    tmp_path: Path, ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, last: str
) -> None:
    """enter, e, enter, enter with no pause on the list: the scenario chosen by the first enter
    opens and takes the dialog away; the enters that reach the dialog after that write no file
    and close nothing, where they used to close the vote and stop the app on an error."""
    monkeypatch.chdir(tmp_path)
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("enter", "e", "enter", last):
            app.post_message(events.Key(key, None))
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert [type(s) for s in app.screen_stack][:1] == [PickerScreen]
        assert isinstance(app.screen, VoteScreen)
    assert list(tmp_path.iterdir()) == []
