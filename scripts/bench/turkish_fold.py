"""Issue 18: the Turkish name table through partner search and duplicate detection, and what the
fold costs on the search hot path, beside the stock-Odoo way and raw PostgreSQL in the same run.

Part 1 (table): each pair of addons/cxm_base/tests/turkish_names.py through
  * search: res.partner search on complete_name ilike (the search bar and name_search),
  * duplicate detection: cxm.duplicate.group._cxm_detect on the two customers (same city),
  counting misses (must match, did not) and false matches (must not, did); once with PostgreSQL's
  unaccent and once as on a server without it. Stock Odoo's search is counted beside ours.
Part 2 (timing, --rows N customers, default 20000), milliseconds per query:
  * ours:  Partner.search([("complete_name", "ilike", q)], limit=80) (folded, trigram index),
  * stock: the same search as Odoo runs it without the suite: =ilike '%q%' (unaccent ILIKE, our
    override leaves =ilike alone),
  * raw:   the folded condition as a bare SQL query on the same table,
  and name_search (ours; stock has no cheaper way to find Turkish spellings).

Usage:  .venv/bin/python scripts/bench/turkish_fold.py [--rows 20000] [--db NAME] [--keep-db]
"""

import os
import sys
import time

ROOT = os.environ.get("CXM_BENCH_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QUERIES = ["YILMAZ", "şahin", "IŞIK", "ozturk", "Çağrı Doğan", "AĞAOĞLU 12"]
ROUNDS = 5


def _arg(name, default):
    argv = os.environ.get("CXM_BENCH_ARGS", "").split()
    return type(default)(argv[argv.index(name) + 1]) if name in argv else default


def _result(*args, **kwargs):
    """The machine-readable result line of scripts/bench/all (from inside the Odoo shell)."""
    sys.path.insert(0, os.path.join(ROOT, "scripts", "bench"))
    import benchlib

    benchlib.result(*args, **kwargs)


def bootstrap():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import benchlib

    benchlib.run_self_in_shell(__file__, "cxm_bench_turkish", "cxm_customer_data")


def _table():
    sys.path.insert(0, os.path.join(ROOT, "addons", "cxm_base", "tests"))
    import turkish_names

    return turkish_names


def run_table(env, label):
    names = _table()
    Partner = env["res.partner"].with_context(tracking_disable=True)
    cr = env.cr
    stats = {path: [0, 0, 0] for path in ("search", "search (stock)", "duplicates")}  # rows, misses, false

    def count(path, expected, got):
        stats[path][0] += 1
        stats[path][1] += expected and not got
        stats[path][2] += (not expected) and got

    for stored, typed, expected in names.NAME_PAIRS + names.SEARCH_PAIRS:
        cr.execute("SAVEPOINT pair")
        partner = Partner.create({"name": stored, "city": "Kastamonu"})
        env.flush_all()
        count("search", expected, partner in Partner.search([("complete_name", "ilike", typed)]))
        stock = Partner.search([("complete_name", "=ilike", f"%{typed}%")])
        count("search (stock)", expected, partner in stock)
        if (stored, typed, expected) in names.NAME_PAIRS:
            other = Partner.create({"name": typed, "city": "Kastamonu"})
            env.flush_all()
            groups = env["cxm.duplicate.group"].sudo()._cxm_detect()
            count("duplicates", expected, any(partner in g.partner_ids and other in g.partner_ids for g in groups))
        cr.execute("ROLLBACK TO SAVEPOINT pair")
        env.invalidate_all()
    print(f"\n== Turkish name table, {label}")
    print(f"{'path':<16} {'rows':>5} {'misses':>7} {'false matches':>14}")
    for path, (rows, misses, false) in stats.items():
        print(f"{path:<16} {rows:>5} {misses:>7} {false:>14}")


def _per_query(run):
    start = time.perf_counter()
    for _round in range(ROUNDS):
        for query in QUERIES:
            run(query)
    return (time.perf_counter() - start) * 1000 / (ROUNDS * len(QUERIES))


def timing(env, rows):
    import random

    from odoo.tools import SQL

    from odoo.addons.cxm_base.tools.text_fold import sql_fold

    rng = random.Random(18)
    first = "Ayşe Elif Çağrı Gökçe Ümit İlker Irmak Mehmet Zeynep Şule Oğuz Ömer".split()
    last = "Yılmaz Şahin Doğan Öztürk Güneş Işık Kılıç Çelik Kaya Demir Ağaoğlu Yıldız".split()
    cities = "İstanbul Ankara İzmir Bursa Muğla Çanakkale Eskişehir Kastamonu".split()
    vals = [{"name": f"{rng.choice(first)} {rng.choice(last)} {n}", "city": rng.choice(cities)} for n in range(rows)]
    Partner = env["res.partner"].with_context(tracking_disable=True)
    Partner.create(vals)
    env.flush_all()
    env.cr.execute("ANALYZE res_partner")

    def raw(query):
        env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE active AND %s LIKE '%%' || %s || '%%' LIMIT 80",
                sql_fold(SQL.identifier("complete_name")),
                sql_fold(SQL("%s", query)),
            )
        )
        env.cr.fetchall()

    ours = _per_query(lambda q: Partner.search([("complete_name", "ilike", q)], limit=80))
    stock = _per_query(lambda q: Partner.search([("complete_name", "=ilike", f"%{q}%")], limit=80))
    bare = _per_query(raw)
    name_search = _per_query(lambda q: Partner.name_search(q, limit=8))
    print(f"\n== search timing on {rows} customers, ms per query (same run)")
    print(f"ours  (folded, Turkish spellings found): {ours:7.1f}")
    print(f"stock (unaccent ILIKE):                  {stock:7.1f}   ours / stock = {ours / stock:.2f}")
    print(f"raw PostgreSQL (folded condition):       {bare:7.1f}   ours / raw   = {ours / bare:.2f}")
    print(f"name_search (ours, limit 8):             {name_search:7.1f}")
    _result(
        f"Turkish-folded partner search at {rows} customers",
        "ms/query",
        ours,
        stock=stock,
        raw=bare,
        ratio=ours / stock,
        note="ours/stock (stock misses the Turkish spellings)",
    )


def _plain_fold(env):
    """cxm_fold as created where unaccent cannot be installed (for this transaction)."""
    from odoo.addons.cxm_base.tools.text_fold import fold_body

    env.cr.execute("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off")
    env.cr.execute(
        "CREATE OR REPLACE FUNCTION cxm_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS %s",
        [fold_body(None)],
    )


def main(env):
    cr = env.cr
    rows = _arg("--rows", 20000)
    if rows:  # first, in a transaction of its own
        timing(env, rows)
        cr.rollback()
        env.invalidate_all()
    run_table(env, "with unaccent")
    cr.execute("SAVEPOINT no_unaccent")
    cr.execute("DROP EXTENSION IF EXISTS unaccent CASCADE")
    unaccent = env.registry.unaccent
    env.registry.unaccent = lambda x: x
    try:
        _plain_fold(env)
        run_table(env, "without unaccent")
    finally:
        cr.execute("ROLLBACK TO SAVEPOINT no_unaccent")
        env.registry.unaccent = unaccent
    cr.rollback()


if "env" in globals():
    main(env)  # noqa: F821 - the Odoo shell's environment
else:
    bootstrap()
