# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import iys

KINDS = [
    ("missing", "Approved in the ledger, unknown to İYS"),
    ("differs", "Status differs"),
]


class CxmConsentIysReconcile(models.Model):
    """A comparison of the ledger's effective consents with İYS: the addresses are asked in chunks
    of 1,000 per recipient type and İYS type (``consents/{recipientType}/status/{type}``) through the
    outbox; every difference becomes a line."""

    _name = "cxm.consent.iys.reconcile"
    _description = "İYS Reconciliation"
    _order = "id desc"
    _rec_name = "create_date"

    instance_id = fields.Many2one("cxm.integration.instance", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one(related="instance_id.company_id", store=True, index=True)
    state = fields.Selection([("running", "Running"), ("done", "Done")], default="running", readonly=True)
    chunk_count = fields.Integer(string="Queries", readonly=True)
    chunk_done = fields.Integer(string="Queries Answered", readonly=True)
    checked_count = fields.Integer(string="Addresses Checked", readonly=True)
    line_ids = fields.One2many("cxm.consent.iys.reconcile.line", "reconcile_id", string="Differences")
    difference_count = fields.Integer(string="Number of Differences", compute="_compute_difference_count")

    @api.depends("line_ids")
    def _compute_difference_count(self):
        for rec in self:
            rec.difference_count = len(rec.line_ids)

    def action_apply_registry_refusals(self):
        """Record in the ledger the refusals İYS holds and the ledger lacks (see the differences)."""
        self.ensure_one()
        return self.line_ids.action_apply_registry()

    @api.model
    def _cxm_start(self, instance):
        """Start a reconciliation of ``instance``: queue the status queries of every address the
        ledger has a consent for in the instance's company."""
        self.env["cxm.consent.event"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT channel, address, recipient_type FROM cxm_consent_state
                    WHERE company_id = %s ORDER BY address""",
                instance.company_id.id,
            )
        )
        groups = {}
        for channel, address, recipient_type in self.env.cr.fetchall():
            key = (iys.RECIPIENT_TYPE[recipient_type or "individual"], iys.TYPE_OF_CHANNEL[channel])
            groups.setdefault(key, {})[address] = True
        # sudo: the run is written by the connector for the manager who started it
        run = self.sudo().create({"instance_id": instance.id})
        chunks = 0
        for (recipient_type, type_), found in sorted(groups.items()):
            addresses = list(found)
            for start in range(0, len(addresses), iys.STATUS_MAX):
                chunks += 1
                instance._cxm_iys_enqueue(
                    f"iys-reconcile-{run.id}-{chunks}",
                    f"consents/{recipient_type}/status/{type_}",
                    {"recipients": addresses[start : start + iys.STATUS_MAX]},
                    op="status",
                    ref=str(run.id),
                )
        run.write({"chunk_count": chunks, "state": "running" if chunks else "done"})
        return run.with_env(self.env)

    @api.model
    def _cxm_on_status(self, message, status, data, error):
        """Answer of a status query: ``{"list": [consent, ...]}`` for the asked recipients İYS knows."""
        run = self.sudo().browse(int(message.cxm_iys_ref or 0)).exists()
        if not run or message.state not in ("sent", "dead"):
            return
        request = json.loads(message.payload or "{}")
        asked = request.get("recipients") or []
        path = message.path.rsplit("/", 3)
        recipient_type, type_ = path[-3], path[-1]
        registry = {}
        if message.state == "sent":
            if not isinstance(data, dict) or not isinstance(data.get("list"), list):
                message._cxm_iys_bad_answer("the status answer has no list", str(data)[:500])
            else:
                for record in data["list"]:
                    try:
                        change = iys.read_change(record)
                    except (ValueError, TypeError) as exc:
                        message._cxm_iys_bad_answer(f"malformed status: {exc}", str(record)[:500])
                        continue
                    registry[change["address"]] = change["status"]
            run._cxm_compare(recipient_type, type_, asked, registry)
        run.write({"chunk_done": run.chunk_done + 1})
        if run.chunk_done >= run.chunk_count:
            run.state = "done"

    def _cxm_compare(self, recipient_type, type_, asked, registry):
        self.ensure_one()
        channels = list(iys.CHANNELS_OF_TYPE[type_])
        self.env.cr.execute(
            SQL(
                """SELECT address, channel, status, partner_id FROM cxm_consent_state
                    WHERE company_id = %s AND channel = ANY(%s) AND address = ANY(%s) AND recipient_type = %s""",
                self.company_id.id,
                channels,
                list(asked),
                iys.RECIPIENT_TYPE_BACK[recipient_type],
            )
        )
        lines = []
        for address, _channel, ledger, partner_id in self.env.cr.fetchall():
            theirs = registry.get(address)
            if theirs == ledger or (theirs is None and ledger == "refuse"):
                continue  # a refusal never registered: nobody may message the address either way
            lines.append(
                {
                    "reconcile_id": self.id,
                    "partner_id": partner_id,
                    "iys_type": type_,
                    "recipient_type": recipient_type,
                    "address": address,
                    "ledger_status": ledger,
                    "registry_status": theirs or "none",
                    "kind": "missing" if theirs is None else "differs",
                }
            )
        # one line per address and İYS type (SMS and WhatsApp are both MESAJ)
        unique = {(line["address"], line["ledger_status"]): line for line in lines}
        self.env["cxm.consent.iys.reconcile.line"].sudo().create(list(unique.values()))
        self.write({"checked_count": self.checked_count + len(asked)})
