# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: RUF002, RUF003 - the table is about letters that look alike
"""Turkish names are found the Turkish way: İ/I/ı/i, ş/s, ğ/g, ç/c, ö/o, ü/u in both cases, with
or without PostgreSQL's unaccent; look-alike letters of other scripts never match."""

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..tools.text_fold import fold, fold_body
from .turkish_names import NAME_PAIRS, SEARCH_PAIRS

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


@tagged("post_install", "-at_install")
class TestTurkishNameTable(TransactionCase):
    """The table of issue 18 (tests/turkish_names.py) through every way users search partners: the
    search bar (complete_name) and name_search; with PostgreSQL's unaccent and as on a
    server where it cannot be installed."""

    def _misses_and_false(self):
        Partner = self.env["res.partner"]
        stored = {}
        for name, _typed, _match in NAME_PAIRS + SEARCH_PAIRS:
            stored.setdefault(name, Partner.create({"name": name, "ref": "trtable"}))
        misses, false = [], []
        for name, typed, match in NAME_PAIRS + SEARCH_PAIRS:
            scope = [("ref", "=", "trtable")]
            found = [
                stored[name] in Partner.search([("complete_name", "ilike", typed), *scope]),  # search bar
                stored[name].id in {pid for pid, _n in Partner.name_search(typed, limit=1000)},
            ]
            if match and not all(found):
                misses.append((name, typed, found))
            if not match and any(found):
                false.append((name, typed, found))
        return misses, false

    def test_table_with_unaccent(self):
        self.assertEqual(self._misses_and_false(), ([], []), "0 misses and 0 false matches")

    def test_table_without_unaccent(self):
        # what a server without the unaccent extension runs: Odoo's ILIKE without unaccent()
        # and cxm_fold with its own table (replaced for this transaction only)
        self.patch(self.env.registry, "unaccent", lambda x: x)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE FUNCTION cxm_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS %s",
                fold_body(None),
            )
        )
        self.env.cr.execute("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off")
        self.env.cr.execute("SELECT cxm_fold('ŞAHİN Yılmaz Ağaoğlu')")
        self.assertEqual(self.env.cr.fetchone()[0], "sahin yilmaz agaoglu")
        self.assertEqual(self._misses_and_false(), ([], []), "0 misses and 0 false matches without unaccent")

    def test_python_and_sql_fold_agree_on_the_table(self):
        texts = sorted({text for name, typed, _m in NAME_PAIRS + SEARCH_PAIRS for text in (name, typed)})
        for body in (None, "with unaccent"):
            if body is None:
                self.env.cr.execute(
                    SQL(
                        "CREATE FUNCTION pg_temp.cxm_fold_plain(text) RETURNS text LANGUAGE sql IMMUTABLE AS %s",
                        fold_body(None),
                    )
                )
                function = SQL("pg_temp.cxm_fold_plain")
            else:
                function = SQL("cxm_fold")
            self.env.cr.execute(SQL("SELECT t, %s(t) FROM unnest(%s::text[]) AS t", function, texts))
            self.assertEqual(dict(self.env.cr.fetchall()), {text: fold(text) for text in texts}, body)
