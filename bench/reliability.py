"""Kill and signal trials of `diplo extract` (issue 16): articles lost, repeats per kill, orphan
processes, hangs.

Each trial runs diplo with --state over a corpus of real Russian articles, stops it at one point of
the run, then runs it again to the end and checks the union of what both runs emitted:

* kill -9 at N points spread over the run, with -j 1, with -j 2, and with -o plus --state (each run
  writes its own -o file; only files in place count);
* SIGTERM, then a second SIGTERM 0.3 s later, with -j 2;
* Ctrl-C twice, 0.3 s apart, to diplo's process group (as a terminal sends it), with -j 2;
* `timeout -s TERM T diplo extract -j 2`, with T spread over the run.

Counted per configuration: articles lost (in no output), repeats (records beyond one per article;
at most 1 per kill is the promise), orphans (a process of diplo's still running 2 s after diplo
ended), hangs (a run that did not end within --hang seconds of its signal, or of its start for
the second run), tracebacks on stderr, and `.diplo-*.tmp` files left after the second run.

Usage: python bench/reliability.py [--points 20] [--articles 80] [--hang 120]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import corpus

DIPLO = Path(sys.executable).parent / "diplo"


@dataclass
class Tally:
    trials: int = 0
    lost: int = 0
    repeats: int = 0
    most_repeats: int = 0
    orphans: int = 0
    hangs: int = 0
    tracebacks: int = 0
    temporary_files: int = 0
    exits: dict[int, int] = field(default_factory=dict)


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _wait_or_kill(process: subprocess.Popen, hang: float, tally: "Tally") -> None:
    """Wait for a run to end; one still going after `hang` seconds is a hang, and is killed."""
    try:
        process.wait(timeout=hang)
    except subprocess.TimeoutExpired:
        tally.hangs += 1
        process.kill()
        process.wait()


def _descendants(root: int) -> set[tuple[int, str]]:
    """Every live process below `root`, as (pid, start time)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields and fields[0] != "Z":
                parents[int(entry)] = (int(fields[1]), fields[19])
    found, frontier = set(), {root}
    while frontier:
        children = {pid for pid, (parent, _) in parents.items() if parent in frontier}
        found |= {(pid, parents[pid][1]) for pid in children}
        frontier = children
    return found


def _alive(processes: set[tuple[int, str]]) -> int:
    count = 0
    for pid, started in processes:
        fields = _stat(pid)
        if fields and fields[19] == started and fields[0] != "Z":
            count += 1
    return count


def _records(path: Path) -> list[str]:
    """The doc ids of the complete JSON lines in `path` (a killed run may leave a torn last line)."""
    if not path.exists():
        return []
    ids = []
    for line in path.read_bytes().splitlines(keepends=True):
        if line.endswith(b"\n"):
            ids.append(json.loads(line)["doc_id"])
    return ids


