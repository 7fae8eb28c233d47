"""The app's own theme: high contrast, for a projector in a bright room or a student who needs it.

Offered in the theme picker (ctrl+p, "Change theme") beside Textual's built-in themes. White
text on black; every colour that carries words (a vote, a verdict, a key) is bright enough to
read on black, and every colour that a verdict banner fills is bright enough for black text.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = "council-high-contrast"

BLACK = "#000000"
WHITE = "#FFFFFF"
YELLOW = "#FFFF00"
CYAN = "#00FFFF"
GREEN = "#00E64D"
RED = "#FF6B6B"
GREY = "#D0D0D0"
"""Muted text: still more than 13 to 1 against black."""
DARK_GREY = "#3A3A3A"
"""The cursor of a list that does not have the focus: white on it is more than 11 to 1."""

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary=CYAN,
    secondary=YELLOW,
    accent=YELLOW,
    warning=YELLOW,
    error=RED,
    success=GREEN,
    foreground=WHITE,
    background=BLACK,
    surface=BLACK,
    panel=BLACK,
    dark=True,
    variables={
        # "auto" picks black or white against what lies beneath, at full strength: white on
        # black, black on a banner's bright colour.
        "text": "auto 100%",
        "text-muted": GREY,
        "text-primary": CYAN,
        "text-secondary": YELLOW,
        "text-accent": YELLOW,
        "text-warning": YELLOW,
        "text-error": RED,
        "text-success": GREEN,
        "foreground-muted": GREY,
        "primary-muted": DARK_GREY,
        "accent-muted": DARK_GREY,
        "warning-muted": DARK_GREY,
        "block-cursor-background": YELLOW,
        "block-cursor-foreground": BLACK,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": DARK_GREY,
        "block-cursor-blurred-foreground": WHITE,
        "block-cursor-blurred-text-style": "bold",
        "border": YELLOW,
        "border-blurred": GREY,
        "footer-background": BLACK,
        "footer-foreground": WHITE,
        "footer-key-foreground": YELLOW,
        "footer-description-foreground": WHITE,
        "footer-item-background": BLACK,
        "input-cursor-background": WHITE,
        "input-cursor-foreground": BLACK,
        "input-selection-background": f"{CYAN} 40%",
        "scrollbar": GREY,
        "scrollbar-background": BLACK,
        "scrollbar-hover": WHITE,
        "scrollbar-active": YELLOW,
        "button-foreground": BLACK,
        "button-color-foreground": BLACK,
        "markdown-h1-color": YELLOW,
        "markdown-h2-color": YELLOW,
        "markdown-h3-color": CYAN,
    },
)
"""Black and white, with yellow and cyan for what is highlighted and keys."""

TEXT_ON_BACKGROUND = (
    "foreground",
    "text-muted",
    "text-primary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "foreground-muted",
    "footer-key-foreground",
    "footer-description-foreground",
    "markdown-h1-color",
    "markdown-h2-color",
    "markdown-h3-color",
)
"""The high-contrast theme's colours that are read as words on its black background."""

FILLS_UNDER_BLACK_TEXT = ("success", "error", "warning", "block-cursor-background")
"""Its colours that fill a line read in black: the verdict banners and the cursor."""
