# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

import phonenumbers

from odoo.tests import Form
from odoo.tests.common import TransactionCase

from ..models.res_company import _fast_e164, normalize_phone, phonenumbers_e164


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

    def test_fast_reading_agrees_with_phonenumbers(self):
        """Bulk loads read plainly written numbers without phonenumbers'
        general parser: on numbers of many numbering plans, written in every
        usual way (national prefix, +, 00, bare calling code, a stray trunk 0,
        a wrong calling code, separators, mutated digits), the answer is
        always phonenumbers' own."""
        rnd = random.Random(5)
        regions = ["TR", "DE", "FR", "GB", "US", "NL", "BR", "AR", "MX", "IT", "RU", "IN", "AU", "AZ", "HU", "IL"]
        kinds = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
        checked = fast = 0
        for region in regions:
            code = phonenumbers.country_code_for_region(region)
            trunk = phonenumbers.PhoneMetadata.metadata_for_region(region).national_prefix or ""
            examples = [str(phonenumbers.example_number_for_type(region, kind).national_number) for kind in kinds]
            for _i in range(150):
                digits = list(rnd.choice(examples))
                for _j in range(rnd.randint(0, 2)):
                    digits[rnd.randrange(len(digits))] = str(rnd.randint(0, 9))
                national = "".join(digits)
                shapes = [f"+{code}{national}", f"{trunk}{national}", national, f"00{code}{national}"]
                shapes += [f"{code}{national}", f"+{code}0{national}", f"+{rnd.randint(1, 999)}{national}"]
                shape = rnd.choice(shapes)
                written = "".join(ch + (rnd.choice(" -.()/") if rnd.random() < 0.2 else "") for ch in shape)
                for default_region in (region, "TR"):
                    expected = phonenumbers_e164(written, default_region)
                    self.assertEqual(normalize_phone(written, default_region), expected, (written, default_region))
                    checked += 1
                    fast += bool(_fast_e164(written, default_region))
        self.assertGreater(fast, checked // 5, "the fast reading covers the common shapes")
        # the shapes of a Turkish customer file are all read fast
        for written in ("0532 123 45 67", "+90 (212) 555-01-00", "0212.555.01.00", "+49 151 2345 6789"):
            self.assertEqual(_fast_e164(written, "TR"), phonenumbers_e164(written, "TR"))
