"""The smallest change that flips a vote: the groups, their votes, their words, and a brute-force
check over every combination of changes on random ballots."""

from __future__ import annotations

import math
import random
import subprocess
import sys
from collections.abc import Callable
from itertools import combinations, product

import pytest

from simulator.rules import Ballot, Decision, Member, Reason, RuleSet, Vote, closed_outcome
from simulator.scenarios import load_catalogue
from simulator.whatif import MAX_GROUPS, Flip, flip, flip_line, flip_words, outcome_after

CATALOGUE = load_catalogue(bundled=True)

OTHER_THAN_AGAINST = (Vote.IN_FAVOUR, Vote.ABSTENTION, Vote.ABSENT)

COUNCIL_OF_1945 = (
    *(Member(code, code.title(), permanent=True) for code in ("CHN", "FRA", "RUS", "GBR", "USA")),
    *(Member(code, code.title()) for code in ("AUS", "BRA", "EGY", "MEX", "NLD", "POL")),
)
"""Eleven members, five permanent: the Council as the Charter was signed, small enough to try
every combination of changes."""


def recorded(scenario_id: str) -> Ballot:
    scenario = CATALOGUE.get(scenario_id)
    assert scenario is not None
    return scenario.recorded_ballot()


def fresh(scenario_id: str) -> Ballot:
    scenario = CATALOGUE.get(scenario_id)
    assert scenario is not None
    return scenario.ballot()


def groups_and_votes(result: Flip) -> dict[tuple[str, ...], set[tuple[Vote, ...]]]:
    """Each group's codes, with every combination of votes it can flip the outcome with."""
    return {group.codes: set(group.ways()) for group in result.groups}


def test_the_us_draft_of_22_march_2024_needs_china_and_russia_both_off_against() -> None:
    """Vetoed by China and the Russian Federation: both must move off 'against', together."""
    result = flip(recorded("2024-03-22-us-draft"))
    assert (result.size, result.count) == (2, 1)
    (group,) = result.groups
    assert group.codes == ("CHN", "RUS")
    assert all(change.votes == OTHER_THAN_AGAINST for change in group.changes)
    assert set(group.ways()) == set(product(OTHER_THAN_AGAINST, repeat=2))
    assert flip_words(result) == "China and the Russian Federation, both moving off 'against'"
    assert outcome_after(result) == "adopted"


def test_resolution_2728_falls_to_any_one_permanent_member_voting_against() -> None:
    """Fourteen in favour and the United States abstaining: any permanent member's veto stops it."""
    result = flip(recorded("2024-03-25-resolution-2728"))
    assert (result.size, result.count) == (1, 5)
    assert [group.codes for group in result.groups] == [
        ("CHN",),
        ("FRA",),
        ("RUS",),
        ("GBR",),
        ("USA",),
    ]
    assert all(set(group.ways()) == {(Vote.AGAINST,)} for group in result.groups)
    assert flip_words(result) == "any one permanent member voting against"
    assert outcome_after(result) == "not adopted"


def test_a_draft_one_vote_short_needs_one_of_its_vetoers_in_favour() -> None:
    """Eight in favour, China and Russia against: both move off, and one of them votes in favour."""
    ballot = recorded("2024-03-22-us-draft").cast_all(
        {"ECU": Vote.ABSTENTION, "JPN": Vote.ABSTENTION, "MLT": Vote.ABSTENTION}
    )
    result = flip(ballot)
    assert (result.size, result.count) == (2, 1)
    (group,) = result.groups
    assert group.in_favour == 1
    ways = set(group.ways())
    assert (Vote.IN_FAVOUR, Vote.ABSTENTION) in ways
    assert (Vote.ABSTENTION, Vote.ABSENT) not in ways
    assert flip_words(result).endswith("at least one of them voting in favour")


