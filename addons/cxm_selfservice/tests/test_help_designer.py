# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, HttpCase, tagged

from .common import HelpCentreFixture


@tagged("post_install", "-at_install")
class TestHelpDesigner(HelpCentreFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()

    def test_preview_follows_unsaved_edits_and_escapes(self):
        view = self.env.ref("cxm_selfservice.helpdesk_ticket_category_view_form_help")
        with Form(self.category, view=view) as form:
            self.assertIn('name="subject"', form.cxm_form_preview)
            with form.cxm_form_field_ids.new() as line:
                line.label = "<img src=x onerror=alert(1)>"
                line.key = "hostile"
            preview = str(form.cxm_form_preview)
            self.assertIn('name="hostile"', preview, "the unsaved question is previewed")
            self.assertNotIn("<img src=x", preview, "labels are escaped")
            self.assertIn("&lt;img src=x", preview)

    def test_designer_preview_tour(self):
        self.start_tour(f"/odoo/cxm-help-forms/{self.category.id}", "cxm_selfservice_designer_tour", login="admin")
        added = self.category.cxm_form_field_ids.filtered(lambda f: f.key == "order_number")
        self.assertEqual(added.label, "Order number")
