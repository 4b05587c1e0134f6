# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase

from ..tools import gsm


class TestGsmLength(BaseCase):
    def test_gsm7_single_and_long(self):
        self.assertEqual(
            gsm.sms_info("a" * 160), {"encoding": "gsm7", "units": 160, "parts": 1, "per_part": 160, "remaining": 0}
        )
        info = gsm.sms_info("a" * 161)
        self.assertEqual((info["parts"], info["per_part"], info["remaining"]), (2, 153, 145))
        self.assertEqual(gsm.sms_info("a" * 306)["parts"], 2)
        self.assertEqual(gsm.sms_info("a" * 307)["parts"], 3)

    def test_extension_characters_count_twice_and_are_not_split(self):
        self.assertEqual(gsm.sms_info("€" * 80)["units"], 160)
        self.assertEqual(gsm.sms_info("€" * 80)["parts"], 1)
        # 152 plain + one euro = 154 units: the euro does not fit in part one (153) and moves to part two
        info = gsm.sms_info("a" * 152 + "€" + "a" * 10)
        self.assertEqual((info["units"], info["parts"], info["remaining"]), (164, 2, 153 - 12))

    def test_turkish_letters(self):
        text = "Sayın müşterimiz, talebiniz için teşekkürler. Değişiklik olursa bilgi vereceğiz."
        plain = gsm.sms_info(text)
        self.assertEqual(plain["encoding"], "ucs2", "ı ş ğ are not in GSM-7: without the shift table, UCS-2")
        self.assertEqual((plain["parts"], plain["per_part"]), (2, 67))
        shifted = gsm.sms_info(text, turkish_shift=True)
        self.assertEqual(shifted["encoding"], "gsm7_tr")
        self.assertEqual(shifted["parts"], 1)
        self.assertEqual(shifted["per_part"], 155)
        # ü ö Ç Ö Ü are in the default alphabet: one unit each, GSM-7 stays
        self.assertEqual(gsm.sms_info("Günaydın"[:-2] + "ün Çö")["encoding"], "gsm7")
        self.assertEqual(gsm.sms_info("ş" * 78, turkish_shift=True)["parts"], 2, "155 units: 77 ş, then a second part")
        self.assertEqual(gsm.sms_info("ş" * 77, turkish_shift=True)["parts"], 1)

    def test_ucs2_emoji_and_limits(self):
        self.assertEqual(gsm.sms_info("ж" * 70)["parts"], 1)
        self.assertEqual(gsm.sms_info("ж" * 71)["parts"], 2)
        emoji = gsm.sms_info("🙂" * 35)
        self.assertEqual((emoji["encoding"], emoji["units"], emoji["parts"]), ("ucs2", 70, 1))
        self.assertEqual(gsm.sms_info("🙂" * 34, turkish_shift=True)["encoding"], "ucs2")
        self.assertEqual(gsm.sms_info("")["parts"], 0)
