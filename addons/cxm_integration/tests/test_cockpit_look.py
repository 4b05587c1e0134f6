# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the IT cockpit and the key wizard show a newcomer (issue 21): alarms only for errors."""

from lxml import etree

from .common import IntegrationCommon


class TestCockpitLook(IntegrationCommon):
    def test_cards_are_red_only_when_something_is_wrong(self):
        arch = self.env["cxm.integration.instance"].get_views([(False, "kanban")])["views"]["kanban"]["arch"]
        doc = etree.fromstring(arch)
        errors = doc.xpath("//div[contains(@class, 'o_cxm_errors')]")[0]
        self.assertNotIn("text-danger", errors.get("class"), "no red for 'Errors 0'")
        self.assertIn("text-danger", errors.get("t-att-class"))
        disable = doc.xpath("//button[@name='action_disable']")[0]
        self.assertNotIn("btn-danger", disable.get("class"))
        self.assertTrue(disable.get("confirm"))

    def test_key_wizard_has_a_title(self):
        action = self.instance.action_generate_api_key()
        self.assertIn(self.instance.name, action["name"])
        self.assertIn("API key", action["name"])
