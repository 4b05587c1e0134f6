# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from unittest import mock

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SocialCase


@tagged("post_install", "-at_install")
class TestComplaintSite(SocialCase):
    def poll(self):
        with mock.patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=float("inf")):
            self.env["cxm.social.connector"]._cxm_poll(self.sikayetvar)
        self.run_jobs()

    def test_polled_complaints_answered_and_resolved(self):
        """Complaints polled page by page become tickets with public state, URL and SLA of the public
        complaint process; the answer goes to the site; the customer's rating resolves the complaint."""
        _process, category = self.env["cxm.social.connector"]._cxm_public_complaint_process(first_answer_hours=2)
        self.sikayetvar.cxm_category_id = category
        config = json.loads(self.sikayetvar.cxm_social_config)
        config["poll"]["limit"] = 2
        self.sikayetvar.cxm_social_config = json.dumps(config)
        self.site.add("SV-1", "Ürün bozuk geldi, değişim yapılmıyor", member="m-1", phone="0532 111 22 33")
        self.site.add("SV-2", "Para iadem yapılmadı", member="m-2", name="Mehmet Öz")
        self.site.add("SV-3", "Kurye paketi kapıya bıraktı", member="m-1")
        self.poll()
        tickets = self.tickets(self.sikayetvar)
        self.assertEqual(len(tickets), 3, "one ticket per complaint, even of the same member")
        self.assertEqual(self.sikayetvar.cxm_social_cursor, "3")
        first = tickets.filtered(lambda t: t.cxm_social_post_id == "SV-1")
        self.assertEqual(first.partner_id.phone and first.partner_id.phone.replace(" ", "")[-10:], "5321112233")
        self.assertEqual(
            (first.cxm_social_public_state, first.cxm_social_url, first.cxm_social_platform),
            ("open", "https://www.sikayetvar.com/acme/SV-1", "sikayetvar"),
        )
        self.assertEqual(first.cxm_process_id, _process, "routed to the public complaint process")
        self.assertTrue(first.cxm_sla_deadline, "the first public answer is due")
        self.assertEqual(tickets.filtered(lambda t: t.cxm_social_post_id == "SV-3").partner_id, first.partner_id)

        self.reply(first, "Değişim talebinizi onayladık.")
        self.assertEqual(self.site.answers, [("SV-1", {"message": "Değişim talebinizi onayladık."})])
        self.assertEqual(first.cxm_social_public_state, "answered")

        # the customer rates the answer: the next poll sees the complaint again, changed, once
        self.site.update("SV-1", status="RESOLVED", rating=5)
        self.poll()
        self.poll()
        self.assertEqual((first.cxm_social_public_state, first.cxm_social_rating), ("resolved", "5"))
        self.assertEqual(len(self.tickets(self.sikayetvar)), 3)
        self.assertEqual(len(first.cxm_channel_message_ids.filtered(lambda m: m.direction == "in")), 1)

    def test_poll_resumes_after_a_failure(self):
        """The site fails after the first page: what was read is kept, the next poll resumes there."""
        config = json.loads(self.sikayetvar.cxm_social_config)
        config["poll"]["limit"] = 1
        self.sikayetvar.cxm_social_config = json.dumps(config)
        for n in range(3):
            self.site.add(f"R-{n}", f"Şikayet {n}", member=f"r{n}")
        self.site.fail_after = 1
        self.poll()
        self.assertEqual(len(self.tickets(self.sikayetvar)), 1)
        self.assertEqual(self.sikayetvar.cxm_social_cursor, "1")
        self.assertEqual(self.sikayetvar.cxm_social_last_poll_error, "HTTP 503")
        self.site.fail_after = None
        self.poll()
        self.assertEqual(len(self.tickets(self.sikayetvar)), 3)
        self.assertEqual(self.sikayetvar.cxm_social_cursor, "3")
        self.assertFalse(self.sikayetvar.cxm_social_last_poll_error)

    def test_webhook_intake_and_bad_input(self):
        """Complaints pushed to the webhook; replays, unknown keys, malformed bodies and signatures refused."""
        url = f"{self.base_url()}/cxm/api/v1/social/{self.sikayetvar.sudo().cxm_webhook_key}/complaints"
        complaint = self.site.add("W-1", "Fatura iki kez kesildi", member="w1")
        self.env.flush_all()
        with self.allow_requests(all_requests=True):
            answers = [self.site.push(url, [complaint]) for _ in range(2)]
            unknown = self.site.push(url.replace("/social/", "/social/x"), [complaint])
            malformed = self.site.push(url, [{"content": "no id"}])
        self.assertEqual(answers[0], (200, {"accepted": 1, "duplicates": 0, "updated": 0}))
        self.assertEqual(answers[1], (200, {"accepted": 0, "duplicates": 1, "updated": 0}))
        self.assertEqual(unknown[0], 404)
        self.assertEqual((malformed[0], malformed[1]["error"]), (400, "invalid"))
        status, answer = self.api(
            f"/v1/social/{self.sikayetvar.sudo().cxm_webhook_key}/complaints", b"{not json", key=False
        )
        self.assertEqual((status, answer["error"]), (400, "invalid_json"))
        self.sikayetvar.write({"signature_scheme": "generic", "secret": "hook-secret"})
        self.env.flush_all()
        with self.allow_requests(all_requests=True):
            unsigned = self.site.push(url, [self.site.add("W-2", "İmzasız", member="w2")])
        self.assertEqual((unsigned[0], unsigned[1]["error"]), (401, "bad_signature"))
        self.run_jobs()
        self.assertEqual(self.tickets(self.sikayetvar).mapped("cxm_social_post_id"), ["W-1"])

    def test_connector_configuration_is_checked(self):
        with self.assertRaisesRegex(ValidationError, "answer.path"):
            self.sikayetvar.cxm_social_config = json.dumps(
                dict(json.loads(self.sikayetvar.cxm_social_config), answer={"path": "answers"})
            )
        with self.assertRaisesRegex(ValidationError, "JSON"):
            self.sikayetvar.cxm_social_config = "{nope"
