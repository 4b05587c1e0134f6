# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl
import pypdf

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKeyUserPortal(HttpCase):
    """Key users are the customer's people: with portal access (Odoo's portal
    wizard) they see their own project's approved documents and their own
    certificates, and nothing of another project."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True))
        cls.pm = new_test_user(
            cls.env, "impl_portal_pm", groups="project.group_project_manager,base.group_partner_manager"
        )
        design = cls.env.ref("cxm_service_catalog.product_design_customer_service").product_variant_id
        cls.projects, cls.people = [], []
        for name in ("Anadolu", "Rakip"):
            customer = cls.env["res.partner"].create({"name": f"{name} A.Ş.", "is_company": True})
            person = cls.env["res.partner"].create(
                {"name": f"{name} Key User", "email": f"key@{name.lower()}.example.com", "parent_id": customer.id}
            )
            cls.env["cxm.certificate"].create({"partner_id": person.id, "product_id": design.id, "score": 88})
            project = (
                cls.env["project.project"]
                .with_user(cls.pm)
                .create({"name": f"{name} rollout", "partner_id": customer.id, "cxm_is_implementation": True})
            )
            cls.env["cxm.implementation.key.user"].create(
                {"project_id": project.id, "partner_id": person.id, "role": "it"}
            )
            project.with_user(cls.pm).action_cxm_new_document()
            project.cxm_document_ids.filtered(lambda d: d.kind == "solution_design").with_user(cls.pm).action_approve()
            cls.projects.append(project)
            cls.people.append(person)
        cls.mine, cls.theirs = cls.projects
        # Odoo's portal wizard, opened from the project for its key users
        action = cls.mine.with_user(cls.pm).action_cxm_key_user_portal()
        wizard = cls.env["portal.wizard"].browse(action["res_id"])
        cls.wizard_partners = wizard.user_ids.partner_id
        wizard.user_ids.with_user(cls.pm).action_grant_access()
        cls.key_user = cls.people[0].user_ids
        cls.key_user.password = "key-user-pw"  # the invitation's sign-up sets it in real life
        cls.other_key_user = new_test_user(cls.env, "rakip_key", groups="base.group_portal")
        cls.other_key_user.partner_id = cls.people[1]

    def test_the_portal_wizard_made_a_portal_user(self):
        self.assertEqual(self.wizard_partners, self.people[0], "the wizard lists the project's key users")
        self.assertTrue(self.key_user._is_portal())
        self.assertEqual(self.key_user.login, "key@anadolu.example.com")

    def test_a_key_user_sees_only_their_projects_approved_documents_over_rpc(self):
        Doc = self.env["cxm.implementation.document"].with_user(self.key_user)
        approved = self.mine.cxm_document_ids.filtered(lambda d: d.state == "approved")
        self.assertEqual(Doc.search([]), approved, "drafts and the other project's documents do not exist for them")
        self.assertIn("Solution Design", approved.with_user(self.key_user).read(["name"])[0]["name"])
        # every other document, by id: no leak
        leaks = []
        for doc in (self.mine | self.theirs).cxm_document_ids - approved:
            try:
                doc.with_user(self.key_user).read(["content"])
            except AccessError:
                continue
            leaks.append(doc.name)
        self.assertEqual(leaks, [])
        with self.assertRaises(AccessError):
            approved.with_user(self.key_user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.mine.with_user(self.key_user).read(["name"])
        # certificates: their own only
        Certificate = self.env["cxm.certificate"].with_user(self.key_user)
        self.assertEqual(Certificate.search([]).partner_id, self.people[0])
        other_certificate = self.env["cxm.certificate"].search([("partner_id", "=", self.people[1].id)])
        with self.assertRaises(AccessError):
            other_certificate.with_user(self.key_user).read(["score"])
        # an archived (replaced) key user loses the project's documents
        self.mine.cxm_key_user_ids.active = False
        self.assertFalse(Doc.search([]))

    def test_portal_page_and_downloads(self):
        approved = self.mine.cxm_document_ids.filtered(lambda d: d.state == "approved")
        self.authenticate("key@anadolu.example.com", "key-user-pw")
        page = self.url_open("/my/implementation")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Anadolu rollout", page.text)
        self.assertIn("Solution Design v1", page.text)
        self.assertNotIn("Project Analysis Document", page.text, "drafts are not shown")
        self.assertNotIn("Rakip rollout", page.text)
        self.assertIn("Customer Service Management Design and Customisation Training", page.text, "the certificate")
        self.assertIn("/my/implementation", self.url_open("/my/home").text, "an entry on the portal home")

        pdf = self.url_open(f"/cxm/implementation/document/{approved.id}/pdf")
        self.assertEqual((pdf.status_code, pdf.headers["Content-Type"]), (200, "application/pdf"))
        text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages).split())
        self.assertIn("Solution Design v1", text)
        self.assertIn("Anadolu rollout", text)
        xlsx = self.url_open(f"/cxm/implementation/document/{approved.id}/xlsx")
        self.assertEqual(xlsx.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True)
        self.assertIn("Anadolu rollout", [c.value for row in book["Document"].iter_rows() for c in row])

        # another project's documents and their own drafts, by id: not found, whatever the format
        hidden = (self.theirs.cxm_document_ids | self.mine.cxm_document_ids) - approved
        for doc in hidden:
            for fmt in ("pdf", "xlsx"):
                response = self.url_open(f"/cxm/implementation/document/{doc.id}/{fmt}")
                self.assertEqual(response.status_code, 404, (doc.name, fmt))
