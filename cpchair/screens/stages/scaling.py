"""Scaling: everyone present gives a score from 0 to 10 and a reason, the family too.

Built for speed: on the highlighted person a digit saves the score and moves to the reason,
Enter saves the reason and moves to the next person (t, or 1 then 0, gives 10). s switches
between the overall scale and those for each danger statement and each child. In an
independent round (i) the scores are written down hidden and the chair reveals them together
(v); until then nothing shows but how many there are. o records the chair's overall grading;
at or below the profile's threshold the escalation flag shows when the service manager must
be told (e records who was told and when). At a review the last conference's scores sit
beside today's. g shows the overall scale conference by conference (the last four, today's
too) in place of the summary lines, and back: the table keeps its place on an 80x24 screen.
While an independent round is hidden, today's line shows the chair's grading alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from cpchair.caseio.schema import AttendeeDoc
from cpchair.dialogs.scaling import escalation_editor, grading_prompt, question_prompt
from cpchair.rules.child_names import in_sentence
from cpchair.rules.close import DEFAULT_ESCALATION_THRESHOLD
from cpchair.rules.scaling import (
    OVERALL,
    Scale,
    child_question,
    default_question,
    previous_score,
    scales,
    score_of,
    scorers,
    show_score,
)
from cpchair.rules.scaling_trend import scaling_trend
from cpchair.screens.stages.base import StagePanel
from cpchair.store import edits
from cpchair.store.meeting import MeetingState
from cpchair.store.stale import Expect, StaleEdit, of_conference, scored, words
from cpchair.vocab import Polarity
from cpchair.widgets.scaling_trend import ScalingTrendChart
from cpchair.widgets.score_reason import ScoreReason
from cpchair.widgets.score_summary import direction, escalation_text, summary_text
from cpchair.widgets.score_table import ScoreTable

TREND_SHOWN = 4  # conferences on the stage's chart; the case file shows them all
SLOT = "scaling.reason"  # drafts: scaling.reason:<scale>:<attendee>
WRITTEN_DOWN = "written down"  # a hidden score, in a refusal as in the table: never its value
INDEPENDENT = words({True: "an independent round", False: "scores show as they are given"})
CONFIDENTIAL = words({True: "the reason is confidential", False: "the reason is not confidential"})
HINT = (
    "t or 1 0: 10 · Enter: reason · x clears · ! confidential · s scale · q question · "
    "d turn round · i independent · v reveal · e escalation · g trend"
)


class ScalingPanel(StagePanel):
    TYPE_HINT = "a score 0-9 first"
    stage = "scaling"
    DEFAULT_CSS = """
    ScalingPanel #scale-line { height: 1; padding: 0 1; color: $text-accent; text-style: bold; }
    ScalingPanel #question { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    ScalingPanel #reason-row { height: 1; margin: 0 1; }
    ScalingPanel #reason-who { width: 20; color: $text-accent; text-wrap: nowrap;
                               text-overflow: ellipsis; }
    ScalingPanel #reason { width: 1fr; }
    ScalingPanel #summary { height: auto; padding: 0 1; }
    ScalingPanel #trend { display: none; }
    ScalingPanel.-trend #trend { display: block; }
    ScalingPanel.-trend #summary { display: none; }
    ScalingPanel #escalation { height: auto; padding: 0 1; color: $text-warning;
                               background: $warning-muted; }
    ScalingPanel #escalation.-told { color: $text-success; background: $success-muted; }
    ScalingPanel .hint { height: auto; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scale_slot = OVERALL.slot  # which scale is being scored, by its stable name
        self.box_owner: tuple[str, Scale] | None = None  # whose reason the box holds

    def compose(self) -> ComposeResult:
        yield Static("", id="scale-line", markup=False)
        yield Static("", id="question", markup=False)
        yield ScoreTable(self, id="scores")
        with Horizontal(id="reason-row"):
            yield Static("", id="reason-who", markup=False)
            yield ScoreReason(
                self.save_draft,
                self._commit_reason,
                self._reason_done,
                self._ten,
                id="reason",
                compact=True,
            )
        yield Static("", id="summary")
        yield ScalingTrendChart(id="trend")
        yield Static("", id="escalation", markup=False)
        yield Static(HINT, classes="hint", markup=False)

    # --- what the panel reads ----------------------------------------------------------------

    @property
    def table(self) -> ScoreTable:
        return self.query_one("#scores", ScoreTable)

    @property
    def box(self) -> ScoreReason:
        return self.query_one("#reason", ScoreReason)

    @property
    def scales(self) -> list[Scale]:
        return scales(self.state.conf, self.state.case.children)

    @property
    def scale(self) -> Scale:
        return next((s for s in self.scales if s.slot == self.scale_slot), OVERALL)

    @property
    def polarity(self) -> Polarity:
        scaling = self.state.conf.scaling
        if scaling is not None:
            return scaling.polarity
        profile = self.conference.profile
        return profile.scaling_polarity if profile else "ten_is_safe"

    @property
    def threshold(self) -> int | None:
        """None: the area escalates no low grading (only some procedures have the rule)."""
        profile = self.conference.profile
        return profile.escalation_threshold if profile else DEFAULT_ESCALATION_THRESHOLD

    @property
    def hidden(self) -> bool:
        return not self.state.revealed

    def focus_first(self) -> None:
        self.table.focus()

    # --- drawing -----------------------------------------------------------------------------

    def show(self, state: MeetingState) -> None:
        conf, scale = state.conf, self.scale
        self.scale_slot = scale.slot
        all_scales = self.scales
        line = f"Scale {all_scales.index(scale) + 1} of {len(all_scales)}: {scale.label}"
        line += f" · {direction(self.polarity)}"
        if conf.scaling is not None and conf.scaling.independent:
            line += " · independent round" + ("" if state.revealed else " (hidden)")
        self.query_one("#scale-line", Static).update(line)
        self.query_one("#question", Static).update(self._question(scale))

        people = scorers(conf, scale)
        table = self.table
        keep = table.current_key()
        table.clear()
        for a in people:
            table.add_row(*self._row(a, scale), key=a.key)
        keys = table.keys()
        if keep in keys:
            table.move_cursor(row=keys.index(keep))
        if not self.box.dirty:
            # A reason typed before a crash: go back to the person it was for.
            prefix = f"{SLOT}:{scale.slot}:"
            drafted = [k for k in keys if prefix + k in self.conference.drafts]
            if drafted:
                table.move_cursor(row=keys.index(drafted[0]))
            self._load_box(table.current_key())

        self.query_one("#summary", Static).update(
            summary_text(
                conf,
                state.previous,
                scale,
                len(people),
                hidden=self.hidden,
                threshold=self.threshold,
                polarity=self.polarity,
            )
        )
        if self.has_class("-trend"):
            self._show_trend(state)
        flag = escalation_text(conf, threshold=self.threshold, polarity=self.polarity)
        escalation = self.query_one("#escalation", Static)
        escalation.display = flag is not None
        escalation.update(flag or "")
        told = conf.escalation is not None and conf.escalation.notified_at is not None
        escalation.set_class(told, "-told")
        table.refresh_bindings()

    def _show_trend(self, state: MeetingState) -> None:
        conf = state.conf
        trend = scaling_trend(state.case.conferences, upto=conf.key, polarity=self.polarity,
                              hidden=conf.key if self.hidden else None)  # fmt: skip
        self.query_one("#trend", ScalingTrendChart).show(trend, last=TREND_SHOWN, title=False)

    def _question(self, scale: Scale) -> str:
        conf = self.state.conf
        if scale.danger_statement is not None:
            found = next(d for d in conf.danger_statements if d.key == scale.danger_statement)
            return f"{scale.label}: {found.text}"
        child = self.state.child(scale.child)
        if child is not None:
            return child_question(self.polarity, in_sentence(child))
        if conf.scaling is not None:
            return conf.scaling.question
        # The wording the store will use when the first score is given.
        names = [in_sentence(c) for c in self.state.case.children if c.subject]
        return default_question(self.polarity, names)

    def _row(self, a: AttendeeDoc, scale: Scale) -> tuple[Text, ...]:
        conf = self.state.conf
        given = score_of(conf.scaling, a.key, scale)
        if given is None:
            score, reason = Text("-", style="dim"), Text("")
        elif self.hidden:
            score, reason = Text("written down", style="italic"), Text("")
        else:
            score = Text(str(given.score), style="bold")
            reason = Text(given.reason) if given.reason else Text("no reason yet", style="dim")
            if given.confidential:  # kept out of family copies; the chair sees the mark
                reason = Text.assemble(("! ", "bold yellow"), reason)
        before = previous_score(self.state.previous, a.key, scale, self.polarity)
        name = a.name + (" (left)" if a.left else "")
        return (Text(name), Text(a.role), score, Text(show_score(before) if before is not None
                else ""), reason)  # fmt: skip

    def _load_box(self, key: str | None) -> bool:
        """Put the highlighted person's reason in the box; False if the box's own unsaved
        reason (for someone else) could not be saved first."""
        box, scale = self.box, self.scale
        who = self.state.attendee(key)
        slot = None if who is None else f"{SLOT}:{scale.slot}:{key}"
        if box.dirty and box.slot != slot and not box.file():
            return False
        given = score_of(self.state.conf.scaling, key or "", scale)
        draft = self.conference.drafts.pop(slot, None) if slot else None
        box.load(slot, "" if given is None or self.hidden else given.reason, draft)
        self.box_owner = None if who is None else (who.key, scale)
        box.disabled = self.hidden or who is None
        box.placeholder = (
            "reasons are given once the scores are revealed" if self.hidden
            else "the reason, then Enter" if given is not None
            else "a score first (0-9, t for 10)"
        )  # fmt: skip
        self.query_one("#reason-who", Static).update(f"{who.name}:" if who else "")
        return True

    @on(DataTable.RowHighlighted, "#scores")
    def _highlighted(self) -> None:
        if not self.box.dirty:
            self._load_box(self.table.current_key())

    # --- scores and reasons ------------------------------------------------------------------

    def _saved(self, change: Callable[[], object], done: str) -> bool:
        """As `edit`, saying whether the change was made."""
        return self.attempt(change, done)[0]

    def score(self, attendee: str, value: int) -> None:
        scale, who = self.scale, self.state.attendee(attendee)
        name = who.name if who else "Attendee"
        if self.hidden:
            done = f"{name}'s score is written down (hidden)."
        else:
            done = f"{name} scored {value}." + (" A 0 now makes it 10." if value == 1 else "")
        expect = self._score_expect(attendee, scale, value)
        ok = self._saved(
            lambda: self.meeting.edit_if(expect, edits.scaling.set_score, attendee, value,
                                         child=scale.child, statement=scale.danger_statement),
            done,
        )  # fmt: skip
        if not ok:
            return
        if self.hidden:
            self.table.step()
            return
        if self._load_box(attendee):
            self.screen.set_focus(self.box)
            self.box.ten_armed = value == 1

    def _score_expect(self, attendee: str, scale: Scale, to: int | None) -> Expect:
        """A key on a score acts on the score shown: refused if the other seat changed it
        meanwhile. Hidden (an independent round), the refusal says only that a score is
        written down, and one that is the same as the key's is refused too: going through
        would tell that it was."""
        given = score_of(self.state.conf.scaling, attendee, scale)
        find = scored(self.meeting.conference, attendee, "score", scale.child,
                      scale.danger_statement)  # fmt: skip
        was = None if given is None else given.score
        if self.hidden:
            return Expect(find, was, say=lambda _: WRITTEN_DOWN, key=True)
        return Expect(find, was, to, key=True)

    def _ten(self) -> None:
        if self.box_owner is not None:
            self.score(self.box_owner[0], 10)

    def clear(self, attendee: str) -> None:
        scale = self.scale
        expect = self._score_expect(attendee, scale, None)
        self.edit(
            lambda: self.meeting.edit_if(expect, edits.scaling.clear_score, attendee,
                                         child=scale.child, statement=scale.danger_statement),
            "score cleared.",
        )  # fmt: skip

    def confidential(self, attendee: str) -> None:
        """! marks the reason as given in confidence: family copies show the score alone."""
        scale, given = self.scale, score_of(self.state.conf.scaling, attendee, self.scale)
        secret = not (given is not None and given.confidential)
        find = scored(self.meeting.conference, attendee, "confidential", scale.child,
                      scale.danger_statement)  # fmt: skip
        was = None if given is None else given.confidential
        expect = Expect(find, was, secret, CONFIDENTIAL, key=True)
        self.edit(
            lambda: self.meeting.edit_if(expect, edits.scaling.mark_score, attendee, secret,
                                         child=scale.child, statement=scale.danger_statement),
            "the reason is confidential: kept out of family copies." if secret
            else "the reason is no longer confidential.",
        )  # fmt: skip

    @on(DataTable.RowSelected, "#scores")
    def _to_reason(self) -> None:
        key = self.table.current_key()
        if key is None:
            return
        if self.hidden:
            self.refuse("Reasons are given once the scores are revealed (v).")
        elif score_of(self.state.conf.scaling, key, self.scale) is None:
            self.refuse("Give a score first: 0-9, or t for 10.")
        elif self._load_box(key):
            self.screen.set_focus(self.box)

    def _commit_reason(self, text: str) -> bool:
        if self.box_owner is None:
            return False
        key, scale = self.box_owner
        who = self.state.attendee(key)
        # Typed: from the reason the box was loaded with (or, refused, the other seat's).
        find = scored(self.meeting.conference, key, "reason", scale.child, scale.danger_statement)
        expect = Expect(find, self.box.saved, text.strip())

        def write() -> None:
            try:
                fn = edits.scaling.set_reason
                self.meeting.edit_if(
                    expect, fn, key, text, child=scale.child, statement=scale.danger_statement
                )
            except StaleEdit as exc:  # the box keeps the typing; Enter again puts it in
                self.box.saved = exc.now or ""
                raise

        return self._saved(write, f"the reason {who.name if who else ''} gave.")

    def _reason_done(self, advance: bool) -> None:
        self.screen.set_focus(self.table)
        if advance:
            self.table.step()

    # --- the other keys ----------------------------------------------------------------------

    def allows(self, action: str) -> bool:
        if action == "reveal":
            return self.hidden
        if action == "escalation":
            return self.state.conf.escalation is not None
        return True

    def run(self, action: str) -> None:
        getattr(self, f"do_{action}")()

    def do_next_scale(self) -> None:
        if self.box.dirty and not self.box.file():
            return
        slots = [s.slot for s in self.scales]
        self.scale_slot = slots[(slots.index(self.scale.slot) + 1) % len(slots)]
        self.box.load(None, "")
        self.show(self.state)

    def do_trend(self) -> None:
        """The scaling over time in place of the summary lines, or the summary back."""
        self.toggle_class("-trend")
        self.show(self.state)

    def do_reveal(self) -> None:
        # No expectation: revealing twice is no change. Refused (the other seat revealed
        # them, or ended the round), the panel shows the scores as they now stand.
        if not self._saved(
            lambda: self.meeting.edit(edits.scaling.reveal_scores),
            "the scores are revealed, all together.",
        ):
            self.reload()

    def _held(self, name: str, nothing: Any) -> Callable[[Any], Any]:
        """The scaling's `name` now; `nothing` while the conference has no scaling yet (the
        store makes it with the profile's wording at the first edit)."""
        find = of_conference(self.meeting.conference, "scaling", name)

        def held(now: Any) -> Any:
            value = find(now)
            return nothing if value is None else value

        return held

    def do_independent(self) -> None:
        scaling = self.state.conf.scaling
        was = scaling is not None and scaling.independent
        on = not was
        # No `to`: the other seat's round, turned on (and maybe revealed) meanwhile, is not
        # turned on again over it, which would hide its scores once more.
        expect = Expect(self._held("independent", False), was, say=INDEPENDENT, key=True)
        self.edit(
            lambda: self.meeting.edit_if(expect, edits.scaling.set_independent, on),
            "independent round: scores are written down hidden; v reveals them together."
            if on else "scores show as they are given.",
        )  # fmt: skip

    def do_direction(self) -> None:
        was = self.polarity
        turn: Polarity = "ten_is_danger" if was == "ten_is_safe" else "ten_is_safe"
        expect = Expect(self._held("polarity", was), was, turn, direction, key=True)
        self.edit(lambda: self.meeting.edit_if(expect, edits.scaling.set_question, polarity=turn),
                  f"the scale is turned round: {direction(turn)}.")  # fmt: skip

    def do_question(self) -> None:
        shown = self._question(OVERALL)
        seen = [shown]  # the question as the prompt was opened with, or as refused with

        def save(question: str) -> None:  # in the prompt: a refusal keeps it open
            expect = Expect(self._held("question", shown), seen[0], question)
            self._from_seen(seen, expect, edits.scaling.set_question, question=question)

        def answered(question: object) -> None:
            if isinstance(question, str):
                self.saved("the question.")
                self.reload()

        self.app.push_screen(question_prompt(shown, save), answered)

    def do_overall(self) -> None:
        scaling = self.state.conf.scaling
        current = scaling.overall if scaling else None
        seen = [current]
        find = of_conference(self.meeting.conference, "scaling", "overall")

        def save(value: int | None) -> None:  # in the prompt: a refusal keeps it open
            expect = Expect(find, seen[0], value)
            self._from_seen(seen, expect, edits.scaling.set_overall, value, self.conference.now())

        def answered(result: object) -> None:
            if isinstance(result, tuple):
                value = result[0]
                self.saved(
                    "overall grading cleared." if value is None else f"overall grading {value}."
                )
                self.reload()

        self.app.push_screen(grading_prompt(current, direction(self.polarity), save), answered)

    def _from_seen(self, seen: list[Any], expect: Expect, fn: Any, *args: Any, **kw: Any) -> None:
        """A prompt's save: refused, the prompt stays open with what was typed, the panel
        behind it shows theirs, and saving again is made from theirs."""
        try:
            self.meeting.edit_if(expect, fn, *args, **kw)
        except StaleEdit as exc:
            seen[0] = exc.now
            self.reload()
            raise
        seen[0] = expect.to

    def do_escalation(self) -> None:
        esc = self.state.conf.escalation
        if esc is None:
            return

        def save(expect: Expect, **changes: Any) -> None:
            self.meeting.edit_if(expect, edits.scaling.update_escalation, **changes)
            self.reload()

        now = self.conference.now().replace(second=0)
        editor = escalation_editor(esc, now, self.meeting.conference, save)
        self.app.push_screen(editor, lambda _: self.reload())
