"""Keeping each recorded decision's method in step with the views behind it.

The case format refuses "a file whose method disagrees with its own votes", and whatever the
store holds must export to a file that imports. So when a change alters how the views count
for a child who already has a decision (a view given or changed, a voter's agency, attendance
or vote, a voter removed), the decision's method is worked out again by
`rules.decisions.recorded_method` and written back. The one change refused is one that would
make the decision the chair's own (a split, an overrule) while it holds no reasons from the
chair: those reasons are the chair's to write, so the chair adds them to the decision first.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.rules.decisions import method_disagrees
from cpchair.store.errors import EditError
from cpchair.store.read import load_case_doc
from cpchair.vocab import METHODS_NEEDING_RATIONALE

WORDS = {
    "unanimous": "unanimous",
    "majority": "a majority",
    "chair_on_split": "the chair deciding a split",
    "chair_overrule": "the chair overruling the conference",
}

# Short enough for the one-line status under the meeting.
SHORT = {"chair_on_split": "a split", "chair_overrule": "an overrule"}


class MethodWouldChange(EditError):
    """The change would leave a decision needing the chair's reasons it does not hold."""


def sync_methods(
    session: Session, case: m.Case, conf: m.Conference, child_ids: Iterable[int] | None = None
) -> None:
    """Rewrite the method of each recorded decision (of these children, or all) whose views
    now give another one; raise MethodWouldChange, writing nothing more, when the new method
    needs the chair's reasons and the decision has none."""
    query = select(m.Decision).where(m.Decision.conference_id == conf.id)
    if child_ids is not None:
        query = query.where(col(m.Decision.child_id).in_(list(child_ids)))
    rows = list(session.exec(query))
    if not rows:
        return
    session.flush()
    doc = next(c for c in load_case_doc(session, case, only=conf.id).conferences)
    keys = dict(
        session.exec(select(m.Child.id, m.Child.key).where(m.Child.case_id == case.id)).all()
    )
    decisions = {d.child: d for d in doc.decisions}
    for row in rows:
        decision = decisions.get(keys.get(row.child_id, ""))
        if decision is None:
            continue
        expected = method_disagrees(decision, doc)
        if expected is None:
            continue
        if expected in METHODS_NEEDING_RATIONALE and not (row.rationale or "").strip():
            raise MethodWouldChange(
                f"The decision becomes {SHORT[expected]}: add the chair's reasons (d) first."
            )
        row.method = expected
        session.add(row)
