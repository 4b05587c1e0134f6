# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo.exceptions import AccessError, UserError

from .common import CustomerDataCommon

FIRST = ["Ayse", "Mehmet", "Fatma", "Mustafa", "Emine", "Ahmet", "Hatice", "Ali", "Zeynep", "Huseyin", "Elif", "Hasan"]
LAST = ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk", "Arslan", "Dogan", "Kilic", "Aslan"]


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
        Partner.create({"name": "Zeynep Arslan", "email": "ZA@example.com", "company_id": self.company.id})
        self.env["ir.config_parameter"].set_param("cxm_customer_data.auto_merge_national_id", "1")
        groups = self.env["cxm.duplicate.group"].with_user(self.manager)._cxm_detect([self.company.id])
        by_state = {g.state: g for g in groups}
        self.assertEqual(set(by_state), {"merged", "review"}, "only the national id rule merges by itself")
        self.assertTrue(first.exists())
        self.assertFalse(second.exists())
        self.assertIn(email_twin, by_state["review"].partner_ids)
