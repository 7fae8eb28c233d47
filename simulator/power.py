"""Exact voting power: the Shapley-Shubik and Banzhaf indices of a weighted vote with a veto.

Pure, like `simulator.rules`: no I/O, no UI, and exact, as fractions. Who holds how much of the
power to decide is what the veto means in numbers: under Article 27(3) each permanent member of
today's Council holds 421/2145 of it (Shapley-Shubik), about 20%, and each elected member under
0.2%, although every member has one vote (Article 27(1)).

The indices are counted, not estimated, and not by trying every order or coalition of members
(15! orders, 2**192 coalitions in the General Assembly): the coalitions of the other members are
counted by how many they are and how many votes they hold (a generating function, multiplied out
one group of like members at a time), so 193 members take milliseconds.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from simulator.rules import (
    PERMANENT_MEMBERS,
    Ballot,
    Decision,
    Member,
    RuleSet,
    capital,
    join_names,
)

ASSEMBLY_SIZE = 193
"""The members of the United Nations, each with a seat and one vote in the General Assembly."""


@dataclass(frozen=True)
class Game:
    """A weighted vote: a coalition wins when it holds at least `quota` votes and every veto.

    `vetoes` are the indices of the players whose vote is needed: a coalition without one of
    them loses, however many votes it holds (the permanent members under Article 27(3)).
    """

    weights: tuple[int, ...]
    quota: int
    vetoes: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", tuple(self.weights))
        object.__setattr__(self, "vetoes", frozenset(self.vetoes))
        if self.quota < 1:
            # With a quota of 0 a coalition of nobody would decide: no vote would be needed.
            raise ValueError(f"the quota must be at least 1 vote, not {self.quota}")
        if any(weight < 0 for weight in self.weights):
            raise ValueError("a member's votes cannot be fewer than none")
        outside = sorted(v for v in self.vetoes if not 0 <= v < len(self.weights))
        if outside:
            raise ValueError(
                f"veto {outside[0]} names no member: there are {len(self.weights)}, "
                f"numbered from 0 to {len(self.weights) - 1}"
            )

    @property
    def total(self) -> int:
        """All the votes there are."""
        return sum(self.weights)

    @property
    def can_be_won(self) -> bool:
        """Whether any coalition wins: all the members together, who hold every veto."""
        return self.total >= self.quota


@dataclass(frozen=True)
class Power:
    """One member's share of the power to decide, by two measures, exactly."""

    shapley_shubik: Fraction
    """The share of the orders in which members could join a 'yes' where this member's joining
    is what makes it win. The members' shares sum to 1 in a game that can be won."""
    banzhaf: Fraction
    """This member's swings as a share of all members' swings: the shares sum to 1, unless
    nobody has a swing at all, when each is 0."""
    banzhaf_absolute: Fraction
    """The share of the other members' coalitions that win with this member and lose without
    it: its swings over 2**(n-1)."""


def indices(game: Game) -> tuple[Power, ...]:
    """Each player's power, in the game's order.

    A game nobody can win (its quota above all the votes there are) has no swing and no pivot:
    every index is 0, the normalised Banzhaf index too (it is not a division by zero). So is a
    player that never makes the difference, such as one with no votes and no veto.
    """
    n = len(game.weights)
    if n == 0:
        return ()
    # Players alike in votes and veto have the same power: each kind is counted once.
    kinds = {(weight, i in game.vetoes) for i, weight in enumerate(game.weights)}
    counted = {kind: _swings(game, *kind) for kind in kinds}
    all_swings = sum(
        counted[(weight, i in game.vetoes)][0] for i, weight in enumerate(game.weights)
    )
    factorial = math.factorial(n)
    coalitions = 2 ** (n - 1)
    power = {
        kind: Power(
            shapley_shubik=Fraction(pivots, factorial),
            banzhaf=Fraction(swings, all_swings) if all_swings else Fraction(0),
            banzhaf_absolute=Fraction(swings, coalitions),
        )
        for kind, (swings, pivots) in counted.items()
    }
    return tuple(power[(weight, i in game.vetoes)] for i, weight in enumerate(game.weights))


