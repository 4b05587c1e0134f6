# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: RUF002, RUF003 - the table is about letters that look alike
"""Turkish names are found the Turkish way: İ/I/ı/i, ş/s, ğ/g, ç/c, ö/o, ü/u in both cases, with
or without PostgreSQL's unaccent; look-alike letters of other scripts never match."""

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..tools.text_fold import fold, fold_body

NAMES = [
    "Tfold Ayşe Yılmaz",
    "Tfold Elif Şahin",
    "Tfold Burak Çelik",
    "Tfold Can Öztürk",
    "Tfold Serkan Güneş",
    "Tfold Tuba Erdoğan",
    "Tfold İpek Tekin",
    "Tfold Işıl Kaya",
    "Tfold İstanbul Gıda A.Ş.",
]
#: (what a user types, the name it must find)
MUST_MATCH = [
    ("YILMAZ", "Tfold Ayşe Yılmaz"),
    ("yilmaz", "Tfold Ayşe Yılmaz"),
    ("yılmaz", "Tfold Ayşe Yılmaz"),
    ("AYŞE YILMAZ", "Tfold Ayşe Yılmaz"),
    ("ayse  yilmaz", "Tfold Ayşe Yılmaz"),
    ("ŞAHİN", "Tfold Elif Şahin"),
    ("ŞAHIN", "Tfold Elif Şahin"),
    ("sahin", "Tfold Elif Şahin"),
    ("ELİF", "Tfold Elif Şahin"),
    ("elıf", "Tfold Elif Şahin"),
    ("CELIK", "Tfold Burak Çelik"),
    ("ÇELİK", "Tfold Burak Çelik"),
    ("ozturk", "Tfold Can Öztürk"),
    ("ÖZTÜRK", "Tfold Can Öztürk"),
    ("GÜNEŞ", "Tfold Serkan Güneş"),
    ("gunes", "Tfold Serkan Güneş"),
    ("ERDOĞAN", "Tfold Tuba Erdoğan"),
    ("erdogan", "Tfold Tuba Erdoğan"),
    ("İPEK", "Tfold İpek Tekin"),
    ("IPEK", "Tfold İpek Tekin"),
    ("ipek", "Tfold İpek Tekin"),
    ("ıpek", "Tfold İpek Tekin"),
    ("IŞIL", "Tfold Işıl Kaya"),
    ("isil", "Tfold Işıl Kaya"),
    ("İSTANBUL GIDA", "Tfold İstanbul Gıda A.Ş."),
    ("istanbul gida", "Tfold İstanbul Gıda A.Ş."),
]
#: (what a user types, a name it must not find)
MUST_NOT_MATCH = [
    ("Аyşe", "Tfold Ayşe Yılmaz"),  # Cyrillic А
    ("Yilmas", "Tfold Ayşe Yılmaz"),
    ("Οzturk", "Tfold Can Öztürk"),  # Greek Ο
    ("сelik", "Tfold Burak Çelik"),  # Cyrillic с
    ("Çelikten", "Tfold Burak Çelik"),
    ("sahinler", "Tfold Elif Şahin"),
    ("ipekyolu", "Tfold İpek Tekin"),
]


@tagged("post_install", "-at_install")
class TestTurkishText(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = {name: cls.env["res.partner"].create({"name": name}) for name in NAMES}

    def _found(self, query):
        Partner = self.env["res.partner"]
        by_search = Partner.search([("display_name", "ilike", query), ("name", "=like", "Tfold%")])
        by_name_search = {pid for pid, _name in Partner.name_search(query, limit=200)}
        return set(by_search.ids), by_name_search

    def test_search_finds_turkish_spellings(self):
        misses = []
        for query, name in MUST_MATCH:
            by_search, by_name_search = self._found(query)
            if self.partners[name].id not in by_search or self.partners[name].id not in by_name_search:
                misses.append((query, name))
        self.assertEqual(misses, [], "0 misses on the table")

    def test_search_never_matches_look_alikes(self):
        false = []
        for query, name in MUST_NOT_MATCH:
            by_search, by_name_search = self._found(query)
            if self.partners[name].id in by_search | by_name_search:
                false.append((query, name))
        self.assertEqual(false, [], "0 false matches on the table")

    def _sql_match(self, function, query, name):
        self.env.cr.execute(
            SQL(
                "SELECT %s(%s) LIKE '%%' || %s(%s) || '%%'",
                SQL.identifier(*function),
                name,
                SQL.identifier(*function),
                query,
            )
        )
        return self.env.cr.fetchone()[0]

    def test_same_answers_without_unaccent_and_in_python(self):
        # the function as it is created where unaccent cannot be installed
        self.env.cr.execute(
            SQL(
                "CREATE FUNCTION pg_temp.cxm_fold_plain(text) RETURNS text LANGUAGE sql IMMUTABLE AS %s",
                fold_body(None),
            )
        )
        for function in (("cxm_fold",), ("pg_temp", "cxm_fold_plain")):
            for query, name in MUST_MATCH:
                self.assertTrue(self._sql_match(function, query, name), (function, query, name))
            for query, name in MUST_NOT_MATCH:
                self.assertFalse(self._sql_match(function, query, name), (function, query, name))
        for query, name in MUST_MATCH:
            self.assertIn(fold(query), fold(name))
        for query, name in MUST_NOT_MATCH:
            self.assertNotIn(fold(query), fold(name))
        self.assertEqual(fold("  İSTANBUL  "), "istanbul", "no combining dot, single spaces")

    def test_turkish_readers_get_turkish_alphabetical_order(self):
        names = ["Tsort Zeynep", "Tsort Çelik", "Tsort Cem", "Tsort İpek", "Tsort Irmak", "Tsort Ömer", "Tsort Oya"]
        self.env["res.partner"].create([{"name": name} for name in names])
        Partner = self.env["res.partner"]
        domain = [("name", "=like", "Tsort %")]
        turkish = Partner.with_context(lang="tr_TR").search(domain).mapped("name")
        self.assertEqual(
            turkish,
            ["Tsort Cem", "Tsort Çelik", "Tsort Irmak", "Tsort İpek", "Tsort Oya", "Tsort Ömer", "Tsort Zeynep"],
        )
        english = Partner.with_context(lang="en_US").search(domain).mapped("name")
        self.assertEqual(english[-3:], ["Tsort Çelik", "Tsort Ömer", "Tsort İpek"], "C collation: after Zeynep")
        tickets = self.env["helpdesk.ticket"].create(
            [
                {"name": f"sort {name}", "partner_id": p.id, "description": "x"}
                for name, p in zip(names, Partner.search(domain), strict=True)
            ]
        )
        by_customer = tickets.with_context(lang="tr_TR").search([("id", "in", tickets.ids)], order="partner_id")
        self.assertEqual(by_customer.partner_id.mapped("name"), turkish, "tickets by customer too")
