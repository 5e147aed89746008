"""What the conference found and decided: each child's decision and how it was reached,
every agency's view, the danger statements and safety goals, the scaling and any escalation.

The views are counted one per agency (`rules.decisions.agency_views`, 004: "the social work
and agency decision"): the record lists them by agency with what each of its staff said, and
names a divided agency as not counted. A view the decision went against (a minority view, or
when the chair overruled or decided a split, the view the chair decided against) and a formal
dissent (an agency challenging the decision, 004) are shown as different things.
The reason a plan ends is printed only as the chair recorded it, and only when the plan ends.
The scaling facts keep the child's own score apart from the family's median.
"""

from __future__ import annotations

from cpchair.caseio.schema import ConferenceDoc, DecisionDoc, ScalingDoc
from cpchair.documents import family as fam
from cpchair.documents.model import (
    NOT_DECIDED,
    AgencyView,
    ChildRow,
    ChildViews,
    DangerStatement,
    Decision,
    DifferingView,
    Dissent,
    Goal,
    Scale,
    Scaling,
    Score,
    StaffView,
)
from cpchair.documents.names import Names
from cpchair.documents.words import category_words, datetime_text
from cpchair.rules.decisions import (
    ENDING_CRITERION_LABELS,
    Tally,
    differing_views,
    plan_ends,
    tally,
)
from cpchair.rules.profiles import Profile
from cpchair.rules.scaling import show_score, summarise
from cpchair.vocab import (
    AGENCY_LABELS,
    CATEGORY_LABELS,
    FAMILY_METHOD_WORDS,
    METHOD_WORDS,
    OUTCOME_LABELS,
    REVIEW_OUTCOMES,
)

DIVIDED = "Divided: not counted"


def _outcome(conf: ConferenceDoc, decision: DecisionDoc) -> str:
    words = REVIEW_OUTCOMES if conf.kind == "review" else OUTCOME_LABELS
    return words[decision.outcome]


def _criterion(
    conf: ConferenceDoc, decision: DecisionDoc, previous: ConferenceDoc | None
) -> str | None:
    """Why the plan ends, in words: only the criterion the chair recorded, and only when the
    child's plan does end (`rules.decisions.plan_ends`)."""
    code = decision.ending_criterion
    if not code or not code.strip() or not plan_ends(decision, conf, previous):
        return None
    return ENDING_CRITERION_LABELS.get(code, code)


def _differing(
    conf: ConferenceDoc, decision: DecisionDoc, *, plain: bool
) -> tuple[DifferingView, ...]:
    """The agencies whose view the decision went against, each worded as a minority view or
    as the view the chair decided against (`rules.decisions.differing_views`)."""
    return tuple(
        DifferingView(v.label, OUTCOME_LABELS[v.view], v.minority, v.heading(plain=plain))
        for v in differing_views(tally(conf, decision.child), decision.outcome)
    )


def decisions(
    conf: ConferenceDoc,
    subjects: tuple[ChildRow, ...],
    names: Names,
    *,
    hide_how: bool,
    previous: ConferenceDoc | None = None,
    plain: bool = False,
) -> tuple[Decision, ...]:
    """Each subject child's decision; `previous` (the conference before) tells whether a
    plan ends, so that a reason for ending is shown only then; `plain` words how each was
    reached for a family copy."""
    method_words = FAMILY_METHOD_WORDS if plain else METHOD_WORDS
    by_child = {d.child: d for d in conf.decisions}
    out = []
    for child in subjects:
        d = by_child.get(child.key)
        if d is None:
            out.append(Decision(child, NOT_DECIDED, "", None, None, (), None))
            continue
        how = not hide_how
        out.append(
            Decision(
                child=child,
                outcome=_outcome(conf, d),
                categories=category_words([CATEGORY_LABELS[c] for c in d.categories]),
                method=method_words[d.method] if how else None,
                rationale=d.rationale if how and d.rationale else None,
                dissents=tuple(
                    Dissent(
                        names.who(x.attendee),
                        x.reason,
                        fam.dissent_in_confidence(conf, d.child, x.attendee),
                    )
                    for x in d.dissents
                )
                if how
                else (),
                ending_criterion=_criterion(conf, d, previous),
                differing=_differing(conf, d, plain=plain) if how else (),
            )
        )
    return tuple(out)


def agency_views(
    conf: ConferenceDoc, subjects: tuple[ChildRow, ...], names: Names
) -> tuple[ChildViews, ...]:
    """Each child's views, one per agency, with each of its staff's view and reason."""
    out = []
    for child in subjects:
        result = tally(conf, child.key)
        if not result.agencies:
            continue
        reasons = {v.attendee: v.reason for v in conf.votes if v.child == child.key}
        secret = {v.attendee: v.confidential for v in conf.votes if v.child == child.key}
        views = tuple(
            AgencyView(
                agency=a.label,
                view=DIVIDED if a.view is None else OUTCOME_LABELS[a.view],
                staff=tuple(
                    StaffView(
                        _staff(names, key),
                        OUTCOME_LABELS[view],
                        reasons.get(key, ""),
                        secret.get(key, False),
                    )
                    for key, view in a.staff
                ),
            )
            for a in result.agencies
        )
        out.append(ChildViews(child.name, _tally_words(result), views))
    return tuple(out)


def _staff(names: Names, key: str) -> str:
    a = names.attendees.get(key)
    if a is None:
        return "Not recorded"
    return f"{a.name}, {a.role}" if a.role else a.name


