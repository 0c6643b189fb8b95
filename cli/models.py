"""`diplo models`: which models each language uses, their size, data, license and measured scores."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from diplo.cli.console import Messages
from diplo.cli.options import StanzaDirOption


def models(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per language instead of a table.")] = False,
    stanza_dir: StanzaDirOption = None,
) -> None:
    """List each language's pipeline, model files and sizes, training data, license and test scores."""
    from diplo.runner.models_info import describe_models
    from diplo.runner.output import json_line, silence_stdout

    entries = describe_models(str(stanza_dir) if stanza_dir else None)
    try:
        if as_json:
            for entry in entries:
                sys.stdout.buffer.write(json_line(entry))
            sys.stdout.buffer.flush()
        else:
            _table(entries)
    except BrokenPipeError:  # `| head -1`: the reader has what it wanted
        silence_stdout()
        raise typer.Exit(0) from None
    for entry in entries:
        if "error" in entry:
            Messages().error(entry["error"])
    raise typer.Exit(1 if any("error" in e for e in entries) else 0)


def _table(entries: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    grid = Table(title="diplo models", show_lines=True)
    for column in ("lang", "pipeline", "files", "data / license", "test scores (P / R / F1)"):
        grid.add_column(column, overflow="fold")
    for entry in entries:
        files = "\n".join(f"{name}: {Path(info['path']).name} ({_size(info['bytes'])})" for name, info in entry["files"].items())
        grid.add_row(entry["lang"], entry.get("error") or entry["pipeline"], files,
                     f"{entry['training_data']}\n{entry['license']}", _scores(entry.get("scores")))
    Console().print(grid)


def _size(n: int | None) -> str:
    return "missing" if n is None else f"{n / 1e6:.1f} MB"


def _scores(scores: dict | None) -> str:
    if not scores:
        return "not measured"
    test = scores.get("test", scores)
    lines = [scores["data"]] if scores.get("data") else []
    for label in ("PER", "LOC", "ORG", "micro"):
        s = test.get(label)
        if isinstance(s, dict):
            lines.append(f"{label}: {s.get('p', 0):.3f} / {s.get('r', 0):.3f} / {s.get('f1', 0):.3f}")
    return "\n".join(lines) or "not measured"
