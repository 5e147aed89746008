"""The app's answers to what screens ask of it (screens/requests.py): open a case or its
meeting, start, delete, import or export one. The windows that ask the chair are here; the
work itself is services.py's, shared with the CLI, and runs in a worker thread where it
touches a file. services.py (and the store behind it) is loaded when first asked for, not
before the app's first frame.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual import work

from cpchair.locking import LockingApp
from cpchair.rules.references import file_part
from cpchair.screens.caseload import CaseloadScreen
from cpchair.screens.requests import (
    DeleteCase,
    ExportCase,
    ImportCase,
    NewCase,
    OpenCase,
    OpenMeeting,
)


class CaseRequests(LockingApp):
    """The case workflows of CpchairApp, kept apart from its keys and palette."""

    def say(self, message: str, **kwargs: Any) -> None:
        """A toast. Never markup: it may carry a reference or a file name."""
        self.notify(message, markup=False, **kwargs)

    # --- the screens' messages ----------------------------------------------------------------

    def on_open_case(self, message: OpenCase) -> None:
        self.open_case(message.reference)

    def on_new_case(self, message: NewCase) -> None:
        self.new_case()

    def on_delete_case(self, message: DeleteCase) -> None:
        self.delete_case(message.reference)

    def on_import_case(self, message: ImportCase) -> None:
        self.import_case()

    def on_export_case(self, message: ExportCase) -> None:
        self.export_case(message.reference)

    def on_open_meeting(self, message: OpenMeeting) -> None:
        self.open_meeting(message.reference, message.conference)

    # --- open -----------------------------------------------------------------------------------

    def open_case(self, reference: str) -> None:
        from cpchair.screens.case_file import CaseFileScreen

        self.push_screen(CaseFileScreen(reference))

    def open_meeting(self, reference: str, conference: str | None = None) -> None:
        """The live meeting of a conference; without one, the case's current conference."""
        from cpchair import services
        from cpchair.screens.conference import ConferenceScreen

        if conference is None:
            doc = self.store.load_case(reference)
            current = None if doc is None else services.current_conference(doc)
            if current is None:
                self.say("This case has no conference to run: schedule one first.",
                         severity="warning")  # fmt: skip
                return
            conference = current.key
        self.push_screen(ConferenceScreen(reference, conference))

    # --- new and delete -------------------------------------------------------------------------

    def new_case(self) -> None:
        from cpchair import services
        from cpchair.dialogs.new_case import NewCaseModal
        from cpchair.rules.profiles import load_profile, profile_names

        profiles = [(name, load_profile(name).title) for name in profile_names()]

        def create(reference: str, family_name: str, profile: str) -> None:
            services.new_case(self.store, reference, family_name, profile)

        def created(reference: str | None) -> None:
            if reference:
                self.say(f"Case {reference} created.", title="Saved")
                self.open_case(reference)

        from cpchair.settings import load_settings

        chosen = load_settings().default_profile
        if chosen is not None and chosen in dict(profiles):
            modal = NewCaseModal(profiles, create, default_profile=chosen)
        else:
            modal = NewCaseModal(profiles, create)
        self.push_screen(modal, created)

    def delete_case(self, reference: str) -> None:
        from cpchair import services
        from cpchair.dialogs.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if services.delete_case(self.store, reference):
                self.say(f"Case {reference} deleted.", title="Deleted")
            self.refresh_caseload()

        self.push_screen(
            ConfirmModal(
                f"Delete case {reference}?",
                "Its children, family and every conference go with it. "
                "Export it first if you may need it again.",
                yes="Delete",
            ),
            answered,
        )

    # --- import ---------------------------------------------------------------------------------

    def import_case(self, typed: str | None = None, error: str = "") -> None:
        """Ask for a file to import; after a failure the prompt comes back with the path kept."""
        from cpchair import services
        from cpchair.dialogs.prompt import PromptModal

        def chosen(path: object | None) -> None:
            if isinstance(path, Path):
                self._import_file(path)

        self.push_screen(
            PromptModal(
                "Import a case file (cpchair-case/1 JSON)",
                value=typed if typed is not None else str(Path.cwd()) + "/",
                hint="The path of the file. Enter imports, Escape cancels.",
                check=services.file_to_read,
                error=error,
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="transfer")
    def _import_file(self, path: Path, replace: bool = False) -> None:
        from cpchair import services
        from cpchair.caseio import CaseFileError
        from cpchair.store import CaseExistsError

        try:
            doc = services.read_case(path)
        except OSError as exc:
            self.call_from_thread(
                self.import_case, str(path), f"Cannot read {path.name}: {exc.strerror}."
            )
            return
        except CaseFileError as exc:
            first = exc.problems[0]
            more = len(exc.problems) - 1
            self.call_from_thread(
                self.import_case,
                str(path),
                f"{path.name} was refused; nothing changed.\n{first}"
                + (f"\n(and {more} more: `cpchair import` lists them all)" if more else ""),
            )
            return
        try:
            result = services.import_case(self.store, doc, replace=replace)
        except CaseExistsError:
            self.call_from_thread(self._ask_replace, path, doc.reference)
            return
        verb = "replaced" if result.replaced else "imported"
        self.call_from_thread(self.say, f"Case {doc.reference} {verb}.", title="Imported")
        self.call_from_thread(self.refresh_caseload)

    def _ask_replace(self, path: Path, reference: str) -> None:
        from cpchair.dialogs.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self._import_file(path, replace=True)
            else:
                self.say("Nothing was imported.")

        self.push_screen(
            ConfirmModal(
                f"Case {reference} is already here. Replace it with the file?",
                "What is held now for this case will be replaced by the file's contents.",
                yes="Replace",
            ),
            answered,
        )

    # --- export ---------------------------------------------------------------------------------

    def export_case(self, reference: str, typed: str | None = None, error: str = "") -> None:
        """Ask where to write the case; an existing file is only replaced after a yes."""
        from cpchair import services
        from cpchair.dialogs.prompt import PromptModal

        default = f"{file_part(reference)}.json"  # a reference's / never makes a folder

        def chosen(path: object | None) -> None:
            if isinstance(path, Path):
                if os.path.lexists(path):  # a file, or a link (even to nothing): ask first
                    self._ask_overwrite(reference, path)
                else:
                    self._export_file(reference, path)

        self.push_screen(
            PromptModal(
                f"Export case {reference} to",
                value=typed if typed is not None else str(Path.cwd() / default),
                hint="A cpchair-case/1 JSON file, readable only by you. Enter writes it.",
                check=services.file_to_write,
                error=error,
            ),
            chosen,
        )

    def _ask_overwrite(self, reference: str, path: Path) -> None:
        from cpchair.dialogs.confirm import ConfirmModal
        from cpchair.fileio import what_is_replaced

        def answered(yes: bool | None) -> None:
            if yes:
                self._export_file(reference, path)
            else:  # back to the path, to change it
                self.export_case(reference, str(path))

        question = ConfirmModal(f"Replace {path.name}?", what_is_replaced(path), yes="Replace")
        self.push_screen(question, answered)

    @work(thread=True, exclusive=True, group="transfer")
    def _export_file(self, reference: str, path: Path) -> None:
        from cpchair import services

        exported = services.case_json(self.store, reference)
        if exported is None:
            self.call_from_thread(self.say, "That case is no longer here.", severity="error")
            return
        try:
            services.write_case(path, exported[1])
        except OSError as exc:
            self.call_from_thread(
                self.export_case, reference, str(path),
                f"Cannot write {path.name}: {exc.strerror}.",
            )  # fmt: skip
            return
        self.call_from_thread(self.say, f"Case {reference} written to {path}.", title="Exported")

    def refresh_caseload(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, CaseloadScreen):
                screen.refresh_cases(keep_cursor=True)
