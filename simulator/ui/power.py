"""The power screen: each member's share of the power to decide, on this vote and in the Councils
of 1945 and today, and what the two indices leave out.

Every figure comes from `simulator.power`, exact, and is shown as a percentage and a bar (the
number is always there: the bar only helps the eye). The example of an abstention that is no
veto is counted from the scenarios themselves, so that it is always true.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from operator import attrgetter
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Static

from simulator.power import MemberPower, Power, council_of, council_power, council_rule
from simulator.rules import (
    BallotError,
    Decision,
    Member,
    Reason,
    RuleSet,
    Vote,
    capital,
    join_names,
)
from simulator.scenarios import Catalogue, Scenario
from simulator.ui.gate import may_see_record
from simulator.ui.widgets import ReadingPane, fitted_name, long_date

EXAMPLE_ID = "2024-03-25-resolution-2728"
"""The bundled vote that shows an abstention is no veto: the United States abstained on
resolution 2728, and it was adopted."""

SCALE = Fraction(1, 4)
"""A full bar is a quarter of the power, unless a share is larger: the shares that matter in the
Council (about 20% for a permanent member) then fill most of the bar, and tiny ones still show."""

LABEL_WIDTH = 25
"""Room for the names in the first column: 'each party to the dispute', 'Russian Federation'."""

BLOCKS = " ▏▎▍▌▋▊▉"
"""A bar's last cell, in eighths."""

SHAPLEY_SHUBIK = "Shapley-Shubik"
BANZHAF = "Banzhaf"

_SPELT = {
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    9: "nine",
    10: "ten",
    11: "eleven",
    15: "fifteen",
}


def spelt(n: int) -> str:
    """A count in words, as the Charter writes them ('nine votes'); others in figures."""
    return _SPELT.get(n, str(n))


def percent(share: Fraction) -> str:
    """'19.63%': two decimals, enough to tell 1945's 19.74% from today's; '25%' when whole."""
    hundredths = share * 100
    if hundredths.denominator == 1:
        return f"{hundredths.numerator}%"
    return f"{float(hundredths):.2f}%"


def bar(share: Fraction, scale: Fraction, width: int) -> str:
    """The share as a bar of `width` cells at most, in eighths of a cell; a share above nothing
    shows at least an eighth, so that a small share is never drawn as none."""
    if width <= 0 or share <= 0:
        return ""
    eighths = min(round(share / scale * width * 8), width * 8)
    eighths = max(eighths, 1)
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


@dataclass(frozen=True)
class PowerRow:
    """One line of a power table: a member, or members who hold the same power."""

    label: str
    power: Power
    members: tuple[Member, ...]
    names: str = ""
    """Who the row stands for, where it is several members named in the scenario."""


def power_rows(powers: Sequence[MemberPower], *, named: bool = True) -> tuple[PowerRow, ...]:
    """The permanent members one row each, then the elected members, one row for each share
    (they all hold the same, unless one is a party to the dispute).

    Without `named` (a Council with no scenario, whose seats have no names) the permanent
    members share a row too, and no row lists its members."""
    rows: list[PowerRow] = []
    groups: dict[tuple[bool, Power], list[Member]] = {}
    for entry in powers:
        if entry.member.permanent and named:
            rows.append(PowerRow(entry.member.name, entry.power, (entry.member,)))
        else:
            groups.setdefault((entry.member.permanent, entry.power), []).append(entry.member)
    for (permanent, power), members in groups.items():
        if len(members) == 1 and named:
            rows.append(PowerRow(members[0].name, power, (members[0],)))
            continue
        if all(m.party_to_dispute for m in members):
            label = "each party to the dispute"
        else:
            label = f"each {'permanent' if permanent else 'elected'} member"
        names = ", ".join(m.name for m in members) if named else ""
        rows.append(PowerRow(label, power, tuple(members), names))
    return tuple(rows)


def exact_words(powers: Sequence[MemberPower]) -> str:
    """The shares as fractions, once for each share: 'Each permanent member holds exactly
    421/2145 by Shapley-Shubik and 106/635 by Banzhaf; each elected member, 4/2145 and 21/1270.'"""
    members = [entry.member for entry in powers]
    groups: dict[Power, list[Member]] = {}
    # The permanent members' share first, as in the table.
    for entry in sorted(powers, key=lambda entry: not entry.member.permanent):
        groups.setdefault(entry.power, []).append(entry.member)
    parts: list[str] = []
    for power, group in groups.items():
        who = _who(group, members)
        if not parts:
            parts.append(
                f"{capital(who)} holds exactly {power.shapley_shubik} of the power by "
                f"{SHAPLEY_SHUBIK} and {power.banzhaf} by {BANZHAF}"
            )
        else:
            parts.append(f"{who}, {power.shapley_shubik} and {power.banzhaf}")
    return "; ".join(parts) + "."


