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
Every client thread keeps its own HTTP connection; before each case every
worker has served requests of that case (registry and apps loaded), so no
side pays the start-up; the cases take turns in rounds, so that other load on
the machine hits them alike. Prints requests/s and p50/p95 latency of each,
and the ratio.

Usage: .venv/bin/python scripts/bench/customer_continuous_upsert.py [--requests 400] [--clients 16]
           [--via json2,rest] [--sizes 1,20] [--rounds 4] [--db NAME] [--no-idempotency]
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

            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=clients) as pool:
                list(pool.map(one, range(first, first + count)))
            stats["elapsed"] += time.perf_counter() - start

        print(
            f"{clients} clients, {total} requests per case in {rounds} rounds (the cases take turns, so a change "
            f"of load on the machine hits them alike), server with 4 workers; ours with "
            f"{'an idempotency key per request' if idempotency else 'no idempotency keys'}, "
            "REST rate limits counted (not reached)",
            flush=True,
        )
        ways = {"stock": stock, "json2": ours_json2, "rest": ours_rest}
        for size in sizes:
            names = ["stock", *vias]
            for name in names:
                warm(name, ways[name], size)
            stats = {name: {"elapsed": 0.0, "latencies": []} for name in names}
            per_round = -(-total // rounds)
            for first in range(0, total, per_round):
                for name in names:
                    run(name, size, first, min(per_round, total - first), stats[name])
            result = {}
            for name in names:
                latencies = sorted(stats[name]["latencies"])
                rps = len(latencies) / stats[name]["elapsed"]
                p95 = latencies[int(0.95 * len(latencies)) - 1]
                result[name] = rps, p95
                print(
                    f"{name:5} {size:2} rec/req: {rps:7.1f} req/s  {rps * size:8.1f} rec/s  "
                    f"p50 {1000 * statistics.median(latencies):7.1f} ms  p95 {1000 * p95:7.1f} ms  "
                    f"max {1000 * latencies[-1]:7.1f} ms",
                    flush=True,
                )
            stock_rps, stock_p95 = result["stock"]
            for via in vias:
                ours_rps, ours_p95 = result[via]
                print(
                    f"   ratio {via} {size} rec/req: {ours_rps / stock_rps:5.1f}x requests/s (target >= 3x), "
                    f"p95 ours/stock {ours_p95 / stock_p95:4.2f}",
                    flush=True,
                )
                benchlib.result(
                    f"continuous upsert {via}, {size} rec/req, {clients} clients",
                    "requests/s",
                    ours_rps,
                    stock=stock_rps,
                    ratio=ours_rps / stock_rps,
                    target=3,
                    note=f"ours/stock; p95 {1000 * ours_p95:.0f} ms vs stock {1000 * stock_p95:.0f} ms",
                )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
