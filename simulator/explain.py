"""The words for a verdict: its headline and the plain-words reasons, citing the Charter.

Pure, like `simulator.rules`, which it builds on: the rules count, this module says what the count
means to a student. Each reason comes twice: in full, and in brief (with who is pivotal) for a
side pane beside the fifteen members at 80x24.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from simulator.rules import Ballot, Decision, Member, Reason, Verdict, Vote, capital, join_names


def _names(members: Iterable[Member]) -> str:
    return join_names(m.display_name for m in members)


def _members_have(n: int) -> str:
    """'1 member has', '3 members have'."""
    return "1 member has" if n == 1 else f"{n} members have"


_OUTCOME_WORDS = {
    Reason.ADOPTED: "adopted",
    Reason.VETOED: "veto",
    Reason.INSUFFICIENT_VOTES: "too few votes",
    Reason.OBJECTION: "blocked",
    Reason.OPEN: "open",
}


def outcome_word(decision: Decision, reason: Reason) -> str:
    """What a vote comes to, in a word or two: 'veto', 'too few votes'; a statement is 'agreed'
    or 'blocked', never 'adopted'."""
    if decision.is_statement and reason is Reason.ADOPTED:
        return "agreed"
    return _OUTCOME_WORDS[reason]


def headline(verdict: Verdict) -> str:
    """The one line a banner shows."""
    statement = verdict.decision.is_statement
    if verdict.reason is Reason.OPEN:
        done = "given a position" if statement else "voted"
        return f"OPEN — {_members_have(verdict.counts.not_voted)} not {done}"
    if verdict.reason is Reason.ADOPTED:
        return "AGREED" if statement else "ADOPTED"
    if verdict.reason is Reason.OBJECTION:
        objection = "objection" if len(verdict.objecting) == 1 else "objections"
        return f"NOT AGREED — {objection} by {_names(verdict.objecting)}"
    if verdict.reason is Reason.VETOED:
        return f"NOT ADOPTED — vetoed by {_names(verdict.vetoed_by)}"
    return f"NOT ADOPTED — {verdict.counts.yes} of the {verdict.required} votes needed"


def explain(verdict: Verdict) -> str:
    """Why the verdict is what it is, in words a student understands, citing the Charter."""
    if verdict.reason is Reason.OPEN:
        who = _members_have(verdict.counts.not_voted)
        if verdict.decision.is_statement:
            head = f"Still open: {who} not given a position, counted meanwhile as silent."
        else:
            head = f"The vote is still open: {who} not voted, counted meanwhile as not in favour."
        return f"{head} If it closed now, {_explain_closed(verdict, verdict.standing, would=True)}"
    return _explain_closed(verdict, verdict.reason)


def _explain_closed(verdict: Verdict, reason: Reason, *, would: bool = False) -> str:
    """The explanation of a closed vote; `would` words it as what the vote would come to."""
    counts, required, rules = verdict.counts, verdict.required, verdict.rules
    word = "agreed" if verdict.decision.is_statement else "adopted"
    negation = "" if reason is Reason.ADOPTED else "not "
    lead = f"it would {negation}be {word}" if would else capital(f"{negation}{word}")
    if verdict.decision.is_statement:
        # Council practice, not the Charter: a statement is agreed when nobody objects.
        practice = (
            "It is not put to a vote: by Council practice (the Charter has no rule for "
            "statements) it is issued"
        )
        if reason is Reason.OBJECTION:
            have = "has" if len(verdict.objecting) == 1 else "have"
            return (
                f"{lead}: {_names(verdict.objecting)} {have} objected, and one objection from any "
                f"member, permanent or elected, blocks a {verdict.decision.label}. {practice} "
                "only when no member objects."
            )
        return (
            f"{lead}: no member has objected, and that is all a {verdict.decision.label} needs. "
            f"{practice} when no member objects, so a member that stays silent does not block it."
        )
    procedural = verdict.decision is Decision.PROCEDURAL
    requires = rules.requires(2 if procedural else 3)
    sentences: list[str] = []
    if reason is Reason.INSUFFICIENT_VOTES:
        sentences.append(
            f"{lead}: {counts.yes} in favour, short of the {required} votes that {requires}."
        )
        if verdict.against_permanent and not procedural:
            sentences.append(
                f"{capital(_names(verdict.against_permanent))} voted against, but that is no "
                "veto: a draft without the votes fails for lack of them, and the UN does not "
                "count it as vetoed."
            )
    elif reason is Reason.VETOED:
        who = "a permanent member" if len(verdict.vetoed_by) == 1 else "permanent members"
        sentences.append(
            f"{lead}: {counts.yes} votes in favour were enough, but "
            f"{_names(verdict.vetoed_by)}, {who}, voted against. {requires} the "
            "concurring votes of the permanent members, so a permanent member's vote against "
            "is a veto."
        )
    else:
        sentences.append(
            f"{lead}: {counts.yes} in favour, at least the {required} that {requires}."
        )
        if procedural:
            sentences.append("A procedural decision has no veto, so no vote against can block it.")
        else:
            sentences.append("No permanent member voted against, so there is no veto.")
    if not procedural and reason is not Reason.INSUFFICIENT_VOTES:
        if verdict.abstaining_permanent:
            # Abstention: practice since 1946, confirmed by the ICJ (Namibia, 1971).
            sentences.append(
                f"{capital(_names(verdict.abstaining_permanent))} abstained: by Council practice "
                "since 1946, confirmed by the International Court of Justice in its Namibia "
                "advisory opinion of 1971, a permanent member's abstention is not a veto."
            )
        if verdict.absent_permanent:
            # Absence: practice alone, from 1950; the Court has not ruled on it.
            sentences.append(
                f"{capital(_names(verdict.absent_permanent))} stayed away: by Council practice "
                "since 1950, when resolutions 82 to 84 were adopted while the Soviet Union stayed "
                "away (it contested their validity), a permanent member's absence is not a veto."
            )
    if verdict.parties:
        sentences.append(
            f"{capital(_names(verdict.parties))} abstained as a party to the dispute, as "
            "Article 27(3) requires in decisions under Chapter VI."
        )
    return " ".join(sentences)


# The verdict in brief


def who(members: Sequence[Member]) -> str:
    """Up to two members by name ('the United States'), more by code ('CHN, FRA and RUS')."""
    if len(members) <= 2:
        return join_names(m.display_name for m in members)
    return join_names(m.code for m in members)


def reason_in_brief(verdict: Verdict) -> str:
    """Why, in a sentence or two: what decided it, and what did not."""
    if verdict.is_open:
        done = "given a position" if verdict.decision.is_statement else "voted"
        head = f"{_members_have(verdict.counts.not_voted)} not {done}"
        return f"{capital(head)} yet. If it closed now: {_brief_closed(verdict, verdict.standing)}"
    return _brief_closed(verdict, verdict.reason)


def _brief_closed(verdict: Verdict, reason: Reason) -> str:
    counts, required = verdict.counts, verdict.required
    if verdict.decision.is_statement:
        if reason is Reason.OBJECTION:
            objections = "one objection" if len(verdict.objecting) == 1 else "objections"
            return f"Blocked by {objections}: {who(verdict.objecting)}. One is enough."
        return "Agreed: no member objects, and a statement needs no vote."
    procedural = verdict.decision is Decision.PROCEDURAL
    article = "Art. 27(2)" if procedural else "Art. 27(3)"
    if reason is Reason.INSUFFICIENT_VOTES:
        text = f"Too few votes: {counts.yes} in favour, {required} needed ({article})."
        if verdict.against_permanent and not procedural:
            text += f" {capital(who(verdict.against_permanent))} voted against, but that is no"
            text += " veto: the draft had too few votes in any case."
        return text
    if reason is Reason.VETOED:
        return (
            f"Vetoed: {counts.yes} in favour were enough, but {who(verdict.vetoed_by)} "
            f"voted against ({article})."
        )
    text = f"{counts.yes} in favour, {required} needed"
    if procedural:
        text += ", and a procedural vote has no veto."
    else:
        text += ", and no permanent member against."
        for members, did in (
            (verdict.abstaining_permanent, "abstained"),
            (verdict.absent_permanent, "stayed away"),
        ):
            if members:
                text += f" {capital(who(members))} {did}: no veto."
    return text


def _flips(ballot: Ballot, member: Member) -> str:
    """'against → veto; abstention or absent → too few votes', or 'any other vote → …'."""
    verdict = ballot.verdict
    outcomes: dict[str, list[Vote]] = {}
    for pivot in verdict.pivotal:
        if pivot.member == member:
            word = outcome_word(verdict.decision, pivot.outcome)
            outcomes.setdefault(word, []).append(pivot.vote)
    others = [vote for vote in ballot.decision.choices if vote is not ballot.vote_of(member)]
    parts = []
    for word, votes in outcomes.items():
        if len(votes) > 2 and votes == others:  # a resolution's three other votes
            label = "any other vote"
        else:
            label = join_names((verdict.decision.vote_label(v, short=True) for v in votes), "or")
        parts.append(f"{label} → {word}")
    return "; ".join(parts)


def pivotal_lines(ballot: Ballot) -> list[str]:
    """Who could flip the outcome alone, grouped by what their change would do."""
    groups: dict[str, list[Member]] = {}
    for member in ballot.verdict.pivotal_members:
        groups.setdefault(_flips(ballot, member), []).append(member)
    if len(groups) == 1 and len(ballot.verdict.pivotal_members) == len(ballot.members):
        # A statement everyone agrees to: fifteen codes say less than two words.
        return [f"Any member: {flips}" for flips in groups]
    return [f"{capital(who(members))}: {flips}" for flips, members in groups.items()]
