"""The app served to a web browser: Textual's web start, and a real page in headless Chromium.

The Chromium tests drive `council-sim serve` as students would: the page loads, a name is given,
a draft is opened and one key press changes the verdict; and with `serve --class`, two tabs
take two members of one class session and each sees the other's vote. They need Debian's
`chromium` and `chromium-driver` and the `selenium` package; without them they are skipped with
the reason, except where COUNCIL_SIM_BROWSER_TEST=required (as CI sets it), where their absence
fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events

from simulator.rules import Vote
from simulator.scenarios import Catalogue, load_paths
from simulator.store import FILE_NAME, Store
from simulator.ui.app import CouncilApp
from simulator.ui.screens import HelpScreen

ARTEFACTS = Path(__file__).resolve().parent.parent / "build" / "browser-test"
"""Where the screenshots are kept after the run, for a person (or CI) to look at."""

UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"
SCENARIO = "2024-gaza-ceasefire"
STUDENT = "Ada Lovelace"
PATIENCE = 30.0
"""Seconds to wait for the page or the app; a slow machine is waited for, never failed on."""


async def test_a_screen_opened_while_the_app_is_unfocused_gets_its_focus_when_it_returns(
    ui_catalogue: Catalogue,
) -> None:
    """In a browser the app starts unfocused; once focused, the screen's list takes keys."""
    app = CouncilApp(ui_catalogue)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert app.focused is None
        await app.push_screen(HelpScreen())
        await pilot.pause()
        assert app.focused is None
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert app.focused is not None
        assert app.focused.id == "help-text"


def _browser_or_skip() -> tuple[str, str]:
    """Chromium and its driver, or a skip that says what is missing (a failure where required)."""
    missing = []
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package (pip install -e '.[test]')")
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if chromium is None:
        missing.append("Debian's chromium")
    if driver is None:
        missing.append("Debian's chromium-driver")
    if missing or chromium is None or driver is None:
        reason = "the browser test needs " + " and ".join(missing)
        if os.environ.get("COUNCIL_SIM_BROWSER_TEST") == "required":
            pytest.fail(reason)
        pytest.skip(reason)
    return chromium, driver


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(what: str, check: Callable[[], bool], patience: float = PATIENCE) -> None:
    deadline = time.monotonic() + patience
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {patience:.0f} s for {what}")
        time.sleep(0.2)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A pack of one scenario, so the page opens on a known list."""
    folder = tmp_path / "pack"
    folder.mkdir()
    source = UI_FIXTURES / "2024-03-22-gaza-ceasefire.toml"
    (folder / source.name).write_text(source.read_text("utf-8"), "utf-8")
    (folder / "pack.toml").write_text('title = "Browser check"\n', "utf-8")
    return folder


@contextlib.contextmanager
def _serving(tmp_path: Path, *options: str) -> Iterator[str]:
    """`council-sim serve` with these options on a free loopback port, stopped (and its apps
    with it) afterwards; its address."""
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    command = [sys.executable, "-m", "simulator", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), *options]
    process = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for("the server to answer", lambda: process.poll() is not None or _answers(url))
        assert process.poll() is None, (tmp_path / "serve.log").read_text("utf-8")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def server(pack: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`council-sim serve` on the pack, with a data folder of its own."""
    data = tmp_path / "server-data"
    with _serving(tmp_path, "--scenarios", str(pack), "--data", str(data)) as url:
        yield url, data


def _chromium(chromium: str, driver: str) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    # Headless, as root in CI, on a machine whose network is closed: no background fetching.
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,700",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver), options=options)


def _type(browser: Any, keys: str) -> None:
    """Keys to the terminal on the page, as a student's typing reaches it."""
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
    ActionChains(browser).send_keys(keys).perform()


