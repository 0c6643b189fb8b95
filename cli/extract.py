"""`diplo extract`: articles in, one JSON line per article out."""
from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.console import Messages
from runner.reading import DEFAULT_MAX_BYTES


class Lang(str, Enum):
    ru = "ru"
    uk = "uk"
    ky = "ky"


def _iso_day(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_day(value)
    except ValueError:
        return _bad_day(value)


def _bad_day(value: str) -> str:
    raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files, directories (every *.txt below them, in sorted order) or '-' for stdin.", show_default=False)],
    lang: Annotated[Optional[Lang], typer.Option("--lang", "-l", help="Language of every input (ru, uk, ky); default: detect per article.")] = None,
    published: Annotated[Optional[str], typer.Option("--published", "-p", callback=_iso_day, metavar="YYYY-MM-DD", help="Publication date for articles without a ' date YYYY-MM-DD' header; anchors relative dates.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the JSON lines to FILE instead of stdout; the file appears complete or not at all.", dir_okay=False)] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Skip (with an error) files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first input that fails.")] = False,
    errors_jsonl: Annotated[Optional[Path], typer.Option("--errors-jsonl", dir_okay=False, help="Also write every problem as a JSON line {path, reason, message, fatal} to this file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print warnings (errors are always printed).")] = False,
) -> None:
    """Extract people, places, organizations and diplomatic events; print one JSON object per article."""
    from runner.extract import ExtractConfig
    from runner.session import run_extract

    config = ExtractConfig(paths=tuple(paths), lang=lang.value if lang else None, published=published, max_bytes=max_bytes)
    code = run_extract(config, Messages(quiet), output=str(output) if output else None,
                       fail_fast=fail_fast, errors_jsonl=str(errors_jsonl) if errors_jsonl else None)
    raise typer.Exit(code)