def _who(group: Sequence[Member], members: Sequence[Member]) -> str:
    if len(group) == len(members):
        return "every member"
    if len(group) == 1:
        return group[0].display_name
    permanent = [m for m in members if m.permanent]
    elected = [m for m in members if not m.permanent]
    if list(group) == permanent:
        return "each permanent member"
    if list(group) == elected:
        return "each elected member"
    return f"each of {join_names(m.display_name for m in group)}"


class PowerTable(Widget):
    """Members' shares by both indices, as percentages and bars, fitted to the width it has."""

    def __init__(
        self, rows: Sequence[PowerRow], *, scale: Fraction = SCALE, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.rows = tuple(rows)
        """What the table shows: set once, when the screen opens."""
        self.scale = scale
        """The share a full bar stands for, the same in every table on the screen."""

    def lines(self, width: int) -> list[Content]:
        """The table at this width: a heading, then each row; a row that stands for several
        named members lists them below it."""
        label = LABEL_WIDTH  # the same in every table, so that their columns line up
        bars = max(3, min(24, (width - label - 2 - 8 - 2 - 8) // 2))
        column = 8 + bars
        heading = Content.styled(
            f"{'':<{label}}  {SHAPLEY_SHUBIK:<{column}}  {BANZHAF:<{column}}".rstrip(), "bold"
        )
        lines = [heading]
        for row in self.rows:
            power = row.power
            lines.append(
                Content.assemble(
                    f"{_fit(row, label):<{label}}  ",
                    f"{percent(power.shapley_shubik):>7} ",
                    (f"{bar(power.shapley_shubik, self.scale, bars):<{bars}}", "$text-accent"),
                    "  ",
                    f"{percent(power.banzhaf):>7} ",
                    (bar(power.banzhaf, self.scale, bars), "$text-accent"),
                )
            )
            if row.names:
                lines += [
                    Content.styled(line, "$text-muted")
                    for line in _wrap(row.names, max(10, width - 2), indent="  ")
                ]
        return lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))

    @property
    def plain(self) -> str:
        """The table as text, at the width it has on screen."""
        return "\n".join(line.plain for line in self.lines(self.content_size.width))


def _fit(row: PowerRow, width: int) -> str:
    if len(row.members) == 1 and not row.names:
        return fitted_name(row.members[0], width)
    return row.label[:width]


def _wrap(text: str, width: int, *, indent: str) -> list[str]:
    """Words on lines of `width` characters at most, each line indented."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and len(indent) + len(candidate) > width:
            lines.append(indent + line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(indent + line)
    return lines


MEASURES = (
    f"{SHAPLEY_SHUBIK}: imagine the members joining a coalition in favour one at a time, in every "
    "order they might. In each order one member is the one that makes the coalition win: it brings "
    "the last vote needed, or the last concurring vote of a permanent member. A member's share is "
    "in how many of the orders it is that member.\n"
    f"{BANZHAF}: take every coalition the members might form. A member swings a coalition when "
    "its switch changes the outcome: with it the coalition wins, without it the coalition loses. "
    "A member's share is its part of all the members' swings."
)
"""What each index measures, in plain words."""


def why_words(decision: Decision, rules: RuleSet) -> str:
    """Why the members weigh as they do under this decision's rule, citing the Charter."""
    size = rules.council_size
    votes = spelt(rules.votes_required)
    if decision is Decision.PROCEDURAL:
        return (
            f"A procedural decision has no veto: {votes} votes of any members decide "
            "(Article 27(2)). So every member weighs the same, "
            f"1/{size} of the power ({percent(Fraction(1, size))}), permanent or elected. "
            "The tables below count the Council on substance, with the veto, for contrast."
        )
    if decision.is_statement:
        return (
            f"A {decision.label} needs every member's agreement (Council practice; the Charter has "
            "no rule for statements): any one member, permanent or elected, can block it by "
            f"objecting. So every member weighs the same, 1/{size} of the power "
            f"({percent(Fraction(1, size))}). The veto of the five counts only on substantive "
            "decisions (Article 27(3)), as the tables below show."
        )
    return (
        "Why five weigh more than ten: every member has one vote (Article 27(1)), but a "
        f"substantive decision needs {votes} votes including the concurring votes of the "
        "permanent members (Article 27(3)). No coalition wins without each of the five, so in "
        "most orders it is the last permanent member to join that makes it win. The "
        f"{votes} votes can be made up of many different elected members, so any one of them "
        "rarely decides."
    )


Index = Callable[[Power], Fraction]
"""One of the indices, read off a member's `Power`."""


@dataclass(frozen=True)
class Enlargement:
    """The Councils of 1945 and of today, counted on substance: how the enlargement of 1965
    moved the power."""

    before: tuple[MemberPower, ...]
    after: tuple[MemberPower, ...]

    @classmethod
    def counted(cls) -> Enlargement:
        def of(rules: RuleSet) -> tuple[MemberPower, ...]:
            return council_power(council_of(rules), Decision.SUBSTANTIVE, rules)

        return cls(of(RuleSet.CHARTER_1945), of(RuleSet.CHARTER_1965))

    def words(self) -> str:
        """In a few sentences, with the figures of both Councils."""

        def together(powers: Sequence[MemberPower], index: Index) -> Fraction:
            return sum((index(p.power) for p in powers if p.member.permanent), Fraction(0))

        def each(powers: Sequence[MemberPower], index: Index) -> Fraction:
            return next(index(p.power) for p in powers if not p.member.permanent)

        def elected(powers: Sequence[MemberPower]) -> int:
            return sum(not p.member.permanent for p in powers)

        before, after = self.before, self.after
        ss: Index = attrgetter("shapley_shubik")
        bz: Index = attrgetter("banzhaf")
        return (
            "The amendment in force since 31 August 1965 enlarged the Council from "
            f"{spelt(len(before))} members to {spelt(len(after))}, and the votes needed from "
            f"{spelt(RuleSet.CHARTER_1945.votes_required)} to "
            f"{spelt(RuleSet.CHARTER_1965.votes_required)}; the veto stayed. Together, the five "
            f"permanent members held {percent(together(before, ss))} of the power by "
            f"{SHAPLEY_SHUBIK} and hold {percent(together(after, ss))} today; by {BANZHAF}, "
            f"{percent(together(before, bz))} and {percent(together(after, bz))}. The elected "
            f"members share the rest, {spelt(elected(before))} of them then and "
            f"{spelt(elected(after))} now: each elected member held "
            f"{percent(each(before, ss))} and holds {percent(each(after, ss))} "
            f"({SHAPLEY_SHUBIK}), {percent(each(before, bz))} and {percent(each(after, bz))} "
            f"({BANZHAF})."
        )


LEFT_OUT = (
    "Both indices treat each vote as yes or no: a member joins the coalition in favour, or it "
    "does not. In the Council a member can also abstain, and a permanent member's abstention is "
    "no veto: the Council has treated it so since 1946, and the International Court of Justice "
    "confirmed that practice in its Namibia advisory opinion of 1971. A permanent member's "
    "absence is no veto either, by Council practice alone since 1950. So a permanent member can "
    "let a draft pass without voting for it, which the indices cannot show. They also count "
    "every way of voting as equally likely, whatever the members' politics: they measure what "
    "the rules give each member, not what it does with it."
)
"""What the classic indices leave out (the Court is credited with abstention only)."""

ANY_DRAFT = (
    "Try it on any draft resolution: vote nine members in favour (y), one permanent member "
    "abstaining (a) and the others absent (x): the draft is adopted. Change that abstention to "
    "against (n): it is vetoed."
)
"""The example where no scenario at hand shows it: true under either Charter."""


def no_veto_member(scenario: Scenario) -> Member | None:
    """A permanent member that abstained on this adopted draft, or stayed away, and whose vote
    against would have vetoed it; None if the record shows none."""
    if scenario.decision is not Decision.SUBSTANTIVE or scenario.record is None:
        return None
    try:
        recorded = scenario.recorded_ballot()
    except BallotError:
        return None
    if not recorded.verdict.adopted:
        return None
    for member in recorded.members:
        if (
            member.permanent
            and not recorded.is_fixed(member)
            and recorded.vote_of(member) in (Vote.ABSTENTION, Vote.ABSENT)
            and recorded.cast(member.code, Vote.AGAINST).verdict.reason is Reason.VETOED
        ):
            return member
    return None


def example_words(scenario: Scenario | None, other: Scenario | None) -> str:
    """An abstention (or absence) that is no veto, to try on the vote screen: on `scenario` (the
    vote at hand) if its record shows one, else on `other` (the bundled resolution 2728), else
    on any draft. Either may be None: not there, or its record not to be seen yet."""
    for where in (scenario, other):
        if where is None or (member := no_veto_member(where)) is None:
            continue
        name = member.display_name
        abstained = where.recorded_ballot().vote_of(member) is Vote.ABSTENTION
        steps = (
            f"press h for the vote as recorded, move to {name} and press n (against): the draft "
            "is vetoed."
        )
        if where is scenario:
            stayed = "abstained" if abstained else "stayed away"
            return (
                f"Try it on this vote: {name} {stayed}, and the draft was adopted. Close this "
                f"screen (escape), {steps}"
            )
        stayed = "abstained on" if abstained else "stayed away from the vote on"
        return (
            f"Try it: on {long_date(where)} {name} {stayed} “{where.title}”, and the draft was "
            f"adopted. Open it from the list of scenarios, {steps}"
        )
    return ANY_DRAFT


class PowerScreen(ModalScreen[None]):
    """Each member's share of the power to decide, over the vote screen.

    | Key(s) | Description |
    | :- | :- |
    | up / down, pagedown / pageup | Read on. |
    | escape, v | Close, back to the vote. |
    """

    AUTO_FOCUS = "#power-text"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("v", "close", "Close", show=False),
    ]

    def __init__(self, scenario: Scenario, catalogue: Catalogue | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.catalogue = catalogue
        """Where the example of an abstention that is no veto is looked for."""
        self.powers = council_power(scenario.members, scenario.decision, scenario.rules)
        """Each member's power on this vote, under its decision and its rules."""
        self.enlargement = Enlargement.counted()
        """The Councils of 1945 and today, beside this one."""

    def _example(self) -> str:
        """The example, from a scenario whose record may be seen: never one that a pack asks
        the student to predict first."""
        scenario = self.scenario if may_see_record(self, self.scenario) else None
        other = self.catalogue.get(EXAMPLE_ID) if self.catalogue is not None else None
        if other is not None and not may_see_record(self, other):
            other = None
        return example_words(scenario, other)

    def compose(self) -> ComposeResult:
        scenario, enlargement = self.scenario, self.enlargement
        shares = [
            share
            for powers in (self.powers, enlargement.before, enlargement.after)
            for entry in powers
            for share in (entry.power.shapley_shubik, entry.power.banzhaf)
        ]
        scale = max(SCALE, *shares)
        with ReadingPane(id="power-text", note="escape to close") as pane:
            pane.border_title = "Voting power"
            yield Static(
                Content.styled(
                    council_rule(scenario.members, scenario.decision, scenario.rules), "bold"
                ),
                id="power-rule",
            )
            yield PowerTable(power_rows(self.powers), scale=scale, id="power-table")
            yield Static(
                Content.styled(
                    f"{exact_words(self.powers)} A full bar is {percent(scale)} of the power.",
                    "$text-muted",
                ),
                id="power-exact",
            )
            yield Static(Content.styled("What the two numbers measure", "bold"), classes="-head")
            yield Static(MEASURES, markup=False)
            yield Static(why_words(scenario.decision, scenario.rules), markup=False)
            yield Static(
                Content.styled("How the enlargement of 1965 moved power", "bold"), classes="-head"
            )
            yield Static(_council_heading(RuleSet.CHARTER_1945), classes="-head", markup=False)
            yield PowerTable(
                power_rows(enlargement.before, named=False), scale=scale, id="power-1945"
            )
            yield Static(_council_heading(RuleSet.CHARTER_1965), classes="-head", markup=False)
            yield PowerTable(
                power_rows(enlargement.after, named=False), scale=scale, id="power-today"
            )
            yield Static(enlargement.words(), markup=False)
            yield Static(Content.styled("What these numbers leave out", "bold"), classes="-head")
            yield Static(LEFT_OUT, markup=False)
            yield Static(self._example(), id="power-example", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss()


def _council_heading(rules: RuleSet) -> str:
    size, votes = rules.council_size, rules.votes_required
    when = "The Council of 1945" if rules is RuleSet.CHARTER_1945 else "Today's Council"
    return (
        f"{when}: {spelt(size)} members, five permanent and {spelt(size - 5)} elected; "
        f"{spelt(votes)} votes needed."
    )
