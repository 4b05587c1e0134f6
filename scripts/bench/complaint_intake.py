#!/usr/bin/env python3
"""Complaint intake over REST (cxm_social) vs stock ``helpdesk.ticket.create`` one by one over JSON-2,
and raw PostgreSQL, in the same run.

    .venv/bin/python scripts/bench/complaint_intake.py [--tickets 1000] [--clients 50] [--keep-db] [--db NAME]

1. Creates ``cxm_bench_social`` with cxm_social (no demo): a social instance with an API key (scope
   social), a JSON-2 API key of the administrator.
2. An Odoo server with 2 HTTP workers (and queue_job's runner).
3. The server's ceiling at that concurrency: ``GET /web/health`` (no database, no work), as fast as the
   clients can: no one-ticket-per-request path can go faster.
4. Ours, single: ``--clients`` threads post one complaint per request (``POST /cxm/api/v1/social/posts``,
   each from a new author) as fast as they can. Prints the answer time (p50 / p99) and tickets per second
   from the first request to the last ticket created by the intake job (customer created, ticket routed,
   chatter message).
5. Ours, batch: the same number of complaints, 100 per request (``POST /cxm/api/v1/social/posts/batch``).
6. Stock: ``--clients`` threads call ``POST /json/2/helpdesk.ticket/create`` with one ticket each (name,
   description, partner name and e-mail, channel), as an integrator would without the suite.
7. Raw PostgreSQL: the same number of ticket rows copied by one ``INSERT ... SELECT`` (no partner, no
   message, no ORM): the floor.
Prints tickets per second and the ratios (target: ours at least 5x stock; p99 under 250 ms).
"""

import argparse
import statistics
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import benchlib
import requests

DB = benchlib.db_name("cxm_bench_social")

SETUP = """
instance = env["cxm.integration.instance"].search([("code", "=", "bench-social")])
if not instance:
    team = env["helpdesk.ticket.team"].create({"name": "Bench social"})
    instance = env["cxm.integration.instance"].create({
        "name": "Bench tracking", "code": "bench-social", "kind": "social", "provider": "generic",
        "state": "active", "cxm_team_id": team.id, "rate_limit": 0, "base_url": "http://127.0.0.1:9",
    })
env["ir.config_parameter"].set_param("cxm_integration.ip_rate_limit", 0)
admin = env.ref("base.user_admin")
print("REST=" + env["cxm.integration.api.key"]._generate(instance, "bench", "social")[1])
print("JSON2=" + env["res.users.apikeys"].with_user(admin).sudo()._generate(None, "bench", None))
print("CHANNEL=%d" % instance._cxm_channel_channel().id)
env.cr.commit()
"""

RUN = uuid.uuid4().hex[:6]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def post(tag, i):
    return {
        "event_id": f"{tag}-{RUN}-{i}",
        "type": "complaint",
        "platform": "twitter",
        "url": f"https://twitter.com/u{tag}{i}/status/{i}",
        "text": f"Siparişim {i} hâlâ gelmedi, kimse yanıt vermiyor!",
        "author": {"handle": f"{tag}{RUN}u{i}", "name": f"Müşteri {i}"},
    }


def fire(n, clients, call):
    """Call ``call(i)`` for i in range(n) from ``clients`` threads; return (latencies ms, statuses, t0)."""
    lock = threading.Lock()
    todo = list(range(n))
    latencies, statuses, resent = [], [], []
    local = threading.local()

    def worker():
        local.session = requests.Session()
        while True:
            with lock:
                if not todo:
                    return
                i = todo.pop()
            started = time.perf_counter()
            for _attempt in range(5):  # like a platform, deliver again when the connection failed
                try:
                    status = call(local.session, i)
                    break
                except requests.ConnectionError:
                    status = 0
                    with lock:
                        resent.append(i)
                    local.session = requests.Session()
                    time.sleep(0.5)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses.append(status)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(worker) for _ in range(clients)]:
            future.result()
    if resent:
        print(f"  {len(resent)} requests hit a connection error and were sent again", flush=True)
    return latencies, statuses, t0


