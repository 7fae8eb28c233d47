"""Results to hand in: a student's saved work as Markdown (to read or print), JSON (for a grader)
or CSV (for a spreadsheet).

A `HandIn` is built from the saved records and the catalogue, then rendered; nothing here knows
of Textual. It holds a list of students, so that a teacher's file can one day hold a whole class;
today the command line and the app each export the one student whose work the store holds.

    hand_in = hand_in_from(store, catalogue)
    write_export(Path("amina.md"), hand_in)  # whole or not at all, never over another file

A class session's results (who voted what on each scenario, the verdicts, the record beside
them) are written the same ways, by `write_class_export`.

The JSON is a contract for graders, documented key by key in docs/export.md: a change to it
raises `VERSION` (`CLASS_VERSION` for a class session's).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from simulator.explain import reason_in_brief
from simulator.files import write_whole
from simulator.predict import OUTCOME_LABELS, hints_of, score_words
from simulator.rules import Ballot, Decision, Reason, Verdict
from simulator.scenarios import Catalogue, Outcome, Scenario
from simulator.session import ClassSession, Phase, Viewer, ballot_of, counted_absent, may_see
from simulator.store import SavedPrediction, Store, fit
from simulator.work import Work

FORMAT = "council-sim-export"
"""The JSON's `format` key: what the file is, for a grader that reads many kinds."""

VERSION = 1
"""The JSON's `version` key: raised whenever a key changes meaning or goes."""

NO_WORK = "No saved work: no votes set and no predictions locked."

GONE = (
    "This scenario is no longer in the list of scenarios (its file may have been moved, renamed "
    "or removed): its votes are given as they were saved, without a verdict."
)


class ExportFormat(StrEnum):
    """The three kinds of file, chosen by the file's extension."""

    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


EXTENSIONS = {
    ".md": ExportFormat.MARKDOWN,
    ".markdown": ExportFormat.MARKDOWN,
    ".json": ExportFormat.JSON,
    ".csv": ExportFormat.CSV,
}


class UnknownFormat(ValueError):
    """A file name whose extension says no format; the message says which ones do."""


def format_for(path: Path) -> ExportFormat:
    """The format the file's extension asks for; `UnknownFormat` for any other name."""
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise UnknownFormat(
            f"{path.name!r} does not say which format to write: end the name with .md "
            "(Markdown, to read or print), .json (for a grader) or .csv (for a spreadsheet)"
        )
    return found


@dataclass(frozen=True)
class VerdictGiven:
    """What the saved votes come to, as the vote screen says it."""

    outcome: str
    """'adopted', 'not adopted', 'agreed', 'not agreed' or 'open' (members yet to vote)."""
    reason: str
    """`Reason`'s word: adopted, vetoed, insufficient_votes, objection or open."""
    headline: str
    """The banner's line: 'NOT ADOPTED — vetoed by the United States'."""
    in_brief: str
    """Why, in a sentence or two, citing the Charter: the vote screen's 'Why'."""


@dataclass(frozen=True)
class PredictionGiven:
    """A prediction as it was locked, with its score."""

    locked_at: str
    """ISO 8601, in UTC."""
    votes: Mapping[str, str]
    """Member code to the predicted vote, in Council order, in the decision's words."""
    outcome: str | None
    """The outcome predicted (`Outcome`'s word), or None if none was chosen."""
    scored: bool
    """False for a draft never put to a vote: discussed, not scored."""
    members_right: int | None
    members: int | None
    outcome_right: bool | None
    """None when no outcome was predicted, or nothing was scored."""
    hints_used: int
    hints_available: int | None
    """None when the scenario is no longer in the catalogue to ask."""
    score: str
    """The reveal's words: '12 of 15 members right; outcome right; 1 of 3 hints used'."""


@dataclass(frozen=True)
class ScenarioWork:
    """One scenario a student worked on: the votes set, their verdict, the predictions."""

    id: str
    in_catalogue: bool
    title: str | None
    date: str | None
    decision: str | None
    """`Decision`'s word; None, like the title and date, for a scenario no longer listed."""
    votes: Mapping[str, str] | None
    """Member code to vote, in Council order and the decision's words; members yet to vote are
    left out. None when only predictions were saved."""
    verdict: VerdictGiven | None
    predictions: tuple[PredictionGiven, ...]
    note: str = ""
    """Anything the reader must know, in plain words (a scenario gone, votes that no longer fit)."""


