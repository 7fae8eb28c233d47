"""Regenerate the README's picture of the vote screen: python docs/screenshot.py."""

from __future__ import annotations

import asyncio
from pathlib import Path

from simulator.scenarios import load_catalogue
from simulator.ui.app import CouncilApp

SCENARIO = "2024-03-22-us-draft"


async def main() -> None:
    app = CouncilApp(load_catalogue(), scenario_id=SCENARIO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        app.save_screenshot("vote-screen.svg", path=str(Path(__file__).parent))


if __name__ == "__main__":
    asyncio.run(main())
