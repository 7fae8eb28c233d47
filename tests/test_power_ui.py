"""The power screen: v on the vote shows each member's share of the power to decide, beside the
Councils of 1945 and today; its example of an abstention that is no veto is checked with the
rules, and the screen opens, scrolls and closes at any size."""

from __future__ import annotations

import re
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from simulator.packs import catalogue_for
from simulator.power import council_of, council_power
from simulator.rules import Ballot, Decision, Member, Reason, RuleSet, Vote
from simulator.scenarios import PACK_FILE, Catalogue, Scenario, bundled_dir, load_catalogue
from simulator.ui.app import CouncilApp
from simulator.ui.power import (
    ANY_DRAFT,
    EXAMPLE_ID,
    LEFT_OUT,
    Enlargement,
    PowerScreen,
    PowerTable,
    bar,
    exact_words,
    example_words,
    no_veto_member,
    percent,
    power_rows,
)
from simulator.ui.screens import HELP, StatementScreen, VoteScreen
from simulator.ui.widgets import ReadingPane

CATALOGUE = load_catalogue()
SIZE = (80, 24)
PROCEDURAL = "2022-02-27-resolution-2623"
STATEMENT = "2021-05-17-press-statements"
RESOLUTION_84 = "1950-07-07-resolution-84"
RESOLUTION_2712 = "2023-11-15-resolution-2712"
US_DRAFT = "2024-03-22-us-draft"
GAZA = "2024-gaza-ceasefire"
EXERCISE = "exercise-border-dispute"


def bundled(scenario_id: str) -> Scenario:
    scenario = CATALOGUE.get(scenario_id)
    assert scenario is not None, scenario_id
    return scenario


def power_screen(app: App[Any]) -> PowerScreen:
    screen = app.screen
    assert isinstance(screen, PowerScreen), f"expected the power screen, not {screen!r}"
    return screen


def vote_screen(app: App[Any]) -> VoteScreen:
    screen = app.screen
    assert isinstance(screen, VoteScreen), f"expected the vote screen, not {screen!r}"
    return screen


def table_text(screen: PowerScreen, table_id: str) -> str:
    return screen.query_one(f"#{table_id}", PowerTable).plain


def line_of(text: str, label: str) -> str:
    """The line of a table that starts with this label."""
    return next(line for line in text.splitlines() if line.startswith(label))


# --- The words and figures, from the core ------------------------------------------------------


def test_the_example_of_resolution_2728_holds() -> None:
    """The bundled resolution 2728 was adopted while the United States abstained; its vote
    against would have been a veto, as the example says."""
    scenario = bundled(EXAMPLE_ID)
    recorded = scenario.recorded_ballot()
    assert recorded.verdict.reason is Reason.ADOPTED
    assert recorded.vote_of(recorded.member("USA")) is Vote.ABSTENTION
    assert recorded.cast("USA", Vote.AGAINST).verdict.reason is Reason.VETOED
    assert no_veto_member(scenario) == recorded.member("USA")
    assert example_words(None, scenario) == (
        "Try it: on 25 March 2024 the United States abstained on “Resolution 2728 from the ten "
        "elected members”, and the draft was adopted. Open it from the list of scenarios, press "
        "h for the vote as recorded, move to the United States and press n (against): the draft "
        "is vetoed."
    )


@pytest.mark.parametrize(
    ("scenario_id", "code", "words"),
    [
        (
            RESOLUTION_2712,
            "RUS",
            "Try it on this vote: the Russian Federation abstained, and the draft was adopted. "
            "Close this screen (escape), press h for the vote as recorded, move to the Russian "
            "Federation and press n (against): the draft is vetoed.",
        ),
        (
            RESOLUTION_84,
            "SUN",
            "Try it on this vote: the Soviet Union stayed away, and the draft was adopted. Close "
            "this screen (escape), press h for the vote as recorded, move to the Soviet Union and "
            "press n (against): the draft is vetoed.",
        ),
    ],
    ids=["an abstention", "an absence"],
)
def test_the_example_is_the_vote_at_hand_where_it_shows_it(
    scenario_id: str, code: str, words: str
) -> None:
    """A permanent member that abstained on, or stayed away from, an adopted draft: its vote
    against would have vetoed it, and the example says so of this very vote."""
    scenario = bundled(scenario_id)
    recorded = scenario.recorded_ballot()
    assert recorded.verdict.adopted
    assert recorded.cast(code, Vote.AGAINST).verdict.reason is Reason.VETOED
    assert example_words(scenario, bundled(EXAMPLE_ID)) == words


