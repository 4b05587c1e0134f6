# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One channel field (issue #19): the suite's ``cxm_channel`` selection ("Source channel") is replaced by
helpdesk_mgmt's ``channel_id``. Each ticket's old value is mapped onto the channel record of the same
code (the suite's value wins where the two disagreed: it was the one integrations wrote), then the old
column is dropped."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

#: helpdesk_mgmt's records reused for the suite's codes (their data is noupdate: set the codes here too)
REUSED = {
    "email": "helpdesk_ticket_channel_email",
    "phone": "helpdesk_ticket_channel_phone",
    "web_form": "helpdesk_ticket_channel_web",
}


def map_channels(cr):
    """Map ``helpdesk_ticket.cxm_channel`` onto ``channel_id``; return the number of tickets mapped."""
    for code, xmlid in REUSED.items():
        cr.execute(
            SQL(
                """UPDATE helpdesk_ticket_channel c SET cxm_code = %s
                     FROM ir_model_data d
                    WHERE d.module = 'helpdesk_mgmt' AND d.name = %s AND d.model = 'helpdesk.ticket.channel'
                      AND d.res_id = c.id AND c.cxm_code IS NULL
                      AND NOT EXISTS (SELECT 1 FROM helpdesk_ticket_channel o WHERE o.cxm_code = %s)""",
                code,
                xmlid,
                code,
            )
        )
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'helpdesk_ticket' AND column_name = 'cxm_channel'"
    )
    if not cr.fetchone():
        return 0
    cr.execute(
        """UPDATE helpdesk_ticket t SET channel_id = c.id
             FROM helpdesk_ticket_channel c
            WHERE c.cxm_code = t.cxm_channel AND t.channel_id IS DISTINCT FROM c.id"""
    )
    mapped = cr.rowcount
    cr.execute(
        """SELECT t.cxm_channel, count(*) FROM helpdesk_ticket t
            WHERE t.cxm_channel IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM helpdesk_ticket_channel c WHERE c.cxm_code = t.cxm_channel)
            GROUP BY t.cxm_channel"""
    )
    for code, count in cr.fetchall():
        _logger.info("cxm_helpdesk migration: %s tickets keep channel_id, no channel has code %r", count, code)
    cr.execute("ALTER TABLE helpdesk_ticket DROP COLUMN cxm_channel")
    _logger.info("cxm_helpdesk migration: %s tickets moved from cxm_channel to channel_id", mapped)
    return mapped


def migrate(cr, version):
    if version:
        map_channels(cr)
