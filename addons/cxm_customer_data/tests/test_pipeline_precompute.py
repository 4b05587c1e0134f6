# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo.api import NewId

from .common import CustomerDataCommon
from .test_import_files import random_rows


def pipeline_records(rows):
    """The rows of a seeded import file as records of the pipeline."""
    records = []
    for row in rows:
        record = {key: value for key, value in row.items() if not key.startswith("attr:") and value != ""}
        record["attributes"] = {"segment": row["attr:segment"]} if row.get("attr:segment") else {}
        records.append(record)
    return records


class TestPipelinePrecompute(CustomerDataCommon):
    """The stored fields computed before the set-based insert are computed once
    per distinct combination of the values they depend on: the same values as
    the ORM's own computation, row by row."""

    def stored_computed(self, partners):
        return [
            name
            for name, field in partners._fields.items()
            if field.store and field.compute and field.column_type and name != "display_name"
        ]

    def assert_orm_values(self, partners):
        """Every stored computed field of ``partners`` is what the ORM computes."""
        names = self.stored_computed(partners)
        self.env.invalidate_all()
        stored = partners.read(names)
        for name in names:
            self.env.add_to_compute(partners._fields[name], partners)
        partners._recompute_recordset(names)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(partners.read(names), stored)

    def test_grouped_computation_equals_row_by_row(self):
        """On varied new customers (countries, languages, parents, companies,
        e-mails, phones), each stored computed field computed once per
        distinct input gives every row the value its own computation gives."""
        Pipeline = self.env["cxm.customer.pipeline"]
        Partner = self.env["res.partner"]
        salesman = self.env["res.users"].create({"name": "Sales", "login": "cd_precompute_sales"})
        parents = Partner.create(
            [
                {"name": "Holding", "is_company": True, "lang": "en_US", "user_id": salesman.id},
                {"name": "Solo Parent", "country_id": self.env.ref("base.de").id},
            ]
        )
        countries = [False, self.env.ref("base.tr").id, self.env.ref("base.de").id, self.env.ref("base.be").id]
        rng = random.Random(19)
        vals_list = []
        for i in range(60):
            vals = {"name": f"Customer {i % 7}", "is_company": rng.random() < 0.3}
            for fname, value in (
                ("country_id", rng.choice(countries)),
                ("parent_id", rng.choice([False, False, *parents.ids])),
                ("email", rng.choice(["", f"c{i % 5}@example.com", f"Üye{i}@Örnek.example"])),
                ("phone", rng.choice(["", f"+90532{i % 3:07d}"])),
                ("vat", rng.choice(["", "TR1234567890", "BE0477472701"])),
                ("lang", rng.choice(["", "en_US"])),
            ):
                if value:
                    vals[fname] = value
            vals_list.append(vals)
        row_base = {"company_id": self.company.id, "type": "contact", "active": True, "partner_share": True}
        given = list({**dict.fromkeys(n for vals in vals_list for n in vals), **dict.fromkeys(row_base)})
        # Odoo's own stored computations and those of the installed modules, whose values are not new ids
        fields_ = [
            field
            for name, field in Partner._fields.items()
            if field.store
            and field.compute
            and field.column_type
            and field.column_type[0] != "jsonb"
            and field.type not in ("binary", "one2many", "many2many")
            and name not in ("display_name", "commercial_partner_id")
        ]
        self.assertTrue({"lang", "user_id", "complete_name", "email_normalized"} <= {f.name for f in fields_})
        groups = {}
        for field in fields_:
            groups.setdefault(field.compute, []).append(field)
        shared = 0
        for group in groups.values():
            inputs = Pipeline._precompute_inputs(group, given)
            grouped = Pipeline._precompute_group(group, vals_list, row_base, given, inputs)
            row_by_row = Pipeline._precompute_group(group, vals_list, row_base, given, None)
            names = [f.name for f in group]
            if grouped is None:  # reads outside its dependencies: the pipeline computes it row by row
                continue
            for field in group:
                if any(isinstance(value, NewId) for value in row_by_row[field]):
                    continue  # left to the ORM after the insert
                self.assertEqual(grouped[field], row_by_row[field], names)
            shared += len({tuple(vals.get(n, row_base.get(n)) for n in inputs[0]) for vals in vals_list}) < 60
        self.assertGreater(shared, 2, "most computations depend on few distinct inputs")

        # and row by row is what the ORM stores for the same values (for the fields not given: the
        # language given to some rows is kept, as on any new record; the pipeline computes it itself)
        row_by_row = {}
        for group in groups.values():
            row_by_row.update(Pipeline._precompute_group(group, vals_list, row_base, given, None))
        created = Partner.create([{**vals, "company_id": self.company.id} for vals in vals_list])
        for name in ("user_id", "complete_name", "email_normalized", "phone_sanitized"):
            field = Partner._fields[name]
            self.assertEqual(row_by_row[field], [field.convert_to_write(p[name], p) for p in created], name)

    def test_undeclared_read_falls_back_to_row_by_row(self):
        """A computation that reads a field it was not grouped on is detected,
        and the pipeline computes it row by row."""
        Pipeline = self.env["cxm.customer.pipeline"]
        field = self.env["res.partner"]._fields["complete_name"]  # reads the name
        vals_list = [{"name": "A", "country_id": self.env.ref("base.tr").id}, {"name": "B"}]
        given = ["name", "country_id"]
        self.assertIsNone(Pipeline._precompute_group([field], vals_list, {}, given, (["country_id"], {"country_id"})))
        inputs = Pipeline._precompute_inputs([field], given)
        self.assertIn("name", inputs[0])
        grouped = Pipeline._precompute_group([field], vals_list, {}, given, inputs)
        self.assertEqual(grouped[field], ["A", "B"])

    def test_seeded_random_file_keys_and_orm_values(self):
        """A seeded random file through the pipeline: every
        created customer has the identity keys its fields give and the stored
        computed values the ORM computes; the identical re-run changes no row."""
        records = pipeline_records(random_rows(23, 160))
        first = self.upsert(records)
        created = self.env["res.partner"].browse({r["partner_id"] for r in first if r["status"] == "created"})
        self.assertGreater(len(created), 15, first)
        errors = [r for r in first if r["status"] == "error"]
        self.assertTrue(errors and all(r["errors"] and not r["partner_id"] for r in errors))
        self.assert_orm_values(created)
        Identity = self.env["cxm.partner.identity"]
        Identity.flush_model()
        desired = Identity._cxm_compute_keys(Identity._cxm_read_partners(created.ids))
        self.env.cr.execute(
            """SELECT partner_id, key_type, value, company_id FROM cxm_partner_identity
                WHERE partner_id = ANY(%s) AND key_type != 'external'""",
            [created.ids],
        )
        self.assertEqual(set(self.env.cr.fetchall()), set(desired))
        for result, record in zip(first, records, strict=True):
            if result["status"] == "created":
                self.assertEqual(self.by_key(record["external_key"]).id, result["partner_id"])
        before = self.row_versions(created)
        again = self.upsert(records)
        self.assertEqual(
            [r["status"] for r in again if r["status"] != "error"],
            ["unchanged"] * len([r for r in again if r["status"] != "error"]),
        )
        self.assertEqual([r["errors"] for r in again], [r["errors"] for r in first])
        self.assertEqual(self.row_versions(created), before, "an identical re-run writes no row")
