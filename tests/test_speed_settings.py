"""Settings that the measured speed depends on (bench/speed.py measures the speed itself)."""
from __future__ import annotations

import gc
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from diplo.runner.extract import COLLECTOR_THRESHOLDS, ExtractConfig, extract

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("module", ["pymorphy3.dawg", "pymorphy2.dawg"])
def test_pymorphy_looks_words_up_in_compiled_dictionaries(module):
    # Without the DAWG2 package pymorphy silently falls back to pure Python, 3-4x slower per word.
    assert importlib.import_module(module).DAWG.__module__ == "dawg"


def test_extract_collects_cyclic_garbage_less_often():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        records = list(extract(ExtractConfig(paths=(str(next(SEEDS.glob("000_*.txt"))),))))
        assert records, "the seed article gave no record"
        assert gc.get_threshold() == COLLECTOR_THRESHOLDS
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize("given, expected", [(None, "1"), ("2", "2")])
def test_diplo_runs_one_blas_thread_unless_told_otherwise(given, expected):
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given:
        env["OPENBLAS_NUM_THREADS"] = given
    code = "import diplo.cli.main, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


WORKER_PROBE = """
import sys
from dataclasses import replace
from pathlib import Path
from diplo.runner.reading import read_document
from diplo.runner.workers import WorkerPool

doc = replace(read_document(sys.argv[1])[0], lang=sys.argv[2])
pool = WorkerPool(1)
results = pool.map([(sys.argv[2], [doc])])
assert next(results)[0].entities  # the worker is still up while the pool's generator is open
[worker] = pool._workers
maps = Path(f"/proc/{worker.process.pid}/maps").read_text()
print("libtorch" in maps, "torch" in sys.modules)
results.close()
"""


@pytest.mark.parametrize("seed, lang, expected", [
    ("000_*.txt", "ru", "False False"),  # a Russian-only worker never loads torch, nor does the parent
    ("002_*.txt", "uk", "True False"),  # a Ukrainian worker does; the parent still does not
])
def test_workers_import_torch_only_for_stanza_languages(seed, lang, expected):
    done = subprocess.run([sys.executable, "-c", WORKER_PROBE, str(next(SEEDS.glob(seed))), lang],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected.split()