@dataclass(frozen=True)
class StudentWork:
    name: str
    """As the student gave it; '' if none was given."""
    scenarios: tuple[ScenarioWork, ...]
    """In the order the list of scenarios shows them; those no longer listed last, by id."""


@dataclass(frozen=True)
class HandIn:
    """What one export file holds: when it was made, and each student's work."""

    exported_at: datetime
    students: tuple[StudentWork, ...]


# Building a hand-in


def _outcome_of(verdict: Verdict) -> str:
    if verdict.is_open:
        return "open"
    if verdict.decision.is_statement:
        return "agreed" if verdict.adopted else "not agreed"
    return "adopted" if verdict.adopted else "not adopted"


def verdict_given(ballot: Ballot) -> VerdictGiven:
    """The verdict of a ballot in the app's own words."""
    verdict = ballot.verdict
    reason = verdict.reason
    word = "agreed" if verdict.decision.is_statement and reason is Reason.ADOPTED else reason.value
    return VerdictGiven(_outcome_of(verdict), word, verdict.headline, reason_in_brief(verdict))


def _words(ballot: Ballot) -> dict[str, str]:
    """The votes set, in Council order, in the decision's words ('object' on a statement)."""
    word = ballot.decision.vote_word
    return {m.code: word(vote) for m in ballot.members if (vote := ballot.vote_of(m)) is not None}


def _as_saved(votes: Mapping[str, str]) -> dict[str, str]:
    return {code: votes[code] for code in sorted(votes)}


def _prediction(saved: SavedPrediction, scenario: Scenario | None) -> PredictionGiven:
    if scenario is not None:
        votes = _words(fit(scenario, saved.votes))
        available: int | None = len(hints_of(scenario))
    else:
        votes, available = _as_saved(saved.votes), None
    scored = saved.members_right is not None and saved.members is not None
    if saved.members_right is not None and saved.members is not None:
        words = score_words(
            saved.members_right,
            saved.members,
            saved.outcome_right,
            hints_used=saved.hints_used,
            hints_available=available or 0,
        )
    else:
        words = "not scored: the draft was never put to a vote"
    return PredictionGiven(
        locked_at=_stamp_text(saved.locked_at),
        votes=votes,
        outcome=saved.outcome,
        scored=scored,
        members_right=saved.members_right,
        members=saved.members,
        outcome_right=saved.outcome_right,
        hints_used=saved.hints_used,
        hints_available=available,
        score=words,
    )


def scenario_work(
    scenario_id: str,
    scenario: Scenario | None,
    votes: Mapping[str, str] | None,
    predictions: Sequence[SavedPrediction],
) -> ScenarioWork:
    """One scenario's work; `scenario` None when it is no longer in the catalogue."""
    given = tuple(_prediction(p, scenario) for p in predictions)
    if scenario is None:
        return ScenarioWork(
            id=scenario_id,
            in_catalogue=False,
            title=None,
            date=None,
            decision=None,
            votes=None if votes is None else _as_saved(votes),
            verdict=None,
            predictions=given,
            note=GONE,
        )
    note = ""
    ballot = None if votes is None else fit(scenario, votes)
    if ballot is not None and votes is not None and len(ballot.votes) < len(votes):
        dropped = len(votes) - len(ballot.votes)
        what = (
            "1 saved vote no longer fits"
            if dropped == 1
            else f"{dropped} saved votes no longer fit"
        )
        note = f"{what} this scenario (its Council or its rules have changed): left out."
    return ScenarioWork(
        id=scenario.id,
        in_catalogue=True,
        title=scenario.title,
        date=scenario.date.isoformat(),
        decision=scenario.decision.value,
        votes=None if ballot is None else _words(ballot),
        verdict=None if ballot is None else verdict_given(ballot),
        predictions=given,
        note=note,
    )


def student_work(
    name: str,
    ballots: Mapping[str, Mapping[str, str]],
    predictions: Iterable[SavedPrediction],
    catalogue: Catalogue,
) -> StudentWork:
    """A student's work from their saved records: `ballots` maps a scenario id to its saved
    votes. A ballot with no vote set, and no prediction beside it, is no work and is left out."""
    by_scenario: dict[str, list[SavedPrediction]] = {}
    for prediction in predictions:
        by_scenario.setdefault(prediction.scenario_id, []).append(prediction)
    worked = {sid for sid, votes in ballots.items() if votes} | set(by_scenario)
    listed = [s for s in catalogue.sections() if s.id in worked]
    gone = sorted(worked - {s.id for s in listed})
    work = [
        scenario_work(s.id, s, ballots.get(s.id), by_scenario.get(s.id, ())) for s in listed
    ] + [scenario_work(sid, None, ballots.get(sid), by_scenario.get(sid, ())) for sid in gone]
    return StudentWork(name, tuple(work))


