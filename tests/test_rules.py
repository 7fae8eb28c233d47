"""The rules of Article 27, tested directly on the pure core."""

from __future__ import annotations

import itertools
import random

import pytest

from simulator.explain import outcome_word, pivotal_lines, reason_in_brief
from simulator.rules import (
    Ballot,
    BallotError,
    Decision,
    Member,
    Pivot,
    Reason,
    RuleSet,
    Vote,
    count,
    join_names,
    parse_vote,
    the,
)
from simulator.scenarios import load_catalogue

Y, N, A, X = Vote.IN_FAVOUR, Vote.AGAINST, Vote.ABSTENTION, Vote.ABSENT

PERMANENT = [
    Member("CHN", "China", permanent=True),
    Member("FRA", "France", permanent=True),
    Member("RUS", "Russian Federation", permanent=True),
    Member("GBR", "United Kingdom", permanent=True),
    Member("USA", "United States", permanent=True),
]
ELECTED = [Member(f"E{i:02d}", f"Elected {i}") for i in range(1, 11)]
COUNCIL = (*PERMANENT, *ELECTED)
COUNCIL_1945 = (*PERMANENT, *ELECTED[:6])
STATEMENTS = [Decision.PRESS_STATEMENT, Decision.PRESIDENTIAL_STATEMENT]


def ballot(
    votes: dict[str, Vote] | None = None,
    *,
    default: Vote | None = None,
    decision: Decision = Decision.SUBSTANTIVE,
    rules: RuleSet = RuleSet.CHARTER_1965,
    members: tuple[Member, ...] | None = None,
) -> Ballot:
    """A ballot where the named members vote as given and everyone else votes `default`."""
    members = members or (COUNCIL if rules is RuleSet.CHARTER_1965 else COUNCIL_1945)
    b = Ballot.open(members, decision=decision, rules=rules)
    if default is not None:
        b = b.cast_all({m.code: default for m in members if not b.is_fixed(m)})
    return b.cast_all(votes or {})


def elected_voting(n_yes: int, rest: Vote = A) -> dict[str, Vote]:
    return {m.code: (Y if i < n_yes else rest) for i, m in enumerate(ELECTED)}


def test_unanimous_draft_is_adopted() -> None:
    """Fifteen votes in favour adopt a draft."""
    verdict = count(ballot(default=Y))
    assert verdict.adopted
    assert verdict.reason is Reason.ADOPTED
    assert verdict.counts.yes == 15
    assert verdict.required == 9
    assert verdict.headline == "ADOPTED"


@pytest.mark.parametrize(("n_yes", "adopted"), [(8, False), (9, True), (10, True)])
def test_nine_votes_are_needed(n_yes: int, adopted: bool) -> None:
    """Art. 27(3): nine affirmative votes; eight are not enough."""
    verdict = count(ballot(elected_voting(n_yes), default=A))
    assert verdict.adopted is adopted
    assert verdict.reason is (Reason.ADOPTED if adopted else Reason.INSUFFICIENT_VOTES)


def test_eight_votes_headline_says_how_many_were_needed() -> None:
    """The banner for a draft short of votes says the count and the requirement."""
    verdict = count(ballot(elected_voting(8), default=A))
    assert verdict.headline == "NOT ADOPTED — 8 of the 9 votes needed"


@pytest.mark.parametrize("vetoer", [m.code for m in PERMANENT])
def test_any_permanent_vote_against_is_a_veto(vetoer: str) -> None:
    """Art. 27(3): one permanent member against, with nine in favour, defeats the draft."""
    verdict = count(ballot({vetoer: N}, default=Y))
    assert not verdict.adopted
    assert verdict.reason is Reason.VETOED
    assert [m.code for m in verdict.vetoed_by] == [vetoer]


def test_veto_headline_names_the_vetoing_members() -> None:
    """The banner names every permanent member that vetoed, with the article English needs."""
    verdict = count(ballot({"CHN": N, "RUS": N}, default=Y))
    assert verdict.headline == "NOT ADOPTED — vetoed by China and the Russian Federation"


