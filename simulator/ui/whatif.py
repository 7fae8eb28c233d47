"""The what-if panel: the fewest members who, changing their votes together, would flip the vote.

It shows `simulator.whatif` for the ballot on the vote screen when it opened: the groups in words,
compact where they are many ("any one permanent member voting against"), and every group on
demand.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from simulator.explain import outcome_word
from simulator.rules import Ballot, Reason, capital
from simulator.ui.widgets import ReadingPane
from simulator.whatif import MAX_GROUPS, Flip, flip, flip_words, group_words, outcome_after


def summary(result: Flip) -> Content:
    """What the panel says before the list: the outcome now, the fewest members, who and how."""
    ballot = result.ballot
    verdict = ballot.verdict
    decision = ballot.decision
    vote = "position" if decision.is_statement else "vote"  # a statement is not voted
    now = outcome_word(decision, verdict.standing)
    if not decision.is_statement and verdict.standing is not Reason.ADOPTED:
        now = f"not adopted ({now})"
    if verdict.is_open and decision.is_statement:
        stands = f"If it closed now, counting members with no position as silent: {now}."
    elif verdict.is_open:
        stands = f"If the vote closed now, counting members yet to vote as not in favour: {now}."
    else:
        stands = f"As the {vote}s stand: {now}."
    lines = [Content(stands), Content("")]
    if not result.size:
        lines.append(Content(capital(flip_words(result)) + "."))
        return Content("\n").join(lines)
    lines += [
        Content.assemble(
            (
                f"Fewest members whose {vote}s must change for it to be {outcome_after(result)}: ",
                "bold",
            ),
            (str(result.size), "bold $text-accent"),
        ),
        Content(capital(flip_words(result)) + "."),
        Content.styled(f"Everyone else keeps their {vote}.", "dim"),
    ]
    if result.count > 1:
        lines += [
            Content(""),
            Content.assemble(
                f"{result.count} different groups can do it: ", ("l", "bold"), " lists them."
            ),
        ]
    if verdict.parties:
        lines += [
            Content(""),
            Content("A party to the dispute cannot change its vote: Article 27(3) has it abstain."),
        ]
    return Content("\n").join(lines)


def group_lines(result: Flip) -> Content:
    """Every group, numbered, one a line; the first `MAX_GROUPS` where there are more."""
    decision = result.ballot.decision
    lines = [Content.styled(f"Every group of {result.size}", "bold")]
    lines += [
        Content(f"{n}. {capital(group_words(group, decision))}")
        for n, group in enumerate(result.groups, start=1)
    ]
    if result.count > len(result.groups):
        lines.append(Content(f"… and {result.count - MAX_GROUPS} more, not listed."))
    return Content("\n").join(lines)


class WhatIfScreen(ModalScreen[None]):
    """The smallest change that flips the outcome, over the vote screen.

    | Key(s) | Description |
    | :- | :- |
    | l | List every group (again: hide the list). |
    | up / down, pagedown / pageup | Scroll. |
    | escape, w | Close. |
    """

    AUTO_FOCUS = "#whatif-text"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "list_groups", "List groups", tooltip="Every group that can flip it"),
        Binding("escape", "close", "Close"),
        Binding("w", "close", "Close", show=False),
    ]

    listing: var[bool] = var(False)
    """Whether every group is listed below the summary."""

    def __init__(self, ballot: Ballot) -> None:
        super().__init__()
        self.flip = flip(ballot)
        """The smallest change that flips the ballot as it was when the panel opened."""
        self._listed = False

    def compose(self) -> ComposeResult:
        with ReadingPane(id="whatif-text", note="escape to close") as pane:
            pane.border_title = "What if…"
            yield Static(summary(self.flip), id="whatif-summary")
            yield Static(id="whatif-groups")
        yield Footer(compact=True, show_command_palette=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # One group is already said in full: there is nothing more to list.
        if action == "list_groups":
            return self.flip.count > 1
        return True

    def watch_listing(self, listing: bool) -> None:
        groups = self.query_one("#whatif-groups", Static)
        if listing and not self._listed:
            # Built on demand: an open ballot has thousands of groups.
            groups.update(group_lines(self.flip))
            self._listed = True
        groups.display = listing

    def action_list_groups(self) -> None:
        self.listing = not self.listing
        if self.listing:
            groups = self.query_one("#whatif-groups", Static)
            self.call_after_refresh(groups.scroll_visible, top=True, animate=False)

    def action_close(self) -> None:
        self.dismiss()
