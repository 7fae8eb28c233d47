"""How the Security Council counts a vote: Article 27 of the UN Charter, as the Council applies it.

Pure and immutable: no I/O, no UI. A new vote makes a new `Ballot`, and the `Verdict` is always
computed from the ballot, never stored beside it, so the two cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType


class Vote(StrEnum):
    """A member's vote, spelt as for a draft resolution on the command line and in scenario files.

    A statement stores its positions in the same four values, under its own words: see
    `Decision.vote_label` and `Decision.vote_word`.
    """

    IN_FAVOUR = "yes"
    AGAINST = "no"
    ABSTENTION = "abstain"
    ABSENT = "absent"
    """Absent, or present but not participating in the vote."""

    @property
    def label(self) -> str:
        """The Council's own word for the vote, for people rather than parsers."""
        return _VOTE_LABELS[self]


_VOTE_LABELS = {
    Vote.IN_FAVOUR: "in favour",
    Vote.AGAINST: "against",
    Vote.ABSTENTION: "abstention",
    Vote.ABSENT: "absent",
}

_STATEMENT_WORDS = {Vote.IN_FAVOUR: "agree", Vote.AGAINST: "object", Vote.ABSENT: "silent"}
"""A statement's own words: it is agreed, objected to, or met with silence (no abstention)."""


class Decision(StrEnum):
    """What the Council is deciding, which settles the rule that applies."""

    SUBSTANTIVE = "substantive"
    """A draft resolution on substance: Art. 27(3), with the veto."""
    PROCEDURAL = "procedural"
    """A procedural matter: Art. 27(2), no veto."""
    PRESS_STATEMENT = "press-statement"
    """Agreed, not voted: issued when no member objects, so one objection blocks it."""
    PRESIDENTIAL_STATEMENT = "presidential-statement"
    """Agreed, not voted, like a press statement."""

    @property
    def is_statement(self) -> bool:
        return self in (Decision.PRESS_STATEMENT, Decision.PRESIDENTIAL_STATEMENT)

    @property
    def choices(self) -> tuple[Vote, ...]:
        """The votes a member can give: a statement is agreed, objected to or met with silence."""
        if self.is_statement:
            return (Vote.IN_FAVOUR, Vote.AGAINST, Vote.ABSENT)
        return tuple(Vote)

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")

    def vote_label(self, vote: Vote, *, short: bool = False) -> str:
        """The words for a vote in this kind of decision, for people: 'in favour', 'agree'.

        `short` gives one word where space is tight (a tally, a footer): a statement's silent
        members read 'silent' rather than 'silent / not present'.
        """
        if self.is_statement and vote in _STATEMENT_WORDS:
            if vote is Vote.ABSENT and not short:
                return "silent / not present"
            return _STATEMENT_WORDS[vote]
        return vote.label

    def vote_word(self, vote: Vote) -> str:
        """The word for a vote on the command line, in scenario files and in JSON."""
        if self.is_statement and vote in _STATEMENT_WORDS:
            return _STATEMENT_WORDS[vote]
        return vote.value

    @property
    def words(self) -> dict[str, Vote]:
        """Every word read as a vote here; a statement also takes yes, no and absent."""
        words = {self.vote_word(vote): vote for vote in self.choices}
        return words | {vote.value: vote for vote in self.choices}


def no_abstention(decision: Decision) -> str:
    """Why a statement takes no abstention: the one wording the ballot and the loaders share."""
    return f"a {decision.label} is agreed or objected to: there is no abstention"


class RuleSet(StrEnum):
    """Which Charter text governs the count."""

    CHARTER_1965 = "charter-1965"
    """Today's Council of 15, since the amendment in force on 31 August 1965."""
    CHARTER_1945 = "charter-1945"
    """The Charter as signed in 1945: a Council of 11, seven votes to decide."""

    @property
    def council_size(self) -> int:
        return 15 if self is RuleSet.CHARTER_1965 else 11

    @property
    def votes_required(self) -> int:
        return 9 if self is RuleSet.CHARTER_1965 else 7

    def requires(self, paragraph: int) -> str:
        """'Article 27(3) requires'; under the 1945 text its clause is set off by two commas."""
        if self is RuleSet.CHARTER_1965:
            return f"Article 27({paragraph}) requires"
        return (
            f"Article 27({paragraph}), as signed in 1945 before the Council was enlarged, requires"
        )


