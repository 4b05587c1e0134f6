# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase


@tagged("post_install", "-at_install")
class RestCommon(HttpCase):
    """A source system with its technical user and a 'customers' API key,
    called over real HTTP through the server's /cxm/api app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.company = cls.env.company
        cls.company.cxm_phone_region_id = cls.env.ref("base.tr")
        cls.tech = new_test_user(cls.env, "rest_tech", groups="cxm_base.group_cxm_integration")
        cls.instance = cls.env["cxm.integration.instance"].create(
            {"name": "REST ERP", "code": "rest-erp", "kind": "data_source", "state": "active", "user_id": cls.tech.id}
        )
        _rec, cls.key = cls.env["cxm.integration.api.key"]._generate(cls.instance, "erp", scope="customers")

    def _call(self, method, path, body, *, key=None, headers=None):
        return self.url_open(
            path,
            data=json.dumps(body),
            headers={"X-API-Key": key or self.key, "Content-Type": "application/json", **(headers or {})},
            method=method,
        )

    def by_key(self, key):
        return (
            self.env["cxm.partner.identity"]
            .search([("key_type", "=", "external"), ("source_id", "=", self.instance.id), ("value", "=", key)])
            .partner_id
        )


class TestRestUpsert(RestCommon):
    def upsert(self, records, **kwargs):
        return self._call("POST", "/cxm/api/v1/customers/upsert", {"records": records}, **kwargs)

    def test_upsert_then_idempotent_replay(self):
        records = [
            {"external_key": "C-1", "name": "Rest Company", "is_company": True},
            {"external_key": "P-1", "name": "Rest Person", "parent_key": "C-1", "phone": "0532 555 66 77"},
        ]
        response = self.upsert(records, headers={"Idempotency-Key": "batch-1"})
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual((body["created"], body["failed"], body["replayed"]), (2, 0, False))
        person = self.by_key("P-1")
        self.assertEqual(person.phone, "+905325556677")
        self.assertEqual(person.parent_id, self.by_key("C-1"))
        self.assertEqual(body["results"][1]["partner_id"], person.id)
        self.assertEqual(person.create_uid, self.tech, "written as the instance's technical user")
        write_date = person.write_date
        # the same request again: the first answer, nothing written
        again = self.upsert([{"external_key": "P-1", "name": "Changed"}], headers={"Idempotency-Key": "batch-1"})
        self.assertEqual(again.status_code, 200, again.text)
        self.assertTrue(again.json()["replayed"])
        self.assertEqual(again.json()["results"], body["results"])
        person.invalidate_recordset()
        self.assertEqual((person.name, person.write_date), ("Rest Person", write_date))
        # without key, an unchanged record is a no-op
        same = self.upsert(records[1:])
        self.assertEqual(same.json()["results"][0]["status"], "unchanged")
        self.assertEqual(
            len(
                self.env["cxm.integration.log"].search(
                    [("endpoint", "like", "/customers/upsert"), ("instance_id", "=", self.instance.id)]
                )
            ),
            3,
        )

    def test_invalid_rows_get_errors_and_write_nothing(self):
        response = self.upsert(
            [
                {"external_key": "G-1", "name": "Good"},
                {"external_key": "B-1", "name": "Bad phone", "phone": "12", "email": "bad1@example.com"},
                {"external_key": "B-2", "name": "Bad mail", "email": "not-an-address", "city": "Izmir"},
            ]
        )
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual([r["status"] for r in body["results"]], ["created", "error", "error"])
        self.assertEqual(body["results"][1]["errors"][0]["field"], "phone")
        self.assertEqual(body["results"][2]["errors"][0]["field"], "email")
        self.assertIsNone(body["results"][1]["partner_id"])
        self.assertTrue(self.by_key("G-1"))
        hostile = self.upsert([{"external_key": "H-1", "name": "Nul\x00 Name", "attributes": {"se\x00g": "A\x00"}}])
        # NUL cannot be stored: the REST gate refuses the request, clearly, before anything is written
        self.assertEqual(hostile.status_code, 400, hostile.text)
        self.assertEqual(hostile.json()["error"], "invalid_text")
        self.assertFalse(self.by_key("H-1"))
        self.assertFalse(self.by_key("B-1") | self.by_key("B-2"))
        Partner = self.env["res.partner"].with_context(active_test=False)
        self.assertFalse(Partner.search([("name", "in", ("Bad phone", "Bad mail"))]), "nothing half-written")
        # a malformed record (unknown field) refuses the whole request: nothing written
        refused = self.upsert([{"external_key": "G-2", "name": "Fine"}, {"name": "x", "fax": "1"}])
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["error"], "invalid")
        self.assertEqual(refused.json()["field"], "records.1.fax")
        self.assertFalse(self.by_key("G-2"))

    def test_refusals_are_json(self):
        bad_key = self.upsert([{"name": "Nobody"}], key="cxm_not_a_key")
        self.assertEqual(bad_key.status_code, 401)
        self.assertEqual(bad_key.json()["error"], "unauthorized")
        cti_key = self.env["cxm.integration.api.key"]._generate(self.instance, "cti only", scope="cti")[1]
        self.assertEqual(self.upsert([{"name": "Nobody"}], key=cti_key).status_code, 401, "scope is enforced")
        too_many = self.upsert([{"name": f"N{n}"} for n in range(1001)])
        self.assertEqual(too_many.status_code, 422)
        self.assertEqual(too_many.json()["field"], "records")
        too_big = self.upsert([{"name": "x" * 200, "street": "y" * 200} for _n in range(700)])
        self.assertEqual(too_big.status_code, 413)
        self.assertEqual(too_big.json()["error"], "too_large")
        self.assertEqual(self.upsert([]).status_code, 422)
        self.assertFalse(self.env["res.partner"].search([("name", "in", ("Nobody", "N1", "x" * 200))]))

    def test_openapi_lists_the_route(self):
        spec = self.url_open("/cxm/api/openapi.json").json()
        self.assertIn("/v1/customers/upsert", spec["paths"])
        schema = spec["components"]["schemas"]["CustomerIn"]
        self.assertIn("parent_key", schema["properties"])
