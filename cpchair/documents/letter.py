"""The chair's letter: what was decided, the dates that matter, what happens next and how to
complain, in plain words, to one family member (or the young person, or their advocate).

004: "The decision must be put in writing to the parent(s)". The letter is one person's, like
their family copy, and never holds more than that copy would: it is built from the same
redacted case (`redact.family_case`, under the same rules, `family.copy_for`) and says only
conclusions (each child's decision and category, the plan's dates, who receives the record),
the lead social worker's name, the chair's name and contact and the area's complaints words.
It repeats no free text of the case, so nothing given in confidence can echo in it, and it
names no one's address or telephone but the chair's, which is the council's route.

Choices made here:

- **Who signs it**: the chair of this conference, as the conference records them; the
  settings' `chair_name` only when the conference names no chair. The contact is the
  conference's `chair_contact`, else the settings' `chair_contact`, but only when the letter
  is signed by the settings' chair: a colleague's contact under another chair's name would
  send the family to the wrong person.
- **A young person's letter**: when the reader is on the attendee list as the child and their
  name is one subject child's, the letter speaks to them as "you", in simpler words.
- **No address block and no date of writing**: the address may be confidential, and the
  chair signs and dates the letter when it goes out.
"""

from __future__ import annotations

from dataclasses import replace

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.documents import family as fam
from cpchair.documents.blocks import Block, Bullets, Fields, Layout, Para, Section
from cpchair.documents.model import (
    ChildOutcome,
    DocumentModel,
    KeyDate,
    Letter,
    conference_by_key,
)
from cpchair.documents.redact import family_case
from cpchair.documents.words import and_list, date_text, short_name
from cpchair.rules.calendar import every
from cpchair.rules.close import previous_conference
from cpchair.rules.decisions import NO_CIN_CRITERIA, was_on_plan
from cpchair.rules.names import short_name as person_short_name
from cpchair.rules.plan_dates import plan_dates
from cpchair.rules.profiles import Profile, profile_for
from cpchair.rules.timescales import standing_rules
from cpchair.vocab import KIND_TITLES, Category

TITLE = "Letter from the conference chair"

# What each category means, in our own plain words: for an adult, and for a young person.
CATEGORY_MEANS: dict[Category, str] = {
    "neglect": "a child not getting the care every child needs, such as enough food, a warm "
    "and safe home, health care, or an adult keeping them safe",
    "emotional_abuse": "harm to how a child feels and grows up, for example from being "
    "frightened or put down, or from seeing or hearing violence or shouting at home",
    "physical_abuse": "a child being hurt, or at risk of being hurt, by what an adult does "
    "or does not do",
    "sexual_abuse": "a child being made or encouraged to take part in sexual activity, or "
    "being shown sexual things",
}
YOUNG_CATEGORY_MEANS: dict[Category, str] = {
    "neglect": "not always getting the care every child should have, like food, a safe home "
    "and an adult looking after you",
    "emotional_abuse": "things at home that can upset or frighten you, like shouting or fighting",
    "physical_abuse": "being hurt, or the risk of being hurt",
    "sexual_abuse": "someone doing sexual things that are not OK",
}
CATEGORY_NAMES: dict[Category, str] = {
    "neglect": "neglect",
    "emotional_abuse": "emotional abuse",
    "physical_abuse": "physical abuse",
    "sexual_abuse": "sexual abuse",
}
# The plan's dates as the letter names them.
DATE_NAMES = {
    "first_core_group": "First core group meeting",
    "first_visit": "First visit from the social worker",
    "review_conference": "Next child protection conference",
}


class LetterNeedsRecipient(fam.CopiesDiffer):
    """A letter is to one person: more than one family member could have it."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        super().__init__(keys)
        self.args = ("a letter is to one person; choose whose by key",)


def letter_model(
    case: CaseDoc,
    conference_key: str,
    recipient: str | None,
    *,
    settings_chair: tuple[str | None, str | None] = (None, None),
    profile: Profile | None = None,
) -> DocumentModel:
    """The reader's family copy, with the letter's facts: `recipient` a key or a unique name;
    None only when one family member receives a copy (`LetterNeedsRecipient` otherwise).
    `settings_chair` is the settings' (chair_name, chair_contact), the fallback."""
    from cpchair.documents.build import build

    conf = conference_by_key(case, conference_key)
    if recipient is None:
        family = fam.family_recipients(case, conf)
        if len(family) != 1:
            raise LetterNeedsRecipient(tuple(r.key or "" for r in family))
        recipient = family[0].key or ""
    profile = profile or profile_for(case.profile)
    model = build(case, conference_key, recipient=recipient, profile=profile)
    who = fam.find_recipient(case, conf, recipient)
    facts = letter_of(case, conf, who, profile, settings_chair)
    return replace(model, letter=facts)


