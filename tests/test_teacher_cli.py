"""The teacher's commands: `validate` on a pack, `list` in a pack's order, and `new`."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenarios import PACK_FILE, load_file
from simulator.starter import LEFT_TO_FILL, write_new

EXAMPLE_PACK = Path(__file__).parent.parent / "docs" / "example-pack"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse's own exits (usage errors)
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def copy_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, folder)
    return folder


def test_validate_checks_a_pack_whole(capsys: pytest.CaptureFixture[str]) -> None:
    """The example pack: its three scenarios and its pack.toml, all valid."""
    status, out, _ = run(capsys, "validate", str(EXAMPLE_PACK))
    assert status == 0
    assert out == "4 files checked: 4 valid, 0 with problems\n"


def test_validate_names_problems_in_pack_toml_and_in_scenarios(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A bad key in pack.toml and a bad scenario file are each named; status 1."""
    folder = copy_pack(tmp_path)
    (folder / PACK_FILE).write_text('title = "T"\norder = ["missing-one"]\nextra = 1\n')
    (folder / "broken.toml").write_text('id = "broken"\n')
    status, out, _ = run(capsys, "validate", str(folder))
    assert status == 1
    lines = out.splitlines()
    assert any(line.startswith(f"{folder / PACK_FILE}: order[1]: 'missing-one'") for line in lines)
    assert any(line.startswith(f"{folder / PACK_FILE}: extra: unknown key") for line in lines)
    assert any(line.startswith(f"{folder / 'broken.toml'}: title: missing") for line in lines)
    assert lines[-1] == "5 files checked: 3 valid, 2 with problems"


def test_validate_on_pack_toml_checks_its_pack(capsys: pytest.CaptureFixture[str]) -> None:
    """Naming the pack.toml itself checks the pack, not a scenario file called pack.toml."""
    status, out, _ = run(capsys, "validate", str(EXAMPLE_PACK / PACK_FILE))
    assert status == 0
    assert out.startswith("4 files checked")


def test_list_follows_the_pack_order_and_leaves_out_the_bundled(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`list --scenarios PACK` shows the pack alone, in its order."""
    folder = copy_pack(tmp_path)
    order = tomllib.loads((folder / PACK_FILE).read_text())["order"]
    status, out, _ = run(capsys, "list", "--scenarios", str(folder))
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()] == order


def test_new_writes_a_template_that_validate_says_is_left_to_fill(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The template names its id and the Council; validate names each value left to fill."""
    status, out, _ = run(capsys, "new", "my-vote", "--dir", str(tmp_path))
    assert status == 0
    path = tmp_path / "my-vote.toml"
    assert out.startswith(f"Wrote {path}")
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["id"] == "my-vote"
    assert len(data["members"]) == 15
    assert sum(m["permanent"] for m in data["members"]) == 5
    status, out, _ = run(capsys, "validate", str(path))
    assert status == 1
    keys = [line.split(": ")[1] for line in out.splitlines()[:-1]]
    assert keys == list(LEFT_TO_FILL)


def test_a_filled_template_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Once the title, date, summary and source are written, the scenario loads."""
    run(capsys, "new", "my-vote", "--dir", str(tmp_path))
    path = tmp_path / "my-vote.toml"
    text = path.read_text("utf-8")
    for key, value in [("title", '"T"'), ("summary", '"S"'), ("source", '"UN"')]:
        text = text.replace(f'{key} = ""', f"{key} = {value}", 1)
    path.write_text(text.replace('date = "YYYY-MM-DD"', "date = 2024-06-01"), "utf-8")
    assert load_file(path).id == "my-vote"


def test_new_from_copies_a_bundled_scenario_under_the_new_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--from ID: the same scenario, record and all, under the new id."""
    status, _, _ = run(
        capsys, "new", "copy", "--from", "2024-03-22-us-draft", "--dir", str(tmp_path)
    )
    assert status == 0
    copy = load_file(tmp_path / "copy.toml")
    assert copy.id == "copy"
    assert copy.title == "US draft: ceasefire tied to release of hostages"
    assert copy.record is not None and copy.record.outcome.value == "vetoed"


def test_new_from_copies_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--from FILE copies that file, whatever its id."""
    source = EXAMPLE_PACK / "example-2024-03-22-us-draft.toml"
    status, _, _ = run(capsys, "new", "again", "--from", str(source), "--dir", str(tmp_path))
    assert status == 0
    assert load_file(tmp_path / "again.toml").id == "again"


def test_new_never_overwrites(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An existing file is left as it was: status 1, one line, and no stray file."""
    path = tmp_path / "taken.toml"
    path.write_text("mine\n")
    status, out, err = run(capsys, "new", "taken", "--dir", str(tmp_path))
    assert status == 1
    assert out == ""
    assert len(err.splitlines()) == 1 and "already exists" in err
    assert path.read_text() == "mine\n"
    assert sorted(os.listdir(tmp_path)) == ["taken.toml"]


def test_write_new_does_not_replace_a_file_that_appears_meanwhile(tmp_path: Path) -> None:
    """The name is claimed only at the end, and only if still free."""
    path = tmp_path / "late.toml"
    path.write_text("arrived first\n")
    with pytest.raises(FileExistsError):
        write_new(path, "ours\n")
    assert path.read_text() == "arrived first\n"
    assert os.listdir(tmp_path) == ["late.toml"]


@pytest.mark.parametrize("bad", ["Capital", "with space", "_under-first", ".dot-first", "a/b", "é"])
def test_new_refuses_a_bad_id(capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: str) -> None:
    """An id the loader would refuse is a usage error: status 2, nothing written."""
    status, _, err = run(capsys, "new", bad, "--dir", str(tmp_path))
    assert status == 2
    assert "is not a scenario id" in err
    assert os.listdir(tmp_path) == []


def test_new_into_a_missing_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--dir that does not exist: status 2, one line."""
    status, _, err = run(capsys, "new", "x", "--dir", str(tmp_path / "nope"))
    assert status == 2
    assert err.strip().endswith("no such folder")


def test_new_from_an_unknown_scenario_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--from an id that is not in the list: status 2, nothing written."""
    status, _, err = run(capsys, "new", "x", "--from", "no-such-id", "--dir", str(tmp_path))
    assert status == 2
    assert "unknown scenario" in err
    assert os.listdir(tmp_path) == []


def test_new_writes_in_the_current_folder_by_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --dir, the file goes where the command was run."""
    monkeypatch.chdir(tmp_path)
    status, _, _ = run(capsys, "new", "here")
    assert status == 0
    assert (tmp_path / "here.toml").is_file()
