#!/usr/bin/env python3
"""Help centre: knowledge search at 10,000 articles and page render times, ours vs stock vs raw SQL.

    .venv/bin/python scripts/bench/help_centre.py [--articles 10000] [--samples 300] [--keep]

1. Creates the database ``cxm_bench_help`` with cxm_selfservice installed (no demo).
2. Generates N published public articles in SQL (titles of 4 and bodies of 60 words out of 4,096
   words with Turkish letters) and one category form with five fields.
3. Knowledge search, in one Odoo shell as the public user, on the same random queries written in
   mixed case and without Turkish letters (``IADE SURESI``, ``kargo takibi``):
   - ours: ``cxm.knowledge.article._cxm_search(q)`` (folded full-text query on the GIN index,
     visibility record rules applied),
   - stock: ``search([("name", "ilike", w1), ("body_text", "ilike", w2)...])``, Odoo's usual way,
   - raw SQL: the same ``tsvector @@ tsquery`` query on the table, without the ORM or the rules,
   with p50/p95 in ms and misses (a query whose article exists but is not found).
4. Pages over HTTP (one worker, server-side render, 200 requests each after warm-up): ``/help``,
   ``/help/form/<id>`` and ``/help/search?q=`` as a visitor, and helpdesk_mgmt's ``/my/tickets``
   (signed in, the peer page of stock Odoo), p50/p95. ``/help/search`` also counts the search for
   "top searches with no result" (one upsert per request, included in its time).
"""

import argparse
import statistics
import sys
import time

import benchlib

DB = benchlib.db_name("cxm_bench_help")

GENERATE = r"""
import random
from odoo.tools import SQL
rng = random.Random(7)
# 4,096 words of three syllables, Turkish letters in most of them (a help centre's vocabulary)
SYLLABLES = ["ka", "şe", "gü", "ıl", "İn", "öz", "çi", "ya", "ma", "ba", "de", "ro", "tu", "ne", "si", "lı"]
WORDS = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]
N = {n}
env.cr.execute(SQL(
    "INSERT INTO cxm_knowledge_article (name, body, body_text, visibility, is_published, lang, company_id,"
    " sequence, view_count, create_date, write_date)"
    " SELECT t, '<p>' || b || '</p>', b, 'public', true, 'en_US', %s, 10, 0, now(), now()"
    " FROM unnest(%s::text[], %s::text[]) AS x(t, b)",
    env.company.id,
    [" ".join(rng.sample(WORDS, 4)).capitalize() + " " + str(i) for i in range(N)],
    [" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(N)],
))
category = env["helpdesk.ticket.category"].create({{"name": "Bench form", "show_in_portal": True}})
for i, kind in enumerate(["text", "textarea", "number", "date", "boolean"]):
    env["cxm.selfservice.form.field"].create(
        {{"category_id": category.id, "label": "Q%d" % i, "key": "q%d" % i, "field_type": kind}}
    )
env["res.users"].create({{"name": "Bench portal", "login": "bench_portal", "password": "bench_portal",
                         "group_ids": [(6, 0, [env.ref("base.group_portal").id])]}})
env.cr.execute("ANALYZE cxm_knowledge_article")
env.cr.commit()
print("CATEGORY", category.id)
"""