def _tally_words(result: Tally) -> str:
    """ "Child protection plan: 5 agencies; child in need plan: 1 agency" and any divided."""
    parts = []
    for outcome, label in OUTCOME_LABELS.items():
        n = result.count(outcome)
        if n:
            parts.append(f"{label.lower()}: {n} {'agency' if n == 1 else 'agencies'}")
    if result.divided:
        names = ", ".join(AGENCY_LABELS.get(a, a) for a in result.divided)
        parts.append(f"divided, so not counted: {names}")
    text = "; ".join(parts) or "no agency's view counted"
    return text[0].upper() + text[1:]


def danger_statements(conf: ConferenceDoc, names: Names) -> tuple[DangerStatement, ...]:
    return tuple(
        DangerStatement(
            number=i,
            text=ds.text,
            about=names.about(ds.children),
            goals=tuple(
                Goal(g.text, names.about(g.children))
                for g in conf.safety_goals
                if g.danger_statement == ds.key
            ),
        )
        for i, ds in enumerate(conf.danger_statements, start=1)
    )


def loose_goals(conf: ConferenceDoc, names: Names) -> tuple[Goal, ...]:
    keys = {ds.key for ds in conf.danger_statements}
    return tuple(
        Goal(g.text, names.about(g.children))
        for g in conf.safety_goals
        if g.danger_statement not in keys
    )


def scaling_of(conf: ConferenceDoc, profile: Profile, names: Names) -> Scaling | None:
    scaling = conf.scaling
    if scaling is None:  # nobody scaled, but an escalation may still be recorded
        escalation = escalation_lines(conf, profile)
        return Scaling("", (), (), escalation) if escalation else None
    notes = []
    if scaling.independent:
        notes.append("Everyone wrote their score down before any score was shown.")
    if scaling.polarity == "ten_is_danger":
        notes.append("On this scale 10 means the most danger and 0 the least.")
    scales = [_scale(scaling, conf, profile, names, None, None)]
    statements = {ds.key: i for i, ds in enumerate(conf.danger_statements, start=1)}
    narrower = sorted(
        {(s.child, s.danger_statement) for s in scaling.scores} - {(None, None)},
        key=lambda k: (k[0] or "", statements.get(k[1] or "", 0)),
    )
    scales += [_scale(scaling, conf, profile, names, c, ds) for c, ds in narrower]
    if not scaling.scores and scaling.overall is None:
        scales = []
    return Scaling(
        question=scaling.question,
        notes=tuple(notes),
        scales=tuple(s for s in scales if s.scores or s.facts),
        escalation=escalation_lines(conf, profile),
    )


def _scale(
    scaling: ScalingDoc,
    conf: ConferenceDoc,
    profile: Profile,
    names: Names,
    child: str | None,
    statement: str | None,
) -> Scale:
    s = summarise(
        scaling,
        conf.attendees,
        threshold=profile.escalation_threshold,
        child=child,
        danger_statement=statement,
    )
    numbers = {ds.key: i for i, ds in enumerate(conf.danger_statements, start=1)}
    parts = []
    if child:
        parts.append(names.child(child))
    if statement:
        parts.append(f"danger statement {numbers.get(statement, '')}".strip())
    title = ", ".join(parts) if parts else "Overall"
    title = title[0].upper() + title[1:]
    facts: list[tuple[str, str]] = []
    if s.count:
        facts.append(("Scores given", f"{s.count}, from {s.lowest} to {s.highest}"))
        facts.append(("Median", show_score(s.median)))
        facts.append(("Professionals' median", show_score(s.professionals_median)))
        facts.append(("Family's median", show_score(s.family_median)))
        if s.spread is not None:
            facts.append(("Spread", s.describe_spread(scaling.polarity)))
        if s.child_score is not None:  # apart from the family's median
            one = len(s.child_scores) == 1
            facts.append(("Child's own score" if one else "Children's own scores", s.child_score))
        if s.advocate_score is not None:  # on neither side
            one = len(s.advocate_scores) == 1
            facts.append(("Advocate's score" if one else "Advocates' scores", s.advocate_score))
    if s.overall is not None:
        facts.append(("Chair's overall grading", str(s.overall)))
    scores = tuple(
        Score(names.who(x.attendee), str(x.score), x.reason, x.confidential)
        for x in scaling.scores
        if x.child == child and x.danger_statement == statement
    )
    return Scale(title, tuple(facts), scores)


def escalation_lines(conf: ConferenceDoc, profile: Profile) -> tuple[str, ...]:
    esc = conf.escalation
    if esc is not None:
        to = esc.to or "a service manager"
        lines = [f"Escalated to {to}, due by {datetime_text(esc.due_by)}."]
        if esc.notified_at:
            lines.append(f"Notified on {datetime_text(esc.notified_at)}.")
        else:
            lines.append("Not yet notified.")
        return tuple(lines)
    scaling = conf.scaling
    if scaling is None:
        return ()
    s = summarise(scaling, conf.attendees, threshold=profile.escalation_threshold)
    # No threshold (the area has no such rule) never escalates; a profile with one has a window.
    if not s.escalate or profile.escalation_window is None:
        return ()
    window = profile.escalation_window.period
    return (
        f"The overall grading of {s.overall} is at or below {profile.escalation_threshold}: "
        f"the chair escalates to a service manager within {window}.",
    )
