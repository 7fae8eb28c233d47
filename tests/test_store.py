"""Saved work: the schema and its migrations, round trips, files set aside, and the database kept
whole by a killed process and by two processes writing at once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from simulator.predict import Prediction, score
from simulator.rules import Vote
from simulator.scenarios import Catalogue, Scenario, load_catalogue
from simulator.session import (
    ClassSession,
    Mode,
    Phase,
    SessionError,
    cast_vote,
    close_vote,
    open_vote,
    start,
    take_seat,
    token_hash,
)
from simulator.store import (
    FILE_NAME,
    MIGRATIONS,
    NAME_MAX,
    SCHEMA_VERSION,
    DamagedStore,
    NewerStore,
    Store,
    StoreError,
    Student,
    Welcome,
    data_folder,
    name_key,
    name_problem,
    open_work,
    set_aside,
    tidy_name,
)
from simulator.work import Work

ROOT = Path(__file__).parent.parent
GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"
STATEMENT = "2021-05-17-press-statements"
NEVER_VOTED = "2021-05-french-draft"
NOON = datetime(2025, 1, 2, 12, 0, 0).astimezone()


def scenario(catalogue: Catalogue, scenario_id: str) -> Scenario:
    found = catalogue.get(scenario_id)
    assert found is not None, scenario_id
    return found


CLASS_TABLES = {"class_sessions", "class_rounds", "class_seats", "class_votes"}


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_data_folder_option_then_environment_then_platform(tmp_path: Path) -> None:
    """--data wins over COUNCIL_SIM_DATA, which wins over the user data folder."""
    option, env = tmp_path / "option", tmp_path / "env"
    assert data_folder(option, {"COUNCIL_SIM_DATA": str(env)}) == option
    assert data_folder(None, {"COUNCIL_SIM_DATA": str(env)}) == env
    default = data_folder(None, {"COUNCIL_SIM_DATA": ""})
    assert default.name == "council-sim"
    assert default not in (option, env)


def test_a_new_store_has_the_current_schema(tmp_path: Path) -> None:
    """A folder that does not exist yet is made, and the file gets every table and the version."""
    opened = open_work(tmp_path / "new" / "folder")
    assert opened.store is not None and opened.notice == ""
    with opened.store as store:
        assert store.version == SCHEMA_VERSION == len(MIGRATIONS)
        assert store.path == tmp_path / "new" / "folder" / FILE_NAME
    assert tables(tmp_path / "new" / "folder" / FILE_NAME) == {
        "students",
        "ballots",
        "predictions",
        "settings",
        *CLASS_TABLES,
    }


def test_an_empty_file_is_migrated_from_version_0(tmp_path: Path) -> None:
    """An empty file is a database at version 0: every migration is applied to it."""
    path = tmp_path / FILE_NAME
    path.touch()
    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.student_name() == ""
    assert "ballots" in tables(path)


def test_opening_again_migrates_nothing(tmp_path: Path) -> None:
    """A file at the current version keeps what it holds when opened again."""
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        store.set_student_name("Amina")
    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.student_name() == "Amina"


def test_the_store_runs_in_wal_mode(tmp_path: Path) -> None:
    """WAL mode, so that a reader in one copy of the app never blocks a writer in another."""
    path = tmp_path / FILE_NAME
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_ballot_round_trip(tmp_path: Path) -> None:
    """The votes saved are the votes found after the store is closed and opened again."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    ballot = gaza.recorded_ballot().cast("USA", Vote.ABSTENTION)
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        assert store.ballot(gaza) is None
        store.keep_ballot(gaza.id, gaza.ballot().cast("CHN", Vote.IN_FAVOUR))
        store.keep_ballot(gaza.id, ballot)  # the latest replaces the one before
    with Store.open(path) as store:
        found = store.ballot(gaza)
        assert found is not None
        assert dict(found.votes) == dict(ballot.votes)
        assert store.scenario_ids() == [gaza.id]


