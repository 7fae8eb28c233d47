"""The scenario loader: the bundled records, and a clear line for every kind of bad file."""

from __future__ import annotations

import datetime
import errno
import json
import os
import socket
import sys
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from simulator.rules import Ballot, Decision, Reason, RuleSet, Vote
from simulator.scenarios import (
    Outcome,
    Problem,
    Scenario,
    ScenarioError,
    _control,
    bundled_dir,
    load_catalogue,
    load_file,
    load_paths,
    problems_summary,
)

BUNDLED = load_catalogue()

REQUIRED_IDS = [
    "2021-05-french-draft",
    "2021-05-17-press-statements",
    "2023-10-18-brazil-draft",
    "2023-11-15-resolution-2712",
    "2023-12-08-uae-draft",
    "2023-12-22-resolution-2720",
    "2024-02-20-algeria-draft",
    "2024-03-22-us-draft",
    "2024-03-25-resolution-2728",
]

P5 = {"CHN", "FRA", "RUS", "GBR", "USA"}
P5_1950 = {"CHN", "FRA", "SUN", "GBR", "USA"}
"""In 1950 the Soviet Union held the seat of today's Russian Federation (ISO code SUN)."""
COUNCIL_1950 = P5_1950 | {"CUB", "ECU", "EGY", "IND", "NOR", "YUG"}
COUNCIL_2022 = P5 | {"ALB", "BRA", "GAB", "GHA", "ARE", "IND", "IRL", "KEN", "MEX", "NOR"}
COUNCIL_2021 = P5 | {"EST", "NER", "VCT", "TUN", "VNM", "IND", "IRL", "KEN", "MEX", "NOR"}
COUNCIL_2023 = P5 | {"ALB", "BRA", "GAB", "GHA", "ARE", "ECU", "JPN", "MLT", "MOZ", "CHE"}
COUNCIL_2024 = P5 | {"ECU", "JPN", "MLT", "MOZ", "CHE", "DZA", "GUY", "KOR", "SLE", "SVN"}


def test_bundled_scenarios_all_load() -> None:
    """Every bundled file is valid."""
    assert BUNDLED.problems == ()
    assert len(BUNDLED) >= len(REQUIRED_IDS)


@pytest.mark.parametrize("scenario_id", REQUIRED_IDS)
def test_required_scenarios_are_bundled(scenario_id: str) -> None:
    """The drafts the articles report are all there."""
    assert BUNDLED.get(scenario_id) is not None


@pytest.mark.parametrize("scenario", BUNDLED.scenarios, ids=lambda s: s.id)
def test_bundled_record_counts_to_its_outcome(scenario: Scenario) -> None:
    """Each recorded vote, counted by the rules, gives the outcome the record reports."""
    assert scenario.record is not None
    if scenario.record.outcome is Outcome.NOT_VOTED:
        assert not scenario.has_recorded_votes
        return
    verdict = scenario.recorded_ballot().verdict
    assert verdict.reason is scenario.record.outcome.reason
    assert verdict.counts.not_voted == 0


@pytest.mark.parametrize("scenario", BUNDLED.scenarios, ids=lambda s: s.id)
def test_bundled_council_matches_its_year(scenario: Scenario) -> None:
    """Each scenario seats the Council of its date, with the five permanent members marked."""
    codes = {m.code for m in scenario.members}
    councils = {
        1950: COUNCIL_1950,
        2021: COUNCIL_2021,
        2022: COUNCIL_2022,
        2023: COUNCIL_2023,
        2024: COUNCIL_2024,
    }
    assert codes == councils[scenario.date.year]
    permanent = P5_1950 if scenario.date.year == 1950 else P5
    assert {m.code for m in scenario.members if m.permanent} == permanent


# (id, symbol, yes-no-abstain, outcome, who vetoed) from the UN's records of each meeting
GAZA_VOTES = [
    ("2023-10-16-russian-draft", "S/2023/772", (5, 4, 6), Reason.INSUFFICIENT_VOTES, set[str]()),
    ("2023-10-18-brazil-draft", "S/2023/773", (12, 1, 2), Reason.VETOED, {"USA"}),
    ("2023-10-25-us-draft", "S/2023/792", (10, 3, 2), Reason.VETOED, {"CHN", "RUS"}),
    ("2023-10-25-russian-draft", "S/2023/795", (4, 2, 9), Reason.INSUFFICIENT_VOTES, set[str]()),
    ("2023-11-15-resolution-2712", "S/RES/2712 (2023)", (12, 0, 3), Reason.ADOPTED, set[str]()),
    ("2023-12-08-uae-draft", "S/2023/970", (13, 1, 1), Reason.VETOED, {"USA"}),
    ("2023-12-22-resolution-2720", "S/RES/2720 (2023)", (13, 0, 2), Reason.ADOPTED, set[str]()),
    ("2024-02-20-algeria-draft", "S/2024/173", (13, 1, 1), Reason.VETOED, {"USA"}),
    ("2024-03-22-us-draft", "S/2024/239", (11, 3, 1), Reason.VETOED, {"CHN", "RUS"}),
    ("2024-03-25-resolution-2728", "S/RES/2728 (2024)", (14, 0, 1), Reason.ADOPTED, set[str]()),
]

# The votes chosen to teach a rule, and the amendments voted before two of the Gaza drafts
TEACHING_VOTES = [
    ("1950-07-07-resolution-84", (7, 0, 3, 1), Reason.ADOPTED),
    ("2022-02-27-resolution-2623", (11, 1, 3, 0), Reason.ADOPTED),
    ("2023-11-15-russian-amendment", (5, 1, 9, 0), Reason.INSUFFICIENT_VOTES),
    ("2024-03-25-russian-amendment", (3, 1, 11, 0), Reason.INSUFFICIENT_VOTES),
]


@pytest.mark.parametrize(("scenario_id", "counts", "reason"), TEACHING_VOTES)
def test_teaching_votes_match_the_record(
    scenario_id: str, counts: tuple[int, int, int, int], reason: Reason
) -> None:
    """The four votes that teach a rule count as the facts sheet records them."""
    scenario = BUNDLED.get(scenario_id)
    assert scenario is not None
    verdict = scenario.recorded_ballot().verdict
    c = verdict.counts
    assert (c.yes, c.no, c.abstain, c.absent) == counts
    assert verdict.reason is reason
    assert verdict.vetoed_by == ()


