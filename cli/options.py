"""Options shared by the commands, declared once."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from runner.reading import DEFAULT_MAX_BYTES


class Lang(str, Enum):
    ru = "ru"
    uk = "uk"
    ky = "ky"


def _iso_day(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


Paths = Annotated[list[str], typer.Argument(help="Article files, directories (every *.txt below them, in sorted order) or '-' for stdin.", show_default=False)]
LangOption = Annotated[Optional[Lang], typer.Option("--lang", "-l", help="Language of every input (ru, uk, ky); default: detect per article.")]
PublishedOption = Annotated[Optional[str], typer.Option("--published", "-p", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles without a ' date YYYY-MM-DD' header; anchors relative dates.")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip (with an error) files larger than this many bytes.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Do not print warnings (errors are always printed).")]
StanzaDirOption = Annotated[Optional[Path], typer.Option("--stanza-dir", envvar="DIPLO_STANZA_DIR", file_okay=False, help="A directory of official Stanza models (resources.json + <lang>/...) to use instead of the shipped ones.")]
MAX_BYTES_DEFAULT = DEFAULT_MAX_BYTES


def use_stanza_dir(directory: Optional[Path]) -> None:
    """Pass --stanza-dir to the extractors (and to worker processes) through the environment."""
    import os

    if directory:
        os.environ["DIPLO_STANZA_DIR"] = str(directory)
