"""The load benchmark's helpers (`bench/class_load.py`): its screen, its reading of a roll, and
how it follows a key to the store and to the chair's screen. Never its timings."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import class_load  # noqa: E402 (found in bench/, put on the path above)
from class_load import Cast, Screen, follow, shown_votes, vote_labels  # noqa: E402

from simulator.rules import Vote  # noqa: E402
from simulator.scenarios import load_catalogue  # noqa: E402

YES, NO, ABSTAIN, ABSENT = Vote.IN_FAVOUR, Vote.AGAINST, Vote.ABSTENTION, Vote.ABSENT


def test_screen_places_text_where_the_cursor_is_moved() -> None:
    """Text lands at `ESC[row;colH`, colours are read past, CR LF starts the next line."""
    screen = Screen(20, 4)
    screen.feed(b"\x1b[2;3H\x1b[38;5;253mab\x1b[0mc\r\nxy\x1b[1;1Hz")
    assert screen.lines() == ["z" + " " * 19, "  abc" + " " * 15, "xy" + " " * 18, " " * 20]


def test_screen_joins_a_sequence_split_between_two_reads() -> None:
    """A cursor move cut in two by the pty's reads still moves the cursor."""
    screen = Screen(10, 3)
    screen.feed(b"\x1b[3;")
    screen.feed(b"4Hhi")
    assert screen.lines()[2] == "   hi     "


def test_screen_joins_a_character_split_between_two_reads() -> None:
    """A character of several bytes cut in two by the pty's reads is read whole."""
    screen = Screen(4, 1)
    text = "★x".encode()
    screen.feed(text[:2])
    screen.feed(text[2:])
    assert screen.lines() == ["★x  "]


def test_screen_gives_a_wide_character_two_cells() -> None:
    """A double-width character takes two cells, so the text after it stays in its column."""
    screen = Screen(6, 1)
    screen.feed("\x1b[1;1H中ab".encode())
    assert screen.lines() == ["中ab  "]


def test_shown_votes_reads_each_member_row_of_a_roll() -> None:
    """The vote on each member's row, by the scenario's words; 'not yet' is no vote; a row not
    on screen is left out, and text beyond the roll's columns is not read."""
    scenario = load_catalogue().get(class_load.SCENARIO)
    assert scenario is not None
    labels = vote_labels(scenario)
    lines = [
        " DZA    Student 01            against    Against  1",
        " CHN ★  Student 02            not yet    In favour 0",
        " FRA ★  Student 04            in favour  ",
        " GBR ★  Student 14            abstention ",
    ]
    shown = shown_votes(lines, ["DZA", "CHN", "FRA", "GBR", "USA"], labels, 41)
    assert shown == {"DZA": NO, "CHN": None, "FRA": YES, "GBR": ABSTAIN}


def test_follow_matches_each_key_to_its_write_and_frame() -> None:
    """Each key's write is the one at its place; a frame shows the newest write of its vote, and
    the writes before it that no frame showed are superseded."""
    keys = [Cast(YES, 1.0), Cast(NO, 1.1), Cast(ABSTAIN, 1.2), Cast(ABSENT, 1.3)]
    writes = [Cast(YES, 1.01), Cast(NO, 1.12), Cast(ABSTAIN, 1.21), Cast(ABSENT, 1.35)]
    frames = [(1.05, YES), (1.15, YES), (1.25, ABSTAIN), (1.5, ABSENT)]
    reached = follow(keys, writes, frames)
    assert [round(t, 3) for _, t in reached.to_store] == [0.01, 0.02, 0.01, 0.05]
    assert [(k, round(total, 3), round(store, 3)) for k, total, store in reached.to_chair] == [
        (1.0, 0.05, 0.04),
        (1.2, 0.05, 0.04),
        (1.3, 0.2, 0.15),
    ]
    assert (reached.superseded, reached.never_shown, reached.keys_not_written) == (1, 0, False)


def test_follow_gives_a_repeated_vote_to_the_newest_write_shown() -> None:
    """A vote cast twice (yes, no, abstain, absent, yes) and shown once after the second yes is
    the second yes: what the screen shows then is the student's vote."""
    votes = [YES, NO, ABSTAIN, ABSENT, YES]
    keys = [Cast(v, 1.0 + i / 10) for i, v in enumerate(votes)]
    writes = [Cast(v, 1.01 + i / 10) for i, v in enumerate(votes)]
    reached = follow(keys, writes, [(1.0, None), (1.6, YES)])
    assert [round(k, 3) for k, _, _ in reached.to_chair] == [1.4]
    assert reached.superseded == 4


def test_follow_counts_the_keys_a_screen_has_not_written_yet() -> None:
    """Keys written in order up to a point: the rest are not written yet (a screen behind),
    which is not a key lost."""
    keys = [Cast(YES, 1.0), Cast(NO, 1.1), Cast(ABSTAIN, 1.2)]
    reached = follow(keys, [Cast(YES, 1.02)], [(1.05, YES)])
    assert (reached.keys_not_written, reached.unwritten, reached.never_shown) == (False, 2, 0)


def test_follow_counts_a_key_dropped_before_the_store() -> None:
    """A key whose vote never reached the store, between two that did, is counted as dropped,
    and the keys after it are still matched to their own writes."""
    keys = [Cast(YES, 1.0), Cast(NO, 1.1), Cast(ABSTAIN, 1.2)]
    writes = [Cast(YES, 1.01), Cast(ABSTAIN, 1.22)]
    reached = follow(keys, writes, [(1.3, ABSTAIN)])
    assert (reached.dropped, reached.unwritten, reached.keys_not_written) == (1, 0, False)
    assert [round(t, 3) for _, t in reached.to_store] == [0.01, 0.02]


def test_follow_says_when_the_store_has_a_vote_no_key_cast() -> None:
    """A write that no key cast, in order, is found (and the times are then the store's
    alone); a write no frame showed is counted as never shown."""
    keys = [Cast(YES, 1.0), Cast(NO, 1.1)]
    writes = [Cast(YES, 1.02), Cast(ABSTAIN, 1.12)]
    reached = follow(keys, writes, [(1.05, None)])
    assert reached.keys_not_written
    assert reached.never_shown == 2
    assert reached.to_chair == []


def test_follow_takes_a_last_write_the_screen_showed_already_as_standing() -> None:
    """yes, no, yes: the chair read no and the second yes together, so its screen, showing yes
    from the first, drew nothing after them. The last yes stands on the screen; the no was
    superseded. Without the screen's last vote (or with another), both were never shown."""
    keys = [Cast(YES, 1.0), Cast(NO, 1.1), Cast(YES, 1.2)]
    writes = [Cast(YES, 1.01), Cast(NO, 1.11), Cast(YES, 1.21)]
    frames = [(1.05, YES)]
    reached = follow(keys, writes, frames, YES)
    assert (reached.stood, reached.superseded, reached.never_shown) == (1, 1, 0)
    assert [round(k, 3) for k, _, _ in reached.to_chair] == [1.0]
    for final in ("not read", NO, None):
        reached = follow(keys, writes, frames, final)
        assert (reached.stood, reached.superseded, reached.never_shown) == (0, 0, 2)
