"""Themes: a high-contrast theme that passes WCAG AA, the theme chosen at start and on the way,
and an app fully readable without colour (NO_COLOR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandInput, CommandList
from textual.screen import Screen
from textual.widgets import DataTable, Input

from simulator.scenarios import Catalogue
from simulator.store import FILE_NAME, Store
from simulator.ui.app import THEME, THEME_SETTING, CouncilApp
from simulator.ui.palette import CouncilPalette
from simulator.ui.screens import HELP, PickerScreen, VoteScreen
from simulator.ui.themes import (
    BLACK,
    DARK_GREY,
    FILLS_UNDER_BLACK_TEXT,
    HIGH_CONTRAST,
    HIGH_CONTRAST_THEME,
    TEXT_ON_BACKGROUND,
    WHITE,
)
from simulator.ui.widgets import MembersTable, VerdictBanner

SIZE = (80, 24)
GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"
AA = 4.5
"""WCAG 2 level AA: the least contrast for ordinary text."""


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2's relative luminance of an sRGB colour written '#RRGGBB'."""
    digits = hex_colour.lstrip("#")
    assert len(digits) == 6, hex_colour

    def linear(channel: str) -> float:
        c = int(channel, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(digits[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour(name: str) -> str:
    """One of the high-contrast theme's colours, as the theme itself gives it."""
    value = HIGH_CONTRAST_THEME.variables.get(name) or getattr(HIGH_CONTRAST_THEME, name, None)
    assert isinstance(value, str), name
    return value


def test_contrast_is_measured_as_wcag_measures_it() -> None:
    """Black on white is 21:1, a colour on itself 1:1, and WCAG's own grey #767676 just AA."""
    assert contrast(BLACK, WHITE) == pytest.approx(21)
    assert contrast("#FF6B6B", "#FF6B6B") == pytest.approx(1)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("name", TEXT_ON_BACKGROUND)
def test_high_contrast_text_passes_aa_on_black(name: str) -> None:
    """Every colour read as words on the high-contrast background has at least 4.5:1."""
    assert HIGH_CONTRAST_THEME.background == BLACK
    assert contrast(colour(name), BLACK) >= AA


@pytest.mark.parametrize("name", FILLS_UNDER_BLACK_TEXT)
def test_high_contrast_verdicts_and_cursor_are_read_in_black(name: str) -> None:
    """A verdict banner and the cursor take black text, at least 4.5:1 on their colour."""
    assert contrast(colour(name), BLACK) >= AA
    assert contrast(colour(name), BLACK) > contrast(colour(name), WHITE)


def test_high_contrast_blurred_cursor_is_read_in_white() -> None:
    """The cursor of a list without the focus: white on dark grey, well past AA."""
    assert colour("block-cursor-blurred-background") == DARK_GREY
    assert contrast(colour("block-cursor-blurred-foreground"), DARK_GREY) >= AA


async def test_the_high_contrast_theme_is_offered_beside_textuals(ui_catalogue: Catalogue) -> None:
    """The theme picker lists the high-contrast theme and Textual's own."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        app.search_themes()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one(CommandList)
        names = {str(options.get_option_at_index(i).prompt) for i in range(options.option_count)}
        assert {HIGH_CONTRAST, "textual-dark", "textual-light", "dracula"} <= names


@pytest.mark.parametrize(
    ("asked", "given"),
    [
        (None, THEME),
        (HIGH_CONTRAST, HIGH_CONTRAST),
        ("nord", "nord"),
        ("a-theme-no-longer-there", THEME),
        ("", THEME),
    ],
)
async def test_a_theme_given_at_start_is_used_if_it_is_known(
    ui_catalogue: Catalogue, asked: str | None, given: str
) -> None:
    """A known theme is applied from the first screen; an unknown one is ignored, no error."""
    app = CouncilApp(ui_catalogue, theme=asked)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == given
        assert app.current_theme.name == given
    assert app.return_code in (0, None)


async def choose_theme(app: App[Any], name: str) -> None:
    """Change theme from the palette, as a student does: ctrl+p, 'change theme', the name."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"change theme")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CouncilPalette)
        await pilot.press(*name)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()


async def test_a_theme_changed_from_the_palette_is_saved_and_comes_back(
    ui_catalogue: Catalogue, tmp_path: Path
) -> None:
    """'Change theme', then the high-contrast one: the theme changes and is saved as the
    student's; the next start opens in it. The theme given at start is not saved as a choice."""
    with Store.open(tmp_path / FILE_NAME) as store:
        app = CouncilApp(ui_catalogue, scenario_id=GAZA, store=store, theme="nord")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert store.setting(THEME_SETTING) is None
        await choose_theme(CouncilApp(ui_catalogue, scenario_id=GAZA, store=store), HIGH_CONTRAST)
        assert store.setting(THEME_SETTING) == HIGH_CONTRAST
        again = CouncilApp(ui_catalogue, store=store)
        assert again.theme == HIGH_CONTRAST


async def test_each_name_in_a_browser_gets_its_own_theme(
    ui_catalogue: Catalogue, tmp_path: Path
) -> None:
    """Served, the theme is the student's: it comes back with their name, not another's."""
    with Store.open(tmp_path / FILE_NAME) as store:
        store.use_student("Ada")
        store.keep_setting(THEME_SETTING, HIGH_CONTRAST)
        store.use_student("Bea")
        for name, theme in (("Ada", HIGH_CONTRAST), ("Bea", THEME)):
            app = CouncilApp(ui_catalogue, store=store, ask_name=True)
            async with app.run_test(size=SIZE) as pilot:
                assert app.theme == THEME
                app.screen.query_one("#name", Input).value = name
                await pilot.press("enter")
                await pilot.pause()
                assert app.theme == theme


async def test_the_theme_picker_is_the_safe_palette(ui_catalogue: Catalogue) -> None:
    """'Change theme' opens the themes in the palette that is safe against fast keys."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Change theme"].callback()
        await pilot.pause()
        assert isinstance(app.screen, CouncilPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Search for themes…"


def cursor_style(table: DataTable[Any]) -> str:
    """The style the table draws its cursor row in, before any colour is taken off."""
    header = table.header_height if table.show_header else 0
    first = next(iter(table.render_line(header + table.cursor_row - int(table.scroll_y))))
    return str(first.style)


@pytest.mark.parametrize("no_color", [False, True])
async def test_without_colour_the_verdict_and_the_cursor_are_in_words_and_reverse(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    """With NO_COLOR the verdict is on screen in words, and the member under the cursor is
    drawn reversed, not by a shade of grey alone; with colour, its colour marks it."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "down")
        await pilot.pause()
        assert app.no_color is no_color
        banner = app.screen.query_one(VerdictBanner)
        assert banner.render_line(0).text.strip().startswith("NOT ADOPTED — vetoed by China")
        table = app.screen.query_one(MembersTable)
        assert table.has_focus
        assert ("reverse" in cursor_style(table).split()) is no_color
        assert "bold" in cursor_style(table).split()


async def test_without_colour_the_pickers_cursor_is_reversed(
    ui_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NO_COLOR the highlighted scenario is reversed too, and stays so once blurred."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert "reverse" in cursor_style(table).split()
        await pilot.press("tab")
        await pilot.pause()
        assert not table.has_focus
        assert "reverse" in cursor_style(table).split()


async def open_by_name(app: App[Any], *keys: str) -> list[Screen[Any]]:
    """From whatever screen these keys lead to, open the exercise by name from the palette: the
    screens open then, the top last."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("ctrl+p", *"exercise")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        return list(app.screen_stack)


@pytest.mark.parametrize(
    "keys",
    [
        (),  # the list
        ("v",),  # the list, results hidden
        ("enter",),  # a vote
        ("enter", "question_mark"),  # the help over the vote
        ("enter", "w"),  # what if
        ("enter", "d"),  # the rules side by side
        ("enter", "p"),  # a prediction
        ("enter", "p", "question_mark"),  # the help over a prediction
        ("enter", "p", "l", "l"),  # the reveal
        ("enter", "y", "q"),  # the quit question (in memory, votes set)
    ],
    ids=lambda keys: "-".join(keys) or "list",
)
async def test_a_scenario_opens_by_name_from_every_screen(
    ui_catalogue: Catalogue, keys: tuple[str, ...]
) -> None:
    """Typing a scenario's name in the palette opens its vote over the list, from anywhere."""
    stack = await open_by_name(CouncilApp(ui_catalogue), *keys)
    assert [type(screen) for screen in stack] == [PickerScreen, VoteScreen]
    vote = stack[-1]
    assert isinstance(vote, VoteScreen) and vote.scenario.id == EXERCISE


def test_the_help_and_the_readme_tell_how_to_change_theme() -> None:
    """Both name the palette's 'Change theme', the high-contrast theme and NO_COLOR."""
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    for text in (HELP, readme):
        for words in ("ctrl+p", "Change theme", HIGH_CONTRAST, "NO_COLOR"):
            assert words in text, words


async def test_over_a_prediction_the_palette_names_no_result(ui_catalogue: Catalogue) -> None:
    """With the help open over a prediction, the palette still offers scenarios only by titles
    that tell no result ('Predict: …'), as it does right over the prediction."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "question_mark", "ctrl+p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(p.startswith("Predict: ") for p in prompts)
        assert not any(p.startswith("Open: Gaza") for p in prompts)
