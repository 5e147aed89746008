"""How each table of a case maps to the cpchair-case/1 document, declared once.

The reader (read.py), the writer (write.py) and the caseload's light read (caseload.py) all
walk this tree. Each `Entity` is one table held as a list (or a single object) of its parent's
document. A field the document and the table spell alike is copied across; no list of those
fields is written here, they are the names the two models share. What is declared is only what
differs:
- key references (`caseio.keys.REFS`), held as row ids: a column named for what the key names
  (`child_id`, `person_id`, `attendee_id`, `statement_id`) unless `columns` says otherwise;
- lists of keys or words, held in a table of their own (`values`, `key_list`);
- objects folded into their parent's row (a conference's escalation);
- the order of each list, in `position`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from operator import attrgetter
from typing import Any

from sqlmodel import SQLModel

from cpchair import models as m
from cpchair.caseio.keys import KEYED, REFS, Names, key_ref
from cpchair.caseio.schema import (
    ActionDoc,
    AdvocateNotUsedDoc,
    AttendeeDoc,
    CaseDoc,
    ChildDoc,
    ConferenceDoc,
    DangerStatementDoc,
    DecisionDoc,
    DissentDoc,
    Doc,
    EscalationDoc,
    ExclusionDoc,
    IncidentDoc,
    MappingEntryDoc,
    PersonDoc,
    PlanDoc,
    ReopeningDoc,
    SafetyGoalDoc,
    ScalingDoc,
    ScoreDoc,
    SocialWorker,
    ViewDoc,
    ViewNotGivenDoc,
    VoteDoc,
)

# The column a key reference is held in, by what the key names.
COLUMN: dict[Names, str] = {
    Names.CHILD: "child_id",
    Names.PERSON: "person_id",
    Names.ATTENDEE: "attendee_id",
    Names.STATEMENT: "statement_id",
}


@dataclass(frozen=True)
class Ref:
    """A key held as the id of the row it names; of two lists, the first that holds it."""

    field: str
    columns: tuple[tuple[Names, str], ...]
    required: bool


@dataclass(frozen=True)
class Fold:
    """An object of the document held as columns of its parent's row. `present`: the column
    whose value says the object is there at all (None: it always is)."""

    field: str
    doc: type[Doc]
    columns: tuple[tuple[str, str], ...]  # (the object's field, the parent's column)
    present: str | None


# Extra column values the writer puts on a row, from the item and the whole case.
Written = Callable[[Any, CaseDoc], Mapping[str, Any]]


@dataclass(frozen=True, eq=False)
class Entity:
    """One table as the `field` of its parent's document.

    `owner` is the column naming the parent row, which holds the parent row's `via` (its id;
    a score's, the conference id its scaling holds). A list of plain values has no `doc` and
    a `value`: the column holding each word, or the reference holding each key."""

    field: str
    table: type[SQLModel]
    owner: str
    doc: type[Doc] | None = None
    via: str = "id"
    one: bool = False  # at most one per parent (scaling, plan), not a list
    value: str | Ref | None = None
    names: Names | None = None  # whose keys this list holds, for references to resolve
    copied: tuple[str, ...] = ()  # fields spelled alike in document and table
    refs: tuple[Ref, ...] = ()
    folds: tuple[Fold, ...] = ()
    parts: tuple[Entity, ...] = ()
    written: Written | None = None
    # For a pick (`only`): read this part only under the parent rows it holds for.
    when: Callable[[Any], bool] | None = None

    @property
    def ordered(self) -> bool:
        return "position" in self.table.model_fields

    @cached_property
    def copy(self) -> Callable[[Any], tuple[Any, ...]]:
        """The copied fields' values from a row, in `copied` order (the reader's inner loop)."""
        if len(self.copied) == 1:
            name = self.copied[0]
            return lambda row: (getattr(row, name),)
        return attrgetter(*self.copied) if self.copied else lambda row: ()

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """The columns the reader needs: every one the document is built from."""
        out = [self.owner] if self.owner else []
        if "id" in self.table.model_fields:
            out.append("id")
        if self.names is not None:
            out.append("key")
        out += self.copied
        out += [c for ref in self.refs + _value_ref(self) for _, c in ref.columns]
        out += [c for fold in self.folds for _, c in fold.columns]
        out += [p.via for p in self.parts]
        if isinstance(self.value, str):
            out.append(self.value)
        return tuple(dict.fromkeys(out))

    def part(self, field: str) -> Entity:
        """The part of this entity held as `field` of its document."""
        return next(p for p in self.parts if p.field == field)

    def only(
        self,
        fields: Mapping[str, str],
        when: Mapping[str, Callable[[Any], bool]] | None = None,
        path: str = "",
    ) -> Entity:
        """This tree cut down to the fields named for each path ("conferences.attendees"),
        space-separated, for a read that needs a few fields of many cases; a part not named
        is left out. `when` reads a part only under the parent rows it holds for."""
        keep = set(fields.get(path, "").split())
        parts = tuple(
            p.only(fields, when, f"{path}.{p.field}".lstrip("."))
            for p in self.parts
            if p.field in keep
        )
        return replace(
            self,
            copied=tuple(f for f in self.copied if f in keep),
            refs=tuple(r for r in self.refs if r.field in keep),
            folds=tuple(f for f in self.folds if f.field in keep),
            parts=parts,
            when=(when or {}).get(path, self.when),
        )


def _value_ref(entity: Entity) -> tuple[Ref, ...]:
    return (entity.value,) if isinstance(entity.value, Ref) else ()


def _ref(doc: type[Doc], field: str, columns: Mapping[str, str]) -> Ref:
    ref = key_ref(doc, field)
    held: tuple[tuple[Names, str], ...]
    if field in columns:
        held = ((ref.names[0], columns[field]),)
    else:
        held = tuple((n, COLUMN[n]) for n in ref.names)
    # Each key of a list is there; a single key may be optional (an attendee's `person`).
    return Ref(field, held, ref.many or doc.model_fields[field].is_required())


def entity(
    field: str,
    table: type[SQLModel],
    owner: str,
    doc: type[Doc],
    *,
    parts: tuple[Entity, ...] = (),
    folds: tuple[Fold, ...] = (),
    columns: Mapping[str, str] | None = None,
    **rest: Any,
) -> Entity:
    """The entity of `doc` held in `table`: its references and copied fields worked out from
    the two models; `columns` names a reference's column where it is not the usual one."""
    refs = tuple(_ref(doc, r.field, columns or {}) for r in REFS.get(doc, ()) if not r.many)
    apart = {r.field for r in refs} | {f.field for f in folds} | {p.field for p in parts}
    structural = {"id", owner, "position"}
    copied = tuple(
        f
        for f in doc.model_fields
        if f in table.model_fields and f not in apart and f not in structural
    )
    return Entity(
        field,
        table,
        owner,
        doc,
        names=KEYED.get(doc),
        copied=copied,
        refs=refs,
        folds=folds,
        parts=parts,
        **rest,
    )


