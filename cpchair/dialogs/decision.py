"""The decision for one child, recorded whole.

The views, one per agency, give the outcome and the method (`rules/decisions.py`); the chair
confirms or changes the outcome, names the categories for a plan (the first is the primary
concern), and writes what the rules ask for: the chair's own reasons on a split or an
overrule, and the reason a plan ends. Agencies whose view differs from the outcome are shown as
minority views, or, when the chair overrules or decides a split, as the view the chair decided
against (`rules.decisions.differing_views`). A formal dissent is recorded only when the chair
ticks it for one of them that challenges the decision (004: "the dissent process should only
be used where the decision and outcome of the meeting is being challenged"), prefilled with
the agency's reason to edit.
A divided agency is named, not counted. Ctrl+S records it through `save` once nothing blocks;
a refusal, the window's own or the store's, keeps the window open with everything in it and
says why on the line above the keys. Leaving without recording (Escape, or to put right what
blocks it, such as a key action still open) keeps what was chosen and typed through `keep`, to
be put back when the window is opened again; it is kept as it is typed too, against a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static

from cpchair.caseio.schema import ConferenceDoc, DecisionDoc, DissentDoc
from cpchair.rules.ages import describe_age
from cpchair.rules.child_names import in_sentence
from cpchair.rules.decisions import (
    DifferingView,
    actions_checked,
    comes_off_plan,
    criteria_offered,
    decision_problems,
    differing_views,
    first_review_restricted,
    is_first_review,
    recorded_method,
    tally,
    what_follows,
)
from cpchair.rules.profiles import Profile
from cpchair.store.meeting import MeetingState
from cpchair.vocab import AGENCY_LABELS, CATEGORY_LABELS, OUTCOME_LABELS, Category, Outcome
from cpchair.widgets.draft_input import DraftKeeper
from cpchair.widgets.fields import TickBox

OUTCOMES = [(label, code) for code, label in OUTCOME_LABELS.items()]
CATEGORIES = [(label, code) for code, label in CATEGORY_LABELS.items()]
METHOD_TEXT = {
    "unanimous": "Unanimous: the conference's decision.",
    "majority": "By a majority: the conference's decision.",
    "chair_on_split": "The views are split: the chair decides, and must say why.",
    "chair_overrule": "The chair is overruling the conference, and must say why.",
}
KEYS = "Ctrl+S records the decision · Escape leaves (what is typed is kept)"

Save = Callable[[dict[str, Any]], None]  # records the decision; raises EditError to refuse
Keep = Callable[[dict[str, Any] | None], None]  # keeps the window's draft; None forgets it


class DecisionEditor(ModalScreen[dict[str, Any] | None]):
    DEFAULT_CSS = """
    DecisionEditor { align: center middle; }
    DecisionEditor > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $accent; background: $surface;
    }
    DecisionEditor #title { text-style: bold; }
    DecisionEditor .label { color: $text-muted; padding-top: 1; }
    DecisionEditor #method { text-style: bold; padding-top: 1; }
    DecisionEditor #divided { color: $text-warning; height: auto; }
    DecisionEditor #problems { color: $text-error; padding-top: 1; height: auto; }
    DecisionEditor #kept { color: $text-warning; height: auto; }
    DecisionEditor #follows { color: $text-muted; height: auto; }
    DecisionEditor SelectionList { height: auto; max-height: 6; }
    DecisionEditor VerticalScroll > Vertical { height: auto; }
    DecisionEditor #dissents Vertical { height: auto; }
    DecisionEditor #dissents Checkbox { border: none; padding: 0; }
    /* Why Ctrl+S was refused, and the keys, always in sight at the window's foot. */
    DecisionEditor #foot { dock: bottom; height: auto; background: $panel; }
    DecisionEditor #hint { color: $text-muted; }
    DecisionEditor #refused { height: auto; color: $text-error; text-style: bold; }
    """
    # on_mount chooses the focus: Textual's own pick would scroll the title out of sight.
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "record", "Record the decision", id="decision.record"),
        Binding("escape", "cancel", "Leave", id="decision.cancel"),
    ]

    def __init__(
        self,
        state: MeetingState,
        child: str,
        previous: ConferenceDoc | None,
        profile: Profile | None,
        today: dt.date,
        save: Save,
        *,
        draft: dict[str, Any] | None = None,
        keep: Keep | None = None,
    ) -> None:
        super().__init__()
        self.state = state
        self.conf = state.conf
        found = state.child(child)
        assert found is not None, "the window is opened for a child of the case"
        self.child = found
        self.previous = previous
        self.profile = profile
        self.today = today
        self.save = save
        self.keep = keep or (lambda _draft: None)
        self.draft = draft  # what was chosen and typed when the window was last left
        self._keeper = DraftKeeper(self, self._keep_now)
        self.tally = tally(self.conf, child)
        self.existing = next((d for d in self.conf.decisions if d.child == child), None)
        # Formal dissents, by agency: whether the chair records one, who for the agency, why.
        self.dissent_on: dict[str, bool] = {}
        self.dissent_who: dict[str, str] = {}
        self.dissent_text: dict[str, str] = {}
        for d in self.existing.dissents if self.existing else []:
            agency = self._agency_of(d.attendee)
            self.dissent_on[agency] = True
            self.dissent_who.setdefault(agency, d.attendee)
            before = self.dissent_text.get(agency)
            self.dissent_text[agency] = f"{before} {d.reason}" if before else d.reason
        if draft is not None:
            self._restore_dissents(draft)
        self.changed = False
        self._ready = False  # changes posted while the window is built are not the chair's

    def _agency_of(self, attendee: str) -> str:
        who = self.state.attendee(attendee)
        return who.agency if who else attendee

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        c = self.child
        d = self.existing
        kept = self.draft or {}
        age = describe_age(c.date_of_birth, c.expected_birth_date, self.today)
        outcome = d.outcome if d else self.tally.outcome
        outcome = kept.get("outcome", outcome)
        with VerticalScroll(can_focus=False):  # the fields take the focus, not the frame
            yield Static(f"Decision for {in_sentence(c)} ({age})", id="title", markup=False)
            if self.draft is not None:
                yield Static("Not recorded yet: put back as it was left. Ctrl+S records it.",
                             id="kept")  # fmt: skip
            yield Static(self.tally.explain(), id="tally", markup=False)
            yield Static(self._divided_text(), id="divided", markup=False)
            yield Label("Outcome", classes="label")
            yield Select(OUTCOMES, value=_known(outcome, OUTCOME_LABELS), id="outcome",
                         prompt="Choose")  # fmt: skip
            yield Static("", id="method", markup=False)
            with Vertical(id="plan-part"):
                yield Label("Primary category", classes="label")
                primary = d.categories[0] if d and d.categories else None
                primary = kept.get("primary", primary)
                yield Select(CATEGORIES, value=_known(primary, CATEGORY_LABELS), id="primary",
                             prompt="Choose")  # fmt: skip
                yield Label("Other categories", classes="label")
                others = kept.get("others", d.categories[1:] if d else [])
                yield SelectionList[str](
                    *[(label, code, code in others) for label, code in CATEGORIES], id="others"
                )
            with Vertical(id="rationale-part"):
                yield Label("The chair's reasons", id="rationale-label", classes="label")
                rationale = kept.get("rationale", (d.rationale or "") if d else "")
                # Not select-all on focus: Tab in and a stray key would replace the reasons.
                yield Input(str(rationale), id="rationale", select_on_focus=False,
                            placeholder="why the chair decided this")  # fmt: skip
            with Vertical(id="ending-part"):
                yield Label("The plan ends because", id="criterion-label", classes="label")
                offered = criteria_offered(self.conf, self.previous, self.profile)
                chosen = d.ending_criterion if d and d.ending_criterion else None
                chosen = kept.get("criterion", chosen)
                # Never a criterion the chair did not choose: nothing is chosen to begin with.
                yield Select([(label, key) for key, label in offered],
                             value=chosen if chosen in dict(offered) else Select.NULL,
                             id="criterion", prompt="Choose the reason")  # fmt: skip
            yield Vertical(id="dissents")
            yield Static("", id="follows", markup=False)
            yield Static("", id="problems", markup=False)
            with Vertical(id="foot"):
                refused = Static("", id="refused", markup=False)
                refused.display = False  # until Ctrl+S is refused
                yield refused
                yield Static(KEYS, id="hint")

    def _divided_text(self) -> str:
        lines = []
        for agency in self.tally.agencies:
            if agency.divided:
                views = "; ".join(
                    f"{self._person(k)}: {OUTCOME_LABELS[v].lower()}" for k, v in agency.staff
                )
                lines.append(
                    f"{agency.label} is divided ({views}), so it is not counted: ask the agency "
                    "to settle its view in the grid."
                )
        return "\n".join(lines)

    def _person(self, attendee: str) -> str:
        who = self.state.attendee(attendee)
        return who.name if who else "someone"

    def on_mount(self) -> None:
        self.query_one("#outcome", Select).focus(scroll_visible=False)  # in sight at the top
        self.query_one("#divided").display = bool(self.tally.divided)
        self._refresh()
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self._ready = True

    def _touched(self) -> None:
        """The chair changed something: a refusal said before may no longer hold, and what
        is here is kept as it changes, as the meeting's drafts are (`DraftKeeper`)."""
        if not self._ready:
            return  # changes posted while the window is built are not the chair's
        self.changed = True
        self.query_one("#refused").display = False
        self._keeper.changed()

    def _keep_now(self) -> None:
        self._keeper.stop()
        if self.changed:
            self.keep(self.draft_values())

    # --- the draft decision ----------------------------------------------------------------------

    def _outcome(self) -> Outcome | None:
        value = self.query_one("#outcome", Select).value
        return next((code for _, code in OUTCOMES if code == value), None)

    def _categories(self) -> list[Category]:
        primary = self.query_one("#primary", Select).value
        chosen = [code for _, code in CATEGORIES if code == primary]
        others = self.query_one("#others", SelectionList).selected
        return chosen + [code for _, code in CATEGORIES if code in others and code not in chosen]

    def _criterion(self) -> str | None:
        value = self.query_one("#criterion", Select).value
        return None if value is Select.NULL else str(value)

    def _ends(self, outcome: Outcome | None) -> bool:
        if outcome is None:
            return False
        return comes_off_plan(self.child.key, outcome, self.conf, self.previous)

    def _draft(self) -> DecisionDoc | None:
        outcome = self._outcome()
        if outcome is None:
            return None
        method = recorded_method(self.tally, outcome)
        return DecisionDoc.model_construct(
            child=self.child.key,
            outcome=outcome,
            categories=self._categories() if outcome == "plan" else [],
            method=method or "chair_overrule",
            rationale=self.query_one("#rationale", Input).value.strip() or None,
            dissents=[
                DissentDoc.model_construct(
                    attendee=self.dissent_who[a], reason=self.dissent_text.get(a, "")
                )
                for a in self._dissent_rows(outcome)
                if self.dissent_on.get(a)
            ],
            # Only while the plan is ending: a criterion is never kept for a plan that goes on.
            ending_criterion=self._criterion() if self._ends(outcome) else None,
        )

    def _differing(self, outcome: str | None) -> dict[str, DifferingView]:
        """The agencies whose view differs from the outcome, minority or not."""
        if outcome is None:
            return {}
        return {v.agency: v for v in differing_views(self.tally, outcome)}  # type: ignore[arg-type]

    def _dissent_rows(self, outcome: str | None) -> list[str]:
        """Agencies offered a formal dissent: those whose view differs from the outcome (a
        minority view, or one the chair decided against), and any already recorded or ticked
        (so nothing the chair chose disappears when the outcome changes)."""
        rows = list(self._differing(outcome))
        rows += [a for a, on in self.dissent_on.items() if on and a not in rows]
        return rows

    def _refresh(self) -> None:
        draft = self._draft()
        outcome = draft.outcome if draft else None
        self.query_one("#plan-part").display = outcome == "plan"
        method = draft.method if draft else None
        needs_reasons = method in ("chair_on_split", "chair_overrule")
        self.query_one("#rationale-label", Label).update(
            "The chair's reasons (needed: the chair is deciding)" if needs_reasons
            else "The chair's reasons (optional)"
        )  # fmt: skip
        self.query_one("#method", Static).update(
            "" if draft is None else
            METHOD_TEXT[draft.method] if self.tally.method else
            "No agency's view is counted for this child yet: record the views first."
        )  # fmt: skip
        ending = draft is not None and self._ends(draft.outcome)
        self.query_one("#ending-part").display = ending
        required = is_first_review(self.conf, self.previous) and first_review_restricted(
            self.profile
        )
        self.query_one("#criterion-label", Label).update(
            "The plan ends at the first review because (one is needed)" if required
            else "The plan ends because (optional)"
        )  # fmt: skip
        self._show_dissents(outcome)
        follows = () if draft is None else what_follows(
            draft.outcome, plan_ended=ending, ending_criterion=draft.ending_criterion,
            profile=self.profile,
        )  # fmt: skip
        self.query_one("#follows", Static).update("\n".join(f"· {line}" for line in follows))
        self.query_one("#problems", Static).update("\n".join(f"✗ {p}" for p in self.problems()))

    def _show_dissents(self, outcome: str | None) -> None:
        box = self.query_one("#dissents", Vertical)
        wanted = self._dissent_rows(outcome)
        have = [i.id.removeprefix("dissent-on-") for i in box.query(Checkbox) if i.id]
        if wanted == have:
            return
        box.remove_children()
        differing = self._differing(outcome)
        widgets: list[Any] = []
        for agency in wanted:
            label = AGENCY_LABELS.get(agency, agency)
            self._prefill(agency)
            if (v := differing.get(agency)) is not None:
                note = f"{v.heading()}: {OUTCOME_LABELS[v.view].lower()}."
            else:
                note = f"{label}: a formal dissent is recorded."
            on = self.dissent_on.get(agency, False)
            # Not select-all on focus: the agency's own reason is there to be edited.
            reason = Input(self.dissent_text.get(agency, ""), id=f"dissent-{agency}",
                           select_on_focus=False,
                           placeholder="why the agency challenges the decision")  # fmt: skip
            reason.display = on
            widgets.append(
                Vertical(
                    Label(note, classes="label", markup=False),
                    TickBox(  # Space lands here, however fast the next Tab
                        f"{label} challenges the decision: record a formal dissent",
                        on,
                        id=f"dissent-on-{agency}",
                    ),
                    reason,
                )
            )
        box.mount_all(widgets)

    def _prefill(self, agency: str) -> None:
        """Who speaks for the agency's dissent, and its reason to start from: the agency's
        own reasons for its view (never saved unless the chair ticks the box), leaving out any
        given in confidence, which would otherwise reach family copies as the dissent's."""
        view = self.tally.agency(agency)
        staff = [k for k, _ in view.staff] if view else []
        if staff:
            self.dissent_who.setdefault(agency, staff[0])
        if agency not in self.dissent_text:
            reasons = {
                v.attendee: v.reason
                for v in self.conf.votes
                if v.child == self.child.key and not v.confidential
            }
            given = list(dict.fromkeys(reasons[k] for k in staff if reasons.get(k)))
            self.dissent_text[agency] = " ".join(given)

    def problems(self) -> list[str]:
        """What stops the decision being recorded, in the chair's words."""
        draft = self._draft()
        if draft is None:
            return ["Choose the outcome."]
        if self.tally.method is None:
            return ["Record the agencies' views first (the grid behind this window)."]
        out = []
        for p in decision_problems(draft, self.conf, self.previous, self.profile):
            if not p.blocking:
                continue
            out.append(p.message)
            if p.code == "key_actions_open":
                plan = actions_checked(self.conf, self.previous)
                for i in p.actions:
                    if plan is not None and i < len(plan.actions):
                        out.append(f"   open: {plan.actions[i].what}")
                out.append("   Update their status in the Plan stage (8) first.")
        return out

    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        self._touched()
        self._refresh()

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        event.stop()
        box_id = event.checkbox.id or ""
        if not box_id.startswith("dissent-on-"):
            return
        agency = box_id.removeprefix("dissent-on-")
        self._touched()
        self.dissent_on[agency] = event.value
        reason = self.query_one(f"#dissent-{agency}", Input)
        reason.display = event.value
        if event.value and self._ready:  # on to its reason, scrolled into sight
            self.call_after_refresh(reason.focus)
        self.query_one("#problems", Static).update("\n".join(f"✗ {p}" for p in self.problems()))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._touched()
        if event.input.id and event.input.id.startswith("dissent-"):
            self.dissent_text[event.input.id.removeprefix("dissent-")] = event.value
        self.query_one("#problems", Static).update("\n".join(f"✗ {p}" for p in self.problems()))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # --- answers ---------------------------------------------------------------------------------

    def action_record(self) -> None:
        problems = self.problems()
        draft = self._draft()
        if problems or draft is None:
            self.query_one("#problems", Static).update("\n".join(f"✗ {p}" for p in problems))
            self._refuse(problems)
            return
        values = {
            "outcome": draft.outcome,
            "method": draft.method,
            "categories": draft.categories,
            "rationale": draft.rationale,
            "dissents": [(x.attendee, x.reason) for x in draft.dissents],
            "ending_criterion": draft.ending_criterion,
        }
        try:
            self.save(values)
        except ValueError as exc:  # EditError or InputError: written for the chair
            self._refuse([str(exc)])
            return
        self._keeper.stop()
        self.keep(None)  # recorded: nothing to put back
        self.dismiss(values)

    def _refuse(self, reasons: list[str]) -> None:
        """Not recorded: the window stays, everything in it kept, and says why at its foot."""
        first = reasons[0].strip().rstrip(".") if reasons else "something is missing"
        more = " More at the end of the window." if len(reasons) > 1 else ""
        line = f"Not recorded: {first}.{more}"
        refused = self.query_one("#refused", Static)
        refused.update(line)
        refused.display = True
        if self.focused is not None:  # the taller foot must not hide the field in use
            self.call_after_refresh(self.focused.scroll_visible, animate=False)
        if self.changed:
            self._keep_now()
        self.app.bell()

    # --- what is kept when the window is left ----------------------------------------------------

    def draft_values(self) -> dict[str, Any]:
        """Everything chosen and typed here, as plain data to keep and put back."""
        primary = self.query_one("#primary", Select).value
        return {
            "outcome": self._outcome(),
            "primary": None if primary is Select.NULL else str(primary),
            "others": [str(code) for code in self.query_one("#others", SelectionList).selected],
            "rationale": self.query_one("#rationale", Input).value,
            "criterion": self._criterion(),
            # Only agencies the chair ticked at some time: the others' reasons are prefilled.
            "dissent_on": dict(self.dissent_on),
            "dissent_who": {a: self.dissent_who[a] for a in self.dissent_on
                            if a in self.dissent_who},
            "dissent_text": {a: self.dissent_text[a] for a in self.dissent_on
                             if a in self.dissent_text},
        }  # fmt: skip

    def _restore_dissents(self, draft: dict[str, Any]) -> None:
        """The formal dissents as they were left, for people still at this conference."""
        who = draft.get("dissent_who", {})
        for agency, ticked in draft.get("dissent_on", {}).items():
            speaker = who.get(agency, self.dissent_who.get(agency))
            if not isinstance(speaker, str) or self.state.attendee(speaker) is None:
                continue
            self.dissent_on[agency] = bool(ticked)
            self.dissent_who[agency] = speaker
            text = draft.get("dissent_text", {}).get(agency)
            if isinstance(text, str):
                self.dissent_text[agency] = text

    def unsaved_on_quit(self) -> list[str]:
        """Asked by the app before quitting: what is here is kept, so nothing is lost."""
        self._keeper.stop()
        if self.changed:
            self.keep(self.draft_values())
        return []

    def action_cancel(self) -> None:
        """Leave without recording: what was chosen and typed is kept, not thrown away."""
        self._keeper.stop()
        if self.changed:
            self.keep(self.draft_values())
        self.dismiss(None)


def _known(value: object, labels: Collection[str]) -> object:
    """A Select's value: `value` if it is one of the options, else nothing chosen."""
    return value if isinstance(value, str) and value in labels else Select.NULL
