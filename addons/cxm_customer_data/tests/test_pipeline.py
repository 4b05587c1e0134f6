# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from odoo.addons.cxm_base.tests.common import new_company_user

from .common import CustomerDataCommon

COMPANY = {
    "external_key": "CO-1",
    "name": "Anadolu Gida A.Ş.",
    "is_company": "yes",
    "phone": "0212 555 12 34",
    "email": "Info@AnadoluGida.example",
    "vat": "1234567890",
    "street": "Büyükdere Cd. 1",
    "city": "İstanbul",
    "country": "TR",
    "tags": "B2B;Gold",
    "attributes": {"segment": "A", "region": "Marmara"},
}
CONTACT = {
    "external_key": "P-1",
    "name": "Ayşe Yilmaz",
    "parent_key": "CO-1",
    "phone": "0532 123 45 67",
    "national_id": "10000000146",
    "lang": "en_US",
}


class TestPipeline(CustomerDataCommon):
    def test_create_then_identical_rerun_writes_nothing(self):
        results = self.upsert([CONTACT, COMPANY])
        self.assertEqual([r["status"] for r in results], ["created", "created"], results)
        company, contact = self.by_key("CO-1"), self.by_key("P-1")
        self.assertEqual(contact.parent_id, company, "the contact is attached to its company by parent key")
        self.assertEqual(company.phone, "+902125551234")
        self.assertEqual(company.email, "info@anadolugida.example")
        self.assertEqual(company.vat, "TR1234567890")
        self.assertEqual(company.company_id, self.company)
        self.assertEqual(sorted(company.category_id.mapped("name")), ["B2B", "Gold"])
        self.assertEqual({a.name: a.value for a in company.cxm_attribute_ids}, {"segment": "A", "region": "Marmara"})
        # Odoo's own bookkeeping: commercial partner, display name, address and tax id from the parent
        self.assertEqual(contact.commercial_partner_id, company)
        self.assertEqual(contact.complete_name, "Anadolu Gida A.Ş., Ayşe Yilmaz")
        self.assertEqual((contact.street, contact.city, contact.vat), ("Büyükdere Cd. 1", "İstanbul", "TR1234567890"))
        self.assertEqual(contact.lang, "en_US")
        # identity keys are indexed: the customer is found by phone
        found = self.env["cxm.partner.identity"].with_user(self.integration).cxm_lookup([{"phone": "05321234567"}])
        self.assertEqual(found[0][0]["partner_id"], contact.id)

        before = self.row_versions(company | contact)
        results = self.upsert([COMPANY, CONTACT])
        self.assertEqual([r["status"] for r in results], ["unchanged", "unchanged"])
        self.assertEqual(self.row_versions(company | contact), before, "an identical re-run writes no row")

    def test_update_only_changed_fields(self):
        self.upsert([COMPANY, CONTACT])
        contact = self.by_key("P-1")
        results = self.upsert([{"external_key": "P-1", "name": "Ayşe Kaya", "email": "ayse@example.com"}])
        self.assertEqual(results[0]["status"], "updated")
        self.assertEqual(contact.name, "Ayşe Kaya")
        self.assertEqual(contact.complete_name, "Anadolu Gida A.Ş., Ayşe Kaya", "stored computed names follow")
        self.assertEqual(contact.phone, "+905321234567", "absent fields are left as they are")
        found = self.env["cxm.partner.identity"].cxm_lookup([{"email": "AYSE@example.com"}])
        self.assertEqual(found[0][0]["partner_id"], contact.id)
        # tags are replaced
        self.upsert([{"external_key": "CO-1", "tags": ["Silver"]}])
        self.assertEqual(self.by_key("CO-1").category_id.mapped("name"), ["Silver"])

    def test_partial_failure_keeps_good_rows(self):
        results = self.upsert(
            [
                {"external_key": "G-1", "name": "Good one", "email": "good1@example.com"},
                {"external_key": "B-1", "name": "Bad phone", "phone": "12"},
                {"external_key": "B-2", "name": "Bad id", "national_id": "12345678901", "country": "TR"},
                {"external_key": "B-3", "name": "Bad lang", "lang": "xx_XX"},
                {"external_key": "B-4", "name": "Unknown parent", "parent_key": "NOPE"},
                {"external_key": "G-1", "name": "Duplicate key"},
                {"external_key": "B-5"},
                {"external_key": "B-6", "name": "Hostile", "fax": "1"},
                "not a dict",
                {"external_key": "G-2", "name": "Good <script>alert(1)</script>\x00 two"},
            ]
        )
        statuses = [r["status"] for r in results]
        self.assertEqual(statuses, ["created"] + ["error"] * 8 + ["created"], results)
        fields = [r["errors"][0]["field"] for r in results[1:9]]
        self.assertEqual(
            fields, ["phone", "national_id", "lang", "parent_key", "external_key", "name", "record", "record"]
        )
        self.assertIn("Unknown parent key: NOPE", results[4]["errors"][0]["message"])
        self.assertEqual(self.by_key("G-2").name, "Good <script>alert(1)</script> two", "NUL dropped, text kept")
        self.assertFalse(self.by_key("B-1"))

    def test_match_on_identity_keys_then_attach_external_key(self):
        existing = self.env["res.partner"].create(
            {"name": "Walk-in customer", "email": "walkin@example.com", "company_id": self.company.id}
        )
        results = self.upsert([{"external_key": "W-1", "name": "Walk-in customer", "email": "WALKIN@example.com"}])
        self.assertEqual(results[0], {"status": "updated", "partner_id": existing.id, "errors": []})
        self.assertEqual(self.by_key("W-1"), existing)
        self.assertEqual(self.upsert([{"external_key": "W-1", "name": "Walk-in customer"}])[0]["status"], "unchanged")

    def test_parent_in_a_later_batch(self):
        self.upsert([COMPANY])
        results = self.upsert([CONTACT])
        self.assertEqual(results[0]["status"], "created")
        self.assertEqual(self.by_key("P-1").parent_id, self.by_key("CO-1"))

    def test_contact_of_a_contact_in_the_same_batch(self):
        # the grand-child comes first in the batch; each level waits for its parent
        results = self.upsert(
            [
                {"external_key": "G-3", "name": "Desk 3", "parent_key": "G-2"},
                {"external_key": "G-2", "name": "Branch 2", "parent_key": "CO-1"},
                COMPANY,
            ]
        )
        self.assertEqual([r["status"] for r in results], ["created"] * 3, results)
        desk, branch, company = self.by_key("G-3"), self.by_key("G-2"), self.by_key("CO-1")
        self.assertEqual(desk.parent_id, branch)
        self.assertEqual(branch.parent_id, company)
        self.assertEqual(desk.commercial_partner_id, company, "the commercial entity is the top company")
        self.assertEqual(desk.vat, "TR1234567890")

    def test_parent_loops_are_refused(self):
        results = self.upsert(
            [
                {"external_key": "L-1", "name": "Loop 1", "parent_key": "L-2"},
                {"external_key": "L-2", "name": "Loop 2", "parent_key": "L-1"},
                {"external_key": "OK-1", "name": "Fine"},
            ]
        )
        self.assertEqual([r["status"] for r in results], ["error", "error", "created"])
        self.assertIn("loop", results[0]["errors"][0]["message"])
        self.assertFalse(self.by_key("L-1"))
        # an existing company cannot become a contact of its own contact
        self.upsert([COMPANY, CONTACT])
        company, contact = self.by_key("CO-1"), self.by_key("P-1")
        results = self.upsert([{"external_key": "CO-1", "parent_key": "P-1"}])
        self.assertEqual(results[0]["status"], "error")
        self.assertEqual(results[0]["errors"][0]["field"], "parent_key")
        self.env.invalidate_all()
        self.assertFalse(company.parent_id, "nothing written")
        self.assertEqual(contact.parent_id, company)

    def test_idempotency_key(self):
        first = self.upsert([{"external_key": "I-1", "name": "Once"}], idempotency_key="req-1")
        again = self.upsert([{"external_key": "I-1", "name": "Changed meanwhile"}], idempotency_key="req-1")
        self.assertEqual(first, again, "a replayed request returns the first result")
        self.assertEqual(self.by_key("I-1").name, "Once", "and writes nothing")

    def test_source_lookup_cache_follows_changes_at_once(self):
        """The source is resolved once per worker and caller; every change
        that matters is seen by the next call, and another caller gets its
        own answer (its access rights, not the cached one of someone else)."""
        self.assertEqual(self.upsert([{"external_key": "S-1", "name": "First"}])[0]["status"], "created")
        self.assertEqual(self.upsert([{"external_key": "S-1", "name": "First"}])[0]["status"], "unchanged")
        # a user of the other company cannot use this company's source, cached or not
        Partner_b = self.env["res.partner"].with_user(
            new_company_user(self.env, "cd_integration_b", "cxm_base.group_cxm_integration", self.company_b)
        )
        with self.assertRaises(ValidationError):
            Partner_b.cxm_upsert([{"external_key": "S-2", "name": "Other"}], source="erp")
        with self.assertRaises(ValidationError):
            Partner_b.cxm_upsert([{"external_key": "S-2", "name": "Other"}], source=self.source.id)
        # a context naming a company the caller does not have skips nothing
        with self.assertRaises(AccessError):
            Partner_b.with_context(allowed_company_ids=[self.company.id]).cxm_upsert(
                [{"external_key": "S-2", "name": "Other"}], source="erp"
            )
        # disabled: refused from the next call on, and again usable once active
        self.source.action_disable()
        with self.assertRaisesRegex(ValidationError, "disabled"):
            self.upsert([{"external_key": "S-1", "name": "Changed"}])
        self.source.action_activate()
        self.assertEqual(self.upsert([{"external_key": "S-1", "name": "Changed"}])[0]["status"], "updated")
        # archived or renamed: unknown at once
        self.source.code = "erp-2"
        with self.assertRaisesRegex(ValidationError, "Unknown integration instance"):
            self.upsert([{"external_key": "S-1", "name": "Changed"}])
        self.source.write({"code": "erp", "active": False})
        with self.assertRaisesRegex(ValidationError, "Unknown integration instance"):
            self.upsert([{"external_key": "S-1", "name": "Changed"}])
        # a caller's context cannot bring an archived instance back, first call or cached
        for _attempt in range(2):
            with self.assertRaisesRegex(ValidationError, "Unknown integration instance"):
                self.Partner.with_context(active_test=False).cxm_upsert(
                    [{"external_key": "S-1", "name": "Changed"}], source="erp"
                )
        self.assertEqual(self.by_key("S-1").name, "Changed", "nothing written by the refused calls")

    def test_idempotency_replay_answer_unchanged(self):
        """The ledger claim tells a replay by itself: the same answer, one ledger row."""
        records = [{"external_key": "R-1", "name": "Once"}, {"external_key": "R-2"}]
        first, replayed = self.Partner._cxm_upsert_records(records, self.source, "req-r")
        self.assertFalse(replayed)
        again, replayed = self.Partner._cxm_upsert_records(records, self.source, "req-r")
        self.assertTrue(replayed)
        self.assertEqual(first, again)
        self.assertEqual([r["status"] for r in first], ["created", "error"])
        self.assertEqual(
            self.env["cxm.customer.upsert.request"].search_count(
                [("source_id", "=", self.source.id), ("idempotency_key", "=", "req-r")]
            ),
            1,
        )

    def test_transactions(self):
        self.upsert([CONTACT | {"parent_key": None}])
        Transaction = self.env["cxm.customer.transaction"].with_user(self.integration)
        rows = [
            {
                "customer_key": "P-1",
                "transaction_key": "T-1",
                "date": "2026-01-15",
                "amount": "1250,50",
                "currency": "TRY",
            },
            {"customer_key": "P-1", "transaction_key": "T-2", "kind": "return", "date": "2026-01-20", "amount": "-50"},
            {"customer_key": "NOPE", "transaction_key": "T-3", "date": "2026-01-20"},
            {"customer_key": "P-1", "transaction_key": "T-4", "date": "yesterday"},
        ]
        results = Transaction.cxm_upsert(rows, "erp")
        self.assertEqual([r["status"] for r in results], ["created", "created", "error", "error"])
        self.assertEqual([r["status"] for r in Transaction.cxm_upsert(rows[:2], "erp")], ["unchanged", "unchanged"])
        rows[1]["amount"] = "-60"
        self.assertEqual(Transaction.cxm_upsert(rows[1:2], "erp")[0]["status"], "updated")
        contact = self.by_key("P-1")
        self.assertEqual(sorted(contact.cxm_transaction_ids.mapped("amount")), [-60.0, 1250.5])

    def test_access(self):
        # another company's agent cannot use this company's source
        with self.assertRaisesRegex(ValidationError, "Unknown integration instance"):
            self.env["res.partner"].with_user(self.agent_b).cxm_upsert([{"external_key": "X", "name": "X"}], "erp")
        # a user who may not create customers cannot upsert
        portal_like = new_test_user(self.env, "cd_basic", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(portal_like).cxm_upsert([{"name": "X"}])
        with self.assertRaisesRegex(ValidationError, "records must be a list"):
            self.Partner.cxm_upsert({"name": "X"}, source="erp")
        results = self.Partner.cxm_upsert([{"external_key": "K", "name": "No source"}])
        self.assertIn("needs a source", results[0]["errors"][0]["message"])

    def test_set_based_insert_matches_the_orm(self):
        """Stored computed fields written by the set-based insert are exactly
        what res.partner's own computations give."""
        salesman = new_test_user(self.env, "cd_salesman", groups="base.group_user")
        self.upsert([COMPANY, {"external_key": "S-1", "name": "Solo", "email": "solo@example.com"}])
        self.by_key("CO-1").user_id = salesman
        self.upsert([CONTACT | {"lang": None}])
        partners = self.by_key("CO-1") | self.by_key("P-1") | self.by_key("S-1")
        names = [
            n
            for n in (
                "commercial_partner_id",
                "commercial_company_name",
                "complete_name",
                "user_id",
                "lang",
                "partner_share",
                "email_normalized",
                "phone_sanitized",
            )
            if n in partners._fields
        ]
        # and those other modules compute (computed on new records before the insert)
        names += [
            name
            for name, field in partners._fields.items()
            if field.store and field.compute and field.column_type and name not in names and name != "display_name"
        ]
        self.env.invalidate_all()
        stored = partners.read(names)
        self.assertEqual(self.by_key("P-1").user_id, salesman, "the contact gets its company's salesperson")
        Partner = self.env["res.partner"]
        for name in names:
            self.env.add_to_compute(Partner._fields[name], partners)
        partners._recompute_recordset(names)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(partners.read(names), stored)
