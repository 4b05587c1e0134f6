"""Run every benchmark of scripts/bench in sequence and put their results in one table.

    scripts/bench/all [--quick] [--only NAME,NAME] [--skip NAME,NAME] [--timeout SECONDS]
    scripts/bench/all --compare A B

Each benchmark script prints its usual report and, for the figures that matter, one
machine-readable line (``CXM-BENCH-RESULT {json}``, see benchlib.result). This runner
runs each script (``--quick``: small sizes, for a run of minutes rather than hours;
default: each script's own sizes), keeps its whole output in ``.bench/<stamp>/<name>.log``,
prints one table (benchmark | ours | stock peer | raw PostgreSQL or ceiling | ratio |
target | met?) and writes it as ``.bench/<stamp>.json`` and ``.bench/<stamp>.md``.

``--compare A B`` prints two such runs side by side (A and B: paths of the JSON files,
or their stamps): the figures of each benchmark in both runs and how ours moved.
"""

import argparse
import contextlib
import datetime
import json
import os
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, ".bench")
PREFIX = "CXM-BENCH-RESULT "

# name, script, arguments for --quick (default run: the script's own sizes)
BENCHMARKS = [
    ("process_transitions", "process_transitions.py", "--tickets 5000 --history 20000 --moves 100 --batches 5"),
    (
        "customer_bulk_upsert",
        "customer_bulk_upsert.py",
        "--rows 8000 --stock-rows 1000 --batch 2000 --workers 2 --import-workers 2",
    ),
    ("customer_continuous_upsert", "customer_continuous_upsert.py", "--requests 96 --rounds 2"),
    ("customer_dedup", "customer_dedup.py", "--rows 10000 --groups 500 --name-only 50 --merge 20"),
    ("identity_sync", "identity_sync.py", "--partners 300 --rounds 1"),
    ("turkish_fold", "turkish_fold.py", "--rows 2000"),
    ("cti_lookup", "cti_lookup.py", "--partners 20000 --samples 100 --stock-samples 10"),
    ("help_centre", "help_centre.py", "--articles 1000 --samples 50 --requests 30"),
    ("kpi_recompute", "kpi_recompute.py", "--partners 2000 --orders-per 10 --slice 200"),
    ("assignment", "assignment.py", "--tickets 2000 --agents 50 --single 50"),
    ("complaint_intake", "complaint_intake.py", "--tickets 200 --clients 10"),
    ("channel_inbound", "channel_inbound.py", "--messages 200 --senders 10"),
]

COLUMNS = ["benchmark", "unit", "ours", "stock peer", "raw / ceiling", "ratio", "target", "met?"]


def fmt(value):
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 1:
            return f"{value:.2f}"
        return f"{value:.3f}"
    return str(value)


def rows_of(results):
    rows = []
    for res in results:
        if res.get("error"):
            rows.append([res["benchmark"], "-", "-", "-", "-", "-", "-", f"FAILED ({res['error']})"])
            continue
        rows.append(
            [
                res["benchmark"],
                res.get("unit") or "",
                fmt(res.get("ours")),
                fmt(res.get("stock")),
                fmt(res.get("raw")),
                fmt(res.get("ratio")) + (f" ({res['note']})" if res.get("note") else ""),
                res.get("target") or "-",
                fmt(res.get("met")),
            ]
        )
    return rows


def text_table(columns, rows):
    widths = [max(len(str(c)) for c in col) for col in zip(columns, *rows, strict=True)]
    lines = [" | ".join(str(c).ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def md_table(columns, rows):
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(c).replace("|", "/") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def run_one(name, script, args, logdir, timeout=None):
    """Run one benchmark script; return (its result rows, seconds, exit code). After ``timeout``
    seconds the script and everything it started (its Odoo servers) are stopped (exit code "timeout")."""
    log_path = os.path.join(logdir, f"{name}.log")
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "bench", script), *args.split()]
    start = time.perf_counter()
    results = []
    timed_out = []

    def stop(proc):
        timed_out.append(True)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)

    with open(log_path, "w", encoding="utf-8") as log:
        log.write("$ " + " ".join(cmd) + "\n")
        log.flush()
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # its own process group: a timeout stops its servers too
        )
        timer = threading.Timer(timeout, stop, [proc]) if timeout else None
        if timer:
            timer.start()
        for line in proc.stdout:
            log.write(line)
            if line.startswith(PREFIX):
                try:
                    results.append(json.loads(line[len(PREFIX) :]))
                except ValueError:
                    log.write("(unreadable result line)\n")
        code = proc.wait()
        if timer:
            timer.cancel()
    return results, time.perf_counter() - start, f"timeout after {timeout} s" if timed_out else code


