"""The benchmark scripts work: real, distinct texts per language, and `bench/speed.py --russian` prints its table.

No timing is asserted here: speed is measured by bench/speed.py on an idle machine, not in unit tests.
"""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

import corpus  # noqa: E402

# Letters that only this language of the three writes; every real article of it has some.
LETTERS = {"ru": "ыэъ", "uk": "іїєґ", "ky": "өүң"}


@pytest.mark.parametrize("lang", corpus.LANGS)
def test_corpus_is_distinct_real_text(lang, tmp_path):
    paths = corpus.build(lang, 5, tmp_path)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(texts) == 5
    assert len({hashlib.sha256(t.encode()).hexdigest() for t in texts}) == 5
    assert all(len(t.strip()) >= corpus.MIN_CHARS for t in texts)
    assert all(any(ch in t.lower() for ch in LETTERS[lang]) for t in texts)
    seed_text = next(corpus.SEEDS.glob(f"{corpus.SEED_FILES[lang][0]}_*.txt")).read_text(encoding="utf-8")
    assert texts[0] == seed_text  # the seeds come first, verbatim
    assert len(corpus.source_texts(lang)) > 100  # the shared corpora were found, not only the seeds


def test_cycling_keeps_every_article_distinct():
    texts = corpus.cycle_distinct(["первый текст", "второй текст"], 5)
    assert len(set(texts)) == 5
    assert texts[:2] == ["первый текст", "второй текст"]
    assert texts[2].startswith("первый текст")


def test_russian_speed_benchmark_prints_a_ratio(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "speed.py"), "--russian", "5", "--work", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| (a) natasha" in done.stdout and "| (b) diplo" in done.stdout
    assert re.search(r"ratio b/a \(docs/s, diplo / natasha\): \d+\.\d+", done.stdout)
    assert re.search(r"^\s+cores\s+\d+", done.stdout, re.M)
