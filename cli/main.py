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

REQUIRED_PYTHON = (3, 11)

app = typer.Typer(
    name="diplo",
    help="Entities and dated diplomatic events from Russian, Ukrainian and Kyrgyz news, as JSON lines.\n\n"
    "Exit codes: 0 all inputs processed; 1 some input failed (each named on stderr); 2 usage error; "
    "130 interrupted.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and plain one-line errors, as coreutils give
)
app.command("extract")(extract_command.extract)
app.command("timeline")(timeline_command.timeline)
app.command("models")(models_command.models)


def run() -> None:
    problem = python_problem(sys.version_info)
    if problem:
        sys.stderr.write(f"diplo: error: {problem}\n")
        sys.exit(2)
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as error:  # a usage error (Typer's bundled click raises these)
        sys.stderr.write(f"diplo: error: {usage_message(error)}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("diplo: error: interrupted\n")
        sys.exit(130)
    except Exception as error:  # a bug: still one line for the user, never a traceback
        sys.stderr.write(f"diplo: internal error: {type(error).__name__}: {error}\n")
        sys.exit(1)
    sys.exit(code or 0)


def python_problem(version: tuple) -> str | None:
    """Why this interpreter cannot run diplo, or None."""
    if tuple(version[:2]) != REQUIRED_PYTHON:
        wanted = ".".join(map(str, REQUIRED_PYTHON))
        return f"diplo needs Python {wanted}; this is Python {version[0]}.{version[1]} (see README, Setup)"
    return None


# Typer's own wording for values it cannot convert, and what diplo says instead.
_PLAIN = {
    "Input should be a valid integer, unable to parse string as an integer": "expected a whole number",
    "Input should be a valid number, unable to parse string as a number": "expected a number",
    "Value error, ": "",
}


def usage_message(error: Exception) -> str:
    """One line for a usage error: what is wrong, and where help is."""
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "diplo"
    name = type(error).__name__
    if name == "NoSuchOption":
        import difflib

        close = difflib.get_close_matches(error.option_name, getattr(error, "possibilities", None) or [], n=1, cutoff=0.75)
        message = f"unknown option {error.option_name}" + (f" (did you mean {close[0]}?)" if close else "")
    elif name == "BadParameter" and getattr(error, "param", None) is not None:
        option = max(error.param.opts, key=len) if error.param.opts else error.param.human_readable_name
        message = f"invalid value for {option}: {_plain(error.message)}"
    elif command == "diplo" and "Missing command" in error.format_message():
        message = "missing command: extract, timeline or models"
    else:
        message = _plain(error.format_message())
        message = message[:1].lower() + message[1:]
    return f"{message.rstrip('.')}; see '{command} --help'"


def _plain(message: str) -> str:
    for typer_words, ours in _PLAIN.items():
        message = message.replace(typer_words, ours)
    return message
