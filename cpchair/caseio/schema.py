"""The cpchair-case/1 document as pydantic models: strict types, no unknown keys.

These are also the plain objects the store hands back when it loads a whole case, so the
importer, the exporter and the screens share one shape. Dates, times and datetimes are read
and written exactly as the format spells them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cpchair.caseio import ongoing
from cpchair.caseio.problems import shown_value as _shown
from cpchair.vocab import (
    ActionStatus,
    Agency,
    Attendance,
    Category,
    ConferenceKind,
    ConferenceStatus,
    ExclusionScope,
    IncidentWhich,
    MappingColumn,
    Method,
    Nature,
    Outcome,
    Polarity,
    RecordShare,
    Sex,
    Stage,
    ViewHow,
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _reader(pattern: re.Pattern[str], parse: Any, shape: str, kind: str, native: type) -> Any:
    def read(value: Any) -> Any:
        if type(value) is native:  # built in Python (the store), not read from a file
            return value
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise PydanticCustomError(
                "cp_format",
                "{shown} is not a {kind} written {shape}",
                {"shown": _shown(value), "kind": kind, "shape": shape},
            )
        try:
            return parse(value)
        except ValueError:
            raise PydanticCustomError(
                "cp_format", "{shown} is not a real {kind}", {"shown": _shown(value), "kind": kind}
            ) from None

    return read


Date = Annotated[
    dt.date,
    BeforeValidator(_reader(_DATE, dt.date.fromisoformat, "YYYY-MM-DD", "date", dt.date)),
    PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json"),
]
Time = Annotated[
    dt.time,
    BeforeValidator(_reader(_TIME, dt.time.fromisoformat, "HH:MM", "time", dt.time)),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str, when_used="json"),
]
DateTime = Annotated[
    dt.datetime,
    BeforeValidator(
        _reader(
            _DATETIME, dt.datetime.fromisoformat, "YYYY-MM-DDTHH:MM", "date and time", dt.datetime
        )
    ),
    PlainSerializer(lambda d: d.strftime("%Y-%m-%dT%H:%M"), return_type=str, when_used="json"),
]
Key = Annotated[str, Field(min_length=1, max_length=64)]
Text = Annotated[str, Field(min_length=1)]
ScoreValue = Annotated[int, Field(ge=0, le=10)]


class Doc(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=False)


class SocialWorker(Doc):
    name: str
    team: str | None = None


class ChildDoc(Doc):
    key: Key
    first_name: str
    last_name: str
    date_of_birth: Date | None = None
    expected_birth_date: Date | None = None
    sex: Sex | None = None
    subject: bool = False
    interpreter_language: str | None = None  # addition: needs an interpreter, in this language

    @property
    def unborn(self) -> bool:
        return self.date_of_birth is None


class PersonDoc(Doc):
    key: Key
    name: str
    relationship: str
    parental_responsibility: bool = False
    contact_confidential: bool = False
    contact: str | None = None  # addition: address, telephone or e-mail as given
    no_contact: bool = False  # addition: under a no-contact condition the chair has recorded
    interpreter_language: str | None = None  # addition


class AttendeeDoc(Doc):
    key: Key
    name: str
    role: str
    agency: Agency
    person: Key | None = None
    attendance: Attendance
    votes: bool = False
    direct_contact: list[Key] = []
    report_received: Date | None = None
    report_shared_with_family: Date | None = None
    arrived: Time | None = None
    left: Time | None = None
    contact: str | None = None  # addition: work telephone or e-mail
    absence_reason: str | None = None  # addition: why not there (apologies, absent, report only)


class EscalationDoc(Doc):
    due_by: DateTime
    notified_at: DateTime | None = None
    to: str | None = None


class ExclusionDoc(Doc):
    attendee: Key
    scope: ExclusionScope
    reason: str
    from_stage: Stage | None = None
    to_stage: Stage | None = None
    record: RecordShare | None = None  # addition: the chair's choice of record; None: attended


class ViewDoc(Doc):
    whose: Key
    how: ViewHow
    summary: str
    confidential: bool = False  # addition: kept out of every family copy


class ViewNotGivenDoc(Doc):
    """Addition: why a child's or parent's view is not before the conference."""

    whose: Key
    reason: Text


class AdvocateNotUsedDoc(Doc):
    """Addition: why a subject child old enough to be offered an advocate has none here."""

    child: Key
    reason: Text


class IncidentDoc(Doc):
    which: IncidentWhich
    date: Date | None = None
    text: str
    confidential: bool = False  # addition


class MappingEntryDoc(Doc):
    column: MappingColumn
    text: str
    nature: Nature | None = None
    source: Key | None = None
    confidential: bool = False
    children: list[Key] = []


class DangerStatementDoc(Doc):
    key: Key
    text: str
    children: list[Key] = []


class SafetyGoalDoc(Doc):
    danger_statement: Key | None = None
    text: str
    children: list[Key] = []


class ScoreDoc(Doc):
    attendee: Key
    score: ScoreValue
    reason: str
    child: Key | None = None
    danger_statement: Key | None = None
    confidential: bool = False  # addition: the reason is kept out of family copies


class ScalingDoc(Doc):
    question: str
    polarity: Polarity
    independent: bool = False  # addition: scores written down first, revealed together
    scores: list[ScoreDoc] = []
    overall: ScoreValue | None = None


class VoteDoc(Doc):
    attendee: Key
    child: Key
    vote: Outcome
    reason: str
    confidential: bool = False  # addition: the reason is kept out of family copies


class DissentDoc(Doc):
    attendee: Key
    reason: str


class DecisionDoc(Doc):
    child: Key
    outcome: Outcome
    categories: list[Category] = []
    method: Method
    rationale: str | None = None
    dissents: list[DissentDoc] = []
    ending_criterion: str | None = None


class ActionDoc(Doc):
    what: str
    who: str
    by: Date | None = None
    children: list[Key] = []
    key_safeguarding: bool = False
    # cpchair's statuses; "ongoing" is read from and written as "open" + "ongoing": true
    status: ActionStatus
    confidential: bool = False  # addition: family copies show that it exists, not what it is

    @model_validator(mode="before")
    @classmethod
    def _read_ongoing(cls, data: Any) -> Any:
        return ongoing.fold(data)

    @model_serializer(mode="wrap")
    def _write_ongoing(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        data = handler(self)
        return ongoing.unfold(data) if info.mode_is_json() else data


class PlanDoc(Doc):
    outcomes: list[str] = []
    actions: list[ActionDoc] = []
    core_group: list[Key] = []
    first_core_group: Date | None = None
    first_visit: Date | None = None  # addition: the first child protection visit
    review_conference: Date | None = None
    contingency: str | None = None
    visiting: str | None = None
    recommendations: list[str] = []
    embassy_notification: bool = False


class ReopeningDoc(Doc):
    """Addition: a concluded conference opened again by the chair, and why."""

    at: DateTime
    reason: Text


class ConferenceDoc(Doc):
    key: Key
    kind: ConferenceKind
    date: Date
    start_time: Time | None = None
    venue: str | None = None
    virtual: bool = False
    chair: str
    chair_contact: str | None = None  # addition: how the family reaches the chair
    minute_taker: str | None = None
    trigger_date: Date | None = None
    late_reason: str | None = None  # addition: why it is held after its due date
    status: ConferenceStatus
    attendees: list[AttendeeDoc] = []
    confidentiality_statement_read: bool = False
    quorum_override: str | None = None
    escalation: EscalationDoc | None = None
    exclusions: list[ExclusionDoc] = []
    views: list[ViewDoc] = []
    views_not_given: list[ViewNotGivenDoc] = []  # addition
    advocate_not_used: list[AdvocateNotUsedDoc] = []  # addition
    incidents: list[IncidentDoc] = []
    mapping: list[MappingEntryDoc] = []
    danger_statements: list[DangerStatementDoc] = []
    safety_goals: list[SafetyGoalDoc] = []
    scaling: ScalingDoc | None = None
    votes: list[VoteDoc] = []
    decisions: list[DecisionDoc] = []
    plan: PlanDoc | None = None
    reopened: list[ReopeningDoc] = []


class CaseDoc(Doc):
    format: Annotated[str, Field(pattern=r"^cpchair-case/1$")]
    reference: Text
    family_name: Text
    profile: Text
    lead_social_worker: SocialWorker
    children: list[ChildDoc] = []
    people: list[PersonDoc] = []
    conferences: list[ConferenceDoc] = []
