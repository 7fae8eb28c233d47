"""Article 18 for the General Assembly: its members and groups, the ballot, the count and its
words (`simulator.assembly`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from simulator.assembly import (
    MEMBERS,
    NO_VETO,
    AssemblyBallot,
    AssemblyReason,
    load_assembly,
    reason_in_brief,
    required,
)
from simulator.rules import BallotError, Vote

ASSEMBLY = load_assembly()
GROUPS = {"african": 54, "asia-pacific": 54, "eastern-european": 23}
GROUPS |= {"latin-american-caribbean": 33, "western-european-others": 29}


def ballot(yes: int, no: int, abstain: int = 0, *, important: bool = False) -> AssemblyBallot:
    """The first `yes` members in favour, the next `no` against, the next `abstain` abstaining,
    and every other member absent: a closed vote with exactly these numbers."""
    votes = [Vote.IN_FAVOUR] * yes + [Vote.AGAINST] * no + [Vote.ABSTENTION] * abstain
    votes += [Vote.ABSENT] * (MEMBERS - len(votes))
    cast = {m.code: v for m, v in zip(ASSEMBLY.members, votes, strict=True)}
    return AssemblyBallot.open(important=important).cast_all(cast)


# --- The members and their groups ---------------------------------------------------------------


def test_the_assembly_has_193_members_each_once() -> None:
    """193 members, each code once, every one a three-letter ISO code in capitals."""
    codes = [m.code for m in ASSEMBLY.members]
    assert len(codes) == MEMBERS == 193
    assert len(set(codes)) == 193
    assert all(len(c) == 3 and c.isascii() and c.isupper() for c in codes)


def test_the_five_regional_groups_and_their_sizes() -> None:
    """54 African, 54 Asia-Pacific, 23 Eastern European, 33 Latin American and Caribbean and
    29 Western European and others (with the United States and Türkiye): 193 in all."""
    assert {g.id: len(g.members) for g in ASSEMBLY.groups} == GROUPS
    assert sum(GROUPS.values()) == 193
    assert all(m.group == g.id for g in ASSEMBLY.groups for m in g.members)


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("USA", "western-european-others"),
        ("TUR", "western-european-others"),
        ("ISR", "western-european-others"),
        ("KIR", "asia-pacific"),
        ("CYP", "asia-pacific"),
        ("ARM", "eastern-european"),
        ("AUS", "western-european-others"),
    ],
)
def test_the_oddities_of_group_membership(code: str, group: str) -> None:
    """Each member the data file's comment names is in the group it says."""
    assert ASSEMBLY.member(code).group == group


def test_a_member_is_found_by_code_in_any_case() -> None:
    """'usa' is the United States; an unknown code is refused in words."""
    assert ASSEMBLY.member("usa").name == "United States"
    with pytest.raises(BallotError, match=r"^'XYZ' is not a member of the General Assembly$"):
        ASSEMBLY.member("XYZ")


def test_an_unknown_group_is_refused_naming_the_groups() -> None:
    """A group id that is not one of the five names the five."""
    with pytest.raises(BallotError) as raised:
        ASSEMBLY.group("nordic")
    assert str(raised.value) == (
        "'nordic' is not a regional group (one of: african, asia-pacific, eastern-european, "
        "latin-american-caribbean, western-european-others)"
    )


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("turk", {"TUR", "TKM"}),
        ("TÜRKIYE", {"TUR"}),
        ("cote", {"CIV"}),
        ("usa", {"USA"}),
        ("  korea ", {"KOR", "PRK"}),
        ("tanzania", {"TZA"}),
    ],
)
def test_search_finds_members_by_name_or_code_without_accents(text: str, codes: set[str]) -> None:
    """The search box's matching: any case, accents ignored, the short name counts too."""
    assert {m.code for m in ASSEMBLY.search(text)} == codes


def test_an_empty_search_finds_every_member() -> None:
    """Nothing typed filters nothing."""
    assert ASSEMBLY.search("  ") == ASSEMBLY.members


def test_the_member_list_is_read_from_the_package() -> None:
    """The data file is read from inside the package, from any folder (so a wheel has it)."""
    done = subprocess.run(
        [sys.executable, "-c", "from simulator.assembly import load_assembly as a; "
         "print(len(a().members))"],
        capture_output=True, text=True, check=True, cwd="/",
    )  # fmt: skip
    assert done.stdout.strip() == "193"


# --- The ballot ---------------------------------------------------------------------------------


