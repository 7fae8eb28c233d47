"""Predict, then reveal: a student's prediction of a vote, and its score against the record.

Pure, like `simulator.rules`: a `Prediction` is replaced, never changed, and `score` counts both
ballots by the same rules, so that what it says was missed is what Article 27 says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from simulator.explain import reason_in_brief
from simulator.rules import Ballot, Decision, Member, Reason, Vote, join_names
from simulator.scenarios import Outcome, Scenario


class NothingToScore(ValueError):
    """A scenario with no recorded votes to score a prediction against; the message says why."""


OUTCOME_LABELS = {
    Outcome.ADOPTED: "adopted",
    Outcome.VETOED: "vetoed",
    Outcome.INSUFFICIENT_VOTES: "too few votes",
    Outcome.AGREED: "agreed",
    Outcome.BLOCKED: "blocked",
    Outcome.NOT_VOTED: "never voted",
}
"""An outcome in a word or two, for people."""

_EXPECTED = {
    Outcome.ADOPTED: "adoption",
    Outcome.VETOED: "a veto",
    Outcome.INSUFFICIENT_VOTES: "too few votes",
    Outcome.AGREED: "agreement",
    Outcome.BLOCKED: "an objection that blocks it",
}
"""An outcome as a noun: 'you expected a veto', 'your votes count to adoption'."""

_GIVES = {
    Outcome.ADOPTED: "adoption",
    Outcome.VETOED: "a veto",
    Outcome.INSUFFICIENT_VOTES: "a draft short of votes",
    Outcome.AGREED: "agreement",
    Outcome.BLOCKED: "an objection that blocks it",
}
"""What a ballot comes to: 'your own votes would give a veto'."""

_HAPPENED = {
    Outcome.ADOPTED: ("it was adopted", "Adopted: "),
    Outcome.VETOED: ("it was vetoed", "Vetoed: "),
    Outcome.INSUFFICIENT_VOTES: ("it failed for too few votes", "Too few votes: "),
    Outcome.AGREED: ("it was agreed", "Agreed: "),
    Outcome.BLOCKED: ("it was blocked", "Blocked "),
}
"""What happened, and the label a brief reason may lead with, not to say it twice."""


def _what_happened(real: Outcome, brief: str) -> str:
    """'it failed for too few votes: 3 in favour, 9 needed …', from 'Too few votes: 3 in …'."""
    happened, label = _HAPPENED[real]
    if real is Outcome.BLOCKED and brief.startswith(label):
        return f"it was {brief[:1].lower()}{brief[1:]}"  # 'it was blocked by one objection: …'
    return f"{happened}: {brief.removeprefix(label)}"


_WORDS = {
    "adopted": Outcome.ADOPTED,
    "vetoed": Outcome.VETOED,
    "veto": Outcome.VETOED,
    "insufficient_votes": Outcome.INSUFFICIENT_VOTES,
    "insufficient-votes": Outcome.INSUFFICIENT_VOTES,
    "too-few-votes": Outcome.INSUFFICIENT_VOTES,
    "too_few_votes": Outcome.INSUFFICIENT_VOTES,
    "too few votes": Outcome.INSUFFICIENT_VOTES,
    "agreed": Outcome.AGREED,
    "blocked": Outcome.BLOCKED,
}

MAX_READINGS = 4
"""A few readings teach; a page of them is skipped."""


def outcomes_for(decision: Decision) -> tuple[Outcome, ...]:
    """What a student can predict: a draft is adopted, vetoed or short of votes; a statement is
    agreed or blocked (it is not voted)."""
    if decision.is_statement:
        return (Outcome.AGREED, Outcome.BLOCKED)
    if decision is Decision.PROCEDURAL:
        return (Outcome.ADOPTED, Outcome.INSUFFICIENT_VOTES)  # Art. 27(2): no veto
    return (Outcome.ADOPTED, Outcome.VETOED, Outcome.INSUFFICIENT_VOTES)


def parse_outcome(word: str, decision: Decision) -> Outcome:
    """An outcome from its word, in any case ('too-few-votes' too); `ValueError` for people."""
    key = word.strip().lower()
    outcome = _WORDS.get(key)
    if decision.is_statement and outcome is Outcome.ADOPTED:
        outcome = Outcome.AGREED  # as the loader reads a statement's record
    allowed = ", ".join(o.value for o in outcomes_for(decision))
    if outcome is None:
        raise ValueError(f"{word!r} is not an outcome: use one of {allowed}")
    if outcome not in outcomes_for(decision):
        raise ValueError(
            f"{word!r} is not what can happen to {a_decision(decision)}: use one of {allowed}"
        )
    return outcome


def closed(ballot: Ballot) -> Ballot:
    """The ballot with every member yet to vote counted absent (on a statement, silent), as a
    vote that closed now would count them, and as the command line counts members not named."""
    return ballot.cast_all(
        {m.code: Vote.ABSENT for m in ballot.members if ballot.vote_of(m) is None}
    )


def outcome_of(ballot: Ballot) -> Outcome:
    """What these votes come to if the vote closed now (members yet to vote not in favour)."""
    reason = ballot.verdict.standing
    if ballot.decision.is_statement:
        return Outcome.BLOCKED if reason is Reason.OBJECTION else Outcome.AGREED
    return {
        Reason.ADOPTED: Outcome.ADOPTED,
        Reason.VETOED: Outcome.VETOED,
        Reason.INSUFFICIENT_VOTES: Outcome.INSUFFICIENT_VOTES,
    }[reason]


def can_predict(scenario: Scenario) -> bool:
    """A prediction needs a record to be revealed against, even one that says 'never voted'."""
    return scenario.record is not None


def is_discussion(scenario: Scenario) -> bool:
    """A draft never put to a vote: the prediction is discussed, not scored."""
    return scenario.record is not None and not scenario.has_recorded_votes


def a_decision(decision: Decision) -> str:
    """'a procedural decision', 'a press statement'."""
    return f"a {decision.label}" if decision.is_statement else f"a {decision.label} decision"


NO_BRIEFING = (
    "No briefing was written for this scenario. Its summary, source and record are hidden "
    "because they tell what happened: predict from the title, the date and the Council."
)


def prediction_title(scenario: Scenario) -> str:
    """The title to show while predicting: the briefing's, where the real one tells the result."""
    if scenario.prediction is not None and scenario.prediction.title:
        return scenario.prediction.title
    return scenario.title


