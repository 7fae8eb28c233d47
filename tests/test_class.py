"""The rules of a class session, without a terminal or a database: seats, votes, the chair's
actions, what each viewer sees, and the codes and tokens that hold it together."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.packs import load_pack
from simulator.rules import Ballot, Decision, Reason, Vote, count
from simulator.scenarios import Catalogue, Scenario, load_catalogue, load_paths
from simulator.session import (
    CODE_ALPHABET,
    CODE_GROUPS,
    ClassSession,
    Mode,
    Phase,
    SessionError,
    Viewer,
    assign_seat,
    ballot_of,
    cast_vote,
    close_vote,
    counted_absent,
    free_seat,
    new_code,
    new_token,
    next_scenario,
    open_vote,
    read_code,
    reveal,
    roll,
    start,
    take_seat,
    token_hash,
    viewer,
)

ROOT = Path(__file__).parent.parent


def found(catalogue: Catalogue, scenario_id: str) -> Scenario:
    scenario = catalogue.get(scenario_id)
    assert scenario is not None, scenario_id
    return scenario


CATALOGUE = load_catalogue()
US_DRAFT = found(CATALOGUE, "2024-03-22-us-draft")
STATEMENTS = found(CATALOGUE, "2021-05-17-press-statements")
BORDER = found(load_paths([ROOT / "tests" / "fixtures" / "ui"]), "exercise-border-dispute")
PACK = load_pack(ROOT / "docs" / "example-pack")
assert PACK.pack is not None
PACK_ORDER = PACK.pack.order

CHAIR = "the-chair's-own-token"
AMINA, LI = "amina's-token", "li's-token"


def session_on(scenario: Scenario, *, mode: Mode = Mode.VISIBLE) -> ClassSession:
    return start(scenario, chair=CHAIR, code="KQ7-M4X-P2", mode=mode)


def seated(scenario: Scenario = US_DRAFT, *, mode: Mode = Mode.VISIBLE) -> ClassSession:
    """Amina holds the United States and Li Wei China; the vote is open."""
    session = session_on(scenario, mode=mode)
    session = take_seat(session, scenario, "USA", "Amina Diallo", AMINA)
    session = take_seat(session, scenario, "CHN", "Li Wei", LI)
    return open_vote(session, CHAIR)


def refused(change: Callable[[], object], message: str) -> None:
    with pytest.raises(SessionError) as caught:
        change()
    assert str(caught.value) == message


# Codes and tokens


def test_a_code_is_three_groups_from_an_alphabet_without_look_alikes() -> None:
    """'KQ7-M4X-P2': groups of 3, 3 and 2, none of 0, O, 1, I, L (nor U)."""
    for _ in range(200):
        code = new_code()
        assert [len(group) for group in code.split("-")] == list(CODE_GROUPS)
        assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
    assert not set("0O1ILU") & set(CODE_ALPHABET)


def test_a_code_is_unguessable_enough_for_a_room() -> None:
    """At least 30 bits; and codes drawn are not repeated."""
    assert sum(CODE_GROUPS) * math.log2(len(set(CODE_ALPHABET))) >= 30
    assert len({new_code() for _ in range(1000)}) == 1000


@pytest.mark.parametrize("typed", ["KQ7-M4X-P2", "kq7-m4x-p2", "KQ7M4XP2", " kq7 m4x p2 "])
def test_a_code_is_read_in_any_case_with_or_without_dashes(typed: str) -> None:
    """However it is typed, a code reads as it was written."""
    assert read_code(typed) == "KQ7-M4X-P2"


@pytest.mark.parametrize("typed", ["", "KQ7-M4X", "KQ7-M4X-P22", "KQ0-M4X-P2", "KQ7-MIX-P2"])
def test_what_cannot_be_a_code_reads_as_none(typed: str) -> None:
    """Too short, too long, or a symbol codes never have."""
    assert read_code(typed) is None


def test_tokens_are_long_random_and_kept_only_as_hashes() -> None:
    """At least 128 bits each; the session keeps a SHA-256, never the token."""
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(token) * 6 >= 128 for token in tokens)  # base64: 6 bits a character
    assert not any(token.startswith("-") for token in tokens)  # never read as an option
    session = seated()
    kept = [session.chair, *(seat.token for seat in session.seats.values())]
    assert kept == [token_hash(CHAIR), token_hash(AMINA), token_hash(LI)]
    assert all(len(hashed) == 64 for hashed in kept)
    assert CHAIR not in repr(session) and AMINA not in repr(session)


# Seats


def test_a_free_member_is_taken_by_name() -> None:
    """Taking a member seats the name, tidied, on the member asked for, in any case."""
    session = take_seat(session_on(US_DRAFT), US_DRAFT, "usa", "  Amina   Diallo ", AMINA)
    (seat,) = session.seats.values()
    assert (seat.member, seat.name, seat.joined) == ("USA", "Amina Diallo", True)
    assert session.seat_of_token(AMINA) == seat


def test_a_member_taken_is_refused_to_another_name() -> None:
    """Another student cannot take a member held, and nothing changes."""
    session = seated()
    refused(
        lambda: take_seat(session, US_DRAFT, "USA", "Sam Okafor", "sam"),
        "The United States is taken by Amina Diallo: choose a free member",
    )


def test_a_student_who_joins_again_gets_their_member_back() -> None:
    """Same name, any case: the same member, a new token; the old token no longer votes."""
    session = seated()
    again = take_seat(session, US_DRAFT, "USA", "AMINA diallo", "new-tab")
    assert again.seats["USA"].name == "Amina Diallo"
    assert again.seat_of_token("new-tab") == again.seats["USA"]
    assert again.seat_of_token(AMINA) is None
    cast_vote(again, US_DRAFT, "new-tab", Vote.AGAINST)
    with pytest.raises(SessionError):
        cast_vote(again, US_DRAFT, AMINA, Vote.AGAINST)


def test_one_member_for_each_name() -> None:
    """A name that holds a member cannot take a second."""
    refused(
        lambda: take_seat(seated(), US_DRAFT, "FRA", "amina diallo", "second"),
        "Amina Diallo holds the United States already: one member for each student "
        "(take that member to have it back)",
    )


def test_a_member_not_on_the_council_cannot_be_taken() -> None:
    """The scenario's Council only."""
    refused(
        lambda: take_seat(session_on(US_DRAFT), US_DRAFT, "XYZ", "Amina", AMINA),
        "'XYZ' is not a member of the Council in this scenario",
    )