def test_a_draft_far_short_needs_its_vetoers_and_others_in_favour() -> None:
    """The Russian draft of 16 October 2023: five in favour, three permanent members against."""
    result = flip(recorded("2023-10-16-russian-draft"))
    assert result.size == 4  # France, the United Kingdom, the United States and one more
    assert result.count == 7  # the seven elected members not in favour
    for group in result.groups:
        assert {"FRA", "GBR", "USA"} <= set(group.codes)
        assert set(group.ways()) == {(Vote.IN_FAVOUR,) * 4}
    assert "any one of these 7 elected members" in flip_words(result)


def test_a_procedural_vote_with_votes_to_spare_needs_several_to_move_off() -> None:
    """No veto: eleven in favour of nine needed, so any three of the eleven moving off stop it."""
    ballot = Ballot.open(recorded("2024-03-22-us-draft").members, decision=Decision.PROCEDURAL)
    ballot = ballot.cast_all({m.code: Vote.IN_FAVOUR for m in ballot.members[:11]})
    result = flip(ballot)
    assert (result.size, result.count) == (3, math.comb(11, 3))
    assert "any 3 of these 11 members" in flip_words(result)
    assert "moving off 'in favour'" in flip_words(result)


def test_a_statement_agreed_is_blocked_by_any_one_objection() -> None:
    """One objection from any member, permanent or elected, blocks a statement."""
    result = flip(recorded("2021-05-22-press-statement"))
    assert (result.size, result.count) == (1, 15)
    assert all(set(group.ways()) == {(Vote.AGAINST,)} for group in result.groups)
    assert flip_words(result) == "any one member objecting"
    assert outcome_after(result) == "blocked"


def test_a_blocked_statement_needs_every_objector_to_stop_objecting() -> None:
    """The statement blocked by the United States, and one more objector: both must withdraw."""
    one = flip(recorded("2021-05-17-press-statements"))
    assert [group.codes for group in one.groups] == [("USA",)]
    assert flip_words(one) == "the United States no longer objecting"
    both = flip(recorded("2021-05-17-press-statements").cast("CHN", Vote.AGAINST))
    assert (both.size, both.count) == (2, 1)
    (group,) = both.groups
    assert group.codes == ("CHN", "USA")
    assert set(group.ways()) == set(product((Vote.IN_FAVOUR, Vote.ABSENT), repeat=2))
    assert outcome_after(both) == "agreed"


def test_an_open_ballot_counts_members_yet_to_vote_as_not_in_favour() -> None:
    """Nobody has voted: any nine members voting in favour would adopt it, 5005 ways to choose."""
    result = flip(fresh("2024-03-22-us-draft"))
    assert (result.size, result.count) == (9, math.comb(15, 9))
    assert len(result.groups) == MAX_GROUPS
    assert result.groups[0].codes == tuple(m.code for m in result.ballot.members[:9])
    assert flip_words(result) == "any 9 members voting in favour"


def test_the_last_members_yet_to_vote_can_be_the_ones_who_flip_it() -> None:
    """Eight in favour and seven yet to vote: any one of the seven voting in favour adopts it."""
    ballot = fresh("2024-03-22-us-draft")
    ballot = ballot.cast_all({m.code: Vote.IN_FAVOUR for m in ballot.members[:8]})
    result = flip(ballot)
    assert (result.size, result.count) == (1, 7)
    assert all(change.was is None for change in result.pool)


def parties(*codes: str) -> Ballot:
    """The Council of 22 March 2024 on a dispute with these members as parties."""
    members = tuple(
        Member(m.code, m.name, m.permanent, party_to_dispute=m.code in codes)
        for m in recorded("2024-03-22-us-draft").members
    )
    return Ballot.open(members)


def test_parties_to_the_dispute_are_never_in_a_group() -> None:
    """A party's abstention is fixed (Art. 27(3)): the groups are made of the other members."""
    ballot = parties("DZA", "USA").cast_all({"CHN": Vote.AGAINST, "FRA": Vote.IN_FAVOUR})
    result = flip(ballot)
    assert result.size == 8  # China and seven more in favour, with France's vote: nine
    assert result.count == math.comb(11, 7)  # not the parties, China or France
    assert all({"DZA", "USA"}.isdisjoint(group.codes) for group in result.groups)
    assert all("CHN" in group.codes for group in result.groups)