def test_cast_returns_a_new_ballot_and_leaves_the_old_one() -> None:
    """A ballot is immutable: casting gives a new one."""
    blank = AssemblyBallot.open()
    cast = blank.cast("fra", Vote.IN_FAVOUR)
    assert blank.is_blank and blank.vote_of(ASSEMBLY.member("FRA")) is None
    assert cast.vote_of(ASSEMBLY.member("FRA")) is Vote.IN_FAVOUR
    with pytest.raises(TypeError):
        cast.votes["FRA"] = Vote.AGAINST  # type: ignore[index]


def test_cast_group_sets_every_member_of_the_group() -> None:
    """A group's vote reaches all its members and no one else's."""
    cast = AssemblyBallot.open().cast_group("eastern-european", Vote.ABSTENTION)
    counts = cast.group_counts("eastern-european")
    assert (counts.abstain, counts.not_voted) == (23, 0)
    assert cast.group_counts("african").not_voted == 54
    assert cast.verdict.counts.abstain == 23


def test_a_member_vote_after_a_group_vote_is_an_exception() -> None:
    """A group first, then one member otherwise: the group counts show both."""
    cast = AssemblyBallot.open().cast_group("western-european-others", Vote.IN_FAVOUR)
    cast = cast.cast("USA", Vote.AGAINST)
    counts = cast.group_counts("western-european-others")
    assert (counts.yes, counts.no) == (28, 1)


def test_cast_all_checks_every_code_before_taking_any() -> None:
    """One unknown code refuses the whole set."""
    with pytest.raises(BallotError):
        AssemblyBallot.open().cast_all({"FRA": Vote.IN_FAVOUR, "ZZZ": Vote.AGAINST})


def test_reset_clears_every_vote_and_keeps_the_question() -> None:
    """Reset is a blank ballot on the same question."""
    cast = AssemblyBallot.open(important=True).cast_group("african", Vote.IN_FAVOUR)
    assert cast.reset().is_blank and cast.reset().important


# --- The count under Article 18 -----------------------------------------------------------------


def test_a_simple_majority_adopts_with_more_in_favour_than_against() -> None:
    """Art. 18(3): 60 to 59 adopts; 59 to 60 does not."""
    assert ballot(60, 59).verdict.reason is AssemblyReason.ADOPTED
    assert ballot(59, 60).verdict.reason is AssemblyReason.TOO_FEW


def test_abstentions_and_absences_do_not_count() -> None:
    """10 to 9 with 170 abstaining is adopted: those abstaining are not present and voting."""
    verdict = ballot(10, 9, 170).verdict
    assert verdict.reason is AssemblyReason.ADOPTED
    assert (verdict.voting, verdict.counts.abstain, verdict.counts.absent) == (19, 170, 4)


@pytest.mark.parametrize("important", [False, True])
def test_a_tie_fails(important: bool) -> None:
    """As many against as in favour is no majority, on either kind of question."""
    verdict = ballot(50, 50, important=important).verdict
    assert verdict.reason is AssemblyReason.TIED
    assert not verdict.adopted


@pytest.mark.parametrize("important", [False, True])
def test_with_nobody_voting_yes_or_no_nothing_is_adopted(important: bool) -> None:
    """All abstaining: no member is present and voting, so there is no majority."""
    verdict = ballot(0, 0, 193, important=important).verdict
    assert verdict.reason is AssemblyReason.NOBODY_VOTING
    assert "no member voted in favour or against" in verdict.explanation


@pytest.mark.parametrize(
    ("yes", "no", "adopted"),
    [
        (100, 50, True),  # exactly two-thirds
        (99, 50, False),  # one short
        (2, 1, True),
        (1, 1, False),  # a tie
        (90, 44, True),
        (89, 45, False),
        (1, 0, True),
    ],
)
def test_two_thirds_on_an_important_question(yes: int, no: int, adopted: bool) -> None:
    """Art. 18(2): at least two-thirds of those present and voting; 100 to 50 is enough."""
    assert ballot(yes, no, important=True).verdict.adopted is adopted


def test_a_majority_that_is_not_two_thirds() -> None:
    """99 to 50 adopts an ordinary question but not an important one."""
    assert ballot(99, 50).verdict.adopted
    assert not ballot(99, 50, important=True).verdict.adopted


@pytest.mark.parametrize(
    ("yes", "no", "important", "needed"),
    [
        (120, 14, True, 90),  # as the UN counts two-thirds of 134
        (120, 14, False, 68),
        (100, 50, True, 100),
        (99, 50, True, 100),
        (1, 0, False, 1),
        (0, 0, True, 1),
        (0, 0, False, 1),
    ],
)
def test_votes_needed(yes: int, no: int, important: bool, needed: int) -> None:
    """The votes in favour needed, from the members present and voting."""
    assert required(yes, no, important=important) == needed


