"""The same votes counted as substantive, procedural and a statement: the pure core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simulator.compare import as_decision, compare, double_veto, outcome_line, read_as
from simulator.rules import Ballot, Decision, Member, Reason, RuleSet, Vote
from simulator.scenarios import Scenario, load_catalogue

Y, N, A, X = Vote.IN_FAVOUR, Vote.AGAINST, Vote.ABSTENTION, Vote.ABSENT
S, P, PRESS = Decision.SUBSTANTIVE, Decision.PROCEDURAL, Decision.PRESS_STATEMENT

CATALOGUE = load_catalogue()
RECORDED = [s for s in CATALOGUE if s.has_recorded_votes]


def recorded(scenario_id: str) -> Ballot:
    scenario = CATALOGUE.get(scenario_id)
    assert scenario is not None
    return scenario.recorded_ballot()


def codes(members: tuple[Member, ...]) -> list[str]:
    return [m.code for m in members]


PERMANENT = [
    Member("CHN", "China", permanent=True),
    Member("FRA", "France", permanent=True),
    Member("SUN", "Soviet Union", permanent=True),
    Member("GBR", "United Kingdom", permanent=True),
    Member("USA", "United States", permanent=True),
]
COUNCIL_1945 = (*PERMANENT, *(Member(f"E{i}", f"Elected {i}") for i in range(1, 7)))


def test_the_us_draft_of_22_march_2024_three_ways() -> None:
    """Vetoed on substance, adopted with 11 as procedural, blocked by three objections as a
    statement."""
    comparison = compare(recorded("2024-03-22-us-draft"))
    substantive, procedural, statement = comparison.counted
    assert [c.decision for c in comparison.counted] == [S, P, PRESS]
    assert substantive.outcome is Reason.VETOED
    assert codes(substantive.verdict.vetoed_by) == ["CHN", "RUS"]
    assert procedural.outcome is Reason.ADOPTED
    assert procedural.verdict.counts.yes == 11
    assert statement.outcome is Reason.OBJECTION
    assert codes(statement.verdict.objecting) == ["DZA", "CHN", "RUS"]
    assert "China and the Russian Federation, permanent members, voted against" in (substantive.why)
    assert procedural.why == (
        "As a procedural matter (Art. 27(2)) nine votes suffice, and the votes against by "
        "China and the Russian Federation are no veto: adopted with 11."
    )
    assert "Algeria, China and the Russian Federation object" in statement.why
    assert "even an elected member's" in statement.why
    assert statement.read_as == "1 abstention counts as silence, not as an objection."


def test_the_double_veto_names_who_could_use_it() -> None:
    """Where the vote on substance is a veto, the same members could veto calling it procedural."""
    comparison = compare(recorded("2024-03-22-us-draft"))
    assert "non-procedural vote" in comparison.double_veto
    assert "here, China and the Russian Federation could veto treating it as procedural" in (
        comparison.double_veto
    )


@pytest.mark.parametrize(
    "scenario_id",
    ["2024-03-25-resolution-2728", "2023-10-16-russian-draft", "2021-05-22-press-statement"],
)
def test_no_double_veto_without_a_veto(scenario_id: str) -> None:
    """Adopted, or short of votes: treating it as procedural changes nothing a veto could stop."""
    assert compare(recorded(scenario_id)).double_veto == ""


def test_resolution_2728_passes_every_way_and_its_abstention_blocks_nothing() -> None:
    """The United States abstained: no veto on substance, and silence on a statement."""
    comparison = compare(recorded("2024-03-25-resolution-2728"))
    assert all(c.passes for c in comparison.counted)
    substantive, _, statement = comparison.counted
    assert "the United States abstained, which is no veto" in substantive.why
    assert statement.ballot.vote_of(statement.ballot.member("USA")) is X
    assert outcome_line(statement) == "✓ AGREED"
    assert outcome_line(substantive) == "✓ ADOPTED"


def test_votes_against_without_the_votes_are_no_veto_but_do_block_a_statement() -> None:
    """16 Oct 2023: five in favour fail either way; four objections block a statement."""
    substantive, procedural, statement = compare(recorded("2023-10-16-russian-draft")).counted
    assert substantive.outcome is procedural.outcome is Reason.INSUFFICIENT_VOTES
    assert "the votes against by France, the United Kingdom and the United States are no veto" in (
        substantive.why
    )
    assert "needs nine votes in favour and has 5" in procedural.why
    assert outcome_line(procedural) == "✗ TOO FEW VOTES"
    assert codes(statement.verdict.objecting) == ["FRA", "JPN", "GBR", "USA"]
    assert outcome_line(statement) == "✗ BLOCKED"


@pytest.mark.parametrize("scenario", RECORDED, ids=[s.id for s in RECORDED])
def test_each_recorded_vote_counted_three_ways(scenario: Scenario) -> None:
    """Its own rule gives the record's outcome; a procedural count is never vetoed; a statement
    is blocked exactly when someone voted against."""
    ballot = scenario.recorded_ballot()
    comparison = compare(ballot)
    own = comparison.of(scenario.decision)
    assert scenario.record is not None
    assert own.outcome is scenario.record.outcome.reason
    assert own.ballot.votes == ballot.votes
    procedural = comparison.of(P)
    assert procedural.outcome is not Reason.VETOED
    if comparison.of(S).passes:
        assert procedural.passes
    against = any(ballot.vote_of(m) is N for m in ballot.members)
    assert comparison.of(PRESS).passes is not against
    assert [c.why.split(" (")[0].split(",")[0] for c in comparison.counted][:2] == [
        "As a substantive decision",
        "As a procedural matter",
    ]
    assert comparison.counted[2].why.startswith(f"As a {comparison.counted[2].decision.label}")
    assert bool(comparison.double_veto) is (comparison.of(S).outcome is Reason.VETOED)


def test_a_statement_counted_as_a_resolution() -> None:
    """May 2021: the US objection is a veto on substance, none on procedure; agree is yes."""
    ballot = recorded("2021-05-17-press-statements")
    comparison = compare(ballot)
    substantive, procedural, statement = comparison.counted
    assert statement.decision is PRESS
    assert statement.ballot.votes == ballot.votes
    assert statement.why.endswith("from any member: the United States objects.")
    assert substantive.outcome is Reason.VETOED
    assert substantive.verdict.counts.yes == 14
    assert procedural.outcome is Reason.ADOPTED
    assert "the United States could veto" in comparison.double_veto


def test_silence_on_a_statement_is_absence_in_a_vote() -> None:
    """Five agree and ten stay silent: agreed as a statement, too few votes as a resolution."""
    statements = CATALOGUE.get("2021-05-17-press-statements")
    assert statements is not None
    members = statements.members
    votes = {m.code: (Y if i < 5 else X) for i, m in enumerate(members)}
    ballot = Ballot(members, PRESS, votes=votes)
    substantive, procedural, statement = compare(ballot).counted
    assert statement.passes
    assert substantive.outcome is procedural.outcome is Reason.INSUFFICIENT_VOTES
    assert substantive.verdict.counts.absent == 10
    assert substantive.read_as == "Silence is read as absence: a silent member did not vote."
    assert "Too few votes in favour stop a resolution, but not a statement." in statement.why


def test_a_presidential_statement_is_compared_as_itself() -> None:
    """The third count keeps the statement's own kind, and its name is in the line."""
    members = CATALOGUE.scenarios[0].members
    ballot = Ballot(members, Decision.PRESIDENTIAL_STATEMENT, votes={m.code: Y for m in members})
    comparison = compare(ballot)
    assert comparison.counted[2].decision is Decision.PRESIDENTIAL_STATEMENT
    assert comparison.of(PRESS) is comparison.counted[2]
    assert comparison.counted[2].why.startswith("As a presidential statement")


