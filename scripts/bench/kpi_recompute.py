"""Benchmark of issue 15: customer KPI and segment recomputation.

Generates --partners customers and --orders-per orders each (10 by default) in
SQL (two years of purchases, 5 % returns), then, in the same run:
  * ours, full: every built-in KPI (basket size, frequency, recency, monetary,
    lifetime, RFM scores and RFM score, tickets, complaints, resolution time)
    and an RFM segmentation (Champions, Loyal, New, At risk, Hibernating) for
    every customer: first run (every value new) and second run (nothing
    changed: rows written must be 0);
  * stock Odoo way: the naive per-customer ORM loop (search the customer's
    transactions and tickets, compute in Python, write each KPI value that
    changed) on a --slice of customers, as a rate extrapolated to all;
  * raw PostgreSQL: the bare SQL aggregates of the same KPIs (SELECT only,
    nothing written);
  * incremental: 1 % new orders, then the incremental run (only the customers
    whose data changed, scored against the quintile limits of the last full
    run), against the full run's time; then a full run keeping the same limits
    must write 0 rows.

Usage:  .venv/bin/python scripts/bench/kpi_recompute.py [--partners 30000] [--orders-per 10] [--slice 5000]
            [--db NAME] [--keep-db]
        --keep-db on a database of a previous run reuses its customers and orders
        the issue's size: --partners 300000 (3M orders)
"""

import os
import sys

ROOT = os.environ.get("CXM_BENCH_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _arg(name, default):
    argv = sys.argv if "env" not in globals() else os.environ.get("CXM_BENCH_ARGS", "").split()
    return type(default)(argv[argv.index(name) + 1]) if name in argv else default


def _result(*args, **kwargs):
    """The machine-readable result line of scripts/bench/all (from inside the Odoo shell)."""
    sys.path.insert(0, os.path.join(ROOT, "scripts", "bench"))
    import benchlib

    benchlib.result(*args, **kwargs)


def bootstrap():
    import benchlib

    benchlib.run_self_in_shell(__file__, "cxm_bench_kpi", "cxm_segmentation")


def generate(env, partners, orders_per):
    """Customers, orders and returns in SQL; returns the new customers' ids."""
    cr = env.cr
    company = env.company
    source = env["cxm.integration.instance"].create(
        {"name": "Bench POS", "code": "bench-pos", "kind": "data_source", "company_id": company.id}
    )
    cr.execute(
        """INSERT INTO res_partner (name, complete_name, active, is_company, type, lang, create_date, write_date)
           SELECT 'Customer ' || g, 'Customer ' || g, TRUE, FALSE, 'contact', 'en_US', now(), now()
             FROM generate_series(1, %s) g RETURNING id""",
        [partners],
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids])
    cr.execute(
        """INSERT INTO cxm_customer_transaction (partner_id, source_id, company_id, external_key, kind, date, amount,
                                                currency_id, create_date, write_date)
           SELECT %(first)s + (hashtext(g::text) & 2147483647) %% %(n)s, %(source)s, %(company)s, 'B' || g,
                  CASE WHEN g %% 20 = 0 THEN 'return' ELSE 'purchase' END,
                  current_date - ((hashtext('d' || g) & 2147483647) %% 730),
                  10 + ((hashtext('a' || g) & 2147483647) %% 200000) / 100.0, %(currency)s,
                  now() - interval '1 day', now() - interval '1 day'
             FROM generate_series(1, %(orders)s) g""",
        {
            "first": min(ids),
            "n": partners,
            "source": source.id,
            "company": company.id,
            "currency": company.currency_id.id,
            "orders": partners * orders_per,
        },
    )
    cr.execute("ANALYZE res_partner; ANALYZE cxm_customer_transaction")
    return ids, source


def vacuum(env, *tables):
    """VACUUM ANALYZE (outside the shell's transaction), as autovacuum does after a bulk load."""
    import psycopg2

    cnx = psycopg2.connect(dbname=env.cr.dbname)
    cnx.autocommit = True
    with cnx.cursor() as cr:
        for table in tables:
            cr.execute(f"VACUUM ANALYZE {table}")
    cnx.close()


