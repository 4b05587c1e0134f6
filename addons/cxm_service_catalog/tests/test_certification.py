# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestCertification(CatalogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event = cls._training_session()
        order = cls._sell_seats(cls.event, 2)
        cls.reg_a, cls.reg_b = order.order_line.registration_ids
        cls.reg_a.cxm_participant_id, cls.reg_b.cxm_participant_id = cls.key_users
        (cls.reg_a | cls.reg_b).action_confirm()

    def test_pass_with_full_attendance_issues_a_certificate_shown_on_the_contact(self):
        self._attend(self.reg_a, self.event.cxm_day_ids)
        answer = self._answer(self.key_users[0], right=2)
        self.assertTrue(answer.scoring_success)
        cert = self.key_users[0].cxm_certificate_ids
        self.assertEqual(len(cert), 1)
        self.assertEqual(cert.product_id, self.design)
        self.assertEqual(cert.event_id, self.event)
        self.assertEqual(cert.score, 100.0)
        self.assertEqual(cert.expiry_date, cert.date + relativedelta(months=24))
        self.assertTrue(cert.is_valid)
        self.assertEqual(self.key_users[0].cxm_certificate_count, 1)

    def test_fail_issues_nothing(self):
        self._attend(self.reg_a, self.event.cxm_day_ids)
        answer = self._answer(self.key_users[0], right=1)
        self.assertFalse(answer.scoring_success, "50 % is under the pass mark of 70 %")
        self.assertFalse(self.key_users[0].cxm_certificate_ids)

    def test_pass_without_full_attendance_issues_nothing(self):
        self._attend(self.reg_b, self.event.cxm_day_ids[1:])
        self.assertFalse(self.reg_b.cxm_may_certify)
        self._answer(self.key_users[1], right=2)
        self.assertFalse(self.key_users[1].cxm_certificate_ids, "full, uninterrupted attendance is mandatory")

    def test_certification_invitation_only_for_those_who_may_certify(self):
        with self.assertRefused(UserError, "Nobody may take the certification yet"):
            self.event.action_cxm_send_certification()
        self._attend(self.reg_a, self.event.cxm_day_ids)
        action = self.event.action_cxm_send_certification()
        self.assertEqual(action["res_model"], "survey.invite")
        self.assertEqual(action["context"]["default_partner_ids"], self.key_users[0].ids)

    def test_certificates_expire(self):
        self._attend(self.reg_a, self.event.cxm_day_ids)
        self._answer(self.key_users[0])
        cert = self.key_users[0].cxm_certificate_ids
        Cert = self.env["cxm.certificate"]
        self.assertIn(cert, Cert.search([("is_valid", "=", True)]))
        with freeze_time(cert.expiry_date + relativedelta(days=1)):
            cert.invalidate_recordset(["is_valid"])
            self.assertFalse(cert.is_valid)
            self.assertNotIn(cert, Cert.search([("is_valid", "=", True)]))
            self.assertIn(cert, Cert.search([("is_valid", "=", False)]))
            self.key_users[0].invalidate_recordset(["cxm_certificate_count"])
            self.assertEqual(self.key_users[0].cxm_certificate_count, 0)
        self.assertGreater(cert.expiry_date, date.today())
