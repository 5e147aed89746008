"""The copies the chair hands out, person by person, and what to check before writing one.

Pure: the close stage and the document window show these; `family.py` holds the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from cpchair.caseio.schema import CaseDoc
from cpchair.documents import family as fam
from cpchair.documents.blocks import Kind
from cpchair.documents.echoes import Echo, echoes
from cpchair.documents.model import conference_by_key

FULL_LINE = "For the professionals: everything, confidential entries included"


@dataclass(frozen=True)
class CopyOffer:
    """One copy to hand out: the full copy (key None) or a family member's own."""

    key: str | None
    who: str  # "Jodie Hadley (Mother)"
    leaves_out: str  # one line: what this copy leaves out, and why
    record: fam.Copy | None  # their copy of the record; None: the outline plan only
    restriction: fam.Restriction | None


def copies_offered(case: CaseDoc, conference_key: str) -> list[CopyOffer]:
    """The full copy, then each family recipient's, in the order of the attendee list."""
    conf = conference_by_key(case, conference_key)
    offers = [CopyOffer(None, "Full copy", FULL_LINE, "full", None)]
    for r in fam.family_recipients(case, conf):
        offers.append(
            CopyOffer(
                key=r.key,
                who=f"{r.name} ({r.role})" if r.role else r.name,
                leaves_out=fam.leaves_out(case, conf, r),
                record=fam.receives_record(case, conf, r),
                restriction=fam.restriction_of(case, r),
            )
        )
    return offers


@dataclass(frozen=True)
class Cautions:
    """What the chair is asked about before a family copy is written."""

    who: str
    restriction: fam.Restriction | None
    echoes: tuple[Echo, ...]

    def __bool__(self) -> bool:
        return self.restriction is not None or bool(self.echoes)

    def detail(self) -> str:
        """For the chair's screen (it quotes the repeated words; never for a log)."""
        lines = []
        if self.restriction == "contact_confidential":
            lines.append(
                f"{self.who}'s contact details are confidential: this copy names no one's "
                f"address or contact details. Give it to {self.who} alone."
            )
        elif self.restriction == "no_contact":
            lines.append(
                f"A no-contact condition is recorded for {self.who}: this copy names no one's "
                f"address or contact details. Give it to {self.who} alone."
            )
        if self.echoes:
            lines.append("Its text repeats words of something given in confidence:")
            lines += [f'· {e.part}: "{e.words}" ({e.source})' for e in self.echoes]
        return "\n".join(lines)


def cautions(case: CaseDoc, conference_key: str, recipient: str, kind: Kind) -> Cautions:
    """Before writing `recipient`'s copy: their restriction, and any words of a confidential
    entry the copy repeats (`echoes.py`). `family.RecipientError` when they receive no such
    copy (a supporter and the record)."""
    from cpchair.documents import model_for  # the package imports this module's neighbours

    conf = conference_by_key(case, conference_key)
    r = fam.find_recipient(case, conf, recipient)
    model = model_for(case, conference_key, True, recipient, kind)
    return Cautions(r.name, fam.restriction_of(case, r), echoes(model, case, conference_key, kind))


__all__ = ["FULL_LINE", "Cautions", "CopyOffer", "cautions", "copies_offered"]