def test_elected_member_against_is_no_veto() -> None:
    """Only permanent members have a veto: an elected member's vote against just subtracts."""
    verdict = count(ballot({"E01": N}, default=Y))
    assert verdict.adopted


@pytest.mark.parametrize("vote", [A, X])
def test_permanent_abstention_or_absence_is_no_veto(vote: Vote) -> None:
    """Council practice: neither abstaining (since 1946) nor staying away (since 1950) is a veto."""
    verdict = count(ballot({"USA": vote, "RUS": vote}, default=Y))
    assert verdict.adopted
    members = verdict.abstaining_permanent if vote is A else verdict.absent_permanent
    assert [m.code for m in members] == ["RUS", "USA"]
    did = "abstained" if vote is A else "stayed away"
    assert f"The Russian Federation and the United States {did}: by Council practice" in (
        verdict.explanation
    )
    assert "not a veto" in verdict.explanation


def test_the_court_is_credited_with_abstention_only() -> None:
    """The ICJ's Namibia opinion (1971) was on abstention; absence rests on practice (1950)."""
    verdict = count(ballot({"USA": A, "RUS": X}, default=Y))
    assert verdict.explanation == (
        "Adopted: 13 in favour, at least the 9 that Article 27(3) requires. No permanent member "
        "voted against, so there is no veto. The United States abstained: by Council practice "
        "since 1946, confirmed by the International Court of Justice in its Namibia advisory "
        "opinion of 1971, a permanent member's abstention is not a veto. The Russian Federation "
        "stayed away: by Council practice since 1950, when resolutions 82 to 84 were adopted "
        "while the Soviet Union stayed away (it contested their validity), a permanent member's "
        "absence is not a veto."
    )
    absent_only = count(ballot({"RUS": X}, default=Y)).explanation
    assert "Court" not in absent_only
    assert "since 1946" not in absent_only


def test_permanent_no_without_nine_votes_is_not_a_veto() -> None:
    """As the UN counts vetoes: a draft short of nine fails for lack of votes (16 Oct 2023)."""
    votes = {"CHN": Y, "RUS": Y, "FRA": N, "GBR": N, "USA": N}
    verdict = count(ballot(votes | elected_voting(3), default=A))
    assert verdict.reason is Reason.INSUFFICIENT_VOTES
    assert verdict.vetoed_by == ()
    assert [m.code for m in verdict.against_permanent] == ["FRA", "GBR", "USA"]
    assert "no veto" in verdict.explanation
    # In brief, in words a class reads at once: the "no" is named, and why it is no veto.
    assert reason_in_brief(verdict) == (
        "Too few votes: 5 in favour, 9 needed (Art. 27(3)). FRA, GBR and USA voted against, "
        "but that is no veto: the draft had too few votes in any case."
    )


def test_procedural_decision_has_no_veto() -> None:
    """Art. 27(2): nine votes adopt a procedural decision whoever votes against."""
    votes = {m.code: N for m in PERMANENT}
    verdict = count(ballot(votes, default=Y, decision=Decision.PROCEDURAL))
    assert verdict.adopted
    assert verdict.vetoed_by == ()
    assert "no veto" in verdict.explanation


def test_procedural_decision_needs_nine() -> None:
    """Art. 27(2): eight votes do not carry a procedural decision either."""
    verdict = count(ballot(elected_voting(8), default=X, decision=Decision.PROCEDURAL))
    assert verdict.reason is Reason.INSUFFICIENT_VOTES


@pytest.mark.parametrize("decision", [Decision.PRESS_STATEMENT, Decision.PRESIDENTIAL_STATEMENT])
def test_one_objection_blocks_a_statement(decision: Decision) -> None:
    """A statement is issued when no member objects: one objection blocks it (May 2021)."""
    verdict = count(ballot({"E05": N}, default=Y, decision=decision))
    assert verdict.reason is Reason.OBJECTION
    assert not verdict.adopted
    assert [m.code for m in verdict.objecting] == ["E05"]
    assert verdict.objections_to_block == 1
    assert verdict.required == 0
    assert verdict.headline == "NOT AGREED — objection by Elected 5"
    assert verdict.explanation == (
        f"Not agreed: Elected 5 has objected, and one objection from any member, permanent or "
        f"elected, blocks a {decision.label}. It is not put to a vote: by Council practice (the "
        "Charter has no rule for statements) it is issued only when no member objects."
    )


