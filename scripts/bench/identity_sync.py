"""Identity-key sync overhead of cxm_partner_identity (issue 20).

Every partner created or changed gets normalised identity keys (E.164 phone,
e-mail, national id, VAT). The keys are synchronised set-based once per
transaction (before the commit, or before anything reads the keys), not inside
each create/write. This benchmark creates partners with a phone and an e-mail
and commits, in two databases made for the run:
  * stock: the suite's lower modules without cxm_partner_identity (cxm_integration);
  * ours:  cxm_partner_identity installed;
and, in ours, the previous behaviour (a sync inside every create) for comparison.
One by one (N creates in one transaction, as crm's mass conversion does) and as
one batch create. Prints queries and time per partner
and the ratios to stock (target: one by one at most +5% queries and +10% time).

Usage:  .venv/bin/python scripts/bench/identity_sync.py [--partners 2000] [--rounds 3] [--keep-db]
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def _arg(argv, name, default):
    return type(default)(argv[argv.index(name) + 1]) if name in argv else default


MEASURE = r"""
import json, os, time
import odoo
argv = os.environ["CXM_BENCH_ARGS"].split()
n = int(argv[argv.index("--partners") + 1]); rounds = int(argv[argv.index("--rounds") + 1])
mode = os.environ["CXM_BENCH_MODE"]
Partner = env["res.partner"]
Identity = env["cxm.partner.identity"] if "cxm.partner.identity" in env else None
results = {}
for kind in ("one_by_one", "batch"):
    best = None
    for r in range(rounds):
        tag = f"{kind}-{r}-{time.time_ns()}"
        vals = [{"name": f"Bench {tag} {i}", "phone": f"+90532{i % 10}{r}{i:05d}", "email": f"b{i}.{tag}@example.com"}
                for i in range(n)]
        env.invalidate_all()
        q0, t0 = odoo.sql_db.sql_counter, time.perf_counter()
        if kind == "batch":
            partners = Partner.create(vals)
            if mode == "immediate":
                Identity._cxm_sync_partners(partners.ids)
        else:
            for v in vals:
                partner = Partner.create(v)
                if mode == "immediate":
                    Identity._cxm_sync_partners(partner.ids)
        env.cr.commit()  # the deferred sync runs here (precommit)
        elapsed, queries = time.perf_counter() - t0, odoo.sql_db.sql_counter - q0
        if best is None or elapsed < best[0]:
            best = (elapsed, queries)
    results[kind] = {"ms_per_partner": best[0] * 1000 / n, "queries_per_partner": best[1] / n}
if Identity is not None:
    env.cr.execute(
        "SELECT count(*) FROM cxm_partner_identity i JOIN res_partner p ON p.id = i.partner_id"
        " WHERE p.name LIKE 'Bench %%'"
    )
    results["keys"] = env.cr.fetchone()[0]
print("CXM-RESULT=" + json.dumps(results))
"""


def main():
    import benchlib

    argv = sys.argv[1:]
    n, rounds = _arg(argv, "--partners", 2000), _arg(argv, "--rounds", 3)
    dbs = {
        "stock": (benchlib.db_name("cxm_bench_identity_stock"), "cxm_integration"),
        "ours": (benchlib.db_name("cxm_bench_identity"), "cxm_partner_identity"),
    }
    for db, modules in dbs.values():
        if "--keep-db" not in argv or not benchlib.db_exists(db):
            benchlib.drop_db(db)
            print(f"creating database {db} ({modules}, no demo)...", flush=True)
            benchlib.install(db, modules)
    results = {}
    for label, db, mode in (
        ("stock", dbs["stock"][0], "deferred"),
        ("ours", dbs["ours"][0], "deferred"),
        ("ours, sync in every create (before)", dbs["ours"][0], "immediate"),
    ):
        env = dict(os.environ, CXM_BENCH_ARGS=f"--partners {n} --rounds {rounds}", CXM_BENCH_MODE=mode)
        out = benchlib.odoo_shell(db, MEASURE, env=env)
        results[label] = json.loads(next(line[11:] for line in out.splitlines() if line.startswith("CXM-RESULT=")))
    stock = results["stock"]
    print(f"\n{n} partners with a phone and an e-mail, best of {rounds}, committed (the deferred sync included)")
    print(f"{'':40} {'one by one':>28} {'one batch':>28}")
    print(f"{'':40} {'ms/partner  queries/partner':>28} {'ms/partner  queries/partner':>28}")
    for label, res in results.items():
        cells = []
        for kind in ("one_by_one", "batch"):
            r, s = res[kind], stock[kind]
            cells.append(
                f"{r['ms_per_partner']:6.2f} ({r['ms_per_partner'] / s['ms_per_partner']:4.2f}x) "
                f"{r['queries_per_partner']:6.2f} ({r['queries_per_partner'] / s['queries_per_partner']:4.2f}x)"
            )
        print(f"{label:40} {cells[0]:>28} {cells[1]:>28}")
    ours = results["ours"]["one_by_one"]
    q_over = ours["queries_per_partner"] / stock["one_by_one"]["queries_per_partner"] - 1
    t_over = ours["ms_per_partner"] / stock["one_by_one"]["ms_per_partner"] - 1
    print(f"\none by one, ours vs stock: {q_over:+.1%} queries (target <= +5%), {t_over:+.1%} time (target <= +10%)")
    print(f"identity keys written (ours): {results['ours'].get('keys')}")
    benchlib.result(
        "identity sync, one by one: queries per partner",
        "queries/partner",
        ours["queries_per_partner"],
        stock=stock["one_by_one"]["queries_per_partner"],
        ratio=1 + q_over,
        target=1.05,
        op="<=",
        note="ours/stock",
    )
    benchlib.result(
        "identity sync, one by one: time per partner",
        "ms/partner",
        ours["ms_per_partner"],
        stock=stock["one_by_one"]["ms_per_partner"],
        ratio=1 + t_over,
        target=1.10,
        op="<=",
        note="ours/stock",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