class Trial:
    """One configuration, one stopping point: a first run stopped, a second run to the end."""

    def __init__(self, work: Path, articles: Path, jobs: int, to_file: bool):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        self.work, self.articles, self.jobs, self.to_file = work, articles, jobs, to_file
        self.state = work / "state.jsonl"
        self.seen: set[tuple[int, str]] = set()

    def command(self, run: int) -> list[str]:
        args = [str(DIPLO), "extract", "--state", str(self.state), "-j", str(self.jobs)]
        if self.to_file:
            args += ["-o", str(self.work / f"out{run}.jsonl")]
        return args + [str(self.articles)]

    def start(self, command: list[str], run: int, group: bool = False) -> subprocess.Popen:
        stdout = subprocess.DEVNULL if self.to_file else open(self.work / f"out{run}.jsonl", "wb")
        return subprocess.Popen(command, stdout=stdout, stderr=open(self.work / f"err{run}.txt", "wb"),
                                start_new_session=group, preexec_fn=_default_sigint)

    def watch(self, process: subprocess.Popen, seconds: float) -> None:
        """Wait `seconds` (or until the process ends), noting every process diplo starts."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and process.poll() is None:
            self.seen |= _descendants(process.pid)
            time.sleep(0.01)

    def finish(self, process: subprocess.Popen, hang: float, tally: Tally) -> None:
        """After the stop: did it end, leave processes behind, print a traceback; then run again."""
        _wait_or_kill(process, hang, tally)
        tally.exits[process.returncode] = tally.exits.get(process.returncode, 0) + 1
        if process.returncode not in (-signal.SIGKILL, 0, 124, 130):  # a failure of its own: say which
            print(f"stopped run exited {process.returncode}: {(self.work / 'err1.txt').read_text()[:500]}", file=sys.stderr)
        time.sleep(2)
        tally.orphans += _alive(self.seen)
        _wait_or_kill(self.start(self.command(2), 2), hang, tally)
        for run in (1, 2):
            if b"Traceback" in (self.work / f"err{run}.txt").read_bytes():
                tally.tracebacks += 1
        emitted = _records(self.work / "out1.jsonl") + _records(self.work / "out2.jsonl")
        expected = {p.stem for p in self.articles.glob("*.txt")}  # the doc ids: the articles are in one folder
        assert len(expected) > 1 and set(emitted) <= expected, "the doc ids are not the article names"
        tally.trials += 1
        tally.lost += len(expected - set(emitted))
        repeats = len(emitted) - len(set(emitted))
        tally.repeats += repeats
        tally.most_repeats = max(tally.most_repeats, repeats)
        tally.temporary_files += len(list(self.work.glob(".diplo-*.tmp")))


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as from a terminal, whatever started this script


def full_run_seconds(work: Path, articles: Path, jobs: int) -> float:
    trial = Trial(work, articles, jobs, to_file=False)
    started = time.monotonic()
    trial.start(trial.command(1), 1).wait()
    return time.monotonic() - started


def kill_trials(work: Path, articles: Path, points: list[float], jobs: int, to_file: bool, hang: float) -> Tally:
    tally = Tally()
    for point in points:
        trial = Trial(work, articles, jobs, to_file)
        process = trial.start(trial.command(1), 1)
        trial.watch(process, point)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        trial.finish(process, hang, tally)
    return tally


def double_signal_trials(work: Path, articles: Path, points: list[float], number: signal.Signals, hang: float) -> Tally:
    """The signal at each point, and again 0.3 s later; SIGINT goes to the process group, as from a terminal."""
    tally = Tally()
    for point in points:
        trial = Trial(work, articles, 2, to_file=False)
        group = number == signal.SIGINT
        process = trial.start(trial.command(1), 1, group=group)
        trial.watch(process, point)
        for _ in range(2):
            if process.poll() is None:
                os.killpg(process.pid, number) if group else process.send_signal(number)
            trial.watch(process, 0.3)
        trial.finish(process, hang, tally)
    return tally


def timeout_trials(work: Path, articles: Path, points: list[float], hang: float) -> Tally:
    tally = Tally()
    for point in points:
        trial = Trial(work, articles, 2, to_file=False)
        process = trial.start(["timeout", "-s", "TERM", f"{point:.2f}", *trial.command(1)], 1)
        trial.watch(process, point + hang)
        trial.finish(process, hang, tally)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=20, help="stopping points per configuration")
    parser.add_argument("--articles", type=int, default=80, help="Russian articles in the corpus")
    parser.add_argument("--hang", type=float, default=120, help="seconds after which a run counts as hung")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="diplo-reliability-"))
    try:
        articles = corpus.build("ru", args.articles, root)[0].parent
        work = root / "trial"
        durations = {jobs: full_run_seconds(work, articles, jobs) for jobs in (1, 2)}

        def spread(seconds: float) -> list[float]:  # from start-up to the last records
            return [seconds * (i + 0.5) / args.points for i in range(args.points)]

        results = {
            "kill -9, -j 1": kill_trials(work, articles, spread(durations[1]), 1, False, args.hang),
            "kill -9, -j 2": kill_trials(work, articles, spread(durations[2]), 2, False, args.hang),
            "kill -9, -o plus --state, -j 2": kill_trials(work, articles, spread(durations[2]), 2, True, args.hang),
            "SIGTERM twice 0.3 s apart, -j 2": double_signal_trials(work, articles, spread(durations[2]), signal.SIGTERM,
                                                                    args.hang),
            "Ctrl-C twice 0.3 s apart, -j 2": double_signal_trials(work, articles, spread(durations[2]), signal.SIGINT,
                                                                   args.hang),
            "timeout -s TERM T, -j 2": timeout_trials(work, articles, spread(durations[2]), args.hang),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"diplo extract --state, stopped and run again: {args.articles} Russian articles (bench/corpus.py), "
          f"{args.points} stopping points per configuration spread over a full run "
          f"({durations[1]:.1f} s with -j 1, {durations[2]:.1f} s with -j 2)")
    header = ("configuration", "trials", "lost", "repeats", "most/kill", "orphans", "hangs", "tracebacks", "tmp left",
              "exit codes of the stopped run")
    rows = [(name, t.trials, t.lost, t.repeats, t.most_repeats, t.orphans, t.hangs, t.tracebacks, t.temporary_files,
             " ".join(f"{code}:{count}" for code, count in sorted(t.exits.items())))
            for name, t in results.items()]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) if i in (0, 9) else str(cell).rjust(width)
                        for i, (cell, width) in enumerate(zip(row, widths))))
    print("lost: articles in no output; repeats: records beyond one per article (all trials); most/kill: the most in "
          "one trial; orphans: processes of diplo alive 2 s after it ended; hangs: runs not ended within "
          f"{args.hang:.0f} s; exit codes: -9 killed, 130 interrupted, 124 stopped by timeout, 0 done before the signal")


if __name__ == "__main__":
    main()