def _swings(game: Game, weight: int, veto: bool) -> tuple[int, int]:
    """For a player with `weight` votes (a veto if `veto`): the coalitions of the others that
    it turns from losing into winning, and the orders of all players in which it is the pivot.

    Such a coalition holds every other veto. If the player has a veto, any such coalition with
    at least quota - weight votes is turned (without the player it loses for want of the veto);
    if not, the coalition must also lose without it: fewer than quota votes.
    """
    n, quota = len(game.weights), game.quota
    free: Counter[int] = Counter(w for i, w in enumerate(game.weights) if i not in game.vetoes)
    vetoes = [game.weights[i] for i in game.vetoes]
    if veto:
        vetoes.remove(weight)
    else:
        free[weight] -= 1
    coalitions = _coalitions(free, start=(len(vetoes), sum(vetoes)), cap=quota)
    low, high = quota - weight, None if veto else quota
    swings = pivots = 0
    for (size, votes), count in coalitions.items():
        if votes >= low and (high is None or votes < high):
            swings += count
            # The player is the pivot in each order where exactly these `size` others come first.
            pivots += count * math.factorial(size) * math.factorial(n - 1 - size)
    return swings, pivots


def _coalitions(
    free: Mapping[int, int], *, start: tuple[int, int], cap: int
) -> dict[tuple[int, int], int]:
    """How many coalitions there are of each (size, votes): those of `start` (members every
    coalition counted holds) with any of the `free` members (votes: how many members have them).

    Votes are counted up to `cap` (the quota): beyond it no count is needed, so they are kept
    together there, which keeps the table small.
    """
    table = {(start[0], min(start[1], cap)): 1}
    for weight, many in free.items():
        if many <= 0:
            continue
        # (1 + x·y**weight) ** many: k of these alike members join in C(many, k) ways.
        ways = [math.comb(many, k) for k in range(many + 1)]
        grown: dict[tuple[int, int], int] = {}
        for (size, votes), count in table.items():
            for k, choose in enumerate(ways):
                key = (size + k, min(votes + k * weight, cap))
                grown[key] = grown.get(key, 0) + count * choose
        table = grown
    return table


def council_game(members: Sequence[Member], decision: Decision, rules: RuleSet) -> Game:
    """The Council as a weighted vote: one vote each (Article 27(1)) and the rule of `decision`.

    - Substantive: `rules.votes_required` votes with every permanent member's (Article 27(3)).
    - Procedural: the same number of votes, and no veto (Article 27(2)).
    - A press or presidential statement is agreed only if nobody objects (Council practice):
      every member's agreement is needed, so every member is a veto.

    A party to the dispute must abstain on a substantive decision (Article 27(3)): its vote can
    never be one of those that decide, so it counts for 0 and has no veto (a permanent member
    that is a party cannot veto). The votes needed stay what the Charter says: the other
    members must find them among themselves. As in `rules.Ballot`, this applies to substantive
    decisions only.
    """
    ballot = Ballot.open(members, decision=decision, rules=rules)
    weights = tuple(0 if ballot.is_fixed(m) else 1 for m in members)
    if decision.is_statement:
        return Game(weights, max(len(members), 1), frozenset(range(len(members))))
    vetoes = frozenset(
        i
        for i, m in enumerate(members)
        if decision is Decision.SUBSTANTIVE and m.permanent and not ballot.is_fixed(m)
    )
    return Game(weights, rules.votes_required, vetoes)


_SPELT = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
)


def _number(n: int) -> str:
    return _SPELT[n] if 0 <= n < len(_SPELT) else str(n)


