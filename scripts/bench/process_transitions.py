#!/usr/bin/env python3
"""Benchmark of cxm_process on 100k tickets and 1M history rows (generated in SQL).

Creates two throw-away databases in the same run and drops them at the end:
  * stock: helpdesk_mgmt only (no CXM code at all),
  * cxm:   cxm_process installed, the "Complaint handling" process active.
Both get the same 100k tickets; the cxm one also 1M history rows.

(a) transition cost: N single-ticket ORM stage moves New -> next stage as an
    admin user, each flushed, on stock helpdesk_mgmt (plain write) versus
    cxm_fire_transition (guards, row lock, history row with calendar and
    working-hour durations, SLA deadline). Target: ratio <= 1.25.
(b) "time in status" report: _read_group over all history rows (sum of
    calendar and working hours and count per status, with record rules)
    versus the same aggregate in bare SQL. Target: ratio <= 2.
(c) batch cost: --batches batches of 100 tickets moved together (one write, one
    cxm_fire_transition on the recordset), median time per batch. Target: ratio <= 1.1.
(a) and (c) also count the SQL statements sent per move and per batch, and time the bare SQL floor of
    each, per move and per batch (the stage UPDATE alone; the row lock, the history INSERT and the status
    UPDATE), rolled back: no ORM implementation can beat the ratio of the two.
Both databases are measured from one process, stock and ours taking turns move by move, so that a
change of load on the machine hits both alike.

Usage: scripts/bench/process_transitions.py [--tickets 100000] [--history 1000000] [--moves 300] [--batches 10]
           [--keep] [--reuse PID] [--profile N]
--keep keeps both databases (named after this run's process id); --reuse PID measures again on the
databases a --keep run left, its tickets put back in the first stage (implies --keep). --profile N then
prints a cProfile of N more single moves of ours, the environments they create and the SQL of one move.
"""

import argparse
import os
import time

from benchlib import drop_db, install, odoo_shell, result

GENERATE_TICKETS = """
import time
t0 = time.time()
cr = env.cr
stage_new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").id
team = env["helpdesk.ticket.team"].create({"name": "Bench team", "user_ids": [(6, 0, [env.ref("base.user_admin").id])]})
category = env["helpdesk.ticket.category"].create({"name": "Bench category"})
cr.execute(
    '''INSERT INTO helpdesk_ticket (number, name, description, stage_id, team_id, category_id, company_id, active,
                                    priority, kanban_state, last_stage_update, create_uid, write_uid,
                                    create_date, write_date)
       SELECT 'BENCH' || g, 'Bench ticket ' || g, '<p>bench</p>', %s, %s, %s, 1, true, '1', 'normal',
              now() - (g %% 500) * interval '1 hour', 2, 2, now() - (g %% 500) * interval '1 hour', now()
         FROM generate_series(1, %s) g''',
    (stage_new, team.id, category.id, TICKETS),
)
cr.execute("ANALYZE helpdesk_ticket")
env.cr.commit()
print("BENCH-GEN-TICKETS=%.1f" % (time.time() - t0))
"""

