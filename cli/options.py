"""Options shared by the commands, declared once."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from diplo.extractors.pipeline.language import language_codes
from diplo.runner.reading import DEFAULT_MAX_BYTES

# The codes of the language folders (extractors/lang/), read without loading any language.
Lang = Enum("Lang", {code: code for code in language_codes()}, type=str)


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
LangOption = Annotated[Optional[Lang], typer.Option("--lang", "-l", help=f"Language of every input ({', '.join(language_codes())}); default: detect per article.")]
PublishedOption = Annotated[Optional[str], typer.Option("--published", "-p", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles without a ' date YYYY-MM-DD' header; anchors relative dates.")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip (with an error) files larger than this many bytes.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Do not print warnings (errors are always printed).")]
StanzaDirOption = Annotated[Optional[Path], typer.Option("--stanza-dir", envvar="DIPLO_STANZA_DIR", file_okay=False, help="A directory of official Stanza models (resources.json + <lang>/...) to use instead of the shipped ones.")]
MAX_BYTES_DEFAULT = DEFAULT_MAX_BYTES

