"""A class session: each student casts one member's vote, and the chair runs the vote.

Pure: no Textual, no database. The state is frozen dataclasses, and each rule is a function that
returns a new state or raises `SessionError`, whose message is one line for people. The store
keeps the state and applies these rules inside one write transaction, so two processes can never
both take a member; the screens and commands show only what `roll` lets a viewer see.

    session = start(scenario, chair=chair_token, code=new_code())
    session = take_seat(session, scenario, "USA", "Amina Diallo", seat_token)
    session = open_vote(session, chair_token)
    session = cast_vote(session, scenario, seat_token, Vote.AGAINST)

Decisions this module makes, for the screens to say in words:

- A name is one student (`names.name_key`): one member per name, and a student who joins again
  with the same name gets their member back, with a new token (the old one stops working).
- Tokens are kept only as SHA-256 hashes and compared in constant time (`hmac.compare_digest`).
- A member with no vote when the chair closes the vote counts as absent (on a statement: silent),
  as a member not in the chamber would; the roll says which did not vote.
- Hidden mode hides how each member voted, and the tally and verdict, until the vote closes:
  only whether each member has voted, and how many have, are shown; a student sees their own vote.
  The chair sees everything. The record is shown to nobody before the chair reveals it.
- The verdict is never kept: it is `rules.count` of the ballot built from the votes (`ballot_of`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType

from simulator.names import name_key, name_problem, tidy_name
from simulator.rules import (
    Ballot,
    BallotError,
    Member,
    Verdict,
    Vote,
    capital,
    count,
    no_abstention,
)
from simulator.scenarios import Scenario

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""30 symbols that cannot be mistaken for one another when read aloud or copied from a board:
no 0/O, no 1/I/L, and no U (heard as 'you')."""

CODE_GROUPS = (3, 3, 2)
"""'KQ7-M4X-P2': eight symbols, 30^8 codes, over 39 bits: not to be guessed in a lesson."""

TOKEN_BYTES = 24
"""A seat's or the chair's token: 192 random bits, written in 32 URL-safe characters."""


class SessionError(ValueError):
    """A change the session's rules refuse; the message says why, in one line, for people."""


class Mode(StrEnum):
    """Whether votes are seen as they are cast."""

    VISIBLE = "visible"
    """Votes are shown as they are cast, as in the chamber."""
    HIDDEN = "hidden"
    """Votes, the tally and the verdict are hidden until the chair closes the vote."""


class Phase(StrEnum):
    """Where the vote on the current scenario stands."""

    WAITING = "waiting"
    """Members may be taken; nobody may vote yet."""
    OPEN = "open"
    """The seated students vote, and may change their votes."""
    CLOSED = "closed"
    """Votes are final, and so is the verdict."""
    REVEALED = "revealed"
    """Closed, and the recorded vote is shown beside the class's."""


# Codes and tokens


def new_code() -> str:
    """A fresh join code, such as 'KQ7-M4X-P2'."""
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(sum(CODE_GROUPS)))
    return _grouped(symbols)


def _grouped(symbols: str) -> str:
    groups, start = [], 0
    for size in CODE_GROUPS:
        groups.append(symbols[start : start + size])
        start += size
    return "-".join(groups)


def read_code(text: str) -> str | None:
    """The code as `new_code` writes it, from one typed in any case, with or without its dashes
    or spaces; None if it cannot be a code."""
    symbols = "".join(text.split()).replace("-", "").upper()
    if len(symbols) != sum(CODE_GROUPS) or any(s not in CODE_ALPHABET for s in symbols):
        return None
    return _grouped(symbols)


def new_token() -> str:
    """A fresh token for a seat or for the chair: given once, kept only as its hash."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    while token.startswith("-"):  # '--seat -x…' would read as an option on the command line
        token = secrets.token_urlsafe(TOKEN_BYTES)
    return token


def token_hash(token: str) -> str:
    """What is kept of a token: its SHA-256, so a copy of the file gives no one a seat."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _matches(kept: str, token: str) -> bool:
    """Whether `token` is the one whose hash was kept, compared in constant time."""
    return bool(kept) and hmac.compare_digest(kept, token_hash(token))


