"""Speed and memory benchmarks of diplo on real news text (project issue 7). Each prints a table.

  python bench/speed.py --russian [N]        Natasha's full pipeline vs diplo's Russian extractor, same N texts
  python bench/speed.py --stanza LANG [N]    diplo's uk/ky extractor vs the bare Stanza pipeline inside it
  python bench/speed.py --cold-start         `diplo --help`; launch to first stdout line of `diplo extract <seed>`
  python bench/speed.py --scaling [N]        `diplo extract --jobs 1` vs `--jobs 2` on N Russian articles
  python bench/speed.py --memory [--memory-articles N]   peak RSS (3 languages) and RSS growth over a long run
  python bench/speed.py --all                everything, with the defaults:
                                             --russian 500, --stanza uk 200, --stanza ky 200, --scaling 200,
                                             --memory-articles 10000 (the long run takes the longest)
  --rounds R                                 in-process benchmarks: R rounds, mean; --scaling: R alternating rounds, median
  --default-gc                               in-process benchmarks: keep the interpreter's collector thresholds

In-process benchmarks run both sides under the collector thresholds `diplo extract` sets
(runner.extract.COLLECTOR_THRESHOLDS), unless --default-gc is given.

In-process figures are taken in one process with warm models: every side first processes one warm-up
article that is not among the measured ones, then the N measured articles inside one time.perf_counter
window. Corpora come from bench/corpus.py (real text from shared/data), built under --work.
Figures are only meaningful on an otherwise idle machine: the table header shows the load average.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# What `diplo` does at start (cli/main.py), so that the in-process figures match the tool's own runs.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

DEFAULT_RUSSIAN = 500
DEFAULT_STANZA = 200
DEFAULT_SCALING = 200
DEFAULT_MEMORY = 10_000
COLD_RUNS = 5
TINY_CALLS = 50


# ---------------------------------------------------------------- reporting

def machine_rows() -> list[tuple[str, str]]:
    """CPU model, cores, RAM and collector thresholds, plus the load that tells whether the figures can be trusted."""
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "?"
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = _load_before_run
    busy = "  BUSY: figures distorted" if load > 0.5 * (usable or 1) else ""
    return [("cpu", model), ("cores", f"{os.cpu_count()} ({usable} usable)"), ("ram", ram),
            ("load avg 1 min before the run", f"{load:.2f}{busy}"), ("python", platform.python_version()),
            ("gc thresholds", " ".join(map(str, gc.get_threshold())))]


_load_before_run = float("nan")


def note_load() -> None:
    """Remember the load average before a benchmark starts (afterwards it shows the benchmark itself)."""
    global _load_before_run
    _load_before_run = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], notes: Sequence[str] = ()) -> None:
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    print(f"\n{title}")
    for key, value in machine_rows():
        print(f"  {key:<15} {value}")
    print(line)
    for index, row in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) + " |")
        if index == 0:
            print(line)
    print(line)
    for note in notes:
        print(f"  {note}")
    sys.stdout.flush()


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


# ---------------------------------------------------------------- inputs

def documents(lang: str, n: int, work: Path) -> list:
    """n+1 Documents read as `diplo extract` reads them: the first is the warm-up article, the rest are measured."""
    from diplo.runner.reading import read_document

    return [read_document(str(path))[0] for path in corpus.build(lang, n + 1, work)]


def diplo_binary() -> str:
    for candidate in (os.environ.get("DIPLO_BIN"), ROOT / ".venv" / "bin" / "diplo", Path(sys.executable).parent / "diplo"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    found = shutil.which("diplo")
    if not found:
        raise SystemExit("diplo executable not found; install the project (pip install -e .) or set DIPLO_BIN")
    return found


def seed(prefix: str) -> str:
    return str(next(corpus.SEEDS.glob(f"{prefix}_*.txt")))


# ---------------------------------------------------------------- --russian

def bench_russian(n: int, work: Path, rounds: int = 1) -> None:
    docs = documents("ru", n, work)
    warm, measured = docs[0], docs[1:]
    texts = [d.text for d in measured]
    chars = sum(map(len, texts))

    from diplo.extractors.pipeline.extractor import get_extractor

    load_natasha, natasha = timed(_natasha_pipeline)
    load_diplo, extractor = timed(lambda: get_extractor("ru"))
    natasha(warm.text)
    list(extractor.map([warm]))
    slices = diplo_batches(measured)
    times = take_turns({"natasha": lambda indexes: [natasha(texts[i]) for i in indexes],
                        "diplo": diplo_side(extractor, measured)}, slices, rounds)
    natasha_s, diplo_s = times["natasha"], times["diplo"]

    rows = [("(a) natasha: segment+morph+syntax+ner+normalize", len(texts), chars, load_natasha, natasha_s,
             len(texts) / natasha_s, chars / natasha_s),
            ("(b) diplo: get_extractor('ru').map", len(texts), chars, load_diplo, diplo_s,
             len(texts) / diplo_s, chars / diplo_s)]
    print_table(f"Russian: Natasha's full pipeline vs diplo's extractor ({len(texts)} articles, same texts)",
                ("pipeline", "docs", "chars", "load s", "time s", "docs/s", "chars/s"), rows,
                [f"ratio b/a (docs/s, diplo / natasha): {natasha_s / diplo_s:.3f}  "
                 f"(diplo takes {diplo_s / natasha_s:.2f}x Natasha's time)",
                 "Natasha side runs NewsSyntaxParser too, which diplo does not use; diplo adds pymorphy lemmas per token,",
                 "name normalisation, KB linking, dates and events. Warm-up: one extra article per side, outside the window.",
                 f"The sides take turns on each of diplo's {len(slices)} batches; time = mean of {rounds} round(s)"
                 + (" (diplo's word caches are warm after the first)" if rounds > 1 else "")
                 + "; load s = model loading, not in the window."])


def _natasha_pipeline() -> Callable[[str], object]:
    from natasha import (
        Doc,
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    embedding = NewsEmbedding()
    segmenter, vocab = Segmenter(), MorphVocab()
    morph, syntax, ner = NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)

    def run(text: str) -> object:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        for span in doc.spans:
            span.normalize(vocab)
        return doc

    return run


# ---------------------------------------------------------------- --stanza

def bench_stanza(lang: str, n: int, work: Path, rounds: int = 1) -> bool:
    from diplo.extractors.errors import DiploError
    from diplo.extractors.pipeline.extractor import get_extractor

    if lang not in ("uk", "ky"):
        raise SystemExit(f"--stanza takes uk or ky, not {lang!r}")
    docs = documents(lang, n, work)
    warm, measured = docs[0], docs[1:]
    texts = [d.text for d in measured]
    chars = sum(map(len, texts))
    try:
        load_s, extractor = timed(lambda: get_extractor(lang))
    except DiploError as error:
        print(f"\nStanza {lang}: skipped, the models cannot be loaded: {error}")
        return False
    import stanza
    import torch

    backend = extractor.backend
    nlp = backend._nlp  # the very pipeline diplo runs, called directly
    slices = diplo_batches(measured)
    rows, notes = [], []
    list(extractor.map([warm]))
    run_diplo = diplo_side(extractor, measured)

    if backend._tokenize:
        # Ukrainian: diplo feeds Stanza sentences pre-tokenized by its own tokenizer; the bare runs get the
        # same token lists, built outside the timed window (the tokenizer is timed on its own row).
        from diplo.extractors.lang.uk.tokenizer import tokenize

        tokenize(warm.text)
        tokenize_s, spans = timed(lambda: [tokenize(t) for t in texts])
        per_text = [[[tok for tok, _, _ in sent] for sent in sents] for sents in spans]
        nlp([[tok for tok, _, _ in sent] for sent in tokenize(warm.text)])

        def run_batched(indexes: list[int]) -> None:
            sentences = [sent for i in indexes for sent in per_text[i]]
            if sentences:
                nlp(sentences)

        def run_single(indexes: list[int]) -> None:
            for i in indexes:
                if per_text[i]:
                    nlp(per_text[i])

        run_tiny = lambda: nlp([["Слово"]])  # noqa: E731
        notes.append("uk: bare runs get diplo's pre-tokenized sentences (tokenize_pretokenized=True); tokenizing is not in them.")
    else:
        nlp.bulk_process([stanza.Document([], text=warm.text)])
        nlp(warm.text)

        def run_batched(indexes: list[int]) -> None:
            nlp.bulk_process([stanza.Document([], text=texts[i]) for i in indexes])

        def run_single(indexes: list[int]) -> None:
            for i in indexes:
                nlp(texts[i])

        run_tiny = lambda: nlp("Сөз.")  # noqa: E731
    times = take_turns({"diplo": run_diplo, "batched": run_batched, "single": run_single}, slices, rounds)
    diplo_s, batched_s, single_s = times["diplo"], times["batched"], times["single"]
    # The fixed cost of a Stanza call, paid once per article by per-article calls: what batching saves
    # beyond it comes from models that run faster on bigger batches.
    run_tiny()
    per_call_s = statistics.median(timed(run_tiny)[0] for _ in range(TINY_CALLS))
    rows.append(("diplo: get_extractor(lang).map", diplo_s))
    if backend._tokenize:
        rows.append(("diplo's uk pre-tokenizer alone (input of the bare runs)", tokenize_s))
    rows.append(("bare stanza: one call per diplo batch", batched_s))
    rows.append(("bare stanza: one call per article", single_s))

    table = [(name, len(texts), chars, seconds, len(texts) / seconds, chars / seconds) for name, seconds in rows]
    notes = [f"ratio diplo/bare-batched (docs/s): {batched_s / diplo_s:.3f}",
             f"ratio diplo/bare-per-article (docs/s): {single_s / diplo_s:.3f}",
             f"ratio batched/per-article (docs/s): {single_s / batched_s:.3f}",
             f"fixed cost of one Stanza call (a one-word text): {per_call_s * 1000:.1f} ms, median of {TINY_CALLS}; "
             f"{len(texts)} calls: {len(texts) * per_call_s:.2f} s of the per-article run's {single_s:.1f} s",
             f"diplo's batches: {len(slices)} of up to {_batch_chars():,} chars, {len(texts) / len(slices):.1f} articles "
             f"on average, one Stanza call each; model load {load_s:.1f} s; "
             f"torch threads {torch.get_num_threads()}; models {backend.model_dir}",
             f"the sides take turns on each batch; time = mean of {rounds} round(s)"
             + (" (diplo's word caches are warm after the first)" if rounds > 1 else ""), *notes]
    print_table(f"Stanza {lang}: diplo's extractor vs the bare pipeline inside it ({len(texts)} articles)",
                ("run", "docs", "chars", "time s", "docs/s", "chars/s"), table, notes)
    return True


def take_turns(sides: dict[str, Callable[[list[int]], object]], slices: list[list[int]], rounds: int) -> dict[str, float]:
    """Seconds each side takes over all slices, mean of `rounds`.

    The sides take turns on every slice, in rotating order, so that drift in the machine's speed (a
    shared VM's is large) hits all alike. Each turn starts with a clean heap, so a side pays for
    collecting its own garbage only.
    """
    names = list(sides)
    totals = dict.fromkeys(names, 0.0)
    turn = 0
    for _ in range(rounds):
        for indexes in slices:
            for name in names[turn % len(names):] + names[:turn % len(names)]:
                gc.collect()
                totals[name] += timed(lambda: sides[name](indexes))[0]
            turn += 1
    return {name: total / rounds for name, total in totals.items()}


def diplo_side(extractor, docs: list) -> Callable[[list[int]], None]:
    """The diplo side of a benchmark: its extractor on the documents at some indexes."""

    def run(indexes: list[int]) -> None:
        assert len(list(extractor.map([docs[i] for i in indexes]))) == len(indexes)

    return run


def diplo_batches(docs: list) -> list[list[int]]:
    """Indexes of `docs` in the batches diplo's extractors hand to their backend (extractors.base.batches)."""
    from diplo.extractors.pipeline.extractor import batches

    slices, start = [], 0
    for batch in batches(docs):
        slices.append(list(range(start, start + len(batch))))
        start += len(batch)
    return slices


