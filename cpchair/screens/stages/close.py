"""Close: what is still missing, concluding (which locks the conference), reopening with a
reason, and the outline plan handed to everyone before they leave.

The checklist comes from `rules/close.py`; Enter on an item goes to its stage. o writes the
full outline plan (Word) and opens it; f offers the copies person by person, each family
member's own (`documents/copies.py`), and the chair's letter to each; w chooses any document,
copy and format. Before a family
copy is written the chair is asked when it is for someone whose contact details are
confidential or who is under a no-contact condition, or when its text repeats words of a
confidential entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from cpchair.rules.child_names import first_name_of
from cpchair.rules.close import blocking, close_checklist
from cpchair.rules.stages import label
from cpchair.screens.stages.base import StagePanel
from cpchair.store import edits
from cpchair.store.meeting import MeetingState
from cpchair.widgets.plain import plain

KIND_WORDS = {"outline": "outline plan", "record": "record", "letter": "letter"}


class CloseTable(DataTable[Text]):
    DEFAULT_CSS = """
    CloseTable { height: 1fr; margin: 0 1; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def on_mount(self) -> None:
        self.add_column("", width=2)
        self.add_column("Stage", width=12)
        self.add_column("What", width=200)


class ClosePanel(StagePanel):
    stage = "close"
    DEFAULT_CSS = """
    ClosePanel #close-state { padding: 0 1; text-style: bold; height: auto; }
    ClosePanel #close-state.-ready { color: $text-success; }
    ClosePanel #close-state.-blocked { color: $text-error; }
    ClosePanel #close-detail { padding: 0 1; height: auto; min-height: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "conclude", "Conclude", id="close.conclude"),
        Binding("r", "reopen", "Reopen", id="close.reopen"),
        Binding("o", "outline", "Outline plan", id="close.outline"),
        Binding("f", "copies", "Copies", id="close.family"),
        Binding("w", "write", "Other document", id="close.write"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.items: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="close-state", markup=False)
        yield CloseTable(id="checklist")
        yield Static("", id="close-detail", markup=False)
        yield Static(
            "Enter goes to the stage · c concludes · o outline plan · f copies and letters "
            "person by person · w another document · r reopens",
            classes="hint",
        )

    def focus_first(self) -> None:
        self.query_one("#checklist", CloseTable).focus()

    def show(self, state: MeetingState) -> None:
        self.items = list(
            close_checklist(state.case, state.conf.key, profile=self.conference.profile)
        )
        table = self.query_one("#checklist", CloseTable)
        cursor = table.cursor_row
        table.clear()
        names = {c.key: first_name_of(c) for c in state.case.children}
        people = {p.key: p.name for p in state.case.people}
        for i, item in enumerate(self.items):
            mark = Text("✗", style="bold red") if item.blocking else Text("!", style="yellow")
            what = item.message + (f" ({names[item.child]})" if item.child in names else "")
            if item.person in people:  # a family member who may not be on the register
                what += f" ({people[item.person]})"
            table.add_row(mark, plain(label(item.stage)), plain(what), key=str(i))
        if self.items:
            table.move_cursor(row=min(cursor, len(self.items) - 1))
        stopping = blocking(self.items)
        head = self.query_one("#close-state", Static)
        concluded = state.conf.status == "concluded"
        head.set_class(not concluded and not stopping, "-ready")
        head.set_class(not concluded and bool(stopping), "-blocked")
        if concluded:
            head.update("Concluded: locked against changes. r reopens it, with a reason.")
        elif stopping:
            n = len(stopping)
            head.update(f"{n} thing{'s' if n > 1 else ''} to settle before the conference "
                        "can be concluded (✗); ! are worth a look.")  # fmt: skip
        else:
            head.update("Ready to conclude: c concludes and locks the conference.")
        self._show_detail()
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#checklist")
    def _show_detail(self) -> None:
        table = self.query_one("#checklist", CloseTable)
        detail = self.query_one("#close-detail", Static)
        if not self.items:
            detail.update("Nothing is missing.")
            return
        item = self.items[min(table.cursor_row, len(self.items) - 1)]
        case = self.state.case
        child = next((first_name_of(c) for c in case.children if c.key == item.child), None)
        person = next((p.name for p in case.people if p.key == item.person), None)
        attendees = [self.state.attendee(k) for k in item.attendees]
        who = [a.name for a in attendees if a is not None]
        # The whole line, with the names the table's cut column may hide (never markup).
        line = f"{'Must be settled' if item.blocking else 'Worth a look'}: {item.message}."
        if child:
            line += f" Child: {child}."
        if person and person not in who:  # a family member who may not be on the register
            line += f" Family member: {person}."
        if who:
            line += f" Who: {', '.join(who)}."
        detail.update(line)

    @on(DataTable.RowSelected, "#checklist")
    def _go(self, event: DataTable.RowSelected) -> None:
        item = self.items[int(event.row_key.value)]  # type: ignore[arg-type]
        self.post_message(self.Go(item.stage))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        concluded = self.state.conf.status == "concluded"
        if action == "conclude":
            return not concluded
        if action == "reopen":
            return concluded
        return True

    # --- concluding and reopening ----------------------------------------------------------------

    def action_conclude(self) -> None:
        from cpchair.dialogs.confirm import ConfirmModal

        stopping = blocking(self.items)
        if stopping:
            self.refuse(
                f"Not concluded: {stopping[0].message.lower()} ({label(stopping[0].stage)})."
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.meeting.writes.flush()  # entries still being written go in first
                self.edit(
                    lambda: self.meeting.edit(edits.decisions.conclude),
                    "the conference is concluded and locked.",
                )

        self.app.push_screen(
            ConfirmModal("Conclude the conference?",
                         "It is then locked against changes; you can reopen it, with a reason "
                         "that goes on the record.", yes="Conclude"),
            answered,
        )  # fmt: skip

    def action_reopen(self) -> None:
        from cpchair.dialogs.prompt import PromptModal
        from cpchair.forms import InputError

        def check(text: str) -> str:
            if not text.strip():
                raise InputError("Say why: the reason goes on the conference's record.")
            # Saved before the prompt closes: a refusal keeps it open, the reason as typed.
            self.meeting.edit(edits.decisions.reopen, text.strip(), self.conference.now())
            return text.strip()

        def answered(reason: object | None) -> None:
            if isinstance(reason, str):
                self.saved("the conference is open again; the reason is on its record.")
                self.reload()

        self.app.push_screen(
            PromptModal("Reopen the conference: why?", check=check,
                        hint="The reason is kept with the record. Escape leaves it concluded."),
            answered,
        )  # fmt: skip

    # --- documents -------------------------------------------------------------------------------

    def _name_for(self, kind: str, recipient: str | None, fmt: str) -> str:
        from cpchair.documents import default_filename

        return default_filename(
            self.state.case,
            self.state.conf,
            fmt,  # type: ignore[arg-type]
            kind=kind,  # type: ignore[arg-type]
            family_copy=recipient is not None,
            recipient=recipient,
        )

    def _folder(self) -> Path:
        from cpchair.paths import documents_dir, ensure_private_dir

        folder = documents_dir()
        ensure_private_dir(folder)
        return folder

    def action_outline(self) -> None:
        """The full outline plan, for the professionals."""
        self._write(self._folder() / self._name_for("outline", None, "docx"), "outline", None,
                    "docx")  # fmt: skip

    def action_copies(self) -> None:
        """The copies person by person, each saying what it leaves out."""
        from cpchair.dialogs.copies import CopiesModal
        from cpchair.documents.copies import copies_offered

        def write(kind: str, recipient: str | None) -> None:
            path = self._folder() / self._name_for(kind, recipient, "docx")
            self.request(path, kind, recipient, "docx")

        offers = copies_offered(self.state.case, self.state.conf.key)
        draft = self.state.conf.status != "concluded"
        self.app.push_screen(CopiesModal(offers, write, draft=draft))

    def action_write(self) -> None:
        from cpchair.dialogs.document import DocumentChoice, DocumentModal
        from cpchair.documents.copies import copies_offered

        def chosen(choice: DocumentChoice | None) -> None:
            if choice is not None:
                self.request(choice.path, choice.kind, choice.recipient, choice.fmt)

        copies = [(o.who, o.key) for o in copies_offered(self.state.case, self.state.conf.key)]
        self.app.push_screen(
            DocumentModal(
                self._folder(),
                self._name_for,
                copies=[(who, key) for who, key in copies if key is not None],
                draft=self.state.conf.status != "concluded",
            ),
            chosen,
        )

    def request(self, path: Path, kind: str, recipient: str | None, fmt: str) -> None:
        """Write a copy; a family copy only after the chair has answered any caution."""
        from cpchair.dialogs.confirm import ConfirmModal
        from cpchair.documents import family as fam
        from cpchair.documents.copies import cautions

        if recipient is None:
            self._write(path, kind, recipient, fmt)
            return
        try:
            found = cautions(self.state.case, self.state.conf.key, recipient, kind)  # type: ignore[arg-type]
        except fam.RecipientError as exc:
            self.refuse(f"Not written: {exc}.")
            return
        if not found:
            self._write(path, kind, recipient, fmt)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(path, kind, recipient, fmt)

        words = KIND_WORDS[kind]
        question = (
            f"Write the letter to {found.who}?"
            if kind == "letter"
            else f"Write {found.who}'s copy of the {words}?"
        )
        self.app.push_screen(
            ConfirmModal(question, found.detail(),
                         yes="Write it", id="copy-caution"),
            answered,
        )  # fmt: skip

    @work(thread=True, exclusive=True, group="documents")
    def _write(self, path: Path, kind: str, recipient: str | None, fmt: str) -> None:
        from cpchair.documents import write_document
        from cpchair.documents.copies import copies_offered
        from cpchair.widgets.open_file import open_file

        case, key = self.state.case, self.state.conf.key
        words = KIND_WORDS[kind]
        if recipient is not None:
            who = next((o.who for o in copies_offered(case, key) if o.key == recipient), "")
            words = f"letter to {who}" if kind == "letter" else f"copy of the {words} for {who}"
        from cpchair.documents.template import TemplateError

        try:
            write_document(path, case, key, fmt, recipient=recipient, kind=kind)  # type: ignore[arg-type]
        except OSError as exc:
            # From the writing thread: posting a message is safe here, calling the screen not.
            self.refuse(f"The {words} could not be written: {exc.strerror}.")
            return
        except TemplateError as exc:  # the settings' word_template: Markdown, HTML, PDF still do
            self.refuse(f"The {words} could not be written: {exc}.")
            return
        opened = open_file(path)
        draft = " It says DRAFT: the conference is not concluded." if (
            self.state.conf.status != "concluded") else ""  # fmt: skip
        self.app.call_from_thread(
            self.app.notify,
            f"The {words} is at {path}.{draft}" + ("" if opened else " Open it from there."),
            title="Written",
            markup=False,
            timeout=10,
        )
