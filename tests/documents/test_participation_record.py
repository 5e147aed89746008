"""The record says who took part and how: why someone was not there, whose view was not
given and why, a child with no advocate, the chair's choice of record for an excluded parent,
and why a conference was held late; a family copy holds no adult's own reasons."""

from __future__ import annotations

from typing import Any

from cpchair.documents import render
from tests.documents.cases import attendee, case_of, small_case


def participation_case() -> Any:
    data = small_case(
        late_reason="The police report was not ready in time.",
        views_not_given=[
            {"whose": "p_dad", "reason": "Dad's reason: in hospital that week."},
            {"whose": "k1", "reason": "Kit is six; the school described his days."},
        ],
        advocate_not_used=[{"child": "k1", "reason": "Kit's family declined an advocate."}],
        exclusions=[
            {
                "attendee": "dad",
                "scope": "part",
                "reason": "Police information.",
                "from_stage": "mapping",
                "to_stage": "mapping",
                "record": "whole",
            }
        ],
    )
    conf = data["conferences"][0]
    conf["attendees"].append(
        attendee("gp", "health", name="Gil Doctor", attendance="apologies", absence_reason="Clinic")
    )
    conf["attendees"][4]["attendance"] = "absent"  # the father, absent after all
    conf["attendees"][4]["absence_reason"] = "Dad's absence: at work."
    return case_of(data)


def md(recipient: str | None = None) -> str:
    text = render(participation_case(), "c1", "md", kind="record", recipient=recipient)
    assert isinstance(text, str)
    return text


def test_the_full_record_says_who_took_part_and_why_not() -> None:
    full = md()
    # 004: "The Child Protection Manager must record the absence and the reasons for absence".
    assert "| Apologies: Clinic |" in full
    assert "| Absent: Dad's absence: at work. |" in full
    # 004: "No conference should go ahead without the views of children and their parents".
    assert "**Dan Parent:** Dad's reason: in hospital that week." in full
    assert "**Kit Parent:** Kit is six; the school described his days." in full
    # 002: children "should be offered ... an independent advocate".
    assert "### No advocate" in full and "Kit's family declined an advocate." in full
    # 004: "The Chair should decide if the entire record is provided or only that part
    # attended by the excluded parent".
    assert "| Police information. | The whole record |" in full
    # 004: a delay is reported "including reasons for the delay".
    assert "- **Held late:** The police report was not ready in time." in full


def test_a_family_copy_holds_no_adults_own_reasons() -> None:
    mum = md(recipient="mum")
    assert "| Apologies: Clinic |" in mum  # a practitioner's absence is no family matter
    for private in ("Dad's absence", "Dad's reason", "Kit's family declined", "Police info"):
        assert private not in mum, private
    assert "**Dan Parent:** The reason is in the full record." in mum
    assert "**Kit Parent:** Kit is six; the school described his days." in mum
    assert "Record they receive" not in mum
    assert "The police report was not ready in time." in mum  # why late is for everyone