# The state


@dataclass(frozen=True)
class Seat:
    """A member taken by a student, or kept for one by the chair."""

    member: str
    name: str
    """The student's name, tidied (`names.tidy_name`)."""
    token: str = ""
    """The hash of the seat's token; '' while the chair keeps it for a student who has not
    taken it yet (they take it with their name)."""

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def joined(self) -> bool:
        """The student has taken it, and holds a token that votes."""
        return bool(self.token)


def _frozen(mapping: Mapping[str, Vote]) -> Mapping[str, Vote]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Round:
    """One scenario's vote in the session."""

    scenario_id: str
    phase: Phase = Phase.WAITING
    votes: Mapping[str, Vote] = field(default_factory=lambda: MappingProxyType({}))
    """The votes cast, by member code; a member never voted is not in it."""
    voters: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Who cast each member's vote, by member code: the name of the student then seated."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "votes", _frozen(self.votes))
        object.__setattr__(self, "voters", MappingProxyType(dict(self.voters)))

    @property
    def is_final(self) -> bool:
        """Closed or revealed: its votes, and so its verdict, never change again."""
        return self.phase in (Phase.CLOSED, Phase.REVEALED)


@dataclass(frozen=True)
class ClassSession:
    """A class session: its code, the chair's token (hashed), the scenarios, the seats, and one
    `Round` for each scenario the class has voted on, the last being the current one."""

    code: str
    chair: str
    """The hash of the chair's token."""
    rounds: tuple[Round, ...]
    mode: Mode = Mode.VISIBLE
    order: tuple[str, ...] = ()
    """The scenarios the chair can move the class through, in order: a pack's order, or the
    one scenario the session started on."""
    seats: Mapping[str, Seat] = field(default_factory=lambda: MappingProxyType({}))
    """The members taken, by code; a member not in it is free."""
    folders: tuple[str, ...] = ()
    """Where its scenarios were loaded from (`--scenarios`), so that every process of the
    class finds them without being told again."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "seats", MappingProxyType(dict(self.seats)))

    @property
    def current(self) -> Round:
        return self.rounds[-1]

    @property
    def scenario_id(self) -> str:
        return self.current.scenario_id

    @property
    def phase(self) -> Phase:
        return self.current.phase

    def seat_of_name(self, name: str) -> Seat | None:
        """The member this name holds, if any."""
        key = name_key(name)
        return next((seat for seat in self.seats.values() if seat.key == key), None)

    def seat_of_token(self, token: str) -> Seat | None:
        """The seat this token holds, if any: every seat is compared, in constant time each."""
        found = None
        for seat in self.seats.values():
            if _matches(seat.token, token):
                found = seat
        return found

    def next_scenario_id(self) -> str | None:
        """The scenario after this one in the session's order; None after the last."""
        if self.scenario_id not in self.order:
            return None
        at = self.order.index(self.scenario_id)
        return self.order[at + 1] if at + 1 < len(self.order) else None

    def _with_round(self, current: Round) -> ClassSession:
        return replace(self, rounds=(*self.rounds[:-1], current))

    def _with_seats(self, seats: Mapping[str, Seat]) -> ClassSession:
        return replace(self, seats=seats)


def start(
    scenario: Scenario,
    *,
    chair: str,
    code: str,
    mode: Mode = Mode.VISIBLE,
    order: tuple[str, ...] = (),
    folders: tuple[str, ...] = (),
) -> ClassSession:
    """A new session on `scenario`, every member free, the vote not yet open. `chair` is the
    chair's token (see `new_token`), kept only as its hash; `order` is a pack's order of
    scenarios, which must hold `scenario`."""
    if order and scenario.id not in order:
        raise ValueError(f"{scenario.id} is not in the session's order")
    return ClassSession(
        code=code,
        chair=token_hash(chair),
        rounds=(Round(scenario.id),),
        mode=mode,
        order=order or (scenario.id,),
        folders=folders,
    )


# The rules


