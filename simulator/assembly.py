"""How the General Assembly counts a vote: Article 18 of the UN Charter, beside the Council's 27.

Each of the 193 Member States has one vote and none has a veto (Art. 18(1)). A draft is adopted by
a majority of the members present and voting (Art. 18(3)), or by two-thirds of them on an
important question (Art. 18(2)); a member that abstains, or is away, is not "present and voting".

Pure and immutable like `simulator.rules`, whose `Vote` and `Counts` it reuses: a new vote makes
a new `AssemblyBallot`, and its `AssemblyVerdict` is always counted from it. The one read is the
package's own list of members and regional groups, `data/assembly.toml`, once.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, cached_property
from importlib import resources
from types import MappingProxyType

from simulator.rules import BallotError, Counts, Vote, capital, join_names, the

MEMBERS = 193
"""The Member States of the United Nations, each a member of the General Assembly (Art. 9)."""


@dataclass(frozen=True)
class MemberState:
    """A member of the General Assembly, in the regional group it is counted with."""

    code: str
    """ISO 3166-1 alpha-3 code, the member's key everywhere."""
    name: str
    group: str
    """The `RegionalGroup.id` of its group."""
    short_name: str = ""
    """A shorter form of the name, for where the whole one does not fit ("DR Congo")."""

    @property
    def display_name(self) -> str:
        """The name as it reads inside a sentence ("the United States")."""
        return the(self.name)


@dataclass(frozen=True)
class RegionalGroup:
    """One of the UN's five regional groups: informal, but how members are seated and elected."""

    id: str
    """How a scenario file names the group: `african`, `western-european-others`."""
    name: str
    short_name: str
    members: tuple[MemberState, ...]


def _folded(text: str) -> str:
    """Lower case without accents, so that 'cote' finds Côte d'Ivoire and 'turk' Türkiye."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Assembly:
    """The General Assembly's members, group by group, in the order of the data file."""

    groups: tuple[RegionalGroup, ...]

    @cached_property
    def members(self) -> tuple[MemberState, ...]:
        return tuple(m for g in self.groups for m in g.members)

    @cached_property
    def _by_code(self) -> Mapping[str, MemberState]:
        return {m.code: m for m in self.members}

    def member(self, code: str) -> MemberState:
        """The member with this code (any case); `BallotError` if there is none."""
        # ASCII only, as in `Ballot.member`: str.upper() folds some letters into ASCII ones.
        found = self._by_code.get(code.upper()) if code.isascii() else None
        if found is None:
            raise BallotError(f"{code!r} is not a member of the General Assembly")
        return found

    def group(self, group_id: str) -> RegionalGroup:
        """The group with this id; `BallotError` naming the ids if there is none."""
        for group in self.groups:
            if group.id == group_id:
                return group
        ids = ", ".join(g.id for g in self.groups)
        raise BallotError(f"{group_id!r} is not a regional group (one of: {ids})")

    def search(self, text: str) -> tuple[MemberState, ...]:
        """The members whose name or code holds `text`, in any case and without its accents."""
        wanted = _folded(text.strip())
        if not wanted:
            return self.members
        return tuple(
            m
            for m in self.members
            if wanted in _folded(m.name)
            or wanted in _folded(m.short_name)
            or wanted in m.code.lower()
        )


@cache
def load_assembly() -> Assembly:
    """The 193 members and their groups, from the data file that ships in the package."""
    text = resources.files("simulator").joinpath("data", "assembly.toml").read_text("utf-8")
    data = tomllib.loads(text)
    groups = tuple(
        RegionalGroup(
            id=g["id"],
            name=g["name"],
            short_name=g["short_name"],
            members=tuple(
                MemberState(m["code"], m["name"], g["id"], m.get("short_name", ""))
                for m in g["members"]
            ),
        )
        for g in data["groups"]
    )
    return Assembly(groups)


class AssemblyReason(StrEnum):
    """Why a draft was or was not adopted, as an `AssemblyVerdict` reports it."""

    ADOPTED = "adopted"
    TOO_FEW = "too_few_votes"
    """Fewer in favour than the majority needed of the members present and voting."""
    TIED = "tied"
    """As many against as in favour: no majority (the Assembly's rules treat it as rejected)."""
    NOBODY_VOTING = "nobody_voting"
    """No member voted in favour or against: there is no majority to count."""
    OPEN = "open"
    """Some members have not voted yet."""


