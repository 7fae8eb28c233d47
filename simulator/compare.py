"""The same votes counted three ways: as a substantive decision, a procedural one and a statement.

Pure, like `simulator.rules`: it only builds ballots with another `decision` and says, in one line
each, why their verdicts differ. That is the lesson of Article 27(2) against 27(3), and of the
double veto.

How the votes carry over (`as_decision`), since a statement is agreed or objected to, not voted:

- in favour is agreeing, against is objecting, and the other way round;
- an abstention counted as a statement is silence: a statement is issued unless a member objects
  (Council practice), and an abstention is no objection;
- silence on a statement counted as a vote is absence: the member did not vote;
- a party to a dispute abstains only in substantive decisions (Art. 27(3)): counted as one, its
  vote becomes that abstention; counted otherwise, it keeps the vote it has, and could vote freely.

A member that has not voted yet has not voted under any rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.rules import Ballot, Decision, Member, Reason, Verdict, Vote, capital, join_names

_SPELT = {7: "seven", 9: "nine"}


def _number(n: int) -> str:
    return _SPELT.get(n, str(n))


def _names(members: tuple[Member, ...] | list[Member]) -> str:
    return join_names(m.display_name for m in members)


def statement_kind(ballot: Ballot) -> Decision:
    """The statement to compare with: the ballot's own kind if it is one, else a press statement."""
    return ballot.decision if ballot.decision.is_statement else Decision.PRESS_STATEMENT


def as_decision(ballot: Ballot, decision: Decision) -> Ballot:
    """The same votes, counted as another kind of decision (see the module's notes)."""
    votes: dict[str, Vote] = {}
    for member in ballot.members:
        vote = ballot.vote_of(member)
        if decision is Decision.SUBSTANTIVE and member.party_to_dispute:
            vote = Vote.ABSTENTION  # Art. 27(3): a party to the dispute shall abstain
        elif decision.is_statement and vote is Vote.ABSTENTION:
            vote = Vote.ABSENT  # an abstention is no objection: it reads as silence
        if vote is not None:
            votes[member.code] = vote
    return Ballot(ballot.members, decision, ballot.rules, votes)


def read_as(ballot: Ballot, decision: Decision) -> str:
    """What changed in carrying the votes over, in a line ('' when nothing did)."""
    if decision.is_statement:
        abstaining = [m for m in ballot.members if ballot.vote_of(m) is Vote.ABSTENTION]
        if not abstaining:
            return ""
        who = (
            "1 abstention counts"
            if len(abstaining) == 1
            else f"{len(abstaining)} abstentions count"
        )
        return f"{who} as silence, not as an objection."
    parts = []
    if ballot.decision.is_statement:
        silent = sum(ballot.vote_of(m) is Vote.ABSENT for m in ballot.members)
        if silent:
            parts.append("Silence is read as absence: a silent member did not vote.")
    if decision is Decision.SUBSTANTIVE:
        moved = [
            m
            for m in ballot.members
            if m.party_to_dispute and ballot.vote_of(m) not in (Vote.ABSTENTION, None)
        ]
        if moved:
            parts.append(
                f"{capital(_names(moved))} must abstain here, as a party to the dispute "
                "(Art. 27(3))."
            )
    return " ".join(parts)


@dataclass(frozen=True)
class CountedAs:
    """The votes counted as one kind of decision, and why that comes out as it does."""

    ballot: Ballot
    """The votes carried over to this decision (`as_decision`)."""
    why: str
    """One line in plain words: what decides it under this rule, against the other two."""
    read_as: str = ""
    """What changed in carrying the votes over ('' when nothing did)."""

    @property
    def decision(self) -> Decision:
        return self.ballot.decision

    @property
    def verdict(self) -> Verdict:
        return self.ballot.verdict

    @property
    def outcome(self) -> Reason:
        """What it comes to, or would if the vote closed now."""
        return self.verdict.standing

    @property
    def passes(self) -> bool:
        """Adopted, or agreed: if the vote closed now, for an open ballot."""
        return self.outcome is Reason.ADOPTED


@dataclass(frozen=True)
class Comparison:
    """One ballot counted as a substantive decision, a procedural one and a statement."""

    ballot: Ballot
    """The votes as cast, under the scenario's own decision."""
    counted: tuple[CountedAs, ...]
    """Substantive, procedural and statement, in that order."""
    double_veto: str = ""
    """The double veto, where it matters: when the vote on substance is a veto."""
    open_note: str = ""
    """While some members have not voted: how each count treats them ('' when all have)."""

    def of(self, decision: Decision) -> CountedAs:
        """The count under this decision (a presidential statement is counted as a press one)."""
        for counted in self.counted:
            if counted.decision is decision or (
                decision.is_statement and counted.decision.is_statement
            ):
                return counted
        raise KeyError(decision)


def compare(ballot: Ballot) -> Comparison:
    """The ballot counted under each rule, with why each differs from the others."""
    substantive = as_decision(ballot, Decision.SUBSTANTIVE)
    procedural = as_decision(ballot, Decision.PROCEDURAL)
    statement = as_decision(ballot, statement_kind(ballot))
    # From the votes as cast: counted on substance, a party's unset vote is already an abstention.
    not_voted = ballot.verdict.counts.not_voted
    open_note = ""
    if not_voted:
        who = "1 member has" if not_voted == 1 else f"{not_voted} members have"
        done = "given a position" if ballot.decision.is_statement else "voted"
        open_note = (
            f"{who} not {done} yet: each count is what it would come to if it closed now, "
            "with them not in favour (on a statement, silent)."
        )
    return Comparison(
        ballot=ballot,
        counted=(
            CountedAs(
                substantive, _why_substantive(substantive), read_as(ballot, Decision.SUBSTANTIVE)
            ),
            CountedAs(
                procedural,
                _why_procedural(procedural, substantive),
                read_as(ballot, Decision.PROCEDURAL),
            ),
            CountedAs(
                statement,
                _why_statement(statement, substantive),
                read_as(ballot, statement.decision),
            ),
        ),
        double_veto=double_veto(substantive),
        open_note=open_note,
    )


