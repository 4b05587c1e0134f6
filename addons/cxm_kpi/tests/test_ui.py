# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiUi(KpiCommon, HttpCase):
    def test_kpi_card_tour(self):
        """An agent opens a customer and reads the KPI card: values, units and the RFM score."""
        self.compute()
        self.start_tour(f"/odoo/action-base.action_partner_form/{self.ayla.id}", "cxm_kpi_card_tour", login="kpi_agent")