def values(field: str, table: type[SQLModel], owner: str, column: str) -> Entity:
    """A list of words held one a row, in `column` (a plan's outcomes, a decision's categories)."""
    return Entity(field, table, owner, value=column)


def key_list(doc: type[Doc], field: str, table: type[SQLModel], owner: str) -> Entity:
    """A list of keys held one a row, as references (the children an entry concerns)."""
    return Entity(field, table, owner, value=_ref(doc, field, {}))


def prefixed(field: str, doc: type[Doc], present: str) -> Fold:
    """An object held in its parent's columns named `field_` + its own field names."""
    return Fold(field, doc, tuple((f, f"{field}_{f}") for f in doc.model_fields), present)


def _named_as_person(attendee: AttendeeDoc, case: CaseDoc) -> Mapping[str, Any]:
    # One name per family member: a linked attendee is named as the person is.
    if attendee.person is None:
        return {}
    return {"name": next(p.name for p in case.people if p.key == attendee.person)}


_PLAN = entity(
    "plan",
    m.Plan,
    "conference_id",
    PlanDoc,
    one=True,
    parts=(
        values("outcomes", m.PlanOutcome, "plan_id", "text"),
        entity(
            "actions",
            m.PlanAction,
            "plan_id",
            ActionDoc,
            parts=(key_list(ActionDoc, "children", m.PlanActionChild, "action_id"),),
        ),
        key_list(PlanDoc, "core_group", m.CoreGroupMember, "plan_id"),
        values("recommendations", m.PlanRecommendation, "plan_id", "text"),
    ),
)

