"""Options shared by the commands, declared once, each checked with a message a person can act on."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from diplo.extractors.pipeline.language import language_codes
from diplo.runner.reading import DEFAULT_MAX_BYTES


def _iso_day(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


def _language(value: Optional[str]) -> Optional[str]:
    # The codes of the language folders (extractors/lang/), read without loading any language.
    if value is not None and value not in language_codes():
        raise typer.BadParameter(f"unknown language {value!r} (known: {', '.join(language_codes())})")
    return value


def at_least(minimum: float):
    """A callback refusing numbers below `minimum`."""

    def check(value):
        if value is not None and value < minimum:
            raise typer.BadParameter(f"{value} is less than {minimum:g}")
        return value

    return check


def _stanza_dir(value: Optional[Path]) -> Optional[Path]:
    if value is not None and not value.is_dir():
        raise typer.BadParameter(f"{str(value)!r} is not a directory")
    return value


def usable_cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# Described in each command's help text: Typer would print an argument's Python type beside it.
OptionalPaths = Annotated[Optional[list[str]], typer.Argument(metavar="PATH", show_default=False, hidden=True)]
LangOption = Annotated[Optional[str], typer.Option(
    "--lang", "-l", metavar="LANG", callback=_language,
    help=f"Language of every input ({', '.join(language_codes())}); default: detect per article.")]
PublishedOption = Annotated[Optional[str], typer.Option(
    "--published", "-p", callback=_iso_day, metavar="YYYY-MM-DD",
    help="Publication date for articles without a ' date YYYY-MM-DD' header; anchors relative dates.")]
MaxBytesOption = Annotated[int, typer.Option(
    "--max-bytes", metavar="N", callback=at_least(1), help="Skip (with an error) files larger than N bytes.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Do not print warnings (errors are always printed).")]
StanzaDirOption = Annotated[Optional[Path], typer.Option(
    "--stanza-dir", envvar="DIPLO_STANZA_DIR", metavar="DIR", callback=_stanza_dir, show_envvar=True,
    help="A directory of official Stanza models (resources.json + <lang>/...) to use instead of the shipped ones.")]
MAX_BYTES_DEFAULT = DEFAULT_MAX_BYTES


def paths_or_stdin(paths: Optional[list[str]], what: str) -> list[str]:
    """The paths given, or stdin ('-') when none are and something is piped in."""
    if paths:
        return paths
    import sys

    if sys.stdin is None or sys.stdin.isatty():
        raise typer.BadParameter(f"give PATHs, or pipe {what} into it", param_hint="PATH")
    return ["-"]