@pytest.mark.parametrize("scenario_id", [US_DRAFT, PROCEDURAL, STATEMENT, "2021-05-french-draft"])
def test_a_vote_that_does_not_show_it_points_to_resolution_2728(scenario_id: str) -> None:
    """Vetoed, procedural, a statement, never voted: no example here, so resolution 2728's."""
    scenario = bundled(scenario_id)
    assert no_veto_member(scenario) is None
    assert example_words(scenario, bundled(EXAMPLE_ID)).startswith("Try it: on 25 March 2024")
    assert example_words(scenario, None) == ANY_DRAFT


@pytest.mark.parametrize("rules", list(RuleSet), ids=[r.value for r in RuleSet])
def test_the_example_on_any_draft_holds_under_either_charter(rules: RuleSet) -> None:
    """Nine in favour, a permanent member abstaining, the rest absent: adopted; that member
    against instead: vetoed, in the Council of 1945 as today."""
    members = council_of(rules)
    abstaining, others = members[0], members[1:]
    votes = {m.code: Vote.IN_FAVOUR for m in others[:9]}
    votes |= {m.code: Vote.ABSENT for m in others[9:]}
    ballot = (
        Ballot.open(members, rules=rules).cast_all(votes).cast(abstaining.code, Vote.ABSTENTION)
    )
    assert ballot.verdict.reason is Reason.ADOPTED
    assert ballot.cast(abstaining.code, Vote.AGAINST).verdict.reason is Reason.VETOED
    assert "nine members in favour (y)" in ANY_DRAFT


def test_what_is_left_out_credits_the_court_with_abstention_only() -> None:
    """The Namibia opinion (1971) concerned abstention; absence rests on practice alone."""
    sentences = re.split(r"(?<=[.:])\s+", LEFT_OUT)
    court = [s for s in sentences if "Court of Justice" in s]
    assert court and all("absence" not in s for s in court)
    assert "practice alone since 1950" in LEFT_OUT
    assert "yes or no" in LEFT_OUT


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (Fraction(421, 2145), "19.63%"),
        (Fraction(4, 2145), "0.19%"),
        (Fraction(76, 385), "19.74%"),
        (Fraction(1, 4), "25%"),
        (Fraction(0), "0%"),
    ],
)
def test_a_share_as_a_percentage(share: Fraction, shown: str) -> None:
    """Two decimals, enough to tell 1945 from today; a whole percentage without them."""
    assert percent(share) == shown


@pytest.mark.parametrize(
    ("share", "drawn"),
    [
        (Fraction(0), ""),
        (Fraction(1, 100_000), "▏"),
        (Fraction(1, 8), "█████"),
        (Fraction(1, 4), "█" * 10),
        (Fraction(1, 2), "█" * 10),
        (Fraction(421, 2145), "███████▉"),
    ],
    ids=["none", "tiny", "half", "full", "over", "permanent"],
)
def test_a_share_as_a_bar(share: Fraction, drawn: str) -> None:
    """Ten cells for a quarter of the power, in eighths: nothing for none, at least an eighth
    for any share, and never beyond the width."""
    assert bar(share, Fraction(1, 4), 10) == drawn


def test_the_rows_of_todays_council() -> None:
    """The five permanent members by name at 421/2145, then one row for the ten elected members
    at 4/2145, naming each of them."""
    scenario = bundled(EXAMPLE_ID)
    rows = power_rows(council_power(scenario.members, scenario.decision, scenario.rules))
    assert [row.label for row in rows] == [
        "China",
        "France",
        "Russian Federation",
        "United Kingdom",
        "United States",
        "each elected member",
    ]
    assert {row.power.shapley_shubik for row in rows[:5]} == {Fraction(421, 2145)}
    assert rows[5].power.shapley_shubik == Fraction(4, 2145)
    assert len(rows[5].members) == 10
    assert rows[5].names.startswith("Algeria, Ecuador, Guyana")


def test_the_rows_of_a_council_with_parties(ui_catalogue: Catalogue) -> None:
    """Parties to the dispute hold nothing: a row of their own, apart from the other elected."""
    scenario = ui_catalogue.get(EXERCISE)
    assert scenario is not None
    rows = power_rows(council_power(scenario.members, scenario.decision, scenario.rules))
    assert [row.label for row in rows[5:]] == ["each elected member", "each party to the dispute"]
    assert rows[6].power.shapley_shubik == 0
    assert {m.code for m in rows[6].members} == {
        m.code for m in scenario.members if m.party_to_dispute
    }


