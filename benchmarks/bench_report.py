"""Time of the management report and the IT emergency card, with the targets of issue 9.

Run: python benchmarks/bench_report.py [--runs N]. Exits 1 if a median exceeds its target.

Measured as whole processes of the installed `assess` (what a user waits for): the
manufacturer's (mueller-antriebstechnik) PDF report, its card and its HTML report. Besides the
wall-clock median the CPU time of the process (user + system) is printed: on a machine shared
with other work the wall clock waits for the processor, the CPU time does not. The HTML line
also gives the rendering alone, in one process after the evaluation (templates compiled once).
"""

from __future__ import annotations

import argparse
import os
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
TARGETS = {  # seconds, median wall clock
    "report (pdf)": 2.0,
    "card (pdf)": 1.0,
    "report (html)": 0.3,
}


def command() -> list[str]:
    exe = shutil.which("assess") or str(Path(sys.executable).parent / "assess")
    return [exe]


def timed(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``runs`` runs of ``args``."""
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


def html_render(runs: int) -> float:
    """Median seconds of rendering the HTML report in-process, after the evaluation."""
    from assess.api import evaluate_file
    from assess.report import report_html

    outcome = evaluate_file(EXAMPLE)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        report_html(outcome, "de")
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    exe = command()
    out = Path(tempfile.mkdtemp())
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1790000000")
    cases = {
        "report (pdf)": [*exe, "report", str(EXAMPLE), "-o", str(out / "r.pdf")],
        "card (pdf)": [
            *exe,
            "card",
            "--profile",
            "mueller-antriebstechnik",
            "-o",
            str(out / "c.pdf"),
        ],
        "report (html)": [*exe, "report", str(EXAMPLE), "-o", str(out / "r.html")],
    }
    failed = False
    for name, args in cases.items():
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)  # warm caches
        wall, cpu = timed(args, runs)
        target = TARGETS[name]
        verdict = "ok" if wall <= target else "SLOW"
        failed |= wall > target
        print(f"{name:<15} {wall:6.2f} s wall  {cpu:6.2f} s cpu  (target {target:.1f} s) {verdict}")
    print(f"{'html render':<15} {html_render(runs):6.3f} s in-process, after the evaluation")
    shutil.rmtree(out)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
