"""The Typer app: `diplo extract`, `diplo models`. Commands parse options and hand off to plain functions."""
from __future__ import annotations

import os
import sys

# One BLAS thread per process: Natasha's small matrix products run no faster on two, and the second
# thread spins on the other core (twice the CPU time for a Russian run). --jobs N is how to use more
# cores. Set before anything imports numpy; a value in the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import typer  # noqa: E402
from diplo.cli import extract as extract_command  # noqa: E402
from diplo.cli import models as models_command  # noqa: E402
from diplo.cli import timeline as timeline_command  # noqa: E402

app = typer.Typer(
    name="diplo",
    help="Entities and dated diplomatic events from Russian, Ukrainian and Kyrgyz news, as JSON lines.\n\n"
    "Exit codes: 0 all inputs processed; 1 some input failed (each named on stderr); 2 usage error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract_command.extract)
app.command("timeline")(timeline_command.timeline)
app.command("models")(models_command.models)


def run() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("diplo: error: interrupted\n")
        sys.exit(130)
    except Exception as error:  # a bug: still one line for the user, never a traceback
        sys.stderr.write(f"diplo: internal error: {type(error).__name__}: {error}\n")
        sys.exit(1)
