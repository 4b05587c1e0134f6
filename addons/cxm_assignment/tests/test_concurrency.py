# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from functools import partial

from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying
from odoo.sql_db import db_connect
from odoo.tests import new_test_user, tagged
from odoo.tests.common import BaseCase, get_db_name


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    """Two workers assign at once on committed data, each in its own transaction and connection, each
    retried by Odoo's own request loop on a serialisation error: no agent ends above the capacity."""

    AGENTS = 4
    CAPACITY = 5
    PER_WORKER = 15  # 2 x 15 tickets for 4 x 5 places

    def _cursor(self):
        return db_connect(self.dbname).cursor()

    def setUp(self):
        super().setUp()
        self.dbname = get_db_name()
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"mail_create_nolog": True, "tracking_disable": True})
            users = env["res.users"]
            for i in range(self.AGENTS):
                users |= new_test_user(env, f"cxm_conc_agent{i}", groups="cxm_base.group_cxm_agent")
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": "Concurrency Team",
                    "user_ids": [(6, 0, users.ids)],
                    "cxm_assign_policy": "capacity",
                    "cxm_assign_max_open": self.CAPACITY,
                    "cxm_assign_need_presence": False,
                    "cxm_assign_need_hours": False,
                }
            )
            self.user_ids, self.team_id = users.ids, team.id
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["helpdesk.ticket"].search([("team_id", "=", self.team_id)]).unlink()
            env["cxm.assignment.agent"].search([("user_id", "in", self.user_ids)]).unlink()
            env["helpdesk.ticket.team"].browse(self.team_id).unlink()
            users = env["res.users"].browse(self.user_ids)
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            cr.commit()

    def test_capacity_holds_under_two_concurrent_workers(self):
        barrier = threading.Barrier(2)
        errors, attempts = [], []

        def worker(name):
            try:
                with self._cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})

                    def create():
                        attempts.append(name)
                        env["helpdesk.ticket"].create(
                            [
                                {"name": f"{name} {i}", "description": "<p>x</p>", "team_id": self.team_id}
                                for i in range(self.PER_WORKER)
                            ]
                        )

                    barrier.wait(timeout=30)
                    retrying(partial(create), env)
                    cr.commit()
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                errors.append(repr(exc))

        threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(errors)
        with self._cursor() as cr:
            cr.execute(
                """SELECT count(*), count(user_id) FROM helpdesk_ticket WHERE team_id = %s""",
                [self.team_id],
            )
            total, assigned = cr.fetchone()
            cr.execute(
                """SELECT user_id, count(*) FROM helpdesk_ticket WHERE team_id = %s AND user_id IS NOT NULL
                    GROUP BY user_id""",
                [self.team_id],
            )
            loads = dict(cr.fetchall())
        self.assertEqual(total, 2 * self.PER_WORKER, "both workers' tickets exist")
        self.assertEqual(assigned, self.AGENTS * self.CAPACITY, f"every place filled, none twice: {loads}")
        self.assertEqual(max(loads.values()), self.CAPACITY, loads)
        self.assertEqual(len(loads), self.AGENTS)
