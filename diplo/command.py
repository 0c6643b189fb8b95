"""The `diplo` command as a shell or cron starts it: first make the process safe to run unattended,
then hand over to the Typer app (diplo.cli.main).

It imports next to nothing, so that it is in charge within milliseconds of start-up: a Ctrl-C while
the app is still importing ends the run with exit code 130 and one line, not a traceback.
"""
from __future__ import annotations

import os
import sys


def main() -> None:
    from diplo.runner import stopping

    stopping.install()
    _standard_streams()
    try:
        from diplo.cli.main import run

        run()
    except KeyboardInterrupt:  # outside the app's own handling: while importing it, or on the way out
        if not stopping.stopping():
            _say("diplo: error: interrupted")
        sys.exit(stopping.EXIT_INTERRUPTED)


def _standard_streams() -> None:
    """Give a closed stdin, stdout or stderr (`2>&-`) /dev/null, before any file could take its number.

    Otherwise the first file diplo opens (the -o temporary file, the state journal) would become fd 2,
    and error messages would be written into it.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        devnull = os.open(os.devnull, os.O_RDWR)
        if devnull != fd:
            os.dup2(devnull, fd)
            os.close(devnull)
        setattr(sys, name, open(fd, mode, encoding="utf-8", errors="replace", closefd=False))


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