def test_nothing_can_flip_a_draft_whose_parties_leave_too_few_votes() -> None:
    """Seven parties abstain: the other eight cannot reach nine votes in favour, so K = N = 0."""
    ballot = parties("DZA", "CHN", "ECU", "FRA", "GUY", "JPN", "MLT")
    ballot = ballot.cast_all({m.code: Vote.IN_FAVOUR for m in ballot.members[7:]})
    result = flip(ballot)
    assert (result.size, result.count, result.groups) == (0, 0, ())
    assert "fewer than the 9 votes in favour" in flip_words(result)
    assert flip_line(result).startswith("Smallest change that flips it: none")


def test_nothing_can_flip_a_draft_when_every_member_is_a_party() -> None:
    """Every member fixed at abstention: nobody can change anything."""
    ballot = parties(*(m.code for m in recorded("2024-03-22-us-draft").members))
    assert (flip(ballot).size, flip(ballot).count) == (0, 0)


def test_one_member_groups_are_the_pivotal_members() -> None:
    """Where one member can flip it, the groups and their votes are exactly the pivots."""
    for scenario in CATALOGUE:
        if not scenario.has_recorded_votes:
            continue
        ballot = scenario.recorded_ballot()
        result = flip(ballot)
        pivots = {(p.member.code, p.vote) for p in ballot.verdict.pivotal}
        if result.size == 1:
            ways = {(g.codes[0], vote) for g in result.groups for (vote,) in g.ways()}
            assert ways == pivots, scenario.id
        else:
            assert not pivots, scenario.id


# Brute force: try every combination of changes, smallest groups first.

LIMIT = 4
"""Groups larger than this are not tried: the combinations grow as 3^K times (11 choose K)."""


def brute_force(
    ballot: Ballot, limit: int = LIMIT
) -> tuple[int, dict[tuple[str, ...], set[tuple[Vote, ...]]]]:
    """The smallest K up to `limit` at which some K members' changes flip the closed outcome, and
    every flipping combination of votes of every such group; (0, {}) if none up to `limit`."""
    adopted = closed_outcome(ballot) is Reason.ADOPTED
    free = [m for m in ballot.members if not ballot.is_fixed(m)]
    for size in range(1, limit + 1):
        found: dict[tuple[str, ...], set[tuple[Vote, ...]]] = {}
        for group in combinations(free, size):
            options = [
                [v for v in ballot.decision.choices if v is not ballot.vote_of(m)] for m in group
            ]
            for votes in product(*options):
                changed = {m.code: vote for m, vote in zip(group, votes, strict=True)}
                after = Ballot(
                    ballot.members, ballot.decision, ballot.rules, {**ballot.votes, **changed}
                )
                if (closed_outcome(after) is Reason.ADOPTED) != adopted:
                    found.setdefault(tuple(m.code for m in group), set()).add(votes)
        if found:
            return size, found
    return 0, {}


def random_ballot(
    rng: random.Random,
    council: tuple[Member, ...] = COUNCIL_OF_1945,
    rules: RuleSet = RuleSet.CHARTER_1945,
) -> Ballot:
    """A Council of 11 (or the one given), a random kind of decision, random parties, votes
    leaning in favour."""
    decision = rng.choice(
        [Decision.SUBSTANTIVE, Decision.SUBSTANTIVE, Decision.PROCEDURAL, Decision.PRESS_STATEMENT]
    )
    members = tuple(
        Member(m.code, m.name, m.permanent, party_to_dispute=rng.random() < 0.1) for m in council
    )
    ballot = Ballot.open(members, decision=decision, rules=rules)
    weights = {
        Vote.IN_FAVOUR: 6,
        Vote.AGAINST: 2,
        Vote.ABSTENTION: 0 if decision.is_statement else 1,
        Vote.ABSENT: 1,
        None: 1,
    }
    for member in members:
        if ballot.is_fixed(member):
            continue
        (vote,) = rng.choices(list(weights), list(weights.values()))
        if vote is not None:
            ballot = ballot.cast(member.code, vote)
    return ballot