def test_several_objections_are_named_in_the_plural() -> None:
    """Two objectors: 'objections by …', and the explanation names both."""
    votes = {"E05": N, "USA": N, "CHN": X}
    verdict = count(ballot(votes, default=Y, decision=Decision.PRESS_STATEMENT))
    assert verdict.headline == "NOT AGREED — objections by the United States and Elected 5"
    assert verdict.explanation.startswith(
        "Not agreed: the United States and Elected 5 have objected, and one objection"
    )


def test_a_resolution_has_no_objection_figure() -> None:
    """`required` is the votes in favour a draft needs; objections block only statements."""
    verdict = count(ballot(default=Y))
    assert verdict.required == 9
    assert verdict.objections_to_block is None


def test_an_agreed_statement_says_silence_does_not_block() -> None:
    """No objection is all a statement needs: neither 'all 15' nor a count of agreements."""
    votes = {m.code: X for m in ELECTED[:4]}
    verdict = count(ballot(votes, default=Y, decision=Decision.PRESS_STATEMENT))
    assert verdict.headline == "AGREED"
    assert verdict.explanation == (
        "Agreed: no member has objected, and that is all a press statement needs. It is not put "
        "to a vote: by Council practice (the Charter has no rule for statements) it is issued "
        "when no member objects, so a member that stays silent does not block it."
    )
    assert "all 15" not in verdict.explanation


def test_an_open_statement_counts_the_undecided_as_silent() -> None:
    """While members have not given a position, the statement stands as agreed unless objected."""
    b = Ballot.open(COUNCIL, decision=Decision.PRESS_STATEMENT).cast_all(
        {m.code: Y for m in COUNCIL[:12]}
    )
    assert b.verdict.headline == "OPEN — 3 members have not given a position"
    assert b.verdict.explanation.startswith(
        "Still open: 3 members have not given a position, counted meanwhile as silent. "
        "If it closed now, it would be agreed: no member has objected"
    )
    blocked = b.cast("E10", N).verdict
    assert "If it closed now, it would not be agreed: Elected 10 has objected" in (
        blocked.explanation
    )


def test_statement_agreed_by_all() -> None:
    """A statement every member accepts is agreed."""
    verdict = count(ballot(default=Y, decision=Decision.PRESS_STATEMENT))
    assert verdict.adopted
    assert verdict.headline == "AGREED"


def test_open_vote_says_who_has_not_voted() -> None:
    """Members not yet voted leave the vote open, and count as not in favour meanwhile."""
    verdict = count(ballot(elected_voting(8)))
    assert verdict.reason is Reason.OPEN
    assert not verdict.adopted
    assert verdict.counts.not_voted == 5
    assert verdict.standing is Reason.INSUFFICIENT_VOTES
    assert verdict.headline == "OPEN — 5 members have not voted"
    assert verdict.explanation.startswith("The vote is still open: 5 members have not voted")
    assert "If it closed now, it would not be adopted: 8 in favour" in verdict.explanation


def test_open_vote_with_enough_votes_is_still_open() -> None:
    """Nine in favour is not yet adoption while a permanent member may still vote against."""
    b = ballot(elected_voting(9))
    assert b.verdict.reason is Reason.OPEN
    assert b.verdict.standing is Reason.ADOPTED
    assert count(b.cast("USA", N).cast_all({m.code: Y for m in PERMANENT[:4]})).reason is (
        Reason.VETOED
    )


def test_fresh_ballot_is_open_with_everyone_to_vote() -> None:
    """A new ballot has no votes."""
    verdict = Ballot.open(COUNCIL).verdict
    assert verdict.reason is Reason.OPEN
    assert verdict.counts.not_voted == 15
    assert verdict.headline == "OPEN — 15 members have not voted"