def _work_of(store: Store, catalogue: Catalogue) -> StudentWork:
    ballots = {sid: votes for sid in store.scenario_ids() if (votes := store.saved_votes(sid))}
    return student_work(store.student_name(), ballots, store.predictions(), catalogue)


def hand_in_from(store: Store, catalogue: Catalogue, *, now: datetime | None = None) -> HandIn:
    """The store's student and their work; `StoreError` if it cannot be read."""
    return HandIn(now or datetime.now(UTC), (_work_of(store, catalogue),))


def class_hand_in(store: Store, catalogue: Catalogue, *, now: datetime | None = None) -> HandIn:
    """Every student in the store, one after another, by name: a class served from one folder
    is collected in one file. `StoreError` if it cannot be read."""
    works = []
    for student in store.students():
        with store.as_student(student.name) as one:
            works.append(_work_of(one, catalogue))
    return HandIn(now or datetime.now(UTC), tuple(works) or (StudentWork("", ()),))


def hand_in_of(work: Work, catalogue: Catalogue, *, now: datetime | None = None) -> HandIn:
    """The work as the app holds it: from its store, or, when work is not saved, from what this
    session did (with no name, which only the store keeps). `StoreError` if it cannot be read."""
    if work.store is not None:
        work.save_held()  # a vote drawn a moment ago is in the file too
        return hand_in_from(work.store, catalogue, now=now)
    ballots, predictions = work.in_memory()
    return HandIn(now or datetime.now(UTC), (student_work("", ballots, predictions, catalogue),))


def default_file_name(name: str, today: datetime, extension: str = ".md") -> str:
    """'council-sim-amina-diallo-2025-03-14.md': the student and the day, safe in any folder."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    parts = ["council-sim", *([slug] if slug else []), today.strftime("%Y-%m-%d")]
    return "-".join(parts) + extension


# JSON


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _stamp_text(saved: str) -> str:
    """A time as saved, in the export's one form ('2025-03-14T09:30:00Z'), which spreadsheets
    read as a date; as saved if it cannot be read."""
    try:
        when = datetime.fromisoformat(saved)
    except ValueError:
        return saved
    return _stamp(when if when.tzinfo else when.replace(tzinfo=UTC))


def _verdict_json(verdict: VerdictGiven | None) -> dict[str, str] | None:
    if verdict is None:
        return None
    return {
        "outcome": verdict.outcome,
        "reason": verdict.reason,
        "headline": verdict.headline,
        "in_brief": verdict.in_brief,
    }


def _prediction_json(prediction: PredictionGiven) -> dict[str, Any]:
    return {
        "locked_at": prediction.locked_at,
        "votes": dict(prediction.votes),
        "outcome": prediction.outcome,
        "scored": prediction.scored,
        "members_right": prediction.members_right,
        "members": prediction.members,
        "outcome_right": prediction.outcome_right,
        "hints_used": prediction.hints_used,
        "hints_available": prediction.hints_available,
        "score": prediction.score,
    }


def _scenario_json(work: ScenarioWork) -> dict[str, Any]:
    return {
        "id": work.id,
        "in_catalogue": work.in_catalogue,
        "title": work.title,
        "date": work.date,
        "decision": work.decision,
        "votes": None if work.votes is None else dict(work.votes),
        "verdict": _verdict_json(work.verdict),
        "predictions": [_prediction_json(p) for p in work.predictions],
        "note": work.note,
    }


def as_data(hand_in: HandIn) -> dict[str, Any]:
    """The hand-in as JSON data, the keys as docs/export.md lists them."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _stamp(hand_in.exported_at),
        "students": [
            {
                "name": student.name,
                "note": "" if student.scenarios else NO_WORK,
                "scenarios": [_scenario_json(work) for work in student.scenarios],
            }
            for student in hand_in.students
        ],
    }


def to_json(hand_in: HandIn) -> str:
    return json.dumps(as_data(hand_in), indent=2, ensure_ascii=False) + "\n"


# CSV

