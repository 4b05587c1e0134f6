# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2.errors

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import IdentityCommon


class TestIdentitySync(IdentityCommon):
    def test_create_indexes_every_key(self):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": "Ayşe Yilmaz",
                    "phone": "0532 123 45 67",
                    "email": "Ayse.Yilmaz@Example.com",
                    "cxm_national_id": "10000000146",
                    "company_id": self.company_a.id,
                },
                {"name": "Bad data", "phone": "12", "email": "nope", "cxm_national_id": "12345678901"},
            ]
        )
        self.assertEqual(
            self.keys_of(partners[0]),
            {("phone", "+905321234567"), ("email", "ayse.yilmaz@example.com"), ("national_id", "10000000146")},
        )
        self.assertEqual(self.keys_of(partners[1]), set(), "invalid phone, e-mail and TCKN are not indexed")
        key = self.Identity.search([("partner_id", "=", partners[0].id), ("key_type", "=", "phone")])
        self.assertEqual(key.company_id, self.company_a)

    def test_write_archive_unlink(self):
        partner = self.env["res.partner"].create({"name": "Mehmet", "phone": "0532 123 45 67"})
        partner.write({"phone": "0533 765 43 21", "email": "m@example.com"})
        self.assertEqual(self.keys_of(partner), {("phone", "+905337654321"), ("email", "m@example.com")})
        partner.write({"phone": False})
        self.assertEqual(self.keys_of(partner), {("email", "m@example.com")})
        partner.action_archive()
        self.assertEqual(self.keys_of(partner), set(), "archived customers are no longer found")
        partner.action_unarchive()
        self.assertEqual(self.keys_of(partner), {("email", "m@example.com")})
        partner_id = partner.id
        partner.unlink()
        self.assertFalse(self.Identity.search([("partner_id", "=", partner_id)]))

    def test_form_edit_updates_keys(self):
        partner = self.env["res.partner"].create({"name": "Form customer"})
        with Form(partner) as form:
            form.phone = "+44 20 7946 0018"
        self.assertEqual(self.keys_of(partner), {("phone", "+442079460018")})

    def test_merge_moves_external_keys_and_rebuilds(self):
        Partner = self.env["res.partner"]
        dst = Partner.create({"name": "Fatma Kaya", "email": "fatma@example.com"})
        src = Partner.create({"name": "Fatma K.", "email": "fatma@example.com", "phone": "0532 111 22 33"})
        self.Identity.create({"partner_id": src.id, "key_type": "external", "source_id": self.erp_a.id, "value": "C-1"})
        wizard = self.env["base.partner.merge.automatic.wizard"]
        with mute_logger("odoo.addons.base.wizard.base_partner_merge"):
            wizard._merge((dst | src).ids, dst_partner=dst)
        self.assertFalse(src.exists())
        self.assertEqual(
            self.keys_of(dst),
            {("email", "fatma@example.com"), ("phone", "+905321112233"), ("external", "C-1")},
            "the merged customer keeps the source's external key and phone, without duplicate e-mail keys",
        )

    def test_external_key_unique_per_source(self):
        Partner = self.env["res.partner"]
        first = Partner.create({"name": "First", "company_id": self.company_a.id})
        second = Partner.create({"name": "Second", "company_id": self.company_a.id})
        self.Identity.create(
            {"partner_id": first.id, "key_type": "external", "source_id": self.erp_a.id, "value": " K9 "}
        )
        with self.assertRaisesRegex(
            ValidationError, "External key K9 of source erp already belongs to another customer"
        ):
            self.Identity.create(
                {"partner_id": second.id, "key_type": "external", "source_id": self.erp_a.id, "value": "K9"}
            )
        # same key in another source is fine
        self.Identity.create(
            {"partner_id": second.id, "key_type": "external", "source_id": self.erp_b.id, "value": "K9"}
        )
        # the database index is the last guard (concurrent writers)
        with self.assertRaises(psycopg2.errors.UniqueViolation), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO cxm_partner_identity (partner_id, key_type, value, source_id) "
                "VALUES (%s, 'external', 'K9', %s)",
                (second.id, self.erp_a.id),
            )
        with self.assertRaisesRegex(ValidationError, "come from the customer's own fields"):
            self.Identity.create({"partner_id": second.id, "key_type": "phone", "value": "+905321234567"})

    def test_rebuild_repairs_and_needs_manager(self):
        partner = self.env["res.partner"].create({"name": "Repair me", "email": "repair@example.com"})
        self.env.cr.execute("DELETE FROM cxm_partner_identity WHERE partner_id = %s", (partner.id,))
        self.env.cr.execute(
            "INSERT INTO cxm_partner_identity (partner_id, key_type, value) VALUES (%s, 'email', 'stale@example.com')",
            (partner.id,),
        )
        self.Identity.invalidate_model()
        with self.assertRaises(AccessError):
            partner.with_user(self.agent_a).action_cxm_rebuild_identity_keys()
        partner.action_cxm_rebuild_identity_keys()
        self.assertEqual(self.keys_of(partner), {("email", "repair@example.com")})
        self.env.cr.execute("DELETE FROM cxm_partner_identity WHERE partner_id = %s", (partner.id,))
        self.Identity.action_rebuild_all()
        self.assertEqual(self.keys_of(partner), {("email", "repair@example.com")})
