# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import PDF, PNG, HelpCentreFixture


@tagged("post_install", "-at_install")
class TestIntake(HelpCentreFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()
        cls.public_env = cls.env(user=cls.env.ref("base.public_user"))
        cls.Intake = cls.public_env["cxm.selfservice.intake"]

    def _count(self):
        return self.env["helpdesk.ticket"].search_count([("category_id", "=", self.category.id)])

    def test_anonymous_submission_routed_with_readable_answers(self):
        category = self.public_env["helpdesk.ticket.category"].browse(self.category.id)
        result = self.Intake._cxm_submit(category, self._valid_params(gift="yes"), {"receipt": [("r.pdf", PDF)]})
        self.assertNotIn("errors", result)
        ticket = result["ticket"].with_env(self.env)
        self.assertEqual(ticket.name, "Shoes too small", "the subject field fills the ticket title")
        self.assertEqual(ticket.team_id, self.team, "routed by the category's rule")
        self.assertEqual(ticket.channel_id.cxm_code, "web_form")
        self.assertEqual(ticket.partner_id.email, "ayse.help@example.com", "customer created from the e-mail")
        answers = {a.key: a.value for a in ticket.cxm_answer_ids}
        self.assertEqual(answers["amount"], "499.9")
        self.assertEqual(answers["bought"], "2026-11-20")
        self.assertEqual(answers["gift"], "Yes")
        self.assertEqual(answers["receipt"], "r.pdf")
        self.assertNotIn("other_reason", answers, "a hidden field is not stored")
        self.assertIn("Bought on", ticket.cxm_answers_html)
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["r.pdf"])
        self.assertTrue(ticket.access_token, "the status link carries a token")
        mail = self.env["mail.mail"].search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
        self.assertIn(ticket.number, mail.subject, "the acknowledgement names the reference")
        self.assertIn(f"/help/verify/{ticket.id}?token=", str(mail.body_html), "the mailed link confirms the sender")
        self.assertEqual(ticket.cxm_sender_state, "new")
        self.assertTrue(result["show_status_link"], "a new contact sees their own status link")

    def test_known_customer_found_by_email_then_phone(self):
        known = self.env["res.partner"].create(
            {"name": "Known Customer", "email": "Known.Customer@Example.com", "phone": "+905321112299"}
        )
        category = self.public_env["helpdesk.ticket.category"].browse(self.category.id)
        by_email = self.Intake._cxm_submit(category, self._valid_params(email="known.customer@example.com"))
        self.assertEqual(by_email["ticket"].partner_id, known)
        by_phone = self.Intake._cxm_submit(category, self._valid_params(email="", phone="0532 111 22 99"))
        self.assertEqual(by_phone["ticket"].partner_id, known, "the phone is normalised before the look-up")
        for result in (by_email, by_phone):
            self.assertEqual(result["ticket"].cxm_sender_state, "matched")
            self.assertFalse(result["show_status_link"], "the sender of a known customer's details gets no link")

    def test_errors_per_field_change_nothing(self):
        category = self.public_env["helpdesk.ticket.category"].browse(self.category.id)
        before = self._count()
        params = self._valid_params(
            subject="", amount="lots", bought="20/11/2026", reason="Other", other_reason="", email="", name=""
        )
        result = self.Intake._cxm_submit(category, params)
        self.assertEqual(
            set(result["errors"]), {"subject", "amount", "bought", "other_reason", "email", "name"}, result["errors"]
        )
        bad_choice = self.Intake._cxm_submit(category, self._valid_params(reason="<script>alert(1)</script>"))
        self.assertEqual(set(bad_choice["errors"]), {"reason"})
        self.assertEqual(self._count(), before, "nothing created")

    def test_file_checks(self):
        category = self.public_env["helpdesk.ticket.category"].browse(self.category.id)
        cases = {
            "type": [("evil.html", b"<html><script>alert(1)</script></html>")],
            "disguised": [("invoice.pdf", PNG)],
            "count": [(f"r{i}.pdf", PDF) for i in range(4)],
            "size": [("big.pdf", PDF + b"0" * (5 * 1024 * 1024))],
        }
        for case, files in cases.items():
            with self.subTest(case=case):
                result = self.Intake._cxm_submit(category, self._valid_params(), {"receipt": files})
                self.assertIn("receipt", result.get("errors", {}), case)
        self.assertEqual(self._count(), 0)
        ok = self.Intake._cxm_submit(category, self._valid_params(), {"receipt": [("../../etc/p<a>.png", PNG)]})
        self.assertEqual(ok["ticket"].attachment_ids.name, "p_a_.png", "path and markup removed from the name")

    def test_hidden_category_refused(self):
        category = self.public_env["helpdesk.ticket.category"].browse(self.hidden_category.id)
        with self.assertRaises(AccessError):
            self.Intake._cxm_submit(category, self._valid_params())

    def test_portal_user_submits_as_themselves(self):
        env = self.env(user=self.portal_user)
        category = env["helpdesk.ticket.category"].browse(self.category.id)
        result = env["cxm.selfservice.intake"]._cxm_submit(category, {"subject": "Mine", "reason": "Wrong size"})
        self.assertEqual(result["ticket"].partner_id, self.portal_user.partner_id)
        self.assertTrue(env["helpdesk.ticket"].search([("id", "=", result["ticket"].id)]), "in their /my/tickets")

    def test_designer_checks(self):
        Field = self.env["cxm.selfservice.form.field"]
        with self.assertRaises(ValidationError):
            Field.create({"category_id": self.category.id, "label": "Bad", "key": "Bad Key"})
        with self.assertRaises(ValidationError):
            Field.create({"category_id": self.category.id, "label": "Pick", "key": "pick", "field_type": "selection"})
        with self.assertRaises(ValidationError):
            self.f_reason.visible_field_id = self.f_other  # a circle
