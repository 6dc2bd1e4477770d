"""Start-up, evaluation and report time of the installed `assess`, with targets.

Run: python benchmarks/bench_cli.py [--runs N]. Exits 1 if a median exceeds its target.
Measured as whole processes (what a user waits for), median of N runs, plus the peak memory
(max RSS) of the evaluation processes and of the PDF processes. Each line also gives the median
CPU time (user + system) of the process, which a busy machine disturbs less than the wall time.
Before measuring, the package's bytecode is compiled (as ``pip install`` does; an editable
install with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on every start) and
one warm-up run fills the cache of the validated bundled catalog (see assess.cache).
"""

from __future__ import annotations

import argparse
import compileall
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
TARGETS = {  # seconds, median
    "assess --help": 0.1,
    "assess evaluate (text)": 0.2,
    "assess evaluate (json)": 0.2,
    "assess report (html)": 1.0,
    "assess report (pdf)": 5.0,
    "assess card (pdf)": 3.0,
}
MAX_RSS_MB = {"evaluation": 150, "pdf": 400}


def command() -> list[str]:
    exe = shutil.which("assess") or str(Path(sys.executable).parent / "assess")
    return [exe]


def timed(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runs`` runs, after one warm-up run."""
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    wall, cpu = [], []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)
        after = os.times()
        cpu.append(
            after.children_user
            + after.children_system
            - before.children_user
            - before.children_system
        )
    return statistics.median(wall), statistics.median(cpu)


def compile_package(exe: list[str]) -> None:
    """Compile the installed package's bytecode, as pip does when it installs a wheel."""
    python = Path(exe[0]).parent / "python"
    found = subprocess.run(
        [
            str(python if python.exists() else sys.executable),
            "-c",
            "import assess; print(assess.__file__)",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    compileall.compile_dir(Path(found.stdout.strip()).parent, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF group (slow)")
    opts = parser.parse_args()
    runs = opts.runs
    exe = command()
    compile_package(exe)
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
    groups = [("evaluation", evaluation)] + ([] if opts.no_pdf else [("pdf", pdf)])
    for group, cases in groups:
        for name, args in cases.items():
            seconds, cpu = timed(args, runs)
            ok = seconds <= TARGETS[name]
            failed |= not ok
            print(
                f"{name:<26} {seconds * 1000:7.0f} ms  (target {TARGETS[name] * 1000:.0f} ms) "
                f"{'ok' if ok else 'TOO SLOW'}  cpu {cpu * 1000:5.0f} ms"
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
