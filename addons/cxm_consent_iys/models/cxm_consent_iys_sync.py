# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json
import logging
from urllib.parse import urlencode

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import iys

_logger = logging.getLogger(__name__)


class CxmConsentIysSync(models.AbstractModel):
    """Pull of İYS's changes feed (``consents/changes``, cursor ``after``): each page comes through
    the outbox; each change a recipient made on İYS becomes ledger events with source HS_IYS, once
    (the idempotency ledger of cxm_integration keeps every change id), and the cursor moves on only
    after the page is read."""

    _name = "cxm.consent.iys.sync"
    _description = "İYS Changes Sync"

    @api.model
    def _cxm_cron_pull(self):
        """Scheduled action: pull the changes of every active İYS instance."""
        instances = self.env["cxm.integration.instance"].search(
            [("kind", "=", "consent_registry"), ("state", "=", "active")]
        )
        for instance in instances:
            self._cxm_pull(instance)
            self.env["ir.cron"]._commit_progress(1)

    @api.model
    def _cxm_pull(self, instance):
        """Queue the next page of changes of ``instance`` (none while a page is still on its way)."""
        Outbox = self.env["cxm.integration.outbox"].sudo()
        busy = Outbox.search_count(
            [("instance_id", "=", instance.id), ("cxm_iys_op", "=", "changes"), ("state", "in", ("queued", "retry"))],
            limit=1,
        )
        if busy:
            return Outbox.browse()
        return self._cxm_enqueue_page(instance, instance.cxm_iys_cursor)

    @api.model
    def _cxm_enqueue_page(self, instance, after):
        query = {"limit": instance.cxm_iys_pull_limit}
        if after:
            query["after"] = after
        stamp = fields.Datetime.now().strftime("%Y%m%d%H%M%S")
        return instance._cxm_iys_enqueue(
            f"iys-changes-{after or 0}-{stamp}",
            f"consents/changes?{urlencode(query)}",
            method="GET",
            op="changes",
            ref=after or "",
        )

    @api.model
    def _cxm_on_changes(self, message, status, data, error):
        """A page ``{"after": cursor, "list": [consent, ...]}``. A malformed page is logged and changes
        nothing (the cursor stays); a malformed change or an unknown recipient is logged and skipped."""
        if message.state != "sent":
            return
        instance = message.instance_id
        if error or not isinstance(data, dict) or not isinstance(data.get("list"), list):
            message._cxm_iys_bad_answer(error or "the page has no list of changes", str(data)[:500])
            return
        changes = data["list"]
        after = data.get("after")
        result = self._cxm_apply_changes(instance, changes, message)
        values = {"cxm_iys_last_pull": fields.Datetime.now()}
        if after not in (None, "") and str(after) != (message.cxm_iys_ref or ""):
            values["cxm_iys_cursor"] = str(after)[:255]
        instance.sudo().write(values)
        _logger.info("İYS changes of %s: %s", instance.code, result)
        if len(changes) >= instance.cxm_iys_pull_limit and "cxm_iys_cursor" in values:
            self._cxm_enqueue_page(instance, values["cxm_iys_cursor"])

    @api.model
    def _cxm_apply_changes(self, instance, changes, message=None):
        """Record ``changes`` (İYS consent records) in the ledger. Return counts."""
        Claim = self.env["cxm.integration.event"].sudo()
        company = instance.company_id
        counts = {"recorded": 0, "replayed": 0, "unchanged": 0, "bad": 0, "unknown": 0}
        for raw in changes:
            try:
                change = iys.read_change(raw)
            except (ValueError, TypeError) as exc:
                counts["bad"] += 1
                if message:
                    message._cxm_iys_bad_answer(f"malformed change: {exc}", json.dumps(raw, default=str)[:500])
                continue
            partner = self._cxm_partner_of(company, change)
            if not partner:
                # not claimed: once the customer exists, reading the change again records it
                counts["unknown"] += 1
                if message:
                    message._cxm_iys_bad_answer("unknown recipient", change["type"])
                continue
            external_id = "change:" + (
                change["transaction_id"]
                or hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
            )
            claim, new = Claim._claim(instance, external_id, "iys_change")
            if not new:
                counts["replayed"] += 1
                continue
            current = self._cxm_current(company, change)
            vals_list = [
                {
                    "partner_id": partner.id,
                    "channel": channel,
                    "address": change["address"],
                    "status": change["status"],
                    "recipient_type": change["recipient_type"],
                    "source": "HS_IYS",
                    "consent_date": change["consent_date"],
                    "evidence_text": self.env._("Changed by the recipient on İYS (%(type)s).", type=change["type"]),
                    "message_ref": change["transaction_id"] or False,
                    "company_id": company.id,
                }
                for channel in change["channels"]
                # our own pushes come back in the feed: a state the ledger already has is not repeated
                if current.get(channel) != change["status"]
            ]
            if vals_list:
                # sudo: the registry is the author; the connector appends on its behalf
                self.env["cxm.consent.event"].sudo()._cxm_record(vals_list)
                counts["recorded"] += len(vals_list)
            else:
                counts["unchanged"] += 1
            claim._set_result({"events": len(vals_list)})
        return counts

    @api.model
    def _cxm_current(self, company, change):
        """``{channel: status}`` of the ledger's effective consents of the change's address."""
        self.env["cxm.consent.event"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT channel, status FROM cxm_consent_state
                    WHERE company_id = %s AND address = %s AND channel = ANY(%s)""",
                company.id,
                change["address"],
                list(change["channels"]),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _cxm_partner_of(self, company, change):
        """The customer of a registry address: the one the ledger already links to it, else the one
        the identity keys find (the first when several share it)."""
        self.env["cxm.consent.event"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT partner_id FROM cxm_consent_event
                    WHERE company_id = %s AND address = %s AND partner_id IS NOT NULL
                 ORDER BY consent_date DESC, id DESC LIMIT 1""",
                company.id,
                change["address"],
            )
        )
        row = self.env.cr.fetchone()
        Partner = self.env["res.partner"].sudo().with_company(company)
        if row:
            return Partner.browse(row[0])
        key = "email" if change["type"] == "EPOSTA" else "phone"
        # sudo: a technical look-up of the registry's address in the instance's company
        partners = Partner.cxm_find(**{key: change["address"]})
        return partners[:1]
