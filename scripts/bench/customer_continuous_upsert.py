"""Benchmark 2 of issue 5: continuous upsert over the API.

Starts an Odoo server (4 workers) on a fresh database with cxm_customer_data,
creates an Integration user with an Odoo API key and an integration instance
with a "customers" REST key, then 16 concurrent clients send requests of 1 and
of 20 customer records (a mix of new and re-sent/changed customers), same run:
  * ours over JSON-2: POST /json/2/res.partner/cxm_upsert (one request per
    batch, with an idempotency key);
  * ours over REST  : POST /cxm/api/v1/customers/upsert with X-API-Key (one
    request per batch, with an Idempotency-Key header; API log row per call,
    per-address and per-instance rate limits counted: limits set high enough
    not to refuse);
  * stock: what a careful integrator writes over JSON-2: search_read by ref
    (indexed) with the synced fields, then create, or write only the fields
    that differ, or nothing when nothing differs.
  * the floors, with 1 record per request: what one authenticated call costs
    on each protocol, whatever it does, so the best a one-request upsert can
    do against stock's one or two calls per record:
      - JSON-2 floor: a bare search_read by ref that finds nothing (the same
        call stock starts with, and the per-call cost stock pays too);
      - REST floor: GET /cxm/api/v1/instance with the same API key (API-key
        authentication, both rate limits counted, one API log row, no work).
    Printed as "ceiling": floor requests/s over stock's, beside ours over
    stock's and ours as a share of the floor.
Every client thread keeps its own HTTP connection; before each case every
worker has served requests of that case (registry and apps loaded), so no
side pays the start-up; the cases take turns in rounds, so that other load on
the machine hits them alike. Prints requests/s and p50/p95 latency of each,
and the ratio, with the server CPU each request cost (Odoo workers and the
database's PostgreSQL backends, from /proc: steadier than wall time when other
work shares the machine).

Usage: .venv/bin/python scripts/bench/customer_continuous_upsert.py [--requests 400] [--clients 16]
           [--via json2,rest] [--sizes 1,20] [--rounds 4] [--db NAME] [--no-idempotency] [--no-floor]
CXM_BENCH_SERVER_LOG=path: the server's log (warnings and errors) in that file.
"""

import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import benchlib
import requests

ROOT = benchlib.ROOT


def _arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def _shell(db, code):
    return benchlib.odoo_shell(db, code)


def _cpu_seconds(pid):
    """``(user + system CPU seconds, parent pid)`` of a process (Linux /proc), or ``(0.0, None)``."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0, None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), int(fields[1])


def server_cpu(master_pid, db):
    """CPU seconds used so far by the server's worker processes and by the PostgreSQL backends of ``db``
    (the machine is shared: CPU per request is steadier than wall time under other load)."""
    processes = (_cpu_seconds(pid) for pid in os.listdir("/proc") if pid.isdigit())
    total = sum(cpu for cpu, parent in processes if parent == master_pid)
    with benchlib.connect(db) as cr:
        cr.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [db])
        total += sum(_cpu_seconds(pid)[0] for (pid,) in cr.fetchall())
    return total


def main():
    db = _arg("--db", benchlib.db_name("cxm_bench_continuous"))
    total, clients = _arg("--requests", 400), _arg("--clients", 16)
    vias = [v for v in _arg("--via", "json2,rest").split(",") if v]
    sizes = [int(v) for v in _arg("--sizes", "1,20").split(",") if v]
    rounds = _arg("--rounds", 4)
    idempotency = "--no-idempotency" not in sys.argv
    benchlib.drop_db(db)
    benchlib.install(db, "cxm_customer_data")
    out = _shell(
        db,
        """
env.company.write({"country_id": env.ref("base.tr").id, "cxm_phone_region_id": env.ref("base.tr").id})
user = env["res.users"].create({"name": "Bench API", "login": "bench-api",
    "group_ids": [(6, 0, [env.ref("cxm_base.group_cxm_integration").id])]})
instance = env["cxm.integration.instance"].create({"name": "Bench", "code": "bench", "kind": "data_source",
    "state": "active", "user_id": user.id, "rate_limit": 1000000})
