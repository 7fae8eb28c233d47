"""Students' names: what makes two names one student, and which names cannot be used.

Pure: the store keys each student's work by `name_key`, and a class session keys its seats by
it too, so that a student who types their name again, in another case, is the same student.
"""

from __future__ import annotations

import unicodedata

NAME_MAX = 60
"""The longest name kept, in characters: a full name fits, and a title bar still shows it."""


def tidy_name(name: str) -> str:
    """The name as kept and shown: trimmed, each run of spaces inside it made one space."""
    return " ".join(name.split())


def name_key(name: str) -> str:
    """What makes two names one student: trimmed, case-folded, inner spaces collapsed (and
    Unicode-normalised, so that an accent typed two ways is one), so 'amina  DIALLO ' finds
    'Amina Diallo'. Stored in the file: changing it would part students from their work."""
    return unicodedata.normalize("NFKC", tidy_name(name)).casefold()


def name_problem(name: str) -> str:
    """Why this name cannot be used, in plain words; '' when it can."""
    tidy = tidy_name(name)
    if not tidy:
        return "Type your name first: it keeps your work apart from your classmates'."
    if len(tidy) > NAME_MAX:
        return f"That name is too long: at most {NAME_MAX} characters, please."
    if any(unicodedata.category(character) == "Cc" for character in tidy):
        return "A name cannot hold control characters: type it with letters and spaces."
    return ""
