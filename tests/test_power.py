"""Exact power indices: small games worked out by hand, random games against trying every order
and every coalition, and the Council and the Assembly against published and counted values."""

from __future__ import annotations

import math
import subprocess
import sys
from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.power import (
    Game,
    Power,
    assembly_game,
    council_game,
    council_of,
    council_power,
    council_rule,
    indices,
)
from simulator.rules import PERMANENT_MEMBERS, Decision, Member, RuleSet

TODAY = council_of(RuleSet.CHARTER_1965)
COUNCIL_OF_1945 = council_of(RuleSet.CHARTER_1945)


def wins(game: Game, coalition: int) -> bool:
    """Whether the players whose bits are set in `coalition` win, read straight off the rule."""
    votes = sum(w for i, w in enumerate(game.weights) if coalition >> i & 1)
    return votes >= game.quota and all(coalition >> v & 1 for v in game.vetoes)


def swings_by_coalitions(game: Game) -> list[int]:
    """Each player's swings, trying every coalition of the others."""
    n = len(game.weights)
    return [
        sum(
            1
            for coalition in range(2**n)
            if not coalition >> i & 1
            and wins(game, coalition | 1 << i)
            and not wins(game, coalition)
        )
        for i in range(n)
    ]


def shapley_by_coalitions(game: Game) -> list[Fraction]:
    """Shapley-Shubik from every coalition: a swing with s others first counts s!(n-s-1)!/n!."""
    n = len(game.weights)
    shares = [Fraction(0)] * n
    for coalition in range(2**n):
        if wins(game, coalition):
            continue
        size = coalition.bit_count()
        for i in range(n):
            if not coalition >> i & 1 and wins(game, coalition | 1 << i):
                weight = math.factorial(size) * math.factorial(n - size - 1)
                shares[i] += Fraction(weight, math.factorial(n))
    return shares


def shapley_by_orders(game: Game) -> list[Fraction]:
    """Shapley-Shubik by its definition: in every order of the players, who makes it win."""
    n = len(game.weights)
    pivots = [0] * n
    for order in permutations(range(n)):
        coalition = 0
        for player in order:
            coalition |= 1 << player
            if wins(game, coalition):
                pivots[player] += 1
                break
    return [Fraction(p, math.factorial(n)) for p in pivots]


def banzhaf_from(swings: list[int]) -> tuple[list[Fraction], list[Fraction]]:
    """(normalised, absolute) Banzhaf indices from each player's swings."""
    total = sum(swings)
    normalised = [Fraction(s, total) if total else Fraction(0) for s in swings]
    absolute = [Fraction(s, 2 ** (len(swings) - 1)) for s in swings]
    return normalised, absolute


def column(powers: tuple[Power, ...], name: str) -> list[Fraction]:
    return [getattr(p, name) for p in powers]


@st.composite
def games(draw: st.DrawFn, max_players: int) -> Game:
    """A weighted game with up to `max_players`, a few vetoes, and any quota from 1 to a little
    beyond all the votes (so that some cannot be won)."""
    weights = draw(st.lists(st.integers(0, 5), min_size=1, max_size=max_players))
    quota = draw(st.integers(1, sum(weights) + 2))
    vetoes = draw(st.frozensets(st.integers(0, len(weights) - 1), max_size=3))
    return Game(tuple(weights), quota, vetoes)


# --- Small games, worked out by hand ---------------------------------------------------------


def test_three_equal_players_and_a_majority_share_alike() -> None:
    """Three players, one vote each, two to win: each holds 1/3, and swings half the others'."""
    powers = indices(Game((1, 1, 1), 2))
    assert powers == (Power(Fraction(1, 3), Fraction(1, 3), Fraction(1, 2)),) * 3


def test_a_dictator_holds_all_the_power() -> None:
    """A player whose votes alone reach the quota, the others' together not: 1, and 0 each."""
    powers = indices(Game((3, 1, 1), 3))
    assert column(powers, "shapley_shubik") == [1, 0, 0]
    assert column(powers, "banzhaf") == [1, 0, 0]
    assert column(powers, "banzhaf_absolute") == [1, 0, 0]