def test_a_name_that_cannot_be_used_takes_nothing() -> None:
    """An empty name is refused in the name screen's own words."""
    refused(
        lambda: take_seat(session_on(US_DRAFT), US_DRAFT, "USA", "   ", AMINA),
        "Type your name first: it keeps your work apart from your classmates'.",
    )


def test_the_chair_frees_a_member_and_its_token_stops() -> None:
    """Freed: anyone may take it, the old token votes no more, the vote cast stays."""
    session = cast_vote(seated(), US_DRAFT, AMINA, Vote.AGAINST)
    freed = free_seat(session, US_DRAFT, CHAIR, "usa")
    assert "USA" not in freed.seats
    assert freed.current.votes == {"USA": Vote.AGAINST}
    refused(
        lambda: cast_vote(freed, US_DRAFT, AMINA, Vote.IN_FAVOUR),
        "that seat token holds no member in class KQ7-M4X-P2: take a member first, or take "
        "yours back with the same name",
    )
    refused(lambda: free_seat(freed, US_DRAFT, CHAIR, "USA"), "The United States is free already")
    taken = take_seat(freed, US_DRAFT, "USA", "Sam Okafor", "sam")
    assert taken.seats["USA"].name == "Sam Okafor"


def test_the_chair_keeps_a_member_for_a_student_who_takes_it_by_name() -> None:
    """Assigned: held for the name, without a token until the student takes it."""
    session = assign_seat(session_on(US_DRAFT), US_DRAFT, CHAIR, "FRA", "Sam Okafor")
    assert session.seats["FRA"].joined is False
    assert assign_seat(session, US_DRAFT, CHAIR, "FRA", "sam okafor") == session
    refused(
        lambda: take_seat(session, US_DRAFT, "FRA", "Amina", AMINA),
        "France is taken by Sam Okafor: choose a free member",
    )
    refused(
        lambda: assign_seat(session, US_DRAFT, CHAIR, "FRA", "Amina"),
        "France is taken by Sam Okafor: free it first",
    )
    refused(
        lambda: assign_seat(session, US_DRAFT, CHAIR, "GBR", "Sam Okafor"),
        "Sam Okafor holds France already: free that member first",
    )
    joined = take_seat(session, US_DRAFT, "FRA", "SAM OKAFOR", "sam")
    assert joined.seats["FRA"].joined and joined.seat_of_token("sam") == joined.seats["FRA"]


