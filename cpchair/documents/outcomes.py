"""What the conference found and decided: each child's decision and how it was reached,
every agency's view, the danger statements and safety goals, the scaling and any escalation."""

from __future__ import annotations

from collections import Counter

from cpchair.caseio.schema import ConferenceDoc, DecisionDoc, ScalingDoc
from cpchair.documents.model import (
    METHOD_WORDS,
    NOT_DECIDED,
    REVIEW_OUTCOMES,
    AgencyView,
    ChildRow,
    ChildViews,
    DangerStatement,
    Decision,
    Dissent,
    Goal,
    Scale,
    Scaling,
    Score,
)
from cpchair.documents.names import Names
from cpchair.documents.words import category_words, datetime_text
from cpchair.rules.decisions import ENDING_CRITERION_LABELS
from cpchair.rules.profiles import Profile
from cpchair.rules.scaling import show_score, summarise
from cpchair.vocab import CATEGORY_LABELS, OUTCOME_LABELS


def _outcome(conf: ConferenceDoc, decision: DecisionDoc) -> str:
    words = REVIEW_OUTCOMES if conf.kind == "review" else OUTCOME_LABELS
    return words[decision.outcome]


def _criterion(code: str | None) -> str | None:
    """The criterion that let a plan end at the first review, in words."""
    if not code:
        return None
    return ENDING_CRITERION_LABELS.get(code, code)


def decisions(
    conf: ConferenceDoc, subjects: tuple[ChildRow, ...], names: Names, *, hide_how: bool
) -> tuple[Decision, ...]:
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
                method=METHOD_WORDS[d.method] if how else None,
                rationale=d.rationale if how and d.rationale else None,
                dissents=tuple(Dissent(names.who(x.attendee), x.reason) for x in d.dissents)
                if how
                else (),
                ending_criterion=_criterion(d.ending_criterion),
            )
        )
    return tuple(out)


def agency_views(
    conf: ConferenceDoc, subjects: tuple[ChildRow, ...], names: Names
) -> tuple[ChildViews, ...]:
    out = []
    for child in subjects:
        votes = [v for v in conf.votes if v.child == child.key]
        if not votes:
            continue
        counts = Counter(v.vote for v in votes)
        tally = "; ".join(
            f"{OUTCOME_LABELS[o].lower()}: {counts[o]}" for o in OUTCOME_LABELS if counts[o]
        )
        views = tuple(
            AgencyView(names.who(v.attendee), OUTCOME_LABELS[v.vote], v.reason) for v in votes
        )
        out.append(ChildViews(child.name, tally[0].upper() + tally[1:], views))
    return tuple(out)


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
    if s.overall is not None:
        facts.append(("Chair's overall grading", str(s.overall)))
    scores = tuple(
        Score(names.who(x.attendee), str(x.score), x.reason)
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
    if not s.escalate:
        return ()
    window = profile.escalation_window.period
    return (
        f"The overall grading of {s.overall} is at or below {profile.escalation_threshold}: "
        f"the chair escalates to a service manager within {window}.",
    )
