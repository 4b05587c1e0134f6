# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM SMS",
    "summary": "SMS channel: Netgsm, Vonage, Twilio and generic HTTP providers in Odoo's SMS framework, "
    "signed webhooks, delivery reports, Turkish characters and segment count",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_channel", "sms", "sms_twilio"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "data/cxm_sms_data.xml",
        "views/cxm_integration_instance_views.xml",
        "views/res_config_settings_views.xml",
        "views/sms_composer_views.xml",
    ],
    "demo": ["demo/cxm_sms_demo.xml"],
}
