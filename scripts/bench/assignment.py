"""Benchmark of cxm_assignment (issue 19): assigning 10,000 new tickets over 200 agents with capacity,
presence and skills.

Makes a throw-away database with cxm_assignment (no demo), 200 agents (180 online; each speaks Turkish,
English or both and handles 2 to 5 of 5 categories), one capacity team (60 open tickets per agent,
5 live conversations) that matches skills, and --tickets unassigned tickets (customers half tr_TR, half
en_US, 5 categories, a fifth from chat). Then, in the same run:
  * ours: the set-based engine on all tickets at once (_cxm_assign, what a batch create or the cron
    runs): time per 1,000 tickets;
  * one at a time through the ORM: for --single tickets, what a per-ticket implementation does (read the
    eligible agents' profiles and presence, count open tickets per agent with _read_group, pick the
    least loaded with room, write user_id), flushed per ticket; time per 1,000 extrapolated;
  * ours one ticket at a time (the engine called per ticket, as single creations do).
Checks that no agent ends above a capacity and every ticket went to a skilled agent.
Target: ours >= 20x faster than one at a time through the ORM, under 1 s per 1,000 tickets.

Usage:  .venv/bin/python scripts/bench/assignment.py [--tickets 10000] [--agents 200] [--single 300]
            [--db NAME] [--keep-db]
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

    benchlib.run_self_in_shell(__file__, "cxm_bench_assignment", "cxm_assignment")


def setup(env, n_agents, n_tickets):
    import random
    import time

    rng = random.Random(19)
    cr = env.cr
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True))
    env["res.lang"]._activate_lang("tr_TR")
    lang_tr, lang_en = env.ref("base.lang_tr"), env.ref("base.lang_en")
    categories = env["helpdesk.ticket.category"].create([{"name": f"Bench category {i}"} for i in range(5)])
    group = env.ref("cxm_base.group_cxm_agent")
    t0 = time.perf_counter()
    users = env["res.users"].create(
        [
            {"name": f"Bench agent {i}", "login": f"bench-agent-{i}", "group_ids": [(6, 0, group.ids)]}
            for i in range(n_agents)
        ]
    )
    env["mail.presence"].create([{"user_id": u.id, "status": "online"} for u in users[: n_agents * 9 // 10]])
    env["cxm.assignment.agent"].create(
        [
            {
                "user_id": u.id,
                "lang_ids": [(6, 0, rng.choice([lang_tr, lang_en, lang_tr | lang_en]).ids)],
                "category_ids": [(6, 0, rng.sample(categories.ids, rng.randint(2, 5)))],
            }
            for u in users
        ]
    )
    team = env["helpdesk.ticket.team"].create({"name": "Bench team", "user_ids": [(6, 0, users.ids)]})
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {i}", "lang": "tr_TR" if i % 2 else "en_US"} for i in range(200)]
    )
    tickets = env["helpdesk.ticket"]
    chat = env.ref("cxm_helpdesk.helpdesk_ticket_channel_chat")
    email = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
    for start in range(0, n_tickets, 1000):
        tickets |= env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Bench ticket {i}",
                    "description": "<p>bench</p>",
                    "team_id": team.id,
                    "user_id": False,
                    "partner_id": partners[i % len(partners)].id,
                    "category_id": categories[i % len(categories)].id,
                    "channel_id": (chat if i % 5 == 0 else email).id,
                }
                for i in range(start, min(start + 1000, n_tickets))
            ]
        )
    team.write(
        {
            "cxm_assign_policy": "capacity",
            "cxm_assign_max_open": 60,
            "cxm_assign_max_conversations": 5,
            "cxm_assign_need_presence": True,
            "cxm_assign_need_hours": False,
            "cxm_assign_skills": True,
        }
    )
    env.flush_all()
    cr.commit()
    print(f"setup: {n_agents} agents, {len(tickets)} tickets in {time.perf_counter() - t0:.1f} s", flush=True)
    return team, tickets


def orm_one_at_a_time(env, team, tickets):
    """What a straightforward per-ticket implementation costs: profiles, presence, loads and a write per ticket."""
    Ticket = env["helpdesk.ticket"]
    for ticket in tickets:
        members = team.user_ids
        online = env["mail.presence"].search([("user_id", "in", members.ids), ("status", "=", "online")]).user_id
        profiles = env["cxm.assignment.agent"].search([("user_id", "in", online.ids)])
        lang = ticket.partner_id.lang
        eligible = profiles.filtered(
            lambda p, lang=lang, ticket=ticket: (
                lang in p.lang_ids.mapped("code") and (not p.category_ids or ticket.category_id in p.category_ids)
            )
        ).user_id
        groups = Ticket._read_group(
            [("user_id", "in", eligible.ids), ("stage_id.closed", "=", False)], ["user_id"], ["__count"]
        )
        loads = {user.id: count for user, count in groups}
        conv_groups = Ticket._read_group(
            [("user_id", "in", eligible.ids), ("stage_id.closed", "=", False), ("channel_id.cxm_code", "=", "chat")],
            ["user_id"],
            ["__count"],
        )
        conv = {user.id: count for user, count in conv_groups}
        room = [
            u
            for u in eligible
            if loads.get(u.id, 0) < team.cxm_assign_max_open
            and (ticket.channel_id.cxm_code != "chat" or conv.get(u.id, 0) < team.cxm_assign_max_conversations)
        ]
        if room:
            ticket.write({"user_id": min(room, key=lambda u: (loads.get(u.id, 0), u.id)).id})
        env.flush_all()


def check(env, team, tickets):
    cr = env.cr
    cr.execute(
        """SELECT max(n), count(*) FROM (SELECT user_id, count(*) n FROM helpdesk_ticket
            WHERE team_id = %s AND user_id IS NOT NULL GROUP BY user_id) q""",
        [team.id],
    )
    max_load, agents = cr.fetchone()
    cr.execute(
        """SELECT count(*) FROM helpdesk_ticket t JOIN res_partner p ON p.id = t.partner_id
             JOIN cxm_assignment_agent a ON a.user_id = t.user_id
            WHERE t.id = ANY(%s) AND NOT EXISTS (
                SELECT 1 FROM cxm_assignment_agent_lang_rel r JOIN res_lang l ON l.id = r.lang_id
                 WHERE r.agent_id = a.id AND l.code = p.lang)""",
        [tickets.ids],
    )
    unskilled = cr.fetchone()[0]
    cr.execute("SELECT count(user_id) FROM helpdesk_ticket WHERE id = ANY(%s)", [tickets.ids])
    return max_load or 0, agents or 0, unskilled, cr.fetchone()[0]


def run(env):
    import time

    n_agents, n_tickets, n_single = _arg("--agents", 200), _arg("--tickets", 10000), _arg("--single", 300)
    team, tickets = setup(env, n_agents, n_tickets)
    # the same context for the three ways (no chatter tracking, no assignment mail): the cost of the choice
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True))
    team, tickets = team.with_env(env), tickets.with_env(env)
    engine = env["cxm.assignment.engine"]
    cr = env.cr

    def reset():
        cr.execute("UPDATE helpdesk_ticket SET user_id = NULL WHERE id = ANY(%s)", [tickets.ids])
        cr.execute("DELETE FROM cxm_assignment_log")
        cr.execute("DELETE FROM mail_followers WHERE res_model = 'helpdesk.ticket' AND res_id = ANY(%s)", [tickets.ids])
        env.invalidate_all()
        cr.commit()

    # one at a time through the ORM
    sample = tickets[:n_single]
    start = time.perf_counter()
    orm_one_at_a_time(env, team, sample)
    cr.commit()
    orm_s = time.perf_counter() - start
    orm_per_k = orm_s / len(sample) * 1000
    reset()
    # ours, one ticket at a time
    start = time.perf_counter()
    for ticket in sample:
        engine._cxm_assign(ticket, "new")
    env.flush_all()
    cr.commit()
    single_s = time.perf_counter() - start
    single_per_k = single_s / len(sample) * 1000
    reset()
    # ours, set-based
    start = time.perf_counter()
    assigned = engine._cxm_assign(tickets, "new")
    env.flush_all()
    cr.commit()
    ours_s = time.perf_counter() - start
    ours_per_k = ours_s / len(tickets) * 1000
    max_load, agents, unskilled, with_user = check(env, team, tickets)
    print(
        f"ours, set-based          : {ours_s:8.2f} s for {len(tickets)} tickets, {ours_per_k:.3f} s per 1,000 "
        f"({assigned} assigned, {len(tickets) - with_user} waiting)"
    )
    print(f"ours, one at a time      : {single_s:8.2f} s for {len(sample)} tickets, {single_per_k:.2f} s per 1,000")
    print(f"ORM, one at a time       : {orm_s:8.2f} s for {len(sample)} tickets, {orm_per_k:.2f} s per 1,000")
    print(f"ratio ORM / ours         : {orm_per_k / ours_per_k:6.1f}x (target >= 20x, ours < 1 s per 1,000)")
    _result(
        "assignment: set-based vs ORM one at a time",
        "s per 1,000 tickets",
        ours_per_k,
        stock=orm_per_k,
        ratio=orm_per_k / ours_per_k,
        target=20,
        note=f"stock/ours; max load {max_load} of {team.cxm_assign_max_open}, {unskilled} unskilled",
    )
    print(
        f"check: {agents} agents used, max open load {max_load} (capacity {team.cxm_assign_max_open}), "
        f"{unskilled} tickets to an agent without the customer's language"
    )
    sys.exit(0 if max_load <= team.cxm_assign_max_open and not unskilled else 1)


if "env" in globals():
    run(env)  # noqa: F821
else:
    bootstrap()
