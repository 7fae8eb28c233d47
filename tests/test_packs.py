"""Teacher packs: pack.toml read and checked like a scenario file, the pack's order, and the one
rule that keeps a record hidden until a prediction is locked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.packs import Pack, catalogue_for, is_pack, load_pack, read_pack, record_may_be_seen
from simulator.scenarios import (
    PACK_FILE,
    Catalogue,
    Scenario,
    ScenarioError,
    bundled_dir,
    load_paths,
)

EXAMPLE_PACK = Path(__file__).parent.parent / "docs" / "example-pack"
UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"
GAZA = "2024-gaza-ceasefire"  # has a record: can be predicted
EXERCISE = "exercise-border-dispute"  # a what-if without a record


def make_pack(folder: Path, pack_toml: str | None) -> Path:
    """A folder holding the UI fixtures' two scenarios and, if given, this pack.toml."""
    folder.mkdir(exist_ok=True)
    for path in UI_FIXTURES.glob("*.toml"):
        shutil.copy(path, folder / path.name)
    if pack_toml is not None:
        (folder / PACK_FILE).write_text(pack_toml, "utf-8")
    return folder


GOOD_PACK = f'''\
title = "A lesson"
instructions = """First line.
Second line."""
order = ["{EXERCISE}", "{GAZA}"]
predict_first = true
'''


def test_a_good_pack_loads_with_every_key(tmp_path: Path) -> None:
    """Title, instructions with their line break, order and predict_first are all read."""
    catalogue = load_pack(make_pack(tmp_path / "p", GOOD_PACK))
    assert not catalogue.problems
    pack = catalogue.pack
    assert pack is not None
    assert pack.title == "A lesson"
    assert pack.instructions == "First line.\nSecond line."
    assert pack.order == (EXERCISE, GAZA)
    assert pack.predict_first
    assert pack.scenario_ids == {EXERCISE, GAZA}


def test_only_a_title_is_required(tmp_path: Path) -> None:
    """Without order or predict_first, a pack lists by date and shows records as usual."""
    pack = load_pack(make_pack(tmp_path / "p", 'title = "T"\n')).pack
    assert pack is not None
    assert (pack.order, pack.predict_first, pack.instructions) == ((), False, "")


def test_a_folder_without_pack_toml_is_no_pack(tmp_path: Path) -> None:
    """A plain folder of scenarios, as before: no pack, bundled scenarios beside it."""
    folder = make_pack(tmp_path / "p", None)
    assert not is_pack(folder)
    catalogue = catalogue_for([folder])
    assert catalogue.pack is None
    assert catalogue.get(GAZA) is not None
    assert catalogue.get("2024-03-22-us-draft") is not None


def test_a_pack_opens_alone_in_its_order(tmp_path: Path) -> None:
    """With a pack, only its scenarios, and the list follows its order, not the dates."""
    catalogue = catalogue_for([make_pack(tmp_path / "p", GOOD_PACK)])
    assert catalogue.pack is not None
    assert [s.id for s in catalogue] == [GAZA, EXERCISE]  # by date
    assert [s.id for s in catalogue.sections()] == [EXERCISE, GAZA]  # as the pack orders them


def test_scenarios_left_out_of_the_order_follow_by_date(tmp_path: Path) -> None:
    """An order that names one scenario puts it first; the rest come after it, by date."""
    pack_toml = f'title = "T"\norder = ["{EXERCISE}"]\n'
    sections = load_pack(make_pack(tmp_path / "p", pack_toml)).sections()
    assert [s.id for s in sections.pack] == [EXERCISE]
    assert [s.id for s in sections.main] == [GAZA]


def test_an_unfinished_file_named_in_the_order_leaves_the_pack_open(tmp_path: Path) -> None:
    """A file that does not load is left out with its own problems; the pack still opens, so the
    class never falls back on every bundled vote with its result in view."""
    folder = make_pack(tmp_path / "p", f'title = "T"\norder = ["{EXERCISE}", "half", "{GAZA}"]\n')
    (folder / "half.toml").write_text('id = "half"\ntitle = ""\n', "utf-8")
    catalogue = catalogue_for([folder])
    assert catalogue.pack is not None
    assert [s.id for s in catalogue.sections()] == [EXERCISE, GAZA]
    assert catalogue.problems and all(p.path.name == "half.toml" for p in catalogue.problems)
    assert catalogue.get("2024-03-22-us-draft") is None  # the pack alone, as ever


def test_the_pack_order_wins_over_amendments_and_contrasts(tmp_path: Path) -> None:
    """A draft named before its amendment and a vote that teaches a rule keep the pack's order;
    an amendment the order leaves out still comes just before its draft."""
    folder = tmp_path / "p"
    folder.mkdir()
    names = [
        "2023-11-15-resolution-2712",
        "2023-11-15-russian-amendment",
        "1950-07-07-resolution-84",
        "2024-03-25-resolution-2728",
        "2024-03-25-russian-amendment",
    ]
    for name in names:
        shutil.copy(bundled_dir() / f"{name}.toml", folder / f"{name}.toml")
    order = ["1950-07-07-resolution-84", names[0], names[1], names[3]]
    (folder / PACK_FILE).write_text(f'title = "T"\norder = {order!r}\n'.replace("'", '"'))
    catalogue = load_pack(folder)
    assert not catalogue.problems, catalogue.problems
    sections = catalogue.sections()
    assert [s.id for s in sections.pack] == [
        "1950-07-07-resolution-84",
        names[0],
        names[1],
        names[4],  # not named: just before its draft
        names[3],
    ]
    assert sections.main == sections.teaching == ()


