# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from stdnum.tr import vkn

from odoo.tests.common import TransactionCase

from ..normalize import normalize_email, normalize_emails, normalize_national_id, normalize_vat


class TestNormalize(TransactionCase):
    def test_turkish_and_international_phones(self):
        company = self.env["res.company"].create({"name": "TR Co", "country_id": self.env.ref("base.tr").id})
        expected = {
            "0532 123 45 67": "+905321234567",
            "(0532) 123-4567": "+905321234567",
            "5321234567": "+905321234567",
            "00905321234567": "+905321234567",
            "+90 532 123 45 67": "+905321234567",
            "0212 555 12 34": "+902125551234",
            "+44 20 7946 0018": "+442079460018",
            "+49 30 1234567": "+49301234567",
        }
        for raw, e164 in expected.items():
            self.assertEqual(company._cxm_normalize_phone(raw), e164, raw)
        self.assertFalse(company._cxm_normalize_phone("12"))
        self.assertFalse(company._cxm_normalize_phone("call me"))

    def test_emails(self):
        self.assertEqual(normalize_email("  John.Doe@Example.COM "), "john.doe@example.com")
        self.assertEqual(normalize_email('"Ayşe" <Ayse@BÜCHER.example>'), "ayse@xn--bcher-kva.example")
        self.assertEqual(normalize_emails("a@x.com, B@Y.com; a@X.com"), ["a@x.com", "b@y.com"])
        self.assertFalse(normalize_email("not an address"))
        self.assertFalse(normalize_email(""))

    def test_national_ids(self):
        # a valid Turkish TCKN, written with spaces
        self.assertEqual(normalize_national_id("100 000 001 46", "TR"), "10000000146")
        # wrong checksum: refused in Turkey
        self.assertFalse(normalize_national_id("12345678901", "TR"))
        # a valid VKN (tax number of a company) is accepted as a Turkish id too
        number = "123456789" + vkn.calc_check_digit("123456789")
        self.assertEqual(normalize_national_id(number, "TR"), number)
        # countries without a known validator: compact form
        self.assertEqual(normalize_national_id("ab-12 34", "ZZ"), "AB1234")

    def test_vat(self):
        number = "123456789" + vkn.calc_check_digit("123456789")
        self.assertEqual(normalize_vat(number, "TR"), "TR" + number)
        self.assertEqual(normalize_vat("TR " + number, None), "TR" + number)
        self.assertEqual(normalize_vat("de 136 695 976", None), "DE136695976")
        self.assertFalse(normalize_vat("DE136695977", None))
        self.assertFalse(normalize_vat("1234567891", "TR"))