def letter_of(
    case: CaseDoc,
    conference: ConferenceDoc,
    who: fam.Recipient,
    profile: Profile,
    settings_chair: tuple[str | None, str | None] = (None, None),
) -> Letter:
    """The facts of `who`'s letter, from the case as their family copy may see it."""
    case = family_case(case, fam.copy_for(case, conference, who))
    conf = conference_by_key(case, conference.key)
    previous = previous_conference(case, conf)
    me = _the_child(case, who)
    decided = {d.child: d for d in conf.decisions}
    decisions = {c.key for c in case.children if c.subject or c.key in decided}
    children = []
    for c in case.children:
        if c.key not in decisions:
            continue
        d = decided.get(c.key)
        children.append(
            ChildOutcome(
                name=short_name(c),
                you=c.key == me,
                outcome=d.outcome if d else None,
                categories=tuple(d.categories) if d else (),
                was_on_plan=conf.kind == "review" and was_on_plan(previous, c.key),
                someone_else_holds=bool(d and d.ending_criterion in NO_CIN_CRITERIA),
            )
        )
    plan_goes_on = not conf.decisions or any(d.outcome == "plan" for d in conf.decisions)
    standing = {s.key: s for s in standing_rules(conf.kind, conf.date, profile)}
    outline = standing.get("outline_plan_to_parents")
    record = standing.get("record_to_family")
    later = profile.later_core_groups
    core = set(conf.plan.core_group) if conf.plan else set()
    chair, contact = _chair(conf, settings_chair)
    attendee = next((a for a in conf.attendees if a.key == who.attendee), None)
    return Letter(
        reader=who.name,
        greeting=who.name if who.agency == "advocate" else person_short_name(who.name) or who.name,
        young=me is not None,
        role=who.agency,
        came=attendee is not None and attendee.attendance in ("present", "excluded"),
        chair=chair,
        chair_contact=contact,
        kind=conf.kind,
        children=tuple(children),
        plan_goes_on=plan_goes_on,
        dates=_dates(case, conf, profile) if plan_goes_on else (),
        later_core_groups=every(later.period) if later and plan_goes_on else None,
        outline_at_end=outline is not None and outline.date == conf.date,
        outline_by=date_text(outline.date) if outline and outline.date != conf.date else None,
        record=fam.receives_record(case, conf, who),
        record_by=date_text(record.date) if record else None,
        in_core_group=bool(core & {who.attendee, who.person} - {None}),
        cin_minimum=str(m.period) if (m := profile.cin_support_minimum) else None,
    )


def _chair(
    conf: ConferenceDoc, settings_chair: tuple[str | None, str | None]
) -> tuple[str, str | None]:
    """Who signs, and how to reach them (see the module docstring)."""
    mine, my_contact = ((s or "").strip() or None for s in settings_chair)
    chair = conf.chair.strip() or mine or ""
    contact = (conf.chair_contact or "").strip() or None
    if contact is None and mine is not None and chair.casefold() == mine.casefold():
        contact = my_contact
    return chair, contact


def _the_child(case: CaseDoc, who: fam.Recipient) -> str | None:
    """The subject child a young person's letter is for: the reader is on the list as the
    child and their name is one subject child's, whole or by first name."""
    if who.agency != "child":
        return None
    name = " ".join(who.name.casefold().split())
    found = [
        c.key
        for c in case.children
        if c.subject
        and name in {f"{c.first_name} {c.last_name}".casefold().strip(), c.first_name.casefold()}
    ]
    return found[0] if len(found) == 1 else None


def _dates(case: CaseDoc, conf: ConferenceDoc, profile: Profile) -> tuple[KeyDate, ...]:
    out = []
    for d in sorted(plan_dates(case, conf, profile), key=lambda d: d.set or d.due or conf.date):
        if d.set is not None:
            out.append(KeyDate(d.field, date_text(d.set), True, False))
        elif d.due is not None:
            out.append(KeyDate(d.field, date_text(d.due), False, d.early))
    return tuple(out)


# --- Laid out --------------------------------------------------------------------------------


