"""Loading of per-language data files under extractors/lexicons/<lang>/<name>.yaml, with a schema check."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).parent / "lexicons"


def load_lexicon(lang: str, name: str, schema: dict[str, type], directory: Path = LEXICON_DIR) -> dict[str, Any]:
    """Load one data file and check it has exactly the keys of `schema`, each of the given type."""
    path = directory / lang / f"{name}.yaml"
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    missing, unknown = set(schema) - set(data), set(data) - set(schema)
    if missing or unknown:
        raise ValueError(f"{path}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    for key, kind in schema.items():
        if not isinstance(data[key], kind):
            raise ValueError(f"{path}: key {key!r} must be a {kind.__name__}")
    return data
