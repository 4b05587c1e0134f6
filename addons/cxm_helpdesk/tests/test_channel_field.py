# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase

from ..models.helpdesk_ticket_channel import CHANNEL_CODES


def _migration():
    path = Path(__file__).parents[1] / "migrations" / "19.0.1.1.0" / "post-migrate.py"
    spec = importlib.util.spec_from_file_location("cxm_helpdesk_post_migrate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestChannelField(TransactionCase):
    def test_every_suite_channel_is_a_helpdesk_channel(self):
        Channel = self.env["helpdesk.ticket.channel"]
        for code in CHANNEL_CODES:
            self.assertTrue(Channel._cxm_by_code(code), code)
        # helpdesk_mgmt's own records are reused, not doubled
        self.assertEqual(Channel._cxm_by_code("email"), self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email"))
        self.assertEqual(Channel._cxm_by_code("web_form"), self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web"))
        self.assertEqual(Channel.search_count([("name", "=", "Email")]), 1)

    def test_migration_maps_the_old_selection(self):
        """A database from before the change: the old column holds the suite's value, channel_id another one."""
        cr = self.env.cr
        Ticket = self.env["helpdesk.ticket"]
        email = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        tickets = Ticket.create([{"name": f"Old {i}", "description": "x", "channel_id": email.id} for i in range(4)])
        cr.execute("ALTER TABLE helpdesk_ticket ADD COLUMN cxm_channel varchar")
        for ticket, code in zip(tickets, ["whatsapp", "sms", None, "unknown"], strict=True):
            cr.execute("UPDATE helpdesk_ticket SET cxm_channel = %s WHERE id = %s", (code, ticket.id))
        # the reused record lost its code (helpdesk_mgmt's data is noupdate): the migration sets it back
        self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").cxm_code = False
        self.env.flush_all()
        mapped = _migration().map_channels(cr)
        self.assertEqual(mapped, 2)
        tickets.invalidate_recordset()
        Channel = self.env["helpdesk.ticket.channel"]
        self.assertEqual([t.channel_id.cxm_code for t in tickets], ["whatsapp", "sms", "email", "email"])
        self.assertEqual(Channel._cxm_by_code("phone"), self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone"))
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name='helpdesk_ticket' AND column_name='cxm_channel'"
        )
        self.assertFalse(cr.fetchone(), "the old column is gone")
