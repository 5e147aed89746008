"""What a screen asks of the app, as messages: they bubble up from the screen and the app
answers (app.py). Screens never import the app, so the app can import them."""

from __future__ import annotations

from textual.message import Message


class OpenCase(Message):
    """Show the case file."""

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference


class NewCase(Message):
    """Ask for a new case's details and create it."""


class ImportCase(Message):
    """Ask for a case file and import it."""


class ExportCase(Message):
    """Ask where to write the case, and write it."""

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference


class DeleteCase(Message):
    """Ask, then delete the case."""

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference


class OpenMeeting(Message):
    """The live meeting of a conference; without one, of the case's current conference."""

    def __init__(self, reference: str, conference: str | None = None) -> None:
        super().__init__()
        self.reference = reference
        self.conference = conference


class CaseloadLive(Message):
    """The caseload shows what the store read: keys held while it opened may go on."""
