"""What `diplo models` lists: each language's pipeline, model files, sizes, data, license and scores."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from diplo.extractors.pipeline.language import languages


def describe_models(stanza_dir: str | None = None) -> list[dict[str, Any]]:
    """One entry per language, in code order; each pipeline class says what it uses."""
    directory = Path(stanza_dir) if stanza_dir else None
    return [language.extractor_class().describe(language, stanza_dir=directory) for language in languages().values()]