def rfm_segmentation(env):
    return env["cxm.segmentation"].create(
        {
            "name": "Bench value",
            "segment_ids": [
                (0, 0, {"name": preset, "sequence": seq, "rule_type": "rfm", "rfm_preset": preset})
                for seq, preset in enumerate(["champions", "loyal", "new", "at_risk", "hibernating"])
            ],
        }
    )


def naive_loop(env, partner_ids):
    """The stock way: per customer, read its transactions and tickets through the ORM, compute in
    Python, and write each KPI value that changed (create when missing)."""
    import datetime

    from odoo import fields

    today = fields.Date.today()
    Transaction = env["cxm.customer.transaction"]
    Ticket = env["helpdesk.ticket"]
    Value = env["cxm.kpi.value"]
    kpis = env["cxm.kpi"].search(
        [
            (
                "kind",
                "in",
                [
                    "basket_size",
                    "frequency",
                    "recency",
                    "monetary",
                    "lifetime",
                    "ticket_count",
                    "complaint_count",
                    "resolution_hours",
                ],
            )
        ]
    )
    for partner in env["res.partner"].browse(partner_ids):
        txs = Transaction.search([("partner_id", "=", partner.id), ("kind", "in", ["purchase", "order", "return"])])
        tickets = Ticket.search([("partner_id", "=", partner.id)])
        existing = {v.kpi_id.id: v for v in Value.search([("partner_id", "=", partner.id)])}
        for kpi in kpis:
            since = today - datetime.timedelta(days=kpi.window_days) if kpi.window_days else datetime.date(1, 1, 1)
            window = txs.filtered(lambda t, since=since: since <= t.date <= today)
            orders = window.filtered(lambda t: t.kind != "return")
            net = sum(t.amount if t.kind != "return" else -abs(t.amount) for t in window)
            value = None
            if kpi.kind == "basket_size" and orders:
                value = net / len(orders)
            elif kpi.kind == "frequency" and orders:
                value = len(orders)
            elif kpi.kind == "monetary" and window:
                value = net
            elif kpi.kind == "recency" and orders:
                value = (today - max(orders.mapped("date"))).days
            elif kpi.kind == "lifetime" and orders:
                value = (today - min(orders.mapped("date"))).days
            elif kpi.kind in ("ticket_count", "complaint_count") and tickets:
                value = len(tickets) or None
            row = existing.get(kpi.id)
            if value is None:
                if row and not row.imported:
                    row.unlink()
            elif not row:
                Value.create({"kpi_id": kpi.id, "partner_id": partner.id, "value": round(value, 4)})
            elif not row.imported and row.value != round(value, 4):
                row.write({"value": round(value, 4), "computed_at": fields.Datetime.now()})
    env.flush_all()


class Profile:
    """--profile: wall time of each SQL statement of our runs, by its first words."""

    def __init__(self, enabled):
        self.enabled, self.times, self.patched = enabled, {}, None

    def __enter__(self):
        if not self.enabled:
            return self
        import re
        import time

        from odoo.sql_db import Cursor

        original, times = Cursor.execute, self.times

        def execute(cursor, query, params=None, log_exceptions=True):
            start = time.perf_counter()
            try:
                return original(cursor, query, params, log_exceptions)
            finally:
                text = re.sub(r"\s+", " ", str(getattr(query, "code", query))).strip()
                label = text[:90]
                for marker in (
                    "INSERT INTO cxm_segment_history",
                    "percentile_cont",
                    "round(p.value::numeric",
                    "ANALYZE",
                ):
                    if marker in text:
                        label = (
                            marker
                            + " ... "
                            + (text[text.index("FROM") : text.index("FROM") + 60] if "FROM" in text else "")
                        )
                        break
                count, total = times.get(label, (0, 0.0))
                times[label] = (count + 1, total + time.perf_counter() - start)

        self.patched = (Cursor, original)
        Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        if self.patched:
            self.patched[0].execute = self.patched[1]

    def report(self, title):
        if not self.enabled:
            return
        print(f"  profile of {title}: {sum(c for c, _t in self.times.values())} statements")
        for label, (count, total) in sorted(self.times.items(), key=lambda item: -item[1][1])[:12]:
            print(f"    {total:7.3f} s {count:5d}x  {label}")
        self.times.clear()