# Votes


def test_only_the_seats_holder_votes_and_only_for_its_member() -> None:
    """A token votes for its own member; the vote can be changed while the vote is open."""
    session = cast_vote(seated(), US_DRAFT, AMINA, Vote.AGAINST)
    session = cast_vote(session, US_DRAFT, LI, Vote.IN_FAVOUR)
    session = cast_vote(session, US_DRAFT, AMINA, Vote.ABSTENTION)
    assert session.current.votes == {"USA": Vote.ABSTENTION, "CHN": Vote.IN_FAVOUR}
    assert session.current.voters == {"USA": "Amina Diallo", "CHN": "Li Wei"}
    refused(
        lambda: cast_vote(session, US_DRAFT, "a guess", Vote.AGAINST),
        "that seat token holds no member in class KQ7-M4X-P2: take a member first, or take "
        "yours back with the same name",
    )


def test_no_vote_before_the_chair_opens_it() -> None:
    """Waiting: seats may be taken, no vote cast."""
    session = take_seat(session_on(US_DRAFT), US_DRAFT, "USA", "Amina", AMINA)
    refused(
        lambda: cast_vote(session, US_DRAFT, AMINA, Vote.AGAINST),
        "the vote is not open yet: wait for the chair to open it",
    )


@pytest.mark.parametrize("then", [close_vote, lambda s, c: reveal(close_vote(s, c), c)])
def test_a_closed_vote_accepts_nothing(
    then: Callable[[ClassSession, str], ClassSession],
) -> None:
    """Closed or revealed: no vote cast or changed, by anyone."""
    session = then(cast_vote(seated(), US_DRAFT, AMINA, Vote.AGAINST), CHAIR)
    refused(
        lambda: cast_vote(session, US_DRAFT, AMINA, Vote.IN_FAVOUR),
        "the vote is closed: votes cannot be cast or changed after it closes",
    )


def test_a_statement_takes_no_abstention() -> None:
    """Decision.choices: agreed, objected to, or silence."""
    session = seated(STATEMENTS)
    refused(
        lambda: cast_vote(session, STATEMENTS, AMINA, Vote.ABSTENTION),
        "a press statement is agreed or objected to: there is no abstention; the United States "
        "can agree, object or stay silent, and silence does not block it",
    )
    assert cast_vote(session, STATEMENTS, AMINA, Vote.ABSENT).current.votes == {"USA": Vote.ABSENT}


def test_a_party_to_the_dispute_must_abstain() -> None:
    """Art. 27(3): the student seated on a party cannot vote otherwise."""
    party = next(m for m in BORDER.members if m.party_to_dispute)
    session = take_seat(session_on(BORDER), BORDER, party.code, "Amina", AMINA)
    session = open_vote(session, CHAIR)
    with pytest.raises(SessionError, match=r"party to the dispute: under Article 27\(3\)"):
        cast_vote(session, BORDER, AMINA, Vote.IN_FAVOUR)
    assert cast_vote(session, BORDER, AMINA, Vote.ABSTENTION).current.votes


# The chair


def test_the_vote_goes_waiting_open_closed_revealed() -> None:
    """Each step once, in order; no step back."""
    session = session_on(US_DRAFT)
    refused(lambda: close_vote(session, CHAIR), "the vote is not open: open it before closing it")
    refused(
        lambda: reveal(session, CHAIR),
        "close the vote first: the record is shown only beside a final vote",
    )
    session = open_vote(session, CHAIR)
    assert session.phase is Phase.OPEN
    refused(lambda: open_vote(session, CHAIR), "the vote is open already")
    session = close_vote(session, CHAIR)
    assert session.phase is Phase.CLOSED
    refused(lambda: close_vote(session, CHAIR), "the vote is closed already")
    refused(
        lambda: open_vote(session, CHAIR),
        "the vote is closed, and a closed vote is final: it cannot be reopened",
    )
    session = reveal(session, CHAIR)
    assert session.phase is Phase.REVEALED
    refused(lambda: reveal(session, CHAIR), "the record is shown already")


CHAIR_ACTIONS: dict[str, Callable[[ClassSession, str], ClassSession]] = {
    "open": open_vote,
    "close": close_vote,
    "reveal": reveal,
    "free": lambda s, t: free_seat(s, US_DRAFT, t, "USA"),
    "assign": lambda s, t: assign_seat(s, US_DRAFT, t, "FRA", "Sam"),
}


