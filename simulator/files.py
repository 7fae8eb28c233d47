"""Files a user asks for (a scenario to start from, an export), written whole or not at all.

One way for the whole project: the bytes go to a temporary file in the same folder, which is
flushed and synced to the disk, and only then takes its name (`os.link`, which refuses a name
already taken, or `os.replace` when the user said to overwrite); the folder is synced last, so
that the new name survives a power cut too. A crash or a full disk midway leaves the old file, or
none, never half a file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}
"""What `os.link` raises on a file system without hard links (FAT on a USB stick, say)."""


def write_whole(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write `data` to `path` whole, or not at all.

    Without `overwrite`, never over another file: `FileExistsError` if the name is taken, even by
    a file that appeared while this one was written. With it, an existing file is replaced in one
    step, and is left as it was if the write fails.
    """
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=f"{path.suffix}.part")
    try:
        # mkstemp makes a file only its owner may read: give it the mode a new file gets.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)  # fails if the name is taken: nothing is overwritten
            except OSError as error:
                if error.errno not in _NO_LINKS:  # among them FileExistsError: the name is taken
                    raise
                _write_exclusive(path, data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # gone already after os.replace
    _sync_folder(path.parent)


def _write_exclusive(path: Path, data: bytes) -> None:
    """Created only if the name is free; a file left half written is removed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def _sync_folder(folder: Path) -> None:
    """So that the new name survives a crash too; not every system can sync a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
