"""Results to hand in: the hand-in built from saved work, its Markdown, JSON and CSV, and the
`export` command that writes it whole, never over a file without --force."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.export import (
    FORMAT,
    GONE,
    NO_WORK,
    VERSION,
    ExportFormat,
    HandIn,
    StudentWork,
    UnknownFormat,
    default_file_name,
    encoded,
    format_for,
    guard,
    hand_in_from,
    student_work,
    to_csv,
    to_json,
    to_markdown,
)
from simulator.predict import Prediction, score
from simulator.rules import Vote
from simulator.scenarios import Catalogue, Outcome, Scenario, load_catalogue
from simulator.store import FILE_NAME, SavedPrediction, Store

US_DRAFT = "2024-03-22-us-draft"
PRESS = "2021-05-17-press-statements"
FRENCH = "2021-05-french-draft"
WHEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def scenario(catalogue: Catalogue, scenario_id: str) -> Scenario:
    found = catalogue.get(scenario_id)
    assert found is not None, scenario_id
    return found


def saved_work(path: Path, catalogue: Catalogue, name: str = "Amina Diallo") -> None:
    """A student's work: the US draft as recorded with one prediction, a press statement with one
    objection, and a ballot for a scenario that has since left the catalogue."""
    us = scenario(catalogue, US_DRAFT)
    press = scenario(catalogue, PRESS)
    with Store.open(path) as store:
        store.set_student_name(name)
        store.keep_ballot(us.id, us.recorded_ballot())
        guess = (
            Prediction.start(us)
            .with_vote("USA", Vote.IN_FAVOUR)
            .with_vote("CHN", Vote.AGAINST)
            .with_outcome(Outcome.VETOED)
        )
        store.keep_prediction(us.id, guess, score(us, guess), locked_at=WHEN)
        store.keep_ballot(press.id, press.ballot().cast("USA", Vote.AGAINST))
        store.keep_ballot("2019-gone-draft", us.ballot().cast("USA", Vote.AGAINST))


def built(tmp_path: Path, catalogue: Catalogue, name: str = "Amina Diallo") -> HandIn:
    path = tmp_path / FILE_NAME
    saved_work(path, catalogue, name)
    with Store.open(path) as store:
        return hand_in_from(store, catalogue, now=WHEN)


def test_the_hand_in_lists_scenarios_in_the_lists_order_and_the_gone_last(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """Each scenario with work, as the list orders them; one no longer listed comes last."""
    (student,) = built(tmp_path, catalogue).students
    assert student.name == "Amina Diallo"
    assert [w.id for w in student.scenarios] == [PRESS, US_DRAFT, "2019-gone-draft"]
    assert [w.in_catalogue for w in student.scenarios] == [True, True, False]


def test_the_verdict_is_worded_as_the_vote_screen_words_it(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """The US draft as recorded: not adopted, vetoed, with the banner's headline and the brief."""
    us = built(tmp_path, catalogue).students[0].scenarios[1]
    assert us.verdict is not None
    assert (us.verdict.outcome, us.verdict.reason) == ("not adopted", "vetoed")
    assert us.verdict.headline.startswith("NOT ADOPTED — vetoed by")
    assert "Art. 27(3)" in us.verdict.in_brief
    assert us.votes is not None and len(us.votes) == 15 and us.votes["CHN"] == "no"


def test_a_statement_is_in_its_own_words(tmp_path: Path, catalogue: Catalogue) -> None:
    """A statement's votes read 'object', and a vote not closed reads 'open', not 'adopted'."""
    press = built(tmp_path, catalogue).students[0].scenarios[0]
    assert press.votes == {"USA": "object"}
    assert press.verdict is not None and press.verdict.outcome == "open"


def test_a_prediction_keeps_its_score(tmp_path: Path, catalogue: Catalogue) -> None:
    """The prediction as locked: its votes, outcome, score and the reveal's score line."""
    (prediction,) = built(tmp_path, catalogue).students[0].scenarios[1].predictions
    assert dict(prediction.votes) == {"CHN": "no", "USA": "yes"}
    assert prediction.outcome == "vetoed" and prediction.outcome_right is True
    assert (prediction.members_right, prediction.members) == (2, 15)
    assert prediction.score.startswith("2 of 15 members right; outcome right")
    assert prediction.locked_at.startswith("2025-03-14T09:30")