def test_the_exact_shares_in_words() -> None:
    """Today's Council: each share once, as a fraction, the permanent members first."""
    powers = council_power(
        council_of(RuleSet.CHARTER_1965), Decision.SUBSTANTIVE, RuleSet.CHARTER_1965
    )
    assert exact_words(powers) == (
        "Each permanent member holds exactly 421/2145 of the power by Shapley-Shubik and 106/635 "
        "by Banzhaf; each elected member, 4/2145 and 21/1270."
    )
    procedure = council_power(
        council_of(RuleSet.CHARTER_1965), Decision.PROCEDURAL, RuleSet.CHARTER_1965
    )
    assert exact_words(procedure) == (
        "Every member holds exactly 1/15 of the power by Shapley-Shubik and 1/15 by Banzhaf."
    )


def test_the_enlargement_in_words() -> None:
    """Eleven members to fifteen: the five held 98.70% and hold 98.14% (Shapley-Shubik)."""
    enlargement = Enlargement.counted()
    assert (len(enlargement.before), len(enlargement.after)) == (11, 15)
    assert enlargement.words() == (
        "The amendment in force since 31 August 1965 enlarged the Council from eleven members "
        "to fifteen, and the votes needed from seven to nine; the veto stayed. Together, the "
        "five permanent members held 98.70% of the power by Shapley-Shubik and hold 98.14% "
        "today; by Banzhaf, 90.48% and 83.46%. The elected members share the rest, six of them "
        "then and ten now: each elected member held 0.22% and holds 0.19% (Shapley-Shubik), "
        "1.59% and 1.65% (Banzhaf)."
    )


def test_the_help_names_the_v_key() -> None:
    """The help's table of keys has v on the vote, and says what the indices leave out."""
    assert "| v | on the vote: each member's voting power" in HELP
    assert "**Voting power** (v)" in HELP
    assert "abstention is no veto" in HELP


# --- The screen --------------------------------------------------------------------------------


async def test_v_opens_the_power_of_a_2024_council() -> None:
    """On resolution 2728, v: China holds 421/2145, shown as 19.63%, in view without scrolling;
    v again closes it."""
    app = CouncilApp(CATALOGUE, scenario_id=EXAMPLE_ID)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        assert "v" in screen.active_bindings
        await pilot.press("v")
        power = power_screen(app)
        china = next(p for p in power.powers if p.member.code == "CHN")
        assert china.power.shapley_shubik == Fraction(421, 2145)
        text = table_text(power, "power-table")
        assert line_of(text, "China").split()[1] == "19.63%"
        assert line_of(text, "each elected member").split()[3:] == ["0.19%", "▏", "1.65%", "█"]
        assert "Algeria" in text
        pane = power.query_one("#power-text", ReadingPane)
        table = power.query_one("#power-table", PowerTable)
        assert pane.scroll_y == 0
        assert table.region.height == len(text.splitlines())
        assert pane.content_region.contains_region(table.region)
        exact = power.query_one("#power-exact", Static)
        assert "421/2145" in str(exact.render())
        await pilot.press("v")
        assert app.screen is screen


