"""The `council-sim` command: the TUI by default, and the same rules for scripts and graders.

Exit status: 0 on success; 1 when `validate` finds problems, `new` or `export` finds its file
already there, `export` cannot read the saved work, `reset-work` cannot clear the saved work, a
`class` step cannot read or write it, or the simulator stops on an error; 2 for bad arguments
(among them what a class session's rules refuse: a wrong token, a member taken, a closed vote),
no terminal for the simulator or for `reset-work` to ask on, or output that cannot be written;
141 when the reader of the output goes away (`council-sim list | head`), as for a command stopped
by SIGPIPE. Errors are one line on stderr; a traceback never reaches the user (but for the
simulator's own, which asks for a report).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

# What only some commands use (the analysis of `vote`, `new`, `export`, `serve`'s server) is
# imported by those commands: opening the app needs none of it, and starts the sooner.
from simulator import __version__
from simulator.packs import catalogue_for, is_pack, load_pack
from simulator.power import (
    ASSEMBLY_SIZE,
    Power,
    assembly_game,
    assembly_rule,
    council_game,
    council_power,
    council_rule,
    indices,
)
from simulator.predict import (
    OUTCOME_LABELS,
    Prediction,
    Score,
    a_decision,
    parse_outcome,
    recorded_ballot,
    score,
    score_line,
)
from simulator.rules import Ballot, BallotError, Decision, Vote, parse_vote
from simulator.scenarios import (
    PACK_FILE,
    AssemblyScenario,
    Catalogue,
    Problem,
    Scenario,
    ScenarioError,
    is_scenario_id,
    load_any,
    load_paths,
    printable,
    problems_summary,
    quote,
)
from simulator.serve import (
    ASK_NAME,
    DEFAULT_HOST,
    DEFAULT_PORT,
    open_warning,
    port_problem,
    public_url_problem,
    served_command,
)
from simulator.store import (
    DATA_ENV,
    FILE_NAME,
    Store,
    StoreError,
    data_folder,
    name_problem,
    open_work,
    tidy_name,
)
from simulator.work import greeting

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from simulator.export import ExportFormat
    from simulator.session import ClassSession

# `export` and `new` import what only they use (`simulator.export`, `simulator.starter`) when
# they run: every command, the simulator first, starts without them.

PROG = "council-sim"
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: what a shell reports for a command whose reader went away."""


class UsageError(Exception):
    """A bad argument: reported in one line, exit status 2."""


class _OutputError(Exception):
    """Standard output cannot be written (a full disk): the output's fault, not the input's."""


class _Parser(argparse.ArgumentParser):
    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse drops a failed write of --help without a word; report it like any other output.
        if file is sys.stdout:
            _write(message)
        elif message:
            _say(message.rstrip("\n"))

    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: the user sees what is wrong at a glance.
        self.exit(2, f"{PROG}: error: {message} (see '{PROG} --help')\n")


def _path(text: str) -> Path:
    # Path("") is the current folder: an unset shell variable would validate the wrong files.
    if not text:
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return Path(text)


def _spec(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("it is empty: give a scenario id or a .toml file")
    return text


def _add_scenario_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "scenario", metavar="SCENARIO", type=_spec, help="a scenario id or a .toml file"
    )


def _add_votes_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """`CODE=VOTE ...`, for `vote` and `score`: `what` says whose vote ("a member's vote")."""
    parser.add_argument(
        "votes",
        metavar="CODE=VOTE",
        nargs="*",
        default=[],  # so that argparse does not call the votes required when SCENARIO is missing
        help=f"{what}: yes, no, abstain or absent; on a press or presidential statement, "
        "agree, object or silent",
    )


def _add_scenarios_option(parser: argparse.ArgumentParser, dest: str) -> None:
    parser.add_argument(
        "--scenarios",
        dest=dest,
        metavar="DIR",
        type=_path,
        action="append",
        default=[],
        help="also load the scenarios in this folder (may be repeated); a teacher's pack "
        "(a folder with a pack.toml) opens alone, without the bundled scenarios",
    )


def _add_data_option(parser: argparse.ArgumentParser, dest: str) -> None:
    parser.add_argument(
        "--data",
        dest=dest,
        metavar="DIR",
        type=_path,
        default=None,
        help=f"the folder where work is saved (default: ${DATA_ENV}, or the user data folder)",
    )


