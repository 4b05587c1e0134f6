# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

MERGED_FIELDS = ("email", "phone", "cxm_national_id", "vat", "street", "street2", "zip", "city", "country_id")


class CxmMergeLog(models.Model):
    """Audit of a customer merge: what was merged into what, by whom, and how
    many rows of each table were re-pointed."""

    _name = "cxm.merge.log"
    _description = "Customer Merge"
    _order = "id desc"
    _rec_name = "master_name"

    master_id = fields.Many2one("res.partner", string="Kept Customer", ondelete="set null", readonly=True)
    master_name = fields.Char(readonly=True)
    merged_partner_ids = fields.Char(string="Merged Customer Ids", readonly=True)
    merged_names = fields.Text(readonly=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    repointed = fields.Json(readonly=True, help="Rows re-pointed per table.column.")
    repointed_count = fields.Integer(readonly=True)

    @api.model
    def _partner_references(self):
        """Every column pointing at res.partner: (table, column, kind, model column).
        kind: fk (foreign key, found in the database catalogue, so also
        many2many tables and columns of other modules), reference
        ('res.partner,ID' strings) or res_id (many2one_reference with its model column)."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """SELECT cl.relname, att.attname
                     FROM pg_constraint con
                     JOIN pg_class cl ON cl.oid = con.conrelid
                     JOIN pg_attribute att ON att.attrelid = cl.oid AND att.attnum = con.conkey[1]
                    WHERE con.contype = 'f' AND con.confrelid = 'res_partner'::regclass
                      AND array_length(con.conkey, 1) = 1"""
            )
        )
        refs = [(table, column, "fk", None) for table, column in cr.fetchall()]
        for model in self.env.registry.values():
            if model._abstract or not model._auto or model._transient:
                continue
            for field in model._fields.values():
                if not field.store or not field.column_type:
                    continue
                if field.type == "reference":
                    refs.append((model._table, field.name, "reference", None))
                elif field.type == "many2one_reference" and field.model_field:
                    refs.append((model._table, field.name, "res_id", field.model_field))
        return refs

    @api.model
    def _unique_columns(self, table, column):
        """Other columns of each unique constraint/index of ``table`` holding ``column``."""
        self.env.cr.execute(
            SQL(
                """SELECT array_agg(a.attname ORDER BY a.attnum)
                     FROM pg_index i
                     JOIN pg_class c ON c.oid = i.indrelid
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
                    WHERE c.relname = %s AND i.indisunique AND (NOT i.indisprimary OR i.indnatts > 1)
                 GROUP BY i.indexrelid
                   HAVING %s = ANY(array_agg(a.attname))""",
                table,
                column,
            )
        )
        return [[c for c in row[0] if c != column] for row in self.env.cr.fetchall()]

    @api.model
    def _cxm_merge(self, master, others):
        """Merge ``others`` into ``master`` set-based: re-point every foreign
        key, many2many row, reference and res_id to res.partner (rows that
        would become duplicates are dropped, as Odoo's merge wizard does),
        fill the master's empty contact fields, delete the others, and log."""
        master.ensure_one()
        others = others - master
        if not others:
            raise UserError(self.env._("Nothing to merge."))
        partners = master | others
        partners.check_access("write")
        if len(partners.with_context(active_test=False).user_ids) > 1:
            raise UserError(self.env._("Customers linked to more than one user cannot be merged."))
        if len(partners.company_id) > 1:
            raise UserError(self.env._("Customers of different companies cannot be merged."))
        Partner = self.env["res.partner"].with_context(active_test=False)
        for partner in partners:
            if Partner.search([("id", "child_of", partner.id)]) & (partners - partner):
                raise UserError(self.env._("A customer cannot be merged with one of its own contacts."))
        # contact data the master lacks
        values = {}
        for fname in MERGED_FIELDS:
            if not master[fname]:
                donor = others.filtered(fname)[:1]
                if donor:
                    values[fname] = donor[fname].id if fname == "country_id" else donor[fname]
        names = "\n".join(f"{p.id}: {p.display_name}" for p in others)
        other_ids = others.ids
        self.env.flush_all()
        cr = self.env.cr
        counts = {}
        for table, column, kind, model_column in self._partner_references():
            if kind == "fk":
                where = SQL("%s = ANY(%s)", SQL.identifier(column), other_ids)
                target = SQL("%s", master.id)
            elif kind == "res_id":
                where = SQL(
                    "%s = 'res.partner' AND %s = ANY(%s)",
                    SQL.identifier(model_column),
                    SQL.identifier(column),
                    other_ids,
                )
                target = SQL("%s", master.id)
            else:
                where = SQL("%s = ANY(%s)", SQL.identifier(column), [f"res.partner,{i}" for i in other_ids])
                target = SQL("%s", f"res.partner,{master.id}")
            if table == "res_partner" and column in ("id",):
                continue
            count = 0
            unique_sets = self._unique_columns(table, column) if kind != "reference" else []
            if unique_sets:
                # one source at a time, keeping rows that do not collide with the master's
                for other_id in other_ids:
                    one = (
                        SQL("%s = %s", SQL.identifier(column), other_id)
                        if kind == "fk"
                        else SQL(
                            "%s = 'res.partner' AND %s = %s",
                            SQL.identifier(model_column),
                            SQL.identifier(column),
                            other_id,
                        )
                    )
                    clash = SQL(" OR ").join(
                        SQL(
                            "(%s)",
                            SQL(" AND ").join(
                                [SQL("b.%s = %s", SQL.identifier(column), master.id)]
                                + [
                                    SQL("b.%s IS NOT DISTINCT FROM a.%s", SQL.identifier(c), SQL.identifier(c))
                                    for c in cols
                                ]
                            ),
                        )
                        for cols in unique_sets
                    )
                    cr.execute(
                        SQL(
                            "UPDATE %s a SET %s = %s WHERE %s AND NOT EXISTS (SELECT 1 FROM %s b WHERE %s)",
                            SQL.identifier(table),
                            SQL.identifier(column),
                            master.id,
                            one,
                            SQL.identifier(table),
                            clash,
                        )
                    )
                    count += cr.rowcount
                    cr.execute(SQL("DELETE FROM %s WHERE %s", SQL.identifier(table), one))
            else:
                cr.execute(
                    SQL("UPDATE %s SET %s = %s WHERE %s", SQL.identifier(table), SQL.identifier(column), target, where)
                )
                count = cr.rowcount
            if count:
                counts[f"{table}.{column}"] = count
        self.env.invalidate_all()
        others = self.env["res.partner"].browse(other_ids)
        # write access to every merged customer was checked above; nothing
        # points to them any more, deleting them is the last step of the merge
        others.sudo().unlink()
        if values:
            master.write(values)
        self.env["cxm.partner.identity"]._cxm_sync_partners(master.ids)
        _logger.info("Merged customers %s into %s", other_ids, master.id)
        return self.create(
            {
                "master_id": master.id,
                "master_name": master.display_name,
                "merged_partner_ids": ",".join(map(str, other_ids)),
                "merged_names": names,
                "company_id": master.company_id.id,
                "repointed": counts,
                "repointed_count": sum(counts.values()),
            }
        )