def test_an_open_vote_says_what_it_would_come_to() -> None:
    """Members yet to vote make the vote open; closing now would count them as not voting."""
    cast = AssemblyBallot.open().cast_group("african", Vote.IN_FAVOUR)
    verdict = cast.verdict
    assert verdict.reason is AssemblyReason.OPEN
    assert verdict.standing is AssemblyReason.ADOPTED
    assert verdict.headline == "OPEN — 139 members have not voted"


def test_no_member_has_a_veto() -> None:
    """The United States against, every other member in favour: adopted, and no veto."""
    cast = AssemblyBallot.open(important=True)
    for group in ASSEMBLY.groups:
        cast = cast.cast_group(group.id, Vote.IN_FAVOUR)
    verdict = cast.cast("USA", Vote.AGAINST).verdict
    assert verdict.adopted
    assert NO_VETO in verdict.explanation


# --- The words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "important", "headline"),
    [
        (120, 14, 45, True, "ADOPTED — 120 to 14, 90 needed"),
        (99, 50, 0, True, "NOT ADOPTED — 99 of the 100 votes needed"),
        (50, 50, 0, False, "NOT ADOPTED — tied, 50 to 50"),
        (0, 0, 193, False, "NOT ADOPTED — no member voted in favour or against"),
    ],
)
def test_headlines(yes: int, no: int, abstain: int, important: bool, headline: str) -> None:
    """The banner's one line for each outcome."""
    assert ballot(yes, no, abstain, important=important).verdict.headline == headline


def test_the_explanation_of_a_two_thirds_vote_in_full() -> None:
    """The totals, the rule with its article, the number needed, who does not count, no veto."""
    assert ballot(120, 14, 45, important=True).verdict.explanation == (
        "Adopted: 120 in favour and 14 against, so 134 members are present and voting. On an "
        "important question Article 18(2) requires two-thirds of those present and voting in "
        "favour: 90, and 120 is enough. 45 members abstained and 14 members did not vote: not "
        "counted. A member that abstains is counted as not voting: only the votes in favour and "
        "against count. No member has a veto: each of the 193 has one vote (Article 18(1)). In "
        "the Security Council a permanent member's vote against a substantive draft is a veto "
        "(Article 27(3)); here the United States' vote weighs what Tuvalu's does."
    )


def test_the_explanation_of_a_simple_majority_short() -> None:
    """Article 18(3), and the number it comes to."""
    text = ballot(59, 60).verdict.explanation
    assert text.startswith(
        "Not adopted: 59 in favour and 60 against, so 119 members are present and voting. "
        "Article 18(3) requires a majority of those present and voting in favour, more than "
        "half: 60, and 59 falls short."
    )
    assert "74 members did not vote: not counted." in text


def test_the_explanation_of_a_tie() -> None:
    """A tie is no majority, in the Assembly's own rules."""
    assert ballot(1, 1, important=False).verdict.explanation.startswith(
        "Not adopted: 1 in favour and 1 against is a tie, and a tie is no majority (the "
        "Assembly's rules of procedure treat an equally divided vote as rejected). Article "
        "18(3) requires a majority of those present and voting in favour, more than half: 2."
    )


def test_every_member_voting_says_none_stayed_away() -> None:
    """With no abstention or absence, the rule on abstentions is still said."""
    text = ballot(193, 0).verdict.explanation
    assert "None abstained or stayed away. A member that abstains is counted as not voting" in text


def test_the_open_explanation_and_brief() -> None:
    """An open vote's words say who has not voted and what closing now would give."""
    verdict = AssemblyBallot.open().cast("FRA", Vote.IN_FAVOUR).verdict
    assert verdict.explanation.startswith(
        "The vote is still open: 192 members have not voted, counted meanwhile as not present "
        "and voting. If it closed now: Adopted: 1 in favour and 0 against, so 1 member is "
        "present and voting."
    )
    assert reason_in_brief(verdict) == (
        "192 members have not voted yet. If it closed now: Adopted: 1 in favour; needed a "
        "majority of 1 voting: 1 (Art. 18(3)). Abstentions do not count."
    )


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "important", "brief"),
    [
        (99, 50, 0, True, "Not adopted: 99 in favour; needed two-thirds of 149 voting: 100 "
         "(Art. 18(2)). Abstentions do not count."),
        (3, 3, 0, False, "Not adopted: a tie, 3 to 3, is no majority (Art. 18(3))."),
        (0, 0, 0, True, "Not adopted: nobody voted in favour or against."),
    ],
)  # fmt: skip
def test_reasons_in_brief(yes: int, no: int, abstain: int, important: bool, brief: str) -> None:
    """The side pane's sentence for each outcome."""
    assert reason_in_brief(ballot(yes, no, abstain, important=important).verdict) == brief
