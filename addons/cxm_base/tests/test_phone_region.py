# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form
from odoo.tests.common import TransactionCase


class TestPhoneRegion(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Istanbul Co", "country_id": cls.env.ref("base.tr").id})

    def test_region_defaults_to_company_country(self):
        self.assertEqual(self.company.cxm_phone_region_id, self.env.ref("base.tr"))

    def test_national_numbers_read_in_company_region(self):
        norm = self.company._cxm_normalize_phone
        self.assertEqual(norm("0532 123 45 67"), "+905321234567")
        self.assertEqual(norm("(0212) 555 01 00"), "+902125550100")
        self.assertEqual(norm("+49 151 2345 6789"), "+4915123456789")
        self.assertEqual(norm("+1 (415) 555-0134"), "+14155550134")
        self.assertFalse(norm("+90 532 123"), "too short for a Turkish mobile")
        self.assertFalse(norm("not a phone"))
        self.assertFalse(norm("0532"))
        self.assertFalse(norm(False))

    def test_changing_region_changes_reading(self):
        self.company.cxm_phone_region_id = self.env.ref("base.de")
        self.assertEqual(self.company._cxm_normalize_phone("0151 23456789"), "+4915123456789")
        # changing the company's country later keeps an explicit choice
        self.company.country_id = self.env.ref("base.fr")
        self.assertEqual(self.company.cxm_phone_region_id, self.env.ref("base.de"))

    def test_settings_form_sets_region(self):
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.company
        settings = Form(self.env["res.config.settings"].with_user(admin).with_company(self.company))
        settings.cxm_phone_region_id = self.env.ref("base.uk")
        settings.save().execute()
        self.assertEqual(self.company.cxm_phone_region_id, self.env.ref("base.uk"))
        self.assertEqual(self.company._cxm_normalize_phone("020 7946 0321"), "+442079460321")