CSV_COLUMNS = (
    "student",
    "scenario",
    "title",
    "date",
    "decision",
    "votes",
    "result",
    "verdict",
    "why",
    "prediction",
    "locked_at",
    "predicted_votes",
    "predicted_outcome",
    "members_right",
    "members",
    "outcome_right",
    "hints_used",
    "hints_available",
    "score",
    "note",
)
"""One row per student, scenario and prediction (or none): what a spreadsheet sorts and sums."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula, and run (CSV injection)."""


def guard(cell: str) -> str:
    """The cell as text, never a formula: one starting like a formula gets a leading "'"."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return guard(str(value))


def _votes_cell(votes: Mapping[str, str] | None) -> str:
    return "" if votes is None else " ".join(f"{code}={vote}" for code, vote in votes.items())


def csv_rows(hand_in: HandIn) -> list[list[str]]:
    """The rows under `CSV_COLUMNS`, every cell guarded."""
    rows: list[list[object]] = []
    for student in hand_in.students:
        if not student.scenarios:
            rows.append([student.name, *[None] * (len(CSV_COLUMNS) - 2), NO_WORK])
        for work in student.scenarios:
            verdict = work.verdict
            about = [
                student.name,
                work.id,
                work.title,
                work.date,
                work.decision,
                _votes_cell(work.votes),
                verdict.outcome if verdict else None,
                verdict.headline if verdict else None,
                verdict.in_brief if verdict else None,
            ]
            if not work.predictions:
                rows.append([*about, *[None] * 10, work.note])
            for number, p in enumerate(work.predictions, start=1):
                rows.append(
                    [
                        *about,
                        number,
                        p.locked_at,
                        _votes_cell(p.votes),
                        p.outcome,
                        p.members_right,
                        p.members,
                        p.outcome_right,
                        p.hints_used,
                        p.hints_available,
                        p.score,
                        work.note,
                    ]
                )
    return [[_cell(value) for value in row] for row in rows]


def to_csv(hand_in: HandIn) -> str:
    """The CSV text, without the byte-order mark that `encoded` adds for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out)  # the dialect spreadsheets read: commas, quotes, CRLF
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(hand_in))
    return out.getvalue()


# Markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
"""What Markdown would read as markup anywhere in a line; with brackets escaped, no link forms."""


def _md(text: str) -> str:
    """Text from a student or a scenario file, shown as written, never read as Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _votes_line(votes: Mapping[str, str], decision: Decision | None) -> str:
    """'in favour (11): ECU, FRA …; against (3): CHN, DZA, RUS': grouped, as a class counts."""
    groups: dict[str, list[str]] = {}
    if decision is not None:  # the tally's order: in favour, against, abstention, absent
        for vote in decision.choices:
            groups[decision.vote_label(vote, short=True)] = []
    for code, word in votes.items():
        label = word
        if decision is not None:
            known = decision.words.get(word)
            label = decision.vote_label(known, short=True) if known else word
        groups.setdefault(label, []).append(code)
    groups = {label: codes for label, codes in groups.items() if codes}
    return "; ".join(
        f"{label} ({len(codes)}): {', '.join(codes)}" for label, codes in groups.items()
    )


def _outcome_label(word: str | None) -> str:
    if word is None:
        return "none chosen"
    try:
        return OUTCOME_LABELS[Outcome(word)]
    except ValueError:
        return word


def _scenario_markdown(work: ScenarioWork) -> list[str]:
    decision = Decision(work.decision) if work.decision else None
    if work.title is not None:
        lines = [f"### {_md(work.title)} ({work.date})", ""]
        kind = f"a {decision.label}" if decision and decision.is_statement else None
        kind = kind or (f"a {decision.label} decision" if decision else "")
        lines += [f"Scenario `{work.id}`, {kind}.", ""]
    else:
        lines = [f"### `{work.id}`", ""]
    if work.note:
        lines += [f"*{_md(work.note)}*", ""]
    if work.votes is None:
        lines += ["Votes set: none saved.", ""]
    elif not work.votes:
        lines += ["Votes set: none.", ""]
    else:
        lines += [f"Votes set: {_votes_line(work.votes, decision)}.", ""]
    if work.verdict is not None:
        lines += [f"**{_md(work.verdict.headline)}.** {_md(work.verdict.in_brief)}", ""]
    if not work.predictions:
        lines += ["No prediction locked.", ""]
    for number, p in enumerate(work.predictions, start=1):
        head = "Prediction" if len(work.predictions) == 1 else f"Prediction {number}"
        text = (
            f"**{head}** (locked {p.locked_at[:16].replace('T', ' ')} UTC): {_md(p.score)}. "
            f"Outcome predicted: {_outcome_label(p.outcome)}."
        )
        if p.votes:
            text += f" Votes predicted: {_votes_line(p.votes, decision)}."
        lines += [text, ""]
    return lines


def to_markdown(hand_in: HandIn) -> str:
    """A page to read or print: each student, then each scenario's votes, verdict and scores."""
    lines = [
        "# council-sim: work handed in",
        "",
        f"Exported {hand_in.exported_at.astimezone(UTC).strftime('%Y-%m-%d %H:%M')} UTC.",
        "",
    ]
    for student in hand_in.students:
        lines += [f"## {_md(student.name) if student.name else 'No name given'}", ""]
        if not student.scenarios:
            lines += [NO_WORK, ""]
            continue
        predictions = sum(len(w.predictions) for w in student.scenarios)
        count = (
            "1 scenario" if len(student.scenarios) == 1 else f"{len(student.scenarios)} scenarios"
        )
        locked = "1 prediction" if predictions == 1 else f"{predictions} predictions"
        lines += [f"Worked on {count}; {locked} locked.", ""]
        for work in student.scenarios:
            lines += _scenario_markdown(work)
    return "\n".join(lines).rstrip("\n") + "\n"


