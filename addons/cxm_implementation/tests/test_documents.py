# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl
import pypdf

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ImplementationCommon


@tagged("post_install", "-at_install")
class TestDocuments(ImplementationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["cxm.integration.instance"].create(
            {"name": "Ege PBX", "code": "t-ege-pbx", "kind": "call_center", "state": "active"}
        )

    def _design(self, project):
        return self.env["cxm.implementation.document"].search(
            [("project_id", "=", project.id), ("kind", "=", "solution_design")], limit=1
        )

    def _rows(self, doc, key):
        return next(s for s in doc._cxm_sections() if s["key"] == key)["rows"]

    def test_documents_reflect_the_live_configuration_and_the_approved_version_does_not_change(self):
        project = self._project()
        project.with_user(self.pm).action_cxm_new_document()
        docs = project.cxm_document_ids
        self.assertEqual(
            sorted(docs.mapped("name")), ["Integration Plan v1", "Project Analysis Document v1", "Solution Design v1"]
        )
        plan = docs.filtered(lambda d: d.kind == "integration_plan")
        self.assertIn(["Ege PBX", "Call centre", "generic", "Active"], self._rows(plan, "instances"))
        v1 = self._design(project)
        transition = self.process.transition_ids.sorted("sequence")[0]
        self.assertTrue(any(row[1] == transition.name for row in self._rows(v1, "transitions")))

        project.with_user(self.pm).action_cxm_new_document()
        self.assertEqual(len(project.cxm_document_ids), 3, "nothing changed: no new version")

        v1.with_user(self.pm).action_approve()
        self.assertEqual((v1.state, v1.approved_by_id), ("approved", self.pm))
        self.assertTrue(v1.approved_on)
        self.assertFalse(v1.live_changed)

        # the configuration changes: a transition is renamed
        old_name = transition.name
        transition.name = "Escalate to legal"
        v1.invalidate_recordset(["live_changed", "live_changes_html"])
        self.assertTrue(v1.live_changed)
        self.assertIn("Changed since approved version 1", v1.live_changes_html)
        self.assertIn("Escalate to legal", v1.live_changes_html)
        self.assertTrue(any(row[1] == old_name for row in self._rows(v1, "transitions")), "v1 keeps what was approved")

        project.with_user(self.pm).action_cxm_new_document()
        v2 = self._design(project)
        self.assertEqual((v2.version, v2.state), (2, "draft"))
        self.assertTrue(any(row[1] == "Escalate to legal" for row in self._rows(v2, "transitions")))
        self.assertIn("Escalate to legal", v2.changes_html)
        self.assertIn(old_name, v2.changes_html)
        self.assertEqual(len(project.cxm_document_ids), 4, "only the changed document gets a new version")

    def test_approval_is_binding(self):
        project = self._project()
        project.with_user(self.pm).action_cxm_new_document()
        v1 = self._design(project)
        with self.assertRefused(AccessError, "Only project administrators approve"):
            v1.with_user(self.member).action_approve()
        self.assertEqual(v1.state, "draft")
        v1.with_user(self.pm).action_approve()
        approved_on = v1.approved_on
        with self.assertRefused(UserError, "already approved by Pelin Manager"):
            v1.with_user(self.pm).action_approve()
        self.assertEqual(v1.approved_on, approved_on)
        with self.assertRefused(UserError, "not edited"):
            v1.with_user(self.pm).write({"content": "[]"})
        with self.assertRaises(UserError):  # the write guard or the ACL (AccessError is a UserError)
            v1.with_user(self.member).write({"content": "[]"})
        self.assertNotEqual(v1.content, "[]")
        with self.assertRefused(UserError, "binding record"):
            v1.with_user(self.pm).unlink()
        # a draft that is no longer the latest version cannot be approved either
        self.process.status_ids[0].sla_hours = 99
        project.with_user(self.pm).action_cxm_new_document()
        v2 = self._design(project)
        self.process.status_ids[0].sla_hours = 98
        project.with_user(self.pm).action_cxm_new_document()
        self.assertEqual((v2.version, self._design(project).version), (2, 3))
        with self.assertRefused(UserError, "Only the latest version can be approved: Solution Design v3 is newer"):
            v2.with_user(self.pm).action_approve()
        self.assertEqual(v2.state, "draft")
        with self.assertRefused(UserError, "already approved"):
            v1.with_user(self.pm).action_approve()

    def test_analysis_step_needs_an_approved_solution_design(self):
        project = self._project()
        self._certify(self.it)
        self._key_users(
            project, (self.marketing, "marketing_sales"), (self.service, "customer_service"), (self.it, "it")
        )
        self._milestone(project, "key_users").is_reached = True
        self._milestone(project, "training").is_reached = True
        with self.assertRefused(UserError, "The Solution Design has no approved version"):
            self._milestone(project, "analysis").is_reached = True
        project.with_user(self.pm).action_cxm_new_document()
        self._design(project).with_user(self.pm).action_approve()
        self._milestone(project, "analysis").is_reached = True
        self.assertEqual(project.cxm_step, "customisation")

    def test_xlsx_and_printed_document_read_back(self):
        project = self._project()
        self._key_users(project, (self.marketing, "marketing_sales"))
        project.with_user(self.pm).action_cxm_new_document()
        design = self._design(project)
        design.with_user(self.pm).action_approve()
        transition_name = self.process.transition_ids.sorted("sequence")[0].name
        book = openpyxl.load_workbook(io.BytesIO(design.with_user(self.member)._cxm_xlsx()), read_only=True)
        self.assertIn("3 Transitions", book.sheetnames)
        first = book["Document"]
        self.assertEqual([c.value for c in next(first.iter_rows(max_row=1))][:2], ["Document", "Solution Design v1"])
        transitions = [[c.value for c in row] for row in book["3 Transitions"].iter_rows()]
        self.assertEqual(transitions[0][:4], ["Process", "Transition", "From", "To"])
        self.assertTrue(any(row[0] == "Ege complaints" for row in transitions[1:]))
        pad = project.cxm_document_ids.filtered(lambda d: d.kind == "pad")
        pad_book = openpyxl.load_workbook(io.BytesIO(pad._cxm_xlsx()), read_only=True)
        key_users = [[c.value for c in row] for row in pad_book["2 Key users"].iter_rows()]
        self.assertIn(["Ege Gıda A.Ş., Ayla Pazar", "Marketing / sales", "yes"], [r[:3] for r in key_users])

        # the PDF as downloaded: the QWeb report printed by wkhtmltopdf, its text read back
        # wkhtmltopdf loads the report's assets from this test's server
        self.env["ir.config_parameter"].set_param("report.url", HttpCase.base_url())
        with self.allow_pdf_render():
            pdf = design.with_user(self.member)._cxm_pdf()
            pad_pdf = pad._cxm_pdf()
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        text = " ".join(text.split())
        for expected in ("Solution Design v1", "Ege rollout", "Approved by Pelin Manager", "Ege complaints"):
            self.assertIn(expected, text)
        self.assertIn(transition_name, text, "the transitions table is printed")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("cxm_implementation.action_report_implementation_document", design.ids)[0]
            .decode()
        )
        self.assertIn("<svg", html, "the process diagram is printed")
        pad_text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pad_pdf)).pages)
        self.assertIn("Draft: not approved", " ".join(pad_text.split()))
        self.assertIn("Ege Gıda A.Ş., Ayla Pazar", " ".join(pad_text.split()))
