"""What if: the fewest members who, changing their votes together, would flip the outcome.

Pure, like `simulator.rules`, whose `closed_outcome` it sets out to flip. The ballot is counted as
if the vote closed now (members yet to vote as not in favour; on a statement, as silent), and a
group flips it when, every other member keeping its vote, the group's new votes turn adopted into
not adopted, or back. A member whose vote is fixed (a party to the dispute, Art. 27(3)) cannot
change it.

The groups are worked out from what each outcome needs, not by trying every combination of votes
(there are up to 4^15): a statement is stopped by one objection and agreed when every objector
withdraws; a draft is stopped by one permanent member against, or by enough votes in favour moving
off; it is adopted when every permanent member against moves off and the votes in favour reach what
Article 27 requires. The tests check this against trying every combination on random ballots.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations, islice, product

from simulator.explain import who
from simulator.rules import (
    Ballot,
    Decision,
    Member,
    Reason,
    Vote,
    closed_outcome,
    join_names,
)

MAX_GROUPS = 1000
"""Groups kept in `Flip.groups` for listing; `Flip.count` is always the true number."""


@dataclass(frozen=True)
class Change:
    """One member of a flipping group, and the votes it could give to play its part."""

    member: Member
    votes: tuple[Vote, ...]
    """Any one of these does (but see `Group.in_favour`), in the order of `Decision.choices`."""
    was: Vote | None
    """Its vote as the ballot stands; None if it has not voted yet."""


@dataclass(frozen=True)
class Group:
    """A smallest set of members who, changing their votes together, flip the outcome."""

    changes: tuple[Change, ...]
    """One per member, in Council order."""
    in_favour: int = 0
    """How many of them must vote in favour where their votes alone leave it open: China and the
    Russian Federation both moving off 'against' adopt a draft one vote short only if at least
    one of them votes in favour."""

    @property
    def members(self) -> tuple[Member, ...]:
        return tuple(change.member for change in self.changes)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(change.member.code for change in self.changes)

    def ways(self) -> Iterator[tuple[Vote, ...]]:
        """Every combination of the members' votes that flips it, in the order of `changes`."""
        for votes in product(*(change.votes for change in self.changes)):
            if votes.count(Vote.IN_FAVOUR) >= self.in_favour:
                yield votes


@dataclass(frozen=True)
class Flip:
    """The smallest change that flips a ballot's outcome: every group is `core` and any `choose`
    members of `pool`, which is how 'any one permanent member' is said without listing five."""

    ballot: Ballot
    adopted: bool
    """Whether it is adopted (a statement: agreed) as the ballot stands, if the vote closed now."""
    core: tuple[Change, ...] = ()
    """Members in every group: a permanent member voting against, an objector to a statement."""
    pool: tuple[Change, ...] = ()
    """Members of whom any `choose` complete a group."""
    choose: int = 0
    in_favour: int = 0
    """As `Group.in_favour`, for every group."""

    @property
    def size(self) -> int:
        """The fewest members who can flip it; 0 when no change of anyone's votes can."""
        return len(self.core) + self.choose

    @property
    def count(self) -> int:
        """How many distinct sets of `size` members can flip it; 0 when none can."""
        return math.comb(len(self.pool), self.choose) if self.size else 0

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        """The groups, their members in Council order and the groups ordered by them; the first
        `MAX_GROUPS` where there are more."""
        if not self.size:
            return ()
        order = {member.code: i for i, member in enumerate(self.ballot.members)}
        groups = []
        for chosen in islice(combinations(self.pool, self.choose), MAX_GROUPS):
            changes = sorted((*self.core, *chosen), key=lambda c: order[c.member.code])
            groups.append(Group(tuple(changes), self.in_favour))
        return tuple(groups)


def flip(ballot: Ballot) -> Flip:
    """The fewest members who, changing their votes together while everyone else keeps theirs,
    would turn the outcome (if the vote closed now) from adopted to not adopted, or back."""
    adopted = closed_outcome(ballot) is Reason.ADOPTED
    free = tuple(m for m in ballot.members if not ballot.is_fixed(m))
    if ballot.decision.is_statement:
        if adopted:
            # Council practice: one objection from any member blocks a statement.
            return Flip(ballot, adopted, pool=_changes(ballot, free, Vote.AGAINST), choose=1)
        # Agreed only when no member objects: every objector must withdraw.
        objecting = tuple(m for m in ballot.members if ballot.vote_of(m) is Vote.AGAINST)
        return Flip(ballot, adopted, core=_changes(ballot, objecting))
    if adopted:
        return _to_stop(ballot, free)
    return _to_adopt(ballot, free)


