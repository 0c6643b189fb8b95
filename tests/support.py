"""Helpers the tests share: paths, running the installed `diplo` command, reading its output."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMA_DIR = ROOT / "schema"
DIPLO = Path(sys.executable).parent / "diplo"


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
