# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.cxm_partner_identity.normalize import (
    normalize_external_key,
)

from .customer_records import (
    TRANSACTION_FIELDS,
    _clean_text,
    fields_date,
)

_logger = logging.getLogger(__name__)


class CxmCustomerPipelineTransactions(models.AbstractModel):
    """Transaction summaries (orders, invoices...) of customers, upserted on their keys."""

    _name = "cxm.customer.pipeline.transactions"
    _description = "Customer upsert: transactions"

    # ------------------------------------------------------------ transactions
    @api.model
    def _upsert_transactions(self, records, source):
        """Upsert purchase/order/payment summaries by (source, transaction key)
        in one INSERT ... ON CONFLICT; an unchanged row is not written."""
        Transaction = self.env["cxm.customer.transaction"]
        company = source.company_id or self.env.company
        kinds = dict(Transaction._fields["kind"].selection)
        currencies = {c.name: c.id for c in self.env["res.currency"].with_context(active_test=False).search([])}
        results = [{"status": "error", "partner_id": False, "errors": []} for _record in records]
        rows, seen = {}, {}
        for index, record in enumerate(records):
            errors = []
            if not isinstance(record, dict):
                results[index]["errors"] = [
                    {"field": "record", "message": self.env._("Each record must be an object.")}
                ]
                continue
            unknown = set(record) - TRANSACTION_FIELDS
            if unknown:
                errors.append(("record", self.env._("Unknown field(s): %(names)s.", names=", ".join(sorted(unknown)))))
            customer_key = normalize_external_key(_clean_text(record.get("customer_key")))
            key = normalize_external_key(_clean_text(record.get("transaction_key")))
            if not customer_key:
                errors.append(("customer_key", self.env._("The customer key is required.")))
            if not key:
                errors.append(("transaction_key", self.env._("The transaction key is required.")))
            elif key in seen:
                errors.append(("transaction_key", self.env._("Transaction key %(key)s appears twice.", key=key)))
            kind = _clean_text(record.get("kind")).lower() or "purchase"
            if kind not in kinds:
                errors.append(("kind", self.env._("Unknown kind %(kind)s.", kind=kind)))
            try:
                date = fields_date(record.get("date"))
            except ValueError:
                date = None
            if not date:
                errors.append(("date", self.env._("A date (YYYY-MM-DD) is required.")))
            amounts = {}
            for fname in ("amount", "quantity"):
                raw = _clean_text(record.get(fname)).replace(",", ".")
                try:
                    amounts[fname] = float(raw) if raw else 0.0
                except ValueError:
                    errors.append((fname, self.env._("Not a number: %(value)s.", value=raw)))
            currency = _clean_text(record.get("currency")).upper()
            currency_id = currencies.get(currency) if currency else company.currency_id.id
            if not currency_id:
                errors.append(("currency", self.env._("Unknown currency: %(value)s.", value=currency)))
            if not source:
                errors.append(("record", self.env._("Transactions need a source integration instance.")))
            if errors:
                results[index]["errors"] = [{"field": f, "message": m} for f, m in errors]
                continue
            seen[key] = index
            rows[index] = (
                customer_key,
                key,
                kind,
                date,
                amounts["amount"],
                amounts["quantity"],
                currency_id,
                _clean_text(record.get("description"))[:256] or None,
            )
        if not rows:
            return results
        cr = self.env.cr
        self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
        cr.execute(
            SQL(
                """SELECT value, partner_id FROM cxm_partner_identity
                    WHERE key_type = 'external' AND source_id = %s AND value = ANY(%s)""",
                source.id,
                list({row[0] for row in rows.values()}),
            )
        )
        partners = dict(cr.fetchall())
        readable = set(self.env["res.partner"]._search([("id", "in", list(partners.values()))]))
        for index, row in list(rows.items()):
            if partners.get(row[0]) not in readable:
                results[index]["errors"] = [
                    {"field": "customer_key", "message": self.env._("Unknown customer key: %(key)s.", key=row[0])}
                ]
                del rows[index]
        if not rows:
            return results
        Transaction.check_access("create")
        order = list(rows)
        cr.execute(
            SQL(
                """INSERT INTO cxm_customer_transaction AS t
                       (partner_id, source_id, company_id, external_key, kind, date, amount, quantity, currency_id,
                        description, create_uid, create_date, write_uid, write_date)
                   SELECT q.partner_id, %(source)s, %(company)s, q.key, q.kind, q.date, q.amount, q.quantity,
                          q.currency_id, q.description, %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM unnest(%(partners)s::int[], %(keys)s::varchar[], %(kinds)s::varchar[], %(dates)s::date[],
                                 %(amounts)s::numeric[], %(quantities)s::numeric[], %(currencies)s::int[],
                                 %(descriptions)s::varchar[])
                          AS q(partner_id, key, kind, date, amount, quantity, currency_id, description)
                   ON CONFLICT (source_id, external_key) DO UPDATE
                      SET partner_id = EXCLUDED.partner_id, kind = EXCLUDED.kind, date = EXCLUDED.date,
                          amount = EXCLUDED.amount, quantity = EXCLUDED.quantity,
                          currency_id = EXCLUDED.currency_id, description = EXCLUDED.description,
                          write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                    WHERE (t.partner_id, t.kind, t.date, t.amount, t.quantity, t.currency_id, t.description)
                          IS DISTINCT FROM (EXCLUDED.partner_id, EXCLUDED.kind, EXCLUDED.date, EXCLUDED.amount,
                                            EXCLUDED.quantity, EXCLUDED.currency_id, EXCLUDED.description)
                RETURNING t.external_key, (xmax = 0)""",
                source=source.id,
                company=company.id,
                uid=self.env.uid,
                now=cr.now(),
                partners=[partners[rows[i][0]] for i in order],
                keys=[rows[i][1] for i in order],
                kinds=[rows[i][2] for i in order],
                dates=[rows[i][3] for i in order],
                amounts=[rows[i][4] for i in order],
                quantities=[rows[i][5] for i in order],
                currencies=[rows[i][6] for i in order],
                descriptions=[rows[i][7] for i in order],
            )
        )
        written = dict(cr.fetchall())
        for index in order:
            key = rows[index][1]
            status = "unchanged" if key not in written else ("created" if written[key] else "updated")
            results[index].update(status=status, partner_id=partners[rows[index][0]])
        Transaction.invalidate_model()
        return results