GENERATE_PROCESS = """
import time
t0 = time.time()
cr = env.cr
process = env.ref("cxm_process.template_complaint")._cxm_copy_from_template("Bench complaints")
process.action_activate()
statuses = process.status_ids.sorted("sequence")
st_new = statuses[0]
# every ticket follows the process, in its initial status, SLA clock running
cr.execute(
    '''UPDATE helpdesk_ticket SET cxm_process_id = %s, cxm_status_id = %s,
              cxm_status_date = create_date, cxm_sla_deadline = create_date + interval '4 hour' ''',
    (process.id, st_new.id),
)
# 1M history rows spread over the tickets and the statuses
sids = statuses.ids
cr.execute(
    '''INSERT INTO cxm_process_history (res_model, res_id, ticket_id, company_id, process_id, from_status_id,
                                        to_status_id, user_id, date, entered_date, kind, duration_hours,
                                        working_hours, sla_result, sla_met_count, sla_breached_count, count,
                                        create_uid, write_uid, create_date, write_date)
       SELECT 'helpdesk.ticket', t.id, t.id, 1, %s, (%s::int[])[1 + g %% 9], (%s::int[])[1 + (g + 1) %% 9], 2,
              now() - (g %% 1000) * interval '1 hour', now() - (g %% 1000 + 5) * interval '1 hour', 'transition',
              (g %% 97) / 3.0, (g %% 41) / 4.0,
              CASE WHEN g %% 5 = 0 THEN 'breached' ELSE 'met' END,
              CASE WHEN g %% 5 = 0 THEN 0 ELSE 1 END, CASE WHEN g %% 5 = 0 THEN 1 ELSE 0 END, 1,
              2, 2, now(), now()
         FROM generate_series(1, %s) g
         JOIN helpdesk_ticket t ON t.id = (SELECT min(id) FROM helpdesk_ticket) + (g %% %s)''',
    (process.id, sids, sids, HISTORY, TICKETS),
)
cr.execute("ANALYZE helpdesk_ticket")
cr.execute("ANALYZE cxm_process_history")
env.cr.commit()
cr.execute("SELECT count(*) FROM cxm_process_history")
print("BENCH-HISTORY=%d" % cr.fetchone()[0])
print("BENCH-GEN-PROCESS=%.1f" % (time.time() - t0))
"""

RESET = """
stage_new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").id
env.cr.execute("UPDATE helpdesk_ticket SET stage_id = %s WHERE number LIKE 'BENCH%%'", (stage_new,))
env.cr.execute("SELECT count(*) FROM cxm_process_history" if "cxm.process.history" in env else "SELECT 0")
print("BENCH-HISTORY=%d" % env.cr.fetchone()[0])
env.cr.commit()
"""

RESET_PROCESS = """
process = env["cxm.process"].search([("name", "=", "Bench complaints")])
st_new = process.status_ids.sorted("sequence")[0]
env.cr.execute(
    "UPDATE helpdesk_ticket SET cxm_status_id = %s, cxm_status_date = create_date,"
    " cxm_sla_deadline = create_date + interval '4 hour' WHERE number LIKE 'BENCH%%'",
    (st_new.id,),
)
env.cr.commit()
"""