def _changes(ballot: Ballot, members: Iterable[Member], *votes: Vote) -> tuple[Change, ...]:
    """Each member giving one of `votes`; with none given, any vote but its own."""
    choices = ballot.decision.choices
    return tuple(
        Change(
            member,
            tuple(v for v in choices if (v in votes if votes else v is not ballot.vote_of(member))),
            ballot.vote_of(member),
        )
        for member in members
    )


def _voting(ballot: Ballot, vote: Vote) -> tuple[Member, ...]:
    return tuple(m for m in ballot.members if ballot.vote_of(m) is vote)


def _to_stop(ballot: Ballot, free: tuple[Member, ...]) -> Flip:
    """An adopted draft: one permanent member against, or enough votes in favour moving off."""
    in_favour = tuple(m for m in _voting(ballot, Vote.IN_FAVOUR) if m in free)
    spare = len(_voting(ballot, Vote.IN_FAVOUR)) - ballot.required
    # Art. 27(3): any permanent member free to vote can veto it on its own.
    veto = ballot.decision is Decision.SUBSTANTIVE and any(m.permanent for m in free)
    if veto or (spare == 0 and in_favour):
        pool: list[Change] = []
        for member in free:
            if spare == 0 and member in in_favour:
                # Exactly the votes needed: any other vote, a veto included, leaves it one short.
                pool += _changes(ballot, [member])
            elif veto and member.permanent:
                pool += _changes(ballot, [member], Vote.AGAINST)
        return Flip(ballot, True, pool=tuple(pool), choose=1)
    if len(in_favour) > spare:
        return Flip(ballot, True, pool=_changes(ballot, in_favour), choose=spare + 1)
    return Flip(ballot, True)


def _to_adopt(ballot: Ballot, free: tuple[Member, ...]) -> Flip:
    """A draft not adopted: every permanent member against moves off, and enough vote in favour."""
    substantive = ballot.decision is Decision.SUBSTANTIVE
    against = tuple(m for m in _voting(ballot, Vote.AGAINST) if m.permanent and substantive)
    short = ballot.required - len(_voting(ballot, Vote.IN_FAVOUR))
    if any(m not in free for m in against):
        return Flip(ballot, False)
    if short == len(against):
        return Flip(ballot, False, core=_changes(ballot, against, Vote.IN_FAVOUR))
    if short < len(against):
        # Moving off 'against' lifts the veto; `short` of them must also bring their votes.
        return Flip(ballot, False, core=_changes(ballot, against), in_favour=max(short, 0))
    others = tuple(m for m in free if m not in against and ballot.vote_of(m) is not Vote.IN_FAVOUR)
    if len(others) < short - len(against):
        return Flip(ballot, False)
    return Flip(
        ballot,
        False,
        core=_changes(ballot, against, Vote.IN_FAVOUR),
        pool=_changes(ballot, others, Vote.IN_FAVOUR),
        choose=short - len(against),
    )


# The words


_DOING = {
    Vote.IN_FAVOUR: "voting in favour",
    Vote.AGAINST: "voting against",
    Vote.ABSTENTION: "abstaining",
    Vote.ABSENT: "staying away",
}
_STATEMENT_DOING = {
    Vote.IN_FAVOUR: "agreeing",
    Vote.AGAINST: "objecting",
    Vote.ABSENT: "staying silent",
}


def change_words(change: Change, decision: Decision) -> str:
    """'voting against', "moving off 'against'" (any other vote does), 'no longer objecting'."""
    others = tuple(v for v in decision.choices if v is not change.was)
    if change.was is not None and len(others) > 1 and change.votes == others:
        if decision.is_statement and change.was is Vote.AGAINST:
            return "no longer objecting"
        return f"moving off '{decision.vote_label(change.was, short=True)}'"
    doing = _STATEMENT_DOING if decision.is_statement else _DOING
    return join_names((doing[vote] for vote in change.votes), "or")


def _number(n: int) -> str:
    return "one" if n == 1 else str(n)


def _together(n: int) -> str:
    """'both ', 'all 3 ': said before what a group of n members does."""
    return "both " if n == 2 else f"all {n} "


def _at_least(group_or_flip: Group | Flip) -> str:
    n = group_or_flip.in_favour
    return f", at least {_number(n)} of them voting in favour" if n else ""


