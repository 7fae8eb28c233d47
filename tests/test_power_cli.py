"""`council-sim power`: each member's power for a scenario's Council or for the Assembly, as a
table for people and as JSON with exact fractions, and its errors."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main

UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"
RESOLUTION_2728 = "2024-03-25-resolution-2728"
RESOLUTION_84 = "1950-07-07-resolution-84"
RESOLUTION_2623 = "2022-02-27-resolution-2623"
STATEMENTS = "2021-05-17-press-statements"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse's own exits (--help, usage errors)
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, err = run(capsys, "power", *argv, "--json")
    assert (status, err) == (0, "")
    return json.loads(out)


def by_code(result: Any, key: str) -> dict[str, Fraction]:
    """Each member's `key`, read back from its string as an exact fraction."""
    return {entry["code"]: Fraction(entry[key]) for entry in result["indices"]}


def test_power_json_has_the_contracted_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's shape: `indices`, each with code and the three fractions as strings, and a
    decimal beside each."""
    result = run_json(capsys, RESOLUTION_2728)
    entry = result["indices"][0]
    assert list(entry) == [
        "code",
        "shapley_shubik",
        "banzhaf",
        "banzhaf_absolute",
        "shapley_shubik_decimal",
        "banzhaf_decimal",
        "banzhaf_absolute_decimal",
    ]
    assert all(isinstance(entry[key], str) for key in list(entry)[:4])
    assert entry["shapley_shubik_decimal"] == pytest.approx(
        float(Fraction(entry["shapley_shubik"]))
    )
    assert (result["scenario"], result["decision"], result["quota"]) == (
        RESOLUTION_2728,
        "substantive",
        9,
    )
    assert result["vetoes"] == ["CHN", "FRA", "RUS", "GBR", "USA"]


def test_power_json_of_todays_council_is_exact(capsys: pytest.CaptureFixture[str]) -> None:
    """Each permanent member holds exactly 421/2145 (Shapley-Shubik), each elected one 4/2145."""
    result = run_json(capsys, RESOLUTION_2728)
    shapley = {e["code"]: e["shapley_shubik"] for e in result["indices"]}
    assert len(shapley) == 15
    assert {shapley[code] for code in result["vetoes"]} == {"421/2145"}
    assert {v for c, v in shapley.items() if c not in result["vetoes"]} == {"4/2145"}
    banzhaf = by_code(result, "banzhaf")
    assert (banzhaf["USA"], banzhaf["DZA"]) == (Fraction(106, 635), Fraction(21, 1270))
    assert sum(banzhaf.values()) == 1
    assert by_code(result, "banzhaf_absolute")["USA"] == Fraction(53, 1024)


def test_power_of_the_council_of_1945(capsys: pytest.CaptureFixture[str]) -> None:
    """Resolution 84's Council of eleven: 76/385 for each permanent member, 1/462 for the rest."""
    result = run_json(capsys, RESOLUTION_84)
    shapley = by_code(result, "shapley_shubik")
    assert (result["rules"], result["quota"], len(shapley)) == ("charter-1945", 7, 11)
    assert (shapley["SUN"], shapley["YUG"]) == (Fraction(76, 385), Fraction(1, 462))


@pytest.mark.parametrize("scenario", [RESOLUTION_2623, STATEMENTS])
def test_without_the_veto_of_the_five_every_member_weighs_the_same(
    capsys: pytest.CaptureFixture[str], scenario: str
) -> None:
    """A procedural vote (no veto) and a press statement (anyone can block it): 1/15 each."""
    result = run_json(capsys, scenario)
    assert set(by_code(result, "shapley_shubik").values()) == {Fraction(1, 15)}
    assert set(by_code(result, "banzhaf").values()) == {Fraction(1, 15)}


def test_decision_counts_the_power_under_another_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """--decision procedural on resolution 2728: the veto goes, and every member holds 1/15."""
    result = run_json(capsys, RESOLUTION_2728, "--decision", "procedural")
    assert (result["decision"], result["vetoes"]) == ("procedural", [])
    assert set(by_code(result, "shapley_shubik").values()) == {Fraction(1, 15)}


