"""A list of rows with a cursor, drawn line by line, each row drawn again only when it changes.

A class session's roll is shown again at every vote of the class, on every student's screen at
once. Textual's `DataTable` renders each visible cell again whenever any cell changes, which on
thirty screens of a class voting together costs more than the votes themselves; this list keeps
each row's drawn line until that row changes (or the theme, or the focus, does).

    rows = RowList(id="roll")
    rows.set_rows([("FRA", Content("France  in favour")), ("USA", Content("United States"))])
    rows.set_row("USA", Content("United States  against"))  # draws that line alone again
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual


class RowList(ScrollView, can_focus=True):
    """Rows of text, each under a key, with a cursor the keys and the mouse move.

    | Key(s) | Description |
    | :- | :- |
    | down, j / up, k | The next / previous row. |
    | home / end | The first / last row. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next member", show=False),
        Binding("up,k", "cursor_up", "Previous member", show=False),
        Binding("home", "first", "First member", show=False),
        Binding("end", "last", "Last member", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor"}
    """The row under the cursor (styled in the app's stylesheet, focused and not)."""

    cursor_row: reactive[int] = reactive(0, repaint=False, always_update=True)
    """The row under the cursor, by its place in the list."""

    class Highlighted(Message):
        """The cursor has moved onto the row with this key."""

        def __init__(self, rows: RowList, key: str) -> None:
            super().__init__()
            self.rows = rows
            self.key = key

        @property
        def control(self) -> RowList:
            return self.rows

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[str] = []
        self._rows: dict[str, Content] = {}
        self._drawn: dict[tuple[int, bool], Strip] = {}
        """Each row's line as last drawn, by its place and whether the cursor is on it."""

    @property
    def keys(self) -> list[str]:
        """The rows' keys, in order."""
        return list(self._keys)

    @property
    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor; None while the list is empty."""
        return self._keys[self.cursor_row] if self._keys else None

    def row(self, key: str) -> Content:
        """The text of the row with this key."""
        return self._rows[key]

    def set_rows(self, rows: Sequence[tuple[str, Content]]) -> None:
        """Show these rows in place of those shown: the cursor stays where it was, as far as
        the new rows reach."""
        self._keys = [key for key, _ in rows]
        self._rows = dict(rows)
        self._drawn.clear()
        width = max((text.cell_length for text in self._rows.values()), default=0)
        self.virtual_size = Size(width, len(self._keys))
        self.cursor_row = self.cursor_row  # within the new rows
        self.refresh()

    def set_row(self, key: str, text: Content) -> None:
        """Change one row's text, drawing its line again (nothing, if the text is the same).
        A text wider than the list is cut: a change of width is `set_rows`'s."""
        if self._rows.get(key) == text:
            return
        self._rows[key] = text
        index = self._keys.index(key)
        self._drawn.pop((index, False), None)
        self._drawn.pop((index, True), None)
        self.refresh_line(index)

    def move_to(self, key: str) -> None:
        """Put the cursor on the row with this key, if there is one."""
        if key in self._rows:
            self.cursor_row = self._keys.index(key)

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._keys) - 1))

    def watch_cursor_row(self, before: int, row: int) -> None:
        self.refresh_line(before)
        self.refresh_line(row)
        self.scroll_to_region(Region(0, row, 1, 1), animate=False, x_axis=False, immediate=True)
        if self._keys and before != row:
            self.post_message(self.Highlighted(self, self._keys[row]))

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = len(self._keys) - 1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y + self.scroll_offset.y < len(self._keys):
            self.cursor_row = offset.y + self.scroll_offset.y

    def notify_style_update(self) -> None:
        """The theme, the focus or the styles changed: every line is drawn afresh."""
        self._drawn.clear()
        super().notify_style_update()

    def on_resize(self) -> None:
        self._drawn.clear()  # each line is drawn at least as wide as the list

    def _on_focus(self, event: events.Focus) -> None:
        self._drawn.clear()
        super()._on_focus(event)

    def _on_blur(self, event: events.Blur) -> None:
        self._drawn.clear()
        super()._on_blur(event)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        if not 0 <= index < len(self._keys):
            return Strip.blank(width, self.rich_style)
        cursor = index == self.cursor_row
        line = self._drawn.get((index, cursor))
        if line is None:
            style = self.visual_style
            if cursor:
                style += self.get_visual_style("row-list--cursor")
            text = self._rows[self._keys[index]]
            (line,) = Visual.to_strips(
                self, text, max(self.virtual_size.width, width), 1, style, pad=True
            )
            self._drawn[index, cursor] = line
        return line.crop_extend(scroll_x, scroll_x + width, self.rich_style)