def _batch_chars() -> int:
    from diplo.extractors.pipeline.extractor import BATCH_CHARS

    return BATCH_CHARS


# ---------------------------------------------------------------- subprocess benchmarks

def bench_cold_start() -> None:
    diplo = diplo_binary()
    article = seed("000")
    help_times, first_times, total_times = [], [], []
    for _ in range(COLD_RUNS):
        seconds, done = timed(lambda: subprocess.run([diplo, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        assert done.returncode == 0, f"diplo --help exited {done.returncode}"
        help_times.append(seconds)
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        process = subprocess.Popen([diplo, "extract", article], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = process.stdout.readline()
        first_times.append(time.perf_counter() - start)
        process.stdout.read()
        code = process.wait()
        total_times.append(time.perf_counter() - start)
        assert line and code == 0, f"diplo extract {article} exited {code} with first line {line[:80]!r}"

    def row(name: str, times: list[float]) -> tuple:
        return (name, statistics.median(times), min(times), max(times))

    print_table(f"Cold start (subprocess, median of {COLD_RUNS} runs)", ("command", "median s", "min s", "max s"),
                [row("diplo --help", help_times),
                 row(f"diplo extract {Path(article).name}: launch -> first stdout line", first_times),
                 row(f"diplo extract {Path(article).name}: launch -> exit", total_times)],
                [f"executable: {diplo}"])


def run_counting(command: list[str], expected: int) -> tuple[float, int, int, float]:
    """Wall time, stdout line count, exit code and CPU time (user + system, workers included) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines = sum(1 for _ in process.stdout)
    code = process.wait()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if lines != expected or code != 0:
        print(f"warning: {' '.join(command[:4])}... gave {lines} lines (expected {expected}), exit {code}", file=sys.stderr)
    return seconds, lines, code, cpu


def bench_scaling(n: int, work: Path, rounds: int = 1) -> None:
    diplo = diplo_binary()
    paths = corpus.build("ru", n, work)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    runs: dict[int, list[tuple[float, int, int, float]]] = {1: [], 2: []}
    for _ in range(rounds):  # alternate, so that drift in machine load hits both alike
        for jobs in runs:
            runs[jobs].append(run_counting([diplo, "extract", "--jobs", str(jobs), str(paths[0].parent)], n))
    results = {jobs: min(done, key=lambda r: abs(r[0] - statistics.median(x[0] for x in done))) for jobs, done in runs.items()}
    rows = [(f"--jobs {jobs}", lines, chars, seconds, lines / seconds, cpu, code)
            for jobs, (seconds, lines, code, cpu) in results.items()]
    print_table(f"Scaling: diplo extract --jobs 1 vs --jobs 2 ({n} Russian articles, wall time incl. start-up)",
                ("run", "lines", "chars", "time s", "docs/s", "cpu s", "exit"), rows,
                [f"ratio jobs1/jobs2 wall time (speed-up): {results[1][0] / results[2][0]:.3f}",
                 f"time = the median run of {rounds} alternating round(s); cpu s = user + system time of the run, workers included",
                 "Each worker loads its own models and runs one thread; --jobs 1 runs in the main process, one BLAS thread."])


def _vm_rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _wait_rusage(process: subprocess.Popen) -> tuple[int, int]:
    """Exit code and peak RSS (KiB) of exactly this child (os.wait4, not RUSAGE_CHILDREN, which mixes runs)."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss


def bench_memory(articles: int, work: Path) -> None:
    diplo = diplo_binary()
    mib = 1024
    # 1. one article of each language: all three backends loaded in one process.
    three = [seed("000"), seed("002"), seed("001")]
    process = subprocess.Popen([diplo, "extract", *three], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read()
    err = process.stderr.read()
    code, peak = _wait_rusage(process)
    lines = out.count(b"\n")
    rows = [("one run: ru + uk + ky seed (000, 002, 001)", lines, peak / mib, "", "")]
    notes = []
    if lines != 3:
        errors = [line[:160] for line in err.decode("utf-8", "replace").splitlines() if "error" in line]
        notes.append(f"only {lines} of 3 articles came out (exit {code}), so not all backends were loaded:")
        notes.extend(f"  {line}" for line in errors[:3])

    # 2. RSS growth over a long Russian run, sampled on the live process as its lines arrive.
    paths = corpus.build("ru", articles, work)
    first = max(articles // 10, 1)
    process = subprocess.Popen([diplo, "extract", str(paths[0].parent)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    samples: dict[int, tuple[int, int]] = {}  # checkpoint -> (line at which sampled, KiB)
    last: tuple[int, int] | None = None
    count = 0
    for count, _ in enumerate(process.stdout, 1):
        rss = _vm_rss_kib(process.pid)
        if rss is not None:
            last = (count, rss)
        if count in (first, articles) and last is not None:
            samples[count] = last  # the process may already have exited after its last line: keep the prior sample
    code, peak = _wait_rusage(process)
    for checkpoint in (first, articles):
        if checkpoint in samples:
            at, rss = samples[checkpoint]
            rows.append((f"long run: VmRSS after {checkpoint:,} lines" + (f" (sampled at line {at:,})" if at != checkpoint else ""),
                         count, "", rss / mib, ""))
    if first in samples and articles in samples and first != articles:
        growth = (samples[articles][1] - samples[first][1]) / samples[first][1] * 100
        rows.append((f"long run: growth {first:,} -> {articles:,} lines", count, "", "", f"{growth:+.1f} %"))
    rows.append(("long run: peak RSS (whole run)", count, peak / mib, "", ""))
    if count != articles or code != 0:
        notes.append(f"long run gave {count} lines for {articles} articles, exit {code}")
    notes.append("peak = ru_maxrss of that child via os.wait4; VmRSS read from /proc/<pid>/status while it runs.")
    print_table(f"Memory: peak RSS and RSS growth (long run: {articles:,} Russian articles, --jobs 1)",
                ("run", "lines", "peak MiB", "VmRSS MiB", "growth"), rows, [n for n in notes if n])


# ---------------------------------------------------------------- main

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--russian", type=int, nargs="?", const=DEFAULT_RUSSIAN, metavar="N")
    parser.add_argument("--stanza", nargs="+", action="append", metavar="LANG [N]", help="uk or ky, then N (default %d)" % DEFAULT_STANZA)
    parser.add_argument("--cold-start", action="store_true")
    parser.add_argument("--scaling", type=int, nargs="?", const=DEFAULT_SCALING, metavar="N")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--memory-articles", type=int, default=DEFAULT_MEMORY, metavar="N")
    parser.add_argument("--all", action="store_true", help="every benchmark with its default size")
    parser.add_argument("--rounds", type=int, default=1, metavar="R",
                        help="in-process benchmarks: R rounds, mean reported; --scaling: R alternating rounds, "
                             "median reported (default 1)")
    parser.add_argument("--default-gc", action="store_true",
                        help="in-process benchmarks: leave the collector thresholds at the interpreter's default")
    parser.add_argument("--work", type=Path, default=corpus.DEFAULT_OUT, help="corpus directory (default bench/work)")
    args = parser.parse_args(argv)
    if args.all:
        args.russian = args.russian or DEFAULT_RUSSIAN
        args.stanza = args.stanza or [["uk"], ["ky"]]
        args.cold_start = True
        args.scaling = args.scaling or DEFAULT_SCALING
        args.memory = True
    stanza_runs = []
    for spec in args.stanza or []:
        if len(spec) > 2 or (len(spec) == 2 and not spec[1].isdigit()):
            parser.error("--stanza takes LANG and an optional N")
        stanza_runs.append((spec[0], int(spec[1]) if len(spec) == 2 else DEFAULT_STANZA))
    if not (args.russian or stanza_runs or args.cold_start or args.scaling or args.memory):
        parser.error("choose a benchmark (--russian, --stanza, --cold-start, --scaling, --memory) or --all")

    if not args.default_gc:
        from diplo.runner.extract import tune_collector

        tune_collector()  # what `diplo extract` does; the bare sides run in this process and get it too
    ok = True
    if args.russian:
        note_load()
        bench_russian(args.russian, args.work, args.rounds)
    for lang, n in stanza_runs:
        note_load()
        ok = bench_stanza(lang, n, args.work, args.rounds) and ok
    if args.cold_start:
        note_load()
        bench_cold_start()
    if args.scaling:
        note_load()
        bench_scaling(args.scaling, args.work, args.rounds)
    if args.memory:
        note_load()
        bench_memory(args.memory_articles, args.work)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
