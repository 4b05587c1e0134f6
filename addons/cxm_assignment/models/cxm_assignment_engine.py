# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import bisect
import heapq
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

CONVERSATION_CHANNELS = ["chat", "whatsapp", "sms", "social"]
ORM_BATCH = 50  # up to this many tickets, the assignee is written through the ORM (chatter, follower, mail)


class CxmAssignmentEngine(models.AbstractModel):
    """Set-based assignment: one pass per team over all the tickets to hand out, loads read once, agents
    locked once. Capacity holds under concurrency: every assignment updates the profile row of each
    agent it gives tickets to, after locking the rows of the candidates (ordered, FOR UPDATE). A second
    worker handing tickets to the same agents waits, then (repeatable read) fails with a serialisation
    error and is retried by Odoo from scratch, seeing the first worker's tickets."""

    _name = "cxm.assignment.engine"
    _description = "Set-based ticket assignment"

    @api.model
    def _cxm_loads(self, user_ids):
        """{user id: (open tickets, open conversation tickets)} over all teams."""
        if not user_ids:
            return {}
        self.env["helpdesk.ticket"].flush_model(["user_id", "stage_id", "channel_id", "active"])
        self.env["helpdesk.ticket.channel"].flush_model(["cxm_code"])
        self.env.cr.execute(
            SQL(
                """SELECT t.user_id, count(*), count(*) FILTER (WHERE ch.cxm_code = ANY(%s))
                     FROM helpdesk_ticket t LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                LEFT JOIN helpdesk_ticket_channel ch ON ch.id = t.channel_id
                    WHERE t.user_id = ANY(%s) AND t.active AND NOT coalesce(s.closed, FALSE)
                    GROUP BY t.user_id""",
                CONVERSATION_CHANNELS,
                list(user_ids),
            )
        )
        return {uid: (count, conversations) for uid, count, conversations in self.env.cr.fetchall()}

    @api.model
    def _cxm_assign(self, tickets, kind="new", exclude_user_ids=()):
        """Give an agent to those of ``tickets`` that are open, unassigned and in a team with an automatic
        policy. Tickets nobody can take now stay unassigned (the cron tries again). Returns the count."""
        if not tickets:
            return 0
        self.env["helpdesk.ticket"].flush_model()
        self.env["res.partner"].flush_model(["lang"])
        self.env["helpdesk.ticket.team"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT t.id, t.team_id, t.category_id, p.lang, coalesce(ch.cxm_code = ANY(%s), FALSE)
                     FROM helpdesk_ticket t
                     JOIN helpdesk_ticket_team tm ON tm.id = t.team_id
                LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                LEFT JOIN res_partner p ON p.id = t.partner_id
                LEFT JOIN helpdesk_ticket_channel ch ON ch.id = t.channel_id
                    WHERE t.id = ANY(%s) AND t.user_id IS NULL AND t.active AND NOT coalesce(s.closed, FALSE)
                      AND tm.cxm_assign_policy != 'manual'
                 ORDER BY t.team_id, t.priority DESC, t.id""",
                CONVERSATION_CHANNELS,
                list(tickets.ids),
            )
        )
        by_team = defaultdict(list)
        for row in self.env.cr.fetchall():
            by_team[row[1]].append(row)
        now = fields.Datetime.now()
        pairs = []
        Team = self.env["helpdesk.ticket.team"].sudo()
        for team_id in sorted(by_team):
            pairs += self._cxm_distribute(Team.browse(team_id), by_team[team_id], now, set(exclude_user_ids))
        self._cxm_write(pairs, now, kind)
        return len(pairs)

    def _cxm_distribute(self, team, rows, now, exclude):
        """[(ticket id, user id, team)] for the ``rows`` (id, team, category, lang, conversation) of ``team``."""
        Agent = self.env["cxm.assignment.agent"].sudo()
        members = team.user_ids.filtered(lambda u: u.id not in exclude)
        available = sorted(Agent._cxm_available(team, members, now))
        if not available:
            return []
        last_dates = self._cxm_lock_agents(available)
        loads = self._cxm_loads(available)
        load = {uid: loads.get(uid, (0, 0))[0] for uid in available}
        convs = {uid: loads.get(uid, (0, 0))[1] for uid in available}
        window = dict.fromkeys(available, 0)
        if team.cxm_assign_window_max:
            window.update(self._cxm_window_counts(available, now - timedelta(hours=team.cxm_assign_window_hours)))
        max_open, max_conv, max_window = (
            team.cxm_assign_max_open,
            team.cxm_assign_max_conversations,
            team.cxm_assign_window_max,
        )

        def room(uid, conversation):
            return (
                (not max_open or load[uid] < max_open)
                and (not conversation or not max_conv or convs[uid] < max_conv)
                and (not max_window or window[uid] < max_window)
            )

        skilled = self._cxm_skill_filter(team, available)
        # tie-break between equal loads: who waited longest since their last assignment goes first
        order = sorted(
            available, key=lambda uid: (last_dates.get(uid) or fields.Datetime.to_datetime("1970-01-01"), uid)
        )
        tiebreak = {uid: rank for rank, uid in enumerate(order)}
        counter = len(order)
        heaps = {}
        rr_ids = available  # sorted by id: the round robin ring
        last = team.cxm_assign_last_user_id.id
        rr_pos = bisect.bisect_right(rr_ids, last) if last else 0
        pairs = []
        for ticket_id, _team_id, category_id, lang, conversation in rows:
            # one heap per kind of ticket: who may take it depends on skills (if matched) and on the channel
            key = (category_id, lang, conversation) if team.cxm_assign_skills else conversation
            uid = None
            if team.cxm_assign_policy == "round_robin":
                for step in range(len(rr_ids)):
                    candidate = rr_ids[(rr_pos + step) % len(rr_ids)]
                    if skilled(candidate, category_id, lang) and room(candidate, conversation):
                        uid = candidate
                        rr_pos = (rr_pos + step + 1) % len(rr_ids)
                        break
            else:
                heap = heaps.get(key)
                if heap is None:
                    heap = [(load[u], tiebreak[u], u) for u in available if skilled(u, category_id, lang)]
                    heapq.heapify(heap)
                    heaps[key] = heap
                while heap:
                    entry_load, entry_tb, candidate = heap[0]
                    if (entry_load, entry_tb) != (load[candidate], tiebreak[candidate]):
                        heapq.heapreplace(heap, (load[candidate], tiebreak[candidate], candidate))
                    elif not room(candidate, conversation):
                        heapq.heappop(heap)  # loads only grow during a run: full now, full until the end
                    else:
                        uid = candidate
                        break
            if uid is None:
                continue
            load[uid] += 1
            convs[uid] += int(conversation)
            window[uid] += 1
            counter += 1
            tiebreak[uid] = counter
            pairs.append((ticket_id, uid, team))
        return pairs

    def _cxm_skill_filter(self, team, user_ids):
        """A function (user id, category id, language code) -> may this agent take such a ticket."""
        if not team.cxm_assign_skills:
            return lambda uid, category_id, lang: True
        self.env["cxm.assignment.agent"].flush_model()
        self.env["res.partner"].flush_model(["lang"])
        self.env.cr.execute(
            SQL(
                """SELECT u.id, p.lang,
                          ARRAY(SELECT l.code FROM cxm_assignment_agent_lang_rel r JOIN res_lang l ON l.id = r.lang_id
                                 WHERE r.agent_id = a.id),
                          ARRAY(SELECT c.category_id FROM cxm_assignment_agent_category_rel c WHERE c.agent_id = a.id)
                     FROM res_users u
                     JOIN res_partner p ON p.id = u.partner_id
                LEFT JOIN cxm_assignment_agent a ON a.user_id = u.id
                    WHERE u.id = ANY(%s)""",
                list(user_ids),
            )
        )
        langs, categories = {}, {}
        for uid, own_lang, lang_codes, category_ids in self.env.cr.fetchall():
            langs[uid] = set(lang_codes or ()) or {own_lang}
            categories[uid] = set(category_ids or ())

        def skilled(uid, category_id, lang):
            if lang and lang not in langs.get(uid, ()):
                return False
            cats = categories.get(uid)
            return not cats or not category_id or category_id in cats

        return skilled

    def _cxm_lock_agents(self, user_ids):
        """Make sure each agent has a profile row and lock those rows (in id order, against deadlocks);
        return {user id: last assignment date}."""
        cr = self.env.cr
        self.env["cxm.assignment.agent"].flush_model()
        cr.execute(
            SQL(
                """INSERT INTO cxm_assignment_agent
                          (user_id, active, accepts_tickets, assign_count,
                           create_uid, write_uid, create_date, write_date)
                   SELECT u, TRUE, TRUE, 0, %(uid)s, %(uid)s, %(now)s, %(now)s FROM unnest(%(ids)s::int[]) u
                   ON CONFLICT (user_id) DO NOTHING""",
                uid=self.env.uid,
                now=fields.Datetime.now(),
                ids=list(user_ids),
            ),
            log_exceptions=False,  # a lost race is retried by Odoo, not an error
        )
        cr.execute(
            SQL(
                """SELECT user_id, last_assign_date FROM cxm_assignment_agent
                    WHERE user_id = ANY(%s) ORDER BY id FOR UPDATE""",
                list(user_ids),
            ),
            log_exceptions=False,  # a lost race is retried by Odoo, not an error
        )
        return dict(cr.fetchall())

    def _cxm_window_counts(self, user_ids, since):
        self.env["cxm.assignment.log"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT user_id, count(*) FROM cxm_assignment_log
                    WHERE user_id = ANY(%s) AND date >= %s GROUP BY user_id""",
                list(user_ids),
                since,
            )
        )
        return dict(self.env.cr.fetchall())

    def _cxm_write(self, pairs, now, kind):
        """Write the assignees, the log rows, the agents' rows and the round robin pointers."""
        if not pairs:
            return
        cr = self.env.cr
        Ticket = self.env["helpdesk.ticket"].sudo()
        if len(pairs) <= ORM_BATCH:
            by_user = defaultdict(list)
            for ticket_id, uid, _team in pairs:
                by_user[uid].append(ticket_id)
            for uid, ticket_ids in by_user.items():
                Ticket.browse(ticket_ids).write({"user_id": uid})
            Ticket.flush_model()
        else:
            cr.execute(
                SQL(
                    """UPDATE helpdesk_ticket t
                          SET user_id = v.uid, assigned_date = %(now)s, write_date = %(now)s, write_uid = %(me)s
                         FROM unnest(%(tickets)s::int[], %(users)s::int[]) v(id, uid)
                        WHERE t.id = v.id""",
                    now=now,
                    me=self.env.uid,
                    tickets=[p[0] for p in pairs],
                    users=[p[1] for p in pairs],
                ),
                log_exceptions=False,  # a lost race is retried by Odoo, not an error
            )
            Ticket.invalidate_model(["user_id", "assigned_date", "write_date", "write_uid"])
            # what the ORM write would do besides: the agent follows their tickets (no mail per ticket for a batch)
            by_user = defaultdict(list)
            for ticket_id, uid, _team in pairs:
                by_user[uid].append(ticket_id)
            Followers = self.env["mail.followers"].sudo()
            for user in self.env["res.users"].sudo().browse(list(by_user)):
                Followers._insert_followers("helpdesk.ticket", by_user[user.id], user.partner_id.ids)
            Ticket.invalidate_model(["message_follower_ids", "message_partner_ids"])
        cr.execute(
            SQL(
                """INSERT INTO cxm_assignment_log
                          (ticket_id, user_id, team_id, company_id, date, policy, kind,
                           create_uid, write_uid, create_date, write_date)
                   SELECT v.ticket, v.uid, v.team, t.company_id, %(now)s, v.policy, %(kind)s,
                          %(me)s, %(me)s, %(now)s, %(now)s
                     FROM unnest(%(tickets)s::int[], %(users)s::int[], %(teams)s::int[], %(policies)s::varchar[])
                          v(ticket, uid, team, policy)
                     JOIN helpdesk_ticket t ON t.id = v.ticket""",
                now=now,
                kind=kind,
                me=self.env.uid,
                tickets=[p[0] for p in pairs],
                users=[p[1] for p in pairs],
                teams=[p[2].id for p in pairs],
                policies=[p[2].cxm_assign_policy for p in pairs],
            )
        )
        counts = defaultdict(int)
        last_of_team = {}
        for _ticket_id, uid, team in pairs:
            counts[uid] += 1
            if team.cxm_assign_policy == "round_robin":
                last_of_team[team.id] = uid
        cr.execute(
            SQL(
                """UPDATE cxm_assignment_agent a SET last_assign_date = %s, assign_count = a.assign_count + v.n
                     FROM unnest(%s::int[], %s::int[]) v(uid, n) WHERE a.user_id = v.uid""",
                now,
                list(counts),
                list(counts.values()),
            ),
            log_exceptions=False,  # a lost race is retried by Odoo, not an error
        )
        if last_of_team:  # round robin teams only: two workers of one such team serialise on its row
            cr.execute(
                SQL(
                    """UPDATE helpdesk_ticket_team tm SET cxm_assign_last_user_id = v.uid
                     FROM unnest(%s::int[], %s::int[]) v(team, uid) WHERE tm.id = v.team""",
                    list(last_of_team),
                    list(last_of_team.values()),
                ),
                log_exceptions=False,  # a lost race is retried by Odoo, not an error
            )
        self.env["cxm.assignment.agent"].invalidate_model(["last_assign_date", "assign_count"])
        self.env["cxm.assignment.log"].invalidate_model()
        self.env["helpdesk.ticket.team"].invalidate_model(["cxm_assign_last_user_id"])

    # ------------------------------------------------------------------ re-assignment
    @api.model
    def _cxm_reassign_from(self, users, teams=None):
        """Hand the open tickets of ``users`` (in ``teams``, default all automatic teams) to other agents;
        those nobody can take now wait unassigned. Returns the number handed out."""
        domain = [
            ("user_id", "in", users.ids),
            ("stage_id.closed", "=", False),
            ("team_id.cxm_assign_policy", "!=", "manual"),
        ]
        if teams is not None:
            domain.append(("team_id", "in", teams.ids))
        tickets = self.env["helpdesk.ticket"].sudo().search(domain)
        if not tickets:
            return 0
        tickets.write({"user_id": False})
        return self._cxm_assign(tickets, "reassign", exclude_user_ids=users.ids)

    @api.model
    def _cxm_reassign_absent(self, teams):
        """Open tickets of members not available now go to the members who are."""
        now = fields.Datetime.now()
        count = 0
        Agent = self.env["cxm.assignment.agent"].sudo()
        for team in teams.sudo().filtered(lambda t: t.cxm_assign_policy != "manual"):
            available = Agent._cxm_available(team, team.user_ids, now)
            absent = team.user_ids.filtered(lambda u, available=available: u.id not in available)
            if absent:
                count += self._cxm_reassign_from(absent, team)
        return count

    @api.model
    def _cxm_assign_waiting_batch(self, after_id=0, limit=2000):
        """Hand out up to ``limit`` waiting tickets (unassigned, open, automatic team) with ids above
        ``after_id``. Returns (number assigned, last id looked at, 0 when there were none)."""
        domain = [
            ("id", ">", after_id),
            ("user_id", "=", False),
            ("stage_id.closed", "=", False),
            ("team_id.cxm_assign_policy", "!=", "manual"),
        ]
        tickets = self.env["helpdesk.ticket"].sudo().search(domain, order="id", limit=limit)
        return self._cxm_assign(tickets, "new"), tickets[-1:].id or 0

    @api.model
    def _cron_cxm_assign_waiting(self, batch_size=2000):
        """Tickets that waited (nobody available, every agent full) go out once agents can take them."""
        last_id = 0
        while True:
            assigned, last_id = self._cxm_assign_waiting_batch(last_id, batch_size)
            if not last_id or not self.env["ir.cron"]._commit_progress(assigned):
                break