def test_a_scenario_gone_from_the_catalogue_is_said_plainly(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """Its saved votes are kept, with no verdict, and every format says it is gone."""
    hand_in = built(tmp_path, catalogue)
    gone = hand_in.students[0].scenarios[-1]
    assert gone.votes == {"USA": "no"} and gone.verdict is None and gone.note == GONE
    assert "no longer in the list of scenarios" in to_markdown(hand_in)
    assert json.loads(to_json(hand_in))["students"][0]["scenarios"][-1]["note"] == GONE
    assert to_csv(hand_in).splitlines()[-1].endswith(f'"{GONE}"')


def test_a_student_with_no_work_is_said_so_in_every_format(catalogue: Catalogue) -> None:
    """No saved work: the Markdown says so, the JSON's note does, the CSV has one row saying it."""
    hand_in = HandIn(WHEN, (student_work("Lee", {}, [], catalogue),))
    assert NO_WORK in to_markdown(hand_in)
    (student,) = json.loads(to_json(hand_in))["students"]
    assert student == {"name": "Lee", "note": NO_WORK, "scenarios": []}
    rows = list(csv.reader(io.StringIO(to_csv(hand_in))))
    assert len(rows) == 2 and rows[1][0] == "Lee" and rows[1][-1] == NO_WORK


def test_a_blank_ballot_alone_is_no_work(catalogue: Catalogue) -> None:
    """A scenario opened and left without a vote, nor a prediction, is not listed."""
    work = student_work("Lee", {US_DRAFT: {}}, [], catalogue)
    assert work.scenarios == ()


def test_a_draft_never_voted_is_discussed_not_scored(catalogue: Catalogue) -> None:
    """A prediction saved without a score reads 'not scored', with no numbers."""
    saved = SavedPrediction(FRENCH, {"USA": "no"}, None, 0, WHEN.isoformat(), None, None, None)
    work = student_work("Lee", {}, [saved], catalogue)
    assert work.scenarios[0].in_catalogue
    (prediction,) = work.scenarios[0].predictions
    assert not prediction.scored and prediction.members_right is None
    assert prediction.score.startswith("not scored")


def test_json_has_its_format_version_and_stable_keys(tmp_path: Path, catalogue: Catalogue) -> None:
    """The keys docs/export.md documents, in that order, and nothing else."""
    data = json.loads(to_json(built(tmp_path, catalogue)))
    assert list(data) == ["format", "version", "exported_at", "students"]
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    assert data["exported_at"] == "2025-03-14T09:30:00Z"
    (student,) = data["students"]
    assert list(student) == ["name", "note", "scenarios"]
    us = student["scenarios"][1]
    assert list(us) == [
        "id",
        "in_catalogue",
        "title",
        "date",
        "decision",
        "votes",
        "verdict",
        "predictions",
        "note",
    ]
    assert list(us["verdict"]) == ["outcome", "reason", "headline", "in_brief"]
    assert list(us["predictions"][0]) == [
        "locked_at",
        "votes",
        "outcome",
        "scored",
        "members_right",
        "members",
        "outcome_right",
        "hints_used",
        "hints_available",
        "score",
    ]


def test_the_json_keys_are_each_documented() -> None:
    """Every key the JSON has is named in docs/export.md."""
    text = (Path(__file__).parent.parent / "docs" / "export.md").read_text(encoding="utf-8")
    keys = ["format", "version", "exported_at", "students", "name", "note", "scenarios", "id"]
    keys += ["in_catalogue", "title", "date", "decision", "votes", "verdict", "predictions"]
    keys += ["outcome", "reason", "headline", "in_brief", "locked_at", "scored"]
    keys += ["members_right", "members", "outcome_right", "hints_used", "hints_available", "score"]
    for key in keys:
        assert f"`{key}`" in text, key


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-", "'-"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Amina", "Amina"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_a_cell_that_starts_like_a_formula_is_guarded(cell: str, written: str) -> None:
    """=, +, -, @, tab and carriage return at the start get a leading quote; nothing else does."""
    assert guard(cell) == written


def test_no_csv_cell_starts_like_a_formula(tmp_path: Path, catalogue: Catalogue) -> None:
    """A name, a vote or a number starting with '-' or '=' never lands unguarded in the CSV."""
    hand_in = built(tmp_path, catalogue, name="=cmd|' /C calc'!A0")
    (student,) = hand_in.students
    us = student.scenarios[1]
    odd = us.predictions[0].__class__(**{**us.predictions[0].__dict__, "members_right": -1})
    odd_work = us.__class__(**{**us.__dict__, "votes": {"USA": "-"}, "predictions": (odd,)})
    hand_in = HandIn(WHEN, (StudentWork(student.name, (odd_work,)),))
    rows = list(csv.reader(io.StringIO(to_csv(hand_in))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert "'-1" in rows[1]


def test_csv_has_a_byte_order_mark_and_one_row_per_prediction_or_none(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """UTF-8 with a BOM, so that a spreadsheet reads é right; one row per scenario without a
    prediction, one per prediction."""
    data = encoded(built(tmp_path, catalogue, name="Zoé"), ExportFormat.CSV)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["scenario"] for r in rows] == [PRESS, US_DRAFT, "2019-gone-draft"]
    assert rows[0]["student"] == "Zoé"
    assert rows[1]["prediction"] == "1" and rows[1]["outcome_right"] == "yes"
    assert rows[1]["result"] == "not adopted" and rows[0]["prediction"] == ""


def test_markdown_reads_as_a_page_and_keeps_names_from_being_markup(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """Each scenario under its title; a name with Markdown in it is shown as written."""
    text = to_markdown(built(tmp_path, catalogue, name="*Amina* | Diallo"))
    assert "## \\*Amina\\* \\| Diallo" in text
    assert "### US draft: ceasefire tied to release of hostages (2024-03-22)" in text
    assert "**NOT ADOPTED — vetoed by" in text
    assert "2 of 15 members right; outcome right" in text
    assert not encoded(HandIn(WHEN, ()), ExportFormat.MARKDOWN).startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("work.md", ExportFormat.MARKDOWN),
        ("work.MARKDOWN", ExportFormat.MARKDOWN),
        ("work.json", ExportFormat.JSON),
        ("work.Csv", ExportFormat.CSV),
    ],
)
def test_the_format_follows_the_extension(name: str, kind: ExportFormat) -> None:
    """.md/.markdown, .json and .csv, in any case."""
    assert format_for(Path(name)) is kind


@pytest.mark.parametrize("name", ["work.txt", "work", "work.md.bak"])
def test_any_other_extension_is_refused(name: str) -> None:
    """A name that says no format is refused, naming those that do."""
    with pytest.raises(UnknownFormat, match=r"\.md .*\.json .*\.csv"):
        format_for(Path(name))


def test_the_default_file_name_has_the_student_and_the_day() -> None:
    """Safe in any folder: lower case, no spaces, the date."""
    assert default_file_name("Amina Diallo", WHEN) == "council-sim-amina-diallo-2025-03-14.md"
    assert default_file_name("", WHEN) == "council-sim-2025-03-14.md"
    assert default_file_name("../É t", WHEN, ".csv") == "council-sim-t-2025-03-14.csv"


# The command


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data(own_data_folder: Path, catalogue: Catalogue) -> Path:
    saved_work(own_data_folder / FILE_NAME, catalogue)
    return own_data_folder


@pytest.mark.parametrize(
    ("extension", "label"), [(".md", "Markdown"), (".json", "JSON"), (".csv", "CSV")]
)
def test_export_writes_the_format_the_name_asks_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path, extension: str, label: str
) -> None:
    """One line saying what was written; the file is there, in its format."""
    target = tmp_path / f"amina{extension}"
    status, out, err = run(capsys, "export", str(target))
    assert status == 0
    assert out == f"Wrote {target} ({label}): 3 scenarios, 1 prediction.\n"
    # The saved work has a scenario since removed: said, with what to do if it is a pack's.
    assert err == (
        "council-sim: note: 1 scenario worked on is not among those loaded "
        "(2019-gone-draft), so they are written without titles or verdicts; if they are a "
        "pack's, export again with --scenarios PACK --force.\n"
    )
    text = target.read_bytes().decode("utf-8-sig")
    assert "Amina Diallo" in text
    if extension == ".json":
        assert json.loads(text)["students"][0]["name"] == "Amina Diallo"


def test_export_of_another_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, catalogue: Catalogue
) -> None:
    """--data reads the work saved there."""
    saved_work(tmp_path / FILE_NAME, catalogue, name="Other")
    target = tmp_path / "out.json"
    status, _, _ = run(capsys, "export", str(target), "--data", str(tmp_path))
    assert status == 0
    assert json.loads(target.read_text())["students"][0]["name"] == "Other"


