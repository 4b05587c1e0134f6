# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.tools import SQL

from ..normalize import (
    E164,
    normalize_emails,
    normalize_national_id,
    normalize_vat,
)

_logger = logging.getLogger(__name__)

REBUILD_CHUNK = 20000
# ids of partners created or changed in the transaction whose keys are not synchronised yet
PENDING = "cxm_partner_identity.pending"


class CxmPartnerIdentitySync(models.AbstractModel):
    """Derived keys kept in step with the partners' fields: set-based, once per transaction (before
    the commit, or before anything reads the keys), and a full rebuild for installs and repairs."""

    _name = "cxm.partner.identity.sync"
    _description = "Identity key synchronisation"

    # ------------------------------------------------------------ sync
    @api.model
    def _cxm_partner_columns(self):
        """Stored phone columns of res.partner (``mobile`` when a module adds it)."""
        fields_ = self.env["res.partner"]._fields
        return [name for name in ("phone", "mobile") if name in fields_ and fields_[name].store]

    @api.model
    def _cxm_read_partners(self, partner_ids):
        phone_columns = self._cxm_partner_columns()
        self.env["res.partner"].flush_model(
            [*phone_columns, "email", "vat", "cxm_national_id", "company_id", "country_id", "active"]
        )
        phones = SQL(", ").join(SQL.identifier("p", name) for name in phone_columns)
        self.env.cr.execute(
            SQL(
                """SELECT p.id, p.active, p.company_id, c.code, p.email, p.vat, p.cxm_national_id, ARRAY[%s]
                     FROM res_partner p
                LEFT JOIN res_country c ON c.id = p.country_id
                    WHERE p.id = ANY(%s)""",
                phones,
                list(partner_ids),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _cxm_compute_keys(self, rows):
        """Desired derived keys ``{(partner_id, key_type, value, company_id)}``
        of partner rows read by :meth:`_cxm_read_partners`."""
        companies = {}
        phone_cache = {}
        keys = set()
        for partner_id, active, company_id, country_code, email, vat, national_id, phones in rows:
            if not active:
                continue
            company = companies.get(company_id)
            if company is None:
                company = companies[company_id] = (
                    self.env["res.company"].browse(company_id) if company_id else self.env.company
                ).sudo()
            region_code = country_code or (company.cxm_phone_region_id or company.country_id).code
            for phone in phones:
                if phone:
                    cache_key = (company.id, phone)
                    if E164.match(phone):  # already normalised (what the data hub stores)
                        keys.add((partner_id, "phone", phone, company_id))
                        continue
                    if cache_key not in phone_cache:
                        phone_cache[cache_key] = company._cxm_normalize_phone(phone)
                    if phone_cache[cache_key]:
                        keys.add((partner_id, "phone", phone_cache[cache_key], company_id))
            for address in normalize_emails(email):
                keys.add((partner_id, "email", address, company_id))
            value = normalize_national_id(national_id, region_code)
            if value:
                keys.add((partner_id, "national_id", value, company_id))
            value = normalize_vat(vat, country_code) if vat and vat != "/" else False
            if value:
                keys.add((partner_id, "vat", value, company_id))
        return keys

    @api.model
    def _cxm_insert_keys(self, keys):
        keys = list(keys)
        if keys:
            self.env.cr.execute(
                SQL(
                    """INSERT INTO cxm_partner_identity (partner_id, key_type, value, company_id)
                       SELECT * FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::int[])""",
                    [k[0] for k in keys],
                    [k[1] for k in keys],
                    [k[2] for k in keys],
                    [k[3] for k in keys],
                )
            )
        return len(keys)

    @api.model
    def _cxm_sync_later(self, partner_ids):
        """Schedule the key sync of ``partner_ids``: one set-based sync for every partner created or changed
        in the transaction, run before the commit or before anything reads the keys (``flush_model``), so that
        creating partners one by one costs no extra query per partner."""
        data = self.env.cr.precommit.data
        pending = data.get(PENDING)
        if pending is None:
            pending = data[PENDING] = set()
            self.env.cr.precommit.add(self.sudo()._cxm_sync_pending)
        pending.update(partner_ids)

    @api.model
    def _cxm_sync_pending(self):
        """Synchronise the keys of the partners scheduled by :meth:`_cxm_sync_later`."""
        pending = self.env.cr.precommit.data.get(PENDING)
        if pending:
            partner_ids = list(pending)
            pending.clear()
            self._cxm_sync_partners(partner_ids)

    def flush_model(self, fnames=None):
        # every ORM read of the keys (search, read, one2many, execute_query) flushes this model first: the keys
        # of partners created or changed earlier in the transaction are written then
        self._cxm_sync_pending()
        return super().flush_model(fnames)

    @api.model
    def _cxm_sync_partners(self, partner_ids):
        """Bring the derived keys of ``partner_ids`` in step with their fields:
        one read, one diff, one DELETE and one INSERT for the whole batch."""
        partner_ids = list(set(partner_ids))
        if not partner_ids:
            return
        cr = self.env.cr
        desired = self._cxm_compute_keys(self._cxm_read_partners(partner_ids))
        cr.execute(
            SQL(
                """SELECT id, partner_id, key_type, value, company_id FROM cxm_partner_identity
                    WHERE partner_id = ANY(%s) AND key_type != 'external'""",
                partner_ids,
            )
        )
        kept, obsolete = set(), []
        for key_id, *columns in cr.fetchall():
            key = tuple(columns)
            if key in desired and key not in kept:
                kept.add(key)
            else:
                obsolete.append(key_id)
        if obsolete:
            cr.execute(SQL("DELETE FROM cxm_partner_identity WHERE id = ANY(%s)", obsolete))
        self._cxm_insert_keys(desired - kept)
        # external keys follow the company of their partner
        cr.execute(
            SQL(
                """UPDATE cxm_partner_identity i SET company_id = p.company_id
                     FROM res_partner p
                    WHERE p.id = i.partner_id AND i.partner_id = ANY(%s) AND i.key_type = 'external'
                      AND i.company_id IS DISTINCT FROM p.company_id""",
                partner_ids,
            )
        )
        self.invalidate_model()

    @api.model
    def _cxm_rebuild_all(self):
        """Recompute all derived keys (install backfill and repair), by chunks
        of partner ids. Returns the number of keys written."""
        cr = self.env.cr
        self.env.cr.precommit.data.pop(PENDING, None)  # every partner is rebuilt below
        cr.execute(SQL("DELETE FROM cxm_partner_identity WHERE key_type != 'external'"))
        cr.execute(SQL("SELECT id FROM res_partner ORDER BY id"))
        all_ids = [row[0] for row in cr.fetchall()]
        count = 0
        for start in range(0, len(all_ids), REBUILD_CHUNK):
            chunk = all_ids[start : start + REBUILD_CHUNK]
            count += self._cxm_insert_keys(self._cxm_compute_keys(self._cxm_read_partners(chunk)))
        self.invalidate_model()
        _logger.info("Rebuilt %s identity keys of %s partners", count, len(all_ids))
        return count