# A conference's lists, written in this order: attendees and danger statements first, as the
# lists after them name their keys.
_CONFERENCE_PARTS = (
    entity(
        "attendees",
        m.Attendee,
        "conference_id",
        AttendeeDoc,
        written=_named_as_person,
        parts=(key_list(AttendeeDoc, "direct_contact", m.DirectContact, "attendee_id"),),
    ),
    entity(
        "danger_statements",
        m.DangerStatement,
        "conference_id",
        DangerStatementDoc,
        parts=(key_list(DangerStatementDoc, "children", m.DangerStatementChild, "statement_id"),),
    ),
    entity("exclusions", m.Exclusion, "conference_id", ExclusionDoc),
    entity("views", m.View, "conference_id", ViewDoc),
    entity("views_not_given", m.ViewNotGiven, "conference_id", ViewNotGivenDoc),
    entity("advocate_not_used", m.AdvocateNotUsed, "conference_id", AdvocateNotUsedDoc),
    entity("incidents", m.Incident, "conference_id", IncidentDoc),
    entity(
        "mapping",
        m.MappingEntry,
        "conference_id",
        MappingEntryDoc,
        columns={"source": "source_id"},
        parts=(key_list(MappingEntryDoc, "children", m.MappingEntryChild, "entry_id"),),
    ),
    entity(
        "safety_goals",
        m.SafetyGoal,
        "conference_id",
        SafetyGoalDoc,
        parts=(key_list(SafetyGoalDoc, "children", m.SafetyGoalChild, "goal_id"),),
    ),
    entity(
        "scaling",
        m.Scaling,
        "conference_id",
        ScalingDoc,
        one=True,
        # Scores hang from the conference's row, though the document lists them in scaling.
        parts=(entity("scores", m.Score, "conference_id", ScoreDoc, via="conference_id"),),
    ),
    entity("votes", m.Vote, "conference_id", VoteDoc),
    entity(
        "decisions",
        m.Decision,
        "conference_id",
        DecisionDoc,
        parts=(
            values("categories", m.DecisionCategory, "decision_id", "category"),
            entity("dissents", m.Dissent, "decision_id", DissentDoc),
        ),
    ),
    _PLAN,
    entity("reopened", m.Reopening, "conference_id", ReopeningDoc),
)

CONFERENCES = entity(
    "conferences",
    m.Conference,
    "case_id",
    ConferenceDoc,
    folds=(prefixed("escalation", EscalationDoc, present="escalation_due_by"),),
    parts=_CONFERENCE_PARTS,
)

SOCIAL_WORKER = Fold(
    "lead_social_worker",
    SocialWorker,
    (("name", "lead_social_worker"), ("team", "lead_social_worker_team")),
    present=None,
)

# The whole case: its own row, then its lists. Children and people come first, as every
# conference names their keys.
CASE = entity(
    "",
    m.Case,
    "",
    CaseDoc,
    folds=(SOCIAL_WORKER,),
    parts=(
        entity("children", m.Child, "case_id", ChildDoc),
        entity("people", m.Person, "case_id", PersonDoc),
        CONFERENCES,
    ),
)