@pytest.mark.parametrize("action", CHAIR_ACTIONS.values(), ids=CHAIR_ACTIONS)
@pytest.mark.parametrize("token", [AMINA, "", "KQ7-M4X-P2", token_hash(CHAIR)])
def test_only_the_chairs_token_does_what_the_chair_does(
    action: Callable[[ClassSession, str], ClassSession], token: str
) -> None:
    """A student's token, nothing, the code, or even the hash kept of the chair's: refused."""
    refused(
        lambda: action(seated(), token),
        "that is not the chair's token for class KQ7-M4X-P2: only the chair can open, close or "
        "reveal the vote, seat or free members, or move to the next scenario",
    )


def pack_scenario(position: int) -> Scenario:
    return found(PACK, PACK_ORDER[position])


def test_the_chair_moves_the_class_through_the_pack_in_order() -> None:
    """Next: the following scenario, waiting; members on its Council stay seated, others free."""
    first, second, third = (pack_scenario(i) for i in range(3))
    session = start(
        first, chair=CHAIR, code="KQ7-M4X-P2", order=PACK.pack.order if PACK.pack else ()
    )
    session = take_seat(session, first, "USA", "Amina", AMINA)
    session = take_seat(session, first, "MOZ", "Li Wei", LI)
    session = open_vote(session, CHAIR)
    refused(
        lambda: next_scenario(session, CHAIR, second),
        "close the vote first: the class moves on only from a final vote",
    )
    session = next_scenario(close_vote(session, CHAIR), CHAIR, second)
    assert (session.scenario_id, session.phase) == (second.id, Phase.WAITING)
    assert set(session.seats) == {"USA", "MOZ"}
    assert [r.scenario_id for r in session.rounds] == [first.id, second.id]
    # The 2021 Council has no Mozambique: its student is freed, the United States stays.
    session = next_scenario(session, CHAIR, third)
    assert set(session.seats) == {"USA"}
    assert session.next_scenario_id() is None
    refused(
        lambda: next_scenario(session, CHAIR, third),
        "this is the session's last scenario: there is no next one",
    )


def test_a_next_scenario_that_did_not_load_is_refused() -> None:
    """Its file gone or broken since the session began: the class stays where it is."""
    session = start(pack_scenario(0), chair=CHAIR, code="KQ7-M4X-P2", order=PACK_ORDER)
    refused(
        lambda: next_scenario(session, CHAIR, None),
        f"the next scenario, {PACK_ORDER[1]}, is not among the scenarios loaded",
    )


def test_a_session_without_a_pack_has_one_scenario() -> None:
    """Its order is the scenario it started on."""
    session = session_on(US_DRAFT)
    assert session.order == (US_DRAFT.id,) and session.next_scenario_id() is None


# What each viewer sees


def test_a_member_not_voted_when_the_vote_closes_counts_as_absent() -> None:
    """Closing fills in absence, and the roll says who did not vote."""
    session = cast_vote(seated(), US_DRAFT, AMINA, Vote.AGAINST)
    assert count(ballot_of(session.current, US_DRAFT)).reason is Reason.OPEN
    session = close_vote(session, CHAIR)
    ballot = ballot_of(session.current, US_DRAFT)
    assert ballot.votes["USA"] is Vote.AGAINST and ballot.votes["CHN"] is Vote.ABSENT
    assert [m.code for m in counted_absent(session.current, US_DRAFT)] == [
        m.code for m in US_DRAFT.members if m.code != "USA"
    ]
    shown = roll(session, US_DRAFT, Viewer())
    assert shown.verdict is not None and shown.verdict.reason is Reason.INSUFFICIENT_VOTES
    assert shown.votes_in == 1
    lines = {line.member.code: line for line in shown.lines}
    assert lines["CHN"].counted_absent and not lines["CHN"].voted
    assert not lines["USA"].counted_absent and lines["USA"].voted


def test_in_visible_mode_everyone_sees_every_vote_and_the_live_verdict() -> None:
    """As in the chamber: votes as cast, and the verdict so far."""
    session = cast_vote(seated(), US_DRAFT, AMINA, Vote.AGAINST)
    shown = roll(session, US_DRAFT, Viewer())
    assert {line.member.code: line.vote for line in shown.lines}["USA"] is Vote.AGAINST
    assert shown.verdict is not None and shown.verdict.reason is Reason.OPEN
    assert shown.recorded is None