def test_votes_are_stored_as_plain_json(tmp_path: Path) -> None:
    """Votes are data, readable by anyone: a JSON object of codes and vote words."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        store.keep_ballot(gaza.id, gaza.ballot().cast("USA", Vote.AGAINST))
    with sqlite3.connect(path) as db:
        decision, votes = db.execute("SELECT decision, votes FROM ballots").fetchone()
    assert decision == "substantive"
    assert json.loads(votes) == {"USA": "no"}


def store_raw(path: Path, scenario_id: str, votes: str, decision: str = "substantive") -> None:
    """A ballot row written as an older or edited file might hold it."""
    with Store.open(path) as store:
        store.use_student("")
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO ballots VALUES (1, ?, ?, ?, '2025-01-01T00:00:00+00:00')",
            (scenario_id, decision, votes),
        )


def test_votes_that_no_longer_fit_are_dropped_member_by_member(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """A member gone, an unknown vote word, and a party's fixed vote changed are dropped; the
    rest of the votes are kept."""
    exercise = scenario(ui_catalogue, EXERCISE)
    party = next(m for m in exercise.members if m.party_to_dispute)
    path = tmp_path / FILE_NAME
    votes = {"USA": "no", "XXX": "yes", "FRA": "maybe", party.code: "yes", "GBR": "abstain"}
    store_raw(path, exercise.id, json.dumps(votes))
    with Store.open(path) as store:
        ballot = store.ballot(exercise)
    assert ballot is not None
    assert ballot.vote_of(ballot.member("USA")) is Vote.AGAINST
    assert ballot.vote_of(ballot.member("GBR")) is Vote.ABSTENTION
    assert ballot.vote_of(ballot.member("FRA")) is None
    assert ballot.vote_of(party) is Vote.ABSTENTION  # Art. 27(3): still fixed


def test_an_abstention_saved_on_what_is_now_a_statement_is_dropped(tmp_path: Path) -> None:
    """A scenario file changed from a resolution to a statement: the abstentions go, the
    positions that a statement takes stay."""
    statement = scenario(load_catalogue(), STATEMENT)
    path = tmp_path / FILE_NAME
    store_raw(path, statement.id, json.dumps({"USA": "no", "CHN": "abstain", "FRA": "yes"}))
    with Store.open(path) as store:
        ballot = store.ballot(statement)
    assert ballot is not None
    assert dict(ballot.votes) == {"USA": Vote.AGAINST, "FRA": Vote.IN_FAVOUR}


@pytest.mark.parametrize("votes", ["not json", "[1, 2]", '{"USA": 3}', "null"])
def test_votes_that_are_not_an_object_of_words_read_as_none(tmp_path: Path, votes: str) -> None:
    """Stored votes that are not a JSON object of words give a blank ballot, never a crash."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    store_raw(path, gaza.id, votes)
    with Store.open(path) as store:
        ballot = store.ballot(gaza)
    assert ballot is not None and ballot.is_blank


def test_a_prediction_is_saved_with_its_score(tmp_path: Path) -> None:
    """The predicted votes, outcome, hints and when, with members right and the outcome right."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    prediction = (
        Prediction.start(gaza)
        .with_ballot(gaza.recorded_ballot().cast("USA", Vote.AGAINST))
        .with_next_outcome()
        .with_hint(3)
    )
    result = score(gaza, prediction)
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        store.keep_prediction(gaza.id, prediction, result, locked_at=NOON)
    with Store.open(path) as store:
        (saved,) = store.predictions(gaza.id)
        assert store.predictions("another") == []
    assert saved.votes["USA"] == "no"
    assert len(saved.votes) == 15
    assert saved.outcome == prediction.outcome
    assert saved.hints_used == 1
    assert datetime.fromisoformat(saved.locked_at) == NOON
    assert (saved.members_right, saved.members) == (result.members_right, 15)
    assert saved.outcome_right is result.outcome_right


def test_a_prediction_of_a_draft_never_voted_has_no_score(tmp_path: Path) -> None:
    """A draft never put to a vote is discussed, not scored: the score is left empty."""
    french = scenario(load_catalogue(), NEVER_VOTED)
    prediction = Prediction.start(french).with_vote("FRA", Vote.IN_FAVOUR)
    with Store.open(tmp_path / FILE_NAME) as store:
        store.keep_prediction(french.id, prediction, None)
        (saved,) = store.predictions()
    assert (saved.members_right, saved.members, saved.outcome_right) == (None, None, None)
    assert dict(saved.votes) == {"FRA": "yes"}


def test_clear_forgets_everything_and_keeps_the_schema(tmp_path: Path) -> None:
    """Cleared: no students, ballots, predictions or settings; the file opens as before."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        store.set_student_name("Amina")
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
        store.keep_prediction(gaza.id, Prediction.start(gaza), None)
        store.keep_setting("theme", "nord")
        store.use_student("Li")
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
        store.clear()
        assert (store.student_name(), store.scenario_ids(), store.predictions()) == ("", [], [])
        assert (store.students(), store.setting("theme")) == ([], None)
    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION


