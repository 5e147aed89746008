"""What the wall shows the room: always the family-safe view.

DOMAIN.md: key information is written up for everyone in the room to read, the family too.
So the wall never shows a confidential mapping entry, never a contact detail, never who said
what, and never a score before the chair reveals an independent round. An allegation says so
in words, not by colour alone (004 asks that facts, allegations and opinions be told apart), so
the family never reads one as established. Everything the wall draws comes through here, so
this one place decides what is safe to project.

Pure: documents in, plain text out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cpchair.caseio.schema import AttendeeDoc, ChildDoc, ConferenceDoc
from cpchair.rules.child_names import first_name_of
from cpchair.rules.scaling import may_scale, scores_for, show_score, summarise
from cpchair.vocab import MAPPING_GROUPS, MAPPING_LABELS

ALLEGATION = "(allegation)"


@dataclass(frozen=True)
class WallItem:
    text: str
    about: str = ""  # the children it concerns, by first name, when not all of them
    allegation: bool = False  # said to have happened, not established: marked in words

    @property
    def marked(self) -> str:
        """The words as the room reads them, an allegation saying what it is."""
        return f"{self.text} {ALLEGATION}" if self.allegation else self.text


@dataclass(frozen=True)
class WallSection:
    title: str
    items: tuple[WallItem, ...]


@dataclass(frozen=True)
class WallGroup:
    title: str
    sections: tuple[WallSection, ...]


@dataclass(frozen=True)
class WallDanger:
    statement: str
    goals: tuple[str, ...]
    about: str


@dataclass(frozen=True)
class WallScore:
    who: str  # a role, never a name: the room knows who said it
    score: int

    @property
    def line(self) -> str:
        """The role, then the score ("Mother: 7"): a number before a role read as one phrase."""
        return f"{self.who}: {self.score}"


@dataclass(frozen=True)
class WallScaling:
    question: str
    scores: tuple[WallScore, ...]
    overall: int | None
    summary: str  # lowest, middle, highest: no names, nothing hidden


def _about(keys: Sequence[str], children: Sequence[ChildDoc]) -> str:
    names = {c.key: first_name_of(c) for c in children}
    return ", ".join(names[k] for k in keys if k in names)


def wall_mapping(conf: ConferenceDoc, children: Sequence[ChildDoc]) -> tuple[WallGroup, ...]:
    """The mapping in its three headings, confidential entries left out."""
    safe = [e for e in conf.mapping if not e.confidential]
    return tuple(
        WallGroup(
            title,
            tuple(
                WallSection(
                    MAPPING_LABELS[column],
                    tuple(
                        WallItem(e.text, _about(e.children, children), e.nature == "allegation")
                        for e in safe
                        if e.column == column
                    ),
                )
                for column in columns
            ),
        )
        for title, columns in MAPPING_GROUPS
    )


def wall_dangers(conf: ConferenceDoc, children: Sequence[ChildDoc]) -> tuple[WallDanger, ...]:
    """Each danger statement with the safety goals that answer it; unpaired goals last."""
    out = [
        WallDanger(
            d.text,
            tuple(g.text for g in conf.safety_goals if g.danger_statement == d.key),
            _about(d.children, children),
        )
        for d in conf.danger_statements
    ]
    loose = tuple(g.text for g in conf.safety_goals if g.danger_statement is None)
    if loose:
        out.append(WallDanger("", loose, ""))
    return tuple(out)


def _who(attendee: AttendeeDoc | None) -> str:
    if attendee is None:
        return "Someone present"
    return attendee.role or "Attendee"


def _scales(attendee: AttendeeDoc | None) -> bool:
    return attendee is None or may_scale(attendee.agency)


def wall_scaling(conf: ConferenceDoc, revealed: bool) -> WallScaling | None:
    """The overall scale once it may be seen: never while an independent round is hidden.

    Each score is shown against the person's role, never their name. Only those who scale
    (`scaling.may_scale`: not observers, interpreters or supporters) are shown; the summary
    leaves them out the same way.
    """
    scaling = conf.scaling
    if scaling is None or not revealed:
        return None
    people = {a.key: a for a in conf.attendees}
    overall = [s for s in scores_for(scaling) if _scales(people.get(s.attendee))]
    scores = tuple(WallScore(_who(people.get(s.attendee)), s.score) for s in overall)
    summary = ""
    if overall:
        s = summarise(scaling, conf.attendees, threshold=0)
        # The room reads it, the family too: "middle", as a family copy says, not "median".
        summary = (
            f"Lowest {show_score(s.lowest)} · middle {show_score(s.median)} · "
            f"highest {show_score(s.highest)}"
        )
    return WallScaling(scaling.question, scores, scaling.overall, summary)


def wall_text(conf: ConferenceDoc, children: Sequence[ChildDoc], revealed: bool) -> str:
    """Everything the wall would show, as plain text: what tests search for leaks."""
    lines: list[str] = []
    for group in wall_mapping(conf, children):
        lines.append(group.title)
        for section in group.sections:
            lines.append(section.title)
            lines += [f"{i.marked} {i.about}" for i in section.items]
    for danger in wall_dangers(conf, children):
        lines += [danger.statement, danger.about, *danger.goals]
    scaling = wall_scaling(conf, revealed)
    if scaling is not None:
        lines.append(scaling.question)
        lines += [s.line for s in scaling.scores]
        lines += [scaling.summary, f"Overall {show_score(scaling.overall)}"]
    return "\n".join(lines)
