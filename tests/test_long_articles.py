"""Long and huge articles (issue 16.9): the backends get long texts in pieces, so time and memory grow with
the length; and every article has a guard on its time."""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import corpus
import pytest
from diplo.extractors.pipeline.extractor import PIECE_CHARS, cut, get_extractor
from diplo.runner.extract import Problem, TimeUp, run_language, time_limit
from diplo.runner.reading import read_document
from support import DIPLO, SEEDS, json_lines


def _run(out: Path, *paths: Path) -> tuple[float, int, bytes]:
    """Wall seconds, peak memory (KiB) and stdout (kept in `out`) of one `diplo extract` run."""
    started = time.monotonic()
    with open(out, "wb") as stdout:
        process = subprocess.Popen([str(DIPLO), "extract", *map(str, paths)], stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return time.monotonic() - started, usage.ru_maxrss, out.read_bytes()


def test_a_long_kyrgyz_article_costs_what_its_parts_cost(tmp_path):
    """Stanza's tokenizer took 113 s on 250 kB of Kyrgyz news in one text, 9 s on the same text in parts."""
    texts, size = [], 0
    for text in corpus.corpus_texts("ky", 400):
        texts.append(text.split(" ", 3)[-1] if text.startswith(" date ") else text)  # one header, at most
        size += len(texts[-1])
        if size > 130_000:
            break
    (tmp_path / "parts").mkdir()
    for i, text in enumerate(texts):
        (tmp_path / "parts" / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "whole").mkdir()
    whole = tmp_path / "whole" / "all.txt"
    whole.write_text("\n\n".join(texts), encoding="utf-8")
    assert len(whole.read_text(encoding="utf-8")) > 5 * PIECE_CHARS
    parts_seconds, _, _ = _run(tmp_path / "parts.jsonl", *sorted((tmp_path / "parts").iterdir()))
    whole_seconds, _, stdout = _run(tmp_path / "whole.jsonl", whole)
    assert len(json_lines(stdout)[0]["entities"]) > 100
    assert whole_seconds < 2.5 * parts_seconds, (whole_seconds, parts_seconds)


def test_a_long_russian_article_needs_little_more_memory_than_a_short_one(tmp_path):
    """A 1 MB Russian article took 1 GB (Natasha on one text); in pieces it takes 80 MB more than a short one."""
    seeds = sorted(SEEDS.glob("00[034]_*.txt"))
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join(f"{seeds[i % 3].read_text(encoding='utf-8')}\nЧасть {i}." for i in range(60)), encoding="utf-8")
    _, short_peak, _ = _run(tmp_path / "short.jsonl", seeds[0])
    _, long_peak, stdout = _run(tmp_path / "long.jsonl", long)
    assert len(json_lines(stdout)) == 1
    assert long_peak - short_peak < 100 * 1024, (long_peak, short_peak)  # KiB


def test_pieces_end_at_line_breaks_and_cover_the_text():
    text = "\n".join(f"Абзац {i}. " + "слово " * 300 for i in range(100))
    bounds = cut(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(end - start <= PIECE_CHARS for start, end in bounds)
    assert all(text[end - 1] == "\n" for _, end in bounds[:-1])


def test_a_text_in_pieces_gives_the_names_of_the_whole_text():
    seeds = sorted(SEEDS.glob("00[034]_*.txt"))
    text = "\n\n".join(seeds[i % 3].read_text(encoding="utf-8") for i in range(20))
    assert len(text) > 2 * PIECE_CHARS
    extractor = get_extractor("ru")
    [whole] = extractor.analyze_batch([text])
    [pieces] = extractor._analyze_in_pieces([text])
    assert [(s.start, s.end, s.type, s.normal) for s in pieces.spans] == [(s.start, s.end, s.type, s.normal) for s in whole.spans]
    assert [(t.start, t.end, t.lemma) for s in pieces.sentences for t in s.tokens] == \
        [(t.start, t.end, t.lemma) for s in whole.sentences for t in s.tokens]


def test_the_guard_stops_an_article_that_runs_too_long_and_the_others_go_on(tmp_path):
    """Each article may take so much CPU time (GUARD_SECONDS plus a second per GUARD_CHARS_PER_SECOND characters);
    here the guard is one second, which the long article outlives and the short one does not."""
    seeds = sorted(SEEDS.glob("00[034]_*.txt"))
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join(seeds[i % 3].read_text(encoding="utf-8") for i in range(40)), encoding="utf-8")
    docs = [replace(read_document(str(path))[0], lang="ru") for path in (seeds[0], long)]
    get_extractor("ru")  # loaded outside the guard, as run_language does
    short_result, long_result = run_language("ru", docs, seconds=lambda text: 1.0)
    assert short_result.entities
    assert isinstance(long_result, Problem) and long_result.reason == "too-slow"
    assert str(long) in long_result.message and "took more than 1 s of CPU time" in long_result.message


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_guard_swallowed_once_goes_off_again():
    """The guard's exception can land where Python ignores it (a gc callback: seen in CI): it must come again."""
    with pytest.raises(TimeUp):
        with time_limit(0.05):
            try:
                _spin(1.0)
            except TimeUp:
                pass  # as a gc callback would swallow it
            _spin(1.0)


def test_no_guard_goes_off_after_its_block():
    """The timer can fire while the block is being left (seen as a TimeUp inside pytest's own code): once
    the block is left, no TimeUp comes, however the leaving went."""
    for _ in range(20):
        with pytest.raises(TimeUp):
            with time_limit(0.01):
                _spin(1.0)
        _spin(0.15)  # a timer left armed would raise here