def version_1_file(path: Path, *, name: str | None) -> None:
    """A database as version 1 wrote it, by version 1's own statements, holding work."""
    with sqlite3.connect(path) as db:
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        if name is not None:
            db.execute("INSERT INTO student (id, name) VALUES (1, ?)", (name,))
        db.execute(
            "INSERT INTO ballots VALUES ('2024-03-22-us-draft', 'substantive', "
            '\'{"USA": "no", "CHN": "yes"}\', \'2025-01-01T00:00:00+00:00\')'
        )
        db.execute(
            "INSERT INTO predictions (scenario_id, votes, outcome, hints_used, locked_at, "
            "members_right, members, outcome_right) VALUES ('2024-03-22-us-draft', "
            "'{\"USA\": \"no\"}', 'vetoed', 2, '2025-01-01T00:00:00+00:00', 11, 15, 1)"
        )
    db.close()


@pytest.mark.parametrize("name", ["Amina Diallo", None])
def test_a_version_1_file_becomes_student_1_with_all_its_work(
    tmp_path: Path, name: str | None
) -> None:
    """Version 1's one student, named or not, and its ballot and prediction are found as they
    were once the file is opened by this version."""
    path = tmp_path / FILE_NAME
    version_1_file(path, name=name)
    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION == 3
        assert store.student_name() == (name or "")
        assert store.saved_votes("2024-03-22-us-draft") == {"USA": "no", "CHN": "yes"}
        (saved,) = store.predictions("2024-03-22-us-draft")
        assert (saved.outcome, saved.hints_used, saved.members_right) == ("vetoed", 2, 11)
        assert saved.outcome_right is True
        assert store.students() == [Student(name=name or "", ballots=1, predictions=1)]
    assert tables(path) == {"students", "ballots", "predictions", "settings", *CLASS_TABLES}


def test_a_named_version_1_student_gets_their_work_back_by_name(tmp_path: Path) -> None:
    """The name from version 1 finds its work, typed in another case; a new name finds none."""
    path = tmp_path / FILE_NAME
    version_1_file(path, name="Amina Diallo")
    with Store.open(path) as store:
        assert store.use_student("  amina   DIALLO ") is Welcome.BACK
        assert store.student_name() == "Amina Diallo"
        assert store.scenario_ids() == ["2024-03-22-us-draft"]
        assert store.use_student("Li Wei") is Welcome.NEW
        assert store.scenario_ids() == []


def test_an_empty_version_1_file_has_no_student_yet(tmp_path: Path) -> None:
    """Nothing saved in version 1: no student is made for nobody's work."""
    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as db:
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
    db.close()
    with Store.open(path) as store:
        assert store.students() == []


def version_2_file(path: Path) -> None:
    """A database as version 2 wrote it, by versions 1 and 2's own statements, holding two
    students' work and a setting."""
    with sqlite3.connect(path) as db:
        db.create_function("name_key", 1, name_key, deterministic=True)
        for statement in (*MIGRATIONS[0], *MIGRATIONS[1]):
            db.execute(statement)
        db.execute("PRAGMA user_version = 2")
        db.execute(
            "INSERT INTO students (id, name, key, used_at) VALUES "
            "(1, 'Amina Diallo', 'amina diallo', '2025-01-01T00:00:00+00:00'), "
            "(2, 'Li Wei', 'li wei', '2025-01-02T00:00:00+00:00')"
        )
        db.execute(
            "INSERT INTO ballots VALUES (1, '2024-03-22-us-draft', 'substantive', "
            "'{\"USA\": \"no\"}', '2025-01-01T00:00:00+00:00')"
        )
        db.execute(
            "INSERT INTO predictions (student_id, scenario_id, votes, outcome, hints_used, "
            "locked_at, members_right, members, outcome_right) VALUES (2, "
            "'2024-03-22-us-draft', '{\"USA\": \"yes\"}', 'adopted', 0, "
            "'2025-01-02T00:00:00+00:00', 9, 15, 0)"
        )
        db.execute("INSERT INTO settings VALUES (1, 'theme', 'council-high-contrast')")
    db.close()


