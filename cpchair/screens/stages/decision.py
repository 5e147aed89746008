"""Decision: each agency's view for each child, then the decision for each child.

The grid has a row per voting professional present, with their agency, and a column per
child. One key gives a view (p a child protection plan, c a child in need plan, n no further
action), moves the cursor on to the next cell and puts the keyboard in the reason box for that
view: type the reason and Enter, or Enter alone to give it later (r goes back to it). A person
giving the same view for another child has their reason carried over.

The views count one per agency (`rules.decisions.agency_views`): staff of one agency
who differ make it divided, shown under the grid for the chair to settle. d opens the decision
for the highlighted child, worked out from the views by `rules/decisions.py`.
"""

from __future__ import annotations

import json
from contextlib import suppress
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Static

from cpchair.rules.ages import describe_age
from cpchair.rules.child_names import first_name_of, in_sentence
from cpchair.rules.close import previous_conference
from cpchair.rules.decisions import (
    carried_reason,
    counted_voter,
    differing_views,
    missing_views,
    reason_shared_with,
    tally,
)
from cpchair.rules.names import short_name
from cpchair.screens.stages.base import StagePanel
from cpchair.store import edits
from cpchair.store.meeting import MeetingState
from cpchair.store.stale import Expect, StaleEdit, decided, voted, words
from cpchair.vocab import AGENCY_LABELS, CATEGORY_LABELS, OUTCOME_LABELS, Outcome
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.plain import plain

SHORT = {"plan": "CP plan", "child_in_need": "CiN", "no_further_action": "NFA"}
METHOD_WORDS = {
    "unanimous": "unanimous",
    "majority": "majority",
    "chair_on_split": "chair's decision on a split",
    "chair_overrule": "chair overruled",
}
SLOT = "decision.reason"
VIEW = words(OUTCOME_LABELS)
CONFIDENTIAL = words({True: "the reason is confidential", False: "the reason is not confidential"})
WINDOW_SLOT = "decision.window:"  # + child: the decision window as it was left, not recorded
# Agencies as the grid's narrow column shows them.
AGENCY_SHORT = {
    "childrens_social_care": "Social care",
    "adult_services": "Adult services",
    "voluntary": "Voluntary",
    "other_agency": "Other",
}


class VoteGrid(DataTable[Text]):
    DEFAULT_CSS = """
    VoteGrid { height: auto; max-height: 12; margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "vote('plan')", "CP plan", id="votes.plan"),
        Binding("c", "vote('child_in_need')", "Child in need", id="votes.cin"),
        Binding("n", "vote('no_further_action')", "No further action", id="votes.nfa"),
        Binding("backspace,delete", "vote('')", "Clear", id="votes.clear", show=False),
        Binding("r", "reason", "Reason", id="votes.reason"),
        Binding(
            "exclamation_mark",
            "confidential",
            "Reason confidential on/off",
            show=False,
            id="votes.confidential",
        ),
        Binding("d", "decide", "Decide", id="votes.decide"),
        Binding("o", "others", "Other children", id="votes.others"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="cell", **kwargs)
        self.voters: list[str] = []
        self.children_keys: list[str] = []
        self.advancing = False  # the cursor is moving on after a view, not by the arrows

    @property
    def panel(self) -> DecisionPanel:
        return self.query_ancestor(DecisionPanel)

    def current(self) -> tuple[str, str] | None:
        """(attendee key, child key) under the cursor."""
        row, column = self.cursor_coordinate
        if not self.voters or column < 1 or column > len(self.children_keys):
            return None
        return self.voters[row], self.children_keys[column - 1]

    def advance(self) -> None:
        """To the next child, then the next person: the order views are given in."""
        row, column = self.cursor_coordinate
        if column < len(self.children_keys):
            target = Coordinate(row, column + 1)
        elif row + 1 < len(self.voters):
            target = Coordinate(row + 1, 1)
        else:
            return  # the last cell: nothing moves, so no highlight will come to clear the flag
        self.advancing = True
        self.cursor_coordinate = target

    def action_vote(self, vote: str) -> None:
        """`vote` is an outcome's code, or "" to clear the view."""
        if (cell := self.current()) is not None:
            self.panel.give_view(*cell, next((o for o in OUTCOME_LABELS if o == vote), None))

    def action_confidential(self) -> None:
        if (cell := self.current()) is not None:
            self.panel.mark_confidential(*cell)

    def action_reason(self) -> None:
        self.panel.to_reason()

    def action_others(self) -> None:
        self.panel.toggle_other_children()

    def action_decide(self) -> None:
        cell = self.current()
        child = cell[1] if cell else (self.children_keys[0] if self.children_keys else None)
        if child is not None:
            self.panel.decide(child)


