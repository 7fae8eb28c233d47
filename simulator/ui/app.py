"""The app: the one factory that the command line and the tests both build.

CouncilApp(load_catalogue()).run()
CouncilApp(catalogue, scenario_id="2024-03-25-resolution-2728").run()  # onto that vote
CouncilApp(catalogue, store=open_work(folder).store).run()  # work saved as it is done
CouncilApp(catalogue, store=store, ask_name=True).run()  # served: a name first, then its work
CouncilApp(catalogue, theme="council-high-contrast").run()  # this theme, not the saved one

The command line opens the store and hands it over; tests pass none (work kept in memory) or one
in a temporary folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.theme import ThemeProvider

from simulator.packs import record_may_be_seen
from simulator.predict import can_predict, prediction_title
from simulator.scenarios import AssemblyScenario, Catalogue, Scenario
from simulator.store import Store, StoreError
from simulator.ui.palette import CouncilPalette
from simulator.ui.screens import (
    ConfirmQuit,
    HelpScreen,
    PickerScreen,
    VoteScreen,
    problems_summary,
    vote_screen_for,
)
from simulator.ui.themes import HIGH_CONTRAST, HIGH_CONTRAST_THEME
from simulator.work import Work, greeting

if TYPE_CHECKING:
    from simulator.assembly import AssemblyBallot
    from simulator.ui.name import NameScreen

THEME_SETTING = "theme"
"""The student's theme, as a saved setting: chosen once, it stays on every start."""
THEME = "textual-dark"
"""Set explicitly, so that a user's TEXTUAL_THEME neither changes the look nor the snapshots."""

MAX_PROBLEMS_SHOWN = 3


def scenario_command(scenario: Scenario, *, hide_results: bool = False) -> str:
    """'Open: US draft … (2024-03-22)': what the palette shows and matches on; with results
    hidden, 'Predict:' and the title a prediction uses."""
    if hide_results and can_predict(scenario):
        return f"Predict: {prediction_title(scenario)} ({scenario.date.isoformat()})"
    return f"Open: {scenario.title} ({scenario.date.isoformat()})"


class ScenarioCommands(Provider):
    """Every scenario, to open by name, listed by date as in the picker."""

    def _scenarios(self) -> Iterable[tuple[str, Callable[[], None]]]:
        app = self.app
        if not isinstance(app, CouncilApp):
            return
        # While predicting, or choosing with results hidden, no title may tell a result: asked
        # of every screen open, as the help or a what-if may lie over the prediction.
        from simulator.ui.predict import PredictScreen  # loaded when first opened: a quicker start

        hide = any(
            isinstance(screen, PredictScreen)
            or (isinstance(screen, PickerScreen) and screen.hide_results)
            for screen in app.screen_stack
        )
        for scenario in app.catalogue:
            hidden = hide or not app.may_see_record(scenario)
            predict = hidden and can_predict(scenario)
            action = partial(app.open_scenario, scenario, predict=predict)
            yield scenario_command(scenario, hide_results=hidden), action
        for assembly in () if hide else app.catalogue.assemblies:
            text = f"Open: {assembly.title} ({assembly.date.isoformat()})"
            yield text, partial(app.open_assembly, assembly)

    async def discover(self) -> Hits:
        for text, command in self._scenarios():
            yield DiscoveryHit(text, command)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command in self._scenarios():
            if (score := matcher.match(text)) > 0:
                yield Hit(score, matcher.highlight(text), command, text=text)


