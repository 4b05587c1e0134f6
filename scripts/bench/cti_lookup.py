#!/usr/bin/env python3
"""Screen-pop look-up at 1M partners: ours vs stock Odoo vs raw PostgreSQL.

    .venv/bin/python scripts/bench/cti_lookup.py [--partners 1000000] [--keep]

1. Creates the database ``cxm_bench_cti`` with cxm_cti installed (no demo).
2. Generates N partners in SQL with mixed phone formats (+90 53x xxx xx xx,
   053xxxxxxxx, (053x) xxx xx xx, +9053xxxxxxxx) and builds their identity
   keys with cxm_partner_identity's own backfill (``_cxm_rebuild_all``).
3. In one Odoo shell, times on the same random callers (caller ids in mixed
   formats, 10 % unknown numbers):
   - ours: ``cxm.cti.call._cti_find_partners(caller)`` (normalise + indexed
     identity look-up, access rules applied),
   - stock: ``res.partner.search([("phone", "ilike", caller)])``,
   - raw SQL: ``SELECT partner_id FROM cxm_partner_identity WHERE
     key_type = 'phone' AND value = %s`` with the E.164 number.
   and prints p50/p95 in ms, ratios and misses (a known caller not found).
"""

import argparse

import benchlib

DB = benchlib.db_name("cxm_bench_cti")

GENERATE = """
INSERT INTO res_partner (name, complete_name, phone, active, type, is_company, create_date, write_date)
SELECT 'Bench Customer ' || i, 'Bench Customer ' || i,
       CASE i %% 4
         WHEN 0 THEN '+90 53' || substr(n, 1, 1) || ' ' || substr(n, 2, 3) || ' '
                     || substr(n, 5, 2) || ' ' || substr(n, 7, 2)
         WHEN 1 THEN '053' || n
         WHEN 2 THEN '(053' || substr(n, 1, 1) || ') ' || substr(n, 2, 3) || ' '
                     || substr(n, 5, 2) || ' ' || substr(n, 7, 2)
         ELSE '+9053' || n
       END,
       true, 'contact', false, now(), now()
FROM (SELECT i, lpad(i::text, 8, '0') AS n FROM generate_series(1, %(n)s) AS i) AS g;
UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL;
"""

MEASURE = r"""
import random, statistics, time
from odoo.tools import SQL
env.company.cxm_phone_region_id = env.ref("base.tr")
N, SAMPLES, STOCK_SAMPLES = {n}, {samples}, {stock_samples}
rng = random.Random(42)
def caller(i):
    n = "%08d" % i
    return rng.choice(["0 53%s %s %s %s" % (n[0], n[1:4], n[4:6], n[6:8]), "+9053" + n, "053" + n, "9053" + n])
callers = []
for _ in range(SAMPLES):
    known = rng.random() < 0.9
    i = rng.randint(1, N) if known else rng.randint(N + 1, 99999999)
    callers.append((caller(i), i if known else None))
Call = env["cxm.cti.call"]
Partner = env["res.partner"]
def ms(f, items):
    times, misses = [], 0
    for item in items:
        t = time.perf_counter(); found = f(item[0]); times.append((time.perf_counter() - t) * 1000)
        if item[1] and not found:
            misses += 1
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], misses
def raw(number):
    e164 = env.company._cxm_normalize_phone(number)
    env.cr.execute(SQL("SELECT partner_id FROM cxm_partner_identity WHERE key_type = 'phone' AND value = %s", e164))
    return env.cr.fetchall()
for c in callers[:20]:
    Call._cti_find_partners(c[0]); raw(c[0])  # warm caches
ours = ms(lambda c: Call._cti_find_partners(c).ids, callers)
rawr = ms(raw, callers)
stock = ms(lambda c: Partner.search([("phone", "ilike", c)]).ids, callers[:STOCK_SAMPLES])
print("RESULT partners=%d samples=%d stock_samples=%d" % (N, SAMPLES, STOCK_SAMPLES))
rows = (("ours", ours, SAMPLES), ("stock", stock, STOCK_SAMPLES), ("raw_sql", rawr, SAMPLES))
for name, (p50, p95, miss), total in rows:
    print("RESULT %-8s p50=%8.2f ms  p95=%8.2f ms  misses=%d/%d" % (name, p50, p95, miss, int(total * 0.9)))
print("RESULT ratio stock/ours p50=%.0fx p95=%.0fx; ours/raw_sql p50=%.1fx p95=%.1fx" % (
    stock[0] / ours[0], stock[1] / ours[1], ours[0] / rawr[0], ours[1] / rawr[1]))
env.cr.rollback()
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--stock-samples", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse an existing benchmark database")
    args = parser.parse_args()
    if not args.reuse:
        benchlib.drop_db(DB)
        benchlib.install(DB, "cxm_cti")
        with benchlib.connect(DB) as cr:
            cr.execute(GENERATE % {"n": args.partners})
        benchlib.odoo_shell(
            DB,
            'env.company.cxm_phone_region_id = env.ref("base.tr")\n'
            'print(env["cxm.partner.identity"]._cxm_rebuild_all())\n'
            "env.cr.execute('ANALYZE cxm_partner_identity'); env.cr.execute('ANALYZE res_partner')\n"
            "env.cr.commit()\n",
        )
    out = benchlib.odoo_shell(
        DB, MEASURE.format(n=args.partners, samples=args.samples, stock_samples=args.stock_samples)
    )
    print("\n".join(line[7:] for line in out.splitlines() if line.startswith("RESULT ")))
    p95 = {
        line.split()[1]: float(line.split("p95=")[1].split()[0])
        for line in out.splitlines()
        if line.startswith("RESULT ") and "p95=" in line and "ratio" not in line
    }
    benchlib.result(
        f"CTI screen-pop look-up at {args.partners} partners (p95)",
        "ms",
        p95["ours"],
        stock=p95["stock"],
        raw=p95["raw_sql"],
        ratio=p95["stock"] / p95["ours"],
        note="stock/ours",
    )
    if not args.keep:
        benchlib.drop_db(DB)


if __name__ == "__main__":
    main()
