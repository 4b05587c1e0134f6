# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from stdnum.tr import tckimlik

from odoo.exceptions import AccessError, UserError

from odoo.addons.cxm_base.tests.turkish_names import NAME_PAIRS

from .common import CustomerDataCommon

FIRST = ["Ayse", "Mehmet", "Fatma", "Mustafa", "Emine", "Ahmet", "Hatice", "Ali", "Zeynep", "Huseyin", "Elif", "Hasan"]
LAST = ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk", "Arslan", "Dogan", "Kilic", "Aslan"]


CITIES = ["Istanbul", "Ankara", "Izmir", "Bursa", "Antalya", "Konya", "Adana", "Trabzon"]


def _tc(serial):
    """A valid Turkish national id (T.C. kimlik no) for a small serial number."""
    base = f"{100000000 + serial}"
    return base + tckimlik.calc_check_digits(base)


def _typo(name, rng):
    """A plausible variant of a name: a dropped letter, or other case."""
    if rng.random() < 0.5:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1 :]
    return name.upper()


class TestDedup(CustomerDataCommon):
    def test_precision_recall_on_generated_set(self):
        """120 distinct customers, 20 injected duplicates (same national id,
        e-mail in another case or phone in another format, name with a typo)
        and traps (a family sharing a phone, a contact sharing its company's
        e-mail): the detection finds the duplicates and not the traps."""
        rng = random.Random(42)
        Partner = self.env["res.partner"].with_company(self.company)
        people = []
        for i in range(120):
            name = f"{FIRST[i % 12]} {LAST[(i * 7) % 12]} {i}"
            people.append(
                {
                    "name": name,
                    "email": f"person{i}@example.com",
                    "phone": f"+90 532 {1000000 + i}",
                    "company_id": self.company.id,
                }
            )
        originals = Partner.create(people)
        expected = set()
        duplicates = []
        for n, original in enumerate(originals[:20]):
            kind = ("email", "phone", "national")[n % 3]
            vals = {"name": _typo(original.name, rng), "company_id": self.company.id}
            if kind == "email":
                vals["email"] = original.email.upper()
            elif kind == "phone":
                vals["phone"] = original.phone.replace("+90 ", "0")
            else:
                original.cxm_national_id = "10000000146" if n == 2 else None
                vals["cxm_national_id"] = original.cxm_national_id
                if not vals["cxm_national_id"]:
                    vals["email"] = original.email
            duplicates.append(vals)
        dups = Partner.create(duplicates)
        for original, dup in zip(originals[:20], dups, strict=True):
            expected.add(frozenset((original.id, dup.id)))
        # traps: same phone, other people; a company and its contact sharing an e-mail
        Partner.create({"name": "Kemal Tekin", "phone": originals[50].phone, "company_id": self.company.id})
        company = Partner.create({"name": "Tekin Ltd", "is_company": True, "email": "office@tekin.example"})
        Partner.create({"name": "Tekin Office", "parent_id": company.id, "email": "office@tekin.example"})

        groups = self.env["cxm.duplicate.group"].with_user(self.manager)._cxm_detect([self.company.id])
        found = {frozenset(g.partner_ids.ids) for g in groups}
        true_positive = len(found & expected)
        precision = true_positive / len(found)
        recall = true_positive / len(expected)
        self.assertGreaterEqual(recall, 0.98, f"missed: {expected - found}")
        self.assertGreaterEqual(precision, 0.95, f"wrong: {found - expected}")
        # a second detection does not repeat groups already listed
        self.assertFalse(self.env["cxm.duplicate.group"].with_user(self.manager)._cxm_detect([self.company.id]))

    def test_names_differing_in_turkish_letters_are_duplicates(self):
        Partner = self.env["res.partner"].with_context(default_company_id=self.company.id)
        written = Partner.create({"name": "Boğaziçi Lojistik A.Ş.", "is_company": True, "phone": "+90 212 987 65 43"})
        typed = Partner.create({"name": "Bogazici Lojistik AS", "is_company": True, "phone": "0212 987 65 43"})
        other = Partner.create({"name": "Çınar Eczanesi", "is_company": True, "phone": "0212 987 65 43"})
        groups = self.env["cxm.duplicate.group"].with_user(self.manager)._cxm_detect([self.company.id])
        found = {frozenset(g.partner_ids.ids) for g in groups}
        self.assertIn(frozenset((written | typed).ids), found, "same phone, same name but for Turkish letters")
        self.assertFalse(any(other.id in ids for ids in found), "same phone, another business")

    def test_merge_repoints_every_foreign_key(self):
        Partner = self.env["res.partner"]
        master = Partner.create({"name": "Fatma Kaya", "email": "fatma@example.com", "company_id": self.company.id})
        other = Partner.create(
            {
                "name": "Fatma Kaya (2)",
                "email": "fatma@example.com",
                "phone": "0532 111 22 33",
                "company_id": self.company.id,
            }
        )
        tag = self.env["res.partner.category"].create({"name": "Merge tag"})
        (master | other).category_id = tag
        contact = Partner.create({"name": "Assistant", "parent_id": other.id})
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Merge ticket", "description": "<p>x</p>", "partner_id": other.id}
        )
        other.message_post(body="A note on the duplicate")
        attachment = self.env["ir.attachment"].create(
            {"name": "doc.txt", "raw": b"x", "res_model": "res.partner", "res_id": other.id}
        )
        self.env["cxm.partner.identity"].create(
            {"partner_id": other.id, "key_type": "external", "source_id": self.source.id, "value": "ERP-9"}
        )
        self.env["cxm.customer.attribute"].create({"partner_id": other.id, "name": "segment", "value": "B"})
        group = self.env["cxm.duplicate.group"].create(
            {"partner_ids": [(6, 0, (master | other).ids)], "master_id": master.id, "company_id": self.company.id}
        )
        with self.assertRaises(AccessError):
            group.with_user(self.integration).action_merge()
        other_id = other.id
        group.with_user(self.manager).action_merge()
        self.assertEqual(group.state, "merged")
        self.assertFalse(other.exists())
        # nothing anywhere still points to the merged customer
        log = group.merge_log_id
        for table, column, kind, model_column in log._partner_references():
            if kind == "fk":
                query = f'SELECT count(*) FROM "{table}" WHERE "{column}" = %s'  # noqa: S608 (catalogue names)
                params = (other_id,)
            elif kind == "res_id":
                query = f'SELECT count(*) FROM "{table}" WHERE "{model_column}" = \'res.partner\' AND "{column}" = %s'  # noqa: S608
                params = (other_id,)
            else:
                query = f'SELECT count(*) FROM "{table}" WHERE "{column}" = %s'  # noqa: S608
                params = (f"res.partner,{other_id}",)
            self.env.cr.execute(query, params)
            self.assertEqual(self.env.cr.fetchone()[0], 0, f"{table}.{column} still points to the merged customer")
        self.assertEqual(contact.parent_id, master)
        self.assertEqual(ticket.partner_id, master)
        self.assertEqual(attachment.res_id, master.id)
        self.assertIn("A note on the duplicate", "".join(master.message_ids.mapped("body")))
        self.assertEqual(master.category_id, tag, "the shared tag is kept once")
        self.assertEqual(master.phone, "0532 111 22 33", "empty fields filled from the merged customer")
        self.assertEqual(self.by_key("ERP-9"), master, "external keys carried over")
        self.assertEqual(master.cxm_attribute_ids.value, "B")
        self.assertEqual(log.master_id, master)
        self.assertIn(str(other_id), log.merged_partner_ids)
        self.assertGreaterEqual(log.repointed_count, 6)

    def test_merge_refuses_parent_and_child(self):
        Partner = self.env["res.partner"]
        company = Partner.create({"name": "Parent Co", "is_company": True})
        contact = Partner.create({"name": "Child", "parent_id": company.id})
        with self.assertRaisesRegex(UserError, "own contacts"):
            self.env["cxm.merge.log"]._cxm_merge(company, contact)

    def test_merge_many_groups_at_once(self):
        Partner = self.env["res.partner"]
        tag = self.env["res.partner.category"].create({"name": "Shared tag"})
        a1, a2, a3, b1, b2 = Partner.create([{"name": n, "category_id": [(6, 0, tag.ids)]} for n in "ABCDE"])
        ticket_a3 = self.env["helpdesk.ticket"].create({"name": "T-A3", "description": "x", "partner_id": a3.id})
        ticket_b2 = self.env["helpdesk.ticket"].create({"name": "T-B2", "description": "x", "partner_id": b2.id})
        logs = self.env["cxm.merge.log"]._cxm_merge_groups([(a1, a2 | a3), (b1, b2)])
        self.assertEqual(len(logs), 2)
        self.assertFalse((a2 | a3 | b2).exists())
        self.assertEqual((ticket_a3.partner_id, ticket_b2.partner_id), (a1, b1))
        self.env.cr.execute(
            "SELECT partner_id, count(*) FROM res_partner_res_partner_category_rel WHERE category_id = %s "
            "GROUP BY partner_id ORDER BY partner_id",
            (tag.id,),
        )
        self.assertEqual(self.env.cr.fetchall(), [(a1.id, 1), (b1.id, 1)], "one tag row per kept customer")
        self.assertEqual(logs[0].repointed.get("helpdesk_ticket.partner_id"), 1)
        with self.assertRaisesRegex(UserError, "only be merged once"):
            self.env["cxm.merge.log"]._cxm_merge_groups([(a1, b1), (b1, a1)])

    def test_rule_same_national_id_merges_automatically(self):
        Partner = self.env["res.partner"]
        first = Partner.create(
            {"name": "Zeynep Arslan", "cxm_national_id": "10000000146", "company_id": self.company.id}
        )
        second = Partner.create(
            {"name": "Zeynep Arslan", "cxm_national_id": "100 000 001 46", "company_id": self.company.id}
        )
        email_twin = Partner.create({"name": "Zeynep Arslan", "email": "za@example.com", "company_id": self.company.id})
        email_twin_2 = Partner.create(
            {"name": "Zeynep Arslan", "email": "ZA@example.com", "company_id": self.company.id}
        )
        self.env["ir.config_parameter"].set_param("cxm_customer_data.auto_merge_national_id", "1")
        groups = self.env["cxm.duplicate.group"].with_user(self.manager)._cxm_detect([self.company.id])
        # detection also sees the database's other customers (demo data): only the groups of this test's customers count
        ours = first | second | email_twin | email_twin_2
        groups = groups.filtered(lambda g: g.partner_ids & ours)
        self.assertEqual(
            set(groups.mapped("state")), {"merged", "review"}, "only the national id rule merges by itself"
        )
        self.assertTrue(first.exists())
        self.assertFalse(second.exists())
        self.assertIn(email_twin, groups.filtered(lambda g: g.state == "review").partner_ids)

    # ------------------------------------------------------------ similar names, no shared key
    def _detect(self):
        """New groups, leaving out the test users sharing one generated e-mail."""
        groups = self.env["cxm.duplicate.group"].with_user(self.manager)._cxm_detect([self.company.id])
        return groups.filtered(lambda group: not group.partner_ids.user_ids)

    def test_name_only_duplicates_are_found_with_the_reason(self):
        """Customers sharing no key: the same name in other letters, case,
        spacing or word order, with the same city or (for a rare name) no
        conflicting key, are listed as similar names with a lower score."""
        Partner = self.env["res.partner"].with_company(self.company)
        written = Partner.create({"name": "Ahmet Yılmaz", "city": "İzmir", "email": "ahmet@example.com"})
        typed = Partner.create({"name": "AHMET  YILMAZ ", "city": "IZMIR", "phone": "+90 532 400 11 22"})
        ordered = Partner.create({"name": "Selin Karataş Öztürk", "email": "selin@example.com"})
        reordered = Partner.create({"name": "Ozturk Selin Karatas", "phone": "+90 532 400 33 44"})
        typo = Partner.create({"name": "Burak Çağlayan", "city": "Ankara"})
        typo_twin = Partner.create({"name": "Burak Caglayn", "city": "Ankara"})
        key_twin = Partner.create({"name": "Zeynep Arslan", "email": "zeynep@example.com"})
        key_dup = Partner.create({"name": "Zeynep Arslan", "email": "ZEYNEP@example.com"})
        groups = self._detect()
        by_members = {frozenset(g.partner_ids.ids): g for g in groups}
        group = by_members.get(frozenset((written | typed).ids))
        self.assertTrue(group, "same name in other letters and case, same city")
        self.assertEqual(group.match_kind, "name")
        self.assertEqual(group.reason, "similar names: 1.00, same city, no conflicting keys")
        self.assertLess(group.score, 0.8, "a similar name scores below any shared key")
        group = by_members.get(frozenset((ordered | reordered).ids))
        self.assertTrue(group, "words in another order, rare name, no conflicting key")
        self.assertIn("no conflicting keys", group.reason)
        self.assertNotIn("same city", group.reason)
        group = by_members.get(frozenset((typo | typo_twin).ids))
        self.assertTrue(group, "a letter missing, same city")
        self.assertRegex(group.reason, r"^similar names: 0\.7\d, same city")
        self.assertEqual(by_members[frozenset((key_twin | key_dup).ids)].match_kind, "key")
        self.assertEqual(len(groups), 4)

    def test_turkish_spellings_table(self):
        """The suite's Turkish name table (cxm_base/tests/turkish_names.py) through duplicate
        detection: each pair in a city of its own, grouped exactly when it must match."""
        Partner = self.env["res.partner"].with_company(self.company)
        pairs = []
        for index, (stored, typed, match) in enumerate(NAME_PAIRS):
            city = f"Tablo {index}"  # one city per pair: pairs never meet
            pairs.append((Partner.create([{"name": stored, "city": city}, {"name": typed, "city": city}]), match))
        found = {frozenset(g.partner_ids.ids) for g in self._detect()}
        misses = [tuple(pair.mapped("name")) for pair, match in pairs if match and frozenset(pair.ids) not in found]
        false = [tuple(pair.mapped("name")) for pair, match in pairs if not match and frozenset(pair.ids) in found]
        self.assertEqual((misses, false), ([], []), "0 misses and 0 false groups on the table")

    def test_common_names_in_different_cities_are_not_grouped(self):
        """Hundreds of Mehmet Yilmaz live in Turkiye: the same name in other
        cities, or with other e-mails and phones in the same city, or too
        many namesakes in one city, is no evidence."""
        Partner = self.env["res.partner"].with_company(self.company)
        in_cities = Partner.create(
            [
                {
                    "name": "Mehmet Yılmaz" if n % 2 else "MEHMET YILMAZ",
                    "city": CITIES[n],
                    "email": f"mehmet{n}@example.com",
                    "phone": f"+90 533 100 00 {10 + n}",
                }
                for n in range(len(CITIES))
            ]
        )
        keyed_in_bursa = Partner.create(
            [
                {
                    "name": "Mehmet Yilmaz",
                    "city": "Bursa",
                    "email": f"bursa{n}@example.com",
                    "phone": f"0533 200 00 {10 + n}",
                }
                for n in range(3)
            ]
        )
        crowd_in_konya = Partner.create([{"name": "Mehmet Yılmaz", "city": "Konya"} for _n in range(3)])
        groups = self._detect()
        namesakes = set((in_cities | keyed_in_bursa | crowd_in_konya).ids)
        self.assertFalse([g.reason for g in groups if namesakes & set(g.partner_ids.ids)])

    def test_different_national_ids_are_never_grouped(self):
        Partner = self.env["res.partner"].with_company(self.company)
        common = {"city": "Trabzon", "street": "Uzun Sokak 5", "zip": "61030"}
        first = Partner.create({"name": "Hüseyin Doğan", "cxm_national_id": _tc(1), **common})
        Partner.create({"name": "Huseyin Dogan", "cxm_national_id": _tc(2), **common})
        contact_a = Partner.create({"name": "Gülşen Bayraktar", "parent_id": self.company.partner_id.id})
        company_b = Partner.create({"name": "Bayraktar Ltd", "is_company": True})
        Partner.create({"name": "Gulsen Bayraktar", "parent_id": company_b.id})
        self.assertTrue(first.cxm_national_id)
        groups = self._detect()
        self.assertFalse(groups, "different national ids; contacts of two companies")
        # the same person without the second id is found, at the same address
        third = Partner.create({"name": "HUSEYIN DOGAN", **common})
        contact_a2 = Partner.create({"name": "Gulsen Bayraktar", "parent_id": self.company.partner_id.id})
        found = {frozenset(g.partner_ids.ids): g.reason for g in self._detect()}
        self.assertEqual(len(found), 2, found)
        reason = next(reason for ids, reason in found.items() if third.id in ids)
        self.assertIn("same address", reason)
        self.assertIn(frozenset((contact_a | contact_a2).ids), found)
        self.assertIn("same company", found[frozenset((contact_a | contact_a2).ids)])

    def test_similar_names_never_make_a_giant_group(self):
        Partner = self.env["res.partner"].with_company(self.company)
        crowd = Partner.create([{"name": "Derya Aksoy", "zip": "34710", "street": "Bahariye Cd."} for _n in range(14)])
        groups = self._detect()
        self.assertTrue(groups)
        self.assertLessEqual(max(len(g.partner_ids) for g in groups), 10)
        self.assertLessEqual(set(groups.partner_ids.ids), set(crowd.ids))

    def test_name_similarity_setting(self):
        Partner = self.env["res.partner"].with_company(self.company)
        twins = Partner.create([{"name": "Emre Tunç", "city": "Adana"}, {"name": "Emre Tunc", "city": "Adana"}])
        ICP = self.env["ir.config_parameter"]
        ICP.set_param("cxm_customer_data.name_similarity", "1.5")
        with self.assertRaisesRegex(UserError, "name_similarity"):
            self._detect()
        self.assertFalse(self.env["cxm.duplicate.group"].search([("partner_ids", "in", twins.ids)]))
        ICP.set_param("cxm_customer_data.name_similarity", "0")
        self.assertFalse(self._detect(), "0 switches the similar-names pass off")
        ICP.set_param("cxm_customer_data.name_similarity", "0.9")
        self.assertEqual(len(self._detect()), 1)

    def test_precision_recall_with_a_name_only_slice(self):
        """60 customers in several cities, 20 injected duplicates sharing a
        key and 12 sharing none (name in other case, letters, word order or
        spacing, same city), and traps: namesakes
        in other cities, namesakes with another national id, a family in one
        city with one surname. Precision and recall per kind."""
        rng = random.Random(5)
        Partner = self.env["res.partner"].with_company(self.company)
        firsts = ["Aysel", "Berkay", "Cansu", "Dogukan", "Ecrin", "Furkan", "Gizem", "Hakan", "Irem", "Kaan"]
        lasts = ["Albayrak", "Bozkurt", "Cengiz", "Dursun", "Erdogan", "Guler", "Hancer", "Inan"]
        originals = Partner.create(
            [
                {
                    "name": f"{firsts[i % 10]} {lasts[(i // 10 + i) % 8]}",
                    "city": CITIES[i % 8],
                    "email": f"o{i}@example.com",
                    "phone": f"+90 532 {3000000 + i}",
                }
                for i in range(60)
            ]
        )
        key_vals, name_vals = [], []
        for n, original in enumerate(originals[:20]):
            vals = {"name": _typo(original.name, rng)}
            if n % 2:
                vals["email"] = original.email.upper()
            else:
                vals["phone"] = original.phone.replace("+90 ", "0")
            key_vals.append(vals)
        variants = [
            lambda name: name.upper(),
            lambda name: " ".join(reversed(name.split())),
            lambda name: name.replace("g", "ğ").replace("s", "ş").replace("i", "ı"),
            lambda name: "  " + name.replace(" ", "   ") + ".",
        ]
        for n, original in enumerate(originals[20:32]):
            name_vals.append({"name": variants[n % 4](original.name), "city": original.city.upper()})
        key_dups, name_dups = Partner.create(key_vals), Partner.create(name_vals)
        # traps: namesakes elsewhere, a namesake with another national id, a family
        originals[40].cxm_national_id = _tc(40)
        Partner.create(
            [
                {"name": originals[32].name, "city": CITIES[(32 + 1) % 8]},
                {"name": originals[33].name.upper(), "city": CITIES[(33 + 3) % 8], "email": "x33@example.com"},
                {"name": originals[40].name, "city": originals[40].city, "cxm_national_id": _tc(41)},
                {"name": "Cansu Albayrak", "city": "Rize", "phone": "+90 532 9999999"},
                {"name": "Kaan Albayrak", "city": "Rize", "phone": "+90 532 9999999"},
            ]
        )
        groups = self._detect()
        key_expected = {frozenset(pair) for pair in zip(originals[:20].ids, key_dups.ids, strict=True)}
        name_expected = {frozenset(pair) for pair in zip(originals[20:32].ids, name_dups.ids, strict=True)}
        for kind, expected in (("key", key_expected), ("name", name_expected)):
            found = {frozenset(g.partner_ids.ids) for g in groups if g.match_kind == kind}
            self.assertTrue(found, kind)
            precision = len(found & expected) / len(found)
            recall = len(found & expected) / len(expected)
            self.assertGreaterEqual(recall, 0.98, f"{kind} missed: {expected - found}")
            self.assertGreaterEqual(precision, 0.95, f"{kind} wrong: {found - expected}")
