"""The command palette: Textual's own, made safe against keys that come faster than it closes."""

from __future__ import annotations

from textual import on
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette, ProviderSource
from textual.widgets import Button, Input
from textual.worker import Worker


class CouncilPalette(CommandPalette):
    """Textual's command palette, closed once however many keys arrive while it closes.

    A second enter (or escape, or click) that arrives before the palette has left the screen
    would otherwise dismiss it again, popping the screen beneath it, or run the command twice;
    a key typed then would start a search on a palette whose list has gone.
    """

    def __init__(
        self, providers: ProviderSource | None = None, *, placeholder: str = "Search for commands…"
    ) -> None:
        # No fixed id: a palette still leaving the DOM must not clash with the next one opened.
        super().__init__(providers, placeholder=placeholder)
        self._leaving = False
        self._enter_waiting = False
        """Enter came while the search for what was typed was still running."""

    def dismiss(self, result: None = None) -> AwaitComplete:
        if self._leaving:
            return AwaitComplete()
        self._leaving = True
        # A search still running would look for the command list after it has gone.
        self.workers.cancel_node(self)
        return super().dismiss(result)

    # Two guards, because Textual binds its `@on` handlers to its own functions: this handler
    # stops the events that would reach them, and the override below catches the direct call
    # that choosing a command from the list makes.
    @on(Input.Submitted)
    @on(Input.Changed)
    @on(Button.Pressed)
    def _hold_events(self, event: Input.Submitted | Input.Changed | Button.Pressed) -> None:
        # Handlers run subclass first; preventing the default skips the palette's own.
        if self._leaving:
            event.prevent_default()
            event.stop()
        elif isinstance(event, Input.Submitted) and self._searching():
            # The list still shows the results of an older search: enter would choose from
            # it, not from what was typed. It is answered when the search is done.
            self._enter_waiting = True
            event.prevent_default()
            event.stop()

    def _searching(self) -> bool:
        return any(worker.node is self and not worker.is_finished for worker in self.workers)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self._enter_waiting and event.worker.is_finished and not self._searching():
            self._enter_waiting = False
            self._select_or_command()

    def _select_or_command(self, event: Input.Submitted | Button.Pressed | None = None) -> None:
        if not self._leaving:
            super()._select_or_command(event)

    def _watch__list_visible(self) -> None:
        # A search that ends as the palette goes shows or hides a list already taken away (a
        # NoMatches inside Textual 8.2, seen under a storm of keys and resizes).
        if self._leaving or not self.query(CommandList):
            return
        super()._watch__list_visible()

    def _action_command_list(self, action: str) -> None:
        # Paging a list that has not been laid out yet fails inside Textual 8.2 (a KeyError in
        # OptionList._move_page): a page key pressed as the palette opens must do nothing.
        if self._leaving or not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)