class Reason(StrEnum):
    """Why a draft was or was not adopted, as reported in a `Verdict`."""

    ADOPTED = "adopted"
    """The draft is adopted, or the statement agreed (`outcome_word` says which)."""
    VETOED = "vetoed"
    INSUFFICIENT_VOTES = "insufficient_votes"
    OBJECTION = "objection"
    """A statement blocked because a member objected."""
    OPEN = "open"
    """Some members have not voted yet."""


PERMANENT_MEMBERS = ("CHN", "FRA", "RUS", "GBR", "USA")
"""Art. 23(1): China, France, the Russian Federation, the United Kingdom, the United States."""


@dataclass(frozen=True)
class Member:
    """A member of the Council on the date of a scenario."""

    code: str
    """ISO 3166-1 alpha-3 code, the member's key everywhere."""
    name: str
    permanent: bool = False
    party_to_dispute: bool = False
    """Art. 27(3): a party to a dispute abstains in decisions under Chapter VI."""
    short_name: str = ""
    """A shorter form of the name, for where the whole one does not fit ("UAE")."""

    @property
    def display_name(self) -> str:
        """The name as it reads inside a sentence ("the United States")."""
        return the(self.name)


_NAMES_WITH_THE = (
    "United ",
    "Russian Federation",
    "Democratic ",
    "Netherlands",
    "Philippines",
    "Gambia",
    "Bahamas",
    "Comoros",
    "Maldives",
    "Marshall Islands",
    "Solomon Islands",
    "Sudan",
    "Holy See",
)


_UNION_OR_REPUBLIC = re.compile(r"\b(Union|Republics?)\b")
"""'the Soviet Union', 'the Union of Soviet Socialist Republics', 'the Czech Republic'."""


def the(name: str) -> str:
    """Prefix the article that English puts before some country names."""
    if name.startswith(_NAMES_WITH_THE) or _UNION_OR_REPUBLIC.search(name):
        return f"the {name}"
    return name


def join_names(names: Iterable[str], conjunction: str = "and") -> str:
    """'China', 'China and France', 'China, France and the United States' (or 'or')."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


@dataclass(frozen=True)
class Counts:
    """How many members cast each vote; `not_voted` are still to vote."""

    yes: int = 0
    no: int = 0
    abstain: int = 0
    absent: int = 0
    not_voted: int = 0

    def of(self, vote: Vote) -> int:
        return {
            Vote.IN_FAVOUR: self.yes,
            Vote.AGAINST: self.no,
            Vote.ABSTENTION: self.abstain,
            Vote.ABSENT: self.absent,
        }[vote]


@dataclass(frozen=True)
class Pivot:
    """One member, and one vote it could cast that would flip the outcome."""

    member: Member
    vote: Vote
    outcome: Reason
    """What the draft would then come to, if the vote closed."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of a ballot, and everything needed to explain it."""

    decision: Decision
    rules: RuleSet
    reason: Reason
    counts: Counts
    required: int
    """Votes in favour a draft resolution needs; 0 for a statement, which needs no member's
    express agreement, only that nobody objects (see `objections_to_block`)."""
    vetoed_by: tuple[Member, ...] = ()
    """Permanent members whose vote against was a veto (only when the draft had the votes)."""
    objecting: tuple[Member, ...] = ()
    """Members blocking a statement."""
    against_permanent: tuple[Member, ...] = ()
    """Permanent members who voted against, whether or not that was a veto."""
    abstaining_permanent: tuple[Member, ...] = ()
    """Permanent members who abstained: Council practice says that is no veto."""
    absent_permanent: tuple[Member, ...] = ()
    """Permanent members who were absent: no veto either."""
    parties: tuple[Member, ...] = ()
    """Members obliged to abstain as parties to the dispute (Art. 27(3))."""
    standing: Reason = Reason.ADOPTED
    """The outcome if the vote closed now, counting members yet to vote as not in favour (on a
    statement, as silent)."""
    pivotal: tuple[Pivot, ...] = ()

    @property
    def adopted(self) -> bool:
        return self.reason is Reason.ADOPTED

    @property
    def is_open(self) -> bool:
        return self.reason is Reason.OPEN

    @property
    def objections_to_block(self) -> int | None:
        """Objections that block a statement: one, from any member; None for a draft resolution."""
        return 1 if self.decision.is_statement else None

    @property
    def pivotal_members(self) -> tuple[Member, ...]:
        """Each pivotal member once, in Council order."""
        return tuple(dict.fromkeys(p.member for p in self.pivotal))

    def flipping_votes(self, member: Member) -> tuple[Vote, ...]:
        return tuple(p.vote for p in self.pivotal if p.member == member)

    @property
    def headline(self) -> str:
        """The banner: 'ADOPTED', 'NOT ADOPTED — vetoed by …', 'OPEN — 3 members have not voted'."""
        from simulator.explain import headline  # the words build on this module, not under it

        return headline(self)

    @property
    def explanation(self) -> str:
        """Why, in plain words, citing the Charter."""
        from simulator.explain import explain

        return explain(self)


