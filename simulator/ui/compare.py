"""The rules side by side: the vote screen's ballot counted as substantive, procedural and a
statement, in columns where there is room and one above the other where there is not.

Every count and every sentence comes from `simulator.compare`; this module only lays them out.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from simulator.compare import Comparison, CountedAs, outcome_line
from simulator.rules import Decision, capital
from simulator.ui.widgets import VOTE_STYLES, ReadingPane

COLUMNS_FROM = 76
"""From this width the three counts stand in columns; below it, one above the other."""

_HEADINGS = {
    Decision.SUBSTANTIVE: "Substantive · 27(3)",
    Decision.PROCEDURAL: "Procedural · 27(2)",
}


def heading(decision: Decision) -> str:
    """'Substantive · 27(3)', the paragraph of Article 27; a statement has none, as the Charter
    has no rule for statements."""
    return _HEADINGS.get(decision, capital(decision.label))


def tally_lines(counted: CountedAs) -> list[Content]:
    """The tally in the decision's own words, one count a line, and what it needs."""
    verdict = counted.verdict
    decision, counts = verdict.decision, verdict.counts

    def line(label: str, n: int, style: str) -> Content:
        return Content.assemble((f"{label:<11}", style), f"{n:>3}")

    lines = [
        line(capital(decision.vote_label(vote, short=True)), counts.of(vote), VOTE_STYLES[vote])
        for vote in decision.choices
    ]
    if counts.not_voted:
        not_done = "no position" if decision.is_statement else "not voted"
        lines.append(line(capital(not_done), counts.not_voted, VOTE_STYLES[None]))
    if verdict.objections_to_block is not None:
        lines.append(line("To block", verdict.objections_to_block, "bold"))
    else:
        lines.append(line("Needed", verdict.required, "bold"))
    return lines


class CountColumn(Widget):
    """One rule's count: its outcome in words and a symbol, the tally, and why."""

    counted: reactive[CountedAs | None] = reactive(None, layout=True)
    """The ballot counted under this column's rule."""

    def __init__(self, counted: CountedAs, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(CountColumn.counted, counted)

    def on_mount(self) -> None:
        self._classify()

    def watch_counted(self) -> None:
        self._classify()

    def _classify(self) -> None:
        """The edge's colour follows the outcome, which the words and symbol also say."""
        counted = self.counted
        if counted is None:
            return
        is_open = counted.verdict.is_open
        self.set_class(is_open, "-open")
        self.set_class(not is_open and counted.passes, "-passes")
        self.set_class(not is_open and not counted.passes, "-fails")

    def render(self) -> Content:
        counted = self.counted
        if counted is None:
            return Content()
        style = "bold $text-success" if counted.passes else "bold $text-error"
        parts = [
            Content.styled(heading(counted.decision), "bold"),
            Content.styled(outcome_line(counted), style),
            *tally_lines(counted),
            Content(""),
            Content(counted.why),
        ]
        if counted.read_as:
            parts.append(Content.styled(counted.read_as, "italic $text-muted"))
        return Content("\n").join(parts)


class SideBySideScreen(ModalScreen[None]):
    """The same votes counted as a substantive decision, a procedural one and a statement.

    | Key(s) | Description |
    | :- | :- |
    | escape, d | Close, back to the vote. |
    | up / down, pagedown / pageup | Read on where it does not all fit. |
    """

    AUTO_FOCUS = "#side-by-side"

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Screen types it as a list)
        (0, "-stacked"),
        (COLUMNS_FROM, "-columns"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("d", "close", "Close", show=False),
    ]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison
        """The counts shown: taken from the vote screen's ballot when the screen opened."""

    def compose(self) -> ComposeResult:
        comparison = self.comparison
        with ReadingPane(id="side-by-side", note="escape or d to close") as pane:
            pane.border_title = "The same votes under three rules"
            if comparison.open_note:
                yield Static(comparison.open_note, id="open-note", markup=False)
            with Horizontal(id="counts"):
                for counted in comparison.counted:
                    yield CountColumn(counted, id=counted.decision.value)
            if comparison.double_veto:
                yield Static(comparison.double_veto, id="double-veto", markup=False)

    def action_close(self) -> None:
        self.dismiss()