def _add_name_option(parser: argparse.ArgumentParser, dest: str) -> None:
    parser.add_argument(
        "--name",
        dest=dest,
        metavar="NAME",
        help="the student whose work to open in the data folder, made if new (the first name "
        "given takes over the work done without one)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Simulate votes of the UN Security Council under Article 27 of the Charter. "
        "With no command, opens the interactive simulator on the list of scenarios.",
        epilog="Exit status: 0 on success; 1 if validate finds a problem, new or export finds "
        "its file already there, export cannot read the saved work, reset-work cannot clear "
        "the saved work, or the simulator stops on an "
        "error; 2 for a usage error, no terminal for the simulator or for reset-work to ask on, "
        "or output that cannot be written; 141 if the reader of the output stops early.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_scenarios_option(parser, "scenarios")
    _add_data_option(parser, "data")
    _add_name_option(parser, "name")
    # The app as `serve` starts it in each browser tab: a name first. Not for people to type.
    parser.add_argument(ASK_NAME, dest="ask_name", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    opening = commands.add_parser(
        "open",
        help="open the simulator on one scenario's vote",
        description="Open the interactive simulator straight on the vote of SCENARIO; "
        "escape goes back to the list of scenarios.",
    )
    _add_scenario_argument(opening)
    _add_scenarios_option(opening, "more_scenarios")
    _add_data_option(opening, "more_data")
    _add_name_option(opening, "more_name")

    listing = commands.add_parser("list", help="list the scenarios")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    _add_scenarios_option(listing, "more_scenarios")

    vote = commands.add_parser(
        "vote",
        help="count a vote without the interactive simulator",
        description="Count a vote. Members not named are absent (on a statement, silent). "
        "--decision counts the same votes under another rule than the scenario's.",
    )
    _add_scenario_argument(vote)
    _add_votes_argument(vote, "a member's vote")
    vote.add_argument("--recorded", action="store_true", help="start from the recorded votes")
    vote.add_argument(
        "--decision",
        choices=[decision.value for decision in Decision],
        help="count the votes as this kind of decision instead of the scenario's own: "
        "procedural (Art. 27(2), no veto), substantive (Art. 27(3), with the veto), or a "
        "statement (one objection blocks it; an abstention is read as silence)",
    )
    vote.add_argument("--json", action="store_true", help="print one JSON object")
    _add_scenarios_option(vote, "more_scenarios")

    scoring = commands.add_parser(
        "score",
        help="score a predicted vote against the record",
        description="Score a prediction of a vote against the vote as recorded: members right, "
        "out of the Council's size, and the outcome. Members not named count as wrong.",
    )
    _add_scenario_argument(scoring)
    _add_votes_argument(scoring, "a member's predicted vote")
    scoring.add_argument(
        "--outcome",
        metavar="OUTCOME",
        help="the outcome predicted: adopted, vetoed or insufficient_votes (too-few-votes); "
        "on a statement, agreed or blocked",
    )
    scoring.add_argument("--json", action="store_true", help="print one JSON object")
    _add_scenarios_option(scoring, "more_scenarios")

    power = commands.add_parser(
        "power",
        help="each member's share of the power to decide, exactly",
        description="Each member's voting power, exactly, as fractions: the Shapley-Shubik "
        "index (the share of the orders of voting in which the member's vote is the one that "
        "decides) and the Banzhaf index (its share of the votes that decide). For a scenario's "
        "Council under the scenario's rules and decision, or with --assembly for the General "
        "Assembly.",
    )
    power.add_argument(
        "scenario",
        metavar="SCENARIO",
        nargs="?",
        type=_spec,
        help="a scenario id or a .toml file (not with --assembly)",
    )
    power.add_argument(
        "--assembly",
        action="store_true",
        help=f"the General Assembly of {ASSEMBLY_SIZE} members instead (Art. 18)",
    )
    power.add_argument(
        "--two-thirds",
        dest="two_thirds",
        action="store_true",
        help="with --assembly: an important question, decided by two-thirds (Art. 18(2))",
    )
    power.add_argument(
        "--decision",
        choices=[decision.value for decision in Decision],
        help="the power under this kind of decision instead of the scenario's own",
    )
    power.add_argument("--json", action="store_true", help="print one JSON object")
    _add_scenarios_option(power, "more_scenarios")

    validate = commands.add_parser(
        "validate",
        help="check scenario files or folders",
        description="Check scenario files and folders as the simulator would load them: after "
        "the bundled scenarios and any --scenarios folders. One line per problem; exit status 1 "
        "if there is any.",
    )
    validate.add_argument("paths", metavar="PATH", nargs="+", type=_path)
    _add_scenarios_option(validate, "more_scenarios")

    reset = commands.add_parser(
        "reset-work",
        help="clear all saved work",
        description="Clear all saved work: the student's name, the votes set on each scenario "
        "and the predictions locked. Asks first; --yes clears without asking, for scripts.",
    )
    reset.add_argument("--yes", action="store_true", help="clear without asking")
    _add_data_option(reset, "more_data")

    serving = commands.add_parser(
        "serve",
        help="serve the simulator to web browsers, for a class",
        description="Serve the simulator to web browsers, so that a class can use it without a "
        "terminal. Each browser tab runs its own copy and asks for a name first; each name's "
        "work is kept apart in the data folder (a classroom convenience, not a login: anyone "
        "who types a name sees that name's work). Ctrl+C stops it.",
    )
    serving.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}, this computer only); another "
        "lets anyone who can reach it open the app",
    )
    serving.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"the port to listen on (default: {DEFAULT_PORT})",
    )
    _add_scenarios_option(serving, "more_scenarios")
    _add_data_option(serving, "more_data")
    serving.add_argument(
        "--public-url",
        metavar="URL",
        help="behind a reverse proxy, the address students open (such as "
        "https://council.school.example): the page asks for its files and its connection there, "
        "over wss:// where the address is https",
    )
    serving.add_argument(
        "--class",
        dest="class_code",
        metavar="CODE",
        help="serve a class session's seats instead: each tab asks for a name, then lets the "
        "student take a free member and cast its vote (as 'class join CODE' does)",
    )
    export = commands.add_parser(
        "export",
        help="write the saved work to a file to hand in",
        description="Write the saved work to FILE: each student's name, and for each scenario "
        "the votes set, the verdict, and each prediction with its score. Every student in the "
        "data folder (a whole class, on a server), or one with --name. The format follows the "
        "extension: .md (Markdown, to read or print), .json (for a grader) or .csv (for a "
        "spreadsheet). Never over an existing file without --force.",
    )
    export.add_argument("file", metavar="FILE", type=_path, help="the file to write")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--name", dest="more_name", metavar="NAME", help="only this student's work")
    _add_data_option(export, "more_data")
    _add_scenarios_option(export, "more_scenarios")

    new = commands.add_parser(
        "new",
        help="write a scenario file to start from",
        description="Write DIR/SCENARIO_ID.toml: a template to fill in (validate names what is "
        "left to fill), or with --from a copy of another scenario under the new id. Never over "
        "an existing file.",
    )
    new.add_argument("scenario_id", metavar="SCENARIO_ID", type=_spec, help="the new scenario's id")
    new.add_argument(
        "--from",
        dest="source",
        metavar="EXISTING",
        type=_spec,
        help="copy this scenario (an id, or a .toml file) instead of writing a template",
    )
    new.add_argument(
        "--dir",
        dest="folder",
        metavar="DIR",
        type=_path,
        default=Path("."),
        help="the folder to write in (default: the current folder)",
    )
    _add_scenarios_option(new, "more_scenarios")
    _add_class_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _run(argv)
        finally:
            # Flushed here, not at exit, so that a failed write is still ours to report.
            _flush()
    except BrokenPipeError:
        _drop_output()
        return EXIT_BROKEN_PIPE
    except _OutputError as error:
        _drop_output()
        _error(f"cannot write output: {error}")
        return 2


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args, leftover = parser.parse_known_args(argv)
    # argparse stops filling CODE=VOTE at the first option; take the votes that come after it.
    if args.command in ("vote", "score"):
        args.votes += [word for word in leftover if not word.startswith("-")]
        leftover = [word for word in leftover if word.startswith("-")]
    if leftover:
        parser.error(f"unrecognized arguments: {' '.join(leftover)}")
    extra: list[Path] = [*args.scenarios, *getattr(args, "more_scenarios", [])]
    try:
        if args.command == "list":
            return _list(catalogue_for(extra), as_json=args.json)
        if args.command == "vote":
            return _vote(args, extra)
        if args.command == "score":
            return _score(args, extra)
        if args.command == "power":
            return _power(args, extra)
        if args.command == "validate":
            return _validate(args.paths, extra)
        data: Path | None = getattr(args, "more_data", None) or args.data
        if args.command == "reset-work":
            return _reset_work(data_folder(data, os.environ), yes=args.yes)
        if args.command == "serve":
            folder = data_folder(data, os.environ)
            return _serve(
                args.host,
                args.port,
                extra,
                folder,
                class_code=args.class_code,
                public_url=args.public_url,
            )
        if args.command == "export":
            name = getattr(args, "more_name", None) or args.name
            return _export(args, data_folder(data, os.environ), extra, name)
        if args.command == "new":
            return _new(args, extra)
        if args.command == "class":
            return _class(args, data, extra)
        more_name: str | None = getattr(args, "more_name", None)
        name = more_name if more_name is not None else args.name
        _check_name(name)
        if args.command == "open":
            return _open(args.scenario, extra, data=data, name=name, ask_name=args.ask_name)
        return _open_app(catalogue_for(extra), data=data, name=name, ask_name=args.ask_name)
    except UsageError as error:
        _error(str(error))
        return 2
    except KeyboardInterrupt:
        return 130


def _out(line: str) -> None:
    _write(line + "\n")


def _write(text: str) -> None:
    """Write output; a write that fails other than on a closed pipe is an `_OutputError`."""
    if sys.stdout is None:  # started with its output closed (`>&-`)
        raise _OutputError("standard output is closed")
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _OutputError(error.strerror or str(error)) from None


def _flush() -> None:
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _OutputError(error.strerror or str(error)) from None


def _drop_output() -> None:
    """Send what is left of the output to the null device, so exiting does not try to write it.

    The recipe of Python's documentation for SIGPIPE (the `signal` module's notes).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # no stdout, or not a file (a test's capture)
        pass


def _say(line: str) -> None:
    """One line on stderr; if stderr itself cannot be written there is nowhere left to say it."""
    with contextlib.suppress(OSError):
        print(line, file=sys.stderr)


def _error(message: str) -> None:
    _say(f"{PROG}: error: {message}")


def _warn(problems: Sequence[Problem]) -> None:
    for problem in problems:
        _say(f"{PROG}: skipped: {problem}")


def _list(catalogue: Catalogue, *, as_json: bool) -> int:
    _warn(catalogue.problems)
    # A pack's own order, as its class sees it; otherwise by date, as always.
    scenarios = list(catalogue.sections() if catalogue.pack is not None else catalogue)
    # The General Assembly's votes after the Council's, as the simulator's list shows them.
    assemblies = catalogue.assemblies
    if as_json:
        items = [_scenario_json(s) for s in scenarios] + [_assembly_json(a) for a in assemblies]
        _out(json.dumps(items, indent=2, ensure_ascii=False))
        return 0
    if not scenarios and not assemblies:
        _out("No scenarios found. Add a folder of them with --scenarios DIR.")
        return 0
    width = max([len(s.id) for s in scenarios] + [len(a.id) for a in assemblies])
    for s in scenarios:
        # An amendment sorts just before its draft, and names it: they are voted on together.
        link = f"  (amendment to {s.amends})" if s.amends else ""
        _out(f"{s.id:<{width}}  {s.date.isoformat()}  {s.decision.label:<16}  {s.title}{link}")
    for a in assemblies:
        _out(f"{a.id:<{width}}  {a.date.isoformat()}  {assembly_kind(a):<16}  {a.title}")
    return 0


def assembly_kind(scenario: AssemblyScenario) -> str:
    """What `list` says of an Assembly vote: the body, and the majority Article 18 asks."""
    return "assembly, 2/3" if scenario.important else "assembly, majority"


def _assembly_json(scenario: AssemblyScenario) -> dict[str, Any]:
    """An Assembly scenario in `list --json`: `body` says which organ votes."""
    record = scenario.record
    return {
        "id": scenario.id,
        "date": scenario.date.isoformat(),
        "title": scenario.title,
        "body": "assembly",
        "decision": "important-question" if scenario.important else "other-question",
        "outcome": record.outcome.value if record else None,
        "symbol": record.symbol if record and record.symbol else None,
    }


def _scenario_json(scenario: Scenario) -> dict[str, Any]:
    record = scenario.record
    return {
        "id": scenario.id,
        "date": scenario.date.isoformat(),
        "title": scenario.title,
        "body": "council",
        "decision": scenario.decision.value,
        "rules": scenario.rules.value,
        "outcome": record.outcome.value if record else None,
        "symbol": record.symbol if record and record.symbol else None,
        "amends": scenario.amends,
        "teaches": scenario.teaches or None,
    }


def _kind(spec: str) -> str:
    """'file', 'folder', or '' where there is nothing that can be looked at."""
    path = Path(spec)
    try:
        if path.is_dir():
            return "folder"
        if path.is_file():
            return "file"
    except OSError:  # a name too long, a folder that may not be searched: not a scenario file
        pass
    return ""


def _is_path(spec: str) -> bool:
    """SCENARIO is a file if it is named like one or is one; otherwise it is an id."""
    return spec.lower().endswith(".toml") or _kind(spec) == "file"


def _unknown(spec: str, catalogue: Catalogue) -> UsageError:
    """An id that is not in the catalogue, after the problems that may explain why."""
    _warn(catalogue.problems)
    return UsageError(f"unknown scenario {quote(spec)} (see '{PROG} list')")


def _one_line(problems: Sequence[Problem]) -> str:
    """The first problem, and how many more: a usage error is one line."""
    first = str(problems[0])
    if len(problems) == 1:
        return first
    more = f"{len(problems) - 1} more problem" + ("s" if len(problems) > 2 else "")
    return f"{first} (and {more}: '{PROG} validate' lists them all)"


def _find_scenario(spec: str, extra: Sequence[Path], command: str) -> Scenario:
    """The Security Council scenario `command` works on: `vote`, `score` and `new --from` count
    the Council's votes, so a General Assembly scenario is refused in words that say so."""
    if _is_path(spec):
        try:
            found = load_any(Path(spec))
        except ScenarioError as error:
            raise UsageError(_one_line(error.problems)) from None
        if isinstance(found, AssemblyScenario):
            raise _assembly_only(spec, command)
        return found
    catalogue = catalogue_for(extra)
    scenario = catalogue.get(spec)
    if scenario is None:
        if catalogue.assembly(spec) is not None:
            raise _assembly_only(spec, command)
        raise _unknown(spec, catalogue)
    return scenario


