# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestAccess(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pm = new_test_user(cls.env, "impl_acc_pm", groups="project.group_project_manager")
        cls.member = new_test_user(cls.env, "impl_acc_member", groups="project.group_project_user")
        cls.outsider = new_test_user(cls.env, "impl_acc_out", groups="project.group_project_user")
        cls.salesman = new_test_user(cls.env, "impl_acc_sales", groups="sales_team.group_sale_salesman")
        cls.agent = new_test_user(cls.env, "impl_acc_agent", groups="cxm_base.group_cxm_agent")
        customer = cls.env["res.partner"].create({"name": "Secret Customer A.Ş."})
        cls.project = (
            cls.env["project.project"]
            .with_user(cls.pm)
            .create({"name": "Secret rollout", "partner_id": customer.id, "cxm_is_implementation": True})
        )
        cls.project.message_subscribe(partner_ids=cls.member.partner_id.ids)
        cls.env["cxm.implementation.key.user"].create(
            {"project_id": cls.project.id, "partner_id": customer.id, "role": "it"}
        )
        cls.project.with_user(cls.pm).action_cxm_new_document()
        cls.doc = cls.project.cxm_document_ids.filtered(lambda d: d.kind == "pad")

    def test_documents_follow_the_project(self):
        Doc = self.env["cxm.implementation.document"]
        KeyUser = self.env["cxm.implementation.key.user"]
        self.assertEqual(Doc.with_user(self.member).search([("id", "=", self.doc.id)]), self.doc)
        self.assertEqual(len(KeyUser.with_user(self.member).search([("project_id", "=", self.project.id)])), 1)
        # a project member who does not follow this followers-only project
        self.assertFalse(Doc.with_user(self.outsider).search([("project_id", "=", self.project.id)]))
        self.assertFalse(KeyUser.with_user(self.outsider).search([("project_id", "=", self.project.id)]))
        with self.assertRaises(AccessError):
            self.doc.with_user(self.outsider).read(["content"])
        # no project role at all
        for user in (self.salesman, self.agent):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.doc.with_user(user).read(["content"])
                with self.assertRaises(AccessError):
                    KeyUser.with_user(user).search([])

    def test_a_member_cannot_draw_documents_of_a_project_they_cannot_write(self):
        with self.assertRaises(AccessError):
            self.project.with_user(self.outsider).action_cxm_new_document()
        self.assertEqual(len(self.project.cxm_document_ids), 3)

    def test_xlsx_download_as_the_requesting_user(self):
        url = f"/cxm/implementation/document/{self.doc.id}/xlsx"
        self.authenticate("impl_acc_member", "impl_acc_member")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        self.assertIn("Secret rollout", [c.value for row in book["Document"].iter_rows() for c in row])
        self.assertIn("Secret%20rollout", response.headers["Content-Disposition"])
        self.authenticate("impl_acc_out", "impl_acc_out")
        self.assertEqual(self.url_open(url).status_code, 404, "another project's document does not exist for you")
        self.assertEqual(self.url_open("/cxm/implementation/document/999999/xlsx").status_code, 404)
        self.authenticate(None, None)
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (303, 302), "anonymous visitors are sent to the login page")

    def test_xlsx_report_checks_the_requesting_user(self):
        """report_xlsx's own route renders any report by name and id: the
        report reads the version as the requesting user first."""
        report = "cxm_implementation.action_report_implementation_document_xlsx"
        Report = self.env["ir.actions.report"]
        book = openpyxl.load_workbook(
            io.BytesIO(Report.with_user(self.member)._render_xlsx(report, self.doc.ids, None)[0]), read_only=True
        )
        self.assertIn("Secret rollout", [c.value for row in book["Document"].iter_rows() for c in row])
        with self.assertRaises(AccessError):
            Report.with_user(self.outsider)._render_xlsx(report, self.doc.ids, None)
        self.authenticate("impl_acc_out", "impl_acc_out")
        with mute_logger("odoo.http"):
            response = self.url_open(f"/report/xlsx/cxm_implementation.implementation_document_xlsx/{self.doc.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"Secret rollout", response.content)
