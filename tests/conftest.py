"""Shared fixtures. The backends are real and never skipped: a missing backend is a failed install."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMA_DIR = ROOT / "schema"
DIPLO = Path(sys.executable).parent / "diplo"


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
    from extractors.base import get_extractor

    return get_extractor


def run_diplo(*args: str, stdin: bytes | None = None, cwd: Path = ROOT, env: dict | None = None,
              timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the installed `diplo` command; stdout and stderr are kept apart, as bytes."""
    return subprocess.run([str(DIPLO), *args], input=stdin, capture_output=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def json_lines(stdout: bytes) -> list[dict]:
    """Every line of stdout must be a JSON object."""
    lines = stdout.decode("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def assert_clean_stderr(stderr: bytes) -> None:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