def run_all(args):
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    logdir = os.path.join(OUT, stamp)
    os.makedirs(logdir, exist_ok=True)
    only = set(filter(None, (args.only or "").split(",")))
    skip = set(filter(None, (args.skip or "").split(",")))
    unknown = (only | skip) - {name for name, _script, _quick in BENCHMARKS}
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    chosen = [b for b in BENCHMARKS if (not only or b[0] in only) and b[0] not in skip]
    results, timings = [], {}
    size = "quick" if args.quick else "default"
    print(f"{len(chosen)} benchmarks, {size} sizes; logs in {os.path.relpath(logdir, ROOT)}/", flush=True)
    for name, script, quick in chosen:
        bench_args = quick if args.quick else ""
        print(f"- {name} {bench_args}".rstrip() + " ...", end=" ", flush=True)
        found, seconds, code = run_one(name, script, bench_args, logdir, args.timeout)
        timings[name] = seconds
        for res in found:
            res["script"] = name
        if code or not found:
            error = (code if isinstance(code, str) else f"exit code {code}") if code else "no result line"
            found.append({"benchmark": name, "script": name, "error": f"{error}, see {name}.log"})
        results += found
        print(f"{seconds:.0f} s" + (f", {found[-1]['error']}" if found[-1].get("error") else ""), flush=True)
    report = {
        "stamp": stamp,
        "size": size,
        "git": _git_head(),
        "seconds": timings,
        "results": results,
    }
    rows = rows_of(results)
    print()
    print(text_table(COLUMNS, rows))
    with open(os.path.join(OUT, f"{stamp}.json"), "w", encoding="utf-8") as out:
        json.dump(report, out, indent=2)
    with open(os.path.join(OUT, f"{stamp}.md"), "w", encoding="utf-8") as out:
        out.write(f"# Benchmarks {stamp} ({size} sizes, commit {report['git']})\n\n")
        out.write(md_table(COLUMNS, rows) + "\n\n")
        out.write("Seconds per script: " + ", ".join(f"{k} {v:.0f}" for k, v in timings.items()) + "\n")
    print(f"\nwritten: .bench/{stamp}.json and .bench/{stamp}.md (total {sum(timings.values()):.0f} s)")
    failed = [r for r in results if r.get("error")]
    return 1 if failed else 0


def _git_head():
    cmd = ["git", "rev-parse", "--short", "HEAD"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    return proc.stdout.strip() or "?"


def _load(ref):
    path = ref if os.path.exists(ref) else os.path.join(OUT, ref if ref.endswith(".json") else f"{ref}.json")
    if not os.path.exists(path):
        sys.exit(f"no benchmark run {ref} (give a .bench/<stamp>.json path or its stamp)")
    with open(path, encoding="utf-8") as source:
        return json.load(source)


def compare(a_ref, b_ref):
    a, b = _load(a_ref), _load(b_ref)
    by_a = {r["benchmark"]: r for r in a["results"]}
    by_b = {r["benchmark"]: r for r in b["results"]}
    names = list(by_a) + [n for n in by_b if n not in by_a]
    columns = ["benchmark", "unit", f"ours {a['stamp']}", f"ours {b['stamp']}"]
    columns += ["ratio A", "ratio B", "target", "met A/B"]
    rows = []
    for name in names:
        ra, rb = by_a.get(name, {}), by_b.get(name, {})
        rows.append(
            [
                name,
                ra.get("unit") or rb.get("unit") or "",
                fmt(ra.get("ours")),
                fmt(rb.get("ours")),
                fmt(ra.get("ratio")),
                fmt(rb.get("ratio")),
                ra.get("target") or rb.get("target") or "-",
                f"{fmt(ra.get('met'))}/{fmt(rb.get('met'))}",
            ]
        )
    for label, run in (("A", a), ("B", b)):
        print(f"{label}: {run['stamp']} ({run['size']} sizes, commit {run['git']})")
    if a["size"] != b["size"]:
        print("(different sizes: the benchmarks named after their size appear on rows of their own)")
    print(text_table(columns, rows))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a run of minutes")
    parser.add_argument("--only", help="comma-separated benchmark names: " + ", ".join(b[0] for b in BENCHMARKS))
    parser.add_argument("--skip", help="comma-separated benchmark names to leave out")
    parser.add_argument(
        "--timeout", type=int, help="seconds after which a benchmark is stopped (default: 1200 with --quick, none)"
    )
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"), help="compare two runs (JSON paths or stamps)")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.timeout is None and args.quick:
        args.timeout = 1200
    return run_all(args)


if __name__ == "__main__":
    sys.exit(main())