def run(env):
    import time

    from odoo.tools import SQL

    partners, orders_per, slice_n = _arg("--partners", 30000), _arg("--orders-per", 10), _arg("--slice", 5000)
    cr = env.cr
    source = env["cxm.integration.instance"].search([("code", "=", "bench-pos")])
    if source and "--keep-db" in os.environ.get("CXM_BENCH_ARGS", ""):
        # the data of a previous run, back to before its first recomputation
        cr.execute(
            """DELETE FROM cxm_customer_transaction WHERE external_key LIKE 'N%%';
               TRUNCATE cxm_kpi_value, cxm_kpi_run, cxm_segment_member, cxm_segment_history;
               UPDATE cxm_kpi SET rfm_thresholds = NULL;
               ANALYZE cxm_customer_transaction"""
        )
        cr.commit()
        vacuum(env, "cxm_customer_transaction", "res_partner")
        cr.execute("SELECT id FROM res_partner WHERE name LIKE 'Customer %%' ORDER BY id")
        ids = [row[0] for row in cr.fetchall()]
        partners = len(ids)
        cr.commit()
        env.invalidate_all()
        print(f"reusing {partners} customers and their orders", flush=True)
    else:
        print(f"generating {partners} customers and {partners * orders_per} orders in SQL...", flush=True)
        start = time.perf_counter()
        ids, source = generate(env, partners, orders_per)
        rfm_segmentation(env)
        cr.commit()
        vacuum(env, "cxm_customer_transaction", "res_partner")
        print(f"generated in {time.perf_counter() - start:.1f} s", flush=True)
    Run = env["cxm.kpi.run"]
    engine = env["cxm.kpi.engine"]
    kpis = Run._cxm_kpis()

    profile = Profile("--profile" in os.environ.get("CXM_BENCH_ARGS", ""))
    start = time.perf_counter()
    with profile:
        first = Run._cxm_run_full()
        cr.commit()
    full1_s = time.perf_counter() - start
    profile.report("the first full run")
    print(f"ours, full (first)  : {full1_s:8.2f} s  {first.rows_changed} rows written (all new), segments included")
    start = time.perf_counter()
    with profile:
        second = Run._cxm_run_full()
        cr.commit()
    full_s = time.perf_counter() - start
    profile.report("the steady full run")
    print(f"ours, full (again)  : {full_s:8.2f} s  {second.rows_changed} rows written (nothing changed: target 0)")
    seg_start = time.perf_counter()
    env["cxm.segmentation"]._cxm_recompute_all()
    cr.commit()
    print(f"  of which segments : {time.perf_counter() - seg_start:8.2f} s (moves: 0 expected)")

    # raw PostgreSQL: the same aggregates, SELECT only, nothing compared or written: one pass per
    # source computing all its KPIs (what we run), and one aggregate per KPI (for reference)
    from collections import defaultdict

    passes = defaultdict(lambda: env["cxm.kpi"])
    for kpi in kpis.filtered(lambda k: k._cxm_phase() == 1):
        passes[engine._cxm_pass_key(kpi)] |= kpi
    work_mem = engine._cxm_work_mem()  # the same PostgreSQL settings as ours
    work_mem.__enter__()
    start = time.perf_counter()
    for key, group in passes.items():
        cr.execute(SQL("SELECT count(*) FROM (%s) p WHERE p.value IS NOT NULL", engine._cxm_pass_sql(key, group, None)))
        cr.fetchone()
    bare_s = time.perf_counter() - start
    start = time.perf_counter()
    for kpi in kpis.filtered(lambda k: k._cxm_phase() == 1):
        cr.execute(SQL("SELECT count(*) FROM (%s) agg", engine._cxm_aggregate_sql(kpi, None)))
        cr.fetchone()
    bare_each_s = time.perf_counter() - start
    work_mem.__exit__(None, None, None)
    print(f"raw SQL aggregates  : {bare_s:8.2f} s  (one pass per source for all its KPIs, SELECT only)")
    print(f"                      {bare_each_s:8.2f} s  (one aggregate per KPI, SELECT only, for reference)")

    slice_ids = ids[:slice_n]
    cr.execute("DELETE FROM cxm_kpi_value WHERE partner_id = ANY(%s)", [slice_ids])  # the loop starts from scratch
    env.invalidate_all()
    start = time.perf_counter()
    naive_loop(env, slice_ids)
    naive_s = time.perf_counter() - start
    cr.rollback()
    env.invalidate_all()
    naive_rate = slice_n / naive_s
    ours_rate = partners / full1_s
    print(
        f"naive ORM loop      : {naive_s:8.2f} s for {slice_n} customers, {naive_rate:8.0f} customers/s "
        f"(all {partners}: ~{partners / naive_rate:.0f} s, and no RFM, no segments)"
    )
    steady_rate = partners / full_s
    print(f"ours                : {ours_rate:8.0f} customers/s (first full run), {steady_rate:.0f}/s (again)")
    print(
        f"ratio ours / naive  : {ours_rate / naive_rate:8.1f}x faster on the first run, "
        f"{steady_rate / naive_rate:.1f}x again (target >= 200x)"
    )
    print(f"ratio full / bare   : {full_s / bare_s:8.2f}x the bare aggregates (steady state; target <= 2x)")
    print(f"                      {full1_s / bare_s:8.2f}x on the first run (every value inserted)")

    new_orders = max(partners * orders_per // 100, 1)
    cr.execute(
        """INSERT INTO cxm_customer_transaction (partner_id, source_id, company_id, external_key, kind, date, amount,
                                                currency_id, create_date, write_date)
           SELECT %(first)s + (hashtext('n' || g) & 2147483647) %% %(n)s, %(source)s, %(company)s, 'N' || g, 'purchase',
                  current_date, 50, %(currency)s, now(), now()
             FROM generate_series(1, %(orders)s) g""",
        {
            "first": min(ids),
            "n": partners,
            "source": source.id,
            "company": env.company.id,
            "currency": env.company.currency_id.id,
            "orders": new_orders,
        },
    )
    cr.execute("UPDATE cxm_kpi_run SET started_at = started_at - interval '1 hour'")
    cr.commit()
    start = time.perf_counter()
    with profile:
        inc = Run._cxm_run_incremental()
        cr.commit()
    inc_s = time.perf_counter() - start
    profile.report("the incremental run")
    print(
        f"incremental (1 %)   : {inc_s:8.2f} s  {new_orders} new orders, {inc.partner_count} customers, "
        f"{inc.rows_changed} rows written; {100 * inc_s / full_s:.1f} % of the full run again, "
        f"{100 * inc_s / full1_s:.1f} % of the first (target < 5 %)"
    )
    start = time.perf_counter()
    same_limits = sum(engine._cxm_compute(kpis, None).values())  # every customer, the limits kept
    cr.commit()
    print(
        f"full, same limits   : {time.perf_counter() - start:8.2f} s  {same_limits} rows written "
        "(0: the incremental run left exactly what a full run computes with the same quintile limits)"
    )
    start = time.perf_counter()
    check = Run._cxm_run_full()
    cr.commit()
    print(
        f"nightly run after it: {time.perf_counter() - start:8.2f} s  {check.rows_changed} rows written "
        "(new quintile limits: only RFM scores and segments move)"
    )
    _result(
        f"KPI recompute {partners} customers: full run vs naive ORM loop",
        "customers/s",
        ours_rate,
        stock=naive_rate,
        ratio=ours_rate / naive_rate,
        target=200,
        note="ours/stock (first full run)",
    )
    _result(
        f"KPI recompute {partners} customers: steady full run vs naive ORM loop",
        "customers/s",
        steady_rate,
        stock=naive_rate,
        ratio=steady_rate / naive_rate,
        target=200,
        note="ours/stock (full run again, values unchanged)",
    )
    _result(
        f"KPI recompute {partners} customers: full run again vs bare aggregates",
        "s",
        full_s,
        raw=bare_s,
        ratio=full_s / bare_s,
        target=2,
        op="<=",
        note="ours/raw",
    )
    _result(
        "KPI recompute: incremental (1 % new orders) vs full run",
        "s",
        inc_s,
        ratio=inc_s / full_s,
        target=0.05,
        op="<=",
        note="incremental/full",
    )


if "env" in globals():
    run(env)  # noqa: F821
else:
    bootstrap()