def hints_of(scenario: Scenario) -> tuple[str, ...]:
    return scenario.prediction.hints if scenario.prediction is not None else ()


@dataclass(frozen=True)
class Prediction:
    """A student's prediction: each member's vote, the outcome expected, and hints used."""

    ballot: Ballot
    """The predicted votes, on a ballot of their own that starts blank."""
    outcome: Outcome | None = None
    """The outcome the student expects; None until chosen."""
    hints_used: int = 0

    @classmethod
    def start(cls, scenario: Scenario) -> Prediction:
        return cls(scenario.ballot())

    def with_ballot(self, ballot: Ballot) -> Prediction:
        return Prediction(ballot, self.outcome, self.hints_used)

    def with_vote(self, code: str, vote: Vote) -> Prediction:
        """The prediction with one more vote; `BallotError` if the rules do not allow it."""
        return self.with_ballot(self.ballot.cast(code, vote))

    def with_outcome(self, outcome: Outcome | None) -> Prediction:
        if outcome is not None and outcome not in outcomes_for(self.ballot.decision):
            raise ValueError(
                f"{OUTCOME_LABELS[outcome]!r} is not what can happen to "
                f"{a_decision(self.ballot.decision)}"
            )
        return Prediction(self.ballot, outcome, self.hints_used)

    def with_next_outcome(self) -> Prediction:
        """The next outcome in `outcomes_for` order, round again to none chosen: one key cycles."""
        choices: list[Outcome | None] = [*outcomes_for(self.ballot.decision), None]
        return self.with_outcome(choices[(choices.index(self.outcome) + 1) % len(choices)])

    def with_hint(self, available: int) -> Prediction:
        """One more hint used, up to the number there are."""
        return Prediction(self.ballot, self.outcome, min(self.hints_used + 1, available))

    @property
    def counted(self) -> Outcome:
        """What the predicted votes themselves come to, whatever outcome was chosen."""
        return outcome_of(self.ballot)


@dataclass(frozen=True)
class MemberMark:
    """One member's predicted vote beside the recorded one."""

    member: Member
    predicted: Vote | None
    recorded: Vote

    @property
    def right(self) -> bool:
        return self.predicted is self.recorded


@dataclass(frozen=True)
class Score:
    """A prediction against the record: member by member, the outcome, and what was missed."""

    decision: Decision
    marks: tuple[MemberMark, ...]
    """Every member, in Council order."""
    predicted_outcome: Outcome | None
    recorded_outcome: Outcome
    counted_outcome: Outcome
    """What the predicted votes count to, which may differ from the outcome predicted."""
    hints_used: int
    hints_available: int
    readings: tuple[str, ...]
    """What was missed, in plain words that teach the rule, most important first."""

    @property
    def members(self) -> int:
        """The Council's size: 15, or 11 under the Charter as signed in 1945."""
        return len(self.marks)

    @property
    def members_right(self) -> int:
        return sum(mark.right for mark in self.marks)

    @property
    def wrong(self) -> tuple[MemberMark, ...]:
        return tuple(mark for mark in self.marks if not mark.right)

    @property
    def outcome_right(self) -> bool | None:
        """None when no outcome was predicted."""
        if self.predicted_outcome is None:
            return None
        return self.predicted_outcome is self.recorded_outcome


