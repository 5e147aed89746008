"""`cpchair export REF -f ics`: the conference's dates as a calendar file, read back with the
`icalendar` library; titles carry the reference alone, and no name of the case is anywhere."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import icalendar
import pytest

REF = "DEMO-0001"


def _write(tmp_path: Path, data: dict[str, Any], name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def demo(run, tmp_path: Path, demo_data: dict[str, Any]) -> dict[str, Any]:
    assert run("import", str(_write(tmp_path, demo_data))).exit_code == 0
    return demo_data


def _events(data: bytes) -> dict[str, tuple[dt.date, str, str, str]]:
    """title -> (day, description, uid), every event of the file."""
    cal = icalendar.Calendar.from_ical(data)
    out = {}
    for event in cal.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert type(start) is dt.date, "an all-day event: a DATE, not a DATE-TIME"
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert event.get("DTSTAMP") is not None
        title = str(event["SUMMARY"])
        assert title not in out, f"two events titled {title!r}"
        out[title] = (start, str(event["DESCRIPTION"]), str(event["UID"]), str(event["DTSTAMP"]))
    return out


def _export(run, tmp_path: Path, *args: str, name: str = "dates.ics") -> bytes:
    out = tmp_path / name
    result = run("export", REF, "-f", "ics", "-o", str(out), "--force", *args)
    assert result.exit_code == 0, result.output
    assert (out.stat().st_mode & 0o777) == 0o600
    return out.read_bytes()


def _timescales(run, *args: str) -> dict[str, str]:
    result = run("timescales", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_review_conference_dates_are_the_timescales_dates(run, tmp_path, demo) -> None:
    review = demo["conferences"][-1]  # the latest: the prepared review, 2026-11-26
    unborn = next(c for c in demo["children"] if c["date_of_birth"] is None)
    due = _timescales(run, "review", review["date"], "--birth", unborn["expected_birth_date"])
    events = _events(_export(run, tmp_path))
    days = {title: e[0].isoformat() for title, e in events.items()}
    assert days == {
        f"{REF}: review conference": review["date"],
        f"{REF}: reports due": due["reports_due"],
        f"{REF}: first core group due": due["first_core_group"],  # the plan sets none yet
        f"{REF}: next review conference due": due["next_review"],
        f"{REF}: record due to the family": due["record_due"],  # england: the same day
    }
    assert "first_cp_visit" not in due  # after a review no first visit is due, nor shown
    for title, (_day, description, _uid, _stamp) in events.items():
        assert title.startswith(f"{REF}: ")
        assert description  # the rule behind the date


def test_an_earlier_conference_is_chosen_by_date_and_its_plan_dates_are_the_set_ones(
    run, tmp_path, demo
) -> None:
    initial = demo["conferences"][0]  # concluded, its plan set the first core group
    events = _events(_export(run, tmp_path, "--conference", initial["date"]))
    due = _timescales(run, "initial", initial["date"])
    days = {title: e[0].isoformat() for title, e in events.items()}
    assert days[f"{REF}: initial conference"] == initial["date"]
    assert days[f"{REF}: first core group"] == initial["plan"]["first_core_group"]
    assert days[f"{REF}: reports due"] == due["reports_due"]
    visit = initial["plan"].get("first_visit")
    if visit:
        assert days[f"{REF}: first child protection visit"] == visit
    else:
        assert days[f"{REF}: first child protection visit due"] == due["first_cp_visit"]
    review = initial["plan"].get("review_conference")
    key = f"{REF}: next review conference" + ("" if review else " due")
    assert days[key] == (review or due["next_review"])


def _names(data: dict[str, Any]) -> set[str]:
    """Every name and every word of a name in the case: children, family, attendees, the
    lead social worker, the chair, the minute-taker, the family's label."""
    names = {data["family_name"], data["lead_social_worker"]["name"]}
    for child in data["children"]:
        names |= {child["first_name"], child["last_name"]}
    names |= {p["name"] for p in data["people"]}
    for conf in data["conferences"]:
        names |= {conf["chair"], conf.get("minute_taker") or ""}
        names |= {a["name"] for a in conf["attendees"]}
    words = {w for n in names for w in n.split() if len(w) > 2 and w not in {"Dr", "DC"}}
    return (names | words) - {""}


def test_no_name_of_the_case_is_anywhere_in_the_file(run, tmp_path, demo) -> None:
    for conf in demo["conferences"]:
        raw = _export(run, tmp_path, "--conference", conf["date"])
        text = raw.decode("utf-8").replace("\r\n ", "")  # unfolded
        for name in _names(demo):
            assert not re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE), name
        if conf.get("venue"):
            assert conf["venue"] not in text


def test_uids_are_stable_so_a_second_import_updates(run, tmp_path, demo) -> None:
    first = _events(_export(run, tmp_path))
    again = _events(_export(run, tmp_path, name="again.ics"))
    assert {t: e[2] for t, e in first.items()} == {t: e[2] for t, e in again.items()}
    assert len({e[2] for e in first.values()}) == len(first)  # one UID a date

    # The plan sets the first core group: the same event moves (same UID), no second one.
    review = demo["conferences"][-1]
    review["plan"] = review.get("plan") or {}
    review["plan"]["first_core_group"] = "2026-12-14"
    result = run("import", "--replace", str(_write(tmp_path, demo, "changed.json")))
    assert result.exit_code == 0, result.output
    moved = _events(_export(run, tmp_path, name="moved.ics"))
    old = first[f"{REF}: first core group due"]
    new = moved[f"{REF}: first core group"]
    assert new[0] == dt.date(2026, 12, 14) and new[2] == old[2]
    assert f"{REF}: first core group due" not in moved


def test_stdout_gets_the_file_as_it_is_crlf_and_folded(run, demo) -> None:
    result = run("export", REF, "-f", "ics")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)  # every line ends CRLF
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long descriptions are folded
    assert _events(data)


ONLY_DOCUMENTS = "--document, --family-copy and --for apply to md, html, docx and pdf"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("-d", "record"), 2, ONLY_DOCUMENTS),
        (("--family-copy",), 2, ONLY_DOCUMENTS),
        (("--conference", "2026-09-04"), 1, "that case has no conference on 2026-09-04"),
        (("--conference", "4/9/2026"), 2, "--conference: '4/9/2026' is not a date"),
    ],
)
def test_what_does_not_apply_is_refused_in_one_line(run, demo, args, code, message) -> None:
    result = run("export", REF, "-f", "ics", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert message in line


def test_an_unknown_case_is_refused(run, demo) -> None:
    result = run("export", "NO-SUCH", "-f", "ics")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "cpchair: no case with reference 'NO-SUCH'"
