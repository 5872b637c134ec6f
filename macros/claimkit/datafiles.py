"""Open a data file only when it is what it looks like: a regular file in the data folder.

A pull request can add a symbolic link (to ``/dev/zero``, to a token outside the
project, to another data file), a named pipe or a device under ``data/``, or make
``data/reports`` itself a link. Such an entry is refused by its name, before
anything is read from it: ``lstat`` says what the entry is without following it,
the file is opened with ``O_NOFOLLOW`` and ``O_NONBLOCK`` (a link or pipe put in
its place meanwhile cannot be followed or block the build), ``fstat`` on the
open file confirms it is a regular file and gives its size, and at most
``limit + 1`` bytes are ever read. Nothing read from a refused entry, not even
where a link points, appears in a message.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(Exception):
    """A data file that is not read; ``line`` is 0 unless the refusal points into the file."""

    def __init__(self, message: str, line: int = 0):
        self.message = message
        self.line = line
        super().__init__(message)


def _what(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def entry_problem(path: Path) -> str | None:
    """Why ``path`` is not a plain file or folder of the data, or None (also None if it is missing)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return ("is a symbolic link; data files and folders must be real files inside the data folder "
                "(replace the link with the file itself)")
    return None


def folder_problem(folder: Path) -> str | None:
    """Why the data folder (or a folder in it) cannot be listed, or None when it can (or is absent)."""
    link = entry_problem(folder)
    if link:
        return link
    try:
        mode = os.lstat(folder).st_mode
    except OSError:
        return None
    if not stat.S_ISDIR(mode):
        return f"is {_what(mode)}, not a folder"
    return None


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular data file of at most ``limit`` bytes; raise :class:`Refused` otherwise."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise Refused("file not found") from None
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror}") from None
    if stat.S_ISLNK(mode):
        raise Refused("is a symbolic link, not a file: data files must be real files inside the data "
                      "folder (replace the link with the file itself); nothing was read from it")
    if not stat.S_ISREG(mode):
        raise Refused(f"is {_what(mode)}, not a regular file; nothing was read from it")
    parent_problem = entry_problem(path.parent)
    if parent_problem:
        raise Refused(f"its folder {path.parent.name}/ {parent_problem}")
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since lstat
            raise Refused("is a symbolic link, not a file; nothing was read from it") from None
        raise Refused(f"cannot read file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"is {_what(info.st_mode)}, not a regular file; nothing was read from it")
        # Read to the end, but never more than one byte past the limit (that byte says "too large",
        # even for a file that grew since fstat). The first read asks for the whole file at once.
        chunks: list[bytes] = []
        size = 0
        ask = min(info.st_size, limit) + 1
        while size <= limit:
            chunk = os.read(fd, ask)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            ask = min(1 << 16, limit + 1 - size)
        raw = b"".join(chunks)
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(raw) > limit or info.st_size > limit:
        total = max(info.st_size, len(raw))
        raise Refused(
            f"file is {total:,} bytes; the limit is {limit:,} bytes per data file "
            "(quote short passages, not whole articles); it passes the limit on this line",
            raw.count(b"\n", 0, limit) + 1,
        )
    return raw
