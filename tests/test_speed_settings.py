"""Settings that the measured speed depends on (bench/speed.py measures the speed itself)."""
from __future__ import annotations

import gc
import importlib
from pathlib import Path

import pytest

from runner.extract import COLLECTOR_THRESHOLDS, ExtractConfig, extract

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
