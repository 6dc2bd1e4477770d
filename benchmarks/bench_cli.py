"""Start-up, evaluation and report time of the installed `assess`, with targets.

Run: python benchmarks/bench_cli.py [--runs N]. Exits 1 if a median exceeds its target.
Measured as whole processes (what a user waits for), median of N runs, plus the peak memory
(max RSS) of the evaluation processes and of the PDF processes.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "profiles" / "mueller-antriebstechnik" / "answers-2026.yaml"
TARGETS = {  # seconds, median
    "assess --help": 0.3,
    "assess evaluate (text)": 1.0,
    "assess evaluate (json)": 1.0,
    "assess report (html)": 1.0,
    "assess report (pdf)": 5.0,
    "assess card (pdf)": 3.0,
}
MAX_RSS_MB = {"evaluation": 150, "pdf": 400}


def command() -> list[str]:
    exe = shutil.which("assess") or str(Path(sys.executable).parent / "assess")
    return [exe]


def timed(args: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    exe = command()
    out = Path(tempfile.mkdtemp())
    evaluation = {
        "assess --help": [*exe, "--help"],
        "assess evaluate (text)": [*exe, "evaluate", str(EXAMPLE)],
        "assess evaluate (json)": [*exe, "evaluate", str(EXAMPLE), "--format", "json"],
        "assess report (html)": [*exe, "report", str(EXAMPLE), "-o", str(out / "r.html")],
    }
    pdf = {
        "assess report (pdf)": [*exe, "report", str(EXAMPLE), "-o", str(out / "r.pdf")],
        "assess card (pdf)": [
            *exe,
            "card",
            "--profile",
            "mueller-antriebstechnik",
            "-o",
            str(out / "c.pdf"),
        ],
    }
    failed = False
    for group, cases in (("evaluation", evaluation), ("pdf", pdf)):
        for name, args in cases.items():
            seconds = timed(args, runs)
            ok = seconds <= TARGETS[name]
            failed |= not ok
            print(
                f"{name:<26} {seconds * 1000:7.0f} ms  (target {TARGETS[name] * 1000:.0f} ms) "
                f"{'ok' if ok else 'TOO SLOW'}"
            )
        # max RSS of all child processes so far: the PDF group includes the evaluation group,
        # which is smaller
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        ok = rss_mb <= MAX_RSS_MB[group]
        failed |= not ok
        print(
            f"{'peak memory, ' + group:<26} {rss_mb:7.0f} MB  (target {MAX_RSS_MB[group]} MB) "
            f"{'ok' if ok else 'TOO LARGE'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