def test_an_open_ballot_counts_as_if_it_closed_now() -> None:
    """Members yet to vote stay unvoted under every rule, and the counts say what would happen."""
    scenario = CATALOGUE.get("2024-03-22-us-draft")
    assert scenario is not None
    ballot = scenario.ballot().cast("CHN", N).cast_all({"DZA": Y, "ECU": Y})
    comparison = compare(ballot)
    assert comparison.open_note.startswith("12 members have not voted yet")
    for counted in comparison.counted:
        assert counted.verdict.is_open
        assert counted.verdict.counts.not_voted == 12
        assert outcome_line(counted).startswith("… OPEN · if it closed now: ")
    assert outcome_line(comparison.of(S)) == "… OPEN · if it closed now: ✗ too few votes"
    assert outcome_line(comparison.of(PRESS)) == "… OPEN · if it closed now: ✗ blocked"
    assert compare(ballot.cast_all({m.code: Y for m in ballot.members})).open_note == ""


def test_an_open_statement_speaks_of_positions() -> None:
    """On a statement, members yet to speak have not given a position."""
    scenario = CATALOGUE.get("2021-05-22-press-statement")
    assert scenario is not None
    assert compare(scenario.ballot()).open_note.startswith("15 members have not given a position")


def test_the_1945_rules_need_seven_votes_under_each_rule() -> None:
    """A Council of 11: seven in favour with the Soviet Union away pass either way; six fail."""
    votes = {m.code: Y for m in COUNCIL_1945[:2]} | {m.code: Y for m in COUNCIL_1945[3:8]}
    ballot = Ballot.open(COUNCIL_1945, rules=RuleSet.CHARTER_1945).cast_all(
        {**{m.code: A for m in COUNCIL_1945}, **votes, "SUN": X}
    )
    substantive, procedural, statement = compare(ballot).counted
    assert substantive.verdict.counts.yes == 7
    assert substantive.passes and procedural.passes and statement.passes
    assert "the Soviet Union stayed away, which is no veto" in substantive.why
    assert "seven votes suffice" in procedural.why
    short = compare(ballot.cast("E3", A)).counted
    assert "needs seven votes in favour and has 6" in short[0].why
    assert short[1].outcome is Reason.INSUFFICIENT_VOTES
    assert all(c.ballot.rules is RuleSet.CHARTER_1945 for c in short)