def test_a_veto_among_three_equals() -> None:
    """One vote each, two to win, player 0 a veto. Orders: 0 is the pivot in 102, 120, 201,
    210 (4 of 6), 1 in 012, 2 in 021. Swings: 0 turns {1}, {2}, {1,2}; 1 turns {0}; 2 {0}."""
    powers = indices(Game((1, 1, 1), 2, frozenset({0})))
    assert column(powers, "shapley_shubik") == [Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
    assert column(powers, "banzhaf") == [Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)]
    assert column(powers, "banzhaf_absolute") == [Fraction(3, 4), Fraction(1, 4), Fraction(1, 4)]


def test_a_weighted_game_without_veto() -> None:
    """Weights 2, 1, 1, quota 3: player 0 is in every winning coalition ({0,1}, {0,2}, {0,1,2})
    but is no veto by the rule. Orders: 0 pivots in 4 of 6; swings 3, 1, 1 as above."""
    powers = indices(Game((2, 1, 1), 3))
    assert column(powers, "shapley_shubik") == [Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
    assert column(powers, "banzhaf") == [Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)]


def test_a_player_with_no_votes_and_no_veto_has_no_power() -> None:
    """A member who can never make the difference: every index 0, the others unchanged."""
    powers = indices(Game((1, 0, 1), 2))
    assert powers[1] == Power(Fraction(0), Fraction(0), Fraction(0))
    assert column(powers, "shapley_shubik") == [Fraction(1, 2), 0, Fraction(1, 2)]


def test_a_veto_with_no_votes_still_has_power() -> None:
    """A veto without votes: it can still stop a coalition, so it makes the difference."""
    powers = indices(Game((0, 1, 1), 2, frozenset({0})))
    assert column(powers, "shapley_shubik") == [Fraction(1, 3)] * 3
    assert column(powers, "banzhaf_absolute") == [Fraction(1, 4)] * 3


def test_a_game_nobody_can_win_gives_zeros_without_dividing_by_zero() -> None:
    """A quota above all the votes: no pivot and no swing, so every index is 0."""
    game = Game((1, 1, 1), 4)
    assert not game.can_be_won
    assert indices(game) == (Power(Fraction(0), Fraction(0), Fraction(0)),) * 3


def test_a_game_without_players_has_no_indices() -> None:
    """Nobody to hold power: an empty tuple."""
    assert indices(Game((), 1)) == ()


@pytest.mark.parametrize(
    ("weights", "quota", "vetoes", "message"),
    [
        ((1, 1), 0, frozenset(), "the quota must be at least 1 vote, not 0"),
        ((1, -1), 1, frozenset(), "a member's votes cannot be fewer than none"),
        ((1, 1), 1, frozenset({2}), "veto 2 names no member: there are 2, numbered from 0 to 1"),
    ],
    ids=["quota 0", "negative votes", "veto out of range"],
)
def test_a_game_that_makes_no_sense_is_refused(
    weights: tuple[int, ...], quota: int, vetoes: frozenset[int], message: str
) -> None:
    """A quota below 1, votes below 0, or a veto naming no player: ValueError in plain words."""
    with pytest.raises(ValueError) as raised:
        Game(weights, quota, vetoes)
    assert str(raised.value) == message


# --- Random games, against trying everything ---------------------------------------------------


@settings(max_examples=40)
@given(games(max_players=7))
def test_shapley_shubik_matches_every_order_of_the_players(game: Game) -> None:
    """On random games of up to 7 players (5,040 orders), the index is the share of orders in
    which each player is the pivot."""
    assert column(indices(game), "shapley_shubik") == shapley_by_orders(game)


