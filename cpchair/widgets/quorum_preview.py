"""Will the conference be quorate? A line per subject child, from `rules/quorum.py`.

Only shows the state: the chair records a reason to go ahead inquorate in the live meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from cpchair.caseio.schema import ChildDoc, ConferenceDoc
from cpchair.rules.ages import describe_age
from cpchair.rules.child_names import first_name_of
from cpchair.rules.quorum import child_quorum, quorum_state


def child_label(child: ChildDoc, today: date) -> str:
    age = describe_age(child.date_of_birth, child.expected_birth_date, today)
    return f"{first_name_of(child)} ({age})"


def quorum_summary(conference: ConferenceDoc, children: Sequence[ChildDoc]) -> str:
    """One line: quorate for all, or for how many not."""
    per_child = child_quorum(conference, children)
    if not per_child:
        return "No child is marked as a subject of this conference."
    state = quorum_state(conference, children)
    if state == "quorate":
        return f"✓ Quorate for every subject child ({len(per_child)})."
    short = sum(not q.quorate for q in per_child)
    text = f"✗ Not quorate for {short} of {len(per_child)} subject children."
    if state == "inquorate_with_override":
        text += " The chair has recorded a reason to go ahead; an early review will be needed."
    return text


class QuorumPreview(Static):
    DEFAULT_CSS = """
    QuorumPreview { height: auto; padding: 1 0; }
    """

    def show(self, conference: ConferenceDoc, children: Sequence[ChildDoc], today: date) -> None:
        names = {c.key: child_label(c, today) for c in children}
        parts: list[str | tuple[str, str]] = []
        for q in child_quorum(conference, children):
            parts.append(("✓ ", "$success bold") if q.quorate else ("✗ ", "$error bold"))
            parts += [(names.get(q.child, q.child), "bold"), f": {q.explain()}\n"]
        parts.append(f"\n{quorum_summary(conference, children)}")
        if quorum_state(conference, children) == "inquorate":
            parts.append((
                "\nThe chair may still go ahead, recording why in the live meeting; an early "
                "review conference is then needed. Counted: attendees expected to be present, "
                "children's social care plus two other agencies that have seen each child.",
                "$text-muted",
            ))  # fmt: skip
        self.update(Content.assemble(*parts))  # names are never read as markup