def test_a_version_2_file_keeps_its_work_and_gains_class_sessions(tmp_path: Path) -> None:
    """Every student's ballots, predictions and settings are there after the migration to
    version 3, and the new tables take a class session at once."""
    path = tmp_path / FILE_NAME
    version_2_file(path)
    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION == 3
        assert store.students() == [
            Student(name="Amina Diallo", ballots=1, predictions=0),
            Student(name="Li Wei", ballots=0, predictions=1),
        ]
        assert store.student_name() == "Li Wei"  # the one used last, as before
        store.use_student("amina diallo")
        assert store.saved_votes("2024-03-22-us-draft") == {"USA": "no"}
        assert store.setting("theme") == "council-high-contrast"
        store.use_student("Li Wei")
        (saved,) = store.predictions()
        assert (saved.outcome, saved.members_right, saved.outcome_right) == ("adopted", 9, False)
        gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
        session = start(gaza, chair="chair", code="KQ7-M4X-P2")
        assert store.start_class(session)
        assert store.class_session("KQ7-M4X-P2") == session
    assert tables(path) == {"students", "ballots", "predictions", "settings", *CLASS_TABLES}


@pytest.mark.parametrize(
    ("typed", "kept", "key"),
    [
        ("Amina Diallo", "Amina Diallo", "amina diallo"),
        ("  amina \t  DIALLO  ", "amina DIALLO", "amina diallo"),
        ("STRASSE", "STRASSE", "strasse"),
        ("Straße", "Straße", "strasse"),
        ("Zoe\u0301", "Zoe\u0301", "zoé"),
        ("", "", ""),
    ],
)
def test_names_are_one_student_whatever_the_case_and_spaces(
    typed: str, kept: str, key: str
) -> None:
    """Trimmed, inner spaces collapsed, case-folded (and one form of each accent)."""
    assert tidy_name(typed) == kept
    assert name_key(typed) == key


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Amina", ""),
        ("   ", "Type your name"),
        ("x" * (NAME_MAX + 1), "too long"),
        ("  " + "x" * NAME_MAX + "  ", ""),
        ("Li\x1bWei", "control characters"),
    ],
)
def test_a_name_that_cannot_be_used_says_why(name: str, problem: str) -> None:
    """Empty, too long or with control characters: a plain sentence; otherwise nothing."""
    found = name_problem(name)
    assert (problem in found) if problem else found == ""
    assert bool(found) is bool(problem)


def test_two_students_work_never_mixes(tmp_path: Path) -> None:
    """Two names in one file, writing the same scenario: each reads back only their own
    ballot, predictions and settings."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    with Store.open(path) as amina, Store.open(path) as li:
        amina.use_student("Amina")
        li.use_student("Li")
        amina.keep_ballot(gaza.id, gaza.ballot().cast("USA", Vote.AGAINST))
        li.keep_ballot(gaza.id, gaza.ballot().cast("USA", Vote.IN_FAVOUR))
        amina.keep_prediction(gaza.id, Prediction.start(gaza), None)
        amina.keep_setting("theme", "nord")
        assert li.saved_votes(gaza.id) == {"USA": "yes"}
        assert li.predictions() == [] and li.setting("theme") is None
    with Store.open(path) as store:
        store.use_student("amina")
        assert store.saved_votes(gaza.id) == {"USA": "no"}
        assert len(store.predictions(gaza.id)) == 1
        assert store.setting("theme") == "nord"
        assert store.students() == [
            Student(name="Amina", ballots=1, predictions=1),
            Student(name="Li", ballots=1, predictions=0),
        ]


def test_the_same_name_gets_its_work_back(tmp_path: Path) -> None:
    """A name chosen again, in a new store, finds what it saved; the first time it is new."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        assert store.use_student("Amina") is Welcome.NEW
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
    with Store.open(path) as store:
        assert store.use_student("AMINA") is Welcome.BACK
        found = store.ballot(gaza)
        assert found is not None and dict(found.votes) == dict(gaza.recorded_ballot().votes)


def test_a_name_given_later_claims_the_unnamed_work_once(tmp_path: Path) -> None:
    """Work saved without a name becomes the first name's, when asked (the terminal); a second
    new name starts empty, and the work is no longer unnamed."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
        assert store.students() == [Student(name="", ballots=1, predictions=0)]
        assert store.use_student("Amina", claim_unnamed=True) is Welcome.CLAIMED
        assert store.scenario_ids() == [gaza.id]
        assert store.use_student("Li", claim_unnamed=True) is Welcome.NEW
        assert store.scenario_ids() == []
        assert [s.name for s in store.students()] == ["Amina", "Li"]


def test_a_served_name_never_claims_the_unnamed_work(tmp_path: Path) -> None:
    """Without claiming (the browser), a new name starts empty and the unnamed work stays."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    with Store.open(tmp_path / FILE_NAME) as store:
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
        assert store.use_student("Amina") is Welcome.NEW
        assert store.scenario_ids() == []
        assert store.students()[0] == Student(name="", ballots=1, predictions=0)


