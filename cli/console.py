"""The one stderr console: everything meant for a person goes here, stdout carries only JSON lines."""
from __future__ import annotations

import sys


class Messages:
    """One-line messages on stderr; warnings can be silenced, errors cannot."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet

    def error(self, message: str) -> None:
        self._write(f"diplo: error: {message}")

    def warning(self, message: str) -> None:
        if not self.quiet:
            self._write(f"diplo: warning: {message}")

    @staticmethod
    def _write(line: str) -> None:
        try:
            sys.stderr.write(line.replace("\n", " ") + "\n")
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):
            pass