def score(scenario: Scenario, prediction: Prediction) -> Score:
    """Score a prediction against the recorded votes; `NothingToScore` where there are none."""
    recorded = recorded_ballot(scenario)
    predicted = prediction.ballot
    if [m.code for m in predicted.members] != [m.code for m in recorded.members]:
        raise ValueError(f"this prediction is not of the Council of {scenario.title!r}")
    marks = tuple(
        MemberMark(member, predicted.vote_of(member), _vote(recorded, member))
        for member in recorded.members
    )
    assert scenario.record is not None  # recorded_ballot raised otherwise
    result = Score(
        decision=scenario.decision,
        marks=marks,
        predicted_outcome=prediction.outcome,
        recorded_outcome=scenario.record.outcome,
        counted_outcome=prediction.counted,
        hints_used=prediction.hints_used,
        hints_available=len(hints_of(scenario)),
        readings=(),
    )
    readings = _readings(result, predicted, recorded)
    return replace(result, readings=tuple(readings[:MAX_READINGS]))


def recorded_ballot(scenario: Scenario) -> Ballot:
    """The recorded votes to score against; `NothingToScore` with a reason for people."""
    if scenario.record is None:
        raise NothingToScore(
            f"{scenario.title}: there is no record to check a prediction against "
            "(the scenario has no [record])"
        )
    if not scenario.has_recorded_votes:
        raise NothingToScore(
            f"{scenario.title}: the draft was never put to a vote, so there are no votes to "
            "score a prediction against"
        )
    return scenario.recorded_ballot()


def _vote(ballot: Ballot, member: Member) -> Vote:
    vote = ballot.vote_of(member)
    assert vote is not None  # the loader checks that the record has every member's vote
    return vote


def score_line(result: Score, *, hints: bool = True) -> str:
    """'12 of 15 members right; outcome right; 1 of 3 hints used'; `hints=False` leaves out the
    hints, where a prediction made elsewhere (on paper, for the command line) did not count them."""
    return score_words(
        result.members_right,
        result.members,
        result.outcome_right,
        hints_used=result.hints_used,
        hints_available=result.hints_available if hints else 0,
    )


def score_words(
    members_right: int,
    members: int,
    outcome_right: bool | None,
    *,
    hints_used: int = 0,
    hints_available: int = 0,
) -> str:
    """The score line from its numbers, as a saved prediction keeps them: the reveal's words."""
    parts = [f"{members_right} of {members} members right"]
    if outcome_right is None:
        parts.append("no outcome predicted")
    else:
        parts.append("outcome right" if outcome_right else "outcome wrong")
    if hints_available:
        noun = "hint" if hints_available == 1 else "hints"
        parts.append(f"{hints_used} of {hints_available} {noun} used")
    return "; ".join(parts)


# What was missed, in plain words


def _names(members: Sequence[Member]) -> str:
    return join_names(m.display_name for m in members)


def _it(members: Sequence[Member]) -> str:
    return "it" if len(members) == 1 else "they"


def _readings(result: Score, predicted: Ballot, recorded: Ballot) -> list[str]:
    """Most important first: the outcome, then the vetoes misread, then the count."""
    readings = _outcome_readings(result, predicted, recorded)
    if result.decision.is_statement:
        readings += _statement_readings(result)
    elif result.decision is Decision.SUBSTANTIVE:
        readings += _veto_readings(result, predicted, recorded)
    readings += _count_readings(result, predicted, recorded)
    unset = [mark.member for mark in result.marks if mark.predicted is None]
    if unset:
        kind = "a position" if result.decision.is_statement else "a vote"
        who = "1 member" if len(unset) == 1 else f"{len(unset)} members"
        readings.append(f"You left {who} without {kind}: each counts as wrong.")
    return readings


def _outcome_readings(result: Score, predicted: Ballot, recorded: Ballot) -> list[str]:
    expected, real, counted = (
        result.predicted_outcome,
        result.recorded_outcome,
        result.counted_outcome,
    )
    if expected is None:
        return []
    readings = []
    if expected is not real:
        text = (
            f"You expected {_EXPECTED[expected]}; "
            f"{_what_happened(real, reason_in_brief(recorded.verdict))}"
        )
        if counted is not expected:
            text += f" Your own votes would give {_GIVES[counted]}."
        readings.append(text)
    elif counted is not expected:
        readings.append(
            f"You expected {_EXPECTED[expected]}, rightly, but your own votes would give "
            f"{_GIVES[counted]}: {reason_in_brief(closed(predicted).verdict)}"
        )
    against = [m for m in predicted.members if predicted.vote_of(m) is Vote.AGAINST]
    if (
        expected is Outcome.VETOED
        and against
        and not any(m.permanent for m in against)
        and result.decision is Decision.SUBSTANTIVE
    ):
        readings.append(
            f"In your prediction only {_names(against)} voted against, and an elected member's "
            "vote against is no veto: only a permanent member's is (Article 27(3))."
        )
    return readings