def test_without_a_name_the_store_acts_for_the_student_used_last(tmp_path: Path) -> None:
    """A terminal opened without --name goes on with the name chosen last."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        store.use_student("Amina")
        store.use_student("Li")
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
    with Store.open(path) as store:
        assert store.student_name() == "Li"
        assert store.scenario_ids() == [gaza.id]


def test_as_student_reads_one_student_without_choosing_them(tmp_path: Path) -> None:
    """A teacher's export reads each student in turn; the one used last stays the same."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        store.use_student("Amina")
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
        store.use_student("Li")
        with store.as_student("amina") as amina:
            assert amina.student_name() == "Amina"
            assert amina.scenario_ids() == [gaza.id]
        with pytest.raises(StoreError, match="no student"):
            store.as_student("Nobody")
    with Store.open(path) as store:
        assert store.student_name() == "Li"


def test_a_setting_is_kept_and_replaced(tmp_path: Path) -> None:
    """A choice is None until made; the latest replaces the one before, across openings."""
    path = tmp_path / FILE_NAME
    with Store.open(path) as store:
        assert store.setting("theme") is None
        store.keep_setting("theme", "nord")
        store.keep_setting("theme", "gruvbox")
    with Store.open(path) as store:
        assert store.setting("theme") == "gruvbox"


def test_renaming_to_a_name_taken_is_refused(tmp_path: Path) -> None:
    """set_student_name never merges two students: a name taken is an error."""
    with Store.open(tmp_path / FILE_NAME) as store:
        store.use_student("Amina")
        store.use_student("Li")
        with pytest.raises(StoreError, match="already called"):
            store.set_student_name("AMINA")
        store.set_student_name("Li Wei")
        assert store.student_name() == "Li Wei"


def test_work_saved_after_another_copy_clears_the_file_is_kept(tmp_path: Path) -> None:
    """reset-work while the app is open: the app's student is made again as it saves."""
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    path = tmp_path / FILE_NAME
    with Store.open(path) as store, Store.open(path) as other:
        store.use_student("Amina")
        other.clear()
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
    with Store.open(path) as store:
        assert store.students() == [Student(name="Amina", ballots=1, predictions=0)]


def test_work_keeps_settings_with_or_without_a_store(tmp_path: Path) -> None:
    """Work.setting finds what Work.keep_setting kept: in the store, or in memory."""
    assert Work().setting("theme") is None
    memory = Work()
    assert memory.keep_setting("theme", "nord") == ""
    assert memory.setting("theme") == "nord"
    with Store.open(tmp_path / FILE_NAME) as store:
        assert Work(store).keep_setting("theme", "nord") == ""
        assert Work(store).setting("theme") == "nord"


def test_work_without_a_store_keeps_votes_in_memory_and_counts_them_unsaved(
    ui_catalogue: Catalogue,
) -> None:
    """No store: every ballot with votes is what quitting would lose, as before saving."""
    gaza = scenario(ui_catalogue, GAZA)
    work = Work()
    work.keep(gaza, gaza.ballot().cast("USA", Vote.AGAINST))
    assert not work.saving
    assert work.with_votes(ui_catalogue) == [gaza]


def test_work_with_a_store_saves_every_change_and_loses_nothing_on_quit(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Each change is written at once: quitting loses nothing, and a new Work finds it."""
    gaza = scenario(ui_catalogue, GAZA)
    path = tmp_path / FILE_NAME
    ballot = gaza.ballot().cast("USA", Vote.AGAINST)
    with Store.open(path) as store:
        work = Work(store)
        assert work.keep(gaza, ballot) == ""
        assert work.with_votes(ui_catalogue) == []
    with Store.open(path) as store:
        found = Work(store).ballot(gaza)
    assert found is not None and dict(found.votes) == dict(ballot.votes)


def test_held_votes_are_written_together_and_before_quitting_is_asked(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """Votes held for after the frame reach the file at the next save, the latest one only, and
    asking what quitting would lose saves what is held first, so it loses nothing."""
    gaza = scenario(ui_catalogue, GAZA)
    path = tmp_path / FILE_NAME
    first = gaza.ballot().cast("USA", Vote.AGAINST)
    latest = first.cast("CHN", Vote.IN_FAVOUR)
    with Store.open(path) as store:
        work = Work(store)
        work.hold(gaza, first)
        work.hold(gaza, latest)
        assert work.holding and store.saved_votes(gaza.id) is None
        assert work.save_held() == ""
        assert not work.holding
        assert store.saved_votes(gaza.id) == {"CHN": "yes", "USA": "no"}
        work.hold(gaza, latest.cast("USA", Vote.ABSTENTION))
        assert work.with_votes(ui_catalogue) == []
        assert store.saved_votes(gaza.id) == {"CHN": "yes", "USA": "abstain"}


def test_a_failed_write_is_told_once_and_counts_as_unsaved(
    tmp_path: Path, ui_catalogue: Catalogue
) -> None:
    """A store that can no longer be written: the reason once, and quitting asks again."""
    gaza = scenario(ui_catalogue, GAZA)
    store = Store.open(tmp_path / FILE_NAME)
    work = Work(store)
    store.close()  # every write now fails
    first = work.keep(gaza, gaza.ballot().cast("USA", Vote.AGAINST))
    assert "cannot write" in first
    assert work.keep(gaza, gaza.ballot().cast("USA", Vote.IN_FAVOUR)) == ""
    assert work.problem
    assert work.with_votes(ui_catalogue) == [gaza]


def sqlite_file(path: Path, *, version: int) -> bytes:
    """A real database at this schema version, with a row to recognise it by; its bytes."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE mine (x TEXT)")
        db.execute("INSERT INTO mine VALUES ('the earlier work')")
        db.execute(f"PRAGMA user_version = {version}")
    db.close()
    return path.read_bytes()


