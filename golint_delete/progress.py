"""A one-line progress count on stderr, for a terminal only and only once a run has taken longer
than a moment: pre-commit and CI logs (not terminals) never see it, and quick runs never flicker."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_DELAY = 0.5  # seconds before the first draw
_EVERY = 0.1  # seconds between redraws


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def advance(self, files: int) -> None:
        self.done += files
        now = time.monotonic()
        if now - self._start < _DELAY or now - self._last < _EVERY:
            return
        self._last = now
        width = 30
        filled = width * self.done // max(self.total, 1)
        self.stream.write(f"\r\x1b[2Kgolint-delete [{'#' * filled}{'.' * (width - filled)}] "
                          f"{self.done}/{self.total} files")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")  # leave the line clean for the report
            self.stream.flush()


def wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    stream = stream if stream is not None else sys.stderr
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):
        return False