_NO_VETO = {
    Vote.ABSTENTION: "abstained — an abstention is no veto",
    Vote.ABSENT: "stayed away — an absence is no veto",
    Vote.IN_FAVOUR: "voted in favour",
}


def _veto_readings(result: Score, predicted: Ballot, recorded: Ballot) -> list[str]:
    """Vetoes expected that were not cast, and vetoes cast that were not expected."""
    readings = []
    vetoing = set(predicted.verdict.vetoed_by)
    for vote, did in _NO_VETO.items():
        members = [
            mark.member
            for mark in result.marks
            if mark.member.permanent and mark.predicted is Vote.AGAINST and mark.recorded is vote
        ]
        if not members:
            continue
        what = "a veto" if len(members) == 1 else "vetoes"
        counted_veto = all(m in vetoing for m in members)
        if result.predicted_outcome is Outcome.VETOED or (
            counted_veto and result.predicted_outcome is None
        ):
            readings.append(f"You expected {what} by {_names(members)}; {_it(members)} {did}.")
        elif counted_veto:
            # The outcome expected was not a veto: say what the votes set would have done.
            readings.append(
                f"You had {_names(members)} voting against, which your own votes count as "
                f"{what}; {_it(members)} {did}."
            )
        else:
            # No veto expected, nor one by the student's own count: say only what it did.
            plain = did.split(" — ")[0]
            readings.append(
                f"You expected {_names(members)} to vote against; {_it(members)} {plain}."
            )
    missed = [
        mark.member
        for mark in result.marks
        if mark.member in recorded.verdict.vetoed_by and mark.predicted is not Vote.AGAINST
    ]
    if missed:
        what = "a veto" if len(missed) == 1 else "vetoes"
        readings.append(
            f"You did not expect {what} by {_names(missed)}: the draft had the "
            f"{recorded.required} votes in favour it needed, and a permanent member's vote "
            "against then defeats it (Article 27(3))."
        )
    return readings


def _statement_readings(result: Score) -> list[str]:
    """Objections expected that were not made, and objections made that were not expected."""
    readings = []
    label = result.decision.label
    missed = [
        m.member
        for m in result.marks
        if m.recorded is Vote.AGAINST and m.predicted is not m.recorded
    ]
    if missed:
        readings.append(
            f"You did not expect {_names(missed)} to object: one objection from any member, "
            f"permanent or elected, blocks a {label}."
        )
    for vote, did in ((Vote.IN_FAVOUR, "agreed"), (Vote.ABSENT, "stayed silent")):
        members = [
            m.member for m in result.marks if m.predicted is Vote.AGAINST and m.recorded is vote
        ]
        if members:
            readings.append(
                f"You expected {_names(members)} to object; {_it(members)} {did}."
                + (" Silence does not block a statement." if vote is Vote.ABSENT else "")
            )
    return readings


def _count_readings(result: Score, predicted: Ballot, recorded: Ballot) -> list[str]:
    """Votes in favour on the wrong side of the nine needed: the first thing Article 27 asks."""
    if result.decision.is_statement:
        return []
    required = recorded.required
    mine, real = predicted.verdict.counts.yes, recorded.verdict.counts.yes
    if (mine >= required) == (real >= required):
        return []
    paragraph = 2 if result.decision is Decision.PROCEDURAL else 3
    requires = recorded.rules.requires(paragraph)
    side = "at least" if real >= required else "short of"
    return [
        f"Your votes give {mine} in favour; the record has {real}, {side} the {required} that "
        f"{requires}."
    ]


def discussion(scenario: Scenario, prediction: Prediction) -> tuple[str, ...]:
    """For a draft never put to a vote: what the student's own votes come to, to discuss."""
    verdict = closed(prediction.ballot).verdict
    decision = verdict.decision
    tally = ", ".join(
        f"{decision.vote_label(vote, short=True)} {verdict.counts.of(vote)}"
        for vote in decision.choices
    )
    lines = [f"Your votes: {tally}. {reason_in_brief(verdict)}"]
    if prediction.outcome is not None:
        lines.append(f"You expected {_EXPECTED[prediction.outcome]}.")
        if prediction.outcome is not prediction.counted:
            lines[-1] += f" Your own votes would give {_GIVES[prediction.counted]}."
    lines.append(
        "The draft was never put to a vote, so nothing can be scored: compare your prediction "
        "with what the sources say below."
    )
    return tuple(lines)
