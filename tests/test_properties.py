"""Properties of the rules and the what-if on generated ballots, for every decision type and rule
set, with brute force as the oracle where the claim is "the smallest" or "no other change"."""

from __future__ import annotations

from itertools import combinations, product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.rules import (
    PERMANENT_MEMBERS,
    Ballot,
    Decision,
    Member,
    Reason,
    RuleSet,
    Vote,
    closed_outcome,
    tally,
)
from simulator.whatif import MAX_GROUPS, flip


def every_rule(*, statements: bool = True) -> list[object]:
    """Each decision type under each rule set, as parameters named for both."""
    return [
        pytest.param(decision, rules, id=f"{decision.value}-{rules.value}")
        for decision in Decision
        if statements or not decision.is_statement
        for rules in RuleSet
    ]


EVERY_RULE = every_rule()
RESOLUTIONS = every_rule(statements=False)

BRUTE_LIMIT = 3
"""Groups of changes up to this size are tried one by one: on a Council of 15 that is
(15 choose 3) x 3^3 = 12,285 ballots, about as many as a test example should cost."""


def council(rules: RuleSet, parties: frozenset[int]) -> tuple[Member, ...]:
    """The five permanent members and the elected ones, those numbered in `parties` being
    parties to the dispute."""
    elected = [f"E{i:02d}" for i in range(1, rules.council_size - len(PERMANENT_MEMBERS) + 1)]
    return tuple(
        Member(code, code, permanent=code in PERMANENT_MEMBERS, party_to_dispute=i in parties)
        for i, code in enumerate((*PERMANENT_MEMBERS, *elected))
    )


@st.composite
def ballots(draw: st.DrawFn, decision: Decision, rules: RuleSet) -> Ballot:
    """A ballot of this kind: a few parties to the dispute at most, each other member voting
    any vote its decision allows, or not yet, leaning more or less in favour."""
    size = rules.council_size
    parties = draw(st.frozensets(st.integers(0, size - 1), max_size=3))
    ballot = Ballot.open(council(rules, parties), decision=decision, rules=rules)
    # How far the votes lean in favour, so that adopted and not adopted both come up often.
    lean = draw(st.integers(0, 8))
    choices = st.sampled_from((*[Vote.IN_FAVOUR] * lean, *decision.choices, None))
    for member in ballot.members:
        if ballot.is_fixed(member):
            continue
        vote = draw(choices)
        if vote is not None:
            ballot = ballot.cast(member.code, vote)
    return ballot


def adopted(ballot: Ballot) -> bool:
    """Adopted (a statement: agreed) if the vote closed now: what the pivots and groups flip."""
    return closed_outcome(ballot) is Reason.ADOPTED


def changed(ballot: Ballot, votes: dict[str, Vote]) -> Ballot:
    """The ballot with these members' votes replaced, fixed members included (brute force)."""
    return Ballot(ballot.members, ballot.decision, ballot.rules, {**ballot.votes, **votes})


def free(ballot: Ballot) -> list[Member]:
    return [m for m in ballot.members if not ballot.is_fixed(m)]


def other_votes(ballot: Ballot, member: Member) -> list[Vote]:
    return [v for v in ballot.decision.choices if v is not ballot.vote_of(member)]


def flipping_groups(ballot: Ballot, size: int) -> dict[tuple[str, ...], set[tuple[Vote, ...]]]:
    """Every group of `size` free members, with every combination of new votes that flips it."""
    now = adopted(ballot)
    found: dict[tuple[str, ...], set[tuple[Vote, ...]]] = {}
    for group in combinations(free(ballot), size):
        for votes in product(*(other_votes(ballot, m) for m in group)):
            after = changed(ballot, {m.code: v for m, v in zip(group, votes, strict=True)})
            if adopted(after) != now:
                found.setdefault(tuple(m.code for m in group), set()).add(votes)
    return found


@pytest.mark.parametrize(("decision", "rules"), EVERY_RULE)
@settings(max_examples=60)
@given(data=st.data())
def test_the_verdict_does_not_depend_on_the_order_of_members(
    decision: Decision, rules: RuleSet, data: st.DataObject
) -> None:
    """Listing the Council in another order changes nothing: outcome, counts, who vetoed or
    objected, the pivots, and the size and number of the smallest flipping groups."""
    ballot = data.draw(ballots(decision, rules))
    order = data.draw(st.permutations(ballot.members))
    shuffled = Ballot(tuple(order), decision, rules, ballot.votes)
    a, b = ballot.verdict, shuffled.verdict
    for field in ("reason", "standing", "counts", "required"):
        assert getattr(a, field) == getattr(b, field), field
    for field in ("vetoed_by", "objecting", "against_permanent", "parties"):
        assert set(getattr(a, field)) == set(getattr(b, field)), field
    assert set(a.pivotal) == set(b.pivotal)
    one, other = flip(ballot), flip(shuffled)
    assert (one.size, one.count, one.in_favour) == (other.size, other.count, other.in_favour)
    if one.count <= MAX_GROUPS:
        groups = {frozenset(g.codes) for g in one.groups}
        assert groups == {frozenset(g.codes) for g in other.groups}


@pytest.mark.parametrize(("decision", "rules"), RESOLUTIONS)
@settings(max_examples=60)
@given(data=st.data())
def test_a_vote_changed_to_in_favour_never_undoes_an_adoption(
    decision: Decision, rules: RuleSet, data: st.DataObject
) -> None:
    """On a draft resolution, any member moving to 'in favour' from any vote, or from not having
    voted, never turns adopted into not adopted, whether the vote is closed or still open."""
    ballot = data.draw(ballots(decision, rules))
    if not adopted(ballot):
        return
    for member in free(ballot):
        after = ballot.cast(member.code, Vote.IN_FAVOUR)
        assert adopted(after), member.code
        if not ballot.verdict.is_open:
            assert after.verdict.reason is Reason.ADOPTED, member.code