def _click_and_type(browser: Any, keys: str) -> None:
    """As a student does it: a click on the middle of the page, wherever that lands (on the
    name screen, the empty box around the name), then the keys, with nothing focused by
    script."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    terminal = browser.find_element(By.ID, "terminal")
    ActionChains(browser).move_to_element(terminal).click().send_keys(keys).perform()


def _settled_screenshot(browser: Any) -> bytes:
    """The terminal once it has stopped changing: the same picture twice, half a second apart."""
    from selenium.webdriver.common.by import By

    terminal = browser.find_element(By.ID, "terminal")
    pictures: list[bytes] = [terminal.screenshot_as_png]

    def still() -> bool:
        time.sleep(0.5)
        pictures.append(terminal.screenshot_as_png)
        return pictures[-1] == pictures[-2]

    _wait_for("the page to stop changing", still)
    return pictures[-1]


def test_the_app_in_chromium_loads_and_a_key_press_changes_the_verdict(
    server: tuple[str, Path],
) -> None:
    """In headless Chromium: the page loads, a name is taken, `h` changes the verdict."""
    chromium, driver = _browser_or_skip()
    from selenium.webdriver.common.keys import Keys

    url, data = server
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    browser = _chromium(chromium, driver)
    try:
        browser.get(url)
        _wait_for(
            "the app's first screen",
            lambda: "-first-byte" in browser.execute_script("return document.body.className"),
        )
        (ARTEFACTS / "1-name.png").write_bytes(_settled_screenshot(browser))
        _type(browser, STUDENT + Keys.ENTER)
        (ARTEFACTS / "2-list.png").write_bytes(_settled_screenshot(browser))
        _type(browser, Keys.DOWN + Keys.ENTER)  # past the pack's heading, onto its draft
        before = _settled_screenshot(browser)
        (ARTEFACTS / "3-vote-before.png").write_bytes(before)
        _type(browser, "h")
        after = _settled_screenshot(browser)
        (ARTEFACTS / "4-vote-after.png").write_bytes(after)
    finally:
        browser.quit()
    assert after != before, "the page did not change when the record was loaded"
    # What the page showed is what the app did: the student's ballot, saved under their name.
    with Store.open(data / FILE_NAME) as store:
        votes = store.as_student(STUDENT).saved_votes(SCENARIO)
    assert votes is not None, "nothing was saved for the student who gave the name"
    scenario = load_paths([UI_FIXTURES]).get(SCENARIO)
    assert scenario is not None
    record = scenario.record
    assert record is not None
    assert votes == {code: vote.value for code, vote in record.votes.items()}


# A class session in two tabs: each student's screen, read as text from the page's terminal.

TERMINAL_HOOK = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    const buffer = value && value.buffer && value.buffer.active;
    if (buffer && typeof buffer.getLine === "function" && !window.councilTerminal) {
      window.councilTerminal = value;
    }
  },
});
"""
"""Run before the page's own script: keeps the xterm.js terminal that textual-serve's page
makes (`this.terminal = new Terminal(...)`), so that the test can read the text on it. The page
draws on a canvas, so the text is in no element to find."""

SCREEN_TEXT = """
const terminal = window.councilTerminal;
if (!terminal) { return ""; }
const buffer = terminal.buffer.active;
const lines = [];
for (let y = 0; y < terminal.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y);
  lines.push(line ? line.translateToString(true) : "");
}
return lines.join("\\n");
"""


def _screen_text(browser: Any) -> str:
    """The text on the page's terminal now, a line for each row."""
    return str(browser.execute_script(SCREEN_TEXT))


def _wait_for_text(browser: Any, what: str, check: Callable[[str], bool]) -> str:
    """Wait until the page's terminal shows what `check` looks for; the text it showed."""
    shown = [""]

    def showing() -> bool:
        shown[0] = _screen_text(browser)
        return check(shown[0])

    try:
        _wait_for(what, showing)
    except AssertionError as error:
        raise AssertionError(f"{error}; the page showed:\n{shown[0]}") from None
    return shown[0]


def _seated(member: str) -> Callable[[str], bool]:
    """The seat screen of this member: 'You hold the United States (USA).'"""
    return lambda text: f"({member})." in text