def test_vetoed_under_the_1945_rules_names_the_soviet_union() -> None:
    """Seven in favour and the Soviet Union against: a veto on substance, none on procedure."""
    ballot = Ballot(COUNCIL_1945, rules=RuleSet.CHARTER_1945).cast_all(
        {m.code: (N if m.code == "SUN" else Y) for m in COUNCIL_1945}
    )
    comparison = compare(ballot)
    assert comparison.of(S).outcome is Reason.VETOED
    assert "the vote against by the Soviet Union is no veto" in comparison.of(P).why
    assert "the Soviet Union could veto" in comparison.double_veto


EXERCISE = (
    Member("CHN", "China", permanent=True),
    Member("FRA", "France", permanent=True),
    Member("RUS", "Russian Federation", permanent=True),
    Member("GBR", "United Kingdom", permanent=True),
    Member("USA", "United States", permanent=True),
    Member("GUY", "Guyana", party_to_dispute=True),
    Member("SLE", "Sierra Leone", party_to_dispute=True),
    *(Member(f"E{i}", f"Elected {i}") for i in range(1, 9)),
)


def test_parties_abstain_only_when_counted_as_substantive() -> None:
    """Art. 27(3): the parties' fixed abstentions; on procedure they may vote, on a statement
    their abstention is silence."""
    ballot = Ballot.open(EXERCISE).cast_all({m.code: Y for m in EXERCISE if not m.party_to_dispute})
    substantive, procedural, statement = compare(ballot).counted
    assert [substantive.ballot.is_fixed(m) for m in EXERCISE[5:7]] == [True, True]
    assert not any(procedural.ballot.is_fixed(m) for m in EXERCISE)
    assert "Guyana and Sierra Leone abstain as parties to the dispute" in substantive.why
    assert "A party to a dispute must abstain only on substance: here it may vote." in (
        procedural.why
    )
    assert procedural.ballot.vote_of(EXERCISE[5]) is A
    assert statement.ballot.vote_of(EXERCISE[5]) is X
    assert statement.read_as == "2 abstentions count as silence, not as an objection."


def test_a_party_that_voted_on_procedure_must_abstain_on_substance() -> None:
    """Counted as substantive, a party's vote in favour becomes the abstention Art. 27(3) asks
    for, which can cost the draft its ninth vote."""
    ballot = Ballot(EXERCISE, P).cast_all(
        {m.code: (Y if i < 9 else A) for i, m in enumerate(EXERCISE)}
    )
    assert ballot.verdict.adopted
    substantive = as_decision(ballot, S)
    assert substantive.vote_of(EXERCISE[5]) is A
    assert substantive.verdict.reason is Reason.INSUFFICIENT_VOTES
    assert read_as(ballot, S) == (
        "Guyana and Sierra Leone must abstain here, as a party to the dispute (Art. 27(3))."
    )
    assert read_as(ballot, P) == ""


def test_no_abstention_reaches_a_statement() -> None:
    """Every abstention is carried over as silence, so a statement's ballot can be built."""
    ballot = recorded("2023-10-25-russian-draft")
    statement = as_decision(ballot, PRESS)
    assert Vote.ABSTENTION not in statement.votes.values()
    assert statement.verdict.counts.absent == 9
    assert codes(statement.verdict.objecting) == ["GBR", "USA"]


def test_double_veto_counts_the_ballot_on_substance_whatever_its_own_rule() -> None:
    """A procedural ballot with a permanent member against still shows the double veto."""
    ballot = as_decision(recorded("2024-03-22-us-draft"), P)
    assert ballot.verdict.adopted
    assert "China and the Russian Federation" in double_veto(ballot)


def test_the_comparison_does_not_import_textual() -> None:
    """The side-by-side count is core: it runs without the UI toolkit."""
    code = "import sys, simulator.compare; sys.exit('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 0, result.stderr or "simulator.compare imported textual"


def test_a_party_yet_to_vote_on_procedure_leaves_the_comparison_open() -> None:
    """On procedure a party votes: while it has not, the comparison says the vote is open,
    although counted on substance its abstention is already fixed."""
    votes = {m.code: Y for m in EXERCISE if m.code != "GUY"}
    ballot = Ballot(EXERCISE, Decision.PROCEDURAL, votes=votes)
    comparison = compare(ballot)
    assert ballot.verdict.counts.not_voted == 1
    assert comparison.open_note.startswith("1 member has not voted yet")