def test_resolution_84_adopted_with_exactly_seven_while_a_permanent_member_stayed_away() -> None:
    """1950: seven votes of eleven, the Soviet Union absent, and no veto by practice alone."""
    scenario = BUNDLED.get("1950-07-07-resolution-84")
    assert scenario is not None
    assert scenario.rules is RuleSet.CHARTER_1945 and len(scenario.members) == 11
    verdict = scenario.recorded_ballot().verdict
    assert verdict.adopted and verdict.counts.yes == verdict.required == 7
    assert [m.name for m in verdict.absent_permanent] == ["Soviet Union"]
    assert "The Soviet Union stayed away: by Council practice since 1950" in verdict.explanation
    assert "Court" not in verdict.explanation and "Namibia" not in verdict.explanation
    assert "Republic of China" in scenario.summary
    # Had it come and voted against, the seven votes would have been vetoed.
    vetoed = scenario.recorded_ballot().cast("SUN", Vote.AGAINST).verdict
    assert vetoed.reason is Reason.VETOED


def test_resolution_84_never_credits_the_court_with_the_rule_on_absence() -> None:
    """The Court ruled on abstention (Namibia, 1971), never on absence: no text says otherwise."""
    scenario = BUNDLED.get("1950-07-07-resolution-84")
    assert scenario is not None
    for key, text in _texts(scenario).items():
        for sentence in text.split(". "):
            if "Court" in sentence:
                assert "not ruled" in sentence, f"{key}: {sentence}"


def test_resolution_2623_vote_against_by_a_permanent_member_is_no_veto() -> None:
    """A procedural vote (Art. 27(2)): the Russian Federation's vote against blocks nothing."""
    scenario = BUNDLED.get("2022-02-27-resolution-2623")
    assert scenario is not None and scenario.decision is Decision.PROCEDURAL
    verdict = scenario.recorded_ballot().verdict
    assert verdict.adopted
    assert [m.code for m in verdict.against_permanent] == ["RUS"]
    assert "Article 27(2)" in verdict.explanation
    # The same votes on a matter of substance would have been vetoed.
    members = scenario.members
    substantive = Ballot(members, Decision.SUBSTANTIVE).cast_all(scenario.recorded_ballot().votes)
    assert substantive.verdict.reason is Reason.VETOED


@pytest.mark.parametrize(
    ("amendment_id", "draft_id"),
    [
        ("2023-11-15-russian-amendment", "2023-11-15-resolution-2712"),
        ("2024-03-25-russian-amendment", "2024-03-25-resolution-2728"),
    ],
)
def test_amendments_fail_for_lack_of_votes_and_the_us_vote_is_no_veto(
    amendment_id: str, draft_id: str
) -> None:
    """Fewer than nine in favour: the US vote against is no veto, and the summary says why."""
    amendment = BUNDLED.get(amendment_id)
    assert amendment is not None and amendment.amends == draft_id
    draft = BUNDLED.draft_of(amendment)
    assert draft is not None and draft.id == draft_id
    assert BUNDLED.amendments_to(draft) == (amendment,)
    verdict = amendment.recorded_ballot().verdict
    assert verdict.reason is Reason.INSUFFICIENT_VOTES and verdict.counts.yes < 9
    assert [m.code for m in verdict.against_permanent] == ["USA"]
    assert "no veto" in verdict.explanation
    assert "was therefore not a veto" in amendment.summary
    assert "failed for lack of votes" in amendment.summary
    assert amendment.date == draft.date


CONFIRMED = {"S/2023/772", "S/2023/773", "S/2023/792", "S/2023/795", "S/2023/970"}
"""Confirmed by the UN's Security Council 2023 Round-Up on the war in Gaza (9 January 2024)."""
UNVERIFIED = {"S/2024/173", "S/2024/239", "S/2024/254", "SC/15637"}
"""Symbols and numbers from unofficial data sets: a scenario that uses one must say so."""


@pytest.mark.parametrize(("scenario_id", "symbol", "yna", "reason", "vetoed_by"), GAZA_VOTES)
def test_gaza_votes_match_the_record(
    scenario_id: str, symbol: str, yna: tuple[int, int, int], reason: Reason, vetoed_by: set[str]
) -> None:
    """The bundled votes give the published symbols, tallies and vetoes of each meeting."""
    scenario = BUNDLED.get(scenario_id)
    assert scenario is not None and scenario.record is not None
    assert scenario.record.symbol == symbol
    verdict = scenario.recorded_ballot().verdict
    assert (verdict.counts.yes, verdict.counts.no, verdict.counts.abstain) == yna
    assert verdict.reason is reason
    assert {m.code for m in verdict.vetoed_by} == vetoed_by


def _texts(scenario: Scenario) -> dict[str, str]:
    record = scenario.record
    return {
        "summary": scenario.summary,
        "source": scenario.source,
        "notes": scenario.notes,
        "record.note": record.note if record else "",
    }


@pytest.mark.parametrize("scenario", BUNDLED.scenarios, ids=lambda s: s.id)
def test_unverified_symbols_are_said_to_be_unverified(scenario: Scenario) -> None:
    """A symbol from unofficial data sets is called unverified wherever a scenario gives it."""
    texts = _texts(scenario)
    for key, text in texts.items():
        for symbol in UNVERIFIED:
            if symbol in text:
                assert "unverified" in text, f"{key} gives {symbol} without calling it unverified"
        for sentence in text.split(". "):
            for symbol in CONFIRMED:
                if symbol in sentence:
                    assert "verified" not in sentence, f"{key} doubts {symbol}, which is confirmed"
    if scenario.record is not None and scenario.record.symbol in UNVERIFIED:
        assert "unverified" in texts["record.note"]


def test_may_2021_attempts_as_reported() -> None:
    """AP's 'at least four' attempts; the three dates reported (16 May was a debate)."""
    scenario = BUNDLED.get("2021-05-17-press-statements")
    assert scenario is not None
    assert "at least four attempts" in scenario.summary
    assert "10 May" in scenario.summary and "12 May" in scenario.summary
    assert "open debate of 16 May" in scenario.summary
    everything = " ".join(_texts(scenario).values())
    assert "10, 12, 16 and 17 May" not in everything
    assert "Times of Israel" in scenario.source
    assert "the date of the fourth" in everything


@pytest.mark.parametrize("scenario_id", ["2021-05-french-draft", "2021-05-22-press-statement"])
def test_the_2021_ceasefire_was_agreed_on_20_may(scenario_id: str) -> None:
    """Agreed on 20 May 2021, in effect from 21 May."""
    scenario = BUNDLED.get(scenario_id)
    assert scenario is not None
    assert "agreed on 20 May" in scenario.summary
    assert "agreed and took effect on 21 May" not in scenario.summary
    assert "agreed and had taken effect on 21 May" not in scenario.summary


def test_statement_of_22_may_2021_says_what_it_said() -> None:
    """SC/14527, issued by the President, Zhang Jun of China, welcoming the ceasefire."""
    scenario = BUNDLED.get("2021-05-22-press-statement")
    assert scenario is not None and scenario.record is not None
    assert scenario.record.symbol == "SC/14527"
    for words in ("Zhang Jun", '"ceasefire beginning 21 May"', "humanitarian", "civilian"):
        assert words in scenario.summary