def test_the_power_table_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    """The text: the rule that applies, in the Charter's terms, and a row per member with its
    Shapley-Shubik index as a percentage and a fraction, and its Banzhaf index."""
    status, out, err = run(capsys, "power", RESOLUTION_2728)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Resolution 2728 from the ten elected members (2024-03-25, substantive)"
    assert " ".join(lines[1:3]) == (
        "Substantive decision under Article 27(3): nine votes including the five permanent members."
    )
    assert lines[-1].split() == ["United", "States", "19.63%", "421/2145", "16.69%"]
    assert lines[-15].split() == ["Algeria", "0.19%", "4/2145", "1.65%"]
    assert lines[-16].split() == ["member", "Shapley-Shubik", "Banzhaf"]
    assert max(len(line) for line in lines) <= 80


def test_a_party_to_the_dispute_is_named_and_holds_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two parties must abstain (Art. 27(3)): the text says so, and their power is 0."""
    extra = ("--scenarios", str(UI_FIXTURES))
    status, out, _ = run(capsys, "power", "exercise-border-dispute", *extra)
    assert status == 0
    assert (
        "Guyana and Sierra Leone are parties to the dispute and must abstain (Article 27(3)), "
        "so they hold no power."
    ) in " ".join(out.split())
    shapley = by_code(run_json(capsys, "exercise-border-dispute", *extra), "shapley_shubik")
    assert shapley["GUY"] == shapley["SLE"] == 0
    assert sum(shapley.values()) == 1


def test_a_scenario_given_by_its_file(capsys: pytest.CaptureFixture[str]) -> None:
    """SCENARIO can be a .toml file, as for `vote`."""
    path = UI_FIXTURES / "2024-03-22-gaza-ceasefire.toml"
    result = run_json(capsys, str(path))
    assert by_code(result, "shapley_shubik")["USA"] == Fraction(421, 2145)


@pytest.mark.parametrize(
    ("two_thirds", "quota"), [(False, 97), (True, 129)], ids=["majority", "two-thirds"]
)
def test_the_assembly_in_json(
    capsys: pytest.CaptureFixture[str], two_thirds: bool, quota: int
) -> None:
    """--assembly: 193 members alike, 1/193 each, and a member's swings exactly as counted."""
    argv = ["--assembly", "--two-thirds"] if two_thirds else ["--assembly"]
    result = run_json(capsys, *argv)
    assert (result["members"], result["quota"], len(result["indices"])) == (193, quota, 193)
    assert result["majority"] == ("two-thirds" if two_thirds else "simple")
    assert set(by_code(result, "shapley_shubik").values()) == {Fraction(1, 193)}
    assert set(by_code(result, "banzhaf_absolute").values()) == {
        Fraction(math.comb(192, quota - 1), 2**192)
    }
    codes = [entry["code"] for entry in result["indices"]]
    assert len(set(codes)) == 193 and "USA" in codes and "TUV" in codes  # each member by its code
    assert {"code": "USA", "name": "United States"}.items() <= by_entry(result, "USA").items()


def by_entry(result: dict[str, Any], code: str) -> dict[str, Any]:
    return next(entry for entry in result["indices"] if entry["code"] == code)


def test_the_assembly_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    """The text says 193 members, 1/193 each, the votes needed, and that abstainers do not count."""
    status, out, err = run(capsys, "power", "--assembly", "--two-thirds")
    assert (status, err) == (0, "")
    text = " ".join(out.split())
    assert text.startswith("The General Assembly: 193 members, one vote each (Article 18(1)).")
    assert "here 129 of the 193" in text
    assert "Each member holds 1/193 of the power (0.52%)" in text
    assert "about 1 in 865,190 of the ways the others can vote" in text
    assert "an abstaining member counts as not voting" in text


def test_a_power_command_that_cannot_be_answered_prints_nothing_else(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A scenario and --assembly both: status 2, one line on stderr (its words are pinned in
    test_messages), and nothing on stdout."""
    status, out, err = run(capsys, "power", RESOLUTION_2728, "--assembly")
    assert (status, out, len(err.splitlines())) == (2, "", 1)


def test_power_on_an_assembly_scenario_points_to_the_assembly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The bundled Assembly scenario is no Council: one line says where its power is found."""
    status, out, err = run(capsys, "power", "2021-05-20-assembly-hypothetical")
    assert (status, out) == (2, "")
    assert err == (
        "council-sim: error: '2021-05-20-assembly-hypothetical' is a General Assembly scenario, "
        "where every member weighs the same: see 'council-sim power --assembly' (with "
        "--two-thirds for an important question)\n"
    )
