"""Shared fixtures. The backends are real and never skipped: a missing backend is a failed install."""
from __future__ import annotations

import json

import pytest
from support import SCHEMA_DIR


@pytest.fixture(scope="session")
def document_schema() -> dict:
    return json.loads((SCHEMA_DIR / "document.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate(document_schema):
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(document_schema)

    def check(record: dict) -> None:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, [e.message for e in errors]

    return check


@pytest.fixture(scope="session")
def extractor():
    from diplo.extractors.pipeline.extractor import get_extractor

    return get_extractor