def test_council_of_1945_needs_seven_of_eleven() -> None:
    """Charter as signed: eleven members, seven votes, the same veto."""
    seven = {m.code: Y for m in COUNCIL_1945[:7]}
    adopted = count(ballot(seven, default=A, rules=RuleSet.CHARTER_1945))
    assert adopted.adopted
    assert adopted.required == 7
    short = count(
        ballot(dict(itertools.islice(seven.items(), 6)), default=A, rules=RuleSet.CHARTER_1945)
    )
    assert short.headline == "NOT ADOPTED — 6 of the 7 votes needed"
    vetoed = count(ballot({"USA": N}, default=Y, rules=RuleSet.CHARTER_1945))
    assert vetoed.reason is Reason.VETOED
    assert "as signed in 1945" in vetoed.explanation


ARTICLE_1945 = "Article 27({}), as signed in 1945 before the Council was enlarged, requires"


@pytest.mark.parametrize(
    ("votes", "decision", "sentence"),
    [
        ({"E01": N}, Decision.SUBSTANTIVE, "at least the 7 that {article}."),
        ({"USA": N}, Decision.SUBSTANTIVE, "voted against. {article} the concurring votes"),
        ({"E01": Y}, Decision.PROCEDURAL, "short of the 7 votes that {article}."),
    ],
)
def test_the_1945_charter_is_cited_as_a_clause_between_commas(
    votes: dict[str, Vote], decision: Decision, sentence: str
) -> None:
    """The 1945 text is cited as a clause between commas, in every sentence that cites it."""
    default = A if decision is Decision.PROCEDURAL else Y
    verdict = count(ballot(votes, default=default, decision=decision, rules=RuleSet.CHARTER_1945))
    paragraph = 2 if decision is Decision.PROCEDURAL else 3
    assert sentence.format(article=ARTICLE_1945.format(paragraph)) in verdict.explanation


PARTY = Member("E01", "Elected 1", party_to_dispute=True)
COUNCIL_WITH_PARTY = (*PERMANENT, PARTY, *ELECTED[1:])


def test_party_to_dispute_is_fixed_at_abstention() -> None:
    """Art. 27(3), last clause: a party abstains; the ballot refuses any other vote."""
    b = Ballot.open(COUNCIL_WITH_PARTY)
    assert b.vote_of(PARTY) is A
    with pytest.raises(BallotError, match="party to the dispute"):
        b.cast("E01", Y)
    assert b.cast("E01", A).vote_of(PARTY) is A
    verdict = b.cast_all({m.code: Y for m in COUNCIL_WITH_PARTY if m != PARTY}).verdict
    assert verdict.adopted
    assert verdict.parties == (PARTY,)
    assert "party to the dispute" in verdict.explanation
    assert all(p.member != PARTY for p in verdict.pivotal)


def test_party_may_vote_in_procedural_decisions() -> None:
    """Art. 27(2) has no party clause: the obligation to abstain is for substantive decisions."""
    b = Ballot.open(COUNCIL_WITH_PARTY, decision=Decision.PROCEDURAL)
    assert b.vote_of(PARTY) is None
    assert b.cast("E01", Y).vote_of(PARTY) is Y


def test_reset_keeps_the_parties_abstaining() -> None:
    """Reset clears every vote but the fixed ones."""
    b = Ballot.open(COUNCIL_WITH_PARTY).cast("USA", N).reset()
    assert b.votes == {"E01": A}


def test_cast_returns_a_new_ballot() -> None:
    """Ballots are immutable: casting makes a new one (so reactive watchers always fire)."""
    b = Ballot.open(COUNCIL)
    after = b.cast("usa", N)
    assert b.vote_of(PERMANENT[4]) is None
    assert after.vote_of(PERMANENT[4]) is N
    assert after is not b


def test_unknown_member_is_refused() -> None:
    """A code not on the Council is a clear error."""
    with pytest.raises(BallotError, match="not a member"):
        Ballot.open(COUNCIL).cast("DEU", Y)


@pytest.mark.parametrize(("word", "vote"), [("yes", Y), (" NO ", N), ("abstain", A), ("absent", X)])
def test_parse_vote(word: str, vote: Vote) -> None:
    """Vote words are read case-insensitively."""
    assert parse_vote(word) is vote


