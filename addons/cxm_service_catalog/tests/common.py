# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class CatalogCommon(TransactionCase):
    """The catalogue as installed, a customer, salespeople, an event manager and a
    certification survey with two questions (pass mark 70 %)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True, tracking_disable=True)
        )
        cls.salesman = new_test_user(cls.env, "cat_sales", groups="sales_team.group_sale_salesman")
        cls.salesman_other = new_test_user(cls.env, "cat_sales2", groups="sales_team.group_sale_salesman")
        cls.sale_manager = new_test_user(cls.env, "cat_sale_mgr", groups="sales_team.group_sale_manager")
        cls.event_user = new_test_user(cls.env, "cat_event", groups="event.group_event_user")
        cls.desk = new_test_user(cls.env, "cat_desk", groups="event.group_event_registration_desk")
        cls.customer = cls.env["res.partner"].create({"name": "Marmara Tekstil A.Ş.", "is_company": True})
        cls.key_users = cls.env["res.partner"].create(
            [
                {"name": "Deniz Arslan", "email": "deniz@marmara.example.com", "parent_id": cls.customer.id},
                {"name": "Okan Yurt", "email": "okan@marmara.example.com", "parent_id": cls.customer.id},
            ]
        )
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Test certification",
                "access_mode": "token",
                "scoring_type": "scoring_with_answers",
                "scoring_success_min": 70,
                "certification": True,
            }
        )
        cls.questions = cls.env["survey.question"].create(
            [
                {
                    "survey_id": cls.survey.id,
                    "title": f"Question {i}",
                    "question_type": "simple_choice",
                    "suggested_answer_ids": [
                        (0, 0, {"value": "right", "is_correct": True, "answer_score": 10}),
                        (0, 0, {"value": "wrong", "answer_score": 0}),
                    ],
                }
                for i in (1, 2)
            ]
        )
        cls.design = cls.env.ref("cxm_service_catalog.product_design_customer_service").product_variant_id
        cls.design.product_tmpl_id.cxm_certification_survey_id = cls.survey
        cls.enduser = cls.env.ref("cxm_service_catalog.product_enduser_customer_service").product_variant_id
        cls.call_center = cls.env.ref("cxm_service_catalog.product_call_center").product_variant_id
        cls.website = cls.env.ref("cxm_service_catalog.product_selfservice_anonymous").product_variant_id
        cls.workshop_days = cls.env.ref("cxm_service_catalog.product_crm_analysis_design").product_variant_id
        cls.report_fixed = cls.env.ref("cxm_service_catalog.product_bpm_report_design").product_variant_id

    @classmethod
    def _training_session(cls, product=None, price=1500.0, days_ago=None):
        product = product or cls.design
        start = fields.Datetime.now() + timedelta(days=10 if days_ago is None else -days_ago)
        event = cls.env["event.event"].create(
            {
                "name": f"{product.name} session",
                "date_begin": start,
                "date_end": start + timedelta(days=8),
                "cxm_product_id": product.id,
                "event_ticket_ids": [(5, 0, 0), (0, 0, {"name": "Seat", "product_id": product.id, "price": price})]
                if product.cxm_pricing_unit == "participant"
                else [(5, 0, 0)],
            }
        )
        event.action_cxm_generate_days()
        return event

    @classmethod
    def _sell_seats(cls, event, qty, partner=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": event.cxm_product_id.id,
                            "product_uom_qty": qty,
                            "event_id": event.id,
                            "event_ticket_id": event.event_ticket_ids[:1].id,
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def _attend(self, registration, days):
        """Mark ``registration`` present on ``days`` (absent on the others)."""
        event = registration.event_id
        for day in event.cxm_day_ids:
            line = day.attendance_ids.filtered(lambda a: a.registration_id == registration)
            if not line:
                line = self.env["cxm.training.attendance"].create(
                    {"day_id": day.id, "registration_id": registration.id}
                )
            line.present = day in days

    def _answer(self, partner, right=2):
        """``partner`` takes the certification with ``right`` correct answers out of two."""
        answer = self.survey._create_answer(partner=partner, check_attempts=False)
        for i, question in enumerate(self.questions):
            choice = question.suggested_answer_ids.filtered(lambda a, ok=i < right: a.is_correct == ok)
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": answer.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": choice.id,
                }
            )
        answer._mark_done()
        return answer

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like assertRaisesRegex, inside Odoo's savepoint: what the refused call
        wrote is rolled back, so the test can check that nothing changed."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)