@pytest.mark.parametrize(
    ("pack_toml", "key", "message"),
    [
        ('title = ""\n', "title", "must not be empty"),
        ("order = []\n", "title", "missing"),
        ('title = "T"\ncolour = "red"\n', "colour", "unknown key"),
        ('title = "T\\u001b[31m"\n', "title", "without control characters"),
        ('title = "T"\ninstructions = "a\\u0007"\n', "instructions", "control characters"),
        ('title = "T"\ninstructions = 3\n', "instructions", "must be a string"),
        ('title = "T"\npredict_first = "yes"\n', "predict_first", "true or false"),
        ('title = "T"\norder = "x"\n', "order", "must be a list"),
        ('title = "T"\norder = [4]\n', "order[1]", "a string"),
        ('title = "T"\norder = ["Bad Id"]\n', "order[1]", "is not a scenario id"),
        ('title = "T"\norder = ["not-here"]\n', "order[1]", "not the id of a scenario"),
        (f'title = "T"\norder = ["{GAZA}", "{GAZA}"]\n', "order[2]", "listed twice"),
        ('title = "T\n', "", "is not valid TOML"),
    ],
)
def test_each_problem_in_pack_toml_is_named(
    tmp_path: Path, pack_toml: str, key: str, message: str
) -> None:
    """One problem naming pack.toml and the key, never a traceback."""
    folder = make_pack(tmp_path / "p", pack_toml)
    with pytest.raises(ScenarioError) as raised:
        read_pack(folder, load_pack(folder).scenarios)
    (problem,) = raised.value.problems
    assert problem.path == folder / PACK_FILE
    assert problem.key == key
    assert message in problem.message


def test_pack_toml_that_is_not_a_file_is_a_problem(tmp_path: Path) -> None:
    """A folder named pack.toml is reported, not opened."""
    folder = make_pack(tmp_path / "p", None)
    (folder / PACK_FILE).mkdir()
    catalogue = load_pack(folder)
    assert catalogue.pack is None
    assert any("not a regular file" in p.message for p in catalogue.problems)


def test_a_pack_with_a_problem_is_not_used(tmp_path: Path) -> None:
    """Its problems are reported, and the folder loads as a plain one beside the bundled."""
    folder = make_pack(tmp_path / "p", 'title = "T"\norder = ["nope"]\n')
    catalogue = catalogue_for([folder])
    assert catalogue.pack is None
    assert catalogue.get(GAZA) is not None
    assert catalogue.get("2024-03-22-us-draft") is not None
    (problem,) = catalogue.problems
    assert problem.path.name == PACK_FILE


def test_pack_toml_is_never_read_as_a_scenario(tmp_path: Path) -> None:
    """A plain load of a pack's folder passes over pack.toml, naming no problem for it."""
    catalogue = catalogue_for([])
    folder = make_pack(tmp_path / "p", GOOD_PACK)
    loaded = load_paths([folder], after=catalogue)
    assert not loaded.problems
    assert not loaded.ignored


def test_only_one_pack_opens_at_a_time(tmp_path: Path) -> None:
    """A second pack is read as a plain folder, and its pack.toml is named as not used."""
    first = make_pack(tmp_path / "a", GOOD_PACK)
    second = tmp_path / "b"
    second.mkdir()
    shutil.copy(bundled_dir() / "2024-03-22-us-draft.toml", second)
    (second / PACK_FILE).write_text('title = "Other"\n')
    catalogue = catalogue_for([first, second])
    assert catalogue.pack is not None and catalogue.pack.title == "A lesson"
    assert catalogue.get("2024-03-22-us-draft") is not None
    assert [p.path for p in catalogue.problems] == [second / PACK_FILE]


def _scenario(catalogue: Catalogue, scenario_id: str) -> Scenario:
    scenario = catalogue.get(scenario_id)
    assert scenario is not None
    return scenario


def test_predict_first_hides_a_record_until_the_prediction_is_locked(tmp_path: Path) -> None:
    """The record may be seen only once the scenario's id is among the locked predictions."""
    catalogue = load_pack(make_pack(tmp_path / "p", GOOD_PACK))
    gaza = _scenario(catalogue, GAZA)
    assert not record_may_be_seen(catalogue.pack, gaza, frozenset())
    assert record_may_be_seen(catalogue.pack, gaza, frozenset({GAZA}))


def test_what_cannot_be_predicted_is_never_hidden(tmp_path: Path) -> None:
    """A what-if has no record to predict, so predict_first asks nothing of it."""
    catalogue = load_pack(make_pack(tmp_path / "p", GOOD_PACK))
    assert record_may_be_seen(catalogue.pack, _scenario(catalogue, EXERCISE), frozenset())


def test_without_predict_first_or_outside_the_pack_records_show(tmp_path: Path) -> None:
    """No pack, a pack without predict_first, or a scenario not of the pack: always shown."""
    catalogue = load_pack(make_pack(tmp_path / "p", GOOD_PACK))
    gaza = _scenario(catalogue, GAZA)
    assert catalogue.pack is not None
    assert record_may_be_seen(None, gaza, frozenset())
    relaxed = Pack(catalogue.pack.folder, "T", scenario_ids=frozenset({GAZA}))
    assert record_may_be_seen(relaxed, gaza, frozenset())
    other = Pack(catalogue.pack.folder, "T", predict_first=True, scenario_ids=frozenset({"x"}))
    assert record_may_be_seen(other, gaza, frozenset())


def test_the_example_pack_validates() -> None:
    """docs/example-pack loads whole: three scenarios, in the pack's order, predict first."""
    catalogue = catalogue_for([EXAMPLE_PACK])
    assert not catalogue.problems, catalogue.problems
    assert catalogue.pack is not None and catalogue.pack.predict_first
    assert [s.id for s in catalogue.sections()] == list(catalogue.pack.order)
    assert len(catalogue) == 3
