"""Scenarios: TOML files describing a draft, the Council of its date and, optionally, the real vote.

Files are data, read with `tomllib` and never executed. Every problem in a file becomes one
`Problem` naming the file, the key and what is wrong, so that a teacher can fix it; one bad file
never stops the others from loading.
"""

from __future__ import annotations

import codecs
import datetime
import errno
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from simulator.rules import (
    Ballot,
    BallotError,
    Decision,
    Member,
    Reason,
    RuleSet,
    Vote,
    closed_outcome,
    count,
    no_abstention,
    tally,
)

if TYPE_CHECKING:
    from simulator.assembly import AssemblyBallot
    from simulator.packs import Pack

E = TypeVar("E", bound=StrEnum)


class Outcome(StrEnum):
    """What really happened to the draft, as a scenario's record says."""

    ADOPTED = "adopted"
    AGREED = "agreed"
    """A statement issued because no member objected ('adopted' is read as this, too)."""
    VETOED = "vetoed"
    INSUFFICIENT_VOTES = "insufficient_votes"
    NOT_VOTED = "not_voted"
    BLOCKED = "blocked"
    """A statement that a member's objection kept from being issued."""

    @property
    def reason(self) -> Reason | None:
        """The verdict reason the recorded votes must count to; None when no vote took place."""
        return _OUTCOME_REASONS.get(self)

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


_STATEMENT_OUTCOMES = (Outcome.AGREED, Outcome.BLOCKED)
"""A statement is issued or blocked: it is never put to a vote."""

_OUTCOME_REASONS = {
    Outcome.ADOPTED: Reason.ADOPTED,
    Outcome.AGREED: Reason.ADOPTED,
    Outcome.VETOED: Reason.VETOED,
    Outcome.INSUFFICIENT_VOTES: Reason.INSUFFICIENT_VOTES,
    Outcome.BLOCKED: Reason.OBJECTION,
}


@dataclass(frozen=True)
class Record:
    """The vote as it really happened."""

    outcome: Outcome
    votes: Mapping[str, Vote] = field(default_factory=dict)
    symbol: str = ""
    note: str = ""


@dataclass(frozen=True)
class PredictionBrief:
    """What a student may know before the vote, for predicting it: nothing that tells the result.

    A scenario's own title, summary and record often say what happened ("Resolution 2712 …"),
    so a prediction shows this instead.
    """

    briefing: str
    """What was at stake before the vote, as a student could know it then."""
    title: str = ""
    """A title that does not give the result away; empty where the scenario's own does not."""
    hints: tuple[str, ...] = ()
    """What the sources say of members' positions, shown one at a time, in this order."""


@dataclass(frozen=True)
class Scenario:
    """One draft before the Council, with the Council of that date."""

    id: str
    title: str
    date: datetime.date
    decision: Decision
    summary: str
    source: str
    members: tuple[Member, ...]
    rules: RuleSet = RuleSet.CHARTER_1965
    record: Record | None = None
    notes: str = ""
    questions: tuple[str, ...] = ()
    path: Path | None = None
    amends: str | None = None
    """The id of the draft this amendment amends: voted on separately, and before the draft."""
    teaches: str = ""
    """The rule a vote chosen for contrast teaches, in a sentence; such votes are listed apart."""
    prediction: PredictionBrief | None = None
    """The briefing for predicting the vote, if the file has a [prediction] table."""

    @property
    def is_amendment(self) -> bool:
        return self.amends is not None

    def ballot(self) -> Ballot:
        """A fresh ballot: nobody has voted yet (but parties to the dispute abstain)."""
        return Ballot.open(self.members, decision=self.decision, rules=self.rules)

    @property
    def has_recorded_votes(self) -> bool:
        return self.record is not None and bool(self.record.votes)

    def recorded_ballot(self) -> Ballot:
        """The ballot as the Council really voted; `BallotError` if no vote was recorded."""
        if self.record is None or not self.record.votes:
            if self.decision.is_statement:
                raise BallotError(f"{self.title}: no positions are on record for this statement")
            raise BallotError(f"{self.title}: no recorded vote (the draft was never voted on)")
        return self.ballot().cast_all(self.record.votes)


class Body(StrEnum):
    """Which organ votes: a scenario file's `body`, the Security Council unless it says so."""

    COUNCIL = "council"
    ASSEMBLY = "assembly"


class AssemblyOutcome(StrEnum):
    """What really happened to an Assembly draft, as its record says."""

    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"
    NOT_VOTED = "not_voted"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class AssemblyRecord:
    """An Assembly vote as it really happened: every member's vote, or none if not voted."""

    outcome: AssemblyOutcome
    votes: Mapping[str, Vote] = field(default_factory=dict)
    symbol: str = ""
    note: str = ""