@settings(max_examples=5)
@given(games(max_players=8).filter(lambda game: len(game.weights) == 8))
def test_shapley_shubik_matches_every_order_of_eight_players(game: Game) -> None:
    """The same, on games of exactly 8 players (40,320 orders), a few of them."""
    assert column(indices(game), "shapley_shubik") == shapley_by_orders(game)


@settings(max_examples=40)
@given(games(max_players=12))
def test_banzhaf_matches_every_coalition_of_the_others(game: Game) -> None:
    """On random games of up to 12 players, both Banzhaf indices count each player's swings
    over every coalition, and Shapley-Shubik weighs them as the orders do."""
    powers = indices(game)
    normalised, absolute = banzhaf_from(swings_by_coalitions(game))
    assert column(powers, "banzhaf") == normalised
    assert column(powers, "banzhaf_absolute") == absolute
    assert column(powers, "shapley_shubik") == shapley_by_coalitions(game)


@settings(max_examples=40)
@given(games(max_players=12))
def test_the_shares_sum_to_one_in_a_game_that_can_be_won(game: Game) -> None:
    """Shapley-Shubik shares sum to 1 when the game can be won, to 0 when it cannot; so does
    the normalised Banzhaf index, and players alike in votes and veto hold the same."""
    powers = indices(game)
    expected = 1 if game.can_be_won else 0
    assert sum(column(powers, "shapley_shubik")) == expected
    assert sum(column(powers, "banzhaf")) == expected
    for i, j in permutations(range(len(powers)), 2):
        if (game.weights[i], i in game.vetoes) == (game.weights[j], j in game.vetoes):
            assert powers[i] == powers[j]


# --- The Council -------------------------------------------------------------------------------


def test_todays_council_as_published() -> None:
    """Nine votes with the five permanent members': each permanent member holds 421/2145 of
    the power, each elected member 4/2145 (Shapley-Shubik), summing to 1."""
    powers = council_power(TODAY, Decision.SUBSTANTIVE, RuleSet.CHARTER_1965)
    assert [p.member.code for p in powers[:5]] == list(PERMANENT_MEMBERS)
    assert {p.power.shapley_shubik for p in powers[:5]} == {Fraction(421, 2145)}
    assert {p.power.shapley_shubik for p in powers[5:]} == {Fraction(4, 2145)}
    assert sum(p.power.shapley_shubik for p in powers) == 1


def test_todays_council_banzhaf_over_every_coalition() -> None:
    """Both Banzhaf indices of today's Council, against each member's 2**14 coalitions of the
    others, tried one by one."""
    game = council_game(TODAY, Decision.SUBSTANTIVE, RuleSet.CHARTER_1965)
    powers = indices(game)
    normalised, absolute = banzhaf_from(swings_by_coalitions(game))
    assert column(powers, "banzhaf_absolute") == absolute
    assert column(powers, "banzhaf") == normalised
    assert (absolute[0], absolute[5]) == (Fraction(53, 1024), Fraction(21, 4096))


@pytest.mark.parametrize(
    ("rules", "weight", "quota"),
    [(RuleSet.CHARTER_1965, 7, 39), (RuleSet.CHARTER_1945, 5, 27)],
    ids=["today", "1945"],
)
def test_the_veto_as_weights_is_the_same_game(rules: RuleSet, weight: int, quota: int) -> None:
    """A permanent member weighing so much that no coalition wins without all five (today 7
    each, quota 39; in 1945 5 each, quota 27) gives the same indices as the veto itself: the
    form in which a package without vetoes is compared with this one."""
    game = council_game(council_of(rules), Decision.SUBSTANTIVE, rules)
    weights = tuple(weight if i in game.vetoes else 1 for i in range(len(game.weights)))
    assert indices(Game(weights, quota)) == indices(game)