async def test_the_council_of_1945_beside_todays() -> None:
    """The 1945 table stands for eleven members, with 19.74% and 0.22%; today's for fifteen."""
    app = CouncilApp(CATALOGUE, scenario_id=EXAMPLE_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        power = power_screen(app)
        then = power.query_one("#power-1945", PowerTable)
        assert sum(len(row.members) for row in then.rows) == 11
        assert [len(row.members) for row in then.rows] == [5, 6]
        text = then.plain
        assert line_of(text, "each permanent member").split()[3] == "19.74%"
        assert line_of(text, "each elected member").split()[3] == "0.22%"
        today = power.query_one("#power-today", PowerTable)
        assert [len(row.members) for row in today.rows] == [5, 10]
        assert line_of(today.plain, "each permanent member").split()[3] == "19.63%"


async def test_a_procedural_vote_weighs_every_member_the_same() -> None:
    """Resolution 2623: no veto, so each of the fifteen holds 1/15, 6.67% by both indices."""
    app = CouncilApp(CATALOGUE, scenario_id=PROCEDURAL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        power = power_screen(app)
        assert {p.power.shapley_shubik for p in power.powers} == {Fraction(1, 15)}
        assert {p.power.banzhaf for p in power.powers} == {Fraction(1, 15)}
        rows = [line for line in table_text(power, "power-table").splitlines()[1:] if "%" in line]
        assert len(rows) == 6
        assert all(line.count("6.67%") == 2 for line in rows)
        rule = str(power.query_one("#power-rule", Static).render())
        assert rule.startswith("Procedural decision under Article 27(2)")


async def test_a_statement_opens_its_power_too() -> None:
    """The blocked press statements: every member can block, so every member weighs the same."""
    app = CouncilApp(CATALOGUE, scenario_id=STATEMENT)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("v")
        power = power_screen(app)
        assert {p.power.shapley_shubik for p in power.powers} == {Fraction(1, 15)}
        assert str(power.query_one("#power-rule", Static).render()).startswith("Press statement")
        example = str(power.query_one("#power-example", Static).render())
        assert example.startswith("Try it: on 25 March 2024")
        await pilot.press("escape")
        assert isinstance(app.screen, StatementScreen)


async def test_escape_returns_to_the_vote_as_it_was(ui_catalogue: Catalogue) -> None:
    """Votes set, v, escape: the same votes, the cursor where it was, nothing undone."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"yynay")
        screen = vote_screen(app)
        ballot, row = screen.ballot, screen.members_table.cursor_row
        await pilot.press("v", "pagedown", "end")
        assert power_screen(app).query_one("#power-text", ReadingPane).scroll_y > 0
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.ballot is ballot
        assert screen.members_table.cursor_row == row
        assert screen.verdict.counts.yes == 3


async def test_the_palette_offers_voting_power(ui_catalogue: Catalogue) -> None:
    """'Voting power' is a command on the vote screen, and it opens the power screen."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        screen = vote_screen(app)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        assert commands["Voting power"].help.endswith("(v)")
        commands["Voting power"].callback()
        await pilot.pause()
        assert power_screen(app).scenario.id == GAZA
        await pilot.press("escape", "ctrl+p", *"voting power")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert power_screen(app).scenario is screen.scenario


async def test_a_council_without_resolution_2728_gets_the_example_on_any_draft(
    ui_catalogue: Catalogue,
) -> None:
    """The UI fixtures have no resolution 2728, and their vote was vetoed: the example any
    draft can show."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        example = power_screen(app).query_one("#power-example", Static)
        assert str(example.render()) == ANY_DRAFT


async def test_a_pack_that_asks_for_predictions_first_gives_no_record_away(
    tmp_path: Path,
) -> None:
    """Resolution 2728 in a pack that asks for a prediction first: until it is predicted, the
    example tells nothing of its vote; the powers are the same, as they tell nothing either."""
    pack = tmp_path / "pack"
    pack.mkdir()
    shutil.copy(bundled_dir() / f"{EXAMPLE_ID}.toml", pack)
    (pack / PACK_FILE).write_text('title = "Lesson"\npredict_first = true\n', "utf-8")
    catalogue = catalogue_for([pack])
    assert catalogue.pack is not None, catalogue.problems
    app = CouncilApp(catalogue, scenario_id=EXAMPLE_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        power = power_screen(app)
        assert str(power.query_one("#power-example", Static).render()) == ANY_DRAFT
        china = next(p for p in power.powers if p.member.code == "CHN")
        assert china.power.shapley_shubik == Fraction(421, 2145)


async def test_it_looks_fine_at_120_by_40() -> None:
    """At 120x40 the box is at most 100 wide, the bars longer, the tables and the words on the
    enlargement in view."""
    app = CouncilApp(CATALOGUE, scenario_id=EXAMPLE_ID)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        power = power_screen(app)
        pane = power.query_one("#power-text", ReadingPane)
        assert pane.region.width == 100
        for table_id in ("power-table", "power-1945"):
            table = power.query_one(f"#{table_id}", PowerTable)
            assert pane.content_region.contains_region(table.region)
        china = line_of(table_text(power, "power-table"), "China")
        assert china.count("█") > 30  # two bars, longer than at 80 columns


@pytest.mark.parametrize("size", [(20, 6), (10, 3), (1, 1)])
async def test_tiny_terminals_do_not_crash_the_power_screen(
    ui_catalogue: Catalogue, size: tuple[int, int]
) -> None:
    """The screen opens, scrolls and closes in a terminal far too small for it."""
    app = CouncilApp(ui_catalogue, scenario_id=GAZA)
    async with app.run_test(size=size) as pilot:
        await pilot.press("y", "v", "pagedown", "end", "pageup", "down", "home")
        assert power_screen(app).powers[0].member.code == "DZA"
        await pilot.press("escape", "v", "v")
        assert vote_screen(app).verdict.counts.yes == 1


def test_a_member_with_a_long_name_fits_its_column() -> None:
    """A name longer than the column is given in its short form, never run into the figures."""
    members = (
        *council_of(RuleSet.CHARTER_1945)[:10],
        Member(
            "VCT",
            "Saint Vincent and the Grenadines",
            short_name="St Vincent/Grenadines",
            party_to_dispute=True,
        ),
    )
    rows = power_rows(council_power(members, Decision.SUBSTANTIVE, RuleSet.CHARTER_1945))
    assert rows[-1].members == (members[-1],)  # the party alone holds nothing
    lines = [line.plain for line in PowerTable(rows).lines(75)]
    assert line_of("\n".join(lines), "St Vincent/Grenadines").split()[-2:] == ["0%", "0%"]
    assert all(len(line) <= 75 for line in lines)
