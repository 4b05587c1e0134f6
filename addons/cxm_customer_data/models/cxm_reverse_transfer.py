# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reverse transfer: customers changed in the suite (and their ticket
summaries) pushed back to a corporate system through the outbox."""

import json
import logging
import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.cxm_base.tools import notification

_logger = logging.getLogger(__name__)

#: a change committed by a transaction that started before the previous run
#: has a write_date before its watermark: look back this far (the per-customer
#: snapshot makes sure nothing is sent twice)
OVERLAP = timedelta(minutes=10)
MISSING = object()


class CxmReverseTransfer(models.Model):
    """What to push to a 'data target' integration instance, and how far it
    got: the watermark advances only when every batch of a run is queued in
    the outbox, which then applies the instance's send window, rate cap,
    retries and API log."""

    _name = "cxm.reverse.transfer"
    _description = "Reverse Customer Transfer"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    instance_id = fields.Many2one(
        "cxm.integration.instance",
        required=True,
        ondelete="cascade",
        domain=[("kind", "=", "data_target")],
        help="Target system: its base URL, send window, rate cap and retries apply.",
    )
    company_id = fields.Many2one(related="instance_id.company_id", store=True, index=True)
    path = fields.Char(required=True, default="/customers", help="Path on the target, appended to its base URL.")
    batch_size = fields.Integer(default=500, required=True, help="Customers per message.")
    scheduled = fields.Boolean(
        string="Run on Schedule",
        default=True,
        help="Pushed by the scheduled action (every hour). Off: only when someone clicks 'Push now'.",
    )
    include_tickets = fields.Boolean(
        string="Ticket Summaries", default=True, help="Send open/closed ticket counts and the last ticket date."
    )
    last_watermark = fields.Datetime(readonly=True, help="Changes up to this time are queued.")
    last_run = fields.Datetime(readonly=True)
    last_rows = fields.Integer(string="Customers Queued (last run)", readonly=True)
    last_messages = fields.Integer(string="Messages Queued (last run)", readonly=True)

    @api.constrains("batch_size", "instance_id")
    def _check_config(self):
        for transfer in self:
            if not 1 <= transfer.batch_size <= 5000:
                raise ValidationError(self.env._("The batch size must be between 1 and 5000."))
            if transfer.instance_id.kind != "data_target":
                raise ValidationError(self.env._("The target must be a 'Data target' integration instance."))

    # ------------------------------------------------------------ the run
    @api.model
    def _cron_push(self):
        cron = self.env["ir.cron"]
        transfers = self.search([("scheduled", "=", True), ("instance_id.state", "in", ("active", "failing"))])
        cron._commit_progress(remaining=len(transfers))
        for transfer in transfers:
            try:
                transfer._push(commit=lambda: cron._commit_progress(0))
            except Exception:
                self.env.cr.rollback()
                _logger.exception("Reverse transfer %s failed; its watermark stays where it was", transfer.name)
            cron._commit_progress(1)

    def _push(self, commit=None):
        """Queue every customer changed since the watermark, in batches; each
        batch and the snapshot of what it sends are committed together.
        Returns the outbox messages."""
        self.ensure_one()
        cutoff = self.env.cr.now().replace(microsecond=0)
        since = self.last_watermark - OVERLAP if self.last_watermark else None
        candidates = self._candidates(since)
        Outbox = self.env["cxm.integration.outbox"].sudo()
        messages = Outbox
        rows_total = 0
        for start in range(0, len(candidates), self.batch_size):
            chunk = candidates[start : start + self.batch_size]
            rows, snapshots = self._diff(chunk)
            if not rows:
                continue
            batch = start // self.batch_size + 1
            # unique per message: a resumed run must never collide with a queued one
            key = f"reverse-{self.id}-{cutoff:%Y%m%dT%H%M%S}-{batch}-{uuid.uuid4().hex[:12]}"
            payload = {
                "kind": "customers",
                "transfer": self.name,
                "watermark": cutoff.isoformat(),
                "batch": batch,
                "rows": rows,
            }
            with self.env.cr.savepoint():
                messages |= Outbox._enqueue(self.instance_id, key, self.path, payload)
                self._store_snapshots(snapshots)
            rows_total += len(rows)
            if commit:
                commit()
        self.sudo().write(
            {
                "last_watermark": cutoff,
                "last_run": fields.Datetime.now(),
                "last_rows": rows_total,
                "last_messages": len(messages),
            }
        )
        return messages

    def _candidates(self, since):
        """Ids of the customers (of the target's company or shared) whose data
        or tickets changed after ``since`` (all of them the first time). The
        companies of this database and the public user are not customers."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        domain = Domain("cxm_is_customer", "=", True) & Domain("company_id", "in", [False, self.company_id.id])
        if since is None:  # first run: the customers there are; archived ones were never sent
            return Partner.search(domain & Domain("active", "=", True), order="id").ids
        changed = set(Partner.search(domain & Domain("write_date", ">", since)).ids)
        if self.include_tickets:
            Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
            ticket_domain = Domain("write_date", ">", since) & Domain("partner_id", "!=", False)
            touched = {partner.id for [partner] in Ticket._read_group(ticket_domain, ["partner_id"])}
            changed |= set(Partner.search(domain & Domain("id", "in", list(touched))).ids)
        # an archived customer goes to the target only to archive it there: when it was sent before
        archived = set(Partner.search([("id", "in", list(changed)), ("active", "=", False)]).ids)
        if archived:
            States = self.env["cxm.reverse.transfer.state"].sudo()
            sent = {
                s.partner_id.id
                for s in States.search([("transfer_id", "=", self.id), ("partner_id", "in", list(archived))])
            }
            changed -= archived - sent
        return sorted(changed)

    def _current_values(self, partner_ids):
        """What the target gets for each customer, JSON-normalised."""
        partners = self.env["res.partner"].sudo().with_context(active_test=False).browse(partner_ids)
        keys = {
            identity.partner_id.id: identity.value
            for identity in self.env["cxm.partner.identity"]
            .sudo()
            .search(
                [
                    ("key_type", "=", "external"),
                    ("source_id", "=", self.instance_id.id),
                    ("partner_id", "in", partners.ids + partners.parent_id.ids),
                ]
            )
        }
        tickets = self._ticket_summaries(partner_ids) if self.include_tickets else {}
        result = {}
        for partner in partners:
            values = {
                "name": partner.name or None,
                "is_company": partner.is_company,
                "parent_id": partner.parent_id.id or None,
                "parent_key": keys.get(partner.parent_id.id),
                "email": partner.email or None,
                "phone": partner.phone or None,
                "national_id": partner.cxm_national_id or None,
                "vat": partner.vat or None,
                "street": partner.street or None,
                "street2": partner.street2 or None,
                "zip": partner.zip or None,
                "city": partner.city or None,
                "country": partner.country_id.code or None,
                "lang": partner.lang or None,
                "active": partner.active,
            }
            if self.include_tickets:
                values["tickets"] = tickets.get(partner.id, {"open": 0, "closed": 0, "last_date": None})
            result[partner.id] = (keys.get(partner.id), json.loads(json.dumps(values, default=str)))
        return result

    def _ticket_summaries(self, partner_ids):
        Ticket = self.env["helpdesk.ticket"].sudo()
        summaries = {}
        groups = Ticket._read_group(
            [("partner_id", "in", partner_ids), ("company_id", "=", self.company_id.id)],
            ["partner_id", "stage_id"],
            ["__count", "create_date:max"],
        )
        for partner, stage, count, last_create in groups:
            summary = summaries.setdefault(partner.id, {"open": 0, "closed": 0, "last_date": None})
            summary["closed" if stage.closed else "open"] += count
            last = fields.Datetime.to_string(last_create)
            if last and (summary["last_date"] is None or last > summary["last_date"]):
                summary["last_date"] = last
        return summaries

    def _sent_values(self, partner_ids):
        self.env.cr.execute(
            SQL(
                """SELECT partner_id, sent_values FROM cxm_reverse_transfer_state
                    WHERE transfer_id = %s AND partner_id = ANY(%s)""",
                self.id,
                list(partner_ids),
            )
        )
        return dict(self.env.cr.fetchall())

    def _diff(self, partner_ids):
        """Rows to send (only the fields that changed since the last send) and
        the new snapshots."""
        current = self._current_values(partner_ids)
        sent = self._sent_values(partner_ids)
        rows, snapshots = [], {}
        for partner_id in partner_ids:
            if partner_id not in current:
                continue
            key, values = current[partner_id]
            before = sent.get(partner_id) or {}
            changes = {name: value for name, value in values.items() if before.get(name, MISSING) != value}
            if changes:
                rows.append({"id": partner_id, "external_key": key, "changes": changes})
                snapshots[partner_id] = values
        return rows, snapshots

    def _store_snapshots(self, snapshots):
        if not snapshots:
            return
        self.env.flush_all()
        now = self.env.cr.now()
        for partner_id, values in snapshots.items():
            self.env.cr.execute(
                SQL(
                    """INSERT INTO cxm_reverse_transfer_state
                           (transfer_id, partner_id, sent_values, create_uid, create_date, write_uid, write_date)
                       VALUES (%s, %s, %s::jsonb, %s, %s, %s, %s)
                       ON CONFLICT (transfer_id, partner_id)
                       DO UPDATE SET sent_values = EXCLUDED.sent_values, write_date = EXCLUDED.write_date""",
                    self.id,
                    partner_id,
                    json.dumps(values),
                    self.env.uid,
                    now,
                    self.env.uid,
                    now,
                )
            )
        self.env["cxm.reverse.transfer.state"].invalidate_model()

    def action_push_now(self):
        """Push these transfers now, in the background (one queue job each,
        scheduled or not); a push already waiting is not queued twice."""
        self.check_access("write")
        for transfer in self:
            transfer.with_delay(
                description=self.env._("Reverse transfer %(name)s: push now", name=transfer.name),
                identity_key=f"cxm-reverse-transfer-push-{transfer.id}",
            )._push()
        return notification(self.env._("The transfer runs in a moment."), "info")

    def action_reset(self):
        """Send everything again on the next run."""
        self.env["cxm.reverse.transfer.state"].sudo().search([("transfer_id", "in", self.ids)]).unlink()
        self.write({"last_watermark": False})
        return True


class CxmReverseTransferState(models.Model):
    """What a transfer last sent for one customer (to send only changes)."""

    _name = "cxm.reverse.transfer.state"
    _description = "Reverse Transfer Snapshot"

    transfer_id = fields.Many2one("cxm.reverse.transfer", required=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    sent_values = fields.Json()

    _transfer_partner_unique = models.Constraint(
        "UNIQUE (transfer_id, partner_id)", "One snapshot per customer and transfer."
    )