env["ir.config_parameter"].set_param("cxm_integration.ip_rate_limit", "1000000")
key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "bench", None)
rest_key = env["cxm.integration.api.key"]._generate(instance, "bench", scope="customers")[1]
env.cr.commit()
print("KEY=" + key)
print("REST=" + rest_key)
""",
    )
    key = next(line[4:] for line in out.splitlines() if line.startswith("KEY="))
    rest_key = next(line[5:] for line in out.splitlines() if line.startswith("REST="))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # the server's warnings and errors (a 500's traceback) in a file when asked
    log_path = os.environ.get("CXM_BENCH_SERVER_LOG")
    server_log = open(log_path, "w", encoding="utf-8") if log_path else subprocess.DEVNULL
    server = subprocess.Popen(
        [
            f"{ROOT}/scripts/odoo",
            "-d",
            db,
            f"--http-port={port}",
            "--workers=4",
            "--max-cron-threads=0",
            "--log-level=warn",
            "--limit-time-real=600",
            "--limit-time-cpu=600",
        ],
        stdout=subprocess.DEVNULL,
        stderr=server_log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(f"{url}/web/health", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        local = threading.local()

        def session():
            if not hasattr(local, "session"):
                local.session = requests.Session()
            return local.session

        headers = {"Authorization": f"bearer {key}", "X-Odoo-Database": db}

        def call(model, method, **params):
            response = session().post(f"{url}/json/2/{model}/{method}", json=params, headers=headers, timeout=120)
            response.raise_for_status()
            return response.json()

        def records(tag, size, rng):
            # half new customers, half re-sent (identical or changed) ones of a small pool
            batch = []
            for _ in range(size):
                if rng.random() < 0.5:
                    n = uuid.uuid4().hex[:10]
                else:
                    n = f"pool{rng.randrange(200)}"
                batch.append(
                    {
                        "external_key": f"{tag}-{n}",
                        "name": f"Customer {n}",
                        "email": f"{n}@{tag}.example",
                        "city": rng.choice(["Istanbul", "Izmir"]),
                    }
                )
            return batch

        def ours_json2(tag, size, rng):
            extra = {"idempotency_key": uuid.uuid4().hex} if idempotency else {}
            call("res.partner", "cxm_upsert", records=records(tag, size, rng), source="bench", **extra)

        def ours_rest(tag, size, rng):
            response = session().post(
                f"{url}/cxm/api/v1/customers/upsert",
                json={"records": records(tag, size, rng)},
                headers={"X-API-Key": rest_key, **({"Idempotency-Key": uuid.uuid4().hex} if idempotency else {})},
                timeout=120,
            )
            response.raise_for_status()
            # only per-row errors allowed: a key drawn twice from the pool in one batch
            body = response.json()
            assert all("twice" in r["errors"][0]["message"] for r in body["results"] if r["errors"]), response.text

        def stock(tag, size, rng):
            for record in records(tag, size, rng):
                vals = {
                    "ref": record["external_key"],
                    "name": record["name"],
                    "email": record["email"],
                    "city": record["city"],
                }
                found = call(
                    "res.partner", "search_read", domain=[["ref", "=", vals["ref"]]], fields=list(vals), limit=1
                )
                if not found:
                    call("res.partner", "create", vals_list=[vals])
                    continue
                changed = {name: value for name, value in vals.items() if found[0][name] != value}
                if changed:
                    call("res.partner", "write", ids=[found[0]["id"]], vals=changed)

        def json2_floor(tag, size, rng):
            call("res.partner", "search_read", domain=[["ref", "=", f"{tag}-none"]], fields=["name"], limit=1)

        def rest_floor(tag, size, rng):
            response = session().get(f"{url}/cxm/api/v1/instance", headers={"X-API-Key": rest_key}, timeout=120)
            response.raise_for_status()

        def warm(name, fn, size):
            # enough concurrent requests that every worker has served this case
            with ThreadPoolExecutor(max_workers=clients) as pool:
                list(pool.map(lambda i: fn(f"warm{name}{size}", size, random.Random(-1 - i)), range(2 * clients)))

        def run(name, size, first, count, stats):
            """``count`` requests of one case by ``clients`` threads; adds the
            elapsed time and the latencies to ``stats``."""

            def one(i):
                rng = random.Random(i)
                begin = time.perf_counter()
                ways[name](f"{name}{size}", size, rng)
                stats["latencies"].append(time.perf_counter() - begin)

            cpu = server_cpu(server.pid, db)
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=clients) as pool:
                list(pool.map(one, range(first, first + count)))
            stats["elapsed"] += time.perf_counter() - start
            stats["cpu"] += server_cpu(server.pid, db) - cpu

        print(
            f"{clients} clients, {total} requests per case in {rounds} rounds (the cases take turns, so a change "
            f"of load on the machine hits them alike), server with 4 workers; ours with "
            f"{'an idempotency key per request' if idempotency else 'no idempotency keys'}, "
            "REST rate limits counted (not reached)",
            flush=True,
        )
        ways = {
            "stock": stock,
            "json2": ours_json2,
            "rest": ours_rest,
            "json2_floor": json2_floor,
            "rest_floor": rest_floor,
        }
        for size in sizes:
            # the floors are per request: measured beside the one-record case
            floors = [f"{via}_floor" for via in vias] if size == 1 and "--no-floor" not in sys.argv else []
            names = ["stock", *vias, *floors]
            for name in names:
                warm(name, ways[name], size)
            stats = {name: {"elapsed": 0.0, "latencies": [], "cpu": 0.0} for name in names}
            per_round = -(-total // rounds)
            for first in range(0, total, per_round):
                for name in names:
                    run(name, size, first, min(per_round, total - first), stats[name])
            result = {}
            for name in names:
                latencies = sorted(stats[name]["latencies"])
                rps = len(latencies) / stats[name]["elapsed"]
                p95 = latencies[int(0.95 * len(latencies)) - 1]
                cpu_ms = 1000 * stats[name]["cpu"] / len(latencies)
                result[name] = rps, p95, cpu_ms
                print(
                    f"{name:11} {size:2} rec/req: {rps:7.1f} req/s  {rps * size:8.1f} rec/s  "
                    f"p50 {1000 * statistics.median(latencies):7.1f} ms  p95 {1000 * p95:7.1f} ms  "
                    f"max {1000 * latencies[-1]:7.1f} ms  server CPU {cpu_ms:6.1f} ms/req",
                    flush=True,
                )
            stock_rps, stock_p95, stock_cpu = result["stock"]
            load = os.getloadavg()[0]
            for via in vias:
                ours_rps, ours_p95, ours_cpu = result[via]
                floor_rps, floor_p95, floor_cpu = result.get(f"{via}_floor", (None, None, None))
                print(
                    f"   ratio {via} {size} rec/req: {ours_rps / stock_rps:5.1f}x requests/s (target >= 3x), "
                    f"p95 ours/stock {ours_p95 / stock_p95:4.2f}; server CPU per request "
                    f"{stock_cpu / ours_cpu:4.1f}x less than stock's",
                    flush=True,
                )
                if floor_rps:
                    print(
                        f"   ceiling {via}: the bare authenticated call is {floor_rps / stock_rps:5.1f}x stock "
                        f"(p95 {1000 * floor_p95:.0f} ms; server CPU {stock_cpu / floor_cpu:4.1f}x less); ours is "
                        f"{100 * ours_rps / floor_rps:3.0f}% of it (load average {load:.2f})",
                        flush=True,
                    )
                note = (
                    f"ours/stock; p95 {1000 * ours_p95:.0f} ms vs stock {1000 * stock_p95:.0f} ms; "
                    f"server CPU/request {ours_cpu:.1f} vs {stock_cpu:.1f} ms"
                )
                if floor_rps:
                    note += (
                        f"; ceiling (bare authenticated {via} call) {floor_rps / stock_rps:.1f}x stock, "
                        f"ours {100 * ours_rps / floor_rps:.0f}% of it; load {load:.2f}"
                    )
                benchlib.result(
                    f"continuous upsert {via}, {size} rec/req, {clients} clients",
                    "requests/s",
                    ours_rps,
                    stock=stock_rps,
                    raw=floor_rps,
                    ratio=ours_rps / stock_rps,
                    target=3,
                    note=note,
                )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
