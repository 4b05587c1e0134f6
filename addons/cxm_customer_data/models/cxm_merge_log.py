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
        """Merge ``others`` into ``master`` (see :meth:`_cxm_merge_groups`)."""
        return self._cxm_merge_groups([(master, others)])

    @api.model
    def _cxm_merge_groups(self, groups):
        """Merge each ``(master, others)`` of ``groups`` set-based, all groups
        at once: one mapping (merged id -> kept id) and, per column pointing at
        res.partner (foreign keys incl. many2many tables, reference fields,
        res_id fields), one DELETE of the rows that would collide with a kept
        row (as Odoo's merge wizard drops them) and one UPDATE re-pointing the
        rest. Then the kept customers' empty contact fields are filled, the
        merged ones deleted, identity keys rebuilt and one log written per
        group. Returns the logs."""
        cr = self.env.cr
        Partner = self.env["res.partner"].with_context(active_test=False)
        mapping = {}
        checked = []
        for master, given in groups:
            master.ensure_one()
            others = given - master
            if not others:
                raise UserError(self.env._("Nothing to merge."))
            if set(others.ids) & set(mapping) or master.id in mapping:
                raise UserError(self.env._("A customer can only be merged once at a time."))
            mapping.update(dict.fromkeys(others.ids, master.id))
            checked.append((master, others))
        all_partners = Partner.browse(list(mapping) + [m.id for m, _o in checked])
        all_partners.check_access("write")
        self.env.flush_all()
        # users, companies and hierarchy, for all groups in two queries
        cr.execute(
            SQL(
                """SELECT p.id, p.company_id, p.parent_id, p.commercial_partner_id,
                          (SELECT count(*) FROM res_users u WHERE u.partner_id = p.id)
                     FROM res_partner p WHERE p.id = ANY(%s)""",
                all_partners.ids,
            )
        )
        info = {row[0]: row[1:] for row in cr.fetchall()}
        for master, others in checked:
            members = [master.id, *others.ids]
            if sum(info[i][3] for i in members) > 1:
                raise UserError(self.env._("Customers linked to more than one user cannot be merged."))
            if len({info[i][0] for i in members if info[i][0]}) > 1:
                raise UserError(self.env._("Customers of different companies cannot be merged."))
            for i in members:
                if {info[i][1], info[i][2] if info[i][2] != i else None} & (set(members) - {i}):
                    raise UserError(self.env._("A customer cannot be merged with one of its own contacts."))
        # contact data the kept customers lack
        write_values = []
        for master, others in checked:
            values = {}
            for fname in MERGED_FIELDS:
                if not master[fname]:
                    donor = others.filtered(fname)[:1]
                    if donor:
                        values[fname] = donor[fname].id if fname == "country_id" else donor[fname]
            if values:
                write_values.append((master, values))
        names = {m.id: "\n".join(f"{p.id}: {p.display_name}" for p in o) for m, o in checked}
        cr.execute(SQL("CREATE TEMP TABLE IF NOT EXISTS cxm_merge_map (src int PRIMARY KEY, dst int) ON COMMIT DROP"))
        cr.execute(SQL("TRUNCATE cxm_merge_map"))
        cr.execute(
            SQL(
                "INSERT INTO cxm_merge_map SELECT * FROM unnest(%s::int[], %s::int[])",
                list(mapping),
                list(mapping.values()),
            )
        )
        counts = {m.id: {} for m, _o in checked}
        for table, column, kind, model_column in self._partner_references():
            col = SQL.identifier(column)
            tbl = SQL.identifier(table)
            if kind == "fk":
                dst = SQL("m.dst")
                match = SQL("a.%s = m.src", col)
            elif kind == "res_id":
                dst = SQL("m.dst")
                match = SQL("a.%s = 'res.partner' AND a.%s = m.src", SQL.identifier(model_column), col)
            else:
                dst = SQL("'res.partner,' || m.dst")
                match = SQL("a.%s = 'res.partner,' || m.src", col)
            cr.execute(SQL("SELECT 1 FROM %s a JOIN cxm_merge_map m ON %s LIMIT 1", tbl, match))
            if not cr.fetchone():
                continue
            for others_cols in self._unique_columns(table, column) if kind != "reference" else []:
                # rows that would collide with a row of the kept customer (or of another
                # merged customer of the same group) are dropped, keeping one
                same = SQL(" AND ").join(
                    SQL("b.%s IS NOT DISTINCT FROM a.%s", SQL.identifier(c), SQL.identifier(c)) for c in others_cols
                )
                cr.execute(
                    SQL(
                        """DELETE FROM %(tbl)s a USING cxm_merge_map m
                            WHERE %(match)s AND EXISTS (
                                  SELECT 1 FROM %(tbl)s b LEFT JOIN cxm_merge_map mb ON mb.src = b.%(col)s
                                   WHERE COALESCE(mb.dst, b.%(col)s) = m.dst AND %(same)s
                                     AND (mb.src IS NULL OR b.ctid < a.ctid))""",
                        tbl=tbl,
                        match=match,
                        col=col,
                        same=same or SQL("TRUE"),
                    )
                )
            cr.execute(
                SQL(
                    "UPDATE %s a SET %s = %s FROM cxm_merge_map m WHERE %s RETURNING m.dst",
                    tbl,
                    col,
                    dst,
                    match,
                )
            )
            for (master_id,) in cr.fetchall():
                per = counts[master_id]
                per[f"{table}.{column}"] = per.get(f"{table}.{column}", 0) + 1
        self.env.invalidate_all()
        # write access to every merged customer was checked above; nothing points
        # to them any more, deleting them is the last step of the merge
        Partner.browse(list(mapping)).sudo().unlink()
        for master, values in write_values:
            master.write(values)
        masters = [m.id for m, _o in checked]
        self.env["cxm.partner.identity"]._cxm_sync_partners(masters)
        _logger.info("Merged %s customers into %s", len(mapping), len(masters))
        return self.create(
            [
                {
                    "master_id": master.id,
                    "master_name": master.display_name,
                    "merged_partner_ids": ",".join(map(str, others.ids)),
                    "merged_names": names[master.id],
                    "company_id": master.company_id.id,
                    "repointed": counts[master.id],
                    "repointed_count": sum(counts[master.id].values()),
                }
                for master, others in checked
            ]
        )
