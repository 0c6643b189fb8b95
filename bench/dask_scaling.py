"""Dask against local workers: `diplo extract` with 1 and 2 local Dask workers (`--scheduler local`) and with
`--jobs 1` and `--jobs 2`, whole runs on the same corpus, wall time with start-up, the four sides taking turns
in each round (the machine's speed drifts; ratios are taken from one run).

Usage: python bench/dask_scaling.py [--lang ru] [-n 1000] [--rounds 2]
Targets (issue 15): 2 Dask workers >= 1.7x one Dask worker, and within 10 % of --jobs 2.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

DIPLO = Path(sys.executable).parent / "diplo"
SIDES = {
    "--jobs 1": ["--jobs", "1"],
    "--jobs 2": ["--jobs", "2"],
    "dask, 1 worker": ["--scheduler", "local", "--jobs", "1"],
    "dask, 2 workers": ["--scheduler", "local", "--jobs", "2"],
}


def timed_run(args: list[str], folder: Path) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run([str(DIPLO), "extract", *args, str(folder)], capture_output=True, check=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", default="ru", choices=corpus.LANGS)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    paths = corpus.build(args.lang, args.n)
    folder = paths[0].parent
    print(f"Dask scaling: {args.n} {args.lang} articles ({folder}), {args.rounds} rounds, {os.cpu_count()} cores,"
          f" load before {os.getloadavg()[0]:.2f}")
    walls: dict[str, list[float]] = {side: [] for side in SIDES}
    outputs: dict[str, bytes] = {}
    for round_ in range(args.rounds):
        for side, extra in (SIDES.items() if round_ % 2 == 0 else reversed(SIDES.items())):
            wall, out = timed_run(extra, folder)
            walls[side].append(wall)
            outputs[side] = out
            print(f"  round {round_ + 1}: {side:16} {wall:7.1f} s", flush=True)
    assert len(set(outputs.values())) == 1, "the sides gave different records"
    median = {side: statistics.median(values) for side, values in walls.items()}
    print(f"\n{'side':18}{'median wall s':>15}{'articles/s':>12}")
    for side, wall in median.items():
        print(f"{side:18}{wall:15.1f}{args.n / wall:12.1f}")
    print(f"\nrecords identical on all four sides: yes")
    print(f"2 Dask workers vs 1 Dask worker: {median['dask, 1 worker'] / median['dask, 2 workers']:.2f}x (target >= 1.7)")
    print(f"2 Dask workers vs --jobs 2:      {median['--jobs 2'] / median['dask, 2 workers']:.2f} "
          f"(target >= 0.90: within 10 %)")
    overhead = (median["dask, 1 worker"] - median["--jobs 1"]) / args.n * 1000
    print(f"scheduler cost per article (1 Dask worker vs --jobs 1, start-up included): {overhead:.1f} ms")


if __name__ == "__main__":
    main()