def double_veto(ballot: Ballot) -> str:
    """Where the vote on substance is a veto: a permanent member can also veto treating it as
    procedural, since that question is itself decided by a non-procedural vote."""
    verdict = as_decision(ballot, Decision.SUBSTANTIVE).verdict
    if verdict.standing is not Reason.VETOED:
        return ""
    return (
        "The double veto: where it is in doubt whether a question is procedural, that is itself "
        f"decided by a non-procedural vote, so, were it in doubt here, {_names(verdict.vetoed_by)} "
        "could veto treating it as procedural, and then veto it on substance."
    )


_OUTCOMES = {
    Reason.ADOPTED: "adopted",
    Reason.VETOED: "vetoed",
    Reason.INSUFFICIENT_VOTES: "too few votes",
    Reason.OBJECTION: "blocked",
}


def outcome_line(counted: CountedAs) -> str:
    """The outcome in words and a symbol, never colour alone: '✓ ADOPTED', '✗ VETOED'; while
    the vote is open, '… OPEN · if it closed now: ✗ vetoed'."""
    mark = "✓" if counted.passes else "✗"
    word = _OUTCOMES[counted.outcome]
    if counted.decision.is_statement and counted.passes:
        word = "agreed"
    if counted.verdict.is_open:
        return f"… OPEN · if it closed now: {mark} {word}"
    return f"{mark} {word.upper()}"


def _votes_against(members: tuple[Member, ...]) -> str:
    """'the vote against by China is', 'the votes against by China and France are'."""
    if len(members) == 1:
        return f"the vote against by {_names(members)} is"
    return f"the votes against by {_names(members)} are"


def _lead(ballot: Ballot) -> str:
    if ballot.decision is Decision.SUBSTANTIVE:
        return "As a substantive decision (Art. 27(3))"
    if ballot.decision is Decision.PROCEDURAL:
        return "As a procedural matter (Art. 27(2))"
    return f"As a {ballot.decision.label}"


def _why_substantive(ballot: Ballot) -> str:
    verdict = ballot.verdict
    yes, needed = verdict.counts.yes, _number(verdict.required)
    lead = _lead(ballot)
    if verdict.standing is Reason.VETOED:
        who = "a permanent member" if len(verdict.vetoed_by) == 1 else "permanent members"
        line = (
            f"{lead} the {yes} votes in favour are enough, but {_names(verdict.vetoed_by)}, "
            f"{who}, voted against: a veto."
        )
    elif verdict.standing is Reason.INSUFFICIENT_VOTES:
        line = f"{lead} it needs {needed} votes in favour and has {yes}: it fails for lack of votes"
        if verdict.against_permanent:
            line += f", and {_votes_against(verdict.against_permanent)} no veto."
        else:
            line += "."
    else:
        line = f"{lead} {yes} in favour are enough and no permanent member voted against"
        excused = [
            f"{_names(members)} {did}"
            for members, did in (
                (verdict.abstaining_permanent, "abstained"),
                (verdict.absent_permanent, "stayed away"),
            )
            if members
        ]
        line += f"; {join_names(excused)}, which is no veto." if excused else ": no veto."
    if verdict.parties:
        line += (
            f" {capital(_names(verdict.parties))} abstain as parties to the dispute, "
            "as Art. 27(3) requires."
        )
    return capital(line)


def _why_procedural(ballot: Ballot, substantive: Ballot) -> str:
    verdict = ballot.verdict
    yes, needed = verdict.counts.yes, _number(verdict.required)
    lead = _lead(ballot)
    if verdict.standing is Reason.INSUFFICIENT_VOTES:
        line = (
            f"{lead} there is no veto, but it still needs {needed} votes in favour and has "
            f"{yes}: too few."
        )
    elif verdict.against_permanent:
        line = (
            f"{lead} {needed} votes suffice, and {_votes_against(verdict.against_permanent)} "
            f"no veto: adopted with {yes}."
        )
    else:
        line = f"{lead} {needed} votes suffice and there is no veto: adopted with {yes}."
    if substantive.verdict.parties:
        line += " A party to a dispute must abstain only on substance: here it may vote."
    return line


def _why_statement(ballot: Ballot, substantive: Ballot) -> str:
    verdict = ballot.verdict
    lead = _lead(ballot)
    if verdict.standing is Reason.OBJECTION:
        objects = "objects" if len(verdict.objecting) == 1 else "object"
        # One objection blocks it whoever makes it: an elected member's as a permanent one's.
        elected = any(not m.permanent for m in verdict.objecting)
        whose = "even an elected member's" if elected else "from any member"
        return (
            f"{lead}, any one objection blocks it, {whose}: {_names(verdict.objecting)} {objects}."
        )
    line = (
        f"{lead}, it is agreed: no member objects, and a statement is not voted, so no count "
        "of votes in favour applies."
    )
    if substantive.verdict.standing is Reason.INSUFFICIENT_VOTES:
        line += " Too few votes in favour stop a resolution, but not a statement."
    return line