@dataclass(frozen=True)
class AssemblyScenario:
    """One draft before the General Assembly, counted under Article 18.

    The members are not in the file: the Assembly's 193 come with the simulator
    (`simulator.assembly`), so a file says only what is particular to the vote.
    """

    id: str
    title: str
    date: datetime.date
    important: bool
    """An important question, decided by two-thirds (Art. 18(2)); otherwise a majority (18(3))."""
    summary: str
    source: str
    record: AssemblyRecord | None = None
    notes: str = ""
    questions: tuple[str, ...] = ()
    path: Path | None = None

    def ballot(self) -> AssemblyBallot:
        """A fresh ballot: nobody has voted yet."""
        # The Assembly's 193 members are loaded when one of its votes is first counted, not to
        # list the scenarios: a quicker start (tests/test_startup.py).
        from simulator.assembly import AssemblyBallot

        return AssemblyBallot.open(important=self.important)

    @property
    def has_recorded_votes(self) -> bool:
        return self.record is not None and bool(self.record.votes)

    def recorded_ballot(self) -> AssemblyBallot:
        """The ballot as the Assembly really voted; `BallotError` if no vote was recorded."""
        if self.record is None or not self.record.votes:
            raise BallotError(f"{self.title}: no recorded vote of the General Assembly")
        return self.ballot().cast_all(self.record.votes)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one scenario file, or with a folder or file given to load."""

    path: Path
    message: str
    key: str = ""
    in_file: bool = True
    """False when a folder or file given could not be used at all: missing, unreadable, empty."""

    def __str__(self) -> str:
        return self.line()

    def line(self, *, file_name_only: bool = False) -> str:
        """'file: key: message', the file as given or (where space is short) by name alone.

        Always one line that a terminal shows as it is: what the message quotes from the file is
        escaped and cut already (`quote`); this escapes the rest, such as the file's own name.
        """
        where = self.path.name if file_name_only else str(self.path)
        message = _cut(self.message, MAX_MESSAGE)
        return ": ".join(printable(part) for part in (where, self.key, message) if part)


MAX_QUOTED = 40
"""How much of a value from a file a problem line quotes."""

MAX_MESSAGE = 300
"""A message quoting long text it did not cut itself (a member's name in a headline) stops here."""


def printable(text: str) -> str:
    """The text with every character a terminal would act on, or not show, escaped as Python does.

    A file is anyone's data: a newline or U+2028 would split a problem's line, an escape sequence
    would colour the terminal or move its cursor.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def quote(value: object) -> str:
    """A value from a file as a problem quotes it: escaped, and cut to `MAX_QUOTED` characters."""
    if isinstance(value, str):
        quoted = repr(value[:MAX_QUOTED])  # repr escapes whatever is not printable
        return quoted[:-1] + "…" + quoted[-1] if len(value) > MAX_QUOTED else quoted
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | datetime.date | datetime.time):
        return _cut(str(value), MAX_QUOTED)
    return _type(value)  # a list or a table: what it is says enough


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def _key(prefix: str, key: str) -> str:
    """A key from the file within a dotted path, quoted as TOML would need it if it is not bare."""
    return prefix + (key if _BARE_KEY.match(key) else quote(key))


def _listing(words: Sequence[str], limit: int = 8) -> str:
    """'A, B and 3 more': a list from a file is named, not printed whole."""
    shown = ", ".join(words[:limit])
    return f"{shown} and {len(words) - limit} more" if len(words) > limit else shown


def problems_summary(problems: Iterable[Problem]) -> str:
    """'2 scenario files had problems and were left out (3 problems)', and the folders given that
    could not be used; the problems are counted only where they outnumber the files."""
    problems = tuple(problems)
    in_files = [p for p in problems if p.in_file and p.path.name != PACK_FILE]
    files = len({p.path for p in in_files})
    parts = []
    if any(p.path.name == PACK_FILE for p in problems):
        parts.append(f"{PACK_FILE} had problems and was not used")
    if files:
        were = "was" if files == 1 else "were"
        part = f"{_count(files, 'scenario file')} had problems and {were} left out"
        if len(in_files) > files:
            part += f" ({len(in_files)} problems)"
        parts.append(part)
    places = sum(not p.in_file for p in problems)
    if places:
        given = "1 folder or file" if places == 1 else f"{places} folders or files"
        parts.append(f"{given} given could not be used")
    return "; ".join(parts)


def _count(n: int, thing: str) -> str:
    return f"1 {thing}" if n == 1 else f"{n} {thing}s"


class ScenarioError(Exception):
    """A scenario file that cannot be used; `problems` says every reason why."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


@dataclass(frozen=True)
class Catalogue:
    """The scenarios that loaded, in date order, and the problems of those that did not."""

    scenarios: tuple[Scenario, ...] = ()
    problems: tuple[Problem, ...] = ()
    ignored: tuple[Problem, ...] = ()
    """Files in the folders that were not read, each with the reason (`validate` lists them)."""
    pack: Pack | None = None
    """The teacher's pack these scenarios were opened from, if any: its order comes first."""
    assemblies: tuple[AssemblyScenario, ...] = ()
    """The General Assembly's votes, in date order, kept apart from the Council's (which are
    what iterating, `len` and `get` give): only the list of scenarios shows both."""

    def __iter__(self) -> Iterator[Scenario]:
        return iter(self.scenarios)

    def __len__(self) -> int:
        return len(self.scenarios)

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def assembly(self, scenario_id: str) -> AssemblyScenario | None:
        """The General Assembly scenario with this id, if any."""
        return next((s for s in self.assemblies if s.id == scenario_id), None)

    def with_assembly(self, scenario: AssemblyScenario) -> Catalogue:
        """This catalogue with one more Assembly scenario; itself if the id is taken."""
        if self.get(scenario.id) is not None or self.assembly(scenario.id) is not None:
            return self
        ordered = sorted([*self.assemblies, scenario], key=lambda s: (s.date, s.id))
        return replace(self, assemblies=tuple(ordered))

    def with_scenario(self, scenario: Scenario) -> Catalogue:
        """This catalogue with one more scenario in date order; itself if the id is there."""
        if self.get(scenario.id) is not None:
            return self
        ordered = sorted([*self.scenarios, scenario], key=_in_date_order)
        return replace(self, scenarios=tuple(ordered))

    def draft_of(self, amendment: Scenario) -> Scenario | None:
        """The draft an amendment amends; None for a scenario that is not an amendment."""
        return None if amendment.amends is None else self.get(amendment.amends)

    def amendments_to(self, draft: Scenario) -> tuple[Scenario, ...]:
        """The amendments to this draft, in date order: each was voted on before it."""
        return tuple(s for s in self.scenarios if s.amends == draft.id)

    def sections(self) -> Sections:
        """The scenarios as a list shows them: each amendment just before the draft it amends
        (it is voted first), and the votes chosen to teach a rule after all the others.

        A pack's order comes first and wins for the scenarios it names, wherever they would
        otherwise go; an amendment it does not name still comes just before its draft.
        """
        named = set(self.pack.order) if self.pack is not None else set()
        first: list[Scenario] = []
        for scenario_id in self.pack.order if self.pack is not None else ():
            scenario = self.get(scenario_id)
            if scenario is not None:
                first.extend(a for a in self.amendments_to(scenario) if a.id not in named)
                first.append(scenario)
        placed = {s.id for s in first}
        main: list[Scenario] = []
        teaching: list[Scenario] = []
        for scenario in self.scenarios:
            if scenario.id in placed:
                continue
            if scenario.is_amendment and self.draft_of(scenario) is not None:
                continue  # listed with its draft
            section = teaching if scenario.teaches else main
            amendments = (a for a in self.amendments_to(scenario) if a.id not in placed)
            section.extend((*amendments, scenario))
        return Sections(tuple(first), tuple(main), tuple(teaching))


@dataclass(frozen=True)
class Sections:
    """A catalogue in the order of its list, in three parts (the first only in a pack)."""

    pack: tuple[Scenario, ...]
    """The scenarios a pack's order names, in that order, each amendment not named just before
    its draft; empty without a pack."""
    main: tuple[Scenario, ...]
    """The drafts and statements of the news the scenarios follow, with their amendments."""
    teaching: tuple[Scenario, ...]
    """Votes chosen to teach one rule by contrast (`Scenario.teaches`), with their amendments."""

    def __iter__(self) -> Iterator[Scenario]:
        return iter((*self.pack, *self.main, *self.teaching))


def _in_date_order(scenario: Scenario) -> tuple[datetime.date, str, bool, str]:
    # On the same day an amendment comes just before its draft: it is voted on first.
    return scenario.date, scenario.amends or scenario.id, not scenario.is_amendment, scenario.id


_TOP_KEYS = {
    "id",
    "title",
    "date",
    "decision",
    "rules",
    "summary",
    "source",
    "notes",
    "questions",
    "members",
    "record",
    "amends",
    "teaches",
    "prediction",
}
_MEMBER_KEYS = {"code", "name", "short_name", "permanent", "party_to_dispute"}
_RECORD_KEYS = {"symbol", "outcome", "votes", "note"}
_PREDICTION_KEYS = {"title", "briefing", "hints"}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def is_scenario_id(text: str) -> bool:
    """Whether this can be a scenario's id: lower-case letters, digits, '-', '_', '.'."""
    return bool(_ID.match(text))


_CODE = re.compile(r"^[A-Z]{3}$")


def _words(choices: Iterable[str]) -> str:
    return ", ".join(choices)


class _Reader:
    """Reads one parsed TOML table, collecting a problem for each bad key instead of stopping."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, message, key))

    def unknown(self, table: Mapping[str, Any], known: set[str], prefix: str = "") -> None:
        for key in table:
            if key not in known:
                self.problem(
                    _key(prefix, key), f"unknown key (expected one of: {_words(sorted(known))})"
                )

    def text(
        self,
        table: Mapping[str, Any],
        key: str,
        *,
        at: str = "",
        required: bool = True,
        lines: bool = False,
    ) -> str:
        """A string; with `lines`, one that may hold line breaks and tabs (a summary)."""
        value = table.get(key)
        if value is None:
            if required:
                self.problem(at + key, "missing (a string is required)")
            return ""
        if not isinstance(value, str):
            self.problem(at + key, f"must be a string, not {_type(value)}")
            return ""
        if required and not value.strip():
            self.problem(at + key, "must not be empty")
        bad = _control(value, lines=lines)
        if bad is not None:
            kind = "without control characters" + ("" if lines else " or line breaks")
            self.problem(at + key, f"must be text {kind} (it holds {quote(bad)})")
        return value.strip()

    def flag(self, table: Mapping[str, Any], key: str, *, at: str = "") -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.problem(at + key, f"must be true or false, not {_type(value)}")
            return False
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        key: str,
        enum: type[E],
        default: E | None = None,
        *,
        at: str = "",
    ) -> E | None:
        value = table.get(key)
        allowed = _words(e.value for e in enum)
        if value is None:
            if default is None:
                self.problem(at + key, f"missing (one of: {allowed})")
            return default
        try:
            return enum(value)
        except ValueError:
            self.problem(at + key, f"{quote(value)} is not one of: {allowed}")
            return None


def _type(value: object) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
        datetime.date: "a date",
        datetime.datetime: "a date and time",
    }
    return names.get(type(value), type(value).__name__)


def parse_scenario(data: Mapping[str, Any], path: Path) -> Scenario:
    """Build a Scenario from parsed TOML; `ScenarioError` lists every problem found."""
    read = _Reader(path)
    if read.choice(data, "body", Body, Body.COUNCIL) is Body.ASSEMBLY:
        read.problem(
            "body", "a General Assembly scenario, where one of the Security Council is needed"
        )
        raise ScenarioError(read.problems)
    # `body` is read on its own: a Council file never needs it, so the keys listed to a teacher
    # who mistyped one are the Council's own.
    read.unknown({k: v for k, v in data.items() if k != "body"}, _TOP_KEYS)
    scenario_id = read.text(data, "id")
    if scenario_id and not _ID.match(scenario_id):
        read.problem(
            "id", f"{quote(scenario_id)} must be lower-case letters, digits, '-', '_' or '.'"
        )
    title = read.text(data, "title")
    date = _date(read, data.get("date"))
    decision = read.choice(data, "decision", Decision)
    rules = read.choice(data, "rules", RuleSet, RuleSet.CHARTER_1965)
    summary = read.text(data, "summary", lines=True)
    source = read.text(data, "source", lines=True)
    notes = read.text(data, "notes", required=False, lines=True)
    questions = _questions(read, data.get("questions", []))
    amends = _amends(read, data, scenario_id, decision)
    teaches = read.text(data, "teaches", required=False)
    members = _members(read, data.get("members"), rules, decision)
    record = _record(read, data.get("record"), members, decision)
    prediction = _prediction(read, data.get("prediction"))
    if prediction is not None and record is None and "record" not in data:
        read.problem(
            "prediction",
            "a prediction is checked against the record: add a [record], or leave this table out",
        )
    if read.problems or decision is None or rules is None or date is None:
        raise ScenarioError(read.problems)
    scenario = Scenario(
        id=scenario_id,
        title=title,
        date=date,
        decision=decision,
        rules=rules,
        summary=summary,
        source=source,
        members=members,
        record=record,
        notes=notes,
        questions=questions,
        path=path,
        amends=amends,
        teaches=teaches,
        prediction=prediction,
    )
    _check_record(read, scenario)
    if read.problems:
        raise ScenarioError(read.problems)
    return scenario


def _amends(
    read: _Reader, data: Mapping[str, Any], scenario_id: str, decision: Decision | None
) -> str | None:
    """The id of the draft amended, checked as far as one file can be: that it names another
    scenario is checked when the scenarios are loaded together (`load_paths`)."""
    if "amends" not in data:
        return None
    amends = read.text(data, "amends")
    if not amends:
        return None
    if not _ID.match(amends):
        read.problem("amends", f"{quote(amends)} is not a scenario id (the id of the draft)")
    elif amends == scenario_id:
        read.problem("amends", "names this scenario's own id: an amendment amends another draft")
    if decision is not None and decision.is_statement:
        read.problem(
            "amends",
            f"a {decision.label} is agreed, not voted, so it cannot be an amendment put to a vote",
        )
    return amends


def _link_problem(amendment: Scenario, draft: Scenario | None) -> str | None:
    """What is wrong with an amendment's link to its draft, if anything.

    Amendments are voted on separately, and before the draft (Council practice): so the draft
    is one that is voted on, and not dated before its amendment.
    """
    if draft is None:
        return f"{quote(amendment.amends)} is not the id of any scenario loaded"
    if draft.decision.is_statement:
        return (
            f"{quote(draft.id)} is a {draft.decision.label}, which is agreed, not voted: "
            "it has no amendments to vote on"
        )
    if draft.is_amendment:
        return f"{quote(draft.id)} is itself an amendment: name the draft it amends instead"
    if draft.date < amendment.date:
        return (
            f"an amendment is voted on before its draft, but {quote(draft.id)} is dated "
            f"{draft.date.isoformat()}, before this amendment ({amendment.date.isoformat()})"
        )
    return None


def _date(read: _Reader, value: object) -> datetime.date | None:
    if value is None:
        read.problem("date", "missing (a date such as 2024-03-22)")
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    read.problem("date", f"{quote(value)} is not a date such as 2024-03-22")
    return None


def _questions(read: _Reader, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(q, str) for q in value):
        read.problem("questions", "must be a list of strings")
        return ()
    for i, question in enumerate(value):
        bad = _control(question, lines=True)
        if bad is not None:
            message = f"must be text without control characters (it holds {quote(bad)})"
            read.problem(f"questions[{i + 1}]", message)
    return tuple(q.strip() for q in value)


def _prediction(read: _Reader, value: object) -> PredictionBrief | None:
    """The optional [prediction] table: a briefing, and perhaps a title and hints."""
    if value is None:
        return None
    if not isinstance(value, dict):
        read.problem("prediction", "must be a table: [prediction]")
        return None
    read.unknown(value, _PREDICTION_KEYS, "prediction.")
    title = read.text(value, "title", at="prediction.", required=False)
    briefing = read.text(value, "briefing", at="prediction.", lines=True)
    hints = value.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
        read.problem("prediction.hints", "must be a list of strings")
        return None
    for i, hint in enumerate(hints):
        if not hint.strip():
            read.problem(f"prediction.hints[{i + 1}]", "must not be empty")
        bad = _control(hint, lines=True)
        if bad is not None:
            message = f"must be text without control characters (it holds {quote(bad)})"
            read.problem(f"prediction.hints[{i + 1}]", message)
    return PredictionBrief(briefing=briefing, title=title, hints=tuple(h.strip() for h in hints))


def _control(text: str, *, lines: bool) -> str | None:
    """The first character that a terminal would act on rather than show, if any.

    Text with `lines` (a summary) may hold line breaks and tabs; a title or a name is one line.
    """
    found = (_CONTROL_IN_LINES if lines else _CONTROL).search(text)
    return found.group() if found else None


# Unicode's categories Cc (the C0 and C1 controls), Zl (U+2028) and Zp (U+2029) as character sets:
# one search is faster than asking each letter's category (a test checks them against Unicode).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_IN_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _members(
    read: _Reader, value: object, rules: RuleSet | None, decision: Decision | None
) -> tuple[Member, ...]:
    if value is None:
        read.problem("members", "missing: list the Council as [[members]] tables")
        return ()
    if not isinstance(value, list) or not all(isinstance(m, dict) for m in value):
        read.problem("members", "must be a list of [[members]] tables")
        return ()
    members: list[Member] = []
    seen: set[str] = set()
    for i, table in enumerate(value):
        at = f"members[{i + 1}]."
        read.unknown(table, _MEMBER_KEYS, at)
        code = read.text(table, "code", at=at)
        if code and not _CODE.match(code):
            read.problem(at + "code", f"{quote(code)} is not a three-letter ISO code such as USA")
        elif code in seen:
            read.problem(at + "code", f"{code} is listed twice")
        seen.add(code)
        member = Member(
            code=code,
            name=read.text(table, "name", at=at),
            short_name=read.text(table, "short_name", at=at, required=False),
            permanent=read.flag(table, "permanent", at=at),
            party_to_dispute=read.flag(table, "party_to_dispute", at=at),
        )
        if member.party_to_dispute and decision not in (Decision.SUBSTANTIVE, None):
            read.problem(
                at + "party_to_dispute",
                "applies only to substantive decisions (Article 27(3)); this is a "
                + (decision.label if decision.is_statement else f"{decision.label} decision"),
            )
        members.append(member)
    if rules is not None and len(members) != rules.council_size:
        read.problem(
            "members",
            f"the Council has {rules.council_size} members under {rules.value}, "
            f"but {len(members)} are listed",
        )
    permanent = sum(m.permanent for m in members)
    if members and permanent != 5:
        read.problem("members", f"the Council has 5 permanent members, but {permanent} are marked")
    return tuple(members)


def _record(
    read: _Reader, value: object, members: tuple[Member, ...], decision: Decision | None
) -> Record | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        read.problem("record", "must be a table: [record]")
        return None
    read.unknown(value, _RECORD_KEYS, "record.")
    outcome = read.choice(value, "outcome", Outcome, at="record.")
    if decision is not None and decision.is_statement:
        if outcome is Outcome.ADOPTED:
            outcome = Outcome.AGREED  # a statement is agreed, not adopted: one word everywhere
        elif outcome is not None and outcome not in _STATEMENT_OUTCOMES:
            read.problem(
                "record.outcome",
                f"{outcome.value!r} is not what happens to a {decision.label}: it is 'agreed' "
                "(no member objected) or 'blocked'",
            )
    elif decision is not None and outcome in _STATEMENT_OUTCOMES:
        read.problem(
            "record.outcome",
            f"'{outcome.value}' is for statements: a draft resolution is 'adopted', 'vetoed', "
            "'insufficient_votes' or 'not_voted'",
        )
    symbol = read.text(value, "symbol", at="record.", required=False)
    note = read.text(value, "note", at="record.", required=False, lines=True)
    raw = value.get("votes", {})
    if not isinstance(raw, dict):
        read.problem("record.votes", 'must be a table such as { USA = "yes", RUS = "no" }')
        raw = {}
    codes = {m.code for m in members}
    votes: dict[str, Vote] = {}
    for code, word in raw.items():
        at = _key("record.votes.", code)
        if code not in codes:
            read.problem(at, f"{_code(code)} is not a member of the Council in this scenario")
        elif (vote := _vote(read, at, word, decision)) is not None:
            votes[code] = vote
    if outcome is Outcome.NOT_VOTED and raw:
        read.problem("record.votes", "a draft that was not voted on has no votes")
    elif outcome not in (Outcome.NOT_VOTED, None) and members and codes - raw.keys():
        missing = _listing([_code(m.code) for m in members if m.code not in raw])
        each = "position" if decision is not None and decision.is_statement else "vote"
        read.problem("record.votes", f"every member's {each} is needed; missing: {missing}")
    if outcome is None:
        return None
    return Record(outcome=outcome, votes=votes, symbol=symbol, note=note)


def _vote(read: _Reader, at: str, word: object, decision: Decision | None) -> Vote | None:
    """A recorded vote in its decision's words: a statement's agree, object, silent (or yes, no,
    absent), a draft's yes, no, abstain, absent. None, with a problem, for any other word."""
    if decision is None:  # already a problem of its own: accept any word a decision takes
        words = Decision.SUBSTANTIVE.words | Decision.PRESS_STATEMENT.words
    else:
        words = decision.words
    if isinstance(word, str) and word in words:
        return words[word]
    if decision is None or not decision.is_statement:
        read.problem(at, f"{quote(word)} is not a vote (one of: {_words(v.value for v in Vote)})")
    elif word == Vote.ABSTENTION.value:
        read.problem(at, f"{quote(word)}: {no_abstention(decision)} (use agree, object or silent)")
    else:
        own = _words(decision.vote_word(v) for v in decision.choices)
        read.problem(
            at,
            f"{quote(word)} is not a position on a {decision.label} "
            f"(one of: {own}; yes, no and absent also work)",
        )
    return None


def _code(code: str) -> str:
    return code if _CODE.match(code) else quote(code)


def _check_record(read: _Reader, scenario: Scenario) -> None:
    """The recorded votes, counted by the rules, must give the recorded outcome."""
    record = scenario.record
    if record is None or record.outcome.reason is None:
        return
    try:
        ballot = scenario.recorded_ballot()
    except BallotError as error:
        read.problem("record.votes", str(error))
        return
    # The outcome alone, as `count` gives it, without its pivotal members: every scenario is
    # checked at start-up, and the pivotal members are most of the cost of a count.
    reason = Reason.OPEN if tally(ballot).not_voted else closed_outcome(ballot)
    if reason is not record.outcome.reason:
        verdict = count(ballot)  # for the headline of the problem
        statement = scenario.decision.is_statement
        counted = next(
            outcome
            for outcome in (Outcome.AGREED if statement else Outcome.ADOPTED, *Outcome)
            if outcome.reason is verdict.reason
        )
        votes = "positions" if statement else "votes"
        read.problem(
            "record.outcome",
            f"says {record.outcome.value!r}, but the recorded {votes} count as "
            f"{counted.value!r} ({verdict.headline})",
        )


_ASSEMBLY_KEYS = {
    "body",
    "id",
    "title",
    "date",
    "important",
    "summary",
    "source",
    "notes",
    "questions",
    "record",
}
_ASSEMBLY_RECORD_KEYS = {"outcome", "symbol", "note", "groups", "votes"}
_COUNCIL_ONLY = {"decision", "rules", "members", "amends", "teaches", "prediction"}


def parse_any(data: Mapping[str, Any], path: Path) -> Scenario | AssemblyScenario:
    """A Council scenario, or an Assembly one where the file says `body = "assembly"`."""
    if data.get("body") == Body.ASSEMBLY.value:
        return parse_assembly_scenario(data, path)
    return parse_scenario(data, path)


def parse_assembly_scenario(data: Mapping[str, Any], path: Path) -> AssemblyScenario:
    """Build an AssemblyScenario from parsed TOML; `ScenarioError` lists every problem found."""
    read = _Reader(path)
    for key in data:
        if key in _COUNCIL_ONLY:
            read.problem(
                key,
                "is for Security Council scenarios: a General Assembly scenario has its 193 "
                "members and Article 18's rules already, and says only `important`",
            )
    read.unknown({k: v for k, v in data.items() if k not in _COUNCIL_ONLY}, _ASSEMBLY_KEYS)
    scenario_id = read.text(data, "id")
    if scenario_id and not _ID.match(scenario_id):
        read.problem(
            "id", f"{quote(scenario_id)} must be lower-case letters, digits, '-', '_' or '.'"
        )
    title = read.text(data, "title")
    date = _date(read, data.get("date"))
    important = data.get("important")
    if important is None:
        read.problem(
            "important",
            "missing: true for an important question (Article 18(2), two-thirds of those "
            "present and voting), false for any other (Article 18(3), a majority)",
        )
    elif not isinstance(important, bool):
        read.problem("important", f"must be true or false, not {_type(important)}")
    summary = read.text(data, "summary", lines=True)
    source = read.text(data, "source", lines=True)
    notes = read.text(data, "notes", required=False, lines=True)
    questions = _questions(read, data.get("questions", []))
    record = _assembly_record(read, data.get("record"))
    if read.problems or date is None or not isinstance(important, bool):
        raise ScenarioError(read.problems)
    scenario = AssemblyScenario(
        id=scenario_id,
        title=title,
        date=date,
        important=important,
        summary=summary,
        source=source,
        record=record,
        notes=notes,
        questions=questions,
        path=path,
    )
    _check_assembly_record(read, scenario)
    if read.problems:
        raise ScenarioError(read.problems)
    return scenario


def _assembly_record(read: _Reader, value: object) -> AssemblyRecord | None:
    """The [record] of an Assembly vote: groups first, then members by code as exceptions."""
    if value is None:
        return None
    if not isinstance(value, dict):
        read.problem("record", "must be a table: [record]")
        return None
    read.unknown(value, _ASSEMBLY_RECORD_KEYS, "record.")
    outcome = read.choice(value, "outcome", AssemblyOutcome, at="record.")
    symbol = read.text(value, "symbol", at="record.", required=False)
    note = read.text(value, "note", at="record.", required=False, lines=True)
    from simulator.assembly import load_assembly

    assembly = load_assembly()
    votes: dict[str, Vote] = {}
    groups = value.get("groups", {})
    if not isinstance(groups, dict):
        read.problem("record.groups", 'must be a table such as { african = "yes" }')
        groups = {}
    ids = [g.id for g in assembly.groups]
    for group_id, word in groups.items():
        at = _key("record.groups.", group_id)
        if group_id not in ids:
            read.problem(at, f"{quote(group_id)} is not a regional group (one of: {_words(ids)})")
        elif (vote := _vote(read, at, word, Decision.SUBSTANTIVE)) is not None:
            votes |= {m.code: vote for m in assembly.group(group_id).members}
    raw = value.get("votes", {})
    if not isinstance(raw, dict):
        read.problem("record.votes", 'must be a table such as { USA = "yes", FRA = "abstain" }')
        raw = {}
    codes = {m.code for m in assembly.members}
    for code, word in raw.items():
        at = _key("record.votes.", code)
        if code not in codes:
            read.problem(at, f"{_code(code)} is not a member of the General Assembly")
        elif (vote := _vote(read, at, word, Decision.SUBSTANTIVE)) is not None:
            votes[code] = vote
    if outcome is AssemblyOutcome.NOT_VOTED and (groups or raw):
        read.problem("record.votes", "a draft that was not voted on has no votes")
    elif (
        outcome not in (AssemblyOutcome.NOT_VOTED, None)
        and codes - votes.keys()
        and not (read.problems)
    ):
        missing = _listing([m.code for m in assembly.members if m.code not in votes])
        read.problem(
            "record.votes",
            f"every member's vote is needed (by group in record.groups, by code in "
            f"record.votes); missing: {missing}",
        )
    if outcome is None:
        return None
    return AssemblyRecord(outcome=outcome, votes=votes, symbol=symbol, note=note)


def _check_assembly_record(read: _Reader, scenario: AssemblyScenario) -> None:
    """The recorded votes, counted under Article 18, must give the recorded outcome."""
    record = scenario.record
    if record is None or record.outcome is AssemblyOutcome.NOT_VOTED:
        return
    from simulator.assembly import AssemblyReason

    verdict = scenario.recorded_ballot().verdict
    counted = (
        AssemblyOutcome.ADOPTED
        if verdict.reason is AssemblyReason.ADOPTED
        else AssemblyOutcome.NOT_ADOPTED
    )
    if counted is not record.outcome:
        read.problem(
            "record.outcome",
            f"says {record.outcome.value!r}, but the recorded votes count as "
            f"{counted.value!r} ({verdict.headline})",
        )


MAX_FILE_BYTES = 1024 * 1024
"""A scenario is a page or two of text: a bigger file is a mistake, or not a scenario at all."""

_CURLY_QUOTES = "\u201c\u201d\u2018\u2019"
_TOML_AT = re.compile(r"\(at line (\d+), column \d+\)")


def load_file(path: Path) -> Scenario:
    """Read and check one Security Council scenario file; `ScenarioError` if it cannot be used
    (a General Assembly scenario among them: `load_any` reads both)."""
    return parse_scenario(read_toml(path), path)


def load_any(path: Path) -> Scenario | AssemblyScenario:
    """Read and check one scenario file, of either body; `ScenarioError` if it cannot be used."""
    return parse_any(read_toml(path), path)


def read_toml(path: Path) -> dict[str, Any]:
    """The tables of a TOML file a teacher wrote (a scenario, a pack.toml); `ScenarioError`, with
    one plain problem, for a file that is not a small regular UTF-8 TOML file."""
    raw = _read(path)
    if raw.startswith(codecs.BOM_UTF8):  # a byte-order mark from a Windows editor is harmless
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError([Problem(path, _not_utf8(raw, error.start))]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError([Problem(path, _not_toml(text, str(error)))]) from None
    except ValueError:  # Python refuses to convert an integer of thousands of digits
        message = "is not valid TOML: a number has too many digits"
        raise ScenarioError([Problem(path, message)]) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        message = "is nested too deeply to read (arrays or tables inside each other)"
        raise ScenarioError([Problem(path, message)]) from None
    return data


def _read(path: Path) -> bytes:
    """The bytes of a regular file of at most `MAX_FILE_BYTES`; `ScenarioError` otherwise.

    Nothing else is opened: a named pipe would wait for a writer forever, and a device such as
    /dev/zero never ends. The type is checked again on the open file, in case it was swapped.
    """
    try:
        info = path.stat()
        _check_regular(path, info)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as file:
            _check_regular(path, os.fstat(file.fileno()))
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ScenarioError([Problem(path, _cannot_read(path, error))]) from None
    if len(raw) > MAX_FILE_BYTES:  # it grew after its size was taken
        raise ScenarioError([Problem(path, _too_big(f"more than {MAX_FILE_BYTES:,}"))])
    return raw


def _check_regular(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise ScenarioError([Problem(path, f"is not a regular file ({_kind(info.st_mode)})")])
    if info.st_size > MAX_FILE_BYTES:
        raise ScenarioError([Problem(path, _too_big(f"{info.st_size:,}"))])


def _too_big(size: str) -> str:
    return f"is {size} bytes; a scenario file is at most 1 MiB ({MAX_FILE_BYTES:,} bytes)"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "another kind of file"


def _cannot_read(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "is a link that loops"
    if isinstance(error, FileNotFoundError) and path.is_symlink():
        return "is a link to something that does not exist"
    return f"cannot be read: {error.strerror or error}"


def _not_utf8(raw: bytes, start: int) -> str:
    """Where the first byte that is not UTF-8 is, as an editor counts lines and columns."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    line = raw.count(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8")) + 1
    return (
        f"is not UTF-8 text: byte 0x{raw[start]:02X} at line {line}, column {column}; "
        "save it as UTF-8"
    )


def _not_toml(text: str, error: str) -> str:
    """tomllib's message; where its line holds curly quotes, the likely reason too."""
    message = f"is not valid TOML: {error}"
    at = _TOML_AT.search(error)
    if at:
        lines = text.splitlines()
        number = int(at.group(1))
        if number <= len(lines) and any(q in lines[number - 1] for q in _CURLY_QUOTES):
            message += "; TOML needs straight quotes (\" or '), not curly ones"
    return message


@dataclass(frozen=True)
class _Listing:
    """What one path given holds: scenario files to read, problems, files left alone."""

    files: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    ignored: tuple[Problem, ...] = ()


PACK_FILE = "pack.toml"
"""In a folder of scenarios, the file that makes it a teacher's pack (`simulator.packs`)."""


def _is_scenario_name(name: str) -> bool:
    return name.lower().endswith(".toml")


def _list_path(path: Path) -> _Listing:
    """The file itself (read whatever its name, since it was named), or a folder's .toml files.

    Names starting with a dot (editors' lock and backup files) are passed over; other names are
    either read or named as ignored, so that a folder never loads nothing without a word.
    """
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:
        missing = isinstance(error, FileNotFoundError) and not path.is_symlink()
        message = "no such file or folder" if missing else _cannot_read(path, error)
        return _Listing(problems=(Problem(path, message, in_file=False),))
    if not is_folder:
        return _Listing(files=(path,))
    files: list[Path] = []
    ignored: list[Problem] = []
    try:
        with os.scandir(path) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith(".") or entry.name == PACK_FILE:
                    continue  # a pack's own file is read by `simulator.packs`, not as a scenario
                if _is_scenario_name(entry.name):
                    files.append(path / entry.name)
                elif _is_folder(entry):
                    reason = "ignored: a folder (folders inside are not read)"
                    ignored.append(Problem(path / entry.name, reason))
                else:
                    ignored.append(Problem(path / entry.name, "ignored: not a .toml file"))
    except OSError as error:
        return _Listing(problems=(Problem(path, _cannot_read(path, error), in_file=False),))
    if files:
        return _Listing(tuple(files), ignored=tuple(ignored))
    message = "has no scenario files (names ending in .toml)"
    if ignored:
        message += f"; ignored: {_listing([quote(p.path.name) for p in ignored], limit=3)}"
    return _Listing(problems=(Problem(path, message, in_file=False),), ignored=tuple(ignored))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def load_paths(paths: Iterable[Path], *, after: Catalogue | None = None) -> Catalogue:
    """Load every scenario under these files and folders; bad files become problems.

    `after` holds the scenarios loaded before these (the bundled ones, before a teacher's): an id
    taken there is a duplicate here too, unless it is the same file. The catalogue returned holds
    only what these paths gave. A file named twice (or in a folder named too) is read once.
    """
    taken: dict[str, Scenario | AssemblyScenario] = {s.id: s for s in after or ()}
    taken |= {s.id: s for s in (after.assemblies if after is not None else ())}
    scenarios: dict[str, Scenario] = {}
    assemblies: dict[str, AssemblyScenario] = {}
    where: dict[str, Path] = {}
    problems: list[Problem] = []
    ignored: list[Problem] = []
    read: set[str] = set()
    for given in paths:
        listing = _list_path(given)
        problems.extend(listing.problems)
        ignored.extend(listing.ignored)
        for path in listing.files:
            real = os.path.realpath(path)
            if real in read:
                continue
            read.add(real)
            try:
                scenario = load_any(path)
            except ScenarioError as error:
                problems.extend(error.problems)
                continue
            # One id for one scenario, of either body: the command line knows both by it.
            first = scenarios.get(scenario.id) or assemblies.get(scenario.id)
            first = first or taken.get(scenario.id)
            if first is not None and (first.path is None or os.path.realpath(first.path) != real):
                message = f"{quote(scenario.id)} is already the id of {_whose(first)}"
                problems.append(Problem(path, message, "id"))
                continue
            if isinstance(scenario, AssemblyScenario):
                assemblies[scenario.id] = scenario
                continue
            scenarios[scenario.id] = scenario
            where[scenario.id] = path
    # Links are checked once every file is read: a draft may come after its amendment.
    for scenario in list(scenarios.values()):
        if scenario.amends is None:
            continue
        draft = scenarios.get(scenario.amends) or assemblies.get(scenario.amends)
        draft = draft or taken.get(scenario.amends)
        if isinstance(draft, AssemblyScenario):
            problem: str | None = (
                f"{quote(draft.id)} is a General Assembly scenario: a Council amendment "
                "amends a draft before the Council"
            )
        else:
            problem = _link_problem(scenario, draft)
        if problem is not None:
            problems.append(Problem(where[scenario.id], problem, "amends"))
            del scenarios[scenario.id]  # skipped, as a file with any other problem is
    ordered = sorted(scenarios.values(), key=_in_date_order)
    in_assembly = sorted(assemblies.values(), key=lambda s: (s.date, s.id))
    return Catalogue(tuple(ordered), tuple(problems), tuple(ignored), assemblies=tuple(in_assembly))


def _whose(scenario: Scenario | AssemblyScenario) -> str:
    """A scenario's file, as a teacher knows it: a bundled one by name, not by install path."""
    if scenario.path is not None and scenario.path.parent == bundled_dir():
        return f"the bundled scenario {scenario.path.name}"
    return str(scenario.path)


def bundled_dir() -> Path:
    """Where the bundled scenarios are: inside the package when installed from a wheel,
    the repository's top-level folder when running from a checkout or an editable install."""
    packaged = Path(__file__).parent / "_bundled_scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "scenarios"


def load_catalogue(extra: Iterable[Path] = (), *, bundled: bool = True) -> Catalogue:
    """The bundled scenarios, then each extra folder (a teacher's)."""
    return load_paths([*([bundled_dir()] if bundled else []), *extra])
