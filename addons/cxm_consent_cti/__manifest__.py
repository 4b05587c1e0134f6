# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CXM Consent in the Call-Centre View",
    "summary": "SMS-code consent opt-in from the call-centre 360° view, on the caller's number",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "author": "CXM for Odoo contributors",
    "website": "https://github.com/cxm-odoo/cxm",
    "category": "Customer Experience",
    "depends": ["cxm_consent", "cxm_cti"],
    "auto_install": True,
    "data": ["views/cxm_cti_call_views.xml"],
}