def test_the_council_of_1945_as_published_and_counted() -> None:
    """Eleven members, seven votes, five vetoes: 76/385 for each permanent member and 1/462 for
    each elected one (Shapley and Shubik, 1954), and every index as every coalition gives it."""
    game = council_game(COUNCIL_OF_1945, Decision.SUBSTANTIVE, RuleSet.CHARTER_1945)
    assert (len(game.weights), game.quota, game.vetoes) == (11, 7, frozenset(range(5)))
    powers = indices(game)
    assert column(powers, "shapley_shubik") == [Fraction(76, 385)] * 5 + [Fraction(1, 462)] * 6
    assert column(powers, "shapley_shubik") == shapley_by_coalitions(game)
    normalised, absolute = banzhaf_from(swings_by_coalitions(game))
    assert column(powers, "banzhaf") == normalised
    assert column(powers, "banzhaf_absolute") == absolute


@pytest.mark.parametrize("decision", list(Decision), ids=[d.value for d in Decision])
def test_without_a_veto_of_the_few_every_member_weighs_the_same(decision: Decision) -> None:
    """Procedural (no veto, Art. 27(2)) and statements (everyone's agreement): 1/15 each."""
    powers = indices(council_game(TODAY, decision, RuleSet.CHARTER_1965))
    if decision is Decision.SUBSTANTIVE:
        assert powers[0] != powers[5]
    else:
        assert column(powers, "shapley_shubik") == [Fraction(1, 15)] * 15
        assert column(powers, "banzhaf") == [Fraction(1, 15)] * 15


def test_a_statement_needs_everyone() -> None:
    """A statement is agreed only if nobody objects: each member is a veto, and swings only the
    one coalition of all the others."""
    game = council_game(TODAY, Decision.PRESS_STATEMENT, RuleSet.CHARTER_1965)
    assert game.vetoes == frozenset(range(15))
    assert column(indices(game), "banzhaf_absolute") == [Fraction(1, 2**14)] * 15


def test_a_procedural_vote_needs_nine_of_fifteen() -> None:
    """Procedural: one vote each, nine to decide, no veto; each swings C(14, 8) coalitions."""
    game = council_game(TODAY, Decision.PROCEDURAL, RuleSet.CHARTER_1965)
    assert (game.quota, game.vetoes) == (9, frozenset())
    assert column(indices(game), "banzhaf_absolute") == [Fraction(math.comb(14, 8), 2**14)] * 15


def test_a_permanent_member_party_to_the_dispute_holds_no_power() -> None:
    """Art. 27(3): a party abstains, so a permanent member that is one has no veto and no vote
    that decides; the others share the power, nine votes still needed among fourteen."""
    members = tuple(
        Member(m.code, m.name, m.permanent, party_to_dispute=m.code == "USA") for m in TODAY
    )
    game = council_game(members, Decision.SUBSTANTIVE, RuleSet.CHARTER_1965)
    assert (game.weights[4], 4 in game.vetoes, game.quota) == (0, False, 9)
    powers = council_power(members, Decision.SUBSTANTIVE, RuleSet.CHARTER_1965)
    assert powers[4].power == Power(Fraction(0), Fraction(0), Fraction(0))
    assert sum(p.power.shapley_shubik for p in powers) == 1
    assert column(indices(game), "shapley_shubik") == shapley_by_coalitions(game)


def test_an_elected_party_to_the_dispute_holds_no_power_on_substance_only() -> None:
    """An elected party counts for nothing on substance; on a procedural vote it votes as any
    member (Art. 27(3) is about substantive decisions), as the ballot has it."""
    members = tuple(
        Member(m.code, m.name, m.permanent, party_to_dispute=m.code == "E01") for m in TODAY
    )
    substance = council_power(members, Decision.SUBSTANTIVE, RuleSet.CHARTER_1965)
    assert substance[5].power.shapley_shubik == 0
    assert substance[6].power.shapley_shubik > Fraction(4, 2145)
    procedure = council_power(members, Decision.PROCEDURAL, RuleSet.CHARTER_1965)
    assert {p.power.shapley_shubik for p in procedure} == {Fraction(1, 15)}


