"""Throughput and peak memory of `assess batch` on synthetic portfolios, with targets.

Run: python benchmarks/bench_batch.py [--companies 1000 10000] [--jobs N] [--keep DIR]
Exits 1 if a target is missed. For each size it generates a portfolio into a temporary folder
(one folder per company: profile.yaml and answers-2026.yaml, for every third company also last
year's answers-2025.yaml; profiles and answers varied by a fixed seed), then runs the installed
`assess batch FOLDER -o summary.csv` as a whole process (what a user waits for) and samples the
resident memory (RSS) of that process and all its worker processes together every 20 ms.
Targets on the 2-core reference machine: at least 1,000 assessments (answers files) per second
end to end, and at most 200 MB peak memory for 10,000 companies. The CPU time (workers included)
is printed too, with the rate it allows when every core is free: on a shared machine the wall
time also measures the other users.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MIN_PER_SECOND = 1000
MAX_PEAK_MB = 200

LANDS = [
    "BW",
    "BY",
    "BE",
    "BB",
    "HB",
    "HH",
    "HE",
    "MV",
    "NI",
    "NW",
    "RP",
    "SL",
    "SN",
    "ST",
    "SH",
    "TH",
]
SECTORS = [
    ("Handwerk", None),
    ("Steuerberatung", None),
    ("Maschinenbau", "annex2_manufacturing"),
    ("Einzelhandel", None),
    ("Arztpraxis", "annex1_health"),
    ("Logistik", "annex1_transport"),
    ("IT-Dienstleistung", "annex2_digital_providers"),
    ("Lebensmittelherstellung", "annex2_food"),
]
STATUSES = ["fulfilled", "largely", "partial", "not", "unknown"]


def catalog_controls() -> tuple[str, list[str]]:
    """The pin and control ids of the newest bundled catalog."""
    sys.path.insert(0, str(ROOT / "src"))
    from assess import resources

    newest = resources.bundled()[-1]
    data = yaml.safe_load(newest.path.read_text(encoding="utf-8"))
    return newest.pin, [c["id"] for c in data["controls"]]


def nis2_sectors() -> set[str]:
    from assess.models.profile import Nis2Sector

    return {s.value for s in Nis2Sector}


def profile(rng: random.Random, i: int, known: set[str]) -> dict[str, object]:
    sector, nis2 = rng.choice(SECTORS)
    employees = rng.choice([3, 8, 15, 30, 60, 120, 300, 800])
    data: dict[str, object] = {
        "name": f"Firma {i:05d} GmbH",
        "employees": employees,
        "sector": sector,
        "bundesland": rng.choice(LANDS),
        "chamber": rng.choice(["ihk", "hwk", "other"]),
        "it_operation": rng.choice(["own", "external", "mixed"]),
        "personal_data": rng.choice(["none", "standard", "sensitive"]),
        "remote_work": rng.random() < 0.6,
        "cloud_use": rng.random() < 0.7,
        "website": rng.random() < 0.9,
        "online_shop": rng.random() < 0.2,
        "works_council": employees >= 50 and rng.random() < 0.5,
    }
    if nis2 in known and employees >= 50:
        data["nis2_sector"] = nis2
        data["annual_turnover_eur"] = employees * 150_000
    return data


def answers(rng: random.Random, pin: str, ids: list[str], year: int, maturity: float) -> str:
    """An answers file in the short form people write, with a few notes, owners and dates."""
    lines = [
        f"catalog: {pin}",
        "profile: profile.yaml",
        f"date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "assessor: Beraterin Schmidt",
        "answers:",
    ]
    for cid in ids:
        roll = rng.random()
        if roll < 0.05:
            continue  # not answered: unknown
        weights = [maturity, maturity * 0.8, 0.5, 1 - maturity, 0.1]
        status = rng.choices(STATUSES, weights)[0]
        if roll < 0.15:
            lines += [
                f"  {cid}:",
                f"    status: {status}",
                "    note: Im Notfallhandbuch beschrieben, Übung steht aus.",
                "    owner: IT-Leitung",
                f"    updated: {year - rng.randint(0, 2)}-0{rng.randint(1, 9)}-15",
            ]
        else:
            lines.append(f"  {cid}: {status}")
    return "\n".join(lines) + "\n"


def generate(folder: Path, companies: int, seed: int = 13) -> int:
    """Write a portfolio of ``companies`` into ``folder``; return the number of answers files."""
    rng = random.Random(seed)
    pin, ids = catalog_controls()
    known = nis2_sectors()
    files = 0
    for i in range(companies):
        company = folder / f"company-{i:05d}"
        company.mkdir(parents=True)
        (company / "profile.yaml").write_text(
            yaml.safe_dump(profile(rng, i, known), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        maturity = rng.random()
        (company / "answers-2026.yaml").write_text(
            answers(rng, pin, ids, 2026, maturity), encoding="utf-8"
        )
        files += 1
        if i % 3 == 0:
            (company / "answers-2025.yaml").write_text(
                answers(rng, pin, ids, 2025, maturity * 0.8), encoding="utf-8"
            )
            files += 1
    return files


def _tree_rss_kb(pid: int) -> int:
    """RSS of ``pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        p = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(p)
        rss[p] = int(fields[21]) * 4  # pages of 4 KiB
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def measure(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, workers included) and peak MB (RSS of the
    process tree) of a command."""
    peak = 0
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    after = os.times()
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(args)} exited with {code}")
    cpu = after.children_user + after.children_system
    cpu -= before.children_user + before.children_system
    return seconds, cpu, peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    opts = parser.parse_args()
    exe = shutil.which("assess") or str(Path(sys.executable).parent / "assess")
    failed = False
    for n in opts.companies:
        base = opts.keep or Path(tempfile.mkdtemp(prefix="assess-batch-"))
        folder = base / f"portfolio-{n}"
        files = generate(folder, n)
        args = [exe, "batch", str(folder), "-o", str(base / f"summary-{n}.csv")]
        if opts.jobs:
            args += ["--jobs", str(opts.jobs)]
        seconds, cpu, peak_mb = measure(args)
        rate = files / seconds
        ok_rate = rate >= MIN_PER_SECOND
        ok_mem = n < 10000 or peak_mb <= MAX_PEAK_MB
        failed |= not (ok_rate and ok_mem)
        print(
            f"{n:>6} companies, {files:>6} answers files: {seconds:6.2f} s, "
            f"{rate:6.0f} assessments/s (target ≥ {MIN_PER_SECOND}) "
            f"{'ok' if ok_rate else 'TOO SLOW'}"
            f"; cpu {cpu:6.2f} s ({files / cpu * (os.cpu_count() or 1):5.0f}/s if all "
            f"{os.cpu_count()} cores were free); peak {peak_mb:4.0f} MB"
            + (
                f" (target ≤ {MAX_PEAK_MB} MB) {'ok' if ok_mem else 'TOO LARGE'}"
                if n >= 10000
                else ""
            )
        )
        if opts.keep is None:
            shutil.rmtree(base)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