def _check_scenario(session: ClassSession, scenario: Scenario) -> None:
    # A caller's mistake, never a user's: the session says which scenario it is on.
    if scenario.id != session.scenario_id:
        raise ValueError(f"the session is on {session.scenario_id}, not {scenario.id}")


def _member(scenario: Scenario, code: str) -> Member:
    try:
        return scenario.ballot().member(code)
    except BallotError as error:
        raise SessionError(str(error)) from None


def _the(member: Member) -> str:
    return capital(member.display_name)


def _chair_only(session: ClassSession, chair: str) -> None:
    if not _matches(session.chair, chair):
        raise SessionError(
            f"that is not the chair's token for class {session.code}: only the chair can open, "
            "close or reveal the vote, seat or free members, or move to the next scenario"
        )


def _usable_name(name: str) -> str:
    if problem := name_problem(name):
        raise SessionError(problem)
    return tidy_name(name)


def take_seat(
    session: ClassSession, scenario: Scenario, member: str, name: str, token: str
) -> ClassSession:
    """The student `name` takes `member`, held from now on by `token` (see `new_token`).

    A free member only, and one member per name; a name that holds this member already (they
    closed the tab, or the chair kept it for them) gets it back, under the new token.
    """
    _check_scenario(session, scenario)
    taken = _member(scenario, member)
    tidy = _usable_name(name)
    holder = session.seats.get(taken.code)
    own = session.seat_of_name(tidy)
    if holder is not None and holder.key != name_key(tidy):
        raise SessionError(f"{_the(taken)} is taken by {holder.name}: choose a free member")
    if own is not None and own.member != taken.code:
        raise SessionError(
            f"{own.name} holds {_called(scenario, own.member)} already: one member for each "
            "student (take that member to have it back)"
        )
    kept_name = holder.name if holder is not None else tidy
    seat = Seat(taken.code, kept_name, token_hash(token))
    return session._with_seats({**session.seats, taken.code: seat})


def _on(scenario: Scenario, code: str) -> bool:
    return any(m.code == code for m in scenario.members)


def _called(scenario: Scenario, code: str) -> str:
    """'the United States' inside a sentence; the code of a member not on this Council."""
    return next((m.display_name for m in scenario.members if m.code == code), code)


def _no_seat(session: ClassSession) -> SessionError:
    return SessionError(
        f"that seat token holds no member in class {session.code}: take a member first, "
        "or take yours back with the same name"
    )


def cast_vote(session: ClassSession, scenario: Scenario, seat: str, vote: Vote) -> ClassSession:
    """The seat's holder casts (or changes) its member's vote: only while the vote is open,
    and only a vote the decision allows."""
    _check_scenario(session, scenario)
    held = session.seat_of_token(seat)
    if held is None:
        raise _no_seat(session)
    current = session.current
    if current.phase is Phase.WAITING:
        raise SessionError("the vote is not open yet: wait for the chair to open it")
    if current.is_final:
        raise SessionError("the vote is closed: votes cannot be cast or changed after it closes")
    decision = scenario.decision
    if vote not in decision.choices:
        raise SessionError(
            f"{no_abstention(decision)}; {_called(scenario, held.member)} can agree, object or "
            "stay silent, and silence does not block it"
        )
    try:  # a party to the dispute must abstain (Art. 27(3)): the ballot says so
        ballot_of(current, scenario).cast(held.member, vote)
    except BallotError as error:
        raise SessionError(str(error)) from None
    votes = {**current.votes, held.member: vote}
    voters = {**current.voters, held.member: held.name}
    return session._with_round(replace(current, votes=votes, voters=voters))


def open_vote(session: ClassSession, chair: str) -> ClassSession:
    """The chair opens the vote: the seated students may vote."""
    _chair_only(session, chair)
    phase = session.phase
    if phase is Phase.OPEN:
        raise SessionError("the vote is open already")
    if phase is not Phase.WAITING:
        raise SessionError("the vote is closed, and a closed vote is final: it cannot be reopened")
    return session._with_round(replace(session.current, phase=Phase.OPEN))