MEASURE = r"""
import random, statistics, time
from odoo.tools import SQL
from odoo.addons.cxm_base.tools.text_fold import fold
from odoo.addons.cxm_knowledge.models.cxm_knowledge_article import TSV
SAMPLES = {samples}
rng = random.Random(11)
public = env(user=env.ref("base.public_user"))
Article = public["cxm.knowledge.article"]
env.cr.execute("SELECT name FROM cxm_knowledge_article ORDER BY random() LIMIT %s", [SAMPLES])
titles = [row[0] for row in env.cr.fetchall()]
def variant(title):
    words = title.split()[:2]
    text = " ".join(words)
    return rng.choice([text.upper(), fold(text), text.lower(), text])
queries = [(variant(t), t) for t in titles]
def ours(q):
    return Article._cxm_search(q, limit=10).mapped("name")
def stock(q):
    domain = []
    for word in q.split():
        domain += ["|", ("name", "ilike", word), ("body_text", "ilike", word)]
    return Article.search(domain + [("is_published", "=", True)], limit=10, order="sequence, id desc").mapped("name")
def raw(q):
    tsq = Article._cxm_tsquery(q)
    env.cr.execute(SQL("SELECT name FROM cxm_knowledge_article WHERE %s @@ to_tsquery('simple', %s)"
                       " ORDER BY ts_rank(%s, to_tsquery('simple', %s)) DESC LIMIT 10", TSV, tsq, TSV, tsq))
    return [r[0] for r in env.cr.fetchall()]
def ms(f):
    times, misses = [], 0
    for q, title in queries:
        t = time.perf_counter(); found = f(q); times.append((time.perf_counter() - t) * 1000)
        # found: some result carries the two words of the article looked for
        want = set(fold(w) for w in title.split()[:2])
        if not any(want <= set(fold(n).split()) for n in found):
            misses += 1
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], misses
for q, _t in queries[:20]:
    ours(q); raw(q)
results = {{"ours": ms(ours), "stock": ms(stock), "raw_sql": ms(raw)}}
env.cr.execute("SELECT count(*) FROM cxm_knowledge_article")
print("RESULT articles=%d samples=%d" % (env.cr.fetchone()[0], SAMPLES))
for name, (p50, p95, miss) in results.items():
    print("RESULT search %-8s p50=%7.2f ms  p95=%7.2f ms  misses=%d/%d" % (name, p50, p95, miss, SAMPLES))
o, s, r = results["ours"], results["stock"], results["raw_sql"]
print("RESULT search ratio stock/ours p95=%.1fx; ours/raw_sql p95=%.1fx" % (s[1] / o[1], o[1] / r[1]))
"""


def timed(session, url, count):
    times = []
    for _ in range(count):
        start = time.perf_counter()
        response = session.get(url, timeout=30)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            sys.exit(f"{url}: HTTP {response.status_code}")
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    benchlib.drop_db(DB)
    print(f"creating database {DB} (cxm_selfservice, no demo)...", flush=True)
    benchlib.install(DB, "cxm_selfservice")
    out = benchlib.odoo_shell(DB, GENERATE.format(n=args.articles))
    category = int(next(line.split()[1] for line in out.splitlines() if line.startswith("CATEGORY")))
    out = benchlib.odoo_shell(DB, MEASURE.format(samples=args.samples))
    print("\n".join(line for line in out.splitlines() if line.startswith("RESULT")))
    p95 = {
        line.split()[2]: float(line.split("p95=")[1].split()[0])
        for line in out.splitlines()
        if line.startswith("RESULT search") and "p95=" in line and "ratio" not in line
    }
    benchlib.result(
        f"help centre search at {args.articles} articles (p95)",
        "ms",
        p95["ours"],
        stock=p95["stock"],
        raw=p95["raw_sql"],
        ratio=p95["stock"] / p95["ours"],
        note="stock/ours",
    )
    pages = {}
    import requests

    with benchlib.serve(DB, workers=1) as url:
        visitor, customer = requests.Session(), requests.Session()
        login = customer.get(f"{url}/web/login", timeout=30).text
        token = login.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        customer.post(
            f"{url}/web/login",
            data={"login": "bench_portal", "password": "bench_portal", "csrf_token": token},
            timeout=30,
        )
        pages = {
            "/help": (visitor, "/help"),
            "/help/form": (visitor, f"/help/form/{category}"),
            "/help/search": (visitor, "/help/search?q=IADE+kargo"),
            "/my/tickets (stock)": (customer, "/my/tickets"),
        }
        for name, (session, path) in pages.items():
            timed(session, url + path, 20)  # warm-up
            p50, p95 = timed(session, url + path, args.requests)
            print(f"RESULT page {name:<20} p50={p50:7.1f} ms  p95={p95:7.1f} ms")
            pages[name] = p95
    for name in ("/help", "/help/form", "/help/search"):
        benchlib.result(
            f"help centre page {name} (p95)",
            "ms",
            pages[name],
            stock=pages["/my/tickets (stock)"],
            ratio=pages[name] / pages["/my/tickets (stock)"],
            note="ours/stock page /my/tickets",
        )
    if not args.keep:
        benchlib.drop_db(DB)


if __name__ == "__main__":
    main()