def test_in_hidden_mode_a_student_sees_their_own_vote_and_how_many_are_in() -> None:
    """Until the vote closes: no other member's vote, no tally, no verdict; who voted, yes."""
    session = seated(mode=Mode.HIDDEN)
    session = cast_vote(session, US_DRAFT, AMINA, Vote.AGAINST)
    session = cast_vote(session, US_DRAFT, LI, Vote.IN_FAVOUR)
    amina = roll(session, US_DRAFT, viewer(session, seat=AMINA))
    lines = {line.member.code: line for line in amina.lines}
    assert (lines["USA"].vote, lines["USA"].yours, lines["USA"].hidden) == (
        Vote.AGAINST,
        True,
        False,
    )
    assert (lines["CHN"].vote, lines["CHN"].voted, lines["CHN"].hidden) == (None, True, True)
    assert (amina.ballot, amina.verdict, amina.votes_in) == (None, None, 2)
    anyone = roll(session, US_DRAFT, Viewer())
    assert all(line.vote is None for line in anyone.lines) and anyone.hidden
    chair = roll(session, US_DRAFT, viewer(session, chair=CHAIR))
    assert chair.verdict is not None and not any(line.hidden for line in chair.lines)
    closed = roll(close_vote(session, CHAIR), US_DRAFT, Viewer())
    assert closed.verdict is not None and not any(line.hidden for line in closed.lines)


def test_the_record_is_shown_only_after_the_reveal() -> None:
    """Closed: the class's verdict; revealed: the record beside it."""
    session = close_vote(cast_vote(seated(), US_DRAFT, AMINA, Vote.AGAINST), CHAIR)
    assert roll(session, US_DRAFT, viewer(session, chair=CHAIR)).recorded is None
    shown = roll(reveal(session, CHAIR), US_DRAFT, Viewer())
    assert shown.recorded is not None
    assert shown.recorded.verdict.reason is Reason.VETOED
    recorded = {line.member.code: line.recorded for line in shown.lines}
    assert (recorded["USA"], recorded["RUS"]) == (Vote.IN_FAVOUR, Vote.AGAINST)


def test_a_wrong_token_shows_nothing() -> None:
    """A viewer's token that is not the session's is refused, not read as anyone."""
    session = seated()
    with pytest.raises(SessionError):
        viewer(session, chair=AMINA)
    with pytest.raises(SessionError):
        viewer(session, seat="nobody's")
    assert viewer(session, seat=LI) == Viewer(member="CHN")


