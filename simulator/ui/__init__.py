"""The terminal UI, and the only package that imports Textual.

Open it with `CouncilApp(catalogue).run()` from `simulator.ui.app`; every count it shows comes
from `simulator.rules`.
"""