def test_the_groups_are_what_trying_every_combination_of_changes_finds() -> None:
    """On random ballots, K, N, every group and every flipping combination of its votes match a
    brute-force search; the random ballots reach every kind of answer."""
    rng = random.Random(27)
    seen: set[str] = set()
    for _ in range(120):
        ballot = random_ballot(rng)
        result = flip(ballot)
        size, found = brute_force(ballot)
        if size == 0:
            assert result.size == 0 or result.size > LIMIT
            seen.add("larger")
            continue
        assert result.size == size
        assert result.count == len(found) == len(result.groups)
        assert groups_and_votes(result) == found
        assert [g.codes for g in result.groups] == sorted(found, key=ballot_order(ballot))
        if size == 1:  # one member alone: the rules' own pivots
            assert {(p.member.code, (p.vote,)) for p in ballot.verdict.pivotal} == {
                (codes[0], votes) for codes, ways in found.items() for votes in ways
            }
        seen.add(f"{ballot.decision.value} {'adopted' if result.adopted else 'not'} K={size}")
        if any(g.in_favour for g in result.groups):
            seen.add("at least some in favour")
        if not ballot.verdict.counts.not_voted:
            seen.add("closed")
    wanted = {
        "substantive adopted K=1",
        "substantive not K=1",
        "substantive not K=2",
        "substantive not K=3",
        "procedural adopted K=2",
        "procedural not K=1",
        "press-statement adopted K=1",
        "press-statement not K=2",
        "at least some in favour",
        "closed",
        "larger",
    }
    assert wanted <= seen, wanted - seen


def ballot_order(ballot: Ballot) -> Callable[[tuple[str, ...]], list[int]]:
    """A key that sorts groups of codes in Council order."""
    index = {m.code: i for i, m in enumerate(ballot.members)}
    return lambda codes: [index[code] for code in codes]


@pytest.mark.parametrize("scenario_id", [s.id for s in CATALOGUE if s.has_recorded_votes])
def test_flip_line_names_the_count_and_the_outcome(scenario_id: str) -> None:
    """The command line's one line: how many members, and what it would come to."""
    result = flip(recorded(scenario_id))
    line = flip_line(result)
    members = "1 member" if result.size == 1 else f"{result.size} members"
    assert line.startswith(f"Smallest change that flips it: {members} — ")
    assert line.endswith(f"→ {outcome_after(result)}")


def test_the_what_if_core_does_not_import_textual() -> None:
    """The what-if is core, like the rules: it runs without the UI toolkit."""
    code = (
        "import sys, simulator.whatif; sys.exit('textual' in sys.modules or 'rich' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr or "simulator.whatif imported textual or rich"


def test_on_todays_council_of_fifteen_the_small_groups_match_trying_every_change() -> None:
    """The same check on random ballots of today's Council of 15 (nine votes), for groups of up
    to three members: the answer itself when it is that small, and that it is larger when not."""
    us_draft = CATALOGUE.get("2024-03-22-us-draft")
    assert us_draft is not None
    rng = random.Random(2024)
    sizes = set()
    for _ in range(40):
        ballot = random_ballot(rng, us_draft.members, RuleSet.CHARTER_1965)
        result = flip(ballot)
        size, found = brute_force(ballot, limit=3)
        if size == 0:
            assert result.size == 0 or result.size > 3
        else:
            assert (result.size, result.count) == (size, len(found))
            assert groups_and_votes(result) == found
        sizes.add(size)
    assert {0, 1, 2} <= sizes, sizes  # single members, pairs, and answers beyond three
