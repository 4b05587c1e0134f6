# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .common import IdentityCommon


class TestLookup(IdentityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.ayse = Partner.create(
            {
                "name": "Ayşe (A)",
                "phone": "+90 532 123 45 67",
                "email": "ayse@example.com",
                "cxm_national_id": "10000000146",
                "company_id": cls.company_a.id,
            }
        )
        cls.ali = Partner.create({"name": "Ali (A)", "phone": "0212 555 12 34", "company_id": cls.company_a.id})
        cls.ayse_b = Partner.create(
            {"name": "Ayşe (B)", "phone": "0532 123 45 67", "email": "ayse@example.com", "company_id": cls.company_b.id}
        )
        cls.shared = Partner.create({"name": "Shared", "email": "shared@example.com"})
        cls.Identity.create(
            {"partner_id": cls.ali.id, "key_type": "external", "source_id": cls.erp_a.id, "value": "C-1001"}
        )

    def test_batch_lookup_in_order(self):
        Identity = self.Identity.with_user(self.agent_a).with_company(self.company_a)
        result = Identity.cxm_lookup(
            [
                {"phone": "0532-123-4567"},
                {"email": " AYSE@example.COM "},
                {"national_id": "100 000 001 46"},
                {"external_key": "C-1001", "source": "erp"},
                {"external_key": "C-1001", "source": self.erp_a.id},
                {"phone": "0500 000 00 00"},
                {},
                {"email": "shared@example.com", "phone": "02125551234"},
            ]
        )
        self.assertEqual(len(result), 8)
        self.assertEqual(result[0], [{"partner_id": self.ayse.id, "key_type": "phone", "key": "+905321234567"}])
        self.assertEqual(result[1], [{"partner_id": self.ayse.id, "key_type": "email", "key": "ayse@example.com"}])
        self.assertEqual(result[2], [{"partner_id": self.ayse.id, "key_type": "national_id", "key": "10000000146"}])
        self.assertEqual(result[3], [{"partner_id": self.ali.id, "key_type": "external", "key": "C-1001"}])
        self.assertEqual(result[4], result[3])
        self.assertEqual(result[5], [])
        self.assertEqual(result[6], [])
        self.assertEqual(
            sorted(m["partner_id"] for m in result[7]), sorted([self.ali.id, self.shared.id]), "both keys match"
        )

    def test_company_isolation(self):
        """An agent of company A never finds company B's customer with the same phone."""
        result_a = self.Identity.with_user(self.agent_a).cxm_lookup([{"phone": "05321234567"}])
        self.assertEqual([m["partner_id"] for m in result_a[0]], [self.ayse.id])
        result_b = self.Identity.with_user(self.agent_b).cxm_lookup([{"phone": "05321234567"}])
        self.assertEqual([m["partner_id"] for m in result_b[0]], [self.ayse_b.id])
        # company B's agent does not know company A's source code "erp" as the same instance
        result = self.Identity.with_user(self.agent_b).cxm_lookup([{"external_key": "C-1001", "source": "erp"}])
        self.assertEqual(result, [[]])
        # nor by giving A's instance id
        with self.assertRaisesRegex(ValidationError, "Unknown integration instance"):
            self.Identity.with_user(self.agent_b).cxm_lookup([{"external_key": "C-1001", "source": self.erp_a.id}])

    def test_archived_and_unreadable_are_hidden(self):
        self.ali.action_archive()
        result = self.Identity.with_user(self.agent_a).cxm_lookup([{"phone": "0212 555 12 34"}])
        self.assertEqual(result, [[]])

    def test_cxm_find(self):
        found = self.env["res.partner"].with_user(self.agent_a).cxm_find(phone="0532 123 45 67")
        self.assertEqual(found, self.ayse)
        self.assertFalse(self.env["res.partner"].with_user(self.agent_a).cxm_find())

    def test_bad_input(self):
        Identity = self.Identity.with_user(self.integration_a)
        with self.assertRaisesRegex(ValidationError, "Unknown look-up key"):
            Identity.cxm_lookup([{"fax": "123"}])
        with self.assertRaisesRegex(ValidationError, "expects a list"):
            Identity.cxm_lookup({"phone": "123"})
        with self.assertRaisesRegex(ValidationError, "is not a dict"):
            Identity.cxm_lookup(["0532"])
        with self.assertRaisesRegex(ValidationError, "must be a string"):
            Identity.cxm_lookup([{"phone": ["0532"]}])

    def test_lookup_uses_the_index(self):
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(
            "EXPLAIN SELECT partner_id FROM cxm_partner_identity WHERE key_type = 'phone' AND value = '+905321234567'"
        )
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("cxm_partner_identity_key_type_value_idx", plan)