def test_parse_vote_refuses_other_words() -> None:
    """An unknown word names the words allowed."""
    with pytest.raises(BallotError, match="yes, no, abstain, absent"):
        parse_vote("maybe")


def test_pivotal_members_of_a_nine_vote_adoption() -> None:
    """With exactly nine in favour, each of the nine is pivotal; any permanent 'no' is too."""
    votes = {"CHN": A, "FRA": Y, "RUS": A, "GBR": Y, "USA": Y} | elected_voting(6)
    verdict = count(ballot(votes, default=A))
    assert verdict.counts.yes == 9
    pivots = {(p.member, p.vote) for p in verdict.pivotal}
    assert (PERMANENT[0], N) in pivots  # China's abstention could become a veto
    assert (ELECTED[0], A) in pivots
    assert (ELECTED[0], N) in pivots
    assert (ELECTED[9], Y) not in pivots  # a tenth vote changes nothing
    assert (ELECTED[9], N) not in pivots
    assert (PERMANENT[1], A) in pivots
    assert Pivot(PERMANENT[0], N, Reason.VETOED) in verdict.pivotal
    assert Pivot(ELECTED[0], A, Reason.INSUFFICIENT_VOTES) in verdict.pivotal


def test_single_veto_makes_the_vetoer_pivotal() -> None:
    """A lone veto: the vetoing member could flip the outcome by any other vote."""
    verdict = count(ballot({"USA": N}, default=Y))
    assert verdict.flipping_votes(PERMANENT[4]) == (Y, A, X)
    assert verdict.pivotal_members == (PERMANENT[4],)


def test_two_vetoes_leave_nobody_pivotal() -> None:
    """With two vetoes and plenty of votes, no single change adopts the draft."""
    assert count(ballot({"CHN": N, "RUS": N}, default=Y)).pivotal == ()


def test_statement_pivots() -> None:
    """An agreed statement can be blocked by anyone; a lone objector can unblock it."""
    agreed = count(ballot(default=Y, decision=Decision.PRESS_STATEMENT))
    assert len(agreed.pivotal_members) == 15
    assert all(p.vote is N for p in agreed.pivotal)
    blocked = count(ballot({"USA": N}, default=Y, decision=Decision.PRESS_STATEMENT))
    assert blocked.pivotal_members == (PERMANENT[4],)


def _brute_force_adopted(b: Ballot) -> bool:
    """The rule restated as plainly as possible, to check the engine against."""
    votes = [b.vote_of(m) for m in b.members]
    if b.decision.is_statement:
        return Vote.AGAINST not in votes
    yes = votes.count(Vote.IN_FAVOUR)
    veto = b.decision is Decision.SUBSTANTIVE and any(
        m.permanent and b.vote_of(m) is Vote.AGAINST for m in b.members
    )
    return yes >= b.rules.votes_required and not veto


@pytest.mark.parametrize("seed", range(20))
def test_random_ballots_agree_with_the_plain_rule(seed: int) -> None:
    """Many random ballots: the verdict, counts and pivots agree with a plain restatement."""
    rng = random.Random(seed)
    for _ in range(50):
        decision = rng.choice(list(Decision))
        rules = rng.choice(list(RuleSet))
        b = ballot(decision=decision, rules=rules)
        b = b.cast_all({m.code: rng.choice(decision.choices) for m in b.members})
        verdict = b.verdict
        assert verdict.adopted is _brute_force_adopted(b)
        assert sum(verdict.counts.of(v) for v in Vote) == len(b.members)
        pivots = {(p.member, p.vote): p.outcome for p in verdict.pivotal}
        for member in b.members:
            for vote in decision.choices:
                changed = b.cast(member.code, vote)
                flips = _brute_force_adopted(changed) != verdict.adopted
                assert ((member, vote) in pivots) is flips
                if flips:
                    assert pivots[member, vote] is changed.verdict.reason


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        ("Union of Soviet Socialist Republics", "the Union of Soviet Socialist Republics"),
        ("Soviet Union", "the Soviet Union"),
        ("Czech Republic", "the Czech Republic"),
        ("Syrian Arab Republic", "the Syrian Arab Republic"),
        ("Republic of Korea", "the Republic of Korea"),
        ("Central African Republic", "the Central African Republic"),
        ("Dominican Republic", "the Dominican Republic"),
        ("Dominica", "Dominica"),
        ("United States", "the United States"),
        ("China", "China"),
        ("Ukraine", "Ukraine"),
    ],
)
def test_the_names_that_take_an_article(name: str, in_a_sentence: str) -> None:
    """English puts 'the' before a union or a republic named as such."""
    assert the(name) == in_a_sentence