def test_us_draft_of_22_march_2024_as_put_to_the_vote() -> None:
    """The summary gives the text voted on: its ceasefire wording and its loosened hostage link."""
    scenario = BUNDLED.get("2024-03-22-us-draft")
    assert scenario is not None
    assert '"the imperative of an immediate and sustained ceasefire"' in scenario.summary
    assert '"in connection with the release of all remaining hostages"' in scenario.summary
    assert "loosened" in scenario.summary


def test_us_abstained_on_the_adopted_resolutions() -> None:
    """The two resolutions of Nov and Dec 2023 passed while the United States abstained."""
    for scenario_id in ("2023-11-15-resolution-2712", "2023-12-22-resolution-2720"):
        scenario = BUNDLED.get(scenario_id)
        assert scenario is not None and scenario.record is not None
        assert scenario.record.votes["USA"] is Vote.ABSTENTION


def test_french_draft_was_never_voted() -> None:
    """The May 2021 French draft is recorded as never put to a vote."""
    scenario = BUNDLED.get("2021-05-french-draft")
    assert scenario is not None and scenario.record is not None
    assert scenario.record.outcome is Outcome.NOT_VOTED
    assert scenario.record.votes == {}


def test_press_statement_blocked_by_the_united_states_alone() -> None:
    """May 2021: the US was the only objection to the press statements."""
    scenario = BUNDLED.get("2021-05-17-press-statements")
    assert scenario is not None
    assert scenario.decision is Decision.PRESS_STATEMENT
    verdict = scenario.recorded_ballot().verdict
    assert verdict.reason is Reason.OBJECTION
    assert [m.code for m in verdict.objecting] == ["USA"]


def test_bundled_dir_is_inside_the_checkout_or_package() -> None:
    """The bundled folder is found from the package, not from the working directory."""
    assert bundled_dir().is_dir()
    assert any(bundled_dir().glob("*.toml"))


# --- Bad files ------------------------------------------------------------------------------

GOOD = """\
id = "test-draft"
title = "A test draft"
date = 2024-03-22
decision = "substantive"
summary = "A draft for tests."
source = "None: made up for the tests."
{extra}
{members}
[record]
outcome = "adopted"
votes = {{ {votes} }}
"""

CODES = ["CHN", "FRA", "RUS", "GBR", "USA", "DZA", "ECU", "GUY", "JPN", "KOR"]
CODES += ["MLT", "MOZ", "SLE", "SVN", "CHE"]


def members_toml(codes: list[str] = CODES) -> str:
    return "\n".join(
        f'[[members]]\ncode = "{c}"\nname = "Member {c}"\npermanent = {str(c in P5).lower()}\n'
        for c in codes
    )


def scenario_text(
    *, extra: str = "", members: str | None = None, votes: str | None = None, **replace: str
) -> str:
    text = GOOD.format(
        extra=extra,
        members=members_toml() if members is None else members,
        votes=", ".join(f'{c} = "yes"' for c in CODES) if votes is None else votes,
    )
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    return [str(p) for p in caught.value.problems]


def test_good_file_loads(tmp_path: Path) -> None:
    """The template the bad-file tests start from is itself valid."""
    scenario = load_file(write(tmp_path, scenario_text()))
    assert scenario.id == "test-draft"
    assert scenario.date == datetime.date(2024, 3, 22)
    assert scenario.rules is RuleSet.CHARTER_1965
    assert len(scenario.members) == 15


BAD_FILES = [
    # (what is wrong, how to break the template, the key named, words of the message)
    ("broken TOML", {"title = ": "title = = "}, "", "is not valid TOML"),
    ("missing key", {'title = "A test draft"\n': ""}, "title", "missing"),
    ("wrong type", {'title = "A test draft"': "title = 42"}, "title", "must be a string"),
    ("bad date", {"date = 2024-03-22": 'date = "22 March"'}, "date", "is not a date"),
    ("bad decision", {'"substantive"': '"important"'}, "decision", "is not one of"),
    (
        "bad rules",
        {"date = 2024-03-22": 'date = 2024-03-22\nrules = "charter-2000"'},
        "rules",
        "is not one of",
    ),
    ("unknown key", {'title = "A test draft"': 'titel = "A test draft"'}, "titel", "unknown"),
    ("bad vote word", {'CHE = "yes"': 'CHE = "maybe"'}, "record.votes.CHE", "is not a vote"),
    ("record names non-member", {'CHE = "yes"': 'DEU = "yes"'}, "record.votes.DEU", "not a member"),
    ("wrong outcome", {'outcome = "adopted"': 'outcome = "vetoed"'}, "record.outcome", "count as"),
    ("bad outcome word", {'outcome = "adopted"': 'outcome = "passed"'}, "record.outcome", "one of"),
]


