"""What `diplo models` lists: each language's pipeline, model files, sizes, data, license and scores."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from extractors.errors import ModelsMissingError
from extractors.labels import LANGUAGES
from extractors.stanza_extractor import STANZA_DIR_ENV

# Natasha ships its models inside its package; diplo uses these three (no syntax parser).
NATASHA_FILES = {"embedding": "data/emb/navec_news_v1_1B_250K_300d_100q.tar",
                 "morph": "data/model/slovnet_morph_news_v1.tar", "ner": "data/model/slovnet_ner_news_v1.tar"}
RUSSIAN_SCORES_FILE = Path(__file__).resolve().parent.parent / "bench" / "results" / "ner_quality.json"


def describe_models() -> list[dict[str, Any]]:
    """One entry per language, in the order of LANGUAGES."""
    return [_russian() if lang == "ru" else _stanza(lang) for lang in LANGUAGES]


def _russian() -> dict[str, Any]:
    import importlib.util

    package = Path(importlib.util.find_spec("natasha").origin).parent
    files = {name: _file(package / relative) for name, relative in NATASHA_FILES.items()}
    return {
        "lang": "ru",
        "pipeline": "Natasha: razdel segmenter + slovnet morphology + slovnet NER (navec news embeddings); pymorphy3 normal forms",
        "files": files,
        "training_data": "Natasha's news models (Nerus corpus, trained by the Natasha project)",
        "license": "MIT (Natasha, Slovnet, Navec); pymorphy3 dictionaries from OpenCorpora (CC BY-SA)",
        "scores": _russian_scores(),
    }


def _stanza(lang: str) -> dict[str, Any]:
    from extractors.stanza_backend import WEIGHTS_DIR, shipped_manifest

    override = os.environ.get(STANZA_DIR_ENV)
    if override:
        directory = Path(override)
        files = {p.name: _file(p) for p in sorted((directory / lang).rglob("*.pt"))} if (directory / lang).is_dir() else {}
        return {"lang": lang, "pipeline": f"official Stanza models from {directory} ({STANZA_DIR_ENV})", "files": files,
                "training_data": "see the Stanza model documentation", "license": "see the Stanza model documentation",
                "scores": None}
    try:
        manifest = shipped_manifest(lang)
    except ModelsMissingError as error:
        return {"lang": lang, "pipeline": "missing", "files": {}, "training_data": None, "license": None,
                "scores": None, "error": str(error)}
    files = {name: _file(WEIGHTS_DIR / lang / info["path"]) for name, info in manifest["files"].items()}
    return {"lang": lang, "pipeline": manifest["pipeline"], "files": files, "training_data": manifest["training_data"],
            "vectors": manifest.get("vectors"), "license": manifest["license"], "scores": manifest.get("scores")}


def _file(path: Path) -> dict[str, Any]:
    return {"path": str(path), "bytes": path.stat().st_size if path.exists() else None}


def _russian_scores() -> dict[str, Any] | None:
    """factRuEval-2016 test figures of the last full `bench/ner_quality.py --json bench/results/ner_quality.json`."""
    import json

    try:
        figures = json.loads(RUSSIAN_SCORES_FILE.read_text(encoding="utf-8"))["factru"]["scores"]
    except (OSError, ValueError, KeyError):
        return None
    return {"test": {label: {"p": round(v["p"], 4), "r": round(v["r"], 4), "f1": round(v["f"], 4)}
                     for label, v in figures.items()}, "data": "factRuEval-2016 test set, exact spans"}