def council_rule(members: Sequence[Member], decision: Decision, rules: RuleSet) -> str:
    """The rule the indices measure, in a sentence citing the Charter: 'Substantive decision
    under Article 27(3): nine votes including the five permanent members.'"""
    ballot = Ballot.open(members, decision=decision, rules=rules)
    parties = [m for m in members if ballot.is_fixed(m)]
    signed = "" if rules is RuleSet.CHARTER_1965 else " as signed in 1945 (a Council of eleven)"
    votes = f"{_number(rules.votes_required)} votes"
    if decision.is_statement:
        rule = (
            f"{capital(decision.label)}: agreed only if no member objects (Council practice; "
            "the Charter has no rule for statements), so every member's agreement is needed."
        )
    elif decision is Decision.PROCEDURAL:
        rule = f"Procedural decision under Article 27(2){signed}: {votes} of any members, no veto."
    else:
        permanent = [m for m in members if m.permanent]
        vetoes = [m for m in permanent if m not in parties]
        if not vetoes:
            needed = f"{votes}, and no veto: no permanent member can vote"
        elif len(vetoes) == len(permanent):
            needed = f"{votes} including the {_number(len(vetoes))} permanent members"
        else:
            needed = (
                f"{votes} including the {_number(len(vetoes))} permanent members "
                "not party to the dispute"
            )
        rule = f"Substantive decision under Article 27(3){signed}: {needed}."
    if parties:
        names = join_names(m.display_name for m in parties)
        are, hold = (
            ("is a party", "it holds") if len(parties) == 1 else ("are parties", "they hold")
        )
        rule += (
            f" {capital(names)} {are} to the dispute and must abstain (Article 27(3)), "
            f"so {hold} no power."
        )
    return rule


def assembly_rule(*, two_thirds: bool = False, size: int = ASSEMBLY_SIZE) -> str:
    """The Assembly's rule the indices measure, in a sentence citing the Charter."""
    quota = assembly_game(two_thirds=two_thirds, size=size).quota
    if two_thirds:
        kind = "An important question under Article 18(2): two-thirds"
    else:
        kind = "Under Article 18(3): a simple majority"
    return (
        f"{kind} of the members present and voting, here {quota} of the {size} with every member "
        "voting yes or no; one vote each, and no veto."
    )


@dataclass(frozen=True)
class MemberPower:
    """A member of the Council and its power."""

    member: Member
    power: Power


def council_power(
    members: Sequence[Member], decision: Decision, rules: RuleSet
) -> tuple[MemberPower, ...]:
    """Each member's power under `decision` and `rules`, in Council order."""
    game = council_game(members, decision, rules)
    return tuple(
        MemberPower(member, power) for member, power in zip(members, indices(game), strict=True)
    )


PERMANENT_NAMES = {
    "CHN": "China",
    "FRA": "France",
    "RUS": "Russian Federation",
    "GBR": "United Kingdom",
    "USA": "United States",
}
"""The permanent members by the names they sit under today (Article 23(1) as amended)."""


def council_of(rules: RuleSet) -> tuple[Member, ...]:
    """A Council for `rules` without a scenario: the five permanent members, then the elected
    seats as 'Elected member 1', … (codes E01, …): the elected members' power is the same
    whoever holds the seats, so a screen can set today's Council beside the Council of 1945.

    The permanent seats are named as today, in 1945 too (when the Republic of China and the
    Soviet Union held two of them), so that the two Councils line up seat by seat.
    """
    permanent = tuple(
        Member(code, PERMANENT_NAMES[code], permanent=True) for code in PERMANENT_MEMBERS
    )
    elected = tuple(
        Member(f"E{seat:02d}", f"Elected member {seat}")
        for seat in range(1, rules.council_size - len(permanent) + 1)
    )
    return permanent + elected


def assembly_game(*, two_thirds: bool = False, size: int = ASSEMBLY_SIZE) -> Game:
    """The General Assembly (Article 18): one vote each, no veto, and a simple majority, or
    two-thirds on an important question (`two_thirds`).

    Article 18 counts the members present and voting: an abstaining member counts as not voting,
    so the real majority moves with how many vote yes or no. The game models every member
    present and voting yes or no: a majority is size // 2 + 1 of the `size` members, two-thirds
    is 2/3 of them rounded up.
    """
    if size < 1:
        raise ValueError(f"the Assembly needs at least one member, not {size}")
    quota = -(-2 * size // 3) if two_thirds else size // 2 + 1
    return Game((1,) * size, quota)