class BallotError(ValueError):
    """A vote the ballot cannot take; the message says why, for the user."""


@dataclass(frozen=True, eq=False)
class Ballot:
    """The Council's members and the votes cast so far; missing votes are not yet cast."""

    members: tuple[Member, ...]
    decision: Decision = Decision.SUBSTANTIVE
    rules: RuleSet = RuleSet.CHARTER_1965
    votes: Mapping[str, Vote] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "votes", MappingProxyType(dict(self.votes)))
        # Statements are agreed in silence or objected to (Council practice): no abstention.
        if self.decision.is_statement and Vote.ABSTENTION in self.votes.values():
            code = next(c for c, v in self.votes.items() if v is Vote.ABSTENTION)
            raise BallotError(
                f"{no_abstention(self.decision)}; {self.member(code).name} "
                "can agree, object or stay silent, and silence does not block it"
            )

    @classmethod
    def open(
        cls,
        members: Iterable[Member],
        *,
        decision: Decision = Decision.SUBSTANTIVE,
        rules: RuleSet = RuleSet.CHARTER_1965,
    ) -> Ballot:
        """A ballot where nobody has voted, except the parties that must abstain."""
        blank = cls(tuple(members), decision, rules)
        return blank._replace({m.code: Vote.ABSTENTION for m in blank.members if blank.is_fixed(m)})

    def _replace(self, votes: Mapping[str, Vote]) -> Ballot:
        return Ballot(self.members, self.decision, self.rules, votes)

    def member(self, code: str) -> Member:
        """The member with this code (any case); `BallotError` if it is not on the Council."""
        # ASCII only: str.upper() folds a long s (U+017F) into S, so 'u\u017fa' would be USA.
        wanted = code.upper() if code.isascii() else None
        for member in self.members:
            if member.code == wanted:
                return member
        raise BallotError(f"{code!r} is not a member of the Council in this scenario")

    def is_fixed(self, member: Member) -> bool:
        # Art. 27(3), last clause: a party to a dispute abstains, in substantive decisions only.
        return member.party_to_dispute and self.decision is Decision.SUBSTANTIVE

    def vote_of(self, member: Member) -> Vote | None:
        return self.votes.get(member.code)

    def cast(self, code: str, vote: Vote) -> Ballot:
        """A new ballot with this member's vote; `BallotError` if the vote is not allowed."""
        member = self.member(code)
        if self.is_fixed(member) and vote is not Vote.ABSTENTION:
            raise BallotError(
                f"{member.name} is a party to the dispute: under Article 27(3) "
                "it must abstain, so its vote is fixed"
            )
        return self._replace({**self.votes, member.code: vote})

    def cast_all(self, votes: Mapping[str, Vote]) -> Ballot:
        ballot = self
        for code, vote in votes.items():
            ballot = ballot.cast(code, vote)
        return ballot

    @property
    def is_blank(self) -> bool:
        """Nobody has voted yet, except the parties whose abstention is fixed."""
        return dict(self.votes) == dict(self.reset().votes)

    def reset(self) -> Ballot:
        return Ballot.open(self.members, decision=self.decision, rules=self.rules)

    @property
    def required(self) -> int:
        """Votes in favour needed: none for a statement, which only needs nobody to object."""
        if self.decision.is_statement:
            return 0
        return self.rules.votes_required

    @cached_property
    def verdict(self) -> Verdict:
        return count(self)


def tally(ballot: Ballot) -> Counts:
    votes = [ballot.vote_of(m) for m in ballot.members]
    return Counts(
        yes=votes.count(Vote.IN_FAVOUR),
        no=votes.count(Vote.AGAINST),
        abstain=votes.count(Vote.ABSTENTION),
        absent=votes.count(Vote.ABSENT),
        not_voted=votes.count(None),
    )


def closed_outcome(ballot: Ballot) -> Reason:
    """The outcome if the vote closed now: members yet to vote count as not in favour.

    What `Verdict.standing` reports, and what the what-if questions ask to flip.
    """
    counts = tally(ballot)
    return _outcome(ballot, counts.yes, counts.no, len(_permanent_voting(ballot, Vote.AGAINST)))