class CouncilApp(App[None]):
    """A simulator of Security Council votes, over a catalogue of scenarios.

    | Key(s) | Description |
    | :- | :- |
    | ? | How the Council votes, and the keys. |
    | q | Quit (asking first if votes would be lost: they could not be saved). |
    """

    CSS_PATH = "app.tcss"
    TITLE = "UN Security Council"
    COMMANDS = App.COMMANDS | {ScenarioCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        scenario_id: str | None = None,
        store: Store | None = None,
        notice: str = "",
        greeting: str = "",
        ask_name: bool = False,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(HIGH_CONTRAST_THEME)
        self.catalogue = catalogue
        self.scenario_id = scenario_id
        self._store = store
        self.ask_name = ask_name
        """Served to a browser: the name screen comes first, and the work is that name's."""
        self.named = False
        """A name asked for has been given (and the work is now that name's)."""
        self.work = Work(None if ask_name else store)
        """Each scenario's votes, saved in `store` as they are set; without one, kept for the
        life of the app so that going back loses nothing. Asking for a name, none is read or
        kept until it is given: the store's student is then that name."""
        self.notice = notice
        """One line about the saved work to show on opening (set aside, or not saved)."""
        self.assembly_ballots: dict[str, AssemblyBallot] = {}
        """The votes set on each General Assembly scenario, by id: kept while the app runs, so
        that going back loses nothing, but not saved with the work."""
        self.greeting = greeting
        """One line for the student whose name was given: their work is back, or begins."""
        self._unsaved = bool(notice) and store is None
        self._show_student("" if ask_name else self.work.student_name(), saved=not self._unsaved)
        self.theme = self._known(theme) or self._known(self.work.setting(THEME_SETTING)) or THEME

    def _show_student(self, name: str, *, saved: bool) -> None:
        """Whose work this is, and whether it is saved, in the header on every screen: on a
        shared computer or a server, a student sees at once whose work is open."""
        # Not saved is said on every screen, not only in a notification that goes.
        parts = [self.TITLE, *([name] if name else []), *([] if saved else ["work not saved"])]
        self.title = " · ".join(parts)

    def _known(self, theme: str | None) -> str | None:
        """The theme if this app has it: one saved by another version may be gone."""
        return theme if theme and theme in self.available_themes else None

    def watch_theme(self, theme: str) -> None:
        """The one place every change of theme passes, from the picker or from code: saved as
        the student's choice, once the app runs (the theme it starts in is no new choice)."""
        if self.is_running:
            self.work.keep_setting(THEME_SETTING, theme)

    @property
    def locked_predictions(self) -> frozenset[str]:
        """The scenarios on which a prediction was locked in this session, by id: the work keeps
        them, as the prediction screen saves each one when it is locked."""
        return self.work.locked

    def may_see_record(self, scenario: Scenario) -> bool:
        """The one place that asks whether a scenario's record, and what tells it, may be seen:
        in a pack that asks for predictions first, once one is locked, in this session or a
        saved earlier one."""
        locked = {scenario.id} if self.work.predicted(scenario) else set()
        return record_may_be_seen(self.catalogue.pack, scenario, locked)

    def on_app_focus(self) -> None:
        """In a browser the app starts unfocused, so a screen composed then never took its
        auto-focus, and Textual gives focus back only to a widget that had it: the list took no
        keys until clicked. Give the screen the focus it would have had in a terminal."""
        screen = self.screen
        selector = screen.AUTO_FOCUS or self.AUTO_FOCUS
        if screen.focused is not None or not selector:
            return
        for widget in screen.query(selector):
            if widget.focusable:
                screen.set_focus(widget, scroll_visible=False)
                return

    def get_default_screen(self) -> Screen[Any]:
        return PickerScreen(self.catalogue)

    def on_name_screen_given(self, event: NameScreen.Given) -> None:
        """The student's work from now on is this name's: on to the list, and any scenario."""
        if not self._naming():
            return  # a second enter that overtook the first
        store, hello, name = self._store, "", event.student
        if store is not None:
            try:
                welcome = store.use_student(event.student)
                name = store.student_name()  # as first given: 'amina diallo' is Amina Diallo
                hello = greeting(name, welcome)
            except StoreError as error:
                self.notify(
                    f"Your work cannot be saved: {error}.",
                    title="Not saved",
                    severity="warning",
                    timeout=20,
                    markup=False,
                )
                store = None
        self.work = Work(store)
        self.named = True
        self.theme = self._known(self.work.setting(THEME_SETTING)) or self.theme
        self._show_student(name, saved=not self._unsaved and store is not None)
        self.pop_screen()  # the list, below, asks the new work what may be seen as it resumes
        if hello:
            self.notify(hello, timeout=8, markup=False)
        self._open_first_scenario()

    def on_mount(self) -> None:
        if self.notice:
            title = "Saved work" if self.work.saving else "Not saved"
            self.notify(self.notice, title=title, severity="warning", timeout=20, markup=False)
        problems = self.catalogue.problems
        if problems:
            lines = [problem.line(file_name_only=True) for problem in problems[:MAX_PROBLEMS_SHOWN]]
            if len(problems) > MAX_PROBLEMS_SHOWN:
                lines.append(
                    f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more: see the top of the list"
                )
            self.notify(
                "\n".join(lines),
                title=problems_summary(problems),
                severity="warning",
                timeout=20,
                markup=False,
            )
        if self.greeting:
            self.notify(self.greeting, timeout=8, markup=False)
        if self.ask_name:
            from simulator.ui.name import NameScreen

            # Over the list, which holds nothing of anyone's until the name is given.
            self.push_screen(NameScreen())
        else:
            self._open_first_scenario()

    def _naming(self) -> bool:
        """Whether the name screen is up: only an app that asks for a name loads it."""
        if not self.ask_name:
            return False
        from simulator.ui.name import NameScreen

        return isinstance(self.screen, NameScreen)

    def _open_first_scenario(self) -> None:
        """The scenario the app was opened on, if any, over the list."""
        if self.scenario_id is not None:
            scenario = self.catalogue.get(self.scenario_id)
            assembly = self.catalogue.assembly(self.scenario_id)
            if assembly is not None:
                self.open_assembly(assembly)
            elif scenario is None:
                self.notify(
                    f"There is no scenario {self.scenario_id!r}: choose one from the list.",
                    severity="error",
                    markup=False,
                )
            else:
                self.open_scenario(scenario)

    def open_scenario(self, scenario: Scenario, *, predict: bool = False) -> None:
        """Open the vote on this scenario, over the picker, so that escape returns to it; with
        `predict`, a prediction over the vote. Never before a name asked for is given."""
        if self.ask_name and not self.named:
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, PickerScreen):
            self.pop_screen()
        self.push_screen(vote_screen_for(scenario, self.work, catalogue=self.catalogue))
        if predict and isinstance(self.screen, VoteScreen):
            self.screen.action_predict()

    @on(PickerScreen.Chosen)
    def _open_chosen(self, event: PickerScreen.Chosen) -> None:
        self.open_scenario(event.scenario, predict=event.predict)

    def open_assembly(self, scenario: AssemblyScenario) -> None:
        """Open a General Assembly vote over the picker, with any votes set on it before."""
        if self.ask_name and not self.named:
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, PickerScreen):
            self.pop_screen()
        from simulator.ui.assembly import AssemblyScreen

        self.push_screen(AssemblyScreen(scenario, self.assembly_ballots))

    @on(PickerScreen.AssemblyChosen)
    def _open_assembly_chosen(self, event: PickerScreen.AssemblyChosen) -> None:
        self.open_assembly(event.scenario)

    async def action_quit(self) -> None:
        """Quit; ask first if votes have been set that could not be saved, or in a browser,
        where a stray `q` would end the page's session (but not before a name is given)."""
        if isinstance(self.screen, ConfirmQuit) or self._naming():
            self.exit()
            return
        unsaved = self.work.with_votes(self.catalogue)
        if not unsaved and not self.ask_name:
            self.exit()
            return

        def answered(quit: bool | None) -> None:
            if quit:
                self.exit()

        self.push_screen(ConfirmQuit(unsaved), answered)

    def action_command_palette(self) -> None:
        if self._naming():
            return
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CouncilPalette())

    def search_themes(self) -> None:
        """The themes, in the same safe palette as the commands."""
        self.push_screen(CouncilPalette([ThemeProvider], placeholder="Search for themes…"))

    def action_export_work(self) -> None:
        """Write the student's work to a file to hand in (or, in a browser, download it)."""
        # Imported when first asked for, as the help's Markdown is: not needed to start.
        from simulator.ui.export import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen(self.work, self.catalogue))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _on_vote_screen(self, action: str, *args: str) -> Callable[[], None]:
        """A palette command that acts on the vote screen current when it runs, if any.

        The palette runs its command after it has closed, by which time the screen it was opened
        over may be gone; a command bound to that screen would act on a removed one.
        """

        def run() -> None:
            screen = self.screen
            if isinstance(screen, VoteScreen):
                getattr(screen, f"action_{action}")(*args)

        return run

    def _on_assembly_screen(self, action: str, *args: str) -> Callable[[], None]:
        """A palette command on the Assembly's vote screen current when it runs, as above."""

        def run() -> None:
            from simulator.ui.assembly import AssemblyScreen

            screen = self.screen
            if isinstance(screen, AssemblyScreen):
                getattr(screen, f"action_{action}")(*args)

        return run

    def _on_predict_screen(self, action: str) -> Callable[[], None]:
        """A palette command on the prediction screen current when it runs, as above."""

        def run() -> None:
            from simulator.ui.predict import PredictScreen

            screen = self.screen
            if isinstance(screen, PredictScreen):
                getattr(screen, f"action_{action}")()

        return run

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The actions of the current screen, the rules, the themes and quit."""
        # The screens not on the list are loaded when first opened, for a quicker start.
        from simulator.ui.assembly import AssemblyScreen
        from simulator.ui.predict import PredictScreen

        if isinstance(screen, VoteScreen):
            # A statement is not voted: its members take positions.
            if screen.scenario.decision.is_statement:
                kind, record, as_cast = (
                    "Position",
                    "positions",
                    "Each member's position as reported",
                )
            else:
                kind, record, as_cast = "Vote", "vote", "The vote as the Council cast it"
            for vote, label in screen.vote_commands():
                yield SystemCommand(
                    f"{kind}: {label}",
                    "For the highlighted member, then move to the next",
                    self._on_vote_screen("vote", vote.value),
                )
            yield SystemCommand(
                f"Reset the {kind.lower()}s", "Clear them all (r)", self._on_vote_screen("reset")
            )
            yield SystemCommand(
                f"Load the recorded {record}", f"{as_cast} (h)", self._on_vote_screen("record")
            )
            yield SystemCommand(
                "Rules side by side",
                "The same votes as substantive, procedural and a statement (d)",
                self._on_vote_screen("side_by_side"),
            )
            yield SystemCommand(
                "What if…",
                "The fewest members whose change together would flip the outcome (w)",
                self._on_vote_screen("what_if"),
            )
            yield SystemCommand(
                "Voting power",
                "Each member's share of the power to decide, today and in 1945 (v)",
                self._on_vote_screen("power"),
            )
            yield SystemCommand(
                "Predict the vote",
                "Set the votes you expect, then see the record (p)",
                self._on_vote_screen("predict"),
            )
            yield SystemCommand(
                "Back to the scenarios", "Close this screen (escape)", self._on_vote_screen("back")
            )
        if isinstance(screen, AssemblyScreen):
            for word, label in (
                ("yes", "in favour (y)"),
                ("no", "against (n)"),
                ("abstain", "abstain (a)"),
                ("absent", "absent (x)"),
            ):
                yield SystemCommand(
                    f"Assembly vote: {label}",
                    "For the highlighted group (all its members) or member, then the next",
                    self._on_assembly_screen("vote", word),
                )
            for title, help, action in (
                ("Search the members", "By name or code (/)", "search"),
                ("Reset the votes", "Clear them all (r)", "reset"),
                ("Load the recorded vote", "As the Assembly voted, if on record (h)", "record"),
                ("Back", "Close the search or the group, or leave (escape)", "back"),
            ):
                yield SystemCommand(title, help, self._on_assembly_screen(action))
        if isinstance(screen, PredictScreen):
            for title, help, action in (
                ("Prediction: the next outcome", "The outcome you expect (o)", "outcome"),
                ("Prediction: the next hint", "What the sources said before the vote (i)", "hint"),
                ("Lock the prediction", "And see the record beside it (l)", "lock"),
                ("Give up the prediction", "Back to the vote (escape)", "back"),
            ):
                yield SystemCommand(title, help, self._on_predict_screen(action))
        yield SystemCommand(
            "Export your work",
            "Votes, verdicts and scored predictions, to a file to hand in (e)",
            self.action_export_work,
        )
        yield SystemCommand(
            "How the Council votes", "The rules of Article 27, and the keys (?)", self.action_help
        )
        yield SystemCommand(
            "Change theme",
            f"Textual's themes, and {HIGH_CONTRAST} for a projector or low vision",
            self.search_themes,
        )
        for command in super().get_system_commands(screen):
            # Of Textual's own, only quit. Its theme command is the one above, in words a
            # student looks for; its key panel lists generic widget keys and squeezes the screen
            # (the help lists this app's), maximize hides the verdict, and a screenshot goes to a
            # folder a classroom machine may not have.
            if command.title == "Quit":
                yield command
