"""The name screen: in a browser, each tab is a student, and a name keeps their work apart.

Shown first when the simulator is served (`council-sim serve`), before the list of scenarios;
the app then loads the work saved under that name, so a student who reopens the page and gives
the same name finds their work again.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from simulator.store import name_problem, tidy_name

NOT_A_LOGIN = (
    "Your name keeps your work apart from your classmates' on this server, and gives it back "
    "when you come again with the same name. It is a classroom convenience, not a login: "
    "anyone who types your name sees your work, and can change it."
)


class NameScreen(Screen[None]):
    """Asks for the student's name, before anything else.

    | Key(s) | Description |
    | :- | :- |
    | enter | Continue with this name. |
    | escape | Quit. |
    """

    AUTO_FOCUS = "#name"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.quit", "Quit"),
        # Typed into the name here, so the footer does not offer them as help and quit.
        Binding("question_mark", "nothing", show=False),
        Binding("q", "nothing", show=False),
    ]

    class Given(Message):
        """A name that can be used was given: the app loads its work."""

        def __init__(self, student: str) -> None:
            super().__init__()
            self.student = student
            """The name, tidied: trimmed, inner spaces made one."""

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "who are you?"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="name-box") as box:
            box.can_focus = False  # a click in the box must leave the name its focus
            yield Label("Your name", id="name-label")
            yield Input(placeholder="First and last name, then enter", id="name")
            yield Static("", id="name-problem", markup=False)
            yield Static(NOT_A_LOGIN, id="name-note", markup=False)
        # No palette here: it opens scenarios, and nothing may open before the name is given.
        yield Footer(show_command_palette=False)

    def action_nothing(self) -> None:
        """A key that only types."""

    def on_click(self) -> None:
        """A click anywhere gives the name the focus: in a browser, a student's first click on
        the page lands where it may, and their name must still go where they type."""
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def _given(self, event: Input.Submitted) -> None:
        problem = name_problem(event.value)
        self.query_one("#name-problem", Static).update(problem)
        if not problem:
            self.post_message(self.Given(tidy_name(event.value)))