def _assembly_only(spec: str, command: str) -> UsageError:
    shown = printable(spec)
    if command == "power":
        return UsageError(
            f"{quote(spec)} is a General Assembly scenario, where every member weighs the same: "
            f"see '{PROG} power --assembly' (with --two-thirds for an important question)"
        )
    return UsageError(
        f"{quote(spec)} is a General Assembly scenario, and '{command}' is for the Security "
        f"Council's: open it in the simulator with '{PROG} open {shown}'"
    )


def _parse_votes(ballot: Ballot, pairs: Sequence[str]) -> dict[str, Vote]:
    """CODE=VOTE pairs, in the words of the ballot's decision (a statement's agree, object…)."""
    votes: dict[str, Vote] = {}
    example = f"USA={ballot.decision.vote_word(Vote.AGAINST)}"
    for pair in pairs:
        code, sep, word = pair.partition("=")
        if not sep or not code:
            raise UsageError(f"{pair!r} is not CODE=VOTE, e.g. {example}")
        try:
            member = ballot.member(code.strip())
            vote = parse_vote(word, ballot.decision)
        except BallotError as error:
            raise UsageError(str(error)) from None
        if member.code in votes:
            raise UsageError(f"{member.code} is given more than once")
        votes[member.code] = vote
    return votes