def test_a_store_from_a_newer_version_is_set_aside(tmp_path: Path) -> None:
    """One line; the file is kept whole beside a fresh store, which then works."""
    path = tmp_path / FILE_NAME
    before = sqlite_file(path, version=SCHEMA_VERSION + 1)
    with pytest.raises(NewerStore):
        Store.open(path)
    opened = open_work(tmp_path, now=lambda: NOON)
    assert opened.store is not None
    opened.store.set_student_name("Amina")
    opened.store.close()
    kept = tmp_path / f"{FILE_NAME}.newer-20250102-120000"
    assert "\n" not in opened.notice
    assert "newer version" in opened.notice and str(kept) in opened.notice
    assert kept.read_bytes() == before
    with Store.open(path) as store:
        assert store.student_name() == "Amina"


@pytest.mark.parametrize(
    "content", [b"not a database at all\n" * 200, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_a_file_that_is_not_a_database_is_set_aside(tmp_path: Path, content: bytes) -> None:
    """Text, or a broken header: one line, the file kept as it was, a fresh store opened."""
    path = tmp_path / FILE_NAME
    path.write_bytes(content)
    with pytest.raises(DamagedStore):
        Store.open(path)
    opened = open_work(tmp_path, now=lambda: NOON)
    assert opened.store is not None
    opened.store.close()
    kept = tmp_path / f"{FILE_NAME}.damaged-20250102-120000"
    assert "\n" not in opened.notice and "damaged" in opened.notice
    assert kept.read_bytes() == content


def test_a_database_that_fails_its_integrity_check_is_set_aside(tmp_path: Path) -> None:
    """A page overwritten in the middle: SQLite finds the damage, and the file is set aside."""
    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.execute("CREATE INDEX tx ON t (x)")
        db.executemany("INSERT INTO t VALUES (?)", [(f"row {i}" * 20,) for i in range(500)])
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\x07" * 200
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedStore):
        Store.open(path)
    opened = open_work(tmp_path, now=lambda: NOON)
    assert opened.store is not None
    opened.store.close()
    assert (tmp_path / f"{FILE_NAME}.damaged-20250102-120000").read_bytes() == bytes(data)


def test_setting_aside_takes_the_log_with_it_and_never_overwrites(tmp_path: Path) -> None:
    """The WAL and shared-memory files go with the file, renamed to match; a second file set
    aside in the same second gets a name of its own."""
    path = tmp_path / FILE_NAME
    for round in (1, 2):
        path.write_text(f"file {round}")
        Path(f"{path}-wal").write_text(f"log {round}")
        Path(f"{path}-shm").write_text(f"index {round}")
        set_aside(path, "damaged", now=lambda: NOON)
    first = tmp_path / f"{FILE_NAME}.damaged-20250102-120000"
    second = tmp_path / f"{FILE_NAME}.damaged-20250102-120000-2"
    assert first.read_text() == "file 1" and Path(f"{first}-wal").read_text() == "log 1"
    assert second.read_text() == "file 2" and Path(f"{second}-shm").read_text() == "index 2"
    assert not path.exists() and not Path(f"{path}-wal").exists()


def test_a_folder_that_cannot_be_made_gives_no_store_and_one_line(tmp_path: Path) -> None:
    """A file where the folder should be: no store, one line, nothing raised."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    opened = open_work(blocker / "data")
    assert opened.store is None
    assert opened.notice.startswith("Work is not saved:") and "\n" not in opened.notice
    assert open_work(blocker).store is None


@pytest.mark.skipif(os.geteuid() == 0, reason="the superuser writes in any folder")
def test_a_folder_without_write_access_gives_no_store(tmp_path: Path) -> None:
    """A read-only folder: no store, one line."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        opened = open_work(folder)
    finally:
        folder.chmod(0o755)
    assert opened.store is None
    assert opened.notice.startswith("Work is not saved:")


def test_an_unreadable_file_is_an_error_not_damage(tmp_path: Path) -> None:
    """A folder where the file should be cannot be opened: no store, and nothing set aside."""
    (tmp_path / FILE_NAME).mkdir()
    with pytest.raises(StoreError) as raised:
        Store.open(tmp_path / FILE_NAME)
    assert not isinstance(raised.value, DamagedStore | NewerStore)
    opened = open_work(tmp_path)
    assert opened.store is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


WRITER = """
import sys
from pathlib import Path
from simulator.rules import Ballot, Member, Vote
from simulator.store import Store

path, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
members = tuple(Member(f"M{i:02d}", f"Member {i}", permanent=i < 5) for i in range(15))
store = Store.open(path)
print("ready", flush=True)
sys.stdin.readline()  # "go": the parent starts the writers together
n = 0
while count < 0 or n < count:
    ballot = Ballot.open(members).cast_all({m.code: Vote.IN_FAVOUR for m in members[: n % 15]})
    store.keep_ballot(f"{prefix}-{n}", ballot)
    n += 1
    if n == 20:
        print("written", flush=True)
store.close()
"""


def writer(path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    """A child process writing ballots `prefix-0`, `prefix-1`… (for ever if `count` is -1)."""
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    return process


def go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def test_a_process_killed_while_it_writes_leaves_the_store_whole(tmp_path: Path) -> None:
    """SIGKILL in the middle of a stream of writes, three times: the file passes SQLite's
    integrity check, the work saved before is all there, and so is every write it reported."""
    path = tmp_path / FILE_NAME
    gaza = scenario(load_catalogue(), "2024-03-22-us-draft")
    with Store.open(path) as store:
        store.set_student_name("Amina")
        store.keep_ballot(gaza.id, gaza.recorded_ballot())
    for round in range(3):
        process = writer(path, f"round{round}", -1)
        go(process)
        assert process.stdout is not None
        assert process.stdout.readline() == "written\n"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()
    with Store.open(path) as store:
        assert store.student_name() == "Amina"
        found = store.ballot(gaza)
        assert found is not None and dict(found.votes) == dict(gaza.recorded_ballot().votes)
        ids = set(store.scenario_ids())
    for round in range(3):
        assert {f"round{round}-{n}" for n in range(20)} <= ids


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two copies writing different scenarios at the same time: both finish, and every ballot
    of each is in the file, whole."""
    path = tmp_path / FILE_NAME
    Store.open(path).close()
    first, second = writer(path, "first", 60), writer(path, "second", 60)
    go(first)
    go(second)
    assert first.wait(timeout=120) == 0
    assert second.wait(timeout=120) == 0
    with Store.open(path) as store:
        ids = set(store.scenario_ids())
    assert ids == {f"{who}-{n}" for who in ("first", "second") for n in range(60)}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        votes = dict(db.execute("SELECT scenario_id, votes FROM ballots").fetchall())
    db.close()
    assert json.loads(votes["second-14"]) == {f"M{i:02d}": "yes" for i in range(14)}


# Class sessions: the shared state of a class


def class_on_us_draft(path: Path) -> ClassSession:
    """A class on the US draft of 22 March 2024, kept in the file, in hidden mode: Amina
    holds the United States, and the vote is open."""
    draft = scenario(load_catalogue(), "2024-03-22-us-draft")
    session = start(draft, chair="the-chair-token", code="KQ7-M4X-P2", mode=Mode.HIDDEN)
    with Store.open(path) as store:
        assert store.start_class(session)
        store.change_class(
            session.code, lambda s: take_seat(s, draft, "USA", "Amina", "amina-seat-token")
        )
        return store.change_class(session.code, lambda s: open_vote(s, "the-chair-token"))


def class_rows(path: Path) -> list[str]:
    """Every row of the class tables, as SQL: to see that nothing changed."""
    with sqlite3.connect(path) as db:
        rows = [line for line in db.iterdump() if line.startswith('INSERT INTO "class_')]
    db.close()
    return rows


def test_a_class_session_is_read_back_as_kept(tmp_path: Path) -> None:
    """Seats, phases, votes and who cast them, the order and the folders: as the rules left
    them; tokens only as their hashes."""
    path = tmp_path / FILE_NAME
    draft = scenario(load_catalogue(), "2024-03-22-us-draft")
    session = class_on_us_draft(path)
    with Store.open(path) as store:
        voted = store.change_class(
            session.code, lambda s: cast_vote(s, draft, "amina-seat-token", Vote.AGAINST)
        )
        assert voted.current.votes == {"USA": Vote.AGAINST}
        found = store.class_session("KQ7-M4X-P2")
        assert found == voted
        assert found is not None and found.mode is Mode.HIDDEN and found.phase is Phase.OPEN
        assert found.current.voters == {"USA": "Amina"}
        assert store.class_session("ZZZ-ZZZ-ZZ") is None
    dump = "\n".join(class_rows(path))
    assert (
        token_hash("amina-seat-token") in dump
        and "'amina-seat-token'" not in dump
        and "'the-chair-token'" not in dump
    )


def test_a_rule_that_refuses_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """A member taken, a wrong token: `SessionError`, and not one row changed."""
    path = tmp_path / FILE_NAME
    draft = scenario(load_catalogue(), "2024-03-22-us-draft")
    session = class_on_us_draft(path)
    before = class_rows(path)
    with Store.open(path) as store:
        with pytest.raises(SessionError):
            store.change_class(session.code, lambda s: take_seat(s, draft, "USA", "Li", "li"))
        with pytest.raises(SessionError):
            store.change_class(session.code, lambda s: close_vote(s, "not the chair"))
    assert class_rows(path) == before


def test_a_code_is_used_once(tmp_path: Path) -> None:
    """A second session with a code taken is not kept: the caller draws another code."""
    path = tmp_path / FILE_NAME
    session = class_on_us_draft(path)
    with Store.open(path) as store:
        assert not store.start_class(session)
        with pytest.raises(StoreError) as caught:
            store.change_class("ZZZ-ZZZ-ZZ", lambda s: s)
    assert str(caught.value) == f"there is no class session ZZZ-ZZZ-ZZ in {path}"


def test_the_file_refuses_two_holders_for_one_member_whatever_a_process_does(
    tmp_path: Path,
) -> None:
    """The keys themselves: one row per member, and one member per name, in each session."""
    path = tmp_path / FILE_NAME
    class_on_us_draft(path)
    with sqlite3.connect(path) as db:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO class_seats VALUES ('KQ7-M4X-P2', 'USA', 'Li', 'li', 'x')")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO class_seats VALUES ('KQ7-M4X-P2', 'CHN', 'AMINA', 'amina', 'x')"
            )
    db.close()


def test_a_damaged_class_session_says_so(tmp_path: Path) -> None:
    """A phase this version does not know: one line naming the session, not a traceback."""
    path = tmp_path / FILE_NAME
    class_on_us_draft(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE class_rounds SET phase = 'adjourned'")
    db.close()
    with Store.open(path) as store, pytest.raises(StoreError) as caught:
        store.class_session("KQ7-M4X-P2")
    assert str(caught.value) == (
        f"the class session KQ7-M4X-P2 in {path} is damaged: it cannot be used"
    )


def test_changed_says_when_another_connection_wrote(tmp_path: Path) -> None:
    """The watcher's cheap question: yes once after another's write, no after its own."""
    path = tmp_path / FILE_NAME
    draft = scenario(load_catalogue(), "2024-03-22-us-draft")
    session = class_on_us_draft(path)
    with Store.open(path) as chair, Store.open(path) as student:
        assert not chair.changed()
        assert not student.changed()
        student.change_class(session.code, lambda s: take_seat(s, draft, "CHN", "Li", "li"))
        assert chair.changed()
        assert not chair.changed()
        assert not student.changed()
        chair.change_class(session.code, lambda s: close_vote(s, "the-chair-token"))
        assert not chair.changed()
        assert student.changed()


def test_clearing_the_work_clears_the_class_sessions(tmp_path: Path) -> None:
    """reset-work forgets every class session too."""
    path = tmp_path / FILE_NAME
    class_on_us_draft(path)
    with Store.open(path) as store:
        store.clear()
        assert store.class_session("KQ7-M4X-P2") is None
    assert class_rows(path) == []