def required(yes: int, no: int, *, important: bool) -> int:
    """Votes in favour needed, given how many members are present and voting (yes + no).

    Art. 18(2): two-thirds of them on an important question; Art. 18(3): a majority, more than
    half, on any other. Abstentions and absences are not counted at all.
    """
    voting = yes + no
    if important:
        return max(1, -(-2 * voting // 3))  # two-thirds, rounded up
    return voting // 2 + 1


def _outcome(yes: int, no: int, *, important: bool) -> AssemblyReason:
    if yes + no == 0:
        return AssemblyReason.NOBODY_VOTING
    if yes == no:
        return AssemblyReason.TIED
    if yes >= required(yes, no, important=important):
        return AssemblyReason.ADOPTED
    return AssemblyReason.TOO_FEW


@dataclass(frozen=True)
class AssemblyVerdict:
    """The outcome of an Assembly ballot, and what is needed to explain it."""

    reason: AssemblyReason
    standing: AssemblyReason
    """The outcome if the vote closed now: a member yet to vote is then not present and voting."""
    counts: Counts
    important: bool
    required: int
    """Votes in favour needed, from the members present and voting (`required`)."""

    @property
    def adopted(self) -> bool:
        return self.reason is AssemblyReason.ADOPTED

    @property
    def is_open(self) -> bool:
        return self.reason is AssemblyReason.OPEN

    @property
    def voting(self) -> int:
        """Members present and voting: those in favour and those against (Art. 18)."""
        return self.counts.yes + self.counts.no

    @property
    def majority(self) -> str:
        """'two-thirds' or 'a majority': what Article 18 asks of this question."""
        return "two-thirds" if self.important else "a majority"

    @property
    def headline(self) -> str:
        return headline(self)

    @property
    def explanation(self) -> str:
        return explain(self)


@dataclass(frozen=True, eq=False)
class AssemblyBallot:
    """The Assembly's members and the votes cast so far; missing votes are not yet cast."""

    assembly: Assembly
    important: bool = False
    """An important question under Art. 18(2), decided by two-thirds; otherwise a majority."""
    votes: Mapping[str, Vote] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "votes", MappingProxyType(dict(self.votes)))

    @classmethod
    def open(cls, assembly: Assembly | None = None, *, important: bool = False) -> AssemblyBallot:
        """A ballot where nobody has voted yet."""
        return cls(assembly or load_assembly(), important)

    def _replace(self, votes: Mapping[str, Vote]) -> AssemblyBallot:
        return AssemblyBallot(self.assembly, self.important, votes)

    def vote_of(self, member: MemberState) -> Vote | None:
        return self.votes.get(member.code)

    def cast(self, code: str, vote: Vote) -> AssemblyBallot:
        """A new ballot with this member's vote; `BallotError` if there is no such member."""
        member = self.assembly.member(code)
        return self._replace({**self.votes, member.code: vote})

    def cast_group(self, group_id: str, vote: Vote) -> AssemblyBallot:
        """A new ballot with every member of this regional group voting the same way."""
        group = self.assembly.group(group_id)
        return self._replace({**self.votes, **{m.code: vote for m in group.members}})

    def cast_all(self, votes: Mapping[str, Vote]) -> AssemblyBallot:
        for code in votes:
            self.assembly.member(code)  # every code checked before any vote is taken
        return self._replace({**self.votes, **{c.upper(): v for c, v in votes.items()}})

    def reset(self) -> AssemblyBallot:
        return self._replace({})

    @property
    def is_blank(self) -> bool:
        return not self.votes

    def counts_of(self, members: Iterable[MemberState]) -> Counts:
        """How the given members voted, such as a regional group's."""
        votes = [self.votes.get(m.code) for m in members]
        return Counts(
            yes=votes.count(Vote.IN_FAVOUR),
            no=votes.count(Vote.AGAINST),
            abstain=votes.count(Vote.ABSTENTION),
            absent=votes.count(Vote.ABSENT),
            not_voted=votes.count(None),
        )

    def group_counts(self, group_id: str) -> Counts:
        return self.counts_of(self.assembly.group(group_id).members)

    @cached_property
    def verdict(self) -> AssemblyVerdict:
        return count(self)


def count(ballot: AssemblyBallot) -> AssemblyVerdict:
    """Count the ballot under Article 18: only the members present and voting count."""
    counts = ballot.counts_of(ballot.assembly.members)
    standing = _outcome(counts.yes, counts.no, important=ballot.important)
    return AssemblyVerdict(
        reason=AssemblyReason.OPEN if counts.not_voted else standing,
        standing=standing,
        counts=counts,
        important=ballot.important,
        required=required(counts.yes, counts.no, important=ballot.important),
    )


# The words for a verdict, as `simulator.explain` gives the Council's.


def _members(n: int) -> str:
    return "1 member" if n == 1 else f"{n} members"


def _members_have(n: int) -> str:
    return "1 member has" if n == 1 else f"{n} members have"


def headline(verdict: AssemblyVerdict) -> str:
    """The one line a banner shows."""
    counts = verdict.counts
    if verdict.reason is AssemblyReason.OPEN:
        return f"OPEN — {_members_have(counts.not_voted)} not voted"
    if verdict.reason is AssemblyReason.ADOPTED:
        return f"ADOPTED — {counts.yes} to {counts.no}, {verdict.required} needed"
    if verdict.reason is AssemblyReason.TIED:
        return f"NOT ADOPTED — tied, {counts.yes} to {counts.no}"
    if verdict.reason is AssemblyReason.NOBODY_VOTING:
        return "NOT ADOPTED — no member voted in favour or against"
    return f"NOT ADOPTED — {counts.yes} of the {verdict.required} votes needed"


def _need(verdict: AssemblyVerdict) -> str:
    """What Article 18 asks of the members present and voting, with the number it comes to."""
    if verdict.important:
        return (
            "On an important question Article 18(2) requires two-thirds of those present and "
            f"voting in favour: {verdict.required}"
        )
    return (
        "Article 18(3) requires a majority of those present and voting in favour, more than "
        f"half: {verdict.required}"
    )


def _not_counted(counts: Counts) -> str:
    """Who is not present and voting, and that they do not count."""
    away = []
    if counts.abstain:
        away.append(f"{_members(counts.abstain)} abstained")
    if counts.absent:
        away.append(f"{_members(counts.absent)} did not vote")
    rule = (
        "A member that abstains is counted as not voting: only the votes in favour and against "
        "count."
    )
    if not away:
        return f"None abstained or stayed away. {rule}"
    return f"{capital(join_names(away))}: not counted. {rule}"


NO_VETO = (
    "No member has a veto: each of the 193 has one vote (Article 18(1)). In the Security Council "
    "a permanent member's vote against a substantive draft is a veto (Article 27(3)); here the "
    "United States' vote weighs what Tuvalu's does."
)


def explain(verdict: AssemblyVerdict) -> str:
    """Why the verdict is what it is, in words a student understands, citing the Charter."""
    if verdict.is_open:
        head = (
            f"The vote is still open: {_members_have(verdict.counts.not_voted)} not voted, "
            "counted meanwhile as not present and voting."
        )
        return f"{head} If it closed now: {_closed(verdict, verdict.standing)}"
    return _closed(verdict, verdict.reason)


def _closed(verdict: AssemblyVerdict, reason: AssemblyReason) -> str:
    counts = verdict.counts
    voting = f"{counts.yes} in favour and {counts.no} against"
    present = (
        f"so {_members(verdict.voting)} {'is' if verdict.voting == 1 else 'are'} present and voting"
    )
    if reason is AssemblyReason.NOBODY_VOTING:
        lead = (
            "Not adopted: no member voted in favour or against. Article 18 counts only the "
            "members present and voting, and with none there is no majority to adopt it."
        )
    elif reason is AssemblyReason.TIED:
        lead = (
            f"Not adopted: {voting} is a tie, and a tie is no majority (the Assembly's rules of "
            f"procedure treat an equally divided vote as rejected). {_need(verdict)}."
        )
    elif reason is AssemblyReason.ADOPTED:
        lead = f"Adopted: {voting}, {present}. {_need(verdict)}, and {counts.yes} is enough."
    else:
        lead = f"Not adopted: {voting}, {present}. {_need(verdict)}, and {counts.yes} falls short."
    return " ".join((lead, _not_counted(counts), NO_VETO))


def reason_in_brief(verdict: AssemblyVerdict) -> str:
    """Why, in a sentence or two, for the side pane."""
    if verdict.is_open:
        return (
            f"{capital(_members_have(verdict.counts.not_voted))} not voted yet. If it closed "
            f"now: {_brief(verdict, verdict.standing)}"
        )
    return _brief(verdict, verdict.reason)


def _brief(verdict: AssemblyVerdict, reason: AssemblyReason) -> str:
    counts = verdict.counts
    article = "Art. 18(2)" if verdict.important else "Art. 18(3)"
    needed = f"{verdict.majority} of {verdict.voting} voting: {verdict.required} ({article})"
    if reason is AssemblyReason.NOBODY_VOTING:
        return "Not adopted: nobody voted in favour or against."
    if reason is AssemblyReason.TIED:
        return f"Not adopted: a tie, {counts.yes} to {counts.no}, is no majority ({article})."
    if reason is AssemblyReason.ADOPTED:
        return f"Adopted: {counts.yes} in favour; needed {needed}. Abstentions do not count."
    return f"Not adopted: {counts.yes} in favour; needed {needed}. Abstentions do not count."