@pytest.mark.parametrize("rules", list(RuleSet), ids=[r.value for r in RuleSet])
def test_a_council_without_a_scenario(rules: RuleSet) -> None:
    """The five permanent members by name, then the elected seats, as many as the rules seat."""
    members = council_of(rules)
    assert len(members) == rules.council_size
    assert [(m.code, m.permanent) for m in members[:5]] == [(c, True) for c in PERMANENT_MEMBERS]
    assert members[3].name == "United Kingdom"
    assert [(m.code, m.name, m.permanent) for m in members[5:7]] == [
        ("E01", "Elected member 1", False),
        ("E02", "Elected member 2", False),
    ]


@pytest.mark.parametrize(
    ("decision", "rules", "party", "rule"),
    [
        (
            Decision.SUBSTANTIVE,
            RuleSet.CHARTER_1945,
            "",
            "Substantive decision under Article 27(3) as signed in 1945 (a Council of eleven): "
            "seven votes including the five permanent members.",
        ),
        (
            Decision.PROCEDURAL,
            RuleSet.CHARTER_1965,
            "",
            "Procedural decision under Article 27(2): nine votes of any members, no veto.",
        ),
        (
            Decision.PRESIDENTIAL_STATEMENT,
            RuleSet.CHARTER_1965,
            "",
            "Presidential statement: agreed only if no member objects (Council practice; the "
            "Charter has no rule for statements), so every member's agreement is needed.",
        ),
        (
            Decision.SUBSTANTIVE,
            RuleSet.CHARTER_1965,
            "RUS",
            "Substantive decision under Article 27(3): nine votes including the four permanent "
            "members not party to the dispute. The Russian Federation is a party to the dispute "
            "and must abstain (Article 27(3)), so it holds no power.",
        ),
    ],
    ids=["1945", "procedural", "statement", "a permanent party"],
)
def test_the_rule_in_words(decision: Decision, rules: RuleSet, party: str, rule: str) -> None:
    """The sentence that says which rule the indices measure, citing the Charter."""
    members = tuple(
        Member(m.code, m.name, m.permanent, party_to_dispute=m.code == party)
        for m in council_of(rules)
    )
    assert council_rule(members, decision, rules) == rule


# --- The General Assembly ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("two_thirds", "quota"), [(False, 97), (True, 129)], ids=["majority", "two-thirds"]
)
def test_the_assembly_of_193_weighs_every_member_the_same(two_thirds: bool, quota: int) -> None:
    """193 members, one vote each, no veto (Art. 18): 1/193 each; a member swings exactly the
    coalitions of quota - 1 others, C(192, quota - 1) of the 2**192."""
    game = assembly_game(two_thirds=two_thirds)
    assert (len(game.weights), game.quota, game.vetoes) == (193, quota, frozenset())
    powers = indices(game)
    assert {p.shapley_shubik for p in powers} == {Fraction(1, 193)}
    assert {p.banzhaf for p in powers} == {Fraction(1, 193)}
    assert {p.banzhaf_absolute for p in powers} == {Fraction(math.comb(192, quota - 1), 2**192)}


@pytest.mark.parametrize(
    ("size", "two_thirds", "quota"),
    [(1, False, 1), (2, False, 2), (3, True, 2), (4, True, 3), (6, True, 4), (10, False, 6)],
)
def test_the_assemblys_quota_for_any_size(size: int, two_thirds: bool, quota: int) -> None:
    """A majority is more than half; two-thirds is rounded up."""
    assert assembly_game(two_thirds=two_thirds, size=size).quota == quota


def test_an_assembly_of_nobody_is_refused() -> None:
    """Without members there is nothing to vote: ValueError in plain words."""
    with pytest.raises(ValueError, match="the Assembly needs at least one member, not 0"):
        assembly_game(size=0)


def test_the_power_core_does_not_import_textual() -> None:
    """The indices are core, like the rules: they run without the UI toolkit."""
    code = (
        "import sys, simulator.power; sys.exit('textual' in sys.modules or 'rich' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr or "simulator.power imported textual or rich"