def _outcome(ballot: Ballot, yes: int, no: int, permanent_against: int) -> Reason:
    """The outcome of `ballot`'s decision, under its rules, with these votes."""
    if ballot.decision.is_statement:
        # Statements are agreed, not voted: one objection blocks them.
        return Reason.OBJECTION if no else Reason.ADOPTED
    if yes < ballot.required:
        # Art. 27(2)/(3): nine affirmative votes (seven before 1965). Without them the draft
        # fails for lack of votes, and the UN counts no veto, whoever voted against.
        return Reason.INSUFFICIENT_VOTES
    if ballot.decision is Decision.SUBSTANTIVE and permanent_against:
        # Art. 27(3): "including the concurring votes of the permanent members".
        return Reason.VETOED
    return Reason.ADOPTED


def pivotal(ballot: Ballot) -> tuple[Pivot, ...]:
    """Every (member, vote) whose single change would flip adopted into not adopted, or back."""
    # Each change is counted from the tally with one vote moved, not from a new ballot: the
    # screen counts some fifty changes on every key.
    counts = tally(ballot)
    permanent_against = len(_permanent_voting(ballot, Vote.AGAINST))
    adopted_now = _outcome(ballot, counts.yes, counts.no, permanent_against) is Reason.ADOPTED
    pivots = []
    for member in ballot.members:
        if ballot.is_fixed(member):
            continue
        current = ballot.vote_of(member)
        for vote in ballot.decision.choices:
            if vote is current:
                continue
            yes = counts.yes - (current is Vote.IN_FAVOUR) + (vote is Vote.IN_FAVOUR)
            no = counts.no - (current is Vote.AGAINST) + (vote is Vote.AGAINST)
            vetoing = permanent_against
            if member.permanent:
                vetoing += (vote is Vote.AGAINST) - (current is Vote.AGAINST)
            outcome = _outcome(ballot, yes, no, vetoing)
            if (outcome is Reason.ADOPTED) != adopted_now:
                pivots.append(Pivot(member, vote, outcome))
    return tuple(pivots)


def _permanent_voting(ballot: Ballot, vote: Vote) -> tuple[Member, ...]:
    return tuple(m for m in ballot.members if m.permanent and ballot.vote_of(m) is vote)


def count(ballot: Ballot) -> Verdict:
    """Count the ballot under its decision type and rule set."""
    counts = tally(ballot)
    standing = closed_outcome(ballot)
    against = tuple(m for m in ballot.members if ballot.vote_of(m) is Vote.AGAINST)
    against_permanent = tuple(m for m in against if m.permanent)
    return Verdict(
        decision=ballot.decision,
        rules=ballot.rules,
        reason=Reason.OPEN if counts.not_voted else standing,
        counts=counts,
        required=ballot.required,
        vetoed_by=against_permanent if standing is Reason.VETOED else (),
        objecting=against if ballot.decision.is_statement else (),
        against_permanent=() if ballot.decision.is_statement else against_permanent,
        abstaining_permanent=_permanent_voting(ballot, Vote.ABSTENTION),
        absent_permanent=_permanent_voting(ballot, Vote.ABSENT),
        parties=tuple(m for m in ballot.members if ballot.is_fixed(m)),
        standing=standing,
        pivotal=pivotal(ballot),
    )


def capital(text: str) -> str:
    """Upper-case the first letter only: 'the United States' -> 'The United States'."""
    return text[:1].upper() + text[1:]


def parse_vote(word: str, decision: Decision = Decision.SUBSTANTIVE) -> Vote:
    """A vote from its word, in any case: `yes`, `no`, `abstain`, `absent` on a draft resolution,
    `agree`, `object`, `silent` (or `yes`, `no`, `absent`) on a statement; `BallotError` otherwise.
    """
    key = word.strip().lower()
    vote = decision.words.get(key)
    if vote is not None:
        return vote
    own = [decision.vote_word(v) for v in decision.choices]
    if decision.is_statement:
        if key == Vote.ABSTENTION.value:
            choices = join_names(own, "or")
            raise BallotError(
                f"{no_abstention(decision)}; use {choices} (silence does not block it)"
            )
        raise BallotError(
            f"{word!r} is not a position on a {decision.label}: use one of {', '.join(own)} "
            "(or yes, no, absent)"
        )
    hint = (
        " (agree, object and silent are for statements)" if key in _STATEMENT_WORDS.values() else ""
    )
    raise BallotError(f"{word!r} is not a vote: use one of {', '.join(own)}{hint}")
