# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job

from .common import WhatsappCase


@tagged("post_install", "-at_install")
class TestWhatsappUi(WhatsappCase):
    def authenticate(self, user, password, *args, **kwargs):
        session = super().authenticate(user, password, *args, **kwargs)
        if hasattr(self, "_signed_in"):
            self._signed_in.set()
        return session

    def _job_runner(self, stop):
        """What queue_job's runner does in production, on the test's cursor (shared with the server).
        It starts once the tour has signed in: signing in flushes the test's cursor, which must not
        happen while this thread uses it."""
        self._signed_in.wait(60)
        while not stop.wait(0.3):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                for record in env["queue.job"].search([("state", "=", "pending")], order="id"):
                    job = Job.load(env, record.uuid)
                    job.set_started()
                    job.perform()
                    job.set_done()
                    job.store()

    def test_agent_answers_and_sees_the_delivery_status(self):
        self.customer_says("wamid.UI1", "Siparişim nerede?")
        self.run_jobs()
        ticket = self.ticket_of()
        ticket.user_id = self.agent
        self.fake.auto_status = 0.2
        self.env.flush_all()
        stop, self._signed_in = threading.Event(), threading.Event()
        runner = threading.Thread(target=self._job_runner, args=(stop,), daemon=True)
        runner.start()
        # the provider's status callbacks come without the browser's test cookie
        self.http_request_allow_all = True
        try:
            self.start_tour(f"/odoo/helpdesk.ticket/{ticket.id}", "cxm_whatsapp_reply_tour", login="wa_agent")
        finally:
            self.http_request_allow_all = False
            stop.set()
            runner.join(10)
            self.fake.auto_status = None
        out = ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")
        self.assertEqual((out.body, out.state), ("Kargonuz yolda", "read"))
        self.assertEqual(self.fake.sent[0][1]["text"]["body"], "Kargonuz yolda")
