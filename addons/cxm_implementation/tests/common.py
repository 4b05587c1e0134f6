# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class ImplementationCommon(TransactionCase):
    """A project administrator, a project member, a salesperson, three people
    (two certified) and a live process copied from the complaint template."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True, tracking_disable=True)
        )
        cls.pm = new_test_user(
            cls.env, "impl_pm", groups="project.group_project_manager,survey.group_survey_user", name="Pelin Manager"
        )
        cls.member = new_test_user(cls.env, "impl_member", groups="project.group_project_user")
        cls.outsider = new_test_user(cls.env, "impl_outsider", groups="project.group_project_user")
        cls.salesman = new_test_user(cls.env, "impl_sales", groups="sales_team.group_sale_salesman")
        cls.customer = cls.env["res.partner"].create({"name": "Ege Gıda A.Ş.", "is_company": True})
        cls.marketing, cls.service, cls.it = cls.env["res.partner"].create(
            [
                {"name": "Ayla Pazar", "parent_id": cls.customer.id},
                {"name": "Cem Hizmet", "parent_id": cls.customer.id},
                {"name": "Işık Bilgi", "parent_id": cls.customer.id},
            ]
        )
        cls.design = cls.env.ref("cxm_service_catalog.product_design_customer_service").product_variant_id
        cls._certify(cls.marketing)
        cls._certify(cls.service)
        cls.process = cls.env.ref("cxm_process.template_complaint")._cxm_copy_from_template("Ege complaints")

    @classmethod
    def _certify(cls, partner, expiry=None):
        return cls.env["cxm.certificate"].create(
            {
                "partner_id": partner.id,
                "product_id": cls.design.id,
                "date": date.today() - relativedelta(days=30),
                "expiry_date": expiry or date.today() + relativedelta(months=23),
                "score": 90,
            }
        )

    def _project(self, **vals):
        project = (
            self.env["project.project"]
            .with_user(self.pm)
            .create(
                dict({"name": "Ege rollout", "partner_id": self.customer.id, "cxm_is_implementation": True}, **vals)
            )
        )
        project.message_subscribe(partner_ids=self.member.partner_id.ids)
        return project

    def _key_users(self, project, *pairs):
        return self.env["cxm.implementation.key.user"].create(
            [{"project_id": project.id, "partner_id": partner.id, "role": role} for partner, role in pairs]
        )

    @staticmethod
    def _milestone(project, step):
        return project.milestone_ids.filtered(lambda m: m.cxm_step == step)

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaisesRegex inside Odoo's savepoint: what the refused call wrote is rolled back."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)
