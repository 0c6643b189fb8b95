"""How diplo stops on a signal, whatever it is doing and however many signals come.

The first SIGINT, SIGTERM or SIGHUP raises KeyboardInterrupt in the main thread: the run cleans up
(workers killed, the temporary -o file removed, the state compacted) and exits 130. Any later one
ends the process at once, also with 130: a second Ctrl-C never waits for that clean-up, and the
kernel takes the workers down with it (see runner/workers.py). Neither way prints a traceback.
"""
from __future__ import annotations

import os
import signal

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
EXIT_INTERRUPTED = 130

_stopping = False


def install() -> None:
    """Handle the stop signals as described above (idempotent)."""
    for number in STOP_SIGNALS:
        signal.signal(number, _stop)


def _stop(signum, frame) -> None:
    global _stopping
    if _stopping:
        try:
            os.write(2, b"diplo: error: interrupted\n")
        except OSError:
            pass
        os._exit(EXIT_INTERRUPTED)
    _stopping = True
    raise KeyboardInterrupt


class SignalsHeld:
    """Stop signals wait while a worker is forked, so that none reaches it before it has its own handlers."""

    def __enter__(self) -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)

    def __exit__(self, *exc) -> None:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