def letter_layout(model: DocumentModel) -> Layout:
    letter = model.letter
    if letter is None:
        raise ValueError("not a letter: build it with letter_model")
    running = [model.reference, "Letter from the chair", model.date, f"For {letter.reader}"]
    if model.draft:
        running.insert(0, "DRAFT")
    sections = (
        Section("What the conference decided", tuple(_decided(model, letter))),
        Section("Dates to know", tuple(_key_dates(letter))),
        Section("What happens next", tuple(_next(model, letter))),
        Section("Questions and complaints", tuple(_complaints(model, letter))),
    )
    return Layout(
        kind="letter",
        title=TITLE,
        subtitle=f"After the {_conference(letter)} on {model.date}",
        running=" · ".join(running),
        draft=(
            "DRAFT: the conference has not finished yet, so what this letter says may still change."
            if model.draft
            else None
        ),
        family=None,  # it names no one's address or phone but the chair's, so says nothing
        details=_details(model, letter),
        sections=tuple(s for s in sections if s.blocks),
        closing=(
            "This letter is private. Please keep it safe, and do not share it unless the "
            "chair agrees or a court orders it."
        ),
    )


def _details(model: DocumentModel, letter: Letter) -> Fields:
    rows = [("To", letter.reader), ("From", f"{letter.chair or 'The chair'}, conference chair")]
    if letter.chair_contact:
        rows.append(("Contact the chair", letter.chair_contact))
    rows += [
        ("Conference", f"{model.conference}, {model.date}"),
        ("Social worker", model.lead_social_worker),
        ("Case reference", model.reference),
    ]
    return Fields(tuple(rows))


def _names(children: tuple[ChildOutcome, ...]) -> str:
    return and_list(["you" if c.you else c.name for c in children])


def _decided(model: DocumentModel, letter: Letter) -> list[Block]:
    young = letter.young
    about = _names(letter.children) or "your family"
    if young:
        about = "you and your family" if len(letter.children) <= 1 else f"{about}"
    opening = (
        f"Thank you for coming to the {_conference(letter)} on {model.date}."
        if letter.came
        else f"I am writing to you about the {_conference(letter)} on {model.date}."
    )
    blocks: list[Block] = [
        Para(f"Dear {letter.greeting},"),
        Para(
            f"{opening} I chaired the meeting. This letter tells you what was decided, the "
            "dates to know, what happens next, and what to do if you are unhappy."
        ),
    ]
    if young:
        blocks.append(
            Para(
                f"A child protection conference is a meeting about {about}. Your family and "
                "the people who work with you meet to decide what needs to happen to keep "
                "children safe."
            )
        )
    else:
        blocks.append(
            Para(
                "A child protection conference is a meeting of the family and the "
                "professionals who know the children. It decides whether a child needs a "
                "child protection plan to keep them safe."
            )
        )
    blocks += [Para(_child_line(c, letter)) for c in letter.children]
    on_plan = [c for c in letter.children if c.outcome == "plan"]
    if on_plan:
        blocks.append(Para(_what_a_plan_is(young)))
    used: list[Category] = []
    for c in on_plan:
        used += [k for k in c.categories if k not in used]
    if used:
        means = YOUNG_CATEGORY_MEANS if young else CATEGORY_MEANS
        intro = (
            "Here is what those words mean:"
            if young
            else "The main worry is what the conference calls the category. Here is what "
            "each one means:"
        )
        blocks.append(Para(intro))
        blocks.append(Bullets(tuple(f"{_cap(CATEGORY_NAMES[k])} means {means[k]}." for k in used)))
    return blocks


def _child_line(c: ChildOutcome, letter: Letter) -> str:
    """One child's decision as a sentence, with the category and what follows."""
    them = "you" if c.you else c.name
    who = _cap(them)
    whose = "Your" if c.you else f"{_cap(c.name)}'s"
    family = "you and your family" if letter.young else "the family"
    if c.outcome is None:
        return f"No decision has been made yet about {them}."
    if c.outcome == "plan":
        worry = and_list([CATEGORY_NAMES[k] for k in c.categories])
        are = "worries are" if len(c.categories) > 1 else "worry is"
        because = f" The main {are} {worry}." if worry else ""
        if c.was_on_plan:
            return f"{whose} child protection plan will carry on.{because}"
        return f"{who} will have a child protection plan.{because}"
    if c.was_on_plan:
        ends = f"{whose} child protection plan ends."
        if c.someone_else_holds:
            return f"{ends} Other arrangements now keep {them} safe."
        if c.outcome == "child_in_need" or letter.cin_minimum:
            helped = f" for at least {letter.cin_minimum}" if letter.cin_minimum else ""
            return (
                f"{ends} Instead, {them} will have a child in need plan{helped}. The social "
                f"worker will keep working with {family} on the help {them} "
                f"{'need' if c.you else 'needs'}."
            )
        return f"{ends} The conference decided that no further action is needed."
    if c.outcome == "child_in_need":
        return (
            f"{who} will not have a child protection plan. Instead, {them} will have a child "
            f"in need plan: the social worker will work with {family} on the help {them} "
            f"{'need' if c.you else 'needs'}."
        )
    return (
        f"{who} will not have a child protection plan. The conference decided that no "
        "further action is needed."
    )