def a_class(path: Path, catalogue: Catalogue) -> None:
    """Two students in one store, as a class served to browsers leaves it."""
    us = scenario(catalogue, US_DRAFT)
    with Store.open(path) as store:
        store.use_student("Zoë Brun")
        store.keep_ballot(us.id, us.ballot().cast("FRA", Vote.AGAINST))
        store.use_student("Amina Diallo")
        store.keep_ballot(us.id, us.recorded_ballot())


def test_export_collects_every_student_in_the_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, catalogue: Catalogue
) -> None:
    """A served class's folder: every student, by name, each with their own votes."""
    a_class(tmp_path / FILE_NAME, catalogue)
    target = tmp_path / "class.json"
    status, out, _ = run(capsys, "export", str(target), "--data", str(tmp_path))
    assert status == 0
    assert "2 students, 2 scenarios" in out
    students = json.loads(target.read_text())["students"]
    assert [s["name"] for s in students] == ["Amina Diallo", "Zoë Brun"]
    votes = [s["scenarios"][0]["votes"]["FRA"] for s in students]
    assert votes == ["yes", "no"]


def test_export_with_a_name_takes_that_student_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, catalogue: Catalogue
) -> None:
    """--name: one student's work, found by the name in any case; an unknown name writes nothing."""
    a_class(tmp_path / FILE_NAME, catalogue)
    target = tmp_path / "zoe.json"
    status, _, _ = run(capsys, "export", str(target), "--data", str(tmp_path), "--name", "zoë brun")
    assert status == 0
    students = json.loads(target.read_text())["students"]
    assert [s["name"] for s in students] == ["Zoë Brun"]
    missing = tmp_path / "nobody.json"
    status, _, err = run(
        capsys, "export", str(missing), "--data", str(tmp_path), "--name", "Nobody"
    )
    assert status == 1
    assert "no student 'Nobody'" in err
    assert not missing.exists()