@pytest.mark.parametrize(("decision", "rules"), EVERY_RULE)
@settings(max_examples=60)
@given(data=st.data())
def test_the_pivots_flip_it_and_no_other_single_change_does(
    decision: Decision, rules: RuleSet, data: st.DataObject
) -> None:
    """Trying every member with every other vote: the changes that flip the outcome are exactly
    the pivots, each with the outcome it leads to; a party to the dispute is never one."""
    ballot = data.draw(ballots(decision, rules))
    now = adopted(ballot)
    flipping = {}
    for member in free(ballot):
        for vote in other_votes(ballot, member):
            after = changed(ballot, {member.code: vote})
            if adopted(after) != now:
                flipping[member.code, vote] = closed_outcome(after)
    assert {(p.member.code, p.vote): p.outcome for p in ballot.verdict.pivotal} == flipping
    assert len(ballot.verdict.pivotal) == len(flipping)  # each pivot once


@pytest.mark.parametrize(("decision", "rules"), EVERY_RULE)
@settings(max_examples=20)
@given(data=st.data())
def test_the_what_if_groups_are_the_smallest_and_each_flips_it(
    decision: Decision, rules: RuleSet, data: st.DataObject
) -> None:
    """No smaller group of changes flips it (every group tried, up to three members); every
    group listed flips it in every way it gives, and moves only its own members; where the
    groups are small enough to try, they are exactly those that trying every one finds."""
    ballot = data.draw(ballots(decision, rules))
    result = flip(ballot)
    now = adopted(ballot)
    for size in range(1, min(result.size or BRUTE_LIMIT, BRUTE_LIMIT) + 1):
        found = flipping_groups(ballot, size)
        if size < result.size or not result.size:
            assert not found, f"a group of {size} flips it, not {result.size}"
        else:
            assert len(found) == result.count
            assert {g.codes: set(g.ways()) for g in result.groups} == found
    if not result.size:
        # The most any change can do: every member free to vote giving the same vote.
        for vote in decision.choices:
            after = changed(ballot, {m.code: vote for m in free(ballot)})
            assert adopted(after) == now, f"all voting {vote.value} flips it"
        return
    assert len(result.groups) == min(result.count, MAX_GROUPS)
    for group in result.groups[:50]:
        assert len(group.members) == result.size
        assert all(not ballot.is_fixed(m) for m in group.members)
        ways = list(group.ways())
        assert ways, group.codes
        for votes in ways:
            assert all(v is not c.was for v, c in zip(votes, group.changes, strict=True))
            after = changed(ballot, dict(zip(group.codes, votes, strict=True)))
            assert adopted(after) != now, (group.codes, votes)


@pytest.mark.parametrize(("decision", "rules"), EVERY_RULE)
@settings(max_examples=60)
@given(data=st.data())
def test_the_counts_sum_to_the_councils_size(
    decision: Decision, rules: RuleSet, data: st.DataObject
) -> None:
    """Every member is counted once: under each vote, or as not yet voted; and the verdict is
    open exactly while someone has not voted."""
    ballot = data.draw(ballots(decision, rules))
    counts = ballot.verdict.counts
    total = counts.yes + counts.no + counts.abstain + counts.absent + counts.not_voted
    assert total == rules.council_size == len(ballot.members)
    assert counts == tally(ballot)
    for vote in Vote:
        assert counts.of(vote) == sum(ballot.vote_of(m) is vote for m in ballot.members)
    assert ballot.verdict.is_open is (counts.not_voted > 0)
    if decision.is_statement:
        assert counts.abstain == 0


def the_charter(ballot: Ballot) -> Reason:
    """The rule restated as plainly as can be, members yet to vote being not in favour (on a
    statement, silent): the absolute oracle the properties above, which compare the rules with
    themselves, need beside them."""
    votes = [ballot.vote_of(m) for m in ballot.members]
    if ballot.decision.is_statement:
        return Reason.OBJECTION if Vote.AGAINST in votes else Reason.ADOPTED
    if votes.count(Vote.IN_FAVOUR) < (9 if ballot.rules is RuleSet.CHARTER_1965 else 7):
        return Reason.INSUFFICIENT_VOTES
    if ballot.decision is Decision.SUBSTANTIVE and any(
        m.permanent and ballot.vote_of(m) is Vote.AGAINST for m in ballot.members
    ):
        return Reason.VETOED
    return Reason.ADOPTED


@pytest.mark.parametrize(("decision", "rules"), EVERY_RULE)
@settings(max_examples=60)
@given(data=st.data())
def test_the_outcome_is_article_27_restated(
    decision: Decision, rules: RuleSet, data: st.DataObject
) -> None:
    """The outcome is what Article 27 (and, for statements, Council practice) says, and the
    verdict names the vetoes and objections that make it so."""
    ballot = data.draw(ballots(decision, rules))
    verdict = ballot.verdict
    assert verdict.standing is the_charter(ballot)
    assert verdict.reason is (Reason.OPEN if verdict.counts.not_voted else verdict.standing)
    assert bool(verdict.vetoed_by) is (verdict.standing is Reason.VETOED)
    assert bool(verdict.objecting) is (verdict.standing is Reason.OBJECTION)
