# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CatalogCommon

# every service of the reference scope of service: code -> (pricing unit, half-days, full days)
REFERENCE = {
    "1.1.1": ("participant", 5, 0),
    "1.1.2": ("session", 0, 1),
    "1.2.1": ("participant", 4, 2),
    "1.2.2": ("session", 0, 1),
    "1.3.1": ("participant", 6, 2),
    "2.1.1": ("specialist_day", 0, 0),
    "2.1.2": ("specialist_day", 0, 0),
    "2.2.1": ("specialist_day", 0, 0),
    "2.2.2": ("specialist_day", 0, 0),
    "2.2.3": ("specialist_day", 0, 0),
    "2.3.1": ("fixed", 0, 0),
    "2.3.2": ("fixed", 0, 0),
    "2.3.3": ("fixed", 0, 0),
    "3.1.1": ("instance", 0, 0),
    "3.1.2": ("instance", 0, 0),
    "3.1.3": ("instance", 0, 0),
    "3.1.4": ("instance", 0, 0),
    "3.1.5": ("instance", 0, 0),
    "3.1.6": ("instance", 0, 0),
    "3.1.7": ("instance", 0, 0),
    "3.1.8": ("instance", 0, 0),
    "3.1.9": ("instance", 0, 0),
    "3.1.10": ("instance", 0, 0),
    "3.1.11": ("instance", 0, 0),
    "3.1.12": ("instance", 0, 0),
    "3.1.13": ("fixed", 0, 0),
    "3.1.14": ("fixed", 0, 0),
    "3.1.15": ("fixed", 0, 0),
    "3.1.16": ("fixed", 0, 0),
    "3.1.17": ("fixed", 0, 0),
    "3.1.18": ("fixed", 0, 0),
    "3.2.1": ("instance", 0, 0),
    "3.2.2": ("instance", 0, 0),
    "3.2.3": ("instance", 0, 0),
    "3.2.4": ("instance", 0, 0),
    "3.2.5": ("instance", 0, 0),
    "3.2.6": ("fixed", 0, 0),
    "3.2.7": ("fixed", 0, 0),
    "3.3.1": ("instance", 0, 0),
    "3.3.2": ("instance", 0, 0),
    "3.3.3": ("instance", 0, 0),
    "3.3.4": ("instance", 0, 0),
    "3.3.5": ("specialist_day", 0, 4),
    "3.3.6": ("specialist_day", 0, 0),
    "3.3.7": ("specialist_day", 0, 3),
    "3.3.8": ("specialist_day", 0, 0),
    "3.4.1": ("fixed", 0, 0),
    "3.4.2": ("fixed", 0, 0),
    "3.4.3": ("fixed", 0, 0),
    "3.4.5": ("fixed", 0, 0),
    "3.4.6": ("fixed", 0, 0),
    "3.4.7": ("specialist_day", 0, 0),
}


@tagged("post_install", "-at_install")
class TestCatalogData(CatalogCommon):
    def test_every_reference_service_is_installed_with_its_unit_and_duration(self):
        services = self.env["product.template"].search([("cxm_catalog_code", "in", list(REFERENCE))])
        by_code = {s.cxm_catalog_code: s for s in services}
        self.assertEqual(sorted(by_code), sorted(REFERENCE), "a service of the reference page is missing")
        for code, (unit, half, full) in REFERENCE.items():
            service = by_code[code]
            with self.subTest(code=code, name=service.name):
                self.assertEqual(service.type, "service")
                self.assertEqual(service.cxm_pricing_unit, unit)
                self.assertEqual((service.cxm_half_days, service.cxm_full_days), (half, full))
                self.assertTrue(service.description_sale, "the service describes itself")
                self.assertEqual(
                    service.uom_id.name,
                    {
                        "participant": "Participants",
                        "session": "Sessions",
                        "instance": "Instances",
                        "specialist_day": "Specialist Days",
                        "fixed": "Units",
                    }[unit],
                )

    def test_trainings_read_as_the_reference_says(self):
        design = self.env.ref("cxm_service_catalog.product_design_customer_service")
        self.assertEqual(design.cxm_duration, "4 half-days + 2 full days")
        self.assertEqual(design.cxm_delivery_mode, "online")
        self.assertEqual(design.service_tracking, "event", "per-person trainings sell event seats")
        enduser = self.env.ref("cxm_service_catalog.product_enduser_customer_service")
        self.assertEqual((enduser.cxm_duration, enduser.cxm_delivery_mode), ("1 full day", "class"))
        self.assertEqual(
            self.env.ref("cxm_service_catalog.product_design_business_process").cxm_duration,
            "6 half-days + 2 full days",
        )

    def test_deliverables_and_per_instance_integrations(self):
        report = self.env.ref("cxm_service_catalog.product_bpm_report_design")
        self.assertIn("Ten report/dashboard examples", report.cxm_deliverable_ids.mapped("name"))
        analysis = self.env.ref("cxm_service_catalog.product_cs_analysis_design")
        self.assertEqual(analysis.cxm_deliverable_ids.mapped("name"), ["Solution Design Report"])
        self.assertIn(
            "8 to 10 statuses", self.env.ref("cxm_service_catalog.product_bpm_analysis_design").description_sale
        )
        services = self.env["product.product"]._cxm_integration_services()
        self.assertEqual(services["call_center"], self.call_center)
        self.assertEqual(services["website"], self.website, "the anonymous help centre first")
        self.assertEqual(services["sms"].cxm_catalog_code, "3.1.3", "the supported provider first")
        self.assertEqual(services["social"].cxm_catalog_code, "3.1.8")
