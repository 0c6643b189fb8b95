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


RUSSIAN_SEEDS = [p for p in sorted(SEEDS.glob("*.txt")) if p.name[:3] in ("000", "003", "004")]


def russian_corpus(directory: Path, count: int) -> list[Path]:
    """`count` distinct real Russian articles (the seeds, each with its own closing line)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        seed = RUSSIAN_SEEDS[i % len(RUSSIAN_SEEDS)].read_text(encoding="utf-8")
        path = directory / f"a{i:03d}.txt"
        path.write_text(seed + f"\nСтатья номер {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
    except OSError:
        return None


def children(pid: int) -> list[tuple[int, str]]:
    """The live child processes of `pid` (diplo's workers), each as (pid, start time) so that a reused
    pid is not mistaken for it later."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat_fields(int(entry))
            if fields and fields[1] == str(pid) and fields[0] != "Z":
                found.append((int(entry), fields[19]))
    return found


def still_running(processes: list[tuple[int, str]]) -> list[int]:
    """Those of `processes` (from `children`) that exist and are not zombies."""
    running = []
    for pid, started in processes:
        fields = _stat_fields(pid)
        if fields and fields[19] == started and fields[0] != "Z":
            running.append(pid)
    return running


def cpu_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if fields else 0.0


def handles_stop_signals(pid: int) -> bool:
    """Whether diplo's own signal handling is in place (SIGTERM caught: Python alone catches only SIGINT)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            caught = next(int(line.split()[1], 16) for line in handle if line.startswith("SigCgt:"))
    except (OSError, StopIteration):
        return False
    return bool(caught & (1 << (15 - 1)))