def test_the_core_imports_neither_textual_nor_sqlite() -> None:
    """The session's rules run without a terminal or a database."""
    code = (
        "import sys, simulator.session; "
        "sys.exit(any(m in sys.modules for m in ('textual', 'rich', 'sqlite3')))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# Properties


@dataclass(frozen=True)
class Action:
    kind: str
    member: str
    vote: Vote
    name: str
    token: str


ACTION_KINDS = ("take", "vote", "open", "close", "reveal", "free", "assign")
CODES = [m.code for m in US_DRAFT.members]
NAMES = ["Amina", "Li Wei", "Sam", "amina"]
SEAT_TOKENS = [AMINA, LI, "sam"]
"""The tokens a seat is taken with: never the chair's, so the chair's never votes."""


@st.composite
def actions(draw: st.DrawFn) -> Action:
    """Anything anyone might try, with any token: the right one or not."""
    kind = draw(st.sampled_from(ACTION_KINDS))
    tokens = SEAT_TOKENS if kind == "take" else [CHAIR, *SEAT_TOKENS, "stranger"]
    return Action(
        kind=kind,
        member=draw(st.sampled_from(CODES)),
        vote=draw(st.sampled_from(list(Vote))),
        name=draw(st.sampled_from(NAMES)),
        token=draw(st.sampled_from(tokens)),
    )


WRONG_FOR_CHAIR = [*SEAT_TOKENS, "stranger", "", token_hash(CHAIR), "KQ7-M4X-P2"]
WRONG_FOR_A_SEAT = [CHAIR, "stranger", "", token_hash(AMINA)]
"""Tokens that can never hold a seat: not one of `SEAT_TOKENS`."""


@st.composite
def wrong_attempts(draw: st.DrawFn) -> Action:
    """A chair's action without the chair's token, or a vote with a token that holds no seat."""
    kind = draw(st.sampled_from([k for k in ACTION_KINDS if k != "take"]))
    tokens = WRONG_FOR_A_SEAT if kind == "vote" else WRONG_FOR_CHAIR
    return Action(
        kind=kind,
        member=draw(st.sampled_from(CODES)),
        vote=draw(st.sampled_from(list(Vote))),
        name=draw(st.sampled_from(NAMES)),
        token=draw(st.sampled_from(tokens)),
    )


def apply(session: ClassSession, action: Action) -> ClassSession:
    """One action; `SessionError` if the rules refuse it."""
    scenario = US_DRAFT
    if action.kind == "take":
        return take_seat(session, scenario, action.member, action.name, action.token)
    if action.kind == "vote":
        return cast_vote(session, scenario, action.token, action.vote)
    if action.kind == "open":
        return open_vote(session, action.token)
    if action.kind == "close":
        return close_vote(session, action.token)
    if action.kind == "reveal":
        return reveal(session, action.token)
    if action.kind == "free":
        return free_seat(session, scenario, action.token, action.member)
    return assign_seat(session, scenario, action.token, action.member, action.name)


def tried(session: ClassSession, action: Action) -> ClassSession:
    """The action as anyone might try it: a refused one leaves the session as it was."""
    try:
        return apply(session, action)
    except SessionError:
        return session


@given(st.lists(actions(), max_size=30), st.lists(wrong_attempts(), min_size=1, max_size=20))
def test_no_action_by_the_wrong_token_changes_anything(
    before: list[Action], attempts: list[Action]
) -> None:
    """After any history, a chair's action or a vote with a token that is not the chair's or
    a seat's is refused, and the session is exactly as it was."""
    session = seated()
    for action in before:
        session = tried(session, action)
    for action in attempts:
        with pytest.raises(SessionError):
            apply(session, action)
        assert tried(session, action) == session


@given(st.lists(actions(), max_size=30), st.lists(actions(), max_size=30))
def test_a_closed_votes_verdict_never_changes(before: list[Action], after: list[Action]) -> None:
    """Once closed, whatever anyone does, with any token, the verdict stays what it was."""
    session = seated()
    for action in before:
        session = tried(session, action)
    if session.phase is Phase.WAITING:
        session = open_vote(session, CHAIR)
    if session.phase is Phase.OPEN:
        session = close_vote(session, CHAIR)
    final = count(ballot_of(session.current, US_DRAFT))
    for action in after:
        session = tried(session, action)
        assert count(ballot_of(session.current, US_DRAFT)) == final
        assert roll(session, US_DRAFT, Viewer()).verdict == final


def independent_ballot(session: ClassSession, scenario: Scenario) -> Ballot:
    """The votes counted as the command line counts them, from the session's raw votes."""
    ballot = scenario.ballot().cast_all(session.current.votes)
    if session.phase in (Phase.CLOSED, Phase.REVEALED):
        ballot = ballot.cast_all(
            {m.code: Vote.ABSENT for m in ballot.members if ballot.vote_of(m) is None}
        )
    return ballot


@given(st.lists(actions(), max_size=40), st.sampled_from(list(Mode)))
def test_the_verdict_is_the_count_of_the_votes(history: list[Action], mode: Mode) -> None:
    """The verdict any viewer may see is `rules.count` of the votes cast, and so is the
    chair's, at every step."""
    session = seated(mode=mode)
    for action in history:
        session = tried(session, action)
        expected = count(independent_ballot(session, US_DRAFT))
        assert roll(session, US_DRAFT, viewer(session, chair=CHAIR)).verdict == expected
        public = roll(session, US_DRAFT, Viewer()).verdict
        assert public is None or public == expected
        assert (public is None) == (mode is Mode.HIDDEN and session.phase is Phase.OPEN)


def test_every_decision_counts_by_its_own_rule() -> None:
    """A statement's class vote is counted as a statement: one objection blocks it."""
    session = cast_vote(seated(STATEMENTS), STATEMENTS, AMINA, Vote.AGAINST)
    verdict = roll(close_vote(session, CHAIR), STATEMENTS, Viewer()).verdict
    assert verdict is not None and verdict.decision is Decision.PRESS_STATEMENT
    assert verdict.reason is Reason.OBJECTION
