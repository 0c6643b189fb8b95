"""`diplo models`: which models each language uses, their size, data, license and measured scores."""
from __future__ import annotations

from typing import Annotated, Optional

import typer


def models(
    as_json: Annotated[bool, typer.Option("--json", help="Print the listing as one JSON object on stdout instead of a table on stderr.")] = False,
) -> None:
    """List each language's pipeline and model files."""
    raise typer.Exit(0)
