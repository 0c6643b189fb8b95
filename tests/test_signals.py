"""Signals and workers (issue 16), through the real `diplo` command: no process outlives diplo, two
signals never hang it, it exits 130 on an interrupt without a traceback, and a lost worker costs
only the article it died on."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from support import (DIPLO, assert_clean_stderr, children, cpu_seconds, handles_stop_signals, json_lines,
                     russian_corpus, still_running)


def _start(*args: str, group: bool = False) -> subprocess.Popen:
    # SIGINT as from a terminal: a test runner started in the background would hand it down ignored.
    return subprocess.Popen([str(DIPLO), "extract", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=group, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _running_with_workers(process: subprocess.Popen, jobs: int = 2) -> list[tuple[int, str]]:
    """Wait for the first record (the workers are up and working) and return the workers."""
    first = process.stdout.readline()
    assert json.loads(first)["doc_id"], first
    workers = children(process.pid)
    assert len(workers) == jobs, workers
    return workers


def _gone(workers: list[tuple[int, str]], within: float = 5.0) -> list[int]:
    deadline = time.monotonic() + within
    while still_running(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    return still_running(workers)


@pytest.mark.parametrize("gap", [0.0, 0.3])
def test_a_second_sigterm_while_stopping_leaves_no_worker(tmp_path, gap):
    """Issue 16.1: `kill $P; sleep 0.3; kill $P` with -j 2 exited 143 and left both workers running."""
    russian_corpus(tmp_path / "in", 150)
    process = _start("-j", "2", str(tmp_path / "in"))
    workers = _running_with_workers(process)
    process.send_signal(signal.SIGTERM)
    time.sleep(gap)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.decode().strip().endswith("interrupted")
    assert_clean_stderr(stderr)  # the orphans used to print a multiprocessing traceback
    assert _gone(workers) == []


def test_ctrl_c_twice_never_hangs(tmp_path):
    """Issue 16.2: Ctrl-C twice, 0.3 s apart, with -j 2 hung the run for good."""
    russian_corpus(tmp_path / "in", 150)
    process = _start("-j", "2", str(tmp_path / "in"), group=True)
    workers = _running_with_workers(process)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to diplo and its workers
    time.sleep(0.3)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert_clean_stderr(stderr)
    assert _gone(workers) == []


def test_kill_9_of_diplo_takes_its_workers_and_ends_the_pipe(tmp_path):
    """Issue 16.3: after kill -9 of diplo the workers ran on and held stdout, so `| cat` never ended."""
    russian_corpus(tmp_path / "in", 150)
    process = _start("-j", "2", str(tmp_path / "in"))
    workers = _running_with_workers(process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert _gone(workers) == []
    started = time.monotonic()
    process.stdout.read()  # returns at end of file: nobody holds the pipe any more
    process.stderr.close()
    assert time.monotonic() - started < 10


def test_a_worker_killed_from_outside_costs_nothing(tmp_path):
    """Issue 16.9: killing one worker aborted the whole run (BrokenProcessPool). Now its chunk is run again
    in a fresh worker, and nothing is lost or repeated."""
    russian_corpus(tmp_path / "in", 60)
    process = _start("-j", "2", str(tmp_path / "in"))
    first = process.stdout.readline()
    workers = children(process.pid)
    os.kill(workers[0][0], signal.SIGKILL)
    rest = process.stdout.read()  # through the buffered reader that readline() used
    stderr = process.stderr.read()
    process.wait(timeout=60)
    assert process.returncode == 0, stderr
    assert stderr == b""
    assert [r["doc_id"] for r in json_lines(first + rest)] == [f"a{i:03d}" for i in range(60)]


def _huge_russian_article(path: Path, copies: int = 150) -> None:
    """About 400,000 characters of real Russian news (a Russian worker needs 15 s of CPU for it)."""
    seeds = russian_corpus(path.parent.parent / "seeds", 3)
    text = "\n\n".join(f"{seeds[i % 3].read_text(encoding='utf-8')}\nЧасть {i}." for i in range(copies))
    path.write_text(text, encoding="utf-8")


def test_an_article_that_kills_its_worker_is_reported_and_the_run_goes_on(tmp_path):
    """The out-of-memory killer, played by the test: any worker that has spent more than 6 s of CPU (only
    the huge article takes that long) is killed. Its chunk is retried one article at a time; the
    article the worker dies on again is reported as failed, and every other article is emitted."""
    russian_corpus(tmp_path / "in", 6)
    _huge_russian_article(tmp_path / "in" / "a002-huge.txt")
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:  # files: a pipe nobody reads would fill up
        process = subprocess.Popen([str(DIPLO), "extract", "-j", "2", str(tmp_path / "in")], stdout=stdout, stderr=stderr)
    kills = 0
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        for pid, _ in children(process.pid):
            if cpu_seconds(pid) > 6:
                os.kill(pid, signal.SIGKILL)
                kills += 1
        time.sleep(0.1)
    process.kill()
    assert process.wait() == 1
    assert [r["doc_id"] for r in json_lines(out.read_bytes())] == [f"a{i:03d}" for i in range(6)]
    [line] = err.read_text().splitlines()
    assert "a002-huge.txt" in line and "worker process died" in line
    assert kills == 2  # once with its chunk, once alone


@pytest.mark.parametrize("after", [0.0, 0.01, 0.03, 0.1, 0.3])
def test_sigint_right_after_start_is_one_line_and_130(tmp_path, after):
    """Issue 16.13: SIGINT in the first 0.1 s printed a traceback. Timed from the moment diplo's own
    handling is in place (SIGTERM caught), which is its first step."""
    russian_corpus(tmp_path / "in", 3)
    process = _start(str(tmp_path / "in"))
    deadline = time.monotonic() + 30
    while not handles_stop_signals(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 130), stderr  # 0: it was already done
    assert_clean_stderr(stderr)
    if process.returncode == 130:
        assert stderr.decode().splitlines() == ["diplo: error: interrupted"]