def _what_a_plan_is(young: bool) -> str:
    if young:
        return (
            "A child protection plan is a written plan to help keep children safe. It says "
            "what needs to change, what each adult will do to help, and by when."
        )
    return (
        "A child protection plan is a written plan to keep a child safe. It says what needs "
        "to change, who will do what to help, and by when. You and the professionals work on "
        "it together."
    )


def _key_dates(letter: Letter) -> list[Block]:
    if not letter.plan_goes_on:
        return []
    rows = []
    for d in letter.dates:
        if d.fixed:
            when = d.on
        elif d.early:
            when = f"Before {d.on}: the date is still to be fixed"
        else:
            when = f"By {d.on}: the date is still to be fixed"
        rows.append((DATE_NAMES[d.field], when))
    if not rows:
        return []
    blocks: list[Block] = [Fields(tuple(rows))]
    blocks.append(Para("The social worker will tell you the times and places."))
    return blocks


def _next(model: DocumentModel, letter: Letter) -> list[Block]:
    young = letter.young
    items: list[str] = []
    if letter.outline_at_end:
        items.append(
            "The outline plan was handed out at the end of the conference. It lists what "
            "everyone agreed to do, and by when. If you do not have a copy, ask the social "
            "worker."
        )
    elif letter.outline_by:
        items.append(
            f"You will get the outline plan by {letter.outline_by}. It lists what everyone "
            "agreed to do, and by when."
        )
    items.append(_record_line(model, letter))
    if letter.plan_goes_on:
        core = "The core group is the family and the professionals who carry out the plan together."
        if letter.in_core_group:
            core += " You are part of it."
        first = next((d for d in letter.dates if d.field == "first_core_group"), None)
        if first is not None:
            core += f" It first meets on {first.on}" if first.fixed else (
                f" It should first meet by {first.on}")  # fmt: skip
            core += f", then {letter.later_core_groups}." if letter.later_core_groups else "."
        items.append(core)
        review = next((d for d in letter.dates if d.field == "review_conference"), None)
        when = ""
        if review is not None:
            when = f", on {review.on}," if review.fixed else f", which should be by {review.on},"
        items.append(
            f"At the next conference{when} everyone looks at how the plan is going and "
            "decides whether it is still needed."
        )
        if letter.role == "advocate":
            items.append("You can help the child you support to have their say at the next "
                         "conference.")  # fmt: skip
        elif letter.role == "supporter":
            pass  # they are the support
        elif young:
            items.append(
                "You can tell the next conference what you think: by coming, by writing it "
                "down, or through an advocate, who is someone whose job is to help you have "
                "your say."
            )
        else:
            items.append(
                "You can bring someone to support you at the next conference, such as a "
                "relative or a friend. Tell the social worker who is coming."
            )
    items.append(
        f"The social worker is {model.lead_social_worker}. Ask them if you have questions "
        "about the plan."
    )
    return [Bullets(tuple(items))]


def _record_line(model: DocumentModel, letter: Letter) -> str:
    if letter.record is None:
        return (
            "The full record of the conference (the minutes) goes to the parents and the "
            "professionals. Supporters do not get a copy."
        )
    if letter.record == "family_if_chair_agrees":
        return (
            "There is also a full record of the conference (the minutes). I will let you know "
            "whether you will get a copy."
        )
    by = f" by {letter.record_by}" if letter.record_by else " when it is ready"
    out = " what was said while you were out of the room, and" if model.withheld else ""
    return (
        f"You will get the full record of the conference (the minutes){by}. Your copy leaves "
        f"out{out} anything given in confidence."
    )


def _complaints(model: DocumentModel, letter: Letter) -> list[Block]:
    chair = letter.chair or "the chair"
    if letter.chair_contact:
        blocks: list[Block] = [
            Para(f"If you have a question about this letter, contact me: {letter.chair_contact}.")
        ]
    else:
        blocks = [
            Para(
                f"If you have a question about this letter, ask the social worker, "
                f"{model.lead_social_worker}, how to contact me."
            )
        ]
    if model.complaints:
        blocks.append(Para(model.complaints))
    blocks += [Para("Yours sincerely,"), Para(chair), Para("Conference chair")]
    return blocks


def _conference(letter: Letter) -> str:
    """ "initial child protection conference", as the family's invitation named it."""
    return KIND_TITLES[letter.kind].lower()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = [
    "CATEGORY_MEANS",
    "YOUNG_CATEGORY_MEANS",
    "ChildOutcome",
    "KeyDate",
    "Letter",
    "LetterNeedsRecipient",
    "letter_layout",
    "letter_model",
    "letter_of",
]
