"""Export your work: a small dialog that writes the saved work to a file to hand in.

The file's name says its format (.md, .json, .csv). An existing file is replaced only after a
second enter; in a browser the file is offered as a download instead of being written on the
server. Success and failure are told in a notification, in plain words.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from simulator.export import (
    EXTENSIONS,
    UnknownFormat,
    default_file_name,
    encoded,
    format_for,
    hand_in_of,
    summary,
)
from simulator.files import write_whole
from simulator.scenarios import Catalogue
from simulator.store import StoreError
from simulator.work import Work

FORMATS_LINE = (
    "The format follows the name's ending: .md to read or print, .json for a grader, "
    ".csv for a spreadsheet. Enter {does}; escape cancels."
)

_MIME_TYPES = {".md": "text/markdown", ".markdown": "text/markdown", ".json": "application/json"}


class ExportScreen(ModalScreen[None]):
    """Asks for a file name, then writes the student's work there.

    | Key(s) | Description |
    | :- | :- |
    | enter | Write the file (a second enter replaces a file already there). |
    | escape | Cancel: nothing is written. |
    """

    AUTO_FOCUS = "#export-file"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "write", "Write", show=True, priority=False),
    ]

    replacing: var[Path | None] = var(None)
    """The file already there that a second enter will replace; None until one is asked about."""

    def __init__(self, work: Work, catalogue: Catalogue, *, today: datetime | None = None) -> None:
        super().__init__()
        self.work = work
        self.catalogue = catalogue
        self.today = today or datetime.now().astimezone()
        self.written: Path | None = None
        """Where the file went, once written (for the caller and tests)."""
        self._leaving = False

    @property
    def _answering(self) -> bool:
        """Whether keys may still act here: the dialog is the screen shown and not closing.

        Keys come faster than screens change: an enter typed just after the dialog opened can
        reach it after a scenario opening (chosen by an earlier key) has taken it away, or
        while it closes. Acted on, it would write a file nobody saw named, and dismiss the
        screen beneath, the vote or the list, in its place.
        """
        return self.is_active and not self._leaving

    def dismiss(self, result: None = None) -> AwaitComplete:
        if not self._answering:
            return AwaitComplete()
        self._leaving = True
        return super().dismiss(result)

    def _student_name(self) -> str:
        if self.work.store is None:
            return ""
        try:
            return self.work.store.student_name()
        except StoreError:
            return ""

    def compose(self) -> ComposeResult:
        with Vertical(id="export") as box:
            box.border_title = "Export your work"
            # In a browser the file is not written on the server but downloaded to the student.
            does = "downloads the file" if self.app.is_web else "writes the file"
            yield Static(FORMATS_LINE.format(does=does), markup=False)
            yield Input(default_file_name(self._student_name(), self.today), id="export-file")
            yield Static("", id="export-question", markup=False)
        yield Footer()

    def watch_replacing(self, replacing: Path | None) -> None:
        question = self.query_one("#export-question", Static)
        if replacing is None:
            question.update("")
            question.remove_class("-asking")
        else:
            question.update(
                f"{replacing.name} is already there. Press enter again to replace it, "
                "or change the name; escape writes nothing."
            )
            question.add_class("-asking")

    @on(Input.Changed, "#export-file")
    def _name_changed(self) -> None:
        self.replacing = None  # a new name: any question asked was about the old one

    @on(Input.Submitted, "#export-file")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()

    def action_cancel(self) -> None:
        self.dismiss()

    def action_write(self) -> None:
        """Write the file; ask first if it is there; say how it went."""
        if not self._answering:
            return
        text = self.query_one("#export-file", Input).value.strip()
        if not text:
            self.notify("Give the file a name first.", title="No name", severity="warning")
            return
        path = Path(text).expanduser()
        try:
            kind = format_for(path)
            hand_in = hand_in_of(self.work, self.catalogue)
        except UnknownFormat as error:
            self.notify(str(error), title="Which format?", severity="warning", markup=False)
            return
        except StoreError as error:
            self.notify(
                f"Your saved work cannot be read: {error}.",
                title="Not exported",
                severity="error",
                markup=False,
            )
            return
        data = encoded(hand_in, kind)
        what = summary(hand_in)
        if self.app.is_web:
            # In a browser, the file is the student's to keep: a download, not a file on the server.
            self.app.deliver_binary(
                io.BytesIO(data),
                save_filename=path.name,
                mime_type=_MIME_TYPES.get(path.suffix.lower(), "text/csv"),
            )
            self.dismiss()
            self.app.notify(f"{path.name}: {what}.", title="Downloading", markup=False)
            return
        if path.is_dir():
            self.notify(
                f"{path} is a folder: give a file name ending in "
                f"{', '.join(sorted(set(EXTENSIONS)))}.",
                title="Not a file",
                severity="warning",
                markup=False,
            )
            return
        overwrite = self.replacing == path
        if path.exists() and not overwrite:
            self.replacing = path
            return
        try:
            write_whole(path, data, overwrite=overwrite)
        except FileExistsError:  # it appeared after the name was checked
            self.replacing = path
            return
        except OSError as error:
            self.notify(
                f"Nothing was written to {path}: {error.strerror or error}.",
                title="Not exported",
                severity="error",
                markup=False,
            )
            return
        self.written = path.absolute()
        self.dismiss()
        self.app.notify(f"Wrote {self.written}: {what}.", title="Exported", markup=False)