# The file


def encoded(hand_in: HandIn, kind: ExportFormat) -> bytes:
    """The file's bytes: UTF-8; a CSV with a byte-order mark, so that spreadsheets read it so."""
    if kind is ExportFormat.CSV:
        return to_csv(hand_in).encode("utf-8-sig")
    if kind is ExportFormat.JSON:
        return to_json(hand_in).encode("utf-8")
    return to_markdown(hand_in).encode("utf-8")


def write_export(path: Path, hand_in: HandIn, *, overwrite: bool = False) -> ExportFormat:
    """Write the hand-in in the format the name asks for, whole or not at all.

    `UnknownFormat` for a name without .md, .markdown, .json or .csv; `FileExistsError` if the file
    is there and `overwrite` is not given; any other `OSError` as the system raised it.
    """
    kind = format_for(path)
    write_whole(path, encoded(hand_in, kind), overwrite=overwrite)
    return kind


def summary(hand_in: HandIn) -> str:
    """'2 scenarios, 1 prediction': what a file holds, for the line that says it was written."""
    scenarios = sum(len(s.scenarios) for s in hand_in.students)
    predictions = sum(len(w.predictions) for s in hand_in.students for w in s.scenarios)
    if not scenarios:
        return "no saved work yet"
    students = len(hand_in.students)
    return (
        (f"{students} students, " if students > 1 else "")
        + ("1 scenario" if scenarios == 1 else f"{scenarios} scenarios")
        + ", "
        + ("1 prediction" if predictions == 1 else f"{predictions} predictions")
    )


# A class session: who voted what on each scenario, the verdicts, and the record beside them

CLASS_FORMAT = "council-sim-class"
"""The JSON's `format` key for a class session's results."""

CLASS_VERSION = 1
"""Raised whenever a key of the class session's JSON changes meaning or goes."""

CLASS_HIDDEN = (
    "The vote is still open, and its votes are hidden until the chair closes it: give the "
    "chair's token to export them."
)

CLASS_GONE = (
    "This scenario is not among those loaded: its votes are given as they were cast, without "
    "a verdict."
)


@dataclass(frozen=True)
class MemberResult:
    """One member in one scenario of a class session."""

    code: str
    member: str
    """The member's name ('United States')."""
    student: str
    """Who cast its vote, or holds it and has not voted; '' for nobody."""
    vote: str | None
    """In the decision's words; None when not voted, or hidden."""
    counted_absent: bool
    """Had not voted when the vote closed: counted as absent (on a statement, silent)."""
    recorded: str | None
    """The vote on record, once the chair revealed it."""


@dataclass(frozen=True)
class RoundResult:
    """One scenario the class voted on."""

    id: str
    title: str | None
    date: str | None
    decision: str | None
    phase: str
    """`Phase`'s word: waiting, open, closed or revealed."""
    hidden: bool
    members: tuple[MemberResult, ...]
    verdict: VerdictGiven | None
    """The class's verdict: `rules.count` of its votes; None while hidden."""
    recorded: VerdictGiven | None
    """The Council's, once revealed (None where it never voted)."""
    as_recorded: int | None
    """Members whose class vote was the Council's, once revealed."""
    same_outcome: bool | None
    note: str = ""


