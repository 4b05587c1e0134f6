# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Consent for Mass Mailing",
    "summary": "E-mail and SMS campaigns reach only customers whose consent is effective at send time; "
    "excluded recipients are counted with the reason; unsubscribe links withdraw consent",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_consent", "mass_mailing", "mass_mailing_sms"],
    "auto_install": True,
    "data": ["views/mailing_mailing_views.xml", "views/res_config_settings_views.xml"],
}
