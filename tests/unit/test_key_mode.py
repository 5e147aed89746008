"""Letters typed into a list as if it were a box: the word is turned away as a whole, and a
pause gives the keys back to their commands."""

from __future__ import annotations

from textual import events

from cpchair.widgets.key_mode import WORD_GAP, StrayText


def key(char: str, at: float) -> events.Key:
    event = events.Key(char, char)
    event.time = at
    return event


def test_a_stray_letter_starts_a_word_whose_every_key_is_turned_away() -> None:
    stray = StrayText()
    assert not stray.swallows(key("D", 0.0))  # nothing stray yet: the key goes to its command
    assert stray.starts(key("D", 0.0))
    for i, char in enumerate("ad drinks", start=1):
        assert stray.swallows(key(char, i * 0.1)), char


def test_a_pause_or_a_key_that_is_not_a_letter_ends_the_word() -> None:
    stray = StrayText()
    stray.starts(key("D", 0.0))
    assert not stray.swallows(key("p", WORD_GAP + 0.01))
    stray.starts(key("D", 1.0))
    assert not stray.swallows(events.Key("enter", None))
    assert not stray.swallows(key("p", 1.1))  # the Enter ended it


def test_only_a_printable_key_starts_a_word() -> None:
    stray = StrayText()
    assert not stray.starts(events.Key("f9", None))
    assert not stray.swallows(key("p", 0.1))


def test_the_enter_that_ends_a_stray_line_is_turned_away_with_it() -> None:
    # Found trying it: a line typed into the register, Enter, and the next line typed into
    # the name of the person the Enter opened.
    stray = StrayText()
    stray.starts(key("c", 0.0))
    assert stray.swallows(key(":", 0.05))
    enter = events.Key("enter", None)
    enter.time = 0.1
    assert stray.swallows(enter)
    assert not stray.swallows(key("e", 0.15))  # a new word starts from its own first key
    later = events.Key("enter", None)
    later.time = 0.2
    assert not stray.swallows(later)  # no word: Enter is the list's again


def test_where_no_list_has_the_keyboard_the_enter_after_a_stray_word_keeps_its_meaning() -> None:
    stray = StrayText()
    stray.starts(key("t", 0.0))
    enter = events.Key("enter", None)
    enter.time = 0.05
    assert not stray.swallows(enter, in_a_list=False)  # the lock screen: Enter goes back