@pytest.mark.parametrize(
    ("case", "replace", "key", "words"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_bad_file_gets_one_clear_line(
    tmp_path: Path, case: str, replace: dict[str, str], key: str, words: str
) -> None:
    """Each kind of mistake is reported naming the file, the key and the problem."""
    text = scenario_text()
    for old, new in replace.items():
        assert old in text, case
        text = text.replace(old, new)
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert problems
    first = problems[0]
    assert first.startswith(f"{path}: {key}" if key else str(path))
    assert words in first
    assert "\n" not in first


def test_duplicate_member(tmp_path: Path) -> None:
    """A member listed twice is named."""
    codes = [*CODES[:-1], "USA"]
    path = write(tmp_path, scenario_text(members=members_toml(codes)))
    problems = problems_of(path)
    assert any("members[15].code: USA is listed twice" in p for p in problems)


def test_council_of_the_wrong_size(tmp_path: Path) -> None:
    """Fourteen members are not a Council under today's Charter."""
    path = write(tmp_path, scenario_text(members=members_toml(CODES[:-1])))
    assert any("members: the Council has 15 members" in p for p in problems_of(path))


def test_council_of_1945_has_eleven(tmp_path: Path) -> None:
    """Under the 1945 rules, a Council of eleven loads and needs seven votes."""
    text = scenario_text(
        extra='rules = "charter-1945"',
        members=members_toml(CODES[:11]),
        votes=", ".join(f'{c} = "yes"' for c in CODES[:11]),
    )
    scenario = load_file(write(tmp_path, text))
    assert scenario.rules is RuleSet.CHARTER_1945
    assert scenario.recorded_ballot().verdict.required == 7


def test_record_missing_a_vote(tmp_path: Path) -> None:
    """A record of a vote that took place must give every member's vote."""
    votes = ", ".join(f'{c} = "yes"' for c in CODES[:-1])
    path = write(tmp_path, scenario_text(votes=votes))
    assert any(
        "record.votes: every member's vote is needed; missing: CHE" in p for p in problems_of(path)
    )


def test_not_voted_record_has_no_votes(tmp_path: Path) -> None:
    """A draft never voted on cannot carry votes."""
    text = scenario_text().replace('outcome = "adopted"', 'outcome = "not_voted"')
    assert any("has no votes" in p for p in problems_of(write(tmp_path, text)))


def test_party_fixed_vote_in_record(tmp_path: Path) -> None:
    """A party to the dispute recorded as voting is refused: Art. 27(3) makes it abstain."""
    members = members_toml().replace(
        'name = "Member CHE"\npermanent = false',
        'name = "Member CHE"\npermanent = false\nparty_to_dispute = true',
    )
    path = write(tmp_path, scenario_text(members=members))
    assert any("record.votes: " in p and "must abstain" in p for p in problems_of(path))


def test_party_only_in_substantive_decisions(tmp_path: Path) -> None:
    """Naming a party to the dispute on a procedural decision is a mistake, said as such."""
    members = members_toml().replace(
        'name = "Member CHE"\npermanent = false',
        'name = "Member CHE"\npermanent = false\nparty_to_dispute = true',
    )
    text = scenario_text(members=members).replace('"substantive"', '"procedural"')
    problems = problems_of(write(tmp_path, text))
    assert any("members[15].party_to_dispute: applies only to substantive" in p for p in problems)


def statement_text(**words: str) -> str:
    """The template as a press statement, every member agreeing unless `words` says otherwise."""
    votes = ", ".join(f'{c} = "{words.get(c, "agree")}"' for c in CODES)
    return scenario_text(votes=votes).replace('"substantive"', '"press-statement"')


def test_statement_record_in_its_own_words(tmp_path: Path) -> None:
    """A statement's record reads agree, object and silent."""
    text = statement_text(USA="object", CHE="silent").replace('"adopted"', '"blocked"')
    scenario = load_file(write(tmp_path, text))
    assert scenario.record is not None
    assert scenario.record.votes["USA"] is Vote.AGAINST
    assert scenario.record.votes["CHE"] is Vote.ABSENT
    assert scenario.record.votes["CHN"] is Vote.IN_FAVOUR


def test_statement_record_keeps_the_vote_words(tmp_path: Path) -> None:
    """yes, no and absent stay accepted on a statement, as synonyms of agree, object, silent."""
    text = statement_text(USA="no", CHE="absent", CHN="yes").replace('"adopted"', '"blocked"')
    scenario = load_file(write(tmp_path, text))
    assert scenario.recorded_ballot().verdict.reason is Reason.OBJECTION


def test_abstain_on_a_statement_is_one_clear_line(tmp_path: Path) -> None:
    """A statement has no abstention: the file is refused at the member's key, saying why."""
    path = write(tmp_path, statement_text(CHE="abstain"))
    assert problems_of(path) == [
        f"{path}: record.votes.CHE: 'abstain': a press statement is agreed or objected to: "
        "there is no abstention (use agree, object or silent)"
    ]


def test_statement_words_are_not_votes_on_a_resolution(tmp_path: Path) -> None:
    """'agree' on a draft resolution is a mistake, listing the votes there are."""
    path = write(tmp_path, scenario_text().replace('CHE = "yes"', 'CHE = "agree"'))
    assert problems_of(path) == [
        f"{path}: record.votes.CHE: 'agree' is not a vote (one of: yes, no, abstain, absent)"
    ]


def test_unknown_word_on_a_statement_lists_its_words(tmp_path: Path) -> None:
    """A word that is neither lists the statement's words first."""
    path = write(tmp_path, statement_text(CHE="maybe"))
    assert problems_of(path) == [
        f"{path}: record.votes.CHE: 'maybe' is not a position on a press statement "
        "(one of: agree, object, silent; yes, no and absent also work)"
    ]


@pytest.mark.parametrize(
    "scenario", [s for s in BUNDLED if s.decision.is_statement], ids=lambda s: s.id
)
def test_bundled_statements_are_written_in_statement_words(scenario: Scenario) -> None:
    """The bundled statements record agree, object and silent, not votes."""
    assert scenario.path is not None
    raw = tomllib.loads(scenario.path.read_text("utf-8"))
    assert set(raw["record"]["votes"].values()) <= {"agree", "object", "silent"}


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Files saved by Windows editors with a BOM load."""
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + scenario_text().encode())
    assert load_file(path).id == "test-draft"


def test_non_utf8_file_is_reported_plainly(tmp_path: Path) -> None:
    """A Latin-1 file gets one line saying to save it as UTF-8."""
    path = tmp_path / "latin1.toml"
    path.write_bytes(scenario_text(**{"A test draft": "Caf\u00e9 draft"}).encode("latin-1"))
    problems = problems_of(path)
    assert len(problems) == 1
    assert "is not UTF-8" in problems[0]


def test_bad_files_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    """A folder with good and bad files loads the good ones and reports the bad."""
    write(tmp_path, scenario_text(), "a-good.toml")
    write(tmp_path, "this is = = not toml", "b-broken.toml")
    write(tmp_path, scenario_text(), "c-same-id.toml")
    catalogue = load_paths([tmp_path])
    assert [s.id for s in catalogue] == ["test-draft"]
    messages = [str(p) for p in catalogue.problems]
    assert len(messages) == 2
    assert "b-broken.toml: is not valid TOML" in messages[0]
    assert "c-same-id.toml: id: 'test-draft' is already the id of" in messages[1]


def test_teacher_folder_adds_to_the_bundled(tmp_path: Path) -> None:
    """`--scenarios DIR` adds to the bundled scenarios rather than replacing them."""
    write(tmp_path, scenario_text())
    catalogue = load_catalogue([tmp_path])
    assert catalogue.get("test-draft") is not None
    assert len(catalogue) == len(BUNDLED) + 1


def test_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """A folder that does not exist is reported."""
    catalogue = load_paths([tmp_path / "nowhere"])
    assert "no such file or folder" in str(catalogue.problems[0])


def test_date_as_string_is_accepted(tmp_path: Path) -> None:
    """A date written as a quoted ISO string is read as the date it plainly is."""
    text = scenario_text().replace("date = 2024-03-22", 'date = "2024-03-22"')
    assert load_file(write(tmp_path, text)).date == datetime.date(2024, 3, 22)


def test_example_in_the_docs_is_valid(tmp_path: Path) -> None:
    """The complete example in docs/scenario-format.md loads as it stands."""
    doc = (Path(__file__).parent.parent / "docs" / "scenario-format.md").read_text("utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    scenario = load_file(write(tmp_path, example))
    assert scenario.recorded_ballot().verdict.reason is Reason.VETOED


# --- Files that are not what they seem ---------------------------------------------------------


@pytest.mark.parametrize(
    "nested",
    ["x = " + "[" * 10_000 + "]" * 10_000, "x = " + "{a = " * 10_000 + "1" + "}" * 10_000],
    ids=["arrays", "inline tables"],
)
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, nested: str) -> None:
    """Arrays or tables 10,000 deep: one problem for that file, the good file beside it loads."""
    write(tmp_path, scenario_text(), "a-good.toml")
    deep = write(tmp_path, nested, "b-deep.toml")
    catalogue = load_paths([tmp_path])
    assert [s.id for s in catalogue] == ["test-draft"]
    assert [str(p) for p in catalogue.problems] == [
        f"{deep}: is nested too deeply to read (arrays or tables inside each other)"
    ]


def test_a_number_too_long_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """An integer of 5,000 digits: Python will not convert it, and that is one problem."""
    path = write(tmp_path, scenario_text(extra="x = " + "1" * 5000))
    assert problems_of(path) == [f"{path}: is not valid TOML: a number has too many digits"]


def test_non_utf8_file_names_the_line_and_column(tmp_path: Path) -> None:
    """The first bad byte is given by line and column, where an editor can find it."""
    path = tmp_path / "latin1.toml"
    text = scenario_text(**{"A test draft": "Caf\u00e9 draft"})
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("latin-1"))
    assert problems_of(path) == [
        f"{path}: is not UTF-8 text: byte 0xE9 at line 2, column 13; save it as UTF-8"
    ]


@pytest.mark.parametrize("quotes", ["\u201c\u201d", "\u2018\u2019"])
def test_curly_quotes_are_named(tmp_path: Path, quotes: str) -> None:
    """Quotes pasted from a word processor: the message says TOML needs straight ones."""
    path = write(
        tmp_path, scenario_text(**{'"A test draft"': f"{quotes[0]}A test draft{quotes[1]}"})
    )
    assert problems_of(path) == [
        f"{path}: is not valid TOML: Invalid value (at line 2, column 9); "
        "TOML needs straight quotes (\" or '), not curly ones"
    ]


def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    """A FIFO named like a scenario would wait for a writer forever: it is refused unopened."""
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    assert problems_of(fifo) == [f"{fifo}: is not a regular file (a named pipe)"]


def test_a_link_to_a_device_is_not_read(tmp_path: Path) -> None:
    """A link to /dev/zero would be read until memory runs out: it is refused unopened."""
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    assert problems_of(link) == [f"{link}: is not a regular file (a device)"]


def test_a_file_over_a_mebibyte_is_not_read(tmp_path: Path) -> None:
    """A scenario is a page or two: a 5 MB file is refused by its size, without reading it."""
    path = tmp_path / "big.toml"
    with path.open("wb") as big:
        big.truncate(5_000_000)
    assert problems_of(path) == [
        f"{path}: is 5,000,000 bytes; a scenario file is at most 1 MiB (1,048,576 bytes)"
    ]


def test_a_file_that_grows_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grows after its size was taken is still read no further than the limit."""
    path = tmp_path / "growing.toml"
    path.write_bytes(b"# " + b"x" * 2_000_000)

    def said_10_bytes(real: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
        def stat(*args: Any, **kwargs: Any) -> os.stat_result:
            result = real(*args, **kwargs)
            return os.stat_result((*result[:6], 10, *result[7:]))  # st_size

        return stat

    monkeypatch.setattr(Path, "stat", said_10_bytes(Path.stat))
    monkeypatch.setattr(os, "fstat", said_10_bytes(os.fstat))
    assert problems_of(path) == [
        f"{path}: is more than 1,048,576 bytes; a scenario file is at most 1 MiB (1,048,576 bytes)"
    ]


def test_a_link_that_loops_is_named(tmp_path: Path) -> None:
    """A link to itself is one problem saying so, not an error number."""
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    assert problems_of(loop) == [f"{loop}: is a link that loops"]


def test_a_link_to_nothing_is_named(tmp_path: Path) -> None:
    """A link whose target is gone says so, rather than that the file does not exist."""
    link = tmp_path / "gone.toml"
    link.symlink_to(tmp_path / "moved-away.toml")
    assert problems_of(link) == [f"{link}: is a link to something that does not exist"]


# --- What a folder holds -------------------------------------------------------------------------


def test_the_extension_is_matched_in_any_case(tmp_path: Path) -> None:
    """`UPPER.TOML` and `Mixed.Toml` are scenario files like `lower.toml`."""
    for name, scenario_id in [("UPPER.TOML", "a"), ("Mixed.Toml", "b"), ("lower.toml", "c")]:
        write(tmp_path, scenario_text(**{'id = "test-draft"': f'id = "{scenario_id}"'}), name)
    catalogue = load_paths([tmp_path])
    assert catalogue.problems == ()
    assert [s.id for s in catalogue] == ["a", "b", "c"]


def test_other_files_are_named_as_ignored(tmp_path: Path) -> None:
    """`s.toml.txt` beside a scenario is not read, and is named as ignored rather than a problem."""
    write(tmp_path, scenario_text(), "good.toml")
    write(tmp_path, scenario_text(), "s.toml.txt")
    (tmp_path / "drafts").mkdir()
    write(tmp_path, "", ".hidden.toml")  # editors' lock and backup files start with a dot
    catalogue = load_paths([tmp_path])
    assert [s.id for s in catalogue] == ["test-draft"]
    assert catalogue.problems == ()
    assert [str(p) for p in catalogue.ignored] == [
        f"{tmp_path / 'drafts'}: ignored: a folder (folders inside are not read)",
        f"{tmp_path / 's.toml.txt'}: ignored: not a .toml file",
    ]


def test_a_folder_without_scenario_files_says_so(tmp_path: Path) -> None:
    """A folder whose only file is `s.toml.txt` is a problem that names what was ignored."""
    renamed, empty = tmp_path / "renamed", tmp_path / "empty"
    renamed.mkdir()
    empty.mkdir()
    write(renamed, scenario_text(), "s.toml.txt")
    catalogue = load_paths([renamed, empty])
    assert [str(p) for p in catalogue.problems] == [
        f"{renamed}: has no scenario files (names ending in .toml); ignored: 's.toml.txt'",
        f"{empty}: has no scenario files (names ending in .toml)",
    ]
    assert not any(p.in_file for p in catalogue.problems)


def test_what_cannot_be_a_scenario_file_in_a_folder_is_named(tmp_path: Path) -> None:
    """A folder, a loop, a link to nothing or to a device, named *.toml: a problem each."""
    write(tmp_path, scenario_text(), "a-good.toml")
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    (tmp_path / "nothing.toml").symlink_to(tmp_path / "gone")
    (tmp_path / "null.toml").symlink_to("/dev/null")
    catalogue = load_paths([tmp_path])
    assert [s.id for s in catalogue] == ["test-draft"]
    assert [str(p) for p in catalogue.problems] == [
        f"{tmp_path / 'folder.toml'}: is not a regular file (a folder)",
        f"{tmp_path / 'loop.toml'}: is a link that loops",
        f"{tmp_path / 'nothing.toml'}: is a link to something that does not exist",
        f"{tmp_path / 'null.toml'}: is not a regular file (a device)",
    ]


def refuse(*args: object, **kwargs: object) -> Any:
    raise PermissionError(errno.EACCES, "Permission denied")


def test_a_folder_that_cannot_be_read_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder the user may not list: a problem naming it, not a PermissionError."""
    monkeypatch.setattr(os, "scandir", refuse)
    catalogue = load_paths([tmp_path])
    assert [str(p) for p in catalogue.problems] == [
        f"{tmp_path}: cannot be read: Permission denied"
    ]


def test_files_that_cannot_be_read_are_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder without search permission lists its names, but none can be read: one each."""
    write(tmp_path, scenario_text(), "a.toml")
    write(tmp_path, scenario_text(), "b.toml")
    real_stat = Path.stat

    def stat(path: Path, **kwargs: Any) -> os.stat_result:
        return refuse() if path.suffix == ".toml" else real_stat(path, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    catalogue = load_paths([tmp_path])
    assert [str(p) for p in catalogue.problems] == [
        f"{tmp_path / 'a.toml'}: cannot be read: Permission denied",
        f"{tmp_path / 'b.toml'}: cannot be read: Permission denied",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
def test_a_locked_folder_is_a_problem(tmp_path: Path) -> None:
    """The same with a real folder locked by chmod."""
    locked = tmp_path / "locked"
    locked.mkdir()
    write(locked, scenario_text())
    locked.chmod(0)
    try:
        catalogue = load_paths([locked])
    finally:
        locked.chmod(0o755)
    assert [str(p) for p in catalogue.problems] == [f"{locked}: cannot be read: Permission denied"]


def test_a_file_given_twice_is_read_once(tmp_path: Path) -> None:
    """`f.toml f.toml`, or a folder and a file in it: one scenario, not a duplicate of itself."""
    path = write(tmp_path, scenario_text())
    for paths in ([path, path], [tmp_path, path], [path, tmp_path / "." / "s.toml"]):
        catalogue = load_paths(paths)
        assert catalogue.problems == ()
        assert [s.id for s in catalogue] == ["test-draft"]


@pytest.mark.parametrize(
    ("problems", "summary"),
    [
        ([("a", "")], "1 scenario file had problems and was left out"),
        ([("a", ""), ("a", "")], "1 scenario file had problems and was left out (2 problems)"),
        ([("a", ""), ("b", "")], "2 scenario files had problems and were left out"),
        (
            [("a", ""), ("b", ""), ("b", "")],
            "2 scenario files had problems and were left out (3 problems)",
        ),
        ([("nowhere", "folder")], "1 folder or file given could not be used"),
        (
            [("a", ""), ("x", "folder"), ("y", "folder")],
            "1 scenario file had problems and was left out; "
            "2 folders or files given could not be used",
        ),
    ],
)
def test_problems_summary(problems: list[tuple[str, str]], summary: str) -> None:
    """Problems are counted only where they outnumber the files; a folder is not a file."""
    given = [Problem(Path(name), "wrong", in_file=kind != "folder") for name, kind in problems]
    assert problems_summary(given) == summary


# --- What a problem line shows -------------------------------------------------------------------

ESCAPE = "\x1b[31m"


def one_line_problems(path: Path) -> list[str]:
    """The problems of a file, checked to be one line each with nothing a terminal acts on."""
    problems = problems_of(path)
    for problem in problems:
        assert problem.isprintable(), problem
        assert len(problem) < len(str(path)) + 400, problem
    return problems


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("bad\nkey", "'bad\\nkey'"),
        ("bad\u2028key", "'bad\\u2028key'"),
        (f"{ESCAPE}red", "'\\x1b[31mred'"),
        ("k" * 100_000, "'" + "k" * 40 + "…'"),
    ],
    ids=["newline", "line separator", "escape sequence", "100,000 characters"],
)
def test_unknown_keys_are_quoted_escaped_and_cut(tmp_path: Path, key: str, shown: str) -> None:
    """A key holding a newline, U+2028, an escape sequence or 100,000 letters: one plain line."""
    toml_key = key.encode("unicode_escape").decode().replace("\\x1b", "\\u001b")
    path = write(tmp_path, scenario_text(extra=f'"{toml_key}" = 1'))
    problems = one_line_problems(path)
    assert problems[0].startswith(f"{path}: {shown}: unknown key (expected one of: amends, date,")


def test_vote_codes_and_words_are_quoted_escaped_and_cut(tmp_path: Path) -> None:
    """A vote code or word holding an escape sequence, or a megabyte, reaches no terminal."""
    votes = ", ".join(f'{c} = "yes"' for c in CODES[:-1])
    votes += f', "\\u001b[31mCHE" = "yes", CHE = "\\u001b[31m{"y" * 500_000}"'
    path = write(tmp_path, scenario_text(votes=votes))
    assert one_line_problems(path) == [
        f"{path}: record.votes.'\\x1b[31mCHE': '\\x1b[31mCHE' is not a member of the Council in "
        "this scenario",
        f"{path}: record.votes.CHE: '\\x1b[31m{'y' * 35}…' is not a vote "
        "(one of: yes, no, abstain, absent)",
    ]


def test_codes_in_the_missing_list_are_escaped(tmp_path: Path) -> None:
    """A member code with a newline is quoted wherever it is named, the `missing:` list too."""
    members = members_toml().replace('code = "CHE"', 'code = "CH\\nE"')
    votes = ", ".join(f'{c} = "yes"' for c in CODES[:-1])
    path = write(tmp_path, scenario_text(members=members, votes=votes))
    problems = one_line_problems(path)
    assert f"{path}: members[15].code: 'CH\\nE' is not a three-letter ISO code such as USA" in (
        problems
    )
    assert f"{path}: record.votes: every member's vote is needed; missing: 'CH\\nE'" in problems


def test_a_long_missing_list_is_cut(tmp_path: Path) -> None:
    """A record of 1,000 members and no votes names a few missing members, and counts the rest."""
    codes = [f"{chr(65 + i // 676)}{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}" for i in range(1000)]
    path = write(tmp_path, scenario_text(members=members_toml(codes), votes=""))
    problems = one_line_problems(path)
    assert (
        f"{path}: record.votes: every member's vote is needed; missing: "
        + ("AAA, AAB, AAC, AAD, AAE, AAF, AAG, AAH and 992 more")
        in problems
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("title", f"A {ESCAPE}red{ESCAPE} title"),
        ("title", "A title\u2028in two"),
        ("summary", "\x07"),
    ],
)
def test_text_with_control_characters_is_refused(tmp_path: Path, key: str, value: str) -> None:
    """A title, name or summary with a control character would reach the terminal: a problem."""
    text = scenario_text().replace(f"\n{key} = ", f"\n{key} = {json.dumps(value)}\nold_{key} = ")
    path = write(tmp_path, text.replace(f"old_{key} = ", "# "))
    shown = repr(next(c for c in value if not c.isprintable()))
    kind = "without control characters" + (" or line breaks" if key == "title" else "")
    assert f"{path}: {key}: must be text {kind} (it holds {shown})" in one_line_problems(path)


def test_a_summary_may_hold_lines_and_tabs(tmp_path: Path) -> None:
    """Multi-line text keeps its line breaks and tabs: they are text, not control."""
    text = scenario_text().replace('summary = "A draft for tests."', 'summary = "One\\n\\tTwo"')
    assert load_file(write(tmp_path, text)).summary == "One\n\tTwo"


def test_control_characters_are_unicodes_cc_zl_and_zp() -> None:
    """The loader's sets of control characters are exactly Unicode's categories Cc, Zl and Zp."""
    controls = {
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Zl", "Zp")
    }
    for lines, allowed in ((False, set()), (True, set("\t\n\r\u2028\u2029"))):
        found = {c for c in map(chr, range(sys.maxunicode + 1)) if _control(f"a{c}b", lines=lines)}
        assert found == controls - allowed


def test_file_names_are_escaped(tmp_path: Path) -> None:
    """A file named with a newline and an escape sequence is named on one plain line."""
    path = write(tmp_path, "= broken", f"a\nb{ESCAPE}.toml")
    (problem,) = load_paths([tmp_path]).problems
    assert problem.line() == (
        f"{tmp_path}/a\\nb\\x1b[31m.toml: "
        "is not valid TOML: Invalid statement (at line 1, column 1)"
    )
    assert problem.line(file_name_only=True).startswith("a\\nb\\x1b[31m.toml: ")
    assert path.exists()


def test_a_socket_is_not_read(tmp_path: Path) -> None:
    """A Unix socket named like a scenario is named for what it is."""
    path = tmp_path / "s.toml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert problems_of(path) == [f"{path}: is not a regular file (a socket)"]


def test_questions_with_control_characters_are_refused(tmp_path: Path) -> None:
    """Each discussion question is checked like the summary, and named by its number."""
    path = write(tmp_path, scenario_text(extra='questions = ["Fine?", "Not \\u001b[2J fine?"]'))
    assert problems_of(path) == [
        f"{path}: questions[2]: must be text without control characters (it holds '\\x1b')"
    ]


def test_a_file_name_that_is_not_utf8_is_escaped(tmp_path: Path) -> None:
    """A name with a Latin-1 byte reaches the line as an escape, not as a raw byte."""
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.toml"))
    path.write_text("= broken", "utf-8")
    (problem,) = load_paths([tmp_path]).problems
    assert problem.line().startswith(f"{tmp_path}/caf\\udce9.toml: is not valid TOML")


def test_a_statement_record_is_agreed_not_adopted(tmp_path: Path) -> None:
    """'agreed' is a statement's outcome; 'adopted' on a statement is read as it."""
    for word in ("agreed", "adopted"):
        text = statement_text().replace('outcome = "adopted"', f'outcome = "{word}"')
        scenario = load_file(write(tmp_path, text))
        assert scenario.record is not None
        assert scenario.record.outcome is Outcome.AGREED


def test_agreed_on_a_draft_resolution_is_a_problem(tmp_path: Path) -> None:
    """A draft resolution is adopted, not agreed: the file says which word to use."""
    text = scenario_text().replace('outcome = "adopted"', 'outcome = "agreed"')
    with pytest.raises(ScenarioError) as raised:
        load_file(write(tmp_path, text))
    assert [p.key for p in raised.value.problems] == ["record.outcome"]
    assert "'agreed' is for statements: a draft resolution is 'adopted'" in str(raised.value)


def test_a_member_may_carry_a_short_name(tmp_path: Path) -> None:
    """short_name is read where given and empty otherwise."""
    text = scenario_text().replace('name = "Member JPN"', 'name = "Member JPN"\nshort_name = "JP"')
    scenario = load_file(write(tmp_path, text))
    japan = next(m for m in scenario.members if m.code == "JPN")
    assert japan.short_name == "JP"
    assert all(m.short_name == "" for m in scenario.members if m.code != "JPN")


def test_bundled_long_names_have_a_short_form_that_fits() -> None:
    """Every bundled member's name, or its short form, fits the vote screen's name column."""
    for scenario in load_catalogue():
        for member in scenario.members:
            assert len(member.name) <= 21 or 0 < len(member.short_name) <= 21, member


@pytest.mark.parametrize("outcome", ["vetoed", "insufficient_votes", "not_voted"])
def test_a_statement_is_agreed_or_blocked_only(tmp_path: Path, outcome: str) -> None:
    """A statement is never vetoed, short of votes or left unvoted: the file says what it can be."""
    text = statement_text().replace('outcome = "adopted"', f'outcome = "{outcome}"')
    with pytest.raises(ScenarioError) as raised:
        load_file(write(tmp_path, text))
    assert f"{outcome!r} is not what happens to a press statement" in str(raised.value)


def test_blocked_on_a_draft_resolution_is_a_problem(tmp_path: Path) -> None:
    """'blocked' is a statement's outcome: a draft resolution's file is told its own words."""
    text = scenario_text().replace('outcome = "adopted"', 'outcome = "blocked"')
    with pytest.raises(ScenarioError) as raised:
        load_file(write(tmp_path, text))
    assert "'blocked' is for statements: a draft resolution is 'adopted'" in str(raised.value)


def test_a_statements_record_is_checked_in_its_own_words(tmp_path: Path) -> None:
    """A wrong outcome or a missing member is reported as positions, counted as agreed."""
    votes = ", ".join(f'{c} = "agree"' for c in CODES[:-1])
    text = statement_text().replace('outcome = "adopted"', 'outcome = "blocked"')
    with pytest.raises(ScenarioError) as raised:
        load_file(write(tmp_path, text))
    assert "says 'blocked', but the recorded positions count as 'agreed' (AGREED)" in str(
        raised.value
    )
    text = scenario_text(votes=votes).replace('"substantive"', '"press-statement"')
    with pytest.raises(ScenarioError) as raised:
        load_file(write(tmp_path, text))
    assert "every member's position is needed; missing: CHE" in str(raised.value)


# --- Amendments and the votes that teach a rule -----------------------------------------------


def amendment_text(amends: str, *, scenario_id: str = "test-amendment", date: str = "") -> str:
    """The template as an amendment that failed with four votes, linked to `amends`."""
    votes = ", ".join(f'{c} = "{"yes" if i < 4 else "abstain"}"' for i, c in enumerate(CODES))
    text = scenario_text(extra=f'amends = "{amends}"', votes=votes)
    text = text.replace('"test-draft"', f'"{scenario_id}"', 1)
    text = text.replace('outcome = "adopted"', 'outcome = "insufficient_votes"')
    return text.replace("date = 2024-03-22", f"date = {date}") if date else text


def test_an_amendment_names_its_draft_and_is_found_from_it(tmp_path: Path) -> None:
    """A valid link loads both; the catalogue finds the draft's amendments and the draft."""
    write(tmp_path, amendment_text("test-draft"), "a-amendment.toml")
    write(tmp_path, scenario_text(), "b-draft.toml")
    catalogue = load_paths([tmp_path])
    assert catalogue.problems == ()
    amendment, draft = catalogue.get("test-amendment"), catalogue.get("test-draft")
    assert amendment is not None and draft is not None
    assert amendment.amends == "test-draft" and amendment.is_amendment
    assert draft.amends is None and not draft.is_amendment
    assert catalogue.draft_of(amendment) == draft
    assert catalogue.draft_of(draft) is None
    assert catalogue.amendments_to(draft) == (amendment,)
    assert catalogue.amendments_to(amendment) == ()


def test_a_dangling_link_skips_the_amendment_with_one_line(tmp_path: Path) -> None:
    """An amendment to a draft that did not load is left out, naming the file and the key."""
    path = write(tmp_path, amendment_text("no-such-draft"), "amendment.toml")
    write(tmp_path, scenario_text(), "draft.toml")
    catalogue = load_paths([tmp_path])
    assert [s.id for s in catalogue] == ["test-draft"]
    assert [str(p) for p in catalogue.problems] == [
        f"{path}: amends: 'no-such-draft' is not the id of any scenario loaded"
    ]


def test_a_link_to_a_draft_with_problems_is_dangling_too(tmp_path: Path) -> None:
    """When the draft's own file is bad, both files are named: the draft's problem, the link."""
    write(tmp_path, amendment_text("test-draft"), "a-amendment.toml")
    write(tmp_path, scenario_text(**{"title = ": "title = = "}), "b-draft.toml")
    catalogue = load_paths([tmp_path])
    assert len(catalogue) == 0
    keys = sorted((p.path.name, p.key) for p in catalogue.problems)
    assert keys == [("a-amendment.toml", "amends"), ("b-draft.toml", "")]


def test_an_amendment_may_amend_a_draft_loaded_before_it(tmp_path: Path) -> None:
    """A teacher's amendment to a bundled draft: checked against the scenarios loaded first."""
    write(tmp_path, amendment_text("2024-03-22-us-draft"))
    catalogue = load_paths([tmp_path], after=BUNDLED)
    assert catalogue.problems == ()
    assert [s.amends for s in catalogue] == ["2024-03-22-us-draft"]


@pytest.mark.parametrize(
    ("case", "text", "words"),
    [
        ("itself", amendment_text("test-amendment"), "names this scenario's own id"),
        ("not an id", amendment_text("Test Draft"), "'Test Draft' is not a scenario id"),
        (
            "a statement amending",
            amendment_text("test-draft").replace('"substantive"', '"press-statement"'),
            "a press statement is agreed, not voted, so it cannot be an amendment",
        ),
    ],
    ids=lambda case: case if isinstance(case, str) and len(case) < 25 else "",
)
def test_a_link_that_one_file_shows_wrong(tmp_path: Path, case: str, text: str, words: str) -> None:
    """Amending itself, a link that is not an id, a statement as an amendment: one clear line."""
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert any(p.startswith(f"{path}: amends: ") and words in p for p in problems), problems


def test_a_statement_has_no_amendments_to_vote_on(tmp_path: Path) -> None:
    """A press statement is agreed, not voted: an amendment to one is refused."""
    write(tmp_path, amendment_text("test-draft"), "a-amendment.toml")
    write(tmp_path, statement_text(), "b-statement.toml")
    catalogue = load_paths([tmp_path])
    assert [s.id for s in catalogue] == ["test-draft"]
    (problem,) = catalogue.problems
    assert problem.key == "amends"
    assert "'test-draft' is a press statement, which is agreed, not voted" in problem.message


def test_an_amendment_to_an_amendment_is_refused(tmp_path: Path) -> None:
    """Link an amendment to the draft itself, so that the list can show them together."""
    write(tmp_path, scenario_text(), "a-draft.toml")
    write(tmp_path, amendment_text("test-draft"), "b-amendment.toml")
    second = amendment_text("test-amendment", scenario_id="test-sub-amendment")
    write(tmp_path, second, "c-sub-amendment.toml")
    catalogue = load_paths([tmp_path])
    assert [s.id for s in catalogue] == ["test-amendment", "test-draft"]
    (problem,) = catalogue.problems
    assert problem.path.name == "c-sub-amendment.toml"
    assert "'test-amendment' is itself an amendment" in problem.message


def test_an_amendment_is_not_dated_after_its_draft(tmp_path: Path) -> None:
    """Amendments are voted on before the draft: a later date is a typo, said as such."""
    write(tmp_path, scenario_text(), "draft.toml")
    write(tmp_path, amendment_text("test-draft", date="2024-03-23"), "amendment.toml")
    (problem,) = load_paths([tmp_path]).problems
    assert "dated 2024-03-22, before this amendment (2024-03-23)" in problem.message


def test_an_amendment_comes_just_before_its_draft_in_date_order(tmp_path: Path) -> None:
    """On the day of the vote, the amendment is listed first whatever its id: it is voted first."""
    write(tmp_path, scenario_text(), "draft.toml")
    write(tmp_path, amendment_text("test-draft", scenario_id="zz-amendment"), "amendment.toml")
    assert [s.id for s in load_paths([tmp_path])] == ["zz-amendment", "test-draft"]


def test_sections_put_the_articles_first_and_each_amendment_before_its_draft() -> None:
    """The list: the articles' drafts by date, each amendment just before its draft, then the
    votes that teach a rule."""
    sections = BUNDLED.sections()
    main = [s.id for s in sections.main]
    assert [s.id for s in sections.teaching] == [
        "1950-07-07-resolution-84",
        "2022-02-27-resolution-2623",
    ]
    assert all(s.teaches for s in sections.teaching)
    assert not any(s.teaches for s in sections.main)
    for amendment in ("2023-11-15-russian-amendment", "2024-03-25-russian-amendment"):
        draft = BUNDLED.get(amendment)
        assert draft is not None and draft.amends is not None
        assert main.index(draft.amends) == main.index(amendment) + 1
    assert sorted(s.id for s in sections) == sorted(s.id for s in BUNDLED)


def test_an_amendment_to_a_teaching_vote_goes_with_its_draft(tmp_path: Path) -> None:
    """An amendment follows its draft into the votes that teach a rule."""
    write(tmp_path, scenario_text(extra='teaches = "A rule."'), "draft.toml")
    write(tmp_path, amendment_text("test-draft"), "amendment.toml")
    write(tmp_path, scenario_text(**{"test-draft": "plain"}), "plain.toml")
    sections = load_paths([tmp_path]).sections()
    assert [s.id for s in sections.main] == ["plain"]
    assert [s.id for s in sections.teaching] == ["test-amendment", "test-draft"]
