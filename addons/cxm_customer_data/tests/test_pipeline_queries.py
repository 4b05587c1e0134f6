# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from .common import CustomerDataCommon

# at most this many statements more than Odoo's plain write of the same change for an update: the identity look-up, the
# current values with their tags and attributes, the access check, the payload digest
PIPELINE_UPDATE_EXTRA = 4
RECORD = {"external_key": "Q-1", "name": "Deniz Kaya", "phone": "0532 123 45 67", "email": "deniz@example.com"}


class TestPipelineQueries(CustomerDataCommon):
    """Statements one single-record upsert sends, counted as a request sees
    them (a fresh transaction, empty record caches): a guard against a
    round trip creeping back into the hot path."""

    def count(self, record):
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.cr._now = None  # a new request's transaction has not read its timestamp yet
        # warm the per-worker caches (countries, languages, company region) as a running server has them
        cr, statements = self.env.cr, []
        execute = cr.execute

        def logged(query, *args, **kwargs):
            statements.append(" ".join(str(query).split())[:90])
            return execute(query, *args, **kwargs)

        before = cr.sql_log_count
        with patch.object(cr, "execute", logged):
            results = self.upsert([record])
            self.env.flush_all()
        self.statements.append(statements)
        return results[0], cr.sql_log_count - before

    def count_stock_write(self, partner, vals):
        """Statements of Odoo's own ``write`` of ``vals`` (same fresh state): the
        recomputations other modules hang on a partner's name (users, contacts,
        invoices, attendees...) depend on what is installed, and cost the
        pipeline's update exactly what they cost a plain write."""
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.cr._now = None
        before = self.env.cr.sql_log_count
        partner.write(vals)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_statements_per_request(self):
        self.statements = []
        # per-worker caches (countries, languages, company region, record rules), as in a running server
        self.upsert([{"external_key": "WARM", "name": "Warm Up"}])
        self.upsert([{"external_key": "WARM", "name": "Warm Up Again"}])
        created, n_created = self.count(RECORD)
        updated, n_updated = self.count({**RECORD, "name": "Deniz Kaya Yilmaz"})
        unchanged, n_unchanged = self.count({**RECORD, "name": "Deniz Kaya Yilmaz"})
        plain = self.env["res.partner"].create({"name": "Ayse Demir", "phone": "+905321234568"})
        n_plain_write = self.count_stock_write(plain, {"name": "Ayse Demir Yilmaz"})
        self.assertEqual(
            [created["status"], updated["status"], unchanged["status"]], ["created", "updated", "unchanged"]
        )
        listing = f"statements for created, updated (plain write: {n_plain_write}), unchanged:\n" + "\n\n".join(
            "\n".join(s) for s in self.statements
        )
        self.assertEqual((n_created, n_unchanged), (4, 1), listing)
        # what a plain write needs besides depends on the installed modules (3 to 4 statements fewer
        # than ours, alone or with the whole suite): ours may cost at most that much more
        self.assertLessEqual(n_updated - n_plain_write, PIPELINE_UPDATE_EXTRA, listing)

    def test_company_phone_region_change_applies_on_next_call(self):
        """The phone region is cached per worker: changing it on the company
        applies to the very next upsert."""
        self.upsert([{"external_key": "R-1", "name": "Bir", "phone": "0532 123 45 67"}])
        self.assertEqual(self.by_key("R-1").phone, "+905321234567", "read in the company's country, Turkey")
        self.company.cxm_phone_region_id = self.env.ref("base.de")
        self.upsert([{"external_key": "R-2", "name": "Zwei", "phone": "030 12345678"}])
        self.assertEqual(self.by_key("R-2").phone, "+493012345678", "read in the new region, Germany")
        self.company.cxm_phone_region_id = self.env.ref("base.tr")
        self.upsert([{"external_key": "R-3", "name": "Uc", "phone": "0532 765 43 21"}])
        self.assertEqual(self.by_key("R-3").phone, "+905327654321", "back in Turkey")
