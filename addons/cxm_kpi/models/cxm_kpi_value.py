# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_amount

from odoo.addons.cxm_partner_identity.normalize import normalize_external_key

IMPORT_MAX = 5000


class CxmKpiValue(models.Model):
    """The value of one KPI for one customer (one row per partner and KPI), with the time it was
    computed; written only when it changes."""

    _name = "cxm.kpi.value"
    _description = "Customer KPI value"
    _order = "kpi_id, partner_id"
    _rec_name = "kpi_id"
    _log_access = False  # computed_at is the row's time; written set-based, many rows a night

    kpi_id = fields.Many2one("cxm.kpi", string="KPI", required=True, ondelete="cascade")
    # indexes: every value is rewritten when it changes; the unique (partner_id, kpi_id) serves the
    # customer's card and the scoped runs, (kpi_id) the passes, the segment rules and the quintiles
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company")
    value = fields.Float(aggregator="avg")
    display_value = fields.Char(string="Value shown", compute="_compute_display_value")
    computed_at = fields.Datetime(string="Computed at", required=True, default=fields.Datetime.now)
    imported = fields.Boolean(
        readonly=True, help="Pushed by a corporate system: it overrides the computed value until cleared."
    )

    _kpi_partner_unique = models.Constraint("UNIQUE (partner_id, kpi_id)", "One value per customer and KPI.")
    # kpi_id alone, not the value: a changed value is then a HOT update (no index written; see init)
    _kpi_idx = models.Index("(kpi_id)")

    def init(self):
        # room on each page for the new version of a changed value (HOT updates)
        self.env.cr.execute("ALTER TABLE cxm_kpi_value SET (fillfactor = 80)")

    @api.depends("value", "kpi_id.kind")
    def _compute_display_value(self):
        for row in self:
            kpi = row.kpi_id
            if kpi.unit == "currency":
                row.display_value = format_amount(self.env, row.value, kpi.currency_id)
            elif kpi.unit == "days":
                row.display_value = self.env._("%(days)s days", days=int(row.value))
            elif kpi.unit == "hours":
                row.display_value = self.env._("%(hours)s h", hours=round(row.value, 1))
            elif kpi.unit in ("count", "score"):
                row.display_value = str(int(row.value))
            else:
                row.display_value = str(round(row.value, 2))

    @api.model
    def cxm_import(self, records, source=None):
        """Store KPI values pushed by a corporate system (public API: JSON-2, XML-RPC). An imported
        value overrides the computed one for that customer until it is cleared (value null).

        :param records: list of ``{"kpi": code, "customer_key": key}`` or ``{"kpi", "partner_id"}``
            with ``"value"`` (a number, or null to clear the import).
        :param source: integration instance id or code owning the customer keys.
        :return: one ``{"status": "created"|"updated"|"unchanged"|"cleared"|"error", "errors"}`` per record.
        """
        if not isinstance(records, (list, tuple)):
            raise ValidationError(self.env._("records must be a list of objects."))
        if len(records) > IMPORT_MAX:
            raise ValidationError(self.env._("At most %(max)s records per call.", max=IMPORT_MAX))
        self.check_access("create")
        self.check_access("write")
        source_rec = self.env["res.partner"]._cxm_upsert_source(source, records) if source else None
        # the current company's own definition of a code wins over the shared one
        kpis = {
            kpi.code: kpi
            for kpi in self.env["cxm.kpi"]
            .search([("company_id", "in", [False, self.env.company.id])])
            .sorted(lambda k: bool(k.company_id))
        }
        keys = {normalize_external_key(str(r.get("customer_key") or "")) for r in records if isinstance(r, dict)} - {
            False
        }
        by_key = {}
        if keys and source_rec:
            identities = self.env["cxm.partner.identity"].search(
                [("key_type", "=", "external"), ("source_id", "=", source_rec.id), ("value", "in", list(keys))]
            )
            by_key = {identity.value: identity.partner_id.id for identity in identities}
        wanted_ids = {r.get("partner_id") for r in records if isinstance(r, dict) and r.get("partner_id")}
        readable = set(self.env["res.partner"]._search([("id", "in", list(set(by_key.values()) | wanted_ids))]))
        results, rows, seen = [], {}, set()
        for raw in records:
            result = {"status": "error", "errors": []}
            results.append(result)
            record = raw if isinstance(raw, dict) else {}
            kpi = kpis.get(record.get("kpi"))
            key = normalize_external_key(str(record.get("customer_key") or ""))
            partner_id = record.get("partner_id") or by_key.get(key)
            value = record.get("value")
            if not kpi:
                result["errors"].append({"field": "kpi", "message": self.env._("Unknown KPI code.")})
            if partner_id not in readable:
                result["errors"].append({"field": "customer_key", "message": self.env._("Unknown customer.")})
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                result["errors"].append({"field": "value", "message": self.env._("The value must be a number.")})
            if not result["errors"] and (kpi.id, partner_id) in seen:
                result["errors"].append({"field": "record", "message": self.env._("The same value appears twice.")})
            if result["errors"]:
                continue
            seen.add((kpi.id, partner_id))
            rows[len(results) - 1] = (kpi, partner_id, value)
        self._cxm_store_imported(rows, results)
        return results

    @api.model
    def _cxm_store_imported(self, rows, results):
        cr = self.env.cr
        now = cr.now()
        for index, (kpi, partner_id, value) in rows.items():
            if value is None:
                cr.execute(
                    SQL(
                        "DELETE FROM cxm_kpi_value WHERE kpi_id = %s AND partner_id = %s AND imported RETURNING 1",
                        kpi.id,
                        partner_id,
                    )
                )
                results[index]["status"] = "cleared" if cr.fetchone() else "unchanged"
                continue
            cr.execute(
                SQL(
                    """INSERT INTO cxm_kpi_value AS v (kpi_id, partner_id, company_id, value, computed_at, imported)
                       VALUES (%(kpi)s, %(partner)s, %(company)s, round(%(value)s::numeric, 4)::float8, %(now)s, TRUE)
                       ON CONFLICT (kpi_id, partner_id) DO UPDATE
                          SET value = EXCLUDED.value, imported = TRUE, computed_at = EXCLUDED.computed_at
                        WHERE (v.value, v.imported) IS DISTINCT FROM (EXCLUDED.value, TRUE)
                    RETURNING (xmax = 0)""",
                    kpi=kpi.id,
                    partner=partner_id,
                    company=kpi.company_id.id or None,
                    value=value,
                    now=now,
                )
            )
            row = cr.fetchone()
            results[index]["status"] = "unchanged" if not row else ("created" if row[0] else "updated")
        self.invalidate_model()