@dataclass(frozen=True)
class ClassResults:
    """What a class session's export file holds."""

    exported_at: datetime
    code: str
    mode: str
    rounds: tuple[RoundResult, ...]


def class_results(
    session: ClassSession,
    catalogue: Catalogue,
    seen_by: Viewer,
    *,
    now: datetime | None = None,
) -> ClassResults:
    """Each scenario of the session, as `seen_by` may see it (see `session.may_see`)."""
    rounds = tuple(
        _round_result(session, number, catalogue.get(current.scenario_id), seen_by)
        for number, current in enumerate(session.rounds)
    )
    return ClassResults(now or datetime.now(UTC), session.code, session.mode.value, rounds)


def _round_result(
    session: ClassSession, number: int, scenario: Scenario | None, seen_by: Viewer
) -> RoundResult:
    current = session.rounds[number]
    is_current = number == len(session.rounds) - 1

    def student(code: str) -> str:
        seat = session.seats.get(code) if is_current else None
        return current.voters.get(code) or (seat.name if seat else "")

    if scenario is None:
        return RoundResult(
            id=current.scenario_id,
            title=None,
            date=None,
            decision=None,
            phase=current.phase.value,
            hidden=False,
            members=tuple(
                MemberResult(code, code, student(code), vote.value, False, None)
                for code, vote in sorted(current.votes.items())
            ),
            verdict=None,
            recorded=None,
            as_recorded=None,
            same_outcome=None,
            note=CLASS_GONE,
        )
    shown = may_see(session, number, seen_by)
    ballot = ballot_of(current, scenario)
    absent = set(counted_absent(current, scenario))
    recorded = None
    if current.phase is Phase.REVEALED and scenario.has_recorded_votes:
        recorded = scenario.recorded_ballot()
    word = scenario.decision.vote_word
    members = []
    for member in scenario.members:
        vote = ballot.vote_of(member) if shown else None
        on_record = recorded.vote_of(member) if recorded else None
        members.append(
            MemberResult(
                code=member.code,
                member=member.name,
                student=student(member.code),
                vote=word(vote) if vote is not None and member not in absent else None,
                counted_absent=member in absent,
                recorded=word(on_record) if on_record is not None else None,
            )
        )
    verdict = ballot.verdict if shown else None
    return RoundResult(
        id=scenario.id,
        title=scenario.title,
        date=scenario.date.isoformat(),
        decision=scenario.decision.value,
        phase=current.phase.value,
        hidden=not shown,
        members=tuple(members),
        verdict=verdict_given(ballot) if shown else None,
        recorded=verdict_given(recorded) if recorded else None,
        as_recorded=(
            sum(ballot.vote_of(m) is recorded.vote_of(m) for m in scenario.members)
            if recorded
            else None
        ),
        same_outcome=(verdict.reason is recorded.verdict.reason if recorded and verdict else None),
        note="" if shown else CLASS_HIDDEN,
    )


def class_as_data(results: ClassResults) -> dict[str, Any]:
    """The class session's results as JSON data, the keys as docs/export.md lists them."""
    return {
        "format": CLASS_FORMAT,
        "version": CLASS_VERSION,
        "exported_at": _stamp(results.exported_at),
        "code": results.code,
        "mode": results.mode,
        "scenarios": [
            {
                "id": r.id,
                "title": r.title,
                "date": r.date,
                "decision": r.decision,
                "phase": r.phase,
                "hidden": r.hidden,
                "members": [
                    {
                        "code": m.code,
                        "member": m.member,
                        "student": m.student,
                        "vote": m.vote,
                        "counted_absent": m.counted_absent,
                        "recorded": m.recorded,
                    }
                    for m in r.members
                ],
                "verdict": _verdict_json(r.verdict),
                "recorded": _verdict_json(r.recorded),
                "as_recorded": r.as_recorded,
                "same_outcome": r.same_outcome,
                "note": r.note,
            }
            for r in results.rounds
        ],
    }