def tickets(db):
    with benchlib.connect(db) as cr:
        cr.execute("SELECT count(*) FROM helpdesk_ticket")
        return cr.fetchone()[0]


def accepted(statuses, what):
    """How many requests the server accepted (2xx); the others are named, never waited for."""
    ok = sum(1 for status in statuses if 200 <= status < 300)
    if ok < len(statuses):
        refused = sorted({status for status in statuses if not 200 <= status < 300})
        print(f"  {what}: {len(statuses) - ok} of {len(statuses)} requests not accepted (statuses {refused})")
    return ok


def wait_tickets(db, expected, timeout=600):
    """The time the ``expected``-th ticket exists; on timeout, say where the accepted messages are."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if tickets(db) >= expected:
            return time.perf_counter()
        time.sleep(0.2)
    with benchlib.connect(db) as cr:
        cr.execute("SELECT state, count(*) FROM cxm_channel_message WHERE direction = 'in' GROUP BY state")
        messages = dict(cr.fetchall())
        cr.execute("SELECT state, count(*) FROM queue_job GROUP BY state")
        jobs = dict(cr.fetchall())
    raise SystemExit(
        f"only {tickets(db)} of {expected} tickets were created; inbound channel messages by state {messages}, "
        f"queue jobs by state {jobs}"
    )


def raw_insert(db, n):
    """Copy one ticket row ``n`` times in one statement: the PostgreSQL floor."""
    with benchlib.connect(db) as cr:
        cr.execute(
            """SELECT column_name FROM information_schema.columns
                WHERE table_name = 'helpdesk_ticket' AND column_name NOT IN ('id', 'name', 'number')"""
        )
        columns = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT max(id) FROM helpdesk_ticket")
        template = cr.fetchone()[0]
        quoted = ", ".join(f'"{c}"' for c in columns)
        started = time.perf_counter()
        cr.execute(
            f"""INSERT INTO helpdesk_ticket (name, number, {quoted})
                SELECT 'Raw ' || g, 'RAW-' || %s || '-' || g, {quoted}
                  FROM helpdesk_ticket t, generate_series(1, %s) g WHERE t.id = %s""",  # noqa: S608 (column names)
            [RUN, n, template],
        )
        cr.connection.commit()
        return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--db", default=DB, help="database name (default %(default)s)")
    args = parser.parse_args()
    db = args.db
    if not args.keep_db:
        benchlib.drop_db(db)
    if not benchlib.db_exists(db):
        print(f"creating {db} (cxm_social, no demo)...", flush=True)
        benchlib.install(db, "cxm_social")
    out = benchlib.odoo_shell(db, SETUP)
    values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line and line.split("=")[0].isupper())
    rest_key, json2_key, channel = values["REST"], values["JSON2"], int(values["CHANNEL"])
    n = args.tickets
    results = {}
    with benchlib.serve(db, workers=2) as url:
        api = f"{url}/cxm/api/v1/social"
        rest_headers = {"X-API-Key": rest_key}

        def single(session, i, tag="s"):
            return session.post(f"{api}/posts", json=post(tag, i), headers=rest_headers, timeout=120).status_code

        # warm-up: every worker has loaded the app
        base = tickets(db)
        fire(20, 4, lambda s, i: single(s, i, "w"))
        wait_tickets(db, base + 20)

        # the server's own ceiling at this concurrency: a request that does nothing (no database)
        latencies_f, _statuses, t0 = fire(
            n, args.clients, lambda s, i: s.get(f"{url}/web/health", timeout=120).status_code
        )
        results["floor"] = n / (time.perf_counter() - t0)
        print(
            f"server ceiling, GET /web/health (no database, no work) from {args.clients} clients: "
            f"{results['floor']:.0f} requests/s, p50 {statistics.median(latencies_f):.0f} ms, "
            f"p99 {pct(latencies_f, 99):.0f} ms",
            flush=True,
        )

        base = tickets(db)
        latencies, statuses, t0 = fire(n, args.clients, single)
        t_acked = time.perf_counter()
        during = tickets(db) - base
        done = accepted(statuses, "ours, single")
        t_done = wait_tickets(db, base + done)
        results["single"] = done / (t_done - t0)
        print(f"ours, one complaint per request: {n} from {args.clients} clients, statuses {sorted(set(statuses))}")
        print(
            f"  answer: p50 {statistics.median(latencies):.0f} ms, p99 {pct(latencies, 99):.0f} ms, "
            f"{n / (t_acked - t0):.0f} requests/s ({t_acked - t0:.1f} s); tickets made meanwhile: {during}"
        )
        print(f"  request to ticket: {results['single']:.1f} tickets/s ({t_done - t0:.1f} s)", flush=True)

        base = tickets(db)
        size = 100
        batches = (n + size - 1) // size

        def batch(session, b):
            posts = [post("b", b * size + i) for i in range(min(size, n - b * size))]
            return session.post(
                f"{api}/posts/batch", json={"posts": posts}, headers=rest_headers, timeout=300
            ).status_code

        latencies_b, statuses_b, t0 = fire(batches, min(args.clients, batches), batch)
        done = n - size * (batches - accepted(statuses_b, "ours, batch"))
        t_done = wait_tickets(db, base + done)
        results["batch"] = done / (t_done - t0)
        print(
            f"ours, {size} complaints per request: statuses {sorted(set(statuses_b))}, answer p50 "
            f"{statistics.median(latencies_b):.0f} ms; request to ticket: {results['batch']:.1f} tickets/s "
            f"({t_done - t0:.1f} s)",
            flush=True,
        )

        json2_headers = {"Authorization": f"bearer {json2_key}", "X-Odoo-Database": db}

        def stock(session, i):
            vals = {
                "name": f"Siparişim {i} hâlâ gelmedi",
                "description": f"<p>Siparişim {i} hâlâ gelmedi, kimse yanıt vermiyor!</p>",
                "partner_name": f"Müşteri {i}",
                "partner_email": f"st{RUN}u{i}@example.com",
                "channel_id": channel,
            }
            return session.post(
                f"{url}/json/2/helpdesk.ticket/create", json={"vals_list": [vals]}, headers=json2_headers, timeout=120
            ).status_code

        base = tickets(db)
        latencies_s, statuses_s, t0 = fire(n, args.clients, stock)
        t_done = time.perf_counter()
        created = tickets(db) - base
        results["stock"] = created / (t_done - t0)
        print(
            f"stock helpdesk.ticket.create over JSON-2, one per request: {created} tickets, statuses "
            f"{sorted(set(statuses_s))}, p50 {statistics.median(latencies_s):.0f} ms, p99 "
            f"{pct(latencies_s, 99):.0f} ms: {results['stock']:.1f} tickets/s",
            flush=True,
        )
    seconds = raw_insert(db, n)
    results["raw"] = n / seconds
    print(f"raw PostgreSQL INSERT ... SELECT of {n} ticket rows: {results['raw']:.0f} rows/s")
    print(
        f"ratio ours/stock: single {results['single'] / results['stock']:.1f}x, batch "
        f"{results['batch'] / results['stock']:.1f}x (target >= 5x); raw/ours batch "
        f"{results['raw'] / results['batch']:.0f}x"
    )
    print(
        f"one ticket per request cannot beat the server's ceiling: {results['floor']:.0f} empty requests/s = "
        f"{results['floor'] / results['stock']:.1f}x stock at {args.clients} clients"
    )
    for kind in ("single", "batch"):
        benchlib.result(
            f"complaint intake over REST, {kind}",
            "tickets/s",
            results[kind],
            stock=results["stock"],
            raw=results["raw"],
            ratio=results[kind] / results["stock"],
            target=5,
        )


if __name__ == "__main__":
    main()