class DecisionPanel(StagePanel):
    TYPE_HINT = "p, c, n or r first"
    stage = "decision"
    DEFAULT_CSS = """
    DecisionPanel #reason-row { height: 1; margin: 0 1; }
    DecisionPanel #reason-label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    DecisionPanel #reason { width: 1fr; }
    DecisionPanel #missing { color: $warning; height: auto; padding: 0 1; }
    DecisionPanel #decisions-box { height: 1fr; }
    DecisionPanel #decisions { padding: 0 1; }
    """
    show_others: bool  # the household's other children shown (o), set in __init__

    def compose(self) -> ComposeResult:
        yield Static("Each agency's view", classes="section-title")
        yield VoteGrid(id="grid")
        with Horizontal(id="reason-row"):
            yield Static("Reason:", id="reason-label", markup=False)
            yield DraftInput(
                SLOT,
                self.save_draft,
                self.conference.drafts.get(SLOT, ""),
                file=self.file_reason,
                back=self.back_to_grid,
                id="reason",
                placeholder="why, for the view just given (Enter saves, Esc back)",
                compact=True,
            )
        yield Static(
            "p plan · c child in need · n no further action, then its reason · r reason · "
            "! confidential · d decide · o others",
            classes="hint",
        )
        yield Static("", id="missing", markup=False)
        with VerticalScroll(id="decisions-box"):
            yield Static("", id="decisions")

    def focus_first(self) -> None:
        self.query_one("#grid", VoteGrid).focus()

    def _voters(self, state: MeetingState) -> list[Any]:
        return [a for a in state.conf.attendees if counted_voter(a)]

    def _children(self, state: MeetingState) -> list[Any]:
        # The subject children; the household's other children only when asked for (o), so a
        # round of views is one key per view the conference needs.
        subjects = [c for c in state.case.children if c.subject]
        others = [c for c in state.case.children if not c.subject]
        decided = {v.child for v in state.conf.votes} | {d.child for d in state.conf.decisions}
        return subjects + [c for c in others if self.show_others or c.key in decided]

    def toggle_other_children(self) -> None:
        self.show_others = not self.show_others
        self.show(self.state)
        shown = "shown" if self.show_others else "hidden unless they have views"
        self.saved(f"other children of the household {shown}.")

    def show(self, state: MeetingState) -> None:
        grid = self.query_one("#grid", VoteGrid)
        voters, children = self._voters(state), self._children(state)
        keys = ([a.key for a in voters], [c.key for c in children])
        cursor = grid.cursor_coordinate
        if (grid.voters, grid.children_keys) != keys or not grid.columns:
            grid.clear(columns=True)
            grid.add_column("Voter", width=18)
            for c in children:
                grid.add_column(plain(first_name_of(c) + ("" if c.subject else "*")), key=c.key,
                                width=10)  # fmt: skip
            grid.add_column("Agency", key="agency", width=14)
            grid.voters, grid.children_keys = keys
            for a in voters:
                agency = AGENCY_SHORT.get(a.agency, AGENCY_LABELS.get(a.agency, a.agency))
                row = [plain(a.name), *[plain("") for _ in children], plain(agency)]
                grid.add_row(*row, key=a.key)
        votes = {(v.attendee, v.child): v for v in state.conf.votes}
        for r, a in enumerate(voters):
            for col, c in enumerate(children, start=1):
                vote = votes.get((a.key, c.key))
                cell = Text("·", style="dim") if vote is None else Text(SHORT[vote.vote])
                if vote is not None and not vote.reason:
                    cell.append(" ?", style="dim")  # a view without its reason yet
                if vote is not None and vote.confidential:
                    cell.append(" !", style="bold yellow")  # its reason kept from the family
                grid.update_cell_at(Coordinate(r, col), cell)
        if cursor.row < grid.row_count and cursor.column < len(grid.columns):
            grid.cursor_coordinate = cursor
        if grid.cursor_coordinate.column == 0 and children:
            grid.cursor_coordinate = Coordinate(grid.cursor_coordinate.row, 1)
        self._show_reason()
        self._show_missing(state)
        self._show_decisions(state)

    def _show_missing(self, state: MeetingState) -> None:
        names = {c.key: first_name_of(c) for c in state.case.children}
        subjects = [c.key for c in state.case.children if c.subject]
        gaps = [f"{names[g.child]} {len(g.agencies)}" for g in missing_views(state.conf, subjects)]
        self.query_one("#missing", Static).update(
            f"⚠ Agencies still to give a view (· in the grid): {', '.join(gaps)}" if gaps else ""
        )

    def _show_decisions(self, state: MeetingState) -> None:
        decided = {d.child: d for d in state.conf.decisions}
        text = Text()
        for c in self._children(state):
            age = describe_age(c.date_of_birth, c.expected_birth_date, self.today)
            text.append(f"{first_name_of(c)} ({age})", style="bold")
            if not c.subject:
                text.append(" not a subject child", style="dim")
            result = tally(state.conf, c.key)
            text.append(f": {result.explain()}\n")
            for agency in result.agencies:
                if agency.divided:
                    views = "; ".join(
                        f"{self._person(state, k)} {SHORT[v]}" for k, v in agency.staff
                    )
                    text.append(f"   ≠ {agency.label} is divided ({views}): not counted; "
                                "ask the agency to settle its view.\n", style="italic")  # fmt: skip
            d = decided.get(c.key)
            if WINDOW_SLOT + c.key in self.conference.drafts:
                text.append("   Not recorded: the decision window is kept as it was left; "
                            "d opens it.\n", style="italic")  # fmt: skip
            if d is None:
                if WINDOW_SLOT + c.key not in self.conference.drafts:
                    text.append("   No decision recorded yet: d decides.\n", style="dim")
                continue
            line = f"   Decided: {OUTCOME_LABELS[d.outcome]}"
            if d.categories:
                line += " (" + ", ".join(CATEGORY_LABELS[k] for k in d.categories) + ")"
            line += f", {METHOD_WORDS[d.method]}"
            text.append(line + "\n", style="bold")
            if d.rationale:
                text.append(f"   Chair's reasons: {d.rationale}\n")
            for v in differing_views(result, d.outcome):
                text.append(f"   {v.heading()}: {OUTCOME_LABELS[v.view].lower()}\n")
            for dissent in d.dissents:
                who = state.attendee(dissent.attendee)
                name = (
                    f"{AGENCY_LABELS.get(who.agency, who.agency)} ({who.name})"
                    if who
                    else ("an agency")
                )
                text.append(f"   Formal dissent, {name}: {dissent.reason}\n")
        self.query_one("#decisions", Static).update(text)

    @staticmethod
    def _person(state: MeetingState, key: str) -> str:
        who = state.attendee(key)
        return who.name if who else "someone"

    # --- views and reasons -----------------------------------------------------------------------

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The view just given: its reason is asked for next, even though the cursor has
        # moved on to the next child. Moving with the arrows makes the cursor's cell the one.
        self.just_given: tuple[str, str] | None = None
        self.show_others = False
        # The reason the box last showed as saved, and for which view: what its save is made
        # from (after a refusal: the other seat's, so that saving again is deliberate).
        self.reason_seen: tuple[tuple[str, str] | None, str] = (None, "")

    def reason_target(self) -> tuple[str, str] | None:
        return self.just_given or self.query_one("#grid", VoteGrid).current()

    @on(DataTable.CellHighlighted, "#grid")
    def _moved(self) -> None:
        grid = self.query_one("#grid", VoteGrid)
        if grid.advancing:
            grid.advancing = False
        else:
            self.just_given = None
        self._show_reason()

    def _show_reason(self) -> None:
        box = self.query_one("#reason", DraftInput)
        target = self.reason_target()
        vote = None
        label = "Reason:"
        if target is not None:
            vote = next((v for v in self.state.conf.votes
                         if (v.attendee, v.child) == target), None)  # fmt: skip
            who, child = self.state.attendee(target[0]), self.state.child(target[1])
            if who is not None and child is not None:
                label = f"Reason, {short_name(who.name) or who.role} for {in_sentence(child)}:"
        self.query_one("#reason-label", Static).update(label)
        if self.screen.focused is not box and not box.has_draft:  # never replace typing
            box.show_text(vote.reason if vote else "")
            self.reason_seen = (target, box.value)

    def _vote(self, attendee: str, child: str) -> Any:
        return next((v for v in self.state.conf.votes
                     if (v.attendee, v.child) == (attendee, child)), None)  # fmt: skip

    def give_view(self, attendee: str, child: str, vote: Outcome | None) -> None:
        said = OUTCOME_LABELS[vote].lower() if vote else "view cleared"
        who = self.state.attendee(attendee)
        carried = carried_reason(self.state.conf, attendee, child, vote) if vote else None
        # A key acts on the view shown: refused if the other seat changed it meanwhile.
        shown = self._vote(attendee, child)
        find = voted(self.meeting.conference, attendee, child, "vote")
        expect = Expect(find, shown.vote if shown else None, vote, VIEW, key=True)
        fn = edits.decisions.set_vote
        done, _ = self.attempt(
            lambda: self.meeting.edit_if(expect, fn, attendee, child, vote, carried),
            f"{who.name if who else 'view'}: {said}.",
        )
        if done and vote:
            self.just_given = (attendee, child)
            self.query_one("#grid", VoteGrid).advance()
            self.to_reason()  # the view asks for its reason: the keyboard goes there at once

    def to_reason(self) -> None:
        """The reason box, for the view just given (or the one highlighted), cursor at the end.
        Focus is set now, not on the next turn, so the keys that follow land in the box."""
        self._show_reason()
        box = self.query_one("#reason", DraftInput)
        self.screen.set_focus(box)
        box.cursor_position = len(box.value)

    def back_to_grid(self) -> None:
        self.screen.set_focus(self.query_one("#grid", VoteGrid))
        self._show_reason()

    def mark_confidential(self, attendee: str, child: str) -> None:
        """! on a view: its reason is kept out of family copies (the view itself shows)."""
        vote = self._vote(attendee, child)
        secret = not (vote is not None and vote.confidential)
        find = voted(self.meeting.conference, attendee, child, "confidential")
        was = None if vote is None else vote.confidential
        expect = Expect(find, was, secret, CONFIDENTIAL, key=True)
        self.attempt(
            lambda: self.meeting.edit_if(expect, edits.decisions.mark_vote, attendee, child,
                                         secret),
            "reason confidential: kept out of family copies." if secret
            else "reason no longer confidential.",
        )  # fmt: skip

    def file_reason(self, text: str) -> bool:
        """Enter in the reason box: save it for the view just given (or the one highlighted)."""
        cell = self.reason_target()
        if cell is None:
            return False
        attendee, child = cell
        others = reason_shared_with(self.state.conf, attendee, child)
        shown_for, shown = self.reason_seen
        vote = self._vote(attendee, child)
        was = shown if shown_for == cell else (vote.reason if vote else None)
        conference, fn = self.meeting.conference, edits.decisions.set_vote_reason

        def write() -> None:
            # Typed: from the reason the box showed. Refused, the typing stays and saving
            # again is made from theirs.
            expect = Expect(voted(conference, attendee, child, "reason"), was, text.strip())
            try:
                self.meeting.edit_if(expect, fn, attendee, child, text)
            except StaleEdit as exc:
                self.reason_seen = (cell, exc.now or "")
                raise
            self.reason_seen = (cell, text.strip())
            for other in others:  # the same view of another child, with no reason yet ...
                blank = Expect(voted(conference, attendee, other, "reason"), None, text.strip())
                with suppress(StaleEdit):  # ... unless the other seat gave it one meanwhile
                    self.meeting.edit_if(blank, fn, attendee, other, text)

        done, _ = self.attempt(write, "reason.")
        return done

    @on(Input.Submitted, "#reason")
    def _ignore(self, event: Input.Submitted) -> None:
        event.stop()

    def decide(self, child: str) -> None:
        from cpchair.dialogs.decision import DecisionEditor

        state = self.state
        previous = previous_conference(state.case, state.conf)
        slot = WINDOW_SLOT + child
        drafts = self.conference.drafts
        # The decision as it stood when the window opened: recording is refused if the other
        # seat recorded one meanwhile (saving again, knowing theirs, puts this one in place).
        seen = [next((d for d in state.conf.decisions if d.child == child), None)]
        find = decided(self.meeting.conference, child)

        def save(values: dict[str, Any]) -> None:
            # Inside the window: a refusal keeps it open with everything in it.
            expect = Expect(find, seen[0], say=_decision_words)
            try:
                self.meeting.edit_if(expect, edits.decisions.record_decision, child, **values)
            except StaleEdit as exc:
                seen[0] = exc.now
                raise

        def keep(values: dict[str, Any] | None) -> None:
            text = "" if values is None else json.dumps(values)
            if drafts.get(slot, "") != text:
                self.meeting.keep(edits.working.save_draft, slot, text)
                if text:
                    drafts[slot] = text
                else:
                    drafts.pop(slot, None)

        editor = DecisionEditor(state, child, previous, self.conference.profile, self.today,
                                save, draft=_window_draft(drafts.get(slot)), keep=keep)  # fmt: skip

        def closed(recorded: dict[str, Any] | None) -> None:
            if recorded is not None:
                self.saved("decision recorded.")
                self.reload()
            elif slot in drafts:
                found = state.child(child)
                name = found.first_name if found is not None else "The child"
                self.hold(f"{name}'s decision is kept as it was left: d opens it.")
                self._show_decisions(self.state)
            self.query_one("#grid", VoteGrid).focus()

        self.app.push_screen(editor, closed)


def _decision_words(d: Any) -> str:
    return f"{OUTCOME_LABELS[d.outcome]}, {METHOD_WORDS[d.method]}"


def _window_draft(text: str | None) -> dict[str, Any] | None:
    """The decision window's kept draft; None if there is none (or it cannot be read)."""
    if not text:
        return None
    try:
        draft = json.loads(text)
    except ValueError:
        return None
    return draft if isinstance(draft, dict) else None
