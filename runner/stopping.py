"""How diplo stops on a signal, whatever it is doing and however many signals come.

The first SIGINT, SIGTERM or SIGHUP prints "diplo: error: interrupted". Inside `graceful()` (a run
of `diplo extract`), it then raises KeyboardInterrupt in the main thread: the run cleans up (workers
killed, the temporary -o file removed, the state compacted) and exits 130. Anywhere else (starting
up, parsing options) there is nothing to clean up, and the process exits 130 at once. A second
signal always ends the process at once: it never waits for the clean-up, and the kernel takes the
workers down with it (see runner/workers.py). No way prints a traceback.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
EXIT_INTERRUPTED = 130

_stopping = False
_graceful = 0


def install() -> None:
    """Handle the stop signals as described above (idempotent)."""
    for number in STOP_SIGNALS:
        signal.signal(number, _stop)


@contextmanager
def graceful() -> Iterator[None]:
    """Within this block, the first stop signal raises KeyboardInterrupt so that the run can clean up."""
    global _graceful
    _graceful += 1
    try:
        yield
    finally:
        _graceful -= 1


def stopping() -> bool:
    """Whether a stop signal came (and "interrupted" was said)."""
    return _stopping


def _stop(signum, frame) -> None:
    global _stopping
    first, _stopping = not _stopping, True
    if first:
        try:  # said now: the clean-up may be cut short by a second signal
            os.write(2, b"diplo: error: interrupted\n")
        except OSError:
            pass
        if _graceful:
            raise KeyboardInterrupt
    os._exit(EXIT_INTERRUPTED)


class SignalsHeld:
    """Stop signals wait while a worker is forked, so that none reaches it before it has its own handlers."""

    def __enter__(self) -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)

    def __exit__(self, *exc) -> None:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
