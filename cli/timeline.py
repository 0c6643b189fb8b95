"""`diplo timeline`: one line per real-world event across articles, or a table for people."""
from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from diplo.cli.console import Messages
from diplo.cli.options import (
    MAX_BYTES_DEFAULT,
    LangOption,
    MaxBytesOption,
    PublishedOption,
    QuietOption,
    OptionalPaths,
    StanzaDirOption,
    paths_or_stdin,
)


def timeline(
    paths: OptionalPaths = None,
    table: Annotated[Optional[bool], typer.Option("--table/--json", help="Render a table, most recent first (default when stdout is a terminal), or print JSON lines in date order.")] = None,
    lang: LangOption = None,
    published: PublishedOption = None,
    max_bytes: MaxBytesOption = MAX_BYTES_DEFAULT,
    stanza_dir: StanzaDirOption = None,
    quiet: QuietOption = False,
) -> None:
    """Merge the events of many articles: one entry per real-world event, with every article that reports it.

    PATH is an article (file or directory, as for extract) or a *.jsonl file of `diplo extract` (one line
    per article, or --flat lines). With no PATH or '-', read stdin: extract's JSON lines, or one article.
    An article given twice (same sha256) counts once.
    """
    from diplo.runner.extract import ExtractConfig
    from diplo.runner.session import run_timeline

    config = ExtractConfig(paths=tuple(paths_or_stdin(paths, "the output of `diplo extract`")), lang=lang, published=published, max_bytes=max_bytes,
                           stanza_dir=str(stanza_dir) if stanza_dir else None)
    as_table = sys.stdout.isatty() if table is None else table
    raise typer.Exit(run_timeline(config, Messages(quiet), render_table if as_table else None))


def render_table(entries: list[dict]) -> None:
    """The timeline as a Rich table on stdout, most recent first."""
    from rich.console import Console
    from rich.table import Table

    grid = Table(title="diplo timeline", show_lines=False)
    for column in ("date", "type", "status", "participants", "place", "sources"):
        grid.add_column(column, overflow="fold")
    for entry in sorted(entries, key=lambda e: e["date"] or "", reverse=True):
        date = entry["date"] or "?"
        if entry["date_end"]:
            date += f"..{entry['date_end']}"
        people = ", ".join(p["canonical"] or p["name"] for p in entry["participants"])
        place = (entry["location"] or {}).get("canonical") or (entry["location"] or {}).get("name") or ""
        grid.add_row(date, entry["type"], entry["status"], people, place, " ".join(s["doc_id"] for s in entry["sources"]))
    Console().print(grid)