MEASURE = """
# Both databases in this one process, stock and ours taking turns move by move (and batch by batch),
# so that a change of load on the machine hits both alike.
import statistics, time
from odoo import api
from odoo.modules.registry import Registry
sides = {}
for side, db in (("STOCK", STOCK_DB), ("CXM", env.cr.dbname)):
    side_cr = env.cr if side == "CXM" else Registry(db).cursor()
    side_env = api.Environment(side_cr, 1, {})
    admin = side_env.ref("base.user_admin")
    uenv = side_env(user=admin, context=dict(side_env.context, tz="UTC"))
    side_cr.execute(
        "SELECT id FROM helpdesk_ticket WHERE number LIKE 'BENCH%%' ORDER BY id DESC LIMIT %s",
        (MOVES + WARMUP + (BATCHES + 1) * BATCH,),
    )
    all_ids = [r[0] for r in side_cr.fetchall()]
    rest = all_ids[MOVES + WARMUP:]
    side_cr.execute("SELECT id FROM helpdesk_ticket WHERE number LIKE 'BENCH%%' ORDER BY id LIMIT %s",
                    ((BATCHES + 1) * BATCH,))
    raw_ids = [r[0] for r in side_cr.fetchall()]
    sides[side] = {
        "env": uenv, "cr": side_cr, "ids": [[i] for i in all_ids[:MOVES + WARMUP]],
        "batches": [rest[i:i + BATCH] for i in range(0, len(rest), BATCH)],
        "raw": [tuple(raw_ids[i:i + BATCH]) for i in range(0, len(raw_ids), BATCH)],
    }
stock_target = sides["STOCK"]["env"].ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").id
process = sides["CXM"]["env"]["cxm.process"].search([("name", "=", "Bench complaints")])
classify = process.transition_ids.filtered(lambda t: t.name == "Classify")
moves = {
    "STOCK": lambda recs: recs.write({"stage_id": stock_target}),
    "CXM": lambda recs: recs.cxm_fire_transition(classify.id),
}

def one(side, group):
    s = sides[side]
    recs = s["env"]["helpdesk.ticket"].browse(group)
    q0 = s["cr"].sql_log_count
    t0 = time.perf_counter()
    moves[side](recs)
    s["env"].flush_all()
    elapsed = time.perf_counter() - t0
    count = s["cr"].sql_log_count - q0
    s["cr"].commit()
    s["env"].invalidate_all()
    return elapsed, count

def turns(key, warmup):
    out = {side: ([], []) for side in sides}
    for i in range(len(sides["CXM"][key])):
        for side in (("STOCK", "CXM") if i % 2 else ("CXM", "STOCK")):
            elapsed, count = one(side, sides[side][key][i])
            if i >= warmup:
                out[side][0].append(elapsed)
                out[side][1].append(count)
    return out

for side, (times, counts) in turns("ids", WARMUP).items():
    print("BENCH-%s-MEDIAN=%.3f" % (side, statistics.median(times) * 1000))
    print("BENCH-%s-MEAN=%.3f" % (side, sum(times) / len(times) * 1000))
    print("BENCH-%s-QUERIES=%d" % (side, statistics.median(counts)))
for side, (times, counts) in turns("batches", 1).items():
    print("BENCH-%s-BATCH-MEDIAN=%.3f" % (side, statistics.median(times) * 1000))
    print("BENCH-%s-BATCH-QUERIES=%d" % (side, statistics.median(counts)))

# the floor of (c): the same batches as bare SQL statements (no ORM, no Python), rolled back
PLAIN_SQL = (
    "UPDATE helpdesk_ticket SET stage_id = %s, last_stage_update = now(), write_date = now(), write_uid = 2"
    " WHERE id IN %s"
)
HISTORY_SQL = (
    "INSERT INTO cxm_process_history (res_model, res_id, ticket_id, company_id, process_id, transition_id,"
    " from_status_id, to_status_id, user_id, date, entered_date, kind, duration_hours, working_hours, sla_deadline,"
    " sla_result, sla_met_count, sla_breached_count, count, create_uid, write_uid, create_date, write_date)"
    " SELECT 'helpdesk.ticket', id, id, company_id, cxm_process_id, %s, cxm_status_id, %s, 2, now(),"
    " cxm_status_date, 'transition', extract(epoch FROM now() - cxm_status_date) / 3600,"
    " extract(epoch FROM now() - cxm_status_date) / 3600, cxm_sla_deadline,"
    " CASE WHEN cxm_sla_deadline >= now() THEN 'met' ELSE 'breached' END,"
    " (cxm_sla_deadline >= now())::int, (cxm_sla_deadline < now())::int, 1, 2, 2, now(), now()"
    " FROM helpdesk_ticket WHERE id IN %s"
)
FULL_SQL = (
    "UPDATE helpdesk_ticket SET stage_id = %s, cxm_status_id = %s, cxm_status_date = now(),"
    " cxm_sla_deadline = now() + interval '8 hour', cxm_sla_escalated = false, last_stage_update = now(),"
    " write_date = now(), write_uid = 2 WHERE id IN %s"
)
to_status = classify.to_status_id
raw_statements = {
    "STOCK": lambda group: [(PLAIN_SQL, (stock_target, group))],
    "CXM": lambda group: [
        ("SELECT id FROM helpdesk_ticket WHERE id IN %s FOR UPDATE NOWAIT", (group,)),
        (HISTORY_SQL, (classify.id, to_status.id, group)),
        (FULL_SQL, (to_status.stage_res_id, to_status.id, group)),
    ],
}
def raw_turns(groups, warmup):
    # median ms of the bare statements on each group, stock and ours taking turns, each rolled back
    out = {side: [] for side in sides}
    for i in range(len(groups["CXM"])):
        for side in (("STOCK", "CXM") if i % 2 else ("CXM", "STOCK")):
            side_cr = sides[side]["cr"]
            t0 = time.perf_counter()
            for query, params in raw_statements[side](groups[side][i]):
                side_cr.execute(query, params)
            if i >= warmup:
                out[side].append(time.perf_counter() - t0)
            side_cr.rollback()
    return {side: statistics.median(times) * 1000 for side, times in out.items()}

for side, ms in raw_turns({side: sides[side]["raw"] for side in sides}, 1).items():
    print("BENCH-RAW-%s-BATCH=%.3f" % (side, ms))
# the floor of (a): one ticket per move, the same statements
singles = {side: [(i,) for group in sides[side]["raw"] for i in group][: MOVES + WARMUP] for side in sides}
for side, ms in raw_turns(singles, WARMUP).items():
    print("BENCH-RAW-%s-SINGLE=%.3f" % (side, ms))
sides["STOCK"]["cr"].close()

# (b) time in status over all history
cr = env.cr
History = sides["CXM"]["env"]["cxm.process.history"]
def best_of(fn, n=5):
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        res = fn()
        out.append(time.perf_counter() - t0)
    return min(out) * 1000, statistics.median(out) * 1000, res
def orm_report():
    History.env.invalidate_all()
    return History._read_group([], ["from_status_id"], ["duration_hours:sum", "working_hours:sum", "__count"])
def sql_report():
    cr.execute(
        "SELECT from_status_id, sum(duration_hours), sum(working_hours), count(*) "
        "FROM cxm_process_history GROUP BY from_status_id"
    )
    return cr.fetchall()
orm_best, orm_med, orm_rows = best_of(orm_report)
sql_best, sql_med, sql_rows = best_of(sql_report)
assert sum(r[3] for r in orm_rows) == sum(r[3] for r in sql_rows), "same rows counted"
print("BENCH-REPORT-ORM=%.1f" % orm_med)
print("BENCH-REPORT-SQL=%.1f" % sql_med)
print("BENCH-REPORT-ROWS=%d" % sum(r[3] for r in sql_rows))
"""