def close_vote(session: ClassSession, chair: str) -> ClassSession:
    """The chair closes the vote: votes and verdict are final, and a member that has not voted
    counts as absent."""
    _chair_only(session, chair)
    phase = session.phase
    if phase is Phase.WAITING:
        raise SessionError("the vote is not open: open it before closing it")
    if phase is not Phase.OPEN:
        raise SessionError("the vote is closed already")
    return session._with_round(replace(session.current, phase=Phase.CLOSED))


def reveal(session: ClassSession, chair: str) -> ClassSession:
    """The chair shows the recorded vote beside the class's: only once the vote is closed."""
    _chair_only(session, chair)
    phase = session.phase
    if phase is Phase.REVEALED:
        raise SessionError("the record is shown already")
    if phase is not Phase.CLOSED:
        raise SessionError("close the vote first: the record is shown only beside a final vote")
    return session._with_round(replace(session.current, phase=Phase.REVEALED))


def free_seat(session: ClassSession, scenario: Scenario, chair: str, member: str) -> ClassSession:
    """The chair frees a member: its token no longer votes. A vote it cast stays cast."""
    _chair_only(session, chair)
    _check_scenario(session, scenario)
    freed = _member(scenario, member)
    if freed.code not in session.seats:
        raise SessionError(f"{_the(freed)} is free already")
    return session._with_seats({k: v for k, v in session.seats.items() if k != freed.code})


def assign_seat(
    session: ClassSession, scenario: Scenario, chair: str, member: str, name: str
) -> ClassSession:
    """The chair keeps a free member for the student `name`, who takes it by joining with that
    name (and so gets its token)."""
    _chair_only(session, chair)
    _check_scenario(session, scenario)
    kept = _member(scenario, member)
    tidy = _usable_name(name)
    holder = session.seats.get(kept.code)
    if holder is not None:
        if holder.key == name_key(tidy):
            return session
        raise SessionError(f"{_the(kept)} is taken by {holder.name}: free it first")
    own = session.seat_of_name(tidy)
    if own is not None:
        raise SessionError(
            f"{own.name} holds {_called(scenario, own.member)} already: free that member first"
        )
    return session._with_seats({**session.seats, kept.code: Seat(kept.code, tidy)})


def next_scenario(session: ClassSession, chair: str, following: Scenario | None) -> ClassSession:
    """The chair moves the class to the next scenario of its order (`following`, None if it
    could not be loaded), the vote not yet open.

    Students keep their members where the next scenario's Council has them; a member that is
    not on it is freed.
    """
    _chair_only(session, chair)
    if session.phase is Phase.OPEN:
        raise SessionError("close the vote first: the class moves on only from a final vote")
    wanted = session.next_scenario_id()
    if wanted is None:
        raise SessionError("this is the session's last scenario: there is no next one")
    if following is None:
        raise SessionError(f"the next scenario, {wanted}, is not among the scenarios loaded")
    if following.id != wanted:
        raise ValueError(f"the next scenario is {wanted}, not {following.id}")
    seats = {code: seat for code, seat in session.seats.items() if _on(following, code)}
    return replace(session, rounds=(*session.rounds, Round(following.id)), seats=seats)


# What a viewer sees


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the chair, a seated student, or anyone (a projector, a grader)."""

    chair: bool = False
    member: str = ""
    """The member of the student looking; '' for anyone else."""


def viewer(session: ClassSession, *, chair: str | None = None, seat: str | None = None) -> Viewer:
    """The viewer these tokens make; a token given that is not the session's is refused."""
    is_chair, member = False, ""
    if chair is not None:
        _chair_only(session, chair)
        is_chair = True
    if seat is not None:
        held = session.seat_of_token(seat)
        if held is None:
            raise _no_seat(session)
        member = held.member
    return Viewer(is_chair, member)


def may_see(session: ClassSession, number: int, seen_by: Viewer) -> bool:
    """Whether `seen_by` may see how each member voted in round `number` (from 0), and so its
    tally and verdict: always, but in hidden mode while that vote is not final, the chair only.
    (A student sees their own vote always: see `roll`.)"""
    round_ = session.rounds[number]
    return session.mode is Mode.VISIBLE or round_.is_final or seen_by.chair