def test_the_soviet_union_stays_away_with_its_article() -> None:
    """Resolution 84 (1950): the Soviet Union's absence reads with 'the' in the explanation."""
    ussr = Member("SUN", "Union of Soviet Socialist Republics", permanent=True)
    members = (*PERMANENT[:2], ussr, *PERMANENT[3:], *ELECTED[:6])
    b = Ballot.open(members, rules=RuleSet.CHARTER_1945)
    verdict = b.cast_all({m.code: Y for m in members if m != ussr} | {"SUN": X}).verdict
    assert "The Union of Soviet Socialist Republics stayed away:" in verdict.explanation


def test_join_names() -> None:
    """Lists of names read as English."""
    assert join_names([]) == ""
    assert join_names(["China"]) == "China"
    assert join_names(["China", "France", "the UK"]) == "China, France and the UK"


@pytest.mark.parametrize("decision", STATEMENTS)
def test_statements_have_their_own_vote_words(decision: Decision) -> None:
    """A statement is agreed, objected to or met with silence; never voted in favour of."""
    labels = [decision.vote_label(v) for v in decision.choices]
    assert labels == ["agree", "object", "silent / not present"]
    assert [decision.vote_label(v, short=True) for v in decision.choices] == [
        "agree",
        "object",
        "silent",
    ]
    assert [decision.vote_word(v) for v in decision.choices] == ["agree", "object", "silent"]


@pytest.mark.parametrize("decision", [Decision.SUBSTANTIVE, Decision.PROCEDURAL])
def test_resolutions_keep_the_councils_vote_words(decision: Decision) -> None:
    """A draft resolution gets votes in favour, against, abstentions; its words are unchanged."""
    assert [decision.vote_label(v) for v in Vote] == [
        "in favour",
        "against",
        "abstention",
        "absent",
    ]
    assert [decision.vote_label(v, short=True) for v in Vote] == [
        decision.vote_label(v) for v in Vote
    ]
    assert [decision.vote_word(v) for v in Vote] == ["yes", "no", "abstain", "absent"]


@pytest.mark.parametrize(
    ("word", "vote"),
    [
        ("agree", Y),
        ("object", N),
        ("silent", X),
        (" Agree ", Y),
        ("yes", Y),
        ("no", N),
        ("absent", X),
    ],
)
def test_statement_words_are_read(word: str, vote: Vote) -> None:
    """A statement takes agree, object and silent, and yes, no and absent as synonyms."""
    assert parse_vote(word, Decision.PRESS_STATEMENT) is vote


def test_abstain_on_a_statement_is_refused_in_plain_words() -> None:
    """'abstain' on a statement says why there is none, and what to use instead."""
    with pytest.raises(BallotError) as caught:
        parse_vote("abstain", Decision.PRESIDENTIAL_STATEMENT)
    message = str(caught.value)
    assert message.startswith("a presidential statement is agreed or objected to: there is no ")
    assert "use agree, object or silent" in message


@pytest.mark.parametrize("word", ["agree", "object", "silent"])
def test_statement_words_are_not_votes_on_a_resolution(word: str) -> None:
    """On a draft resolution 'agree' is not a vote: the message lists the votes that are."""
    with pytest.raises(BallotError, match=r"use one of yes, no, abstain, absent .*for statements"):
        parse_vote(word, Decision.SUBSTANTIVE)