CLASS_CSV_COLUMNS = (
    "scenario",
    "title",
    "date",
    "decision",
    "phase",
    "member",
    "student",
    "vote",
    "counted_absent",
    "recorded",
    "result",
    "verdict",
    "recorded_result",
    "recorded_verdict",
    "note",
)
"""One row per scenario and member: who voted what, beside the verdicts."""


def class_csv_rows(results: ClassResults) -> list[list[str]]:
    """The rows under `CLASS_CSV_COLUMNS`, every cell guarded."""
    rows: list[list[object]] = []
    for r in results.rounds:
        for m in r.members:
            rows.append(
                [
                    r.id,
                    r.title,
                    r.date,
                    r.decision,
                    r.phase,
                    m.code,
                    m.student,
                    m.vote,
                    m.counted_absent,
                    m.recorded,
                    r.verdict.outcome if r.verdict else None,
                    r.verdict.headline if r.verdict else None,
                    r.recorded.outcome if r.recorded else None,
                    r.recorded.headline if r.recorded else None,
                    r.note,
                ]
            )
    return [[_cell(value) for value in row] for row in rows]


def class_to_csv(results: ClassResults) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CLASS_CSV_COLUMNS)
    writer.writerows(class_csv_rows(results))
    return out.getvalue()


_PHASE_WORDS = {
    "waiting": "The vote was not opened.",
    "open": "The vote is still open.",
    "closed": "The vote is closed.",
    "revealed": "The vote is closed, and the record was shown beside it.",
}


def _class_round_markdown(r: RoundResult) -> list[str]:
    decision = Decision(r.decision) if r.decision else None
    if r.title is not None:
        lines = [f"## {_md(r.title)} ({r.date})", ""]
        kind = f"a {decision.label}" if decision and decision.is_statement else None
        kind = kind or (f"a {decision.label} decision" if decision else "")
        lines += [f"Scenario `{r.id}`, {kind}. {_PHASE_WORDS.get(r.phase, '')}", ""]
    else:
        lines = [f"## `{r.id}`", ""]
    if r.note:
        lines += [f"*{_md(r.note)}*", ""]

    def label(word: str) -> str:
        known = decision.words.get(word) if decision else None
        return decision.vote_label(known) if decision and known else word

    revealed = any(m.recorded is not None for m in r.members)
    head = "| member | student | vote |" + (" recorded |" if revealed else "")
    lines += [head, "| --- | --- | --- |" + (" --- |" if revealed else "")]
    for m in r.members:
        if m.vote is not None:
            vote = label(m.vote)
        elif m.counted_absent:
            vote = "did not vote: counted absent"
        else:
            vote = "hidden" if r.hidden else "not voted"
        row = f"| {_md(m.member)} | {_md(m.student) or 'free'} | {vote} |"
        lines.append(row + (f" {label(m.recorded) if m.recorded else ''} |" if revealed else ""))
    lines.append("")
    if r.verdict is not None:
        lines += [f"**{_md(r.verdict.headline)}.** {_md(r.verdict.in_brief)}", ""]
    if r.recorded is not None:
        same = "the same as" if r.same_outcome else "not the same as"
        lines += [
            f"Recorded: **{_md(r.recorded.headline)}.** The class's outcome is {same} the "
            f"Council's; {r.as_recorded} of {len(r.members)} members voted as the Council did.",
            "",
        ]
    return lines


def class_to_markdown(results: ClassResults) -> str:
    """A page to read or print: each scenario's roll, its verdict, and the record beside it."""
    mode = (
        "votes shown as they were cast"
        if results.mode == "visible"
        else "votes hidden until the vote closed"
    )
    lines = [
        f"# council-sim: class session {results.code}",
        "",
        f"Exported {results.exported_at.astimezone(UTC).strftime('%Y-%m-%d %H:%M')} UTC; {mode}.",
        "",
    ]
    for r in results.rounds:
        lines += _class_round_markdown(r)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_class_export(
    path: Path, results: ClassResults, *, overwrite: bool = False
) -> ExportFormat:
    """Write a class session's results in the format the name asks for, whole or not at all
    (the errors of `write_export`)."""
    kind = format_for(path)
    if kind is ExportFormat.CSV:
        data = class_to_csv(results).encode("utf-8-sig")
    elif kind is ExportFormat.JSON:
        data = (json.dumps(class_as_data(results), indent=2, ensure_ascii=False) + "\n").encode()
    else:
        data = class_to_markdown(results).encode("utf-8")
    write_whole(path, data, overwrite=overwrite)
    return kind
