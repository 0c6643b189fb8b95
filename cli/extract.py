"""`diplo extract`: articles in, one JSON line per article out."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from diplo.cli.console import Messages
from diplo.cli.options import (MAX_BYTES_DEFAULT, LangOption, MaxBytesOption, OptionalPaths, PublishedOption,
                               QuietOption, StanzaDirOption, at_least, paths_or_stdin, usable_cores)


def _dask_installed(value: Optional[str]) -> Optional[str]:
    import importlib.util

    if value is not None and importlib.util.find_spec("distributed") is None:
        raise typer.BadParameter("Dask is not installed: pip install 'diplo[dask]'")
    return value


def extract(
    paths: OptionalPaths = None,
    lang: LangOption = None,
    published: PublishedOption = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", dir_okay=False, help="Write the JSON lines to FILE instead of stdout; the file appears complete or not at all.")] = None,
    flat: Annotated[bool, typer.Option("--flat", help="One line per entity and per event (each with doc_id and kind) instead of one per article.")] = False,
    max_bytes: MaxBytesOption = MAX_BYTES_DEFAULT,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first input that fails.")] = False,
    errors_jsonl: Annotated[Optional[Path], typer.Option("--errors-jsonl", metavar="FILE", dir_okay=False, help="Also write every problem as a JSON line {path, reason, message, fatal} to FILE.")] = None,
    state: Annotated[Optional[Path], typer.Option("--state", metavar="FILE", dir_okay=False, help="Remember what was emitted (path and content hash) in FILE; a re-run emits only new or changed articles.")] = None,
    lock_wait: Annotated[float, typer.Option("--lock-wait", metavar="SECONDS", callback=at_least(0), help="Seconds to wait for another run holding the --state file before giving up.")] = 0.0,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", callback=at_least(1), help="N worker processes, at most one per core (models are loaded once per worker); output keeps input order.")] = 1,
    stanza_dir: StanzaDirOption = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", callback=_dask_installed, help="Run the language backends on a Dask cluster: a scheduler's address (tcp://host:8786), or 'local' for a cluster of --jobs worker processes started for this run. Needs the dask extra.")] = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="With --state: try again the articles that failed before (otherwise each is reported once).")] = False,
    quiet: QuietOption = False,
) -> None:
    """Extract people, places, organizations and diplomatic events; print one JSON object per article.

    PATH is an article file, a directory (every *.txt below it, in any letter case, hidden files and
    folders left out, in sorted order) or '-' for stdin. With no PATH, read one article from stdin.
    """
    from diplo.runner.extract import ExtractConfig
    from diplo.runner.session import run_extract

    messages = Messages(quiet)
    cores = usable_cores()
    if jobs > cores and scheduler in (None, "local"):
        messages.warning(f"--jobs {jobs} is more than the {cores} cores this run may use; running {cores} workers")
        jobs = cores
    config = ExtractConfig(paths=tuple(paths_or_stdin(paths, "an article")), lang=lang, published=published, max_bytes=max_bytes,
                           stanza_dir=str(stanza_dir) if stanza_dir else None, scheduler=scheduler)
    code = run_extract(config, messages, output=str(output) if output else None, flat=flat,
                       fail_fast=fail_fast, errors_jsonl=str(errors_jsonl) if errors_jsonl else None,
                       state_path=str(state) if state else None, lock_wait=lock_wait, jobs=jobs,
                       progress=sys.stderr.isatty() and not quiet, retry_failed=retry_failed)
    raise typer.Exit(code)
