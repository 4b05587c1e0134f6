# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

UPSERT_MAX = 5000


class ResPartner(models.Model):
    _inherit = "res.partner"

    cxm_attribute_ids = fields.One2many("cxm.customer.attribute", "partner_id", string="Attributes")
    cxm_transaction_ids = fields.One2many("cxm.customer.transaction", "partner_id", string="Transactions")

    @api.model
    def cxm_upsert(self, records, source=None, idempotency_key=None):
        """Create or update customers in batch (public API: JSON-2, XML-RPC,
        JSON-RPC; also used for continuous upsert in small batches).

        :param records: list of dicts with any of external_key, name,
            is_company, parent_key (external key of the parent company), email,
            phone, national_id, vat, street, street2, zip, city, country (ISO
            code or name), lang (e.g. tr_TR), tags (list or "a;b"),
            attributes ({name: value}). Absent or empty values leave the
            stored value unchanged.
        :param source: integration instance id or code owning the external keys
            (customers are matched on (source, external_key) first, then on
            national id, e-mail or phone).
        :param idempotency_key: optional; a request re-sent with the same key
            returns the first result and writes nothing.
        :return: one ``{"status": "created"|"updated"|"unchanged"|"error",
            "partner_id": int|False, "errors": [{"field", "message"}]}`` per
            record, in order. Good records are written even if others fail.
        """
        if not isinstance(records, (list, tuple)):
            raise ValidationError(self.env._("records must be a list of objects."))
        if len(records) > UPSERT_MAX:
            raise ValidationError(self.env._("At most %(max)s records per call.", max=UPSERT_MAX))
        self.check_access("create")
        self.check_access("write")
        source_rec = self._cxm_upsert_source(source, records)
        return self._cxm_upsert_records(records, source_rec, idempotency_key)[0]

    @api.model
    def _cxm_upsert_records(self, records, source_rec, idempotency_key=None):
        """The upsert of ``cxm_upsert`` for a resolved, accepting instance
        ``source_rec`` (or none), after the caller's access checks. Return
        ``(results, replayed)``: ``replayed`` is True when ``idempotency_key``
        was claimed before (the first result, nothing written). The claim is
        one ``INSERT ... ON CONFLICT DO NOTHING RETURNING``: a concurrent
        request with the same key waits on the row and is then answered as a
        replay (or retried if the first one rolled back)."""
        if source_rec:
            # customers of an instance belong to its company: its defaults
            # apply (and the current company needs no read of the user)
            source_rec = source_rec.with_company(source_rec.company_id)
        request_id = None
        if idempotency_key not in (None, False, ""):
            if not source_rec:
                raise ValidationError(self.env._("An idempotency key needs a source."))
            cr = self.env.cr
            key = str(idempotency_key)[:128]
            cr.execute(
                SQL(
                    """INSERT INTO cxm_customer_upsert_request
                           (source_id, idempotency_key, record_count, company_id,
                            create_uid, create_date, write_uid, write_date)
                       VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
                       ON CONFLICT (source_id, idempotency_key) DO NOTHING RETURNING id""",
                    source_rec.id,
                    key,
                    len(records),
                    source_rec.company_id.id,
                    self.env.uid,
                    cr.now(),
                    self.env.uid,
                    cr.now(),
                )
            )
            row = cr.fetchone()
            if not row:
                cr.execute(
                    SQL(
                        "SELECT result FROM cxm_customer_upsert_request WHERE source_id = %s AND idempotency_key = %s",
                        source_rec.id,
                        key,
                    )
                )
                return cr.fetchone()[0], True
            request_id = row[0]
        results = source_rec.env["cxm.customer.pipeline"]._upsert_customers(list(records), source_rec)
        if request_id:
            self.env.cr.execute(
                SQL(
                    "UPDATE cxm_customer_upsert_request SET result = %s::jsonb WHERE id = %s",
                    json.dumps(results),
                    request_id,
                )
            )
        return results, False

    @api.model
    def _cxm_upsert_source(self, source, records=None):
        """The integration instance (as the caller may read it) for an id or code."""
        Instance = self.env["cxm.integration.instance"]
        if source in (None, False, ""):
            return Instance
        if isinstance(source, bool) or not isinstance(source, (int, str)):
            source = str(source)
        instance_id, company_id, disabled = self._cxm_source_cached(source)
        instance = Instance.browse(instance_id)
        if disabled:
            raise ValidationError(self.env._("Integration instance %(name)s is disabled.", name=instance.name))
        # what callers read next, without a query (the cached values are the caller's own read)
        instance._fields["company_id"]._insert_cache(instance, [company_id])
        return instance

    @api.model
    @tools.ormcache("self.env.uid", "self.env.su", "tuple(self.env.companies.ids)", "source")
    def _cxm_source_cached(self, source):
        """``(instance id, company id, disabled)`` of ``source`` as the caller
        resolves it (``_cxm_resolve_source``: access rights and record rules
        of the caller). Every call of the continuous upsert needs it, so it is
        cached per worker and per (user, companies); changing an instance,
        access rights, record rules or a user's groups clears the caches of
        every worker, so a disabled or archived instance is refused from the
        next request on. Unknown sources raise (never cached)."""
        instance = self.env["cxm.integration.instance"].browse(
            self.env["cxm.partner.identity"]._cxm_resolve_source(source)
        )
        return instance.id, instance.company_id.id, instance.state == "disabled"

    def cxm_lookup_panels(self):
        """Live panels of the external look-up connectors for this customer
        (public, e.g. for the call-centre 360° view): a list of {name, kind,
        ok, message, columns, rows}. A slow or failing service gives a panel
        with ok False and a message, never an error."""
        self.ensure_one()
        self.check_access("read")
        connectors = self.env["cxm.lookup.connector"].search([("company_id", "in", self.env.companies.ids)])
        panels = connectors._cxm_fetch_all(self)
        for panel in panels:
            panel.pop("raw_rows", None)
        return panels

    def action_cxm_lookup_panels(self):
        self.ensure_one()
        return self.env["cxm.lookup.panel.wizard"]._cxm_open(self)