def _vote(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    from simulator.compare import as_decision, read_as

    scenario = _find_scenario(args.scenario, extra, "vote")
    decision = Decision(args.decision) if args.decision else scenario.decision
    note = ""
    try:
        ballot = scenario.recorded_ballot() if args.recorded else scenario.ballot()
        if decision is not scenario.decision:
            # The recorded votes carried over: an abstention is silence on a statement.
            note = read_as(ballot, decision)
            ballot = as_decision(ballot, decision)
        # The votes named are in the words of the decision counted, so a statement refuses
        # "abstain" whatever the scenario's own decision.
        ballot = ballot.cast_all(_parse_votes(ballot, args.votes))
    except BallotError as error:
        raise UsageError(str(error)) from None
    # On the command line, a member not named did not take part.
    missing = {m.code: Vote.ABSENT for m in ballot.members if ballot.vote_of(m) is None}
    ballot = ballot.cast_all(missing)
    if args.json:
        _out(json.dumps(verdict_json(scenario, ballot), indent=2, ensure_ascii=False))
    else:
        _out(_verdict_text(scenario, ballot, note))
    return 0


def verdict_json(scenario: Scenario, ballot: Ballot) -> dict[str, Any]:
    """The verdict as the `vote --json` contract promises it; a statement in its own words."""
    verdict = ballot.verdict
    if verdict.decision.is_statement:
        return _statement_json(scenario, ballot)
    counts = verdict.counts
    return {
        "scenario": scenario.id,
        "decision": verdict.decision.value,
        "adopted": verdict.adopted,
        "reason": verdict.reason.value,
        "headline": verdict.headline,
        "explanation": verdict.explanation,
        "counts": {
            "yes": counts.yes,
            "no": counts.no,
            "abstain": counts.abstain,
            "absent": counts.absent,
        },
        "required": verdict.required,
        "vetoed_by": [m.code for m in verdict.vetoed_by],
        "objecting": [m.code for m in verdict.objecting],
        "pivotal": [{"code": p.member.code, "vote": p.vote.value} for p in verdict.pivotal],
        "votes": {m.code: vote.value for m in ballot.members if (vote := ballot.vote_of(m))},
        "flip": flip_json(ballot),
    }


def _statement_json(scenario: Scenario, ballot: Ballot) -> dict[str, Any]:
    """A statement is agreed or blocked, by agreement, objection or silence: no vote words."""
    verdict = ballot.verdict
    decision = verdict.decision
    return {
        "scenario": scenario.id,
        "decision": decision.value,
        "agreed": verdict.adopted,
        "reason": "agreed" if verdict.adopted else verdict.reason.value,
        "headline": verdict.headline,
        "explanation": verdict.explanation,
        "counts": {decision.vote_word(v): verdict.counts.of(v) for v in decision.choices},
        "objections_to_block": verdict.objections_to_block,
        "objecting": [m.code for m in verdict.objecting],
        "pivotal": [
            {"code": p.member.code, "vote": decision.vote_word(p.vote)} for p in verdict.pivotal
        ],
        "votes": {
            m.code: decision.vote_word(vote) for m in ballot.members if (vote := ballot.vote_of(m))
        },
        "flip": flip_json(ballot),
    }


FLIP_GROUPS_LISTED = 50
"""`flip.groups` lists the groups up to this many; beyond it, `count` says how many."""


def flip_json(ballot: Ballot) -> dict[str, Any]:
    """The smallest change that flips the outcome: `size` members, `count` ways to choose them,
    and the groups' codes in Council order when there are at most `FLIP_GROUPS_LISTED`."""
    from simulator.whatif import flip

    result = flip(ballot)
    listed = result.count <= FLIP_GROUPS_LISTED
    return {
        "size": result.size,
        "count": result.count,
        "groups": [list(group.codes) for group in result.groups] if listed else [],
    }


def _verdict_text(scenario: Scenario, ballot: Ballot, note: str = "") -> str:
    """The verdict for people; `note` says how votes were carried over to another decision."""
    from simulator.compare import double_veto
    from simulator.whatif import flip, flip_line

    verdict = ballot.verdict
    counts, decision = verdict.counts, verdict.decision
    if decision.is_statement:
        need = "one objection blocks it"
    else:
        need = f"{verdict.required} in favour needed"
    tally = ", ".join(
        f"{decision.vote_label(v, short=True)} {counts.of(v)}" for v in decision.choices
    )
    lines = [f"{scenario.title} ({scenario.date.isoformat()}, {scenario.decision.label})"]
    if decision is not scenario.decision:
        counted = f"Counted as {a_decision(decision)}, not as {a_decision(scenario.decision)}."
        lines += textwrap.wrap(f"{counted} {note}".strip(), width=78)
    lines += [
        verdict.headline,
        f"{tally} ({need})",
        *textwrap.wrap(verdict.explanation, width=78),
    ]
    if decision is Decision.PROCEDURAL:
        lines += textwrap.wrap(double_veto(ballot), width=78)
    if verdict.pivotal:
        pivots = ", ".join(
            f"{m.code} ({'/'.join(decision.vote_word(v) for v in verdict.flipping_votes(m))})"
            for m in verdict.pivotal_members
        )
        lines += textwrap.wrap(f"Pivotal: {pivots}", width=78, subsequent_indent="  ")
    else:
        lines.append("Pivotal: none (no single member can change the outcome)")
    lines += textwrap.wrap(flip_line(flip(ballot)), width=78, subsequent_indent="  ")
    return "\n".join(lines)


def _score(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    scenario = _find_scenario(args.scenario, extra, "score")
    try:
        recorded_ballot(scenario)  # first, so that a scenario without votes says only that
        prediction = Prediction.start(scenario)
        prediction = prediction.with_ballot(
            prediction.ballot.cast_all(_parse_votes(prediction.ballot, args.votes))
        )
        if args.outcome is not None:
            prediction = prediction.with_outcome(parse_outcome(args.outcome, scenario.decision))
        result = score(scenario, prediction)
    except ValueError as error:  # NothingToScore and BallotError are both ValueErrors
        raise UsageError(str(error)) from None
    if args.json:
        _out(json.dumps(score_json(scenario, result), indent=2, ensure_ascii=False))
    else:
        _out(_score_text(scenario, result))
    return 0


def score_json(scenario: Scenario, result: Score) -> dict[str, Any]:
    """The score as `score --json` promises it: votes in the words `vote --json` uses."""
    word = scenario.decision.vote_word
    return {
        "members_right": result.members_right,
        "members": result.members,
        "outcome_right": result.outcome_right,
        "wrong": [
            {
                "code": mark.member.code,
                "predicted": word(mark.predicted) if mark.predicted else None,
                "recorded": word(mark.recorded),
            }
            for mark in result.wrong
        ],
        "scenario": scenario.id,
        "outcome": {
            "predicted": result.predicted_outcome.value if result.predicted_outcome else None,
            "recorded": result.recorded_outcome.value,
            "counted": result.counted_outcome.value,
        },
        "readings": list(result.readings),
    }


def _score_text(scenario: Scenario, result: Score) -> str:
    word = scenario.decision.vote_word
    predicted = result.predicted_outcome
    lines = [
        f"{scenario.title} ({scenario.date.isoformat()}, {scenario.decision.label})",
        score_line(result, hints=False),  # hints are taken in the simulator, not known here
        f"Outcome: predicted {OUTCOME_LABELS[predicted] if predicted else 'nothing'}, "
        f"recorded {OUTCOME_LABELS[result.recorded_outcome]}",
    ]
    if result.wrong:
        lines.append("Wrong:")
        for mark in result.wrong:
            guess = f"predicted {word(mark.predicted)}" if mark.predicted else "not named"
            lines.append(f"  {mark.member.code}  {guess:<17}  recorded {word(mark.recorded)}")
    for reading in result.readings:
        lines += textwrap.wrap(reading, width=78, initial_indent="- ", subsequent_indent="  ")
    return "\n".join(lines)


def _power(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    """The indices of a scenario's Council, or of the Assembly: a table, or one JSON object."""
    if args.assembly:
        if args.scenario is not None:
            raise UsageError(
                f"give a scenario or --assembly, not both: the Assembly is not a scenario's "
                f"Council (see '{PROG} power --help')"
            )
        if args.decision is not None:
            raise UsageError("--decision is for a scenario's Council: the Assembly has no veto")
        game = assembly_game(two_thirds=args.two_thirds)
        powers = indices(game)
        if args.json:
            _out(json.dumps(assembly_power_json(args.two_thirds), indent=2, ensure_ascii=False))
        else:
            _out(_assembly_power_text(args.two_thirds, powers))
        return 0
    if args.scenario is None:
        raise UsageError(
            f"give a scenario (see '{PROG} list'), or --assembly for the General Assembly"
        )
    if args.two_thirds:
        raise UsageError("--two-thirds is for the General Assembly: add --assembly")
    scenario = _find_scenario(args.scenario, extra, "power")
    decision = Decision(args.decision) if args.decision else scenario.decision
    if args.json:
        _out(json.dumps(power_json(scenario, decision), indent=2, ensure_ascii=False))
    else:
        _out(_power_text(scenario, decision))
    return 0


def _power_entry(code: str, power: Power) -> dict[str, Any]:
    """One member's indices as fractions in strings ("421/2145"), and as decimals beside them."""
    return {
        "code": code,
        "shapley_shubik": str(power.shapley_shubik),
        "banzhaf": str(power.banzhaf),
        "banzhaf_absolute": str(power.banzhaf_absolute),
        "shapley_shubik_decimal": float(power.shapley_shubik),
        "banzhaf_decimal": float(power.banzhaf),
        "banzhaf_absolute_decimal": float(power.banzhaf_absolute),
    }


def power_json(scenario: Scenario, decision: Decision) -> dict[str, Any]:
    """The Council's indices as `power --json` promises them, each member in Council order."""
    game = council_game(scenario.members, decision, scenario.rules)
    powers = council_power(scenario.members, decision, scenario.rules)
    return {
        "scenario": scenario.id,
        "decision": decision.value,
        "rules": scenario.rules.value,
        "rule": council_rule(scenario.members, decision, scenario.rules),
        "quota": game.quota,
        "vetoes": [scenario.members[i].code for i in sorted(game.vetoes)],
        "indices": [_power_entry(p.member.code, p.power) for p in powers],
    }


def assembly_power_json(two_thirds: bool) -> dict[str, Any]:
    """The Assembly's indices, one for each member by its code, in the order of the regional
    groups: one vote each and no veto, so they are alike."""
    from simulator.assembly import load_assembly

    members = load_assembly().members
    game = assembly_game(two_thirds=two_thirds, size=len(members))
    return {
        "body": "general-assembly",
        "majority": "two-thirds" if two_thirds else "simple",
        "rule": assembly_rule(two_thirds=two_thirds, size=len(members)),
        "members": len(game.weights),
        "quota": game.quota,
        "indices": [
            {"name": member.name, **_power_entry(member.code, power)}
            for member, power in zip(members, indices(game), strict=True)
        ],
    }


def _percent(share: Fraction) -> str:
    return f"{float(share) * 100:.2f}%"


def _how_often(share: Fraction) -> str:
    """A share as a percentage, or as '1 in N' where a percentage would read 0.00%."""
    if share >= Fraction(1, 10_000) or share == 0:
        return _percent(share)
    return f"about 1 in {round(1 / share):,}"


def _share_cell(share: Fraction, width: int) -> str:
    """' 19.63%  421/2145': the share as a percentage, then exactly, in `width` characters."""
    return f"{_percent(share):>7}  {share!s:<{width}}"


def _power_text(scenario: Scenario, decision: Decision) -> str:
    """A table of the members' power, under a line saying which rule it measures."""
    powers = council_power(scenario.members, decision, scenario.rules)
    lines = [f"{scenario.title} ({scenario.date.isoformat()}, {scenario.decision.label})"]
    if decision is not scenario.decision:
        lines.append(f"Counted as {a_decision(decision)}, not as {a_decision(scenario.decision)}.")
    lines += textwrap.wrap(council_rule(scenario.members, decision, scenario.rules), width=78)
    lines += textwrap.wrap(POWER_KEY, width=78)
    fraction = max(len(str(p.power.shapley_shubik)) for p in powers)
    shapley = {p.member.code: _share_cell(p.power.shapley_shubik, fraction) for p in powers}
    name = max(len("member"), *(len(p.member.name) for p in powers))
    column = max(len("Shapley-Shubik"), *(len(cell) for cell in shapley.values()))
    lines.append(f"{'member':<{name}}  {'Shapley-Shubik':<{column}}  {'Banzhaf':>7}")
    for entry in powers:
        cells = f"{shapley[entry.member.code]:<{column}}  {_percent(entry.power.banzhaf):>7}"
        lines.append(f"{entry.member.name:<{name}}  {cells}")
    return "\n".join(lines)


POWER_KEY = (
    "Shapley-Shubik: the share of the orders of voting in which the member's vote is the one "
    "that decides. Banzhaf: its share of all the times that one member, changing its vote "
    "alone, changes the outcome."
)


def _assembly_power_text(two_thirds: bool, powers: Sequence[Power]) -> str:
    """The Assembly in a few lines: its members are alike, so one line says each one's power."""
    first = powers[0]
    size = len(powers)
    return "\n".join(
        [
            f"The General Assembly: {size} members, one vote each (Article 18(1)).",
            *textwrap.wrap(assembly_rule(two_thirds=two_thirds), width=78),
            *textwrap.wrap(
                f"Each member holds {first.shapley_shubik} of the power "
                f"({_percent(first.shapley_shubik)}), by Shapley-Shubik and by Banzhaf alike. "
                f"A member's vote decides {_how_often(first.banzhaf_absolute)} of the ways "
                "the others can vote (Banzhaf, absolute).",
                width=78,
            ),
            *textwrap.wrap(
                "Article 18 counts only the members present and voting: an abstaining member "
                "counts as not voting, so the votes needed move with how many vote yes or no.",
                width=78,
            ),
        ]
    )


def _validate(paths: Sequence[Path], extra: Sequence[Path]) -> int:
    # A pack is checked whole and alone, as the simulator opens it; other files and folders as
    # the simulator would load them: after the bundled scenarios and any --scenarios.
    given = [path.parent if path.name == PACK_FILE else path for path in paths]
    packs = [path for path in dict.fromkeys(given) if is_pack(path)]
    plain = [path for path in given if path not in packs]
    catalogues = [load_pack(pack) for pack in packs]
    if plain:
        catalogues.append(load_paths(plain, after=catalogue_for(extra)))
    problems: list[Problem] = []
    valid = bad = 0
    for catalogue in catalogues:
        for line in (*catalogue.ignored, *catalogue.problems):
            _out(str(line))
        problems += catalogue.problems
        # Every file read either loads or has a problem; a pack.toml without one is valid too.
        valid += len(catalogue) + len(catalogue.assemblies) + (catalogue.pack is not None)
        bad += len({p.path for p in catalogue.problems if p.in_file})
    checked = f"{valid + bad} file" if valid + bad == 1 else f"{valid + bad} files"
    summary = f"{checked} checked: {valid} valid, {bad} with problems"
    unused = [p for p in problems if not p.in_file]
    if unused:
        summary += f"; {problems_summary(unused)}"
    _out(summary)
    return 1 if problems else 0


def _new(args: argparse.Namespace, extra: Sequence[Path]) -> int:
    """Write a scenario to start from; status 1, and nothing written, if the file exists."""
    from simulator.starter import LEFT_TO_FILL, CopyError, copy_as, council_of, template, write_new

    scenario_id: str = args.scenario_id
    if not is_scenario_id(scenario_id):
        raise UsageError(
            f"{quote(scenario_id)} is not a scenario id: lower-case letters, digits, "
            "'-', '_' or '.', starting with a letter or digit"
        )
    folder: Path = args.folder
    if _kind(str(folder)) != "folder":
        raise UsageError(f"{printable(str(folder))}: no such folder")
    path = folder / f"{scenario_id}.toml"
    if args.source is None:
        text = template(scenario_id, council_of(catalogue_for(extra)))
    else:
        source = _find_scenario(args.source, extra, "new --from")
        try:
            text = copy_as(source, scenario_id)
        except (CopyError, OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot copy {quote(args.source)}: {error}") from None
    try:
        write_new(path, text)
    except FileExistsError:
        _error(f"{printable(str(path))} already exists: nothing was written (choose another id)")
        return 1
    except OSError as error:
        raise UsageError(
            f"cannot write {printable(str(path))}: {error.strerror or error}"
        ) from None
    if args.source is None:
        left = ", ".join(LEFT_TO_FILL)
        _out(f"Wrote {printable(str(path))}: fill in its {left} and Council, then check it with:")
    else:
        _out(f"Wrote {printable(str(path))}, a copy of {source.id}: change what differs, then:")
    _out(f"  {PROG} validate {printable(str(path))}")
    return 0


def colour_settings(environ: Mapping[str, str]) -> dict[str, str]:
    """What to add to the environment so that Textual draws only colours the terminal has.

    Rich finds no colours at all on a dumb terminal, and Textual then draws in 24-bit colour; the
    16 standard colours are the closest it can come. A TEXTUAL_COLOR_SYSTEM the user set wins.
    """
    dumb = environ.get("TERM", "").strip().lower() in ("dumb", "unknown")
    if dumb and "TEXTUAL_COLOR_SYSTEM" not in environ:
        return {"TEXTUAL_COLOR_SYSTEM": "standard"}
    return {}


def _has_terminal() -> bool:
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _served() -> bool:
    """Started by `serve` for a browser: Textual draws for its web driver, not a terminal."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")


def _serve(
    host: str,
    port: int,
    extra: Sequence[Path],
    data: Path,
    *,
    class_code: str | None = None,
    public_url: str | None = None,
) -> int:
    """Serve the simulator to browsers, after checking what would be served: a folder that is
    not there, a pack that cannot be used, a class session that is not there, a public address
    that is none, or a port taken is one line, before any server. With `class_code`, each tab
    is a student's seat in it."""
    if public_url is not None and (problem := public_url_problem(public_url)):
        raise UsageError(problem)
    for folder in extra:
        if folder.is_file():
            raise UsageError(
                f"{printable(str(folder))} is a file: give the folder it is in with --scenarios"
            )
        if not folder.is_dir():
            raise UsageError(f"{printable(str(folder))}: no such folder")
    catalogue = catalogue_for(extra)
    # A folder missing or empty, or a pack.toml that cannot be used: the class would not get
    # the lesson meant. A scenario file with a problem is left out, and the app says so.
    unusable = [p for p in catalogue.problems if not p.in_file or p.path.name == PACK_FILE]
    if unusable:
        raise UsageError(_one_line(unusable))
    if not catalogue and not catalogue.assemblies:
        validate = shlex.join([PROG, "validate", *(printable(str(f)) for f in extra)])
        raise UsageError(
            "no scenario could be loaded: there is nothing to serve (to see what is wrong with "
            f"each file: {validate})"
        )
    code = None if class_code is None else _class_to_serve(class_code, data, extra)
    opened = open_work(data)
    if opened.store is None:
        raise UsageError(opened.notice)
    opened.store.close()
    if opened.notice:
        _say(f"{PROG}: {opened.notice}")
    if problem := port_problem(host, port):
        raise UsageError(problem)
    if warning := open_warning(host, seats=code is not None):
        _say(warning)
    if code is None:
        _out(f"Work is saved in {data / FILE_NAME}.")
    else:
        _out(
            f"Class session {code}: each browser tab asks for a name, then a member to take. "
            f"Votes are saved in {data / FILE_NAME}."
        )
    _flush()
    from simulator.serve import serve

    command = served_command(sys.executable, scenarios=extra, data=data, class_code=code)
    try:
        serve(command, host=host, port=port, public_url=public_url)
    except OSError as error:  # taken between the check and the start
        raise UsageError(f"cannot serve on {host} port {port}: {error.strerror or error}") from None
    return 0


def _open(
    spec: str,
    extra: Sequence[Path],
    *,
    data: Path | None = None,
    name: str | None = None,
    ask_name: bool = False,
) -> int:
    """The simulator on one scenario: an id, or a file that joins the catalogue to be opened."""
    if _kind(spec) == "folder":
        raise UsageError(
            f"{printable(spec)} is a folder: open one scenario of it with --scenarios DIR ID"
        )
    catalogue = catalogue_for(extra)
    if not _is_path(spec):
        if catalogue.get(spec) is None and catalogue.assembly(spec) is None:
            raise _unknown(spec, catalogue)
        return _open_app(catalogue, spec, data=data, name=name, ask_name=ask_name)
    # Loaded after the catalogue, as --scenarios would: the app knows its scenarios by id.
    added = load_paths([Path(spec)], after=catalogue)
    if added.problems:
        raise UsageError(_one_line(added.problems))
    if added.assemblies:
        (assembly,) = added.assemblies
        return _open_app(
            catalogue.with_assembly(assembly), assembly.id, data=data, name=name, ask_name=ask_name
        )
    (scenario,) = added.scenarios
    return _open_app(
        catalogue.with_scenario(scenario), scenario.id, data=data, name=name, ask_name=ask_name
    )


def _open_app(
    catalogue: Catalogue,
    scenario_id: str | None = None,
    *,
    data: Path | None = None,
    name: str | None = None,
    ask_name: bool = False,
) -> int:
    """The simulator, on the work saved in `data` (see `data_folder`): the work of the student
    `name`, or of the one used last; with `ask_name` (in a browser), of the name asked for."""
    if not _has_terminal() and not _served():
        # Without a terminal the app would draw escape codes into a pipe and wait for keys forever.
        raise UsageError(
            f"the simulator needs a terminal; in a script, use '{PROG} list' or '{PROG} vote'"
        )
    # Textual reads its settings when first imported, so they are set before.
    os.environ.update(colour_settings(os.environ))
    # Textual is imported only here, so the rest of the command works (and starts fast) without it.
    from simulator.ui.app import CouncilApp

    opened = open_work(data_folder(data, os.environ))
    store, notice = opened.store, opened.notice
    hello = ""
    if store is not None and name is not None and not ask_name:
        try:
            # In a terminal a name given later takes over the work done without one.
            welcome = store.use_student(name, claim_unnamed=True)
        except StoreError as error:
            notice = notice or f"The name is not saved: {error}."
        else:
            hello = greeting(store.student_name(), welcome)
    elif store is not None and not ask_name:
        with contextlib.suppress(StoreError):
            if last := store.student_name():  # on a shared computer: whose work this is
                hello = (
                    f"This is the work of {last}, the name used last here. To work under "
                    f'another name, start with {PROG} --name "Your Name".'
                )
    app: CouncilApp | None = None
    try:
        app = CouncilApp(
            catalogue,
            scenario_id=scenario_id,
            store=store,
            notice=notice,
            greeting=hello,
            ask_name=ask_name,
        )
        app.run()
    finally:
        if store is not None:
            if app is not None:
                app.work.save_held()  # a vote drawn just before the app stopped
            store.close()
    if notice:  # shown in the simulator too; said again here, where it stays after quitting
        _say(f"{PROG}: {notice}")
    if app.return_code:  # Textual sets 1 when the app died of an exception, after its traceback
        _say(
            f"{PROG}: the simulator stopped on an unexpected error (shown above); please report it"
        )
        return 1
    return 0


def _export(args: argparse.Namespace, folder: Path, extra: Sequence[Path], name: str | None) -> int:
    """Write the saved work in `folder` to FILE, every student's or `name`'s; status 1, and
    nothing written, if FILE exists (without --force) or the saved work cannot be read."""
    from simulator.export import (
        class_hand_in,
        hand_in_from,
        summary,
        write_export,
    )

    target: Path = args.file
    shown = printable(str(target))
    kind = _export_format(target, force=args.force)
    if kind is None:
        return 1
    catalogue = catalogue_for(extra)
    path = folder / FILE_NAME
    if not path.is_file():  # a mistyped --data would otherwise hand in an empty file
        _error(
            f"there is no saved work in {printable(str(folder))} (no {FILE_NAME} there): nothing "
            "was written. Give the folder the simulator saved in with --data DIR."
        )
        return 1
    try:
        with Store.open(path) as store:
            if name is None:
                hand_in = class_hand_in(store, catalogue)
            else:
                with store.as_student(name) as one:
                    hand_in = hand_in_from(one, catalogue)
    except StoreError as error:
        _error(f"nothing was written: {error}")
        return 1
    if not _written(target, lambda: write_export(target, hand_in, overwrite=args.force)):
        return 1
    _out(f"Wrote {shown} ({EXPORT_LABELS[kind]}): {summary(hand_in)}.")
    gone = sorted({w.id for s in hand_in.students for w in s.scenarios if not w.in_catalogue})
    if gone:
        some = ", ".join(gone[:3]) + (", …" if len(gone) > 3 else "")
        scenarios = "scenario worked on is" if len(gone) == 1 else "scenarios worked on are"
        _say(
            f"{PROG}: note: {len(gone)} {scenarios} not among those loaded ({some}), "
            "so they are written without titles or verdicts; if they are a pack's, export again "
            "with --scenarios PACK --force."
        )
    return 0


def _check_name(name: str | None) -> None:
    """A `--name` given must be one a student could type on the name screen."""
    if name is not None and (problem := name_problem(name)):
        if not tidy_name(name):  # the screen's words ask to type; here, a name is missing
            problem = 'the name is empty: give it in quotes, such as --name "Amina Diallo"'
        raise UsageError(f"--name: {problem}")


def _export_format(target: Path, *, force: bool) -> ExportFormat | None:
    """The format FILE's suffix asks for; None, said on stderr, if the file is there already
    and --force was not given (`export` and `class export` alike)."""
    from simulator.export import UnknownFormat, format_for

    shown = printable(str(target))
    try:
        kind = format_for(target)
    except UnknownFormat as error:
        raise UsageError(str(error)) from None
    if target.is_dir():
        raise UsageError(f"{shown} is a folder: give a file name, such as {shown}/work.md")
    if target.exists() and not force:
        _error(f"{shown} already exists: nothing was written (add --force to replace it)")
        return None
    return kind


def _written(target: Path, write: Callable[[], object]) -> bool:
    """Run `write`; False, said on stderr, if the file appeared while it was written."""
    shown = printable(str(target))
    try:
        write()
    except FileExistsError:
        _error(f"{shown} already exists: nothing was written (add --force to replace it)")
        return False
    except OSError as error:
        raise UsageError(f"cannot write {shown}: {error.strerror or error}") from None
    return True


EXPORT_LABELS = {"markdown": "Markdown", "json": "JSON", "csv": "CSV"}
"""The name of each `ExportFormat`, by its value (a `StrEnum`, so the format is its own key)."""


def _reset_work(folder: Path, *, yes: bool) -> int:
    """Clear the saved work in `folder`, after asking; the file and its schema stay, so that
    another copy of the app that has it open goes on saving into it."""
    path = folder / FILE_NAME
    if not path.exists():
        _out(f"There is no saved work in {path}.")
        return 0
    if not yes:
        if not _has_terminal():
            raise UsageError("reset-work asks before clearing: run it in a terminal, or add --yes")
        _write(f"Clear all saved work in {path}? [y/N] ")
        _flush()
        answer = sys.stdin.readline()
        if answer.strip().lower() not in ("y", "yes"):
            _out("Nothing was cleared.")
            return 0
    try:
        with Store.open(path) as store:
            store.clear()
    except StoreError as error:
        _error(f"nothing was cleared: {error}")
        return 1
    _out(f"Cleared all saved work in {path}.")
    return 0


# A class session without a screen: every step, for scripts, graders and load tests. The rules
# are `simulator.session`'s; the store applies each inside one write transaction.


def _add_class_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    """`class` and its steps, in one block, so that the other commands' parsers stay apart."""
    klass = commands.add_parser(
        "class",
        help="run a class session: each student casts one member's vote",
        description="A class session: each student takes one member of the Council and casts "
        "its vote; the chair opens the vote, closes it and reveals the record. open and chair "
        "open the chair's screen; the other steps run without a screen, for scripts and "
        "graders. Each finds the session by its CODE (in any "
        "case, with or without dashes) in the data folder (--data DIR, or "
        f"${DATA_ENV}), and its scenarios where the session was made, or with --scenarios. A "
        "wrong token, a vote on a closed vote or a member already taken: one line on stderr, "
        "exit status 2, and nothing changed.",
    )
    steps = klass.add_subparsers(
        dest="class_command", metavar="STEP", parser_class=_Parser, required=True
    )

    def step(name: str, summary: str, *, code: bool = True) -> _Parser:
        parser = steps.add_parser(
            name, help=summary, description=summary[:1].upper() + summary[1:] + "."
        )
        if code:
            parser.add_argument(
                "code", metavar="CODE", help="the session's code, such as KQ7-M4X-P2"
            )
        _add_data_option(parser, "more_data")
        _add_scenarios_option(parser, "more_scenarios")
        return parser

    def chair(parser: _Parser) -> None:
        parser.add_argument(
            "--chair", metavar="TOKEN", required=True, help="the chair's token, from class new"
        )

    def name(parser: _Parser) -> None:
        parser.add_argument(
            "--name", dest="student", metavar="NAME", required=True, help="the student's name"
        )

    new = step(
        "new",
        "make a class session on a scenario, and print its code and the chair's token",
        code=False,
    )
    _add_scenario_argument(new)
    new.add_argument(
        "--mode",
        choices=["visible", "hidden"],
        default="visible",
        help="visible: votes are shown as they are cast, as in the chamber (the default); "
        "hidden: votes, tally and verdict are shown only once the chair closes the vote",
    )
    new.add_argument("--json", action="store_true", help='print {"code": ..., "chair": ...}')
    opening = step(
        "open",
        "make a class session as new does, and open the chair's screen on it; the chair's token "
        "is printed when the screen closes, to chair it again",
        code=False,
    )
    _add_scenario_argument(opening)
    opening.add_argument(
        "--mode",
        choices=["visible", "hidden"],
        default="visible",
        help="visible: votes are shown as they are cast (the default); hidden: votes, tally "
        "and verdict are shown to students only once the chair closes the vote",
    )
    chairing = step("chair", "open the chair's screen on a class session again")
    chair(chairing)
    take = step("take", "take a member for a student, and print the seat's token")
    take.add_argument("member", metavar="MEMBER", help="the member's code, such as USA")
    name(take)
    take.add_argument("--json", action="store_true", help='print {"seat": ...}')
    vote = step("vote", "cast or change the vote of the seat's member, while the vote is open")
    vote.add_argument(
        "vote",
        metavar="VOTE",
        help="yes, no, abstain or absent; on a statement, agree, object or silent",
    )
    vote.add_argument(
        "--seat", metavar="TOKEN", required=True, help="the seat's token, from class take"
    )
    for name_, summary in (
        ("open-vote", "open the vote: the students may vote"),
        (
            "close-vote",
            "close the vote: votes and verdict are final; a member that has not "
            "voted counts as absent",
        ),
        ("reveal", "show the recorded vote beside the class's, once the vote is closed"),
        ("next", "move the class on to the next scenario of its pack"),
    ):
        chair(step(name_, summary))
    free = step("free", "free a member: its token votes no more")
    free.add_argument("member", metavar="MEMBER", help="the member's code")
    chair(free)
    assign = step("assign", "keep a free member for a student, who takes it by their name")
    assign.add_argument("member", metavar="MEMBER", help="the member's code")
    name(assign)
    chair(assign)
    join = step(
        "join", "take a member and cast its vote on a screen of your own, live (in a terminal)"
    )
    join.add_argument(
        "--name",
        dest="student",
        metavar="NAME",
        help="your name (asked for if not given): join again with the same name to take your "
        "member back",
    )
    status = step("status", "print the roll, the votes as the viewer may see them, and the verdict")
    status.add_argument("--chair", metavar="TOKEN", help="see as the chair: hidden votes too")
    status.add_argument("--seat", metavar="TOKEN", help="see as this seat's student")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    export = step(
        "export", "write the session's results to FILE: Markdown, JSON or CSV, by its extension"
    )
    export.add_argument("file", metavar="FILE", type=_path, help="the file to write")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--chair", metavar="TOKEN", help="include votes still hidden")


def _class(args: argparse.Namespace, data: Path | None, extra: Sequence[Path]) -> int:
    """One step of a class session; status 2 for what its rules refuse, 1 if the saved work
    cannot be read or written."""
    from simulator.session import SessionError

    folder = data_folder(data, os.environ)
    try:
        if args.class_command == "new":
            return _class_new(args, folder, data, extra)
        if args.class_command == "open":
            return _class_open(args, folder, data, extra)
        code = _class_code(args.code)
        path = folder / FILE_NAME
        if not path.is_file():
            raise _no_class(code, folder)
        with Store.open(path) as store:
            if args.class_command == "chair":
                return _class_chair(args, store, code, folder, data, extra)
            return _class_step(args, store, code, folder, extra)
    except SessionError as error:
        raise UsageError(str(error)) from None
    except StoreError as error:
        _error(f"nothing was changed: {error}")
        return 1


def _class_code(text: str) -> str:
    from simulator.session import read_code

    code = read_code(text)
    if code is None:
        raise UsageError(
            f"{quote(text)} is not a class code: a code is eight letters and digits, such as "
            "KQ7-M4X-P2"
        )
    return code


def _no_class(code: str, folder: Path) -> UsageError:
    return UsageError(
        f"there is no class session {code} in {printable(str(folder))}: check the code, and "
        "give the folder the session was made in with --data DIR"
    )


def _class_make(
    args: argparse.Namespace, folder: Path, extra: Sequence[Path]
) -> tuple[ClassSession, str, Scenario, Catalogue] | None:
    """Make and keep a session on SCENARIO (`new` and `open`): the session, the chair's token,
    the scenario and the scenarios loaded; None, said on stderr, if the store cannot be opened."""
    from simulator.session import Mode, new_code, new_token, start

    spec: str = args.scenario
    if _is_path(spec):
        raise UsageError(
            f"{printable(spec)}: a class session is made on a scenario's id; give its folder "
            "with --scenarios DIR"
        )
    catalogue = catalogue_for(extra)
    scenario = catalogue.get(spec)
    if scenario is None:
        raise _unknown(spec, catalogue)
    pack = catalogue.pack
    if pack is not None and scenario.id in pack.scenario_ids:
        order = tuple(s.id for s in catalogue.sections() if s.id in pack.scenario_ids)
    else:
        order = (scenario.id,)
    opened = open_work(folder)
    if opened.store is None:
        _error(opened.notice)
        return None
    if opened.notice:
        _say(f"{PROG}: {opened.notice}")
    chair = new_token()
    with opened.store as store:
        while True:
            session = start(
                scenario,
                chair=chair,
                code=new_code(),
                mode=Mode(args.mode),
                order=order,
                folders=tuple(str(path.resolve()) for path in extra),
            )
            if store.start_class(session):
                break
    return session, chair, scenario, catalogue


def _class_new(
    args: argparse.Namespace, folder: Path, data: Path | None, extra: Sequence[Path]
) -> int:
    """Make a session on SCENARIO, in the pack's order if it is a pack's; print its code and
    the chair's token, which is shown this once and kept only as its hash."""
    from simulator.session import Mode

    made = _class_make(args, folder, extra)
    if made is None:
        return 1
    session, chair, scenario, _ = made
    order = session.order
    if args.json:
        _out(json.dumps({"code": session.code, "chair": chair}))
        return 0
    shown = (
        "votes shown as they are cast"
        if session.mode is Mode.VISIBLE
        else ("votes hidden until the vote closes")
    )
    more = f", {len(order)} scenarios in the pack's order" if len(order) > 1 else ""
    take = [PROG, "class", "take", session.code, "MEMBER", "--name", "NAME"]
    if data is not None:
        take += ["--data", str(data)]
    _out(f"Class session {session.code}: {scenario.title} ({scenario.date.isoformat()}){more}.")
    _out(f"The vote is not open yet; {shown}.")
    _out(f"Chair's token (keep it to yourself: it opens, closes and reveals the vote): {chair}")
    _out(f"Each student takes a member with: {printable(shlex.join(take))}")
    return 0


def _class_open(
    args: argparse.Namespace, folder: Path, data: Path | None, extra: Sequence[Path]
) -> int:
    """`new`, then the chair's screen on the session; its token is printed when it closes."""
    _class_needs_terminal()
    made = _class_make(args, folder, extra)
    if made is None:
        return 1
    session, chair, _, catalogue = made
    with Store.open(folder / FILE_NAME) as store:
        return _class_screen(store, session.code, chair, catalogue, data)


def _class_chair(
    args: argparse.Namespace,
    store: Store,
    code: str,
    folder: Path,
    data: Path | None,
    extra: Sequence[Path],
) -> int:
    """The chair's screen again, on a session the token is the chair's of."""
    from simulator.session import viewer

    session = store.class_session(code)
    if session is None:
        raise _no_class(code, folder)
    viewer(session, chair=args.chair)  # a wrong token is refused before any screen opens
    catalogue = catalogue_for(extra or [Path(f) for f in session.folders])
    if catalogue.get(session.scenario_id) is None:
        raise UsageError(
            f"the session is on the scenario {quote(session.scenario_id)}, which is not among "
            "those loaded: give its folder with --scenarios DIR"
        )
    _class_needs_terminal()
    return _class_screen(store, code, args.chair, catalogue, data)


def _class_needs_terminal() -> None:
    if not _has_terminal() and not _served():
        raise UsageError(
            f"the chair's screen needs a terminal; in a script, use '{PROG} class new' and the "
            "other steps of class"
        )


def _class_screen(
    store: Store, code: str, chair: str, catalogue: Catalogue, data: Path | None
) -> int:
    """Run the chair's screen; after it, however it ends, how to open it again."""
    os.environ.update(colour_settings(os.environ))  # read by Textual when first imported
    from simulator.ui.chair import ChairApp

    app = ChairApp(store, code, chair, catalogue)
    try:
        app.run()
    finally:
        again = [PROG, "class", "chair", code, "--chair", chair]
        if data is not None:
            again += ["--data", str(data)]
        _out(f"Class session {code} stays in the data folder, as the chair left it.")
        _out(f"To chair it again: {printable(shlex.join(again))}")
    if app.return_code:
        _say(
            f"{PROG}: the chair's screen stopped on an unexpected error (shown above); please "
            "report it"
        )
        return 1
    return 0


def _class_step(
    args: argparse.Namespace, store: Store, code: str, folder: Path, extra: Sequence[Path]
) -> int:
    """Every step but `new`, on the session as the file holds it."""
    from simulator import session as rules
    from simulator.rules import capital

    session = store.class_session(code)
    if session is None:
        raise _no_class(code, folder)
    catalogue = catalogue_for(extra or [Path(f) for f in session.folders])

    def scenario_of(now: rules.ClassSession) -> Scenario:
        # Read again inside each change: the chair may have moved the class on meanwhile.
        found = catalogue.get(now.scenario_id)
        if found is None:
            raise UsageError(
                f"the session is on the scenario {quote(now.scenario_id)}, which is not among "
                "those loaded: give its folder with --scenarios DIR"
            )
        return found

    step: str = args.class_command
    if step == "status":
        return _class_status(args, session, scenario_of(session))
    if step == "join":
        scenario_of(session)  # a class on a scenario not loaded here: one line, not a screen
        return _class_join(args, store, code, catalogue)
    if step == "export":
        return _class_export(args, session, catalogue)
    if step == "take":
        name: str = args.student
        if problem := name_problem(name):
            if not tidy_name(name):
                problem = 'the name is empty: give it in quotes, such as --name "Amina Diallo"'
            raise UsageError(f"--name: {problem}")
        token = rules.new_token()
        after = store.change_class(
            code, lambda s: rules.take_seat(s, scenario_of(s), args.member, name, token)
        )
        seat = after.seat_of_token(token)
        assert seat is not None
        if args.json:
            _out(json.dumps({"seat": token}))
            return 0
        member = scenario_of(after).ballot().member(seat.member)
        _out(f"{seat.name} holds {member.display_name} ({member.code}) in class {code}.")
        _out(f"Seat token (it casts this member's vote, and only this one): {token}")
        return 0
    if step == "vote":
        scenario = scenario_of(session)
        try:
            vote = parse_vote(args.vote, scenario.decision)
        except BallotError as error:
            raise UsageError(str(error)) from None
        after = store.change_class(
            code, lambda s: rules.cast_vote(s, scenario_of(s), args.seat, vote)
        )
        seat = after.seat_of_token(args.seat)
        assert seat is not None
        scenario = scenario_of(after)
        member = scenario.ballot().member(seat.member)
        _out(
            f"{capital(member.display_name)}: {scenario.decision.vote_label(vote)}. It can be "
            "changed until the chair closes the vote."
        )
        return 0
    chair: str = args.chair
    if step == "open-vote":
        after = store.change_class(code, lambda s: rules.open_vote(s, chair))
        taken = len(after.seats)
        _out(f"The vote is open: {taken} of {len(scenario_of(after).members)} members are taken.")
        return 0
    if step == "close-vote":
        after = store.change_class(code, lambda s: rules.close_vote(s, chair))
        scenario = scenario_of(after)
        verdict = rules.ballot_of(after.current, scenario).verdict
        _out(f"The vote is closed: {verdict.headline}.")
        absent = rules.counted_absent(after.current, scenario)
        if absent:
            counted = scenario.decision.vote_label(Vote.ABSENT, short=True)
            codes = ", ".join(m.code for m in absent)
            _out(f"Did not vote, so counted as {counted}: {codes}.")
        return 0
    if step == "reveal":
        after = store.change_class(code, lambda s: rules.reveal(s, chair))
        scenario = scenario_of(after)
        if scenario.has_recorded_votes:
            _out(f"The record is shown: {scenario.recorded_ballot().verdict.headline}.")
        else:
            _out("The record is shown: the Council never voted on this draft.")
        return 0
    if step == "next":

        def following(s: rules.ClassSession) -> Scenario | None:
            wanted = s.next_scenario_id()
            return catalogue.get(wanted) if wanted else None

        before = set(session.seats)
        after = store.change_class(code, lambda s: rules.next_scenario(s, chair, following(s)))
        scenario = scenario_of(after)
        _out(
            f"The class moves on to {scenario.title} ({len(after.rounds)} of "
            f"{len(after.order)}): the vote is not open yet."
        )
        freed = sorted(before - set(after.seats))
        if freed:
            _out(f"Freed, as they are not on this Council: {', '.join(freed)}.")
        return 0
    member_code: str = args.member
    if step == "free":
        after = store.change_class(
            code, lambda s: rules.free_seat(s, scenario_of(s), chair, member_code)
        )
        member = scenario_of(after).ballot().member(member_code)
        _out(f"{capital(member.display_name)} is free.")
        return 0
    student: str = args.student
    after = store.change_class(
        code, lambda s: rules.assign_seat(s, scenario_of(s), chair, member_code, student)
    )
    member = scenario_of(after).ballot().member(member_code)
    holder = after.seats[member.code].name
    take = [PROG, "class", "take", code, member.code, "--name", holder]
    _out(
        f"{capital(member.display_name)} is kept for {holder}, who takes it with: "
        f"{printable(shlex.join(take))}"
    )
    return 0


def _class_status(args: argparse.Namespace, session: ClassSession, scenario: Scenario) -> int:
    """The roll as the viewer the tokens make may see it (anyone, without a token)."""
    from simulator.session import Mode, Phase, roll, viewer

    shown = roll(session, scenario, viewer(session, chair=args.chair, seat=args.seat))
    decision = scenario.decision
    if args.json:
        word = decision.vote_word
        data = {
            "code": shown.code,
            "scenario": scenario.id,
            "title": scenario.title,
            "mode": shown.mode.value,
            "phase": shown.phase.value,
            "position": shown.position,
            "scenarios": list(session.order),
            "votes_in": shown.votes_in,
            "members": len(shown.lines),
            "roll": [
                {
                    "code": line.member.code,
                    "name": line.member.name,
                    "student": line.holder or None,
                    "joined": line.joined,
                    "voted": line.voted,
                    "vote": None if line.vote is None or line.counted_absent else word(line.vote),
                    "hidden": line.hidden,
                    "counted_absent": line.counted_absent,
                    "recorded": None if line.recorded is None else word(line.recorded),
                }
                for line in shown.lines
            ],
            "verdict": None if shown.ballot is None else verdict_json(scenario, shown.ballot),
            "recorded": None if shown.recorded is None else verdict_json(scenario, shown.recorded),
        }
        _out(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    _out(
        f"Class {shown.code}, scenario {shown.position} of {shown.scenarios}: {scenario.title} "
        f"({scenario.date.isoformat()}, {decision.label})"
    )
    hidden_mode = shown.mode is Mode.HIDDEN
    phase = {
        Phase.WAITING: "The vote is not open yet: votes will be "
        + ("hidden until the chair closes it." if hidden_mode else "shown as they are cast."),
        Phase.OPEN: "The vote is open: votes are "
        + ("hidden until the chair closes it." if hidden_mode else "shown as they are cast."),
        Phase.CLOSED: "The vote is closed: votes and verdict are final.",
        Phase.REVEALED: "The vote is closed, and the record is shown beside it.",
    }[shown.phase]
    _out(f"{phase} {shown.votes_in} of {len(shown.lines)} votes in.")
    absent = decision.vote_label(Vote.ABSENT, short=True)
    for line in shown.lines:
        if not line.holder:
            holder = "free"
        elif line.joined:
            holder = line.holder
        else:
            holder = f"{line.holder} (not taken yet)"
        if line.counted_absent:
            vote = f"did not vote: {absent}"
        elif line.vote is not None:
            vote = decision.vote_label(line.vote)
        else:
            vote = "voted (hidden)" if line.hidden else "not voted"
        text = f"  {line.member.code:<3}  {holder:<26}  {vote}"
        if line.recorded is not None:
            text = f"{text:<60}  recorded: {decision.vote_label(line.recorded)}"
        _out(printable(text.rstrip()))
    verdict = shown.verdict
    if verdict is None:
        _out("The tally and the verdict are shown when the vote closes.")
        return 0
    counts = verdict.counts
    tally = ", ".join(
        f"{decision.vote_label(v, short=True)} {counts.of(v)}" for v in decision.choices
    )
    need = (
        "one objection blocks it"
        if decision.is_statement
        else f"{verdict.required} in favour needed"
    )
    _out(verdict.headline)
    _out(f"{tally} ({need})")
    if shown.recorded is not None:
        recorded = shown.recorded.verdict
        same = "the same as" if recorded.reason is verdict.reason else "not the same as"
        _out(f"Recorded: {recorded.headline}")
        _out(f"The class's outcome is {same} the Council's.")
    elif shown.phase is Phase.REVEALED:
        _out("Recorded: none (the Council never voted on this draft).")
    return 0


def _class_export(args: argparse.Namespace, session: ClassSession, catalogue: Catalogue) -> int:
    """Write the session's results; status 1, and nothing written, if FILE exists (without
    --force)."""
    from simulator.export import class_results, write_class_export
    from simulator.session import viewer

    target: Path = args.file
    shown = printable(str(target))
    kind = _export_format(target, force=args.force)
    if kind is None:
        return 1
    results = class_results(session, catalogue, viewer(session, chair=args.chair))
    if not _written(target, lambda: write_class_export(target, results, overwrite=args.force)):
        return 1
    scenarios = len(results.rounds)
    what = "1 scenario" if scenarios == 1 else f"{scenarios} scenarios"
    _out(f"Wrote {shown} ({EXPORT_LABELS[kind]}): class session {session.code}, {what}.")
    return 0


def _class_join(args: argparse.Namespace, store: Store, code: str, catalogue: Catalogue) -> int:
    """The student's seat, in a terminal or a browser tab (`serve --class`): a name (asked for
    unless given), a member, and its vote, live. The seat's token stays in this process."""
    name: str | None = args.student
    _check_name(name)
    if not _has_terminal() and not _served():
        raise UsageError(
            f"class join needs a terminal; in a script, use '{PROG} class take' and "
            f"'{PROG} class vote'"
        )
    os.environ.update(colour_settings(os.environ))  # read by Textual when first imported
    from simulator.ui.seat import SeatApp

    app = SeatApp(store, code, catalogue, name=None if name is None else tidy_name(name))
    app.run()
    if app.return_code:  # Textual sets 1 when the app died of an exception, after its traceback
        _say(
            f"{PROG}: the simulator stopped on an unexpected error (shown above); please report it"
        )
        return 1
    return 0


def _class_to_serve(text: str, folder: Path, extra: Sequence[Path]) -> str:
    """The code of the class session `serve --class` is to serve, once it is found in the data
    folder with its scenario: a class that is not there is one line, not a page of errors."""
    code = _class_code(text)
    path = folder / FILE_NAME
    if not path.is_file():
        raise _no_class(code, folder)
    try:
        with Store.open(path) as store:
            session = store.class_session(code)
    except StoreError as error:
        raise UsageError(str(error)) from None
    if session is None:
        raise _no_class(code, folder)
    catalogue = catalogue_for(extra or [Path(f) for f in session.folders])
    if catalogue.get(session.scenario_id) is None:
        raise UsageError(
            f"the session is on the scenario {quote(session.scenario_id)}, which is not among "
            "those loaded: give its folder with --scenarios DIR"
        )
    return code
