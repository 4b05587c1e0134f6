# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.cxm_helpdesk.tests.test_routing import RoutingCommon


@tagged("post_install", "-at_install")
class TestSegmentRouting(RoutingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vip_customer = cls.env["res.partner"].create({"name": "VIP customer"})
        cls.vip_contact = cls.env["res.partner"].create({"name": "VIP contact", "parent_id": cls.vip_customer.id})
        cls.other_customer = cls.env["res.partner"].create({"name": "Plain customer"})
        cls.segmentation = cls.env["cxm.segmentation"].create(
            {
                "name": "Routing tiers",
                "segment_ids": [(0, 0, {"name": "VIP", "domain": f"[('id', '=', {cls.vip_customer.id})]"})],
            }
        )
        cls.segmentation._cxm_recompute()
        cls.vip = cls.segmentation.segment_ids
        cls.rule_vip = cls.env["cxm.helpdesk.routing.rule"].create(
            {
                "sequence": 5,
                "name": "VIP complaints",
                "category_id": cls.cat_complaint.id,
                "cxm_segment_ids": [(6, 0, cls.vip.ids)],
                "team_id": cls.team_sales.id,
            }
        )

    def test_vip_customers_routed_to_their_team(self):
        vip_ticket = self._new(category_id=self.cat_complaint.id, partner_id=self.vip_customer.id)
        self.assertEqual((vip_ticket.cxm_routing_rule_id, vip_ticket.team_id), (self.rule_vip, self.team_sales))
        contact_ticket = self._new(category_id=self.cat_complaint.id, partner_id=self.vip_contact.id)
        self.assertEqual(contact_ticket.cxm_routing_rule_id, self.rule_vip, "a contact of a VIP company is VIP")
        plain = self._new(category_id=self.cat_complaint.id, partner_id=self.other_customer.id)
        self.assertEqual((plain.cxm_routing_rule_id, plain.team_id), (self.rule_complaint, self.team_service))
        anonymous = self._new(category_id=self.cat_complaint.id)
        self.assertEqual(anonymous.cxm_routing_rule_id, self.rule_complaint)

    def test_leaving_the_segment_changes_the_routing(self):
        self.segmentation.segment_ids.domain = "[('id', '=', 0)]"
        self.segmentation._cxm_recompute()
        ticket = self._new(category_id=self.cat_complaint.id, partner_id=self.vip_customer.id)
        self.assertEqual(ticket.cxm_routing_rule_id, self.rule_complaint)