def _shows_vote(member: str, words: str) -> Callable[[str], bool]:
    """The member's row on the roll ends with this vote."""
    return lambda text: _row(text, member).rstrip().endswith(words)


def _row(text: str, code: str) -> str:
    """This member's row in the members' table (found by its code), inside the table's borders:
    the text beside the table is on the same line of the terminal."""
    for line in text.splitlines():
        inside = line.split("│")
        if len(inside) > 2 and f" {code} " in inside[1]:
            return inside[1]
    return ""


def _class_command(data: Path, *argv: str) -> str:
    """A step of the class session without a screen, as the chair's script would run it."""
    command = [sys.executable, "-m", "simulator", "class", *argv, "--data", str(data)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def class_server(pack: Path, tmp_path: Path) -> Iterator[tuple[str, Path, str, str]]:
    """A class session on the pack's draft, served with `serve --class`: its address, data
    folder, code and chair's token."""
    data = tmp_path / "class-data"
    made = json.loads(_class_command(data, "new", SCENARIO, "--scenarios", str(pack), "--json"))
    code, chair = made["code"], made["chair"]
    with _serving(tmp_path, "--class", code, "--data", str(data)) as url:
        yield url, data, code, chair


def test_two_tabs_take_two_members_and_see_each_others_votes(
    class_server: tuple[str, Path, str, str],
) -> None:
    """In two headless Chromium tabs of `serve --class`: two students each give a name and take
    a member; the chair opens the vote from the command line; each votes, and each tab shows
    the other's vote, as the shared store holds them."""
    chromium, driver = _browser_or_skip()
    from selenium.webdriver.common.keys import Keys

    url, data, code, chair = class_server
    scenario = load_paths([UI_FIXTURES]).get(SCENARIO)
    assert scenario is not None
    members = [member.code for member in scenario.members]
    students = {"USA": ("Ada Lovelace", "n", "against"), "CHN": ("Li Wei", "y", "in favour")}
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    tabs: dict[str, Any] = {}
    try:
        for member, (name, _, _) in students.items():
            tab = tabs[member] = _chromium(chromium, driver)
            tab.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TERMINAL_HOOK})
            tab.get(url)
            _wait_for_text(tab, "the name screen", lambda text: "Your name" in text)
            (ARTEFACTS / f"class-{member}-1-name.png").write_bytes(_settled_screenshot(tab))
            # One types at once; the other clicks the page first, as students do.
            enter = _click_and_type if member == "CHN" else _type
            enter(tab, name + Keys.ENTER)
            _wait_for_text(tab, "the members to take", lambda t: "Members you can take" in t)
            # The free members, in the Council's order: those the tabs before took are gone.
            free = [code for code in members if code not in tabs or code == member]
            _type(tab, Keys.DOWN * free.index(member) + Keys.ENTER)
            _wait_for_text(tab, f"the seat of {member}", _seated(member))
            (ARTEFACTS / f"class-{member}-2-seat.png").write_bytes(_settled_screenshot(tab))
        _class_command(data, "open-vote", code, "--chair", chair)
        for member, (_, key, _) in students.items():
            tab = tabs[member]
            _wait_for_text(tab, "the vote to open", lambda t: "The vote is open" in t)
            _type(tab, key)
        for member, tab in tabs.items():
            other = next(code for code in students if code != member)
            word = students[other][2]
            text = _wait_for_text(
                tab, f"{other}'s vote in {member}'s tab", _shows_vote(other, word)
            )
            assert _row(text, member).rstrip().endswith(students[member][2])
            (ARTEFACTS / f"class-{member}-3-votes.png").write_bytes(_settled_screenshot(tab))
    finally:
        for tab in tabs.values():
            tab.quit()
    with Store.open(data / FILE_NAME) as store:
        session = store.class_session(code)
    assert session is not None
    assert dict(session.current.votes) == {"USA": Vote.AGAINST, "CHN": Vote.IN_FAVOUR}
    assert {member: seat.name for member, seat in session.seats.items()} == {
        "USA": "Ada Lovelace",
        "CHN": "Li Wei",
    }