def _doing(changes: Sequence[Change], decision: Decision) -> str:
    """What the members do, said once when they all do the same: ', both moving off …'."""
    phrases = list(dict.fromkeys(change_words(c, decision) for c in changes))
    if len(phrases) == 1:
        return f" {phrases[0]}" if len(changes) == 1 else f", {_together(len(changes))}{phrases[0]}"
    return ": " + "; ".join(f"{c.member.code} {change_words(c, decision)}" for c in changes)


def group_words(group: Group, decision: Decision) -> str:
    """One group in words: China and the Russian Federation, both moving off 'against'."""
    return f"{who(group.members)}{_doing(group.changes, decision)}{_at_least(group)}"


def _kind(members: Sequence[Member]) -> str:
    if all(m.permanent for m in members):
        return "permanent "
    if not any(m.permanent for m in members):
        return "elected "
    return ""


def _any_of(flip: Flip) -> str:
    """'any one permanent member', 'any 3 of these 7 elected members (ECU, JPN, …)'."""
    pool = [change.member for change in flip.pool]
    kind = _kind(pool)
    free = [m for m in flip.ballot.members if not flip.ballot.is_fixed(m)]
    of_kind = {
        "permanent ": [m for m in free if m.permanent],
        "elected ": [m for m in free if not m.permanent],
        "": free,
    }[kind]
    if pool == of_kind:
        plural = "s" if flip.choose > 1 else ""
        return f"any {_number(flip.choose)} {kind}member{plural}"
    codes = ", ".join(m.code for m in pool)
    return f"any {_number(flip.choose)} of these {len(pool)} {kind}members ({codes})"


def flip_words(flip: Flip) -> str:
    """The smallest change in words, compact where the groups are many: "any one permanent
    member voting against"; "China and the Russian Federation, both moving off 'against'"."""
    decision = flip.ballot.decision
    if not flip.size:
        return _no_flip(flip)
    if flip.count == 1:
        return group_words(flip.groups[0], decision)
    phrases = list(dict.fromkeys(change_words(c, decision) for c in (*flip.core, *flip.pool)))
    if len(phrases) > 1:
        # Only one member at a time does something different: say who does what.
        by_phrase: dict[str, list[Member]] = {}
        for change in flip.pool:
            by_phrase.setdefault(change_words(change, decision), []).append(change.member)
        ways = [f"{_either(members)} {phrase}" for phrase, members in by_phrase.items()]
        return f"any one member on its own: {'; or '.join(ways)}"
    if not flip.core:
        return f"{_any_of(flip)} {phrases[0]}{_at_least(flip)}"
    core = [c.member for c in flip.core]
    names = [m.display_name for m in core] if len(core) <= 2 else [m.code for m in core]
    together = _together(flip.size)
    return f"{join_names([*names, _any_of(flip)])}, {together}{phrases[0]}{_at_least(flip)}"


def _either(members: Sequence[Member]) -> str:
    """'China or France', 'ECU, JPN or MLT': any one of them."""
    if len(members) <= 2:
        return join_names((m.display_name for m in members), "or")
    return join_names((m.code for m in members), "or")


def _no_flip(flip: Flip) -> str:
    ballot = flip.ballot
    if flip.adopted:
        return "no change of votes can stop it"
    fixed_against = [m for m in _voting(ballot, Vote.AGAINST) if m.permanent and ballot.is_fixed(m)]
    if fixed_against:
        return f"no change of votes can adopt it: {who(fixed_against)} cannot change a vote against"
    return (
        "no change of votes can adopt it: even if every member free to change voted in favour, "
        f"it would have fewer than the {ballot.required} votes in favour it needs, as parties to "
        "the dispute must abstain (Article 27(3))"
    )


def outcome_after(flip: Flip) -> str:
    """What the flip would make it: 'adopted', 'not adopted'; a statement 'agreed', 'blocked'."""
    if flip.ballot.decision.is_statement:
        return "blocked" if flip.adopted else "agreed"
    return "not adopted" if flip.adopted else "adopted"


def flip_line(flip: Flip) -> str:
    """One line for the command line: how many members, who, and what it would come to."""
    if not flip.size:
        return f"Smallest change that flips it: none — {flip_words(flip)}"
    members = "1 member" if flip.size == 1 else f"{flip.size} members"
    return f"Smallest change that flips it: {members} — {flip_words(flip)} → {outcome_after(flip)}"