def ballot_of(current: Round, scenario: Scenario) -> Ballot:
    """The round's votes on the scenario's ballot; once closed, every member that did not vote
    is absent. A vote that no longer fits the scenario (its file changed) is left out."""
    ballot = scenario.ballot()
    for code, vote in current.votes.items():
        try:
            ballot = ballot.cast(code, vote)
        except BallotError:
            continue
    if current.is_final:
        # Closing ends the vote: a member that did not vote was not there to vote.
        missing = {m.code: Vote.ABSENT for m in ballot.members if ballot.vote_of(m) is None}
        ballot = ballot.cast_all(missing)
    return ballot


def counted_absent(current: Round, scenario: Scenario) -> tuple[Member, ...]:
    """The members that had not voted when the vote closed, so count as absent."""
    if not current.is_final:
        return ()
    cast = ballot_of(replace(current, phase=Phase.OPEN), scenario)
    return tuple(m for m in cast.members if cast.vote_of(m) is None)


@dataclass(frozen=True)
class RollLine:
    """One member on the roll, as a viewer may see it."""

    member: Member
    holder: str
    """The student's name; '' when the member is free."""
    joined: bool
    """The student has taken the member (not only been given it by the chair)."""
    voted: bool
    """A vote is in: shown to everyone, even when how it was cast is hidden."""
    vote: Vote | None
    """The vote, where the viewer may see it; None when not voted, or hidden."""
    hidden: bool
    counted_absent: bool
    """Did not vote before the vote closed, so counts as absent."""
    recorded: Vote | None
    """The member's vote as the Council recorded it, once revealed."""
    yours: bool
    """The viewer's own member."""


@dataclass(frozen=True)
class Roll:
    """The session as one viewer may see it: every member, and the verdict when it may be seen."""

    code: str
    scenario_id: str
    mode: Mode
    phase: Phase
    lines: tuple[RollLine, ...]
    votes_in: int
    ballot: Ballot | None
    """The votes to count; None while the mode hides them from this viewer."""
    recorded: Ballot | None
    """The vote as the Council recorded it, once revealed (None where there was none)."""
    position: int
    """Which scenario of the session's order this is, from 1."""
    scenarios: int

    @property
    def verdict(self) -> Verdict | None:
        """`rules.count` of the ballot: never a second count; None while hidden."""
        return None if self.ballot is None else count(self.ballot)

    @property
    def hidden(self) -> bool:
        return self.ballot is None


def roll(session: ClassSession, scenario: Scenario, seen_by: Viewer) -> Roll:
    """What `seen_by` sees of the current scenario's vote."""
    _check_scenario(session, scenario)
    current = session.current
    ballot = ballot_of(current, scenario)
    hidden = not may_see(session, len(session.rounds) - 1, seen_by)
    absent = set(counted_absent(current, scenario))
    recorded = None
    if current.phase is Phase.REVEALED and scenario.has_recorded_votes:
        recorded = scenario.recorded_ballot()
    lines = []
    for member in scenario.members:
        seat = session.seats.get(member.code)
        vote = ballot.vote_of(member)
        yours = member.code == seen_by.member
        shows = not hidden or yours
        lines.append(
            RollLine(
                member=member,
                holder=seat.name if seat else "",
                joined=seat.joined if seat else False,
                voted=vote is not None and member not in absent,
                vote=vote if shows else None,
                hidden=not shows and vote is not None,
                counted_absent=member in absent,
                recorded=recorded.vote_of(member) if recorded else None,
                yours=yours,
            )
        )
    order = session.order
    return Roll(
        code=session.code,
        scenario_id=scenario.id,
        mode=session.mode,
        phase=current.phase,
        lines=tuple(lines),
        votes_in=sum(line.voted for line in lines),
        ballot=None if hidden else ballot,
        recorded=recorded,
        position=order.index(scenario.id) + 1 if scenario.id in order else 1,
        scenarios=len(order),
    )