PROFILE = """
# where the time of ours goes: cProfile of PROFILE single moves, then the SQL statements of one move
import cProfile, io, pstats
from odoo import api
admin = env.ref("base.user_admin")
uenv = env(user=admin, context=dict(env.context, tz="UTC"))
process = uenv["cxm.process"].search([("name", "=", "Bench complaints")])
classify = process.transition_ids.filtered(lambda t: t.name == "Classify")
env.cr.execute(
    "SELECT id FROM helpdesk_ticket WHERE number LIKE 'BENCH%%' AND cxm_status_id IN %s ORDER BY id LIMIT %s",
    (tuple(classify.from_status_ids.ids), PROFILE_MOVES + 1),
)
ids = [r[0] for r in env.cr.fetchall()]
created = [0]
new = api.Environment.__new__
def counting_new(cls, *args, **kwargs):
    before = len(args[0].transaction.envs) if args[0].transaction else 0
    res = new(cls, *args, **kwargs)
    created[0] += len(args[0].transaction.envs) > before
    return res
api.Environment.__new__ = counting_new
profile = cProfile.Profile()
for tid in ids[:-1]:
    profile.enable()
    uenv["helpdesk.ticket"].browse(tid).cxm_fire_transition(classify.id)
    uenv.flush_all()
    profile.disable()
    env.cr.commit()
    uenv.invalidate_all()
api.Environment.__new__ = new
out = io.StringIO()
pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(45)
print(out.getvalue())
print("environments created per move: %.1f" % (created[0] / max(len(ids) - 1, 1)))
statements = []
execute = type(env.cr).execute
def logging_execute(cr, query, params=None, log_exceptions=True):
    statements.append(str(getattr(query, "code", query))[:160].replace("\\n", " "))
    return execute(cr, query, params, log_exceptions)
type(env.cr).execute = logging_execute
uenv["helpdesk.ticket"].browse(ids[-1]).cxm_fire_transition(classify.id)
uenv.flush_all()
type(env.cr).execute = execute
env.cr.commit()
print("SQL statements of one move:")
for query in statements:
    print("   ", query)
"""