@pytest.mark.parametrize(
    ("decision", "reason", "word"),
    [
        (Decision.SUBSTANTIVE, Reason.ADOPTED, "adopted"),
        (Decision.SUBSTANTIVE, Reason.VETOED, "veto"),
        (Decision.PROCEDURAL, Reason.INSUFFICIENT_VOTES, "too few votes"),
        (Decision.PRESS_STATEMENT, Reason.ADOPTED, "agreed"),
        (Decision.PRESIDENTIAL_STATEMENT, Reason.OBJECTION, "blocked"),
    ],
)
def test_outcome_words(decision: Decision, reason: Reason, word: str) -> None:
    """A pivot leads a statement to 'agreed' or 'blocked', never to 'adopted'."""
    assert outcome_word(decision, reason) == word


def test_one_member_left_to_vote_reads_in_the_singular() -> None:
    """The banner and the explanation agree in number with the members still to vote."""
    verdict = Ballot.open(COUNCIL).cast_all({m.code: Y for m in COUNCIL[:14]}).verdict
    assert verdict.headline == "OPEN — 1 member has not voted"
    assert verdict.explanation.startswith("The vote is still open: 1 member has not voted")


@pytest.mark.parametrize("decision", STATEMENTS)
def test_a_statement_has_no_abstention(decision: Decision) -> None:
    """A statement is agreed or objected to: the ballot refuses an abstention, saying so."""
    b = ballot(decision=decision)
    assert Vote.ABSTENTION not in decision.choices
    with pytest.raises(BallotError, match=f"a {decision.label} is agreed or objected to: there is"):
        b.cast("E05", A)
    with pytest.raises(BallotError, match="no abstention"):
        Ballot(COUNCIL, decision, votes={"E05": A})


@pytest.mark.parametrize("decision", [Decision.SUBSTANTIVE, Decision.PROCEDURAL])
def test_a_resolution_takes_every_vote(decision: Decision) -> None:
    """A draft resolution can get any of the four votes, abstention included."""
    assert decision.choices == (Y, N, A, X)
    assert ballot({"E05": A}, decision=decision).vote_of(ELECTED[4]) is A


@pytest.mark.parametrize("decision", STATEMENTS)
def test_silent_members_do_not_block_a_statement(decision: Decision) -> None:
    """The silence procedure: members who stay silent let the statement through."""
    assert decision.choices == (Y, N, X)
    verdict = count(ballot(elected_voting(2, X), default=X, decision=decision))
    assert verdict.adopted
    everyone_silent = count(ballot(default=X, decision=decision))
    assert everyone_silent.adopted


def test_statement_pivots_are_only_its_choices() -> None:
    """A pivot on a statement is an objection or its withdrawal, never an abstention."""
    blocked = count(ballot({"USA": N}, default=Y, decision=Decision.PRESS_STATEMENT))
    assert blocked.flipping_votes(PERMANENT[4]) == (Y, X)
    assert all(p.outcome is Reason.ADOPTED for p in blocked.pivotal)


def test_a_member_code_is_matched_in_ascii_only() -> None:
    """'usa' with a long s (U+017F) upper-cases to 'USA' in Python, but it is not a code."""
    ballot = Ballot.open([Member("USA", "United States", permanent=True)])
    assert ballot.member("usa").code == "USA"
    with pytest.raises(BallotError):
        ballot.member("u\u017fa")


def test_a_pivot_open_to_every_member_is_said_in_two_words() -> None:
    """A statement all fifteen agree to: any one member objecting blocks it."""
    scenario = next(s for s in load_catalogue() if s.id == "2021-05-22-press-statement")
    assert pivotal_lines(scenario.recorded_ballot()) == ["Any member: object → blocked"]


def test_a_ballot_is_blank_until_someone_votes() -> None:
    """A party's fixed abstention is no vote of the student's; any other vote is."""
    party = Member("GUY", "Guyana", party_to_dispute=True)
    ballot = Ballot.open([party, Member("USA", "United States", permanent=True)])
    assert ballot.is_blank
    assert not ballot.cast("USA", Vote.ABSTENTION).is_blank
    assert ballot.cast("USA", Vote.AGAINST).reset().is_blank