def test_export_without_saved_work_writes_nothing_and_says_where_it_looked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, own_data_folder: Path
) -> None:
    """No store there (a mistyped --data, say): no store is made, no empty file handed in, and
    one line names the folder."""
    target = tmp_path / "none.md"
    for extra in ((), ("--data", str(tmp_path / "typo"))):
        status, out, err = run(capsys, "export", str(target), *extra)
        assert (status, out) == (1, "")
        folder = extra[1] if extra else str(own_data_folder)
        assert err == (
            f"council-sim: error: there is no saved work in {folder} (no {FILE_NAME} there): "
            "nothing was written. Give the folder the simulator saved in with --data DIR.\n"
        )
    assert not target.exists()
    assert not (own_data_folder / FILE_NAME).exists()


def test_export_refuses_an_unknown_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """One clear line, status 2, nothing written."""
    status, out, err = run(capsys, "export", str(tmp_path / "work.txt"))
    assert status == 2 and out == ""
    assert len(err.splitlines()) == 1 and ".md" in err
    assert os.listdir(tmp_path) == []


def test_export_never_overwrites_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """An existing file stays as it was: status 1, one line naming --force."""
    target = tmp_path / "taken.md"
    target.write_text("mine\n")
    status, out, err = run(capsys, "export", str(target))
    assert status == 1 and out == ""
    assert len(err.splitlines()) == 1 and "--force" in err
    assert target.read_text() == "mine\n"
    assert os.listdir(tmp_path) == ["taken.md"]


def test_export_with_force_replaces_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """--force writes over it, and leaves no temporary file beside it."""
    target = tmp_path / "taken.md"
    target.write_text("mine\n")
    status, _, _ = run(capsys, "export", str(target), "--force")
    assert status == 0
    assert "Amina Diallo" in target.read_text()
    assert os.listdir(tmp_path) == ["taken.md"]


@pytest.mark.parametrize("force", [False, True])
def test_a_write_that_fails_midway_leaves_no_file_or_the_old_one(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
    force: bool,
) -> None:
    """The disk fills halfway: no new file appears, an old one is intact, no temporary is left,
    and the command says so in one line (status 2)."""
    target = tmp_path / "work.md"
    if force:
        target.write_text("old\n")

    def full(fd: int) -> None:
        os.write(fd, b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    status, out, err = run(capsys, "export", str(target), *(["--force"] if force else []))
    assert status == 2 and out == ""
    assert "No space left on device" in err
    if force:
        assert target.read_text() == "old\n"
        assert os.listdir(tmp_path) == ["work.md"]
    else:
        assert os.listdir(tmp_path) == []


def test_export_into_a_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """A folder named like a file: one line, status 2."""
    (tmp_path / "dir.md").mkdir()
    status, _, err = run(capsys, "export", str(tmp_path / "dir.md"), "--force")
    assert status == 2 and "is a folder" in err