def values(out):
    return dict(line.split("=", 1) for line in out.splitlines() if line.startswith("BENCH-"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--moves", type=int, default=300)
    parser.add_argument("--batches", type=int, default=10, help="batches of 100 tickets moved together")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--reuse", type=int, help="the process id of a --keep run whose databases to measure again")
    parser.add_argument("--profile", type=int, default=0, help="then profile this many single moves of ours")
    args = parser.parse_args()
    suffix = args.reuse or os.getpid()
    args.keep = args.keep or bool(args.reuse)
    stock_db, cxm_db = f"cxm_bench_stock_{suffix}", f"cxm_bench_process_{suffix}"
    params = f"TICKETS = {args.tickets}\nHISTORY = {args.history}\nMOVES = {args.moves}\nWARMUP = 20\n"
    params += f"BATCHES = {args.batches}\nBATCH = 100\nSTOCK_DB = {stock_db!r}\n"
    results = {}
    try:
        if args.reuse:
            results.update(values(odoo_shell(stock_db, params + RESET)))
            results.update(values(odoo_shell(cxm_db, params + RESET + RESET_PROCESS)))
        for db, module in () if args.reuse else ((stock_db, "helpdesk_mgmt"), (cxm_db, "cxm_process")):
            t0 = time.time()
            install(db, module)
            print(f"installed {module} into {db} in {time.time() - t0:.0f} s", flush=True)
            results.update(values(odoo_shell(db, params + GENERATE_TICKETS)))
        if not args.reuse:
            results.update(values(odoo_shell(cxm_db, params + GENERATE_PROCESS)))
        done = "reused" if args.reuse else f"generated {args.tickets} tickets per database and"
        print(f"{done} {results['BENCH-HISTORY']} history rows", flush=True)
        results.update(values(odoo_shell(cxm_db, params + MEASURE)))
        if args.profile:
            print(odoo_shell(cxm_db, f"PROFILE_MOVES = {args.profile}\n" + PROFILE), flush=True)
    finally:
        if not args.keep:
            for db in (stock_db, cxm_db):
                drop_db(db)
    stock, cxm = float(results["BENCH-STOCK-MEDIAN"]), float(results["BENCH-CXM-MEDIAN"])
    orm, sql = float(results["BENCH-REPORT-ORM"]), float(results["BENCH-REPORT-SQL"])
    ratio_a, ratio_b = cxm / stock, orm / sql
    print(f"(a) stage move, median of {args.moves} (mean in brackets), ms per ticket:")
    print(f"    stock helpdesk_mgmt plain write  : {stock:8.2f} ({float(results['BENCH-STOCK-MEAN']):.2f})")
    print(f"    cxm_fire_transition + history/SLA: {cxm:8.2f} ({float(results['BENCH-CXM-MEAN']):.2f})")
    verdict_a = "OK" if ratio_a <= 1.25 else "MISS"
    print(f"    ratio ours/stock                 : {ratio_a:8.2f}  target <= 1.25 {verdict_a}")
    q_stock, q_cxm = int(results["BENCH-STOCK-QUERIES"]), int(results["BENCH-CXM-QUERIES"])
    print(f"    SQL statements per move          : stock {q_stock}, ours {q_cxm}")
    raw1_stock, raw1_cxm = float(results["BENCH-RAW-STOCK-SINGLE"]), float(results["BENCH-RAW-CXM-SINGLE"])
    print(f"    floor, bare SQL stage UPDATE     : {raw1_stock:8.2f}")
    print(f"    floor, bare SQL lock + history INSERT + status UPDATE: {raw1_cxm:8.2f}")
    print(f"    floor ratio (no ORM can beat it) : {raw1_cxm / raw1_stock:8.2f}")
    print(f"    ours is {cxm / raw1_cxm:.2f}x the floor")
    # what the history row costs in the database alone, added to stock's move: the best ratio an ORM move can reach
    extra1 = raw1_cxm - raw1_stock
    best1 = (stock + extra1) / stock
    print(f"    ours - stock {cxm - stock:.2f} ms, bare SQL extra {extra1:.2f} ms: best ratio ~{best1:.2f}")
    stock_b, cxm_b = float(results["BENCH-STOCK-BATCH-MEDIAN"]), float(results["BENCH-CXM-BATCH-MEDIAN"])
    ratio_c = cxm_b / stock_b
    print(f"(c) batch of 100 tickets moved together, median of {args.batches}, ms per batch:")
    print(f"    stock helpdesk_mgmt plain write  : {stock_b:8.2f}")
    print(f"    cxm_fire_transition + history/SLA: {cxm_b:8.2f}")
    print(f"    ratio ours/stock                 : {ratio_c:8.2f}  target <= 1.1  {'OK' if ratio_c <= 1.1 else 'MISS'}")
    raw_stock, raw_cxm = float(results["BENCH-RAW-STOCK-BATCH"]), float(results["BENCH-RAW-CXM-BATCH"])
    print(f"    floor, bare SQL stage UPDATE     : {raw_stock:8.2f}")
    print(f"    floor, bare SQL lock + history INSERT + status UPDATE: {raw_cxm:8.2f}")
    print(f"    floor ratio (no ORM can beat it) : {raw_cxm / raw_stock:8.2f}")
    if raw_cxm / raw_stock > 1.1:
        print(
            "    the 1.1 target is below this floor: locking 100 rows and inserting 100 history rows costs more "
            "than the whole stock UPDATE,\n    so no implementation that writes a history row per ticket can reach "
            f"it; ours is {cxm_b / raw_cxm:.2f}x the floor"
        )
    extra_b = raw_cxm - raw_stock
    best_b = (stock_b + extra_b) / stock_b
    print(f"    ours - stock {cxm_b - stock_b:.2f} ms, bare SQL extra {extra_b:.2f} ms: best ratio ~{best_b:.2f}")
    qb_stock, qb_cxm = int(results["BENCH-STOCK-BATCH-QUERIES"]), int(results["BENCH-CXM-BATCH-QUERIES"])
    print(f"    SQL statements per batch         : stock {qb_stock}, ours {qb_cxm}")
    print(f"(b) time in status over {results['BENCH-REPORT-ROWS']} history rows, median of 5, ms:")
    print(f"    ORM _read_group (record rules)   : {orm:8.1f}")
    print(f"    bare SQL GROUP BY                : {sql:8.1f}")
    print(f"    ratio ORM/SQL                    : {ratio_b:8.2f}  target <= 2    {'OK' if ratio_b <= 2 else 'MISS'}")
    result(
        "transition: one ticket, history + SLA (median)",
        "ms",
        cxm,
        stock=stock,
        raw=raw1_cxm,
        ratio=ratio_a,
        target=1.25,
        op="<=",
        note=f"ours/stock; SQL statements {q_cxm} vs {q_stock}; bare SQL floor ratio {raw1_cxm / raw1_stock:.2f}, "
        f"ours is {cxm / raw1_cxm:.2f}x the floor; stock + bare SQL extra = {best1:.2f}x stock",
    )
    result(
        "transition: batch of 100 tickets (median)",
        "ms",
        cxm_b,
        stock=stock_b,
        raw=raw_cxm,
        ratio=ratio_c,
        target=1.1,
        op="<=",
        note=f"ours/stock; SQL statements {qb_cxm} vs {qb_stock}; bare SQL floor ratio {raw_cxm / raw_stock:.2f}, "
        f"ours is {cxm_b / raw_cxm:.2f}x the floor; stock + bare SQL extra = {best_b:.2f}x stock",
    )
    result(
        f"time in status report over {results['BENCH-REPORT-ROWS']} history rows",
        "ms",
        orm,
        raw=sql,
        ratio=ratio_b,
        target=2,
        op="<=",
        note="ours/raw",
    )


if __name__ == "__main__":
    main()
