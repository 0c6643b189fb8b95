"""Time and peak memory of `diplo extract` on one long article per language (issue 16.9).

Each article is news of bench/corpus.py joined into one file (headers dropped) up to the given size:
250 kB of Ukrainian and Kyrgyz, 1 MB and 5.1 MB of Russian (5.1 MB is under the default --max-bytes).

Usage: python bench/long_articles.py [--sizes ru:1000000,ru:5100000,uk:250000,ky:250000]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus

DIPLO = Path(sys.executable).parent / "diplo"


def long_article(lang: str, size: int, folder: Path) -> Path:
    """News of `lang` joined into one file of about `size` bytes."""
    texts, total, i = [], 0, 0
    sources = corpus.corpus_texts(lang, 1000)
    while total < size:
        text = re.sub(r"\A date \S+ ", "", sources[i % len(sources)])
        texts.append(text)
        total += len(text.encode("utf-8")) + 2
        i += 1
    path = folder / f"{lang}-{size // 1000}k.txt"
    path.write_text("\n\n".join(texts), encoding="utf-8")
    return path


def measure(path: Path) -> tuple[float, float, int]:
    """Wall seconds, peak memory (MiB) and exit code of `diplo extract PATH`."""
    started = time.monotonic()
    process = subprocess.Popen([str(DIPLO), "extract", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.monotonic() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="ru:1000000,ru:5100000,uk:250000,ky:250000",
                        help="LANG:BYTES,... articles to build and measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="diplo-long-") as folder:
        print(f"{'article':<14} {'bytes':>10} {'chars':>10} {'time s':>8} {'peak MiB':>9} {'exit':>4}")
        for item in args.sizes.split(","):
            lang, size = item.split(":")
            path = long_article(lang, int(size), Path(folder))
            seconds, peak, code = measure(path)
            print(f"{path.stem:<14} {path.stat().st_size:>10,} {len(path.read_text(encoding='utf-8')):>10,} "
                  f"{seconds:>8.1f} {peak:>9.0f} {code:>4}")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
